"""Markdown to prose: block structure from markdown-it-py (front matter, code, HTML blocks,
headings, tables, list and blockquote markers), each block's inline syntax blanked by
``markdown_inline``; HTML blocks go to ``markup.html``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from analyzer.markup.blanking import NEWLINES, blank
from analyzer.markup.html import blank_html_fragment
from analyzer.markup.markdown_inline import scan_inline

_META_KEYS = {
    "title": "title",
    "author": "author",
    "outlet": "outlet",
    "date": "date",
    "lang": "lang",
    "language": "lang",
}


def front_matter(text: str) -> tuple[int, dict]:
    """YAML front matter at the top (``---`` … ``---`` or ``...``): where it ends (0 when there is
    none) and its simple ``key: value`` lines for title, author, outlet, date and lang."""
    start = 1 if text.startswith("\ufeff") else 0
    first = text.find("\n", start)
    if first == -1 or text[start:first].rstrip("\r \t") != "---":
        return 0, {}
    meta: dict[str, str] = {}
    pos = first + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl == -1 else nl
        line = text[pos:end].rstrip("\r")
        if line.rstrip() in ("---", "..."):
            return (end + 1 if nl != -1 else end), meta
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _META_KEYS and not line[:1].isspace():
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                meta[_META_KEYS[key]] = value
        pos = end + 1
    return 0, {}


def blank_markdown(text: str) -> tuple[str, dict]:
    """The prose of a Markdown text (same length, newlines kept) and its front-matter metadata."""
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import normalizeReference

    out = list(text)
    fm_end, meta = front_matter(text)
    blank(out, 0, fm_end)
    if text.startswith("\ufeff"):
        out[0] = " "
    body = "".join(out)
    env: dict = {}
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # markdown-it reads "\r\n" as one line end: a space for "\r" keeps its line numbers ours.
    tokens = md.parse(body.replace("\r", " "), env)
    refs = {normalizeReference(k) for k in env.get("references", {})}
    lines = _Lines(body)
    containers: list[list] = [[] for _ in range(lines.count)]
    covered = [False] * lines.count
    leaves: list = []
    skip_until = None
    for token in tokens:
        if skip_until is not None:
            if token.type == skip_until:
                skip_until = None
            continue
        if token.map is None:
            continue
        first, last = token.map[0], min(token.map[1], lines.count)
        if token.type in ("blockquote_open", "list_item_open"):
            for ln in range(first, last):
                containers[ln].append(token)
            continue
        if token.type in ("paragraph_open", "heading_open", "fence", "code_block"):
            leaves.append(token)
        elif token.type in ("html_block", "hr", "table_open"):
            leaves.append(token)
            if token.type == "table_open":
                skip_until = "table_close"
        else:
            continue
        for ln in range(first, last):
            covered[ln] = True
    # container markers first: every line's content then starts after its ">" and bullets
    content = [lines.content_start(ln, containers[ln], out) for ln in range(lines.count)]
    for ln in range(lines.count):
        if not covered[ln]:  # reference definitions, empty list items, lone ">"
            blank(out, lines.start[ln], lines.end[ln])
    for token in leaves:
        first, last = token.map[0], min(token.map[1], lines.count)
        if token.type in ("fence", "code_block", "hr"):
            blank(out, lines.start[first], lines.end[last - 1])
        elif token.type == "html_block":
            a, b = content[first], lines.end[last - 1]
            out[a:b] = blank_html_fragment("".join(out[a:b]))
        elif token.type == "table_open":
            for ln in range(first, last):
                if ln == first + 1:  # the delimiter row |---|:--:|
                    blank(out, lines.start[ln], lines.end[ln])
                else:
                    _inline(out, [(content[ln], lines.end[ln])], refs, pipes=True)
        elif token.type == "heading_open" and token.markup.startswith("#"):
            a, b = _atx_heading(out, content[first], lines.end[first])
            _inline(out, [(a, b)], refs)
        elif token.type == "heading_open":  # setext: text lines, then an === or --- line
            _inline(out, [(content[ln], lines.end[ln]) for ln in range(first, last - 1)], refs)
            blank(out, lines.start[last - 1], lines.end[last - 1])
        else:
            _inline(out, [(content[ln], lines.end[ln]) for ln in range(first, last)], refs)
    return "".join(out), meta


class _Lines:
    """Line starts and ends (before ``\\r\\n``) of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = [0] + [m.end() for m in re.finditer("\n", text)]
        self.end = []
        for i, s in enumerate(self.start):
            e = self.start[i + 1] - 1 if i + 1 < len(self.start) else len(text)
            while e > s and text[e - 1] == "\r":
                e -= 1
            self.end.append(e)
        self.count = len(self.start)

    _QUOTE = re.compile(r"[ \t]*>")
    _BULLET = re.compile(r"[ \t]*([-+*]|[0-9]{1,9}[.)])(?=[ \t]|$)")
    _INDENT = re.compile(r"[ \t]*")

    def content_start(self, ln: int, containers: list, out: list[str]) -> int:
        """Blank the blockquote and list markers of line ``ln``; where its content starts."""
        pos, end = self.start[ln], self.end[ln]
        for token in containers:
            if token.type == "blockquote_open":
                match = self._QUOTE.match(self.text, pos, end)
                if match:
                    blank(out, match.end() - 1, match.end())
                    pos = match.end()
            elif token.map[0] == ln:
                match = self._BULLET.match(self.text, pos, end)
                if match:
                    blank(out, match.start(1), match.end(1))
                    pos = match.end()
            else:
                pos = self._INDENT.match(self.text, pos, end).end()
        return pos


_ATX_OPEN = re.compile(r"[ \t]*(#{1,6})(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?:(?<=[ \t])|^)#+[ \t]*$")


def _atx_heading(out: list[str], start: int, end: int) -> tuple[int, int]:
    """Blank the ``#`` markers of an ATX heading line; the range of its text."""
    line = "".join(out[start:end])
    match = _ATX_OPEN.match(line)
    if match is None:
        return start, end
    blank(out, start + match.start(1), start + match.end(1))
    text_start = start + match.end()
    close = _ATX_CLOSE.search(line, match.end())
    if close is not None:
        blank(out, start + close.start(), end)
        end = start + close.start()
    return text_start, end


def _inline(
    out: list[str], segments: Iterable[tuple[int, int]], refs: set, pipes: bool = False
) -> None:
    """Blank the inline syntax of the lines ``segments`` (start, end offsets) of one block."""
    where: list[int] = []
    parts: list[str] = []
    for start, end in segments:
        if where:
            parts.append("\n")
            where.append(start - 1)
        parts.append("".join(out[start:end]))
        where.extend(range(start, end))
    text = "".join(parts)
    drop, entities = scan_inline(text, refs, pipes)
    for i, flag in enumerate(drop):
        if flag and text[i] != "\n" and out[where[i]] not in NEWLINES:
            out[where[i]] = " "
    for i, (length, decoded) in entities.items():
        if not drop[i]:
            a = where[i]
            out[a : a + length] = decoded + " " * (length - len(decoded))
