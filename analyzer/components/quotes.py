"""Direct quotation spans from typographic marks.

Pairing quotation marks is a character-level job (spaCy's tokens do not know which « a » closes),
so this component scans the text once with a stack. It handles « » with or without no-break
spaces, “ ”, straight "…", nested ‹ › or “ ” inside « », and quotations left open at the end of
a paragraph (a quotation over several paragraphs, each reopening with «, or an unterminated one),
recorded paragraph by paragraph.
Only the outermost quotations are recorded; nested ones are part of their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

OPEN_TO_CLOSE = {"«": "»", "“": "”", "‹": "›", "‘": "’", '"': '"'}
CLOSERS = {"»": "«", "”": "“", "›": "‹", "’": "‘"}
QUOTE_MARKS = frozenset([*'«»“”‹›‘’"', "''", "``"])
_SPACE = " \t\n\r\u00a0\u202f\u2009"
#: ``doc.user_data`` key of the original text, when the model was shown a normalised copy.
ORIGINAL_TEXT = "analyzer.original_text"
#: ``doc.user_data`` key of ``doc.text``, the text the model read (``parsed_text``).
PARSED_TEXT = "analyzer.parsed_text"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
#: The characters ``find_quotes`` acts on: the marks, ' and ` (doubled, a double quote) and
#: line breaks (a line that reopens a quotation); it skips every other character.
_ACTED_ON = "\n'`\"«»“”‹›‘’"


@dataclass(frozen=True)
class Quote:
    """A top-level quotation: marks at ``start`` and ``end - 1``; words at ``inner_*``."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    def contains(self, position: int) -> bool:
        return self.inner_start <= position < self.inner_end


def doc_text(doc: Doc) -> str:
    """The document's text, built once (``doc.text`` joins every token on each call); the
    original text when the model was shown a normalised copy."""
    text = doc.user_data.get(ORIGINAL_TEXT)
    if text is None:
        text = doc.user_data[ORIGINAL_TEXT] = doc.text
    return text


def parsed_text(doc: Doc) -> str:
    """The text the model read, ``doc.text`` (typographic quotation marks shown as '"'),
    built once: the engine stores it with the original when it joins a chunk's paragraphs."""
    text = doc.user_data.get(PARSED_TEXT)
    if text is None:
        text = doc.user_data[PARSED_TEXT] = doc.text
    return text


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if s < e]


def _is_straight_opener(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _SPACE or before in "(:[—–-" or after not in _SPACE


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (
        text[start] in _SPACE
        or text[start] in OPEN_TO_CLOSE
        or (text[start] in "'`" and text[start - 1] == text[start])
    ):
        start += 1
    while end > start and (
        text[end - 1] in _SPACE or (text[end - 1] == "'" and end < len(text) and text[end] == "'")
    ):
        end -= 1
    return start, end


def find_quotes(text: str) -> list[Quote]:
    """All top-level quotations of ``text``, in order."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    paragraphs = _paragraphs(text)
    for p_start, p_end in paragraphs:
        skip = -1
        for i in _acted_on(text, p_start, p_end):
            ch = text[i]
            if i == skip:
                continue
            if ch == "\n" and stack and _reopens(text, i, p_end, stack[0][0]):
                # a line that reopens the quotation: the open one ended with its line (one
                # paragraph a line, each paragraph of a long quotation reopening its mark)
                quotes.append(_make(text, stack[0][1], i, closed=False))
                stack.clear()
                continue
            if ch in "'`" and i + 1 < p_end and text[i + 1] == ch:
                ch, skip = '"', i + 1  # ''wire style'' and ``TeX style'' double quotes
            elif ch not in QUOTE_MARKS:
                continue
            if ch == '"':
                if stack and stack[-1][0] == '"':
                    ch_open = stack.pop()
                    if not stack:
                        quotes.append(_make(text, ch_open[1], (skip if skip > i else i) + 1))
                elif _is_straight_opener(text, i):
                    stack.append((ch, i))
            elif ch == "‘":
                glued = i > 0 and text[i - 1].isalpha()  # d‘une, l‘instruction: an apostrophe
                if not glued and i + 1 < len(text) and text[i + 1] not in _SPACE:
                    stack.append((ch, i))
            elif ch == "’":
                after = text[i + 1] if i + 1 < len(text) else " "
                if any(m == "‘" for m, _ in stack) and not after.isalpha():
                    _close_to(stack, "‘", i, text, quotes)
            elif ch in OPEN_TO_CLOSE:
                if stack and stack[-1][0] == ch and _placed_as_closer(text, i):
                    _close_to(stack, ch, i, text, quotes)  # « … « : the opener typed twice
                else:
                    stack.append((ch, i))
            elif ch in CLOSERS and any(m == CLOSERS[ch] for m, _ in stack):
                _close_to(stack, CLOSERS[ch], i, text, quotes)
            elif ch in CLOSERS and not stack and _placed_as_opener(text, i):
                stack.append((CLOSERS[ch], i))  # » … « : marks typed the other way round
        if stack:
            # unclosed at the paragraph's end: a quotation over several paragraphs (each
            # reopening with its mark) is recorded paragraph by paragraph, as editors and the
            # annotation guide read it; an unterminated one ends with its paragraph
            quotes.append(_make(text, stack[0][1], p_end, closed=False))
            stack.clear()
    return quotes


def _acted_on(text: str, start: int, end: int) -> list[int]:
    """The positions of the characters of ``_ACTED_ON`` between ``start`` and ``end``, in
    order (found by ``str.find``, not by visiting every character in Python)."""
    found = []
    for ch in _ACTED_ON:
        at = text.find(ch, start, end)
        while at != -1:
            found.append(at)
            at = text.find(ch, at + 1, end)
    found.sort()
    return found


def _reopens(text: str, i: int, end: int, mark: str) -> bool:
    """The line after the line break at ``i`` opens with ``mark`` (the same opening mark)."""
    j = i + 1
    while j < end and text[j] in _SPACE:
        j += 1
    return j < end and text[j] == mark


def _placed_as_closer(text: str, i: int) -> bool:
    """A mark glued to the word before it and followed by a space or punctuation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before not in _SPACE and (after in _SPACE or after in ",.;:!?)")


def _placed_as_opener(text: str, i: int) -> bool:
    """A mark after a space (or at the start) and glued to the word after it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _SPACE or before in "(:—–-") and after.isalnum()


def _close_to(stack: list, opener: str, i: int, text: str, quotes: list[Quote]) -> None:
    while stack:
        mark, pos = stack.pop()
        if mark == opener:
            break
    if not stack:
        quotes.append(_make(text, pos, i + 1))


def _make(text: str, start: int, end: int, closed: bool = True) -> Quote:
    inner_start, inner_end = _trim(text, start + 1, end - 1 if closed else end)
    return Quote(start, end, inner_start, inner_end)


@Language.factory("analyzer_quotes", assigns=["doc._.quotes"], default_config={})
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    """Sets ``doc._.quotes``: the top-level quotations as ``Quote`` records (char offsets)."""

    def __init__(self) -> None:
        if not Doc.has_extension("quotes"):
            Doc.set_extension("quotes", default=None)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.quotes = [q for q in find_quotes(text) if q.inner_end > q.inner_start]
        return doc
