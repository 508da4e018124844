"""The public engine: ``Analyzer`` turns texts into ``Report`` objects.

The spaCy pipeline (model plus the analyser's components) does the finding; this module turns
its ``doc._`` extensions into the report's frozen dataclasses, with offsets into the original
text. Texts longer than the model's ``max_length`` are analysed in paragraph-aligned chunks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from analyzer.components.attribution import RawAttribution
from analyzer.components.quotes import ORIGINAL_TEXT
from analyzer.config import Config
from analyzer.errors import InputError
from analyzer.language import detect
from analyzer.lexicons import normalise
from analyzer.pipeline import build
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


class Analyzer:
    """The analyser for one language, its spaCy pipeline loaded once."""

    def __init__(self, lang: str = "fr", config: Config | None = None) -> None:
        self.lang = lang
        self.config = config or Config()
        self.nlp: Language = build(lang, self.config.loaded_terms)

    def analyze(self, text: str, path: str | None = None, original: str | None = None) -> Report:
        """Analyse one text; raise InputError on empty input. ``original`` is the file as the
        editor shows it when ``text`` is a same-length copy with markup blanked out: offsets
        and span texts then point into ``original``."""
        return next(self.pipe([text], paths=[path], originals=[original]))

    def pipe(
        self,
        texts: Iterable[str],
        batch_size: int = 16,
        n_process: int = 1,
        paths: Iterable[str | None] | None = None,
        originals: Iterable[str | None] | None = None,
    ) -> Iterator[Report]:
        """Analyse many texts, in order. ``n_process > 1`` spreads them over worker processes,
        each loading the model once."""
        texts = list(texts)
        paths = list(paths) if paths is not None else [None] * len(texts)
        originals = list(originals) if originals is not None else [None] * len(texts)
        if n_process > 1:
            with ProcessPoolExecutor(
                n_process, initializer=_init_worker, initargs=(self.lang, self.config)
            ) as ex:
                yield from ex.map(
                    _worker_analyze, texts, paths, originals, chunksize=max(1, batch_size // 4)
                )
            return
        for text in texts:
            _check_text(text)
        tidied = [tidy_whitespace(t) for t in texts]
        chunked = [_chunks(t, min(self.nlp.max_length, CHUNK_CHARS)) for t, _ in tidied]
        flat = [c for chunks in chunked for c in chunks]
        docs = self.nlp.pipe((model_doc(self.nlp, c) for _, c in flat), batch_size=batch_size)
        for text, path, original, chunks, (_, positions) in zip(
            texts, paths, originals, chunked, tidied, strict=True
        ):
            parts = [(offset, next(docs)) for offset, _ in chunks]
            shown = original if original is not None and len(original) == len(text) else text
            yield to_report(shown, parts, self.lang, path, self.config, positions)


#: The small models tag « as a verb and misparse around it; they read '"' as punctuation.
_MODEL_QUOTES = str.maketrans({c: '"' for c in "«»“”‹›„"})


def model_doc(nlp: Language, text: str) -> Doc:
    """The Doc the model parses: typographic quotation marks shown to it as '"' (same length,
    same offsets); the original text rides along for the quotes component."""
    doc = nlp.make_doc(text.translate(_MODEL_QUOTES))
    doc.user_data[ORIGINAL_TEXT] = text
    return doc


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


def tidy_whitespace(text: str) -> tuple[str, list[int] | None]:
    """The text the model reads, with runs of blanks (left by blanked markup or hard-wrapped
    lines) folded: a blank line stays a paragraph break, a line break inside a sentence becomes
    a space. The small models take a run of spaces or a stray line break for a sentence end.
    Returns the folded text and, for each of its characters, the original position (None when
    nothing changed)."""
    if not _WHITESPACE_RUN.search(text):
        return text, None
    pieces: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _WHITESPACE_RUN.finditer(text):
        pieces.append(text[last : match.start()])
        positions.extend(range(last, match.start()))
        run = match.group(0)
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


def to_report(
    text: str,
    parts: list[tuple[int, Doc]],
    lang: str,
    path: str | None = None,
    config: Config | None = None,
    positions: list[int] | None = None,
) -> Report:
    """Build the report of ``text`` from its analysed chunks ``(offset, doc)``; ``positions``
    maps offsets in the analysed (whitespace-folded) text back to ``text``."""

    def _span(text: str, start: int, end: int) -> Span:
        if positions is not None:
            start, end = positions[start], positions[max(start, end - 1)] + (end > start)
        return Span(start, end, text[start:end])

    def _speaker_span(text: str, span: TokenSpan, offset: int) -> Span:
        mention = _span(text, span.start_char + offset, span.end_char + offset)
        trimmed = len(mention.text) - len(mention.text.lstrip("-"))  # "-il" of a-t-il is "il"
        return Span(mention.start + trimmed, mention.end, mention.text[trimmed:])

    raws: list[tuple[int, RawAttribution]] = [
        (offset, att) for offset, doc in parts for att in (doc._.attributions or [])
    ]
    source_ids: dict[tuple[int, str], str] = {}
    source_meta: dict[str, tuple[str, str]] = {}
    attributions: list[Attribution] = []
    for number, (offset, raw) in enumerate(raws, 1):
        att_id = f"a{number}"
        speaker = None
        if raw.speaker is not None:
            key = (offset, raw.source_key or raw.speaker.text)
            sid = source_ids.setdefault(key, f"s{len(source_ids) + 1}")
            mention = _speaker_span(text, raw.speaker, offset)
            speaker = Speaker(mention, raw.type, raw.resolved, sid)
            name = raw.resolved or mention.text
            known = source_meta.get(sid)
            if known is None or _better_name(name, known[0]):
                source_meta[sid] = (name, raw.type)
        cue = None
        if raw.cue is not None:
            cue_span = _span(text, raw.cue.start_char + offset, raw.cue.end_char + offset)
            cue = Cue(cue_span, raw.cue_lemma or "", raw.stance or "neutral")
        content = _span(text, raw.content[0] + offset, raw.content[1] + offset)
        attributions.append(Attribution(att_id, raw.kind, content, cue, speaker))
    known = config.known_sources if config is not None else {}
    if known:
        attributions, source_meta = _apply_known_sources(attributions, source_meta, known)
    sources = []
    for sid, members in _regroup(attributions).items():
        name, stype = source_meta[sid]
        mentions = tuple(sorted({m for _, m in members}, key=lambda s: s.start))
        sources.append(Source(sid, name, stype, mentions, tuple(a.id for a, _ in members)))
    hedges = tuple(
        Hedge(_span(text, h.start + off, h.end + off), h.kind, h.in_quote, h.attributed)
        for off, doc in parts
        for h in (doc._.hedges or [])
    )
    framing = tuple(
        Framing(_span(text, f.start + off, f.end + off), f.kind)
        for off, doc in parts
        for f in (doc._.framing or [])
    )
    claims = tuple(
        Claim(_span(text, c.start + off, c.end + off), c.attributed, c.source_type)
        for off, doc in parts
        for c in (doc._.claims or [])
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
