"""The public engine: ``Analyzer`` turns texts into ``Report`` objects.

The spaCy pipeline (model plus the analyser's components) does the finding; this module turns
its ``doc._`` extensions into the report's frozen dataclasses, with offsets into the original
text.

How a text is analysed, for speed and bounded memory:

- The model (tagger, parser, NER) runs on each paragraph as its own Doc; the paragraphs of a
  chunk (paragraph-aligned, at most ``CHUNK_CHARS`` characters) are joined with
  ``Doc.from_docs`` and the analyser's own components run on the joined Doc, so that what
  spans paragraphs (pronouns, a quotation over two paragraphs) is still seen whole.
- ``Analyzer.analyze`` keeps the model's Doc of recent paragraphs (an LRU cache keyed by the
  paragraph's text): after an edit only the paragraphs that changed are parsed again, which is
  what makes the language server's re-analysis cheap. The report is the same as a cold
  analysis because a cold analysis parses paragraph by paragraph too.
- Each chunk's findings are copied out of its Doc into plain tuples as soon as its components
  have run, and the Doc is released: memory stays that of one chunk, however long the text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from analyzer.components.quotes import ORIGINAL_TEXT, PARSED_TEXT
from analyzer.config import Config
from analyzer.errors import InputError
from analyzer.language import detect
from analyzer.lexicons import normalise
from analyzer.pipeline import COMPONENTS, build
from analyzer.report import (
    Attribution,
    Claim,
    Cue,
    Framing,
    Hedge,
    Report,
    Source,
    Span,
    Speaker,
)
from analyzer.score import compute, findings

_PARAGRAPH_END = re.compile(r"\n\s*\n")
#: Longer texts are analysed in paragraph-aligned chunks of at most this many characters, so
#: that time and memory grow linearly with the input (a news article is far shorter).
CHUNK_CHARS = 50_000
#: Paragraph Docs ``Analyzer.analyze`` keeps for re-analysis (a few long articles' worth).
PARAGRAPH_CACHE = 512
#: Paragraphs per model batch in ``pipe``: paragraphs are short, so batches hold more of them.
PARAGRAPHS_PER_BATCH = 8


class Analyzer:
    """The analyser for one language, its spaCy pipeline loaded once."""

    def __init__(
        self, lang: str = "fr", config: Config | None = None, cache_size: int = PARAGRAPH_CACHE
    ) -> None:
        self.lang = lang
        self.config = config or Config()
        self.nlp: Language = build(lang, self.config.loaded_terms)
        self.cache_size = cache_size
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._model_off = [n for n in self.nlp.pipe_names if n in COMPONENTS]
        self._own = [(n, p) for n, p in self.nlp.pipeline if n in COMPONENTS]

    def analyze(self, text: str, path: str | None = None, original: str | None = None) -> Report:
        """Analyse one text; raise InputError on empty input. ``original`` is the file as the
        editor shows it when ``text`` is a same-length copy with markup blanked out: offsets
        and span texts then point into ``original``. The model's Docs of its paragraphs are
        cached, so analysing an edited version again parses only the paragraphs that changed
        (same report as a cold analysis)."""
        return next(self.pipe([text], paths=[path], originals=[original], cache=True))

    def pipe(
        self,
        texts: Iterable[str],
        batch_size: int = 16,
        n_process: int = 1,
        paths: Iterable[str | None] | None = None,
        originals: Iterable[str | None] | None = None,
        cache: bool = False,
    ) -> Iterator[Report]:
        """Analyse many texts, in order, streamed (texts are read as the model needs them).
        ``n_process > 1`` spreads them over worker processes, each loading the model once;
        ``cache`` reuses the paragraph cache of ``analyze`` (for repeated, edited texts)."""
        texts = iter(texts)
        paths = iter(paths) if paths is not None else None
        originals = iter(originals) if originals is not None else None
        jobs = (
            (text, next(paths) if paths else None, next(originals) if originals else None)
            for text in texts
        )
        if n_process > 1:
            columns = list(zip(*jobs, strict=True)) or [(), (), ()]
            with ProcessPoolExecutor(
                n_process, initializer=_init_worker, initargs=(self.lang, self.config)
            ) as ex:
                batch = max(1, batch_size // 4)
                yield from ex.map(_worker_analyze, *columns, chunksize=batch)
            return
        queue: deque[_Job] = deque()

        def paragraphs() -> Iterator[str]:
            for text, path, original in jobs:
                job = _Job(text, path, original, min(self.nlp.max_length, CHUNK_CHARS))
                queue.append(job)
                for chunk in job.paragraphs:
                    yield from chunk

        current: list[Doc] = []
        for doc in self._parse(paragraphs(), batch_size * PARAGRAPHS_PER_BATCH, cache):
            job = queue[0]
            current.append(doc)
            if len(current) < len(job.paragraphs[len(job.found)]):
                continue
            job.found.append(self._chunk_findings(job, current))
            current = []
            if len(job.found) == len(job.chunks):
                queue.popleft()
                yield job.report(self.lang, self.config)

    def _parse(self, paragraphs: Iterable[str], batch_size: int, cache: bool) -> Iterator[Doc]:
        """The model's Docs of ``paragraphs`` (model components only), in order."""
        if not cache or self.cache_size <= 0:
            docs = (self.nlp.make_doc(model_text(p)) for p in paragraphs)
            yield from self.nlp.pipe(docs, batch_size=batch_size, disable=self._model_off)
            return
        wanted = list(paragraphs)
        missing = [p for p in dict.fromkeys(wanted) if p not in self._cache]
        model = (self.nlp.make_doc(model_text(p)) for p in missing)
        parsed = self.nlp.pipe(model, batch_size=batch_size, disable=self._model_off)
        fresh = dict(zip(missing, parsed, strict=True))
        for paragraph in wanted:
            doc = fresh.get(paragraph) or self._cache[paragraph]
            self._cache[paragraph] = doc
            self._cache.move_to_end(paragraph)
            yield doc
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _chunk_findings(self, job: _Job, docs: list[Doc]) -> _Found:
        """Join a chunk's paragraph Docs, run the analyser's components, keep the findings."""
        number = len(job.found)
        offset, chunk = job.chunks[number]
        doc = docs[0].copy() if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
        doc.user_data[ORIGINAL_TEXT] = chunk
        # the paragraphs' model texts joined: the chunk as the model read it (model_text works
        # character by character and a paragraph ends on white space), so no one joins doc.text
        doc.user_data[PARSED_TEXT] = model_text(chunk)
        for _, component in self._own:
            doc = component(doc)
        return _Found.of(doc, offset)

    def clear_cache(self) -> None:
        self._cache.clear()


