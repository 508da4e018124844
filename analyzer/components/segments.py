"""Sentence units and the parts of a pasted page that are not the article.

The small spaCy models split sentences badly around quotation marks (« alone as a sentence),
so attribution works on its own units: a paragraph split after sentence-final punctuation that
stands outside any quotation. This component also marks what is not article text: the headline,
the byline or dateline, short navigation lines ("Suivez … sur …") and everything from a
boilerplate heading on ("Aller plus loin", "Ces articles devraient vous intéresser").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from analyzer.components.quotes import QUOTE_MARKS, _paragraphs, doc_text
from analyzer.components.spans import columns
from analyzer.lexicons import lexicon, normalise, profile

_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_FINAL_KEYS = frozenset(get_string_id(t) for t in _FINAL)
_QUOTE_KEYS = frozenset(get_string_id(t) for t in QUOTE_MARKS)
_OPENERS = frozenset('«“‹"‘')
_SHORT_LINE_TOKENS = 20
_HEADLINE_MAX_CHARS = 200


@Language.factory(
    "analyzer_segments",
    assigns=[
        "doc._.units",
        "doc._.excluded",
        "doc._.boilerplate",
        "doc._.headline",
        "doc._.paragraphs",
    ],
    requires=["doc._.quotes"],
    default_config={"lang": None},
)
def make_segments(nlp: Language, name: str, lang: str | None) -> Segmenter:
    return Segmenter(nlp, lang or nlp.lang)


class Segmenter:
    """Sets ``doc._.paragraphs`` (char ranges), ``doc._.excluded`` (char ranges that are not
    article text) and ``doc._.units`` (token spans: the sentences attribution works on)."""

    def __init__(self, nlp: Language, lang: str) -> None:
        for ext in ("units", "excluded", "boilerplate", "headline", "paragraphs"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)
        self.byline_openers = sorted(normalise(w) for w in profile(lang)["byline_openers"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase, scope in lexicon(lang, "boilerplate").items():
            variants = {phrase, phrase.replace("'", "’")}
            self.matcher.add(scope, [nlp.make_doc(v) for v in variants])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        paragraphs = _paragraphs(text)
        doc._.paragraphs = paragraphs
        doc._.headline = self._headline(doc_text(doc), paragraphs)
        doc._.boilerplate = self._boilerplate(doc, paragraphs)
        doc._.excluded = sorted(doc._.boilerplate + ([doc._.headline] if doc._.headline else []))
        doc._.units = self._units(doc, paragraphs)
        return doc

    def _headline(self, text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The first paragraph, when it is one short line without a final full stop."""
        if len(paragraphs) < 2:
            return None
        first = text[paragraphs[0][0] : paragraphs[0][1]].strip()
        if len(first) <= _HEADLINE_MAX_CHARS and "\n" not in first and first[-1:] != ".":
            return paragraphs[0]
        return None

    def _boilerplate(self, doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Bylines, navigation lines and everything from a boilerplate heading on."""
        text = doc_text(doc)
        excluded: list[tuple[int, int]] = []
        starts = {p[0]: p for p in paragraphs}
        cut_at = None
        for match_id, start, _end in self.matcher(doc):
            scope = doc.vocab.strings[match_id]
            char = doc[start].idx
            para = next((p for p in paragraphs if p[0] <= char < p[1]), None)
            if para is None:
                continue
            if scope == "cut" and para[0] in starts and text[para[0] : char].strip() == "":
                cut_at = para[0] if cut_at is None else min(cut_at, para[0])
            elif scope == "line" and len(doc.char_span(*para, alignment_mode="expand") or []) <= (
                _SHORT_LINE_TOKENS
            ):
                excluded.append(para)
            elif scope == "credit" and start > 0 and doc[start - 1].text == "(":
                close = text.find(")", char, para[1])  # (Reporting by X; Editing by Y)
                excluded.append((doc[start - 1].idx, close + 1 if close != -1 else para[1]))
        for p_start, p_end in paragraphs:
            if _is_byline(text[p_start:p_end], self.byline_openers):
                excluded.append((p_start, p_end))
        if cut_at is not None:
            excluded.append((cut_at, len(text)))
        return sorted(set(excluded))

    def _units(self, doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Span]:
        quotes = doc._.quotes or []
        inside = _inside_quote_mask(len(doc_text(doc)), quotes)
        col = columns(doc)
        orth, space = col.orth, col.space  # token texts as hashes: no Token for most words
        bounds: list[tuple[int, int]] = []
        for p_start, p_end in paragraphs:
            span = doc.char_span(p_start, p_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            start = span.start
            for i in range(span.start, span.end):
                if orth[i] not in _FINAL_KEYS and not (
                    orth[i] in _QUOTE_KEYS and i > start and orth[i - 1] in _FINAL_KEYS
                ):
                    continue
                if inside[doc[i].idx]:
                    continue
                j = i + 1  # the next word
                while j < span.end and space[j]:
                    j += 1
                if j == span.end:
                    continue
                nxt = doc[j]
                if nxt.text[:1].isupper() or nxt.text[:1] in _OPENERS or nxt.is_digit:
                    bounds.append((start, i + 1))
                    start = i + 1
            if start < span.end:
                bounds.append((start, span.end))
        units = []
        for start, end in bounds:  # without the white space at either end
            while start < end and space[start]:
                start += 1
            while end > start and space[end - 1]:
                end -= 1
            if end > start:
                units.append(doc[start:end])
        return units


def _inside_quote_mask(length: int, quotes: list) -> bytearray:
    mask = bytearray(length + 1)
    for q in quotes:
        mask[q.inner_start : q.inner_end] = b"\x01" * (q.inner_end - q.inner_start)
    return mask


def in_ranges(position: int, ranges: list[tuple[int, int]]) -> bool:
    """``position`` falls in one of the char ranges (headline, boilerplate, ...)."""
    return any(s <= position < e for s, e in ranges)


def next_word(doc: Doc, i: int, end: int):
    """The first token from ``i`` (before ``end``) that is not white space, or None."""
    while i < end and doc[i].is_space:
        i += 1
    return doc[i] if i < end else None


def _is_byline(paragraph: str, openers: list[str]) -> bool:
    """A short line that names the author or date rather than saying anything: it opens with
    one of the profile's ``byline_openers`` (Par X, By X) or holds one of several words
    (Écrit par X le 3 mai)."""
    line = normalise(paragraph.strip())
    if len(line) > 120 or "\n" in line:
        return False
    return any(line.startswith(f"{o} ") or (" " in o and o in line) for o in openers)