#: The small models tag « as a verb and misparse around it; they read '"' as punctuation. They
#: also take a typographic apostrophe (l’État) for a word of its own; they read "'" well.
_MODEL_QUOTES = str.maketrans({**{c: '"' for c in "«»“”‹›„"}, "’": "'"})


def model_text(text: str) -> str:
    """``text`` as the model reads it (same length): typographic marks as above, and a ‘ typed
    for an apostrophe between two letters (l‘instruction) as one; elsewhere ‘ opens a quote."""
    text = text.translate(_MODEL_QUOTES)
    at = text.find("‘")
    while at != -1:
        if 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha():
            text = f"{text[:at]}'{text[at + 1 :]}"
        at = text.find("‘", at + 1)
    return text


def model_doc(nlp: Language, text: str) -> Doc:
    """The Doc the model parses: typographic quotation marks shown to it as '"' (same length,
    same offsets); the original text rides along for the quotes component."""
    doc = nlp.make_doc(model_text(text))
    doc.user_data[ORIGINAL_TEXT] = text
    return doc


def paragraphs_of(chunk: str) -> list[str]:
    """``chunk`` cut after each blank line; the pieces join back to ``chunk``."""
    pieces, last = [], 0
    for match in _PARAGRAPH_END.finditer(chunk):
        pieces.append(chunk[last : match.end()])
        last = match.end()
    pieces.append(chunk[last:])
    return [p for p in pieces if p]


@dataclass
class _Job:
    """One text on its way through ``pipe``: its chunks and the findings of those done."""

    text: str
    path: str | None
    original: str | None
    max_length: int
    chunks: list[tuple[int, str]] = field(init=False)
    paragraphs: list[list[str]] = field(init=False)
    positions: array | None = field(init=False)
    found: list[_Found] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check_text(self.text)
        tidied, self.positions = tidy_whitespace(self.text)
        self.chunks = _chunks(tidied, self.max_length)
        self.paragraphs = [paragraphs_of(c) for _, c in self.chunks]

    def report(self, lang: str, config: Config) -> Report:
        original = self.original
        shown = original if original is not None and len(original) == len(self.text) else self.text
        return assemble(shown, self.found, lang, self.path, config, self.positions)


def analyze(text: str, lang: str | None = None) -> Report:
    """Analyse one text; the language is detected when ``lang`` is None."""
    _check_text(text)
    return Analyzer(lang or detect(text)).analyze(text)


_WORKER: Analyzer | None = None


def _init_worker(lang: str, config: Config) -> None:
    global _WORKER
    _WORKER = Analyzer(lang, config)


def _worker_analyze(text: str, path: str | None, original: str | None) -> Report:
    assert _WORKER is not None
    return _WORKER.analyze(text, path, original)


def _check_text(text: str) -> None:
    if not isinstance(text, str):
        raise InputError(f"expected text, got {type(text).__name__}")
    if not text.strip():
        raise InputError("the input is empty")


def _chunks(text: str, max_length: int) -> list[tuple[int, str]]:
    """Split at paragraph ends into pieces under ``max_length`` (hard cuts only if a single
    paragraph is longer)."""
    if len(text) <= max_length:
        return [(0, text)]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + max_length, len(text))
        if end < len(text):
            breaks = [m.end() for m in _PARAGRAPH_END.finditer(text, start, end)]
            if breaks and breaks[-1] > start:
                end = breaks[-1]
            else:
                space = text.rfind(" ", start, end)
                end = space + 1 if space > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


# -- from doc extensions to the report ----------------------------------------------------------


_WHITESPACE_RUN = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")
_SENTENCE_END = frozenset('.!?»”":;…')


def tidy_whitespace(text: str) -> tuple[str, array | None]:
    """The text the model reads, with runs of blanks (left by blanked markup or hard-wrapped
    lines) folded: a blank line stays a paragraph break, a line break inside a sentence becomes
    a space. The small models take a run of spaces or a stray line break for a sentence end.
    Returns the folded text and, for each of its characters, the original position (None when
    nothing changed; a compact integer array, as it is as long as the text)."""
    if not _WHITESPACE_RUN.search(text):
        return text, None
    pieces: list[str] = []
    positions = array("q")
    last = 0
    for match in _WHITESPACE_RUN.finditer(text):
        pieces.append(text[last : match.start()])
        positions.extend(range(last, match.start()))
        run = match.group(0)
        before = text[max(last, match.start() - 200) : match.start()].rstrip()[-1:]
        if not before and last > 0:
            before = text[: match.start()].rstrip()[-1:]
        if run.count("\n") >= 2 or (run.count("\n") == 1 and len(run.strip(" \t\r")) >= 2):
            folded = "\n\n"
        elif "\n" in run and (not before or before in _SENTENCE_END):
            folded = "\n"
        else:
            folded = " "
        pieces.append(folded)
        positions.extend([match.start()] * len(folded))
        last = match.end()
    pieces.append(text[last:])
    positions.extend(range(last, len(text)))
    positions.append(len(text))
    return "".join(pieces), positions


@dataclass
class _Found:
    """One chunk's findings as plain tuples, offsets into the analysed text: what the report
    needs, copied out so that the chunk's Doc can be released at once."""

    offset: int
    # (kind, content start, end, cue (start, end, lemma, stance) | None,
    #  speaker (start, end, text, type, resolved, key) | None)
    attributions: list[tuple]
    hedges: list[tuple[int, int, str, bool, bool]]
    framing: list[tuple[int, int, str]]
    claims: list[tuple[int, int, bool, str | None]]

    @classmethod
    def of(cls, doc: Doc, offset: int) -> _Found:
        atts = []
        for raw in doc._.attributions or []:
            cue = speaker = None
            if raw.cue is not None:
                cue = (raw.cue.start_char, raw.cue.end_char, raw.cue_lemma or "", raw.stance)
            if raw.speaker is not None:
                sp = raw.speaker
                key = raw.source_key or sp.text
                speaker = (sp.start_char, sp.end_char, sp.text, raw.type, raw.resolved, key)
            atts.append((raw.kind, raw.content[0], raw.content[1], cue, speaker))
        return cls(
            offset,
            atts,
            [(h.start, h.end, h.kind, h.in_quote, h.attributed) for h in doc._.hedges or []],
            [(f.start, f.end, f.kind) for f in doc._.framing or []],
            [(c.start, c.end, c.attributed, c.source_type) for c in doc._.claims or []],
        )


def to_report(
    text: str,
    parts: list[tuple[int, Doc]],
    lang: str,
    path: str | None = None,
    config: Config | None = None,
    positions=None,
) -> Report:
    """Build the report of ``text`` from its analysed chunks ``(offset, doc)``; ``positions``
    maps offsets in the analysed (whitespace-folded) text back to ``text``."""
    return assemble(
        text, [_Found.of(doc, offset) for offset, doc in parts], lang, path, config, positions
    )


def assemble(
    text: str,
    chunks: list[_Found],
    lang: str,
    path: str | None = None,
    config: Config | None = None,
    positions=None,
) -> Report:
    """The report of ``text`` from its chunks' findings."""

    def _span(start: int, end: int) -> Span:
        if positions is not None:
            start, end = positions[start], positions[max(start, end - 1)] + (end > start)
        return Span(start, end, text[start:end])

    source_ids: dict[tuple[int, str], str] = {}
    source_meta: dict[str, tuple[str, str]] = {}
    attributions: list[Attribution] = []
    number = 0
    for found in chunks:
        offset = found.offset
        for kind, content_start, content_end, raw_cue, raw_speaker in found.attributions:
            number += 1
            speaker = None
            if raw_speaker is not None:
                start, end, _, stype, resolved, key = raw_speaker
                sid = source_ids.setdefault((offset, key), f"s{len(source_ids) + 1}")
                mention = _span(start + offset, end + offset)
                trimmed = len(mention.text) - len(mention.text.lstrip("-"))  # "-il" of a-t-il
                mention = Span(mention.start + trimmed, mention.end, mention.text[trimmed:])
                speaker = Speaker(mention, stype, resolved, sid)
                name = resolved or mention.text
                known = source_meta.get(sid)
                if known is None or _better_name(name, known[0]):
                    source_meta[sid] = (name, stype)
            cue = None
            if raw_cue is not None:
                start, end, lemma, stance = raw_cue
                cue = Cue(_span(start + offset, end + offset), lemma, stance or "neutral")
            content = _span(content_start + offset, content_end + offset)
            attributions.append(Attribution(f"a{number}", kind, content, cue, speaker))
    known = config.known_sources if config is not None else {}
    if known:
        attributions, source_meta = _apply_known_sources(attributions, source_meta, known)
    sources = []
    for sid, members in _regroup(attributions).items():
        name, stype = source_meta[sid]
        mentions = tuple(sorted({m for _, m in members}, key=lambda s: s.start))
        sources.append(Source(sid, name, stype, mentions, tuple(a.id for a, _ in members)))
    hedges = tuple(
        Hedge(_span(s + f.offset, e + f.offset), kind, in_quote, attributed)
        for f in chunks
        for s, e, kind, in_quote, attributed in f.hedges
    )
    framing = tuple(
        Framing(_span(s + f.offset, e + f.offset), kind) for f in chunks for s, e, kind in f.framing
    )
    claims = tuple(
        Claim(_span(s + f.offset, e + f.offset), attributed, source_type)
        for f in chunks
        for s, e, attributed, source_type in f.claims
    )
    hedge_starts = sorted(h.span.start for h in hedges if not h.in_quote)
    attributions = [
        replace(a, hedged=_any_between(hedge_starts, a.content.start, a.content.end))
        for a in attributions
    ]
    report = Report(
        text=text,
        language=lang,
        attributions=tuple(attributions),
        sources=tuple(sources),
        hedges=hedges,
        framing=framing,
        claims=claims,
        path=path,
    )
    score_config = config.score if config is not None else None
    return replace(
        report, score=compute(report, score_config), findings=findings(report, score_config)
    )


def _any_between(sorted_positions: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_positions, start)
    return i < len(sorted_positions) and sorted_positions[i] < end


def _apply_known_sources(attributions, source_meta, known: dict[str, str]):
    """A house list of known sources and outlets overrides the typing of their mentions."""
    retyped = {}
    for sid, (name, _) in source_meta.items():
        key = normalise(name)
        words = key.split(" ", 1)
        hit = known.get(key) or (known.get(words[1]) if len(words) == 2 else None)
        if hit:
            retyped[sid] = hit
    if not retyped:
        return attributions, source_meta
    new_atts = [
        replace(a, speaker=replace(a.speaker, type=retyped[a.speaker.source_id]))
        if a.speaker is not None and a.speaker.source_id in retyped
        else a
        for a in attributions
    ]
    meta = {sid: (n, retyped.get(sid, t)) for sid, (n, t) in source_meta.items()}
    return new_atts, meta


def _regroup(attributions) -> dict[str, list]:
    members: dict[str, list] = {}
    for a in attributions:
        if a.speaker is not None:
            members.setdefault(a.speaker.source_id, []).append((a, a.speaker.span))
    return members


def _better_name(candidate: str, current: str) -> bool:
    """Prefer a capitalised name, then a longer one, as the source's display name."""
    return (candidate[:1].isupper(), len(candidate)) > (current[:1].isupper(), len(current))
