"""Markup to prose without moving a character: the analysis text of Markdown and HTML files.

Every function here returns a string of exactly the length of its input in which everything
that is not article prose is replaced by spaces, with newlines (``\\n`` and ``\\r``) left where
they are, so that an offset, a line and a column in the analysis text are the same in the file.

What is blanked:

* every format: the analyser's own directives, ``<!-- analyzer: … -->`` (in plain text only
  those comments; in Markdown and HTML every comment);
* Markdown (block structure from markdown-it-py, inline syntax from a scanner here): YAML front
  matter (read into metadata), fenced and indented code, inline code, HTML comments and tags,
  images, link targets and reference definitions (link text is kept), heading markers,
  emphasis and strike-through markers, backslashes of escapes, list bullets, blockquote ``>``,
  thematic breaks and table pipes;
* HTML: everything but the text of the article body that trafilatura finds, matched back to
  the text nodes of the original page (tags, scripts, styles, menus, headers and footers,
  related-article lists and comments all become spaces).

Character references (``&eacute;``, ``&#233;``, ``&nbsp;``) in kept text become their
character followed by spaces (``&eacute;`` → ``é`` and seven spaces), so a word with a
reference inside it is split in the analysis text (``l&eacute;gal`` reads ``lé       gal``);
offsets still point at the reference in the file.

Limitation: a block boundary in HTML (``</p><p>``, ``<br>``, ``</li>``) is a paragraph break for
the analyser only when the file has a line break there; where the file has none, the blanked
tags leave only spaces and the two blocks read as one run of text (a newline cannot be inserted
without moving every later line).
"""

from __future__ import annotations

import html
import html.entities
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"(?i)<!doctype\s+html|<html[\s>]")
_META_KEYS = {
    "title": "title",
    "author": "author",
    "outlet": "outlet",
    "date": "date",
    "lang": "lang",
    "language": "lang",
}
_NEWLINES = "\r\n"
_IGNORABLE = "\u200b\u200c\u200d\u2060\ufeff\xad"

# -- shared helpers ------------------------------------------------------------------------------


_MARKDOWN_START = re.compile(r"\A---[ \t]*\r?\n|^#{1,6} \S|^```", re.MULTILINE)


def detect_format(path: str, text: str) -> str:
    """``markdown`` for .md/.markdown, ``html`` for .html/.htm or content that starts with
    ``<!doctype html`` or ``<html``, else ``text``."""
    suffix = path.lower().rsplit("/", 1)[-1]
    if suffix.endswith(_MARKDOWN_SUFFIXES):
        return "markdown"
    if suffix.endswith(_HTML_SUFFIXES):
        return "html"
    if _HTML_START.match(text.lstrip(" \t\r\n\f\ufeff")):
        return "html"
    if path in ("", "-") and _MARKDOWN_START.search(text[:4000]):
        return "markdown"  # standard input: front matter, a heading or a fence says Markdown
    return "text"


def analysis_text(text: str, fmt: str) -> tuple[str, dict]:
    """The analysis text of ``text`` read as ``fmt``, and the metadata found in it."""
    if fmt == "markdown":
        return blank_markdown(text)
    if fmt == "html":
        return blank_html(text)
    return blank_directives(text), {}


def _blank(out: list[str], start: int, end: int) -> None:
    """Spaces over ``out[start:end]``, newlines kept."""
    for i in range(max(start, 0), min(end, len(out))):
        if out[i] not in _NEWLINES:
            out[i] = " "


def _blanked(text: str) -> str:
    return "".join(ch if ch in _NEWLINES else " " for ch in text)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _entity_at(text: str, pos: int, semicolon: bool) -> tuple[int, str] | None:
    """The character reference starting at ``pos``: its length and what it stands for. With
    ``semicolon`` False (HTML), legacy references without ";" (``&eacute``) count too."""
    match = _ENTITY.match(text, pos)
    if match is None:
        return None
    ref = match.group()
    if not ref.endswith(";"):
        if semicolon:
            return None
        if ref[1] != "#":  # the longest legacy name that starts the run of letters
            for end in range(len(ref), 2, -1):
                if ref[1:end] in html.entities.html5:
                    return end, html.entities.html5[ref[1:end]]
            return None
    decoded = html.unescape(ref)
    if decoded == ref or not decoded or len(decoded) > len(ref):
        return None
    return len(ref), decoded


def decode_entities(text: str, semicolon: bool = True) -> str:
    """Character references to their character followed by spaces, same length."""
    out = list(text)
    pos = text.find("&")
    while pos != -1:
        found = _entity_at(text, pos, semicolon)
        if found is None:
            pos = text.find("&", pos + 1)
            continue
        length, decoded = found
        out[pos : pos + length] = decoded + " " * (length - len(decoded))
        pos = text.find("&", pos + length)
    return "".join(out)


# -- analyser directives (every format) ---------------------------------------------------------

_DIRECTIVE_START = re.compile(r"<!--\s*analyzer\s*:", re.IGNORECASE)


def blank_directives(text: str) -> str:
    """Plain text: only the analyser's ``<!-- analyzer: … -->`` comments become spaces.

    A scan, not one pattern over the whole comment: ``<!--…analyzer:.*?-->`` rescans to the
    end of the text from every unclosed directive (quadratic)."""
    if "<!--" not in text:
        return text
    pieces, pos = [], 0
    for match in _DIRECTIVE_START.finditer(text):
        if match.start() < pos:
            continue
        close = text.find("-->", match.end())
        if close == -1:
            break  # no later directive can close either
        pieces += [text[pos : match.start()], _blanked(text[match.start() : close + 3])]
        pos = close + 3
    return "".join(pieces) + text[pos:]


# -- Markdown -----------------------------------------------------------------------------------


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
    _blank(out, 0, fm_end)
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
            _blank(out, lines.start[ln], lines.end[ln])
    for token in leaves:
        first, last = token.map[0], min(token.map[1], lines.count)
        if token.type in ("fence", "code_block", "hr"):
            _blank(out, lines.start[first], lines.end[last - 1])
        elif token.type == "html_block":
            a, b = content[first], lines.end[last - 1]
            out[a:b] = blank_html_fragment("".join(out[a:b]))
        elif token.type == "table_open":
            for ln in range(first, last):
                if ln == first + 1:  # the delimiter row |---|:--:|
                    _blank(out, lines.start[ln], lines.end[ln])
                else:
                    _inline(out, [(content[ln], lines.end[ln])], refs, pipes=True)
        elif token.type == "heading_open" and token.markup.startswith("#"):
            a, b = _atx_heading(out, content[first], lines.end[first])
            _inline(out, [(a, b)], refs)
        elif token.type == "heading_open":  # setext: text lines, then an === or --- line
            _inline(out, [(content[ln], lines.end[ln]) for ln in range(first, last - 1)], refs)
            _blank(out, lines.start[last - 1], lines.end[last - 1])
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
                    _blank(out, match.end() - 1, match.end())
                    pos = match.end()
            elif token.map[0] == ln:
                match = self._BULLET.match(self.text, pos, end)
                if match:
                    _blank(out, match.start(1), match.end(1))
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
    _blank(out, start + match.start(1), start + match.end(1))
    text_start = start + match.end()
    close = _ATX_CLOSE.search(line, match.end())
    if close is not None:
        _blank(out, start + close.start(), end)
        end = start + close.start()
    return text_start, end


# inline syntax ---------------------------------------------------------------------------------

_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[^\s@<>\\]+@[^\s@<>\\]+)>")
_OPEN_TAG = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*"
    r"(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*/?>"
)
_CLOSE_TAG = re.compile(r"</[A-Za-z][A-Za-z0-9-]*\s*>")
#: Comments, processing instructions, declarations and CDATA: (opener, closer) pairs, found by
#: ``_Closers`` rather than lazy patterns, which rescan to the end from every unclosed opener.
_OTHER_HTML = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"))


class _Closers:
    """``str.find`` of a closing token, remembered: the first ``-->`` after one position is
    the first after every earlier position too, so each closer is searched for once per stretch
    of text, not once per opener (linear time on many unclosed openers)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, int] = {}

    def find(self, token: str, start: int) -> int:
        found = self._found.get(token)
        if found is None or (found != -1 and found < start):
            found = self._found[token] = self.text.find(token, start)
        return found

    def other_html_end(self, i: int) -> int | None:
        """The end of the comment, processing instruction, declaration or CDATA at ``i``."""
        text = self.text
        for opener, closer in _OTHER_HTML:
            if text.startswith(opener, i):
                found = self.find(closer, i + len(opener))
                return found + len(closer) if found != -1 else None
        if text.startswith("<!", i) and i + 2 < len(text) and _is_ascii_letter(text[i + 2]):
            found = self.find(">", i + 3)
            return found + 1 if found != -1 else None
        return None


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_punct(ch: str) -> bool:
    return ch in _ASCII_PUNCT or unicodedata.category(ch)[0] in "PS"


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
        if flag and text[i] != "\n" and out[where[i]] not in _NEWLINES:
            out[where[i]] = " "
    for i, (length, decoded) in entities.items():
        if not drop[i]:
            a = where[i]
            out[a : a + length] = decoded + " " * (length - len(decoded))


def scan_inline(
    text: str, refs: set | frozenset = frozenset(), pipes: bool = False
) -> tuple[bytearray, dict[int, tuple[int, str]]]:
    """The inline Markdown syntax of ``text``: a mask of characters to blank, and the character
    references to decode (position → length, character). ``refs`` are the normalised labels of
    the reference definitions; ``pipes`` blanks unescaped ``|`` (table rows)."""
    from markdown_it.common.utils import normalizeReference

    n = len(text)
    drop = bytearray(n)
    entities: dict[int, tuple[int, str]] = {}
    delims: list[dict] = []
    jump: dict[int, int] = {}  # a link's "](target)" is skipped when the scan reaches it
    closers = _Closers(text)
    brackets = _Brackets(text)

    def link_end(i: int) -> tuple[int, int] | None:
        """For ``[`` at ``i``: (index of its ``]``, end of the link) if a link starts there."""
        close = brackets.end(i)
        if close is None:
            return None
        after = close + 1
        if after < n and text[after] == "(":
            end = _link_tail(text, after, brackets)
            if end is not None:
                return close, end
        if after < n and text[after] == "[":
            label_end = brackets.end(after)
            if label_end is not None:
                label = text[after + 1 : label_end] or text[i + 1 : close]
                if normalizeReference(label) in refs:
                    return close, label_end + 1
        if normalizeReference(text[i + 1 : close]) in refs:
            return close, close + 1
        return None

    i = 0
    while i < n:
        if i in jump:
            i = jump.pop(i)
            continue
        ch = text[i]
        if ch == "\\" and i + 1 < n and (text[i + 1] in _ASCII_PUNCT or text[i + 1] == "\n"):
            drop[i] = 1
            i += 2
        elif ch == "`":
            run = _run(text, i, "`")
            close = brackets.code_span_close(i, run)
            if close is None:
                i += run
            else:
                drop[i:close] = b"\x01" * (close - i)
                i = close
        elif ch == "<":
            end = closers.other_html_end(i)
            if end is None:
                match = _AUTOLINK.match(text, i) or _OPEN_TAG.match(text, i)
                match = match or _CLOSE_TAG.match(text, i)
                end = match.end() if match else None
            if end:
                drop[i:end] = b"\x01" * (end - i)
                i = end
            else:
                i += 1
        elif ch == "!" and i + 1 < n and text[i + 1] == "[" and (found := link_end(i + 1)):
            drop[i : found[1]] = b"\x01" * (found[1] - i)  # an image: alt text and all
            i = found[1]
        elif ch == "[" and (found := link_end(i)):
            close, end = found
            drop[i] = 1
            drop[close:end] = b"\x01" * (end - close)
            jump[close] = end
            i += 1
        elif ch in "*_~":
            run = _run(text, i, ch)
            before = text[i - 1] if i > 0 else " "
            after = text[i + run] if i + run < n else " "
            left = not after.isspace() and (
                not _is_punct(after) or before.isspace() or _is_punct(before)
            )
            right = not before.isspace() and (
                not _is_punct(before) or after.isspace() or _is_punct(after)
            )
            if ch == "_":
                can_open = left and (not right or _is_punct(before))
                can_close = right and (not left or _is_punct(after))
            else:
                can_open, can_close = left, right
            if (can_open or can_close) and (ch != "~" or run == 2):
                delims.append(
                    {
                        "ch": ch,
                        "start": i,
                        "count": run,
                        "orig": run,
                        "open": can_open,
                        "close": can_close,
                    }
                )
            i += run
        elif ch == "&" and (found := _entity_at(text, i, semicolon=True)):
            entities[i] = found
            i += found[0]
        elif ch == "|" and pipes:
            drop[i] = 1
            i += 1
        else:
            i += 1
    _match_emphasis(delims, drop)
    return drop, entities


def _run(text: str, i: int, ch: str) -> int:
    j = i
    while j < len(text) and text[j] == ch:
        j += 1
    return j - i


class _Brackets:
    """The ``]`` closing each ``[`` (nested brackets, escapes, code spans) and the closers of
    code spans, found in one pass over the text: scanning forward from every ``[`` or backtick
    run is quadratic on text full of unclosed ones."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: dict[int, int | None] | None = None
        self._runs: dict[int, list[int]] | None = None  # backtick run length → starts
        self._closers = _Closers(text)
        self._tails: _LinkTails | None = None

    def find(self, token: str, start: int) -> int:
        """``text.find(token, start)`` for increasing starts, each stretch searched once."""
        return self._closers.find(token, start)

    def destination_end(self, j: int) -> int:
        """Where a link destination starting at ``j`` ends: at white space, at the ``)`` that
        balances it, or at the end (backslash escapes skip the next character)."""
        if self._tails is None:
            self._tails = _LinkTails(self.text)
        return self._tails.destination_end(j)

    def title_end(self, j: int) -> int | None:
        """The quote or ``)`` closing the link title opened at ``j``, or None."""
        if self._tails is None:
            self._tails = _LinkTails(self.text)
        return self._tails.title_end(j)

    def code_span_close(self, i: int, run: int) -> int | None:
        """The end of the backtick run of exactly ``run`` that closes the one at ``i``, or
        None: the first such run after it, looked up among all runs indexed once."""
        if self._runs is None:
            self._runs = {}
            for match in re.finditer("`+", self.text):
                self._runs.setdefault(len(match.group()), []).append(match.start())
        starts = self._runs.get(run, [])
        k = bisect_left(starts, i + run)
        return starts[k] + run if k < len(starts) else None

    def end(self, i: int) -> int | None:
        """The index of the ``]`` closing the ``[`` at ``i``, or None."""
        if self._ends is None:
            self._ends = self._match()
        return self._ends.get(i)

    def _match(self) -> dict[int, int | None]:
        text, ends, stack, j = self.text, {}, [], 0
        n = len(text)
        while j < n:
            ch = text[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                run = _run(text, j, "`")
                close = self.code_span_close(j, run)
                j = close if close is not None else j + run
                continue
            if ch == "[":
                stack.append(j)
            elif ch == "]" and stack:
                ends[stack.pop()] = j
            j += 1
        return ends


class _LinkTails:
    """Every unescaped parenthesis, quote and white space of a text, indexed in one pass, so
    that each link destination and title is found by bisection rather than by a scan to the
    end of the text (quadratic on ``[a](`` repeated)."""

    def __init__(self, text: str) -> None:
        self.text, self.n = text, len(text)
        self.spaces: list[int] = []
        self.paren_at: list[int] = []  # positions of unescaped parentheses
        self.depth_after: list[int] = []  # the running balance after each of them
        self.closing: dict[int, list[int]] = {}  # balance before a ")" → its positions
        self.quotes: dict[str, list[int]] = {'"': [], "'": [], ")": []}
        depth, j, n = 0, 0, self.n
        while j < n:
            ch = text[j]
            if ch == "\\" and j + 1 < n:
                j += 2
                continue
            if ch.isspace():
                self.spaces.append(j)
            elif ch == "(" or ch == ")":
                if ch == ")":
                    self.closing.setdefault(depth, []).append(j)
                    self.quotes[")"].append(j)
                depth += 1 if ch == "(" else -1
                self.paren_at.append(j)
                self.depth_after.append(depth)
            elif ch in "\"'":
                self.quotes[ch].append(j)
            j += 1

    @staticmethod
    def _next(positions: list[int], start: int) -> int | None:
        k = bisect_left(positions, start)
        return positions[k] if k < len(positions) else None

    def destination_end(self, j: int) -> int:
        k = bisect_left(self.paren_at, j)
        depth = self.depth_after[k - 1] if k > 0 else 0
        ends = [self.n]
        for found in (self._next(self.closing.get(depth, []), j), self._next(self.spaces, j)):
            if found is not None:
                ends.append(found)
        return min(ends)

    def title_end(self, j: int) -> int | None:
        opener = self.text[j]
        return self._next(self.quotes[")" if opener == "(" else opener], j + 1)


def _link_tail(text: str, i: int, index: _Brackets) -> int | None:
    """For ``(`` at ``i`` after a link text: the end of ``(destination "title")``, or None."""
    n, j = len(text), i + 1

    def spaces(k: int) -> int:
        while k < n and text[k] in " \t\n":
            k += 1
        return k

    j = spaces(j)
    if j < n and text[j] == "<":
        close = index.find(">", j)
        if close == -1 or -1 < index.find("\n", j) < close or -1 < index.find("<", j + 1) < close:
            return None
        j = close + 1
    else:
        j = index.destination_end(j)
    j = spaces(j)
    if j < n and text[j] in "\"'(":
        k = index.title_end(j)
        if k is None:
            return None
        j = spaces(k + 1)
    return j + 1 if j < n and text[j] == ")" else None


def _match_emphasis(delims: list[dict], drop: bytearray) -> None:
    """Pair emphasis delimiters as CommonMark does (closer looks back for the nearest opener of
    its kind, the rule of three included) and blank the paired markers; lone ones stay.

    As in CommonMark's reference implementation, spent delimiters are unlinked and a closer
    kind that found no opener remembers where the search may stop: linear, where looking back
    over every earlier delimiter is quadratic on long runs of unpaired ``*`` and ``_``."""
    n = len(delims)
    prev, nxt = list(range(-1, n - 1)), list(range(1, n + 1))
    linked = [True] * n

    def unlink(i: int) -> None:
        if linked[i]:
            linked[i] = False
            if prev[i] >= 0:
                nxt[prev[i]] = nxt[i]
            if nxt[i] < n:
                prev[nxt[i]] = prev[i]

    bottom: dict[tuple, int] = {}  # (char, closer opens, length % 3) → searched down to here
    for ci, closer in enumerate(delims):
        if not closer["close"] or not linked[ci]:
            continue
        key = (closer["ch"], closer["open"], closer["orig"] % 3)
        while closer["count"] > 0:
            found, oi = None, prev[ci]
            while oi > bottom.get(key, -1):
                op = delims[oi]
                if op["ch"] == closer["ch"] and op["count"] > 0 and op["open"]:
                    both = op["close"] or closer["open"]
                    if not (
                        both
                        and (op["orig"] + closer["orig"]) % 3 == 0
                        and not (op["orig"] % 3 == 0 and closer["orig"] % 3 == 0)
                    ):
                        found = oi
                        break
                oi = prev[oi]
            if found is None:
                bottom[key] = max(bottom.get(key, -1), prev[ci])
                break
            op = delims[found]
            use = 2 if op["count"] >= 2 and closer["count"] >= 2 else 1
            end = op["start"] + op["count"]
            drop[end - use : end] = b"\x01" * use
            op["count"] -= use
            drop[closer["start"] : closer["start"] + use] = b"\x01" * use
            closer["start"] += use
            closer["count"] -= use
            between = nxt[found]
            while between != ci:
                delims[between]["count"] = 0
                following = nxt[between]
                unlink(between)
                between = following
            if op["count"] == 0:
                unlink(found)
        if closer["count"] == 0:
            unlink(ci)


# -- HTML ---------------------------------------------------------------------------------------

#: Elements whose content is never prose.
_NEVER = frozenset({"head", "title", "script", "style", "template", "noscript", "svg", "math"}) | {
    *("iframe", "object", "select", "option", "button", "textarea", "canvas", "video", "audio")
}
#: Page furniture, left out when trafilatura finds no article body.
_FURNITURE = frozenset({"nav", "header", "footer", "aside", "form", "menu", "dialog"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}) | {
    *("param", "source", "track", "wbr")
}
_RAW = frozenset(["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"])
#: A tag runs to the first ``>`` outside quoted values; a quote without its pair is a plain
#: character. Possessive, so a tag that does not close fails after one pass (``html_nodes``
#: then stops looking for tags: none can close later either).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+'|[\"'])*+)>")
_TAG_START = re.compile(r"</?[A-Za-z]")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_DECLARATION = re.compile(r"<![^>]*>?|<\?[^>]*>?")
_ATTR = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


class _Node:
    """A piece of an HTML source: ``kind`` is text, tag, comment or raw (script and style)."""

    __slots__ = ("attrs", "closing", "end", "furniture", "kind", "menu", "name", "never", "start")

    def __init__(self, kind: str, start: int, end: int, name: str = "", closing: bool = False):
        self.kind, self.start, self.end, self.name, self.closing = kind, start, end, name, closing
        self.attrs = ""
        self.never = self.furniture = self.menu = False


def html_nodes(source: str) -> list[_Node]:
    """Text, tags, comments and raw script/style content of ``source``, in order, each marked
    as inside never-prose elements, page furniture or a menu (``nav``)."""
    nodes: list[_Node] = []
    pos, n = 0, len(source)
    text_start = 0
    tags_possible = True

    def flush(end: int) -> None:
        if end > text_start:
            nodes.append(_Node("text", text_start, end))

    while pos < n:
        lt = source.find("<", pos)
        if lt == -1:
            break
        match = _COMMENT.match(source, lt) if source.startswith("<!--", lt) else None
        if match is None and source.startswith(("<!", "<?"), lt):
            match = _DECLARATION.match(source, lt)
        if match is not None:
            flush(lt)
            nodes.append(_Node("comment", lt, match.end()))
            pos = text_start = match.end()
            continue
        match = _TAG.match(source, lt) if tags_possible else None
        if match is None:
            # a tag that fails to close fails at the end of the text, and so would every later
            # one: stop trying (each try would rescan to the end, quadratic on "<a <a <a …")
            tags_possible = tags_possible and not _TAG_START.match(source, lt)
            pos = lt + 1
            continue
        flush(lt)
        name = match.group(2).lower()
        node = _Node("tag", lt, match.end(), name, closing=bool(match.group(1)))
        node.attrs = match.group(3)
        nodes.append(node)
        pos = text_start = match.end()
        if name in _RAW and not node.closing:  # "<script/>" opens a script in HTML too
            close = re.compile(rf"</{name}[\s/>]", re.IGNORECASE).search(source, pos)
            end = close.start() if close else n
            kind = "text" if name in ("title", "textarea") else "raw"
            if end > pos:
                nodes.append(_Node(kind, pos, end))
            pos = text_start = end
    flush(n)
    depth: dict[str, int] = {}
    for node in nodes:
        if node.kind == "tag":
            name = node.name
            if name == "body" and not node.closing:
                depth["head"] = 0
            if name in _NEVER or name in _FURNITURE:
                if node.closing:
                    depth[name] = max(depth.get(name, 0) - 1, 0)
                elif name not in _VOID and not (
                    name in ("svg", "math") and node.attrs.rstrip().endswith("/")
                ):  # "/>" closes only void and foreign (svg, math) elements
                    depth[name] = depth.get(name, 0) + 1
            continue
        node.never = node.kind == "raw" or any(depth.get(t) for t in _NEVER)
        node.furniture = any(depth.get(t) for t in _FURNITURE)
        node.menu = bool(depth.get("nav"))
    return nodes


def _attrs(raw: str) -> dict[str, str]:
    found = {}
    for match in _ATTR.finditer(raw):
        value = match.group(2) or ""
        if value[:1] in "\"'":
            value = value[1:-1]
        found.setdefault(match.group(1).lower(), html.unescape(value))
    return found


def html_meta(source: str, nodes: list[_Node]) -> dict[str, str]:
    """Title (``<title>``, else og:title), author, outlet, date and lang of an HTML page."""
    meta: dict[str, str] = {}
    title_next = False
    for node in nodes:
        if node.kind == "tag" and not node.closing:
            title_next = node.name == "title"
            attrs = _attrs(node.attrs)
            if node.name == "html" and attrs.get("lang"):
                meta.setdefault("lang", attrs["lang"].strip())
            if node.name == "meta" and attrs.get("content", "").strip():
                key = attrs.get("property") or attrs.get("name") or ""
                target = {
                    "og:title": "og:title",
                    "author": "author",
                    "article:author": "author",
                    "og:site_name": "outlet",
                    "article:published_time": "date",
                    "date": "date",
                }.get(key.lower())
                if target:
                    meta.setdefault(target, " ".join(attrs["content"].split()))
        elif node.kind == "text" and title_next:
            title = " ".join(html.unescape(source[node.start : node.end]).split())
            if title:
                meta.setdefault("title", title)
            title_next = False
    og_title = meta.pop("og:title", None)
    if og_title and "title" not in meta:
        meta["title"] = og_title
    return meta


def blank_html_fragment(source: str) -> str:
    """HTML inside another format (a Markdown HTML block): tags, comments, scripts and styles
    blanked; the text kept, its character references decoded."""
    out = _blanked(source)
    chars = list(out)
    for node in html_nodes(source):
        if node.kind == "text" and not node.never:
            chars[node.start : node.end] = decode_entities(source[node.start : node.end], False)
    return "".join(chars)


def blank_html(source: str) -> tuple[str, dict]:
    """The article prose of an HTML page (same length, newlines kept) and its metadata.

    trafilatura finds the article body; its lines are matched, in order and ignoring white
    space, to runs of the page's text nodes, and only those characters are kept. Menus
    (``nav``) are never kept. When trafilatura finds nothing, or less than half of what it
    finds can be matched, every text node outside page furniture (nav, header, footer, aside,
    forms) and non-prose elements (script, style, head…) is kept instead."""
    nodes = html_nodes(source)
    meta = html_meta(source, nodes)
    # menus are never article text, even when trafilatura takes them for it
    texts = [node for node in nodes if node.kind == "text" and not node.never and not node.menu]
    every = list(_blanked(source))  # every text node, references decoded
    for node in texts:
        every[node.start : node.end] = decode_entities(source[node.start : node.end], False)
    full = "".join(every)
    keep = _body_ranges(source, full)
    if keep is None:
        keep = [(node.start, node.end) for node in texts if not node.furniture]
    chars = list(_blanked(source))
    for start, end in keep:
        chars[start:end] = full[start:end]
    return "".join(chars), meta


def _extract(source: str) -> str | None:
    try:
        import trafilatura

        return trafilatura.extract(
            source, output_format="txt", include_comments=False, favor_precision=True
        )
    except Exception:  # trafilatura fails on some malformed pages: fall back, never crash
        return None


def _squeeze(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch not in _IGNORABLE)


def _body_ranges(source: str, full: str) -> list[tuple[int, int]] | None:
    """The ranges of ``full`` (the page with only its text nodes, decoded) that carry
    trafilatura's article body, or None when it finds none."""
    extracted = _extract(source)
    if not extracted or not extracted.strip():
        return None
    offsets = [i for i, ch in enumerate(full) if not ch.isspace() and ch not in _IGNORABLE]
    haystack = "".join(full[i] for i in offsets)
    lines = [line for line in extracted.splitlines() if _squeeze(line)]
    found = _align(haystack, lines)
    matched = sum(b - a for hit in found if hit for a, b in hit)
    if matched * 2 < sum(len(_squeeze(line)) for line in lines):
        return None  # the page's text nodes do not carry the extract: keep them all instead
    return sorted((offsets[a], offsets[b - 1] + 1) for hit in found if hit for a, b in hit)


def _variants(line: str) -> list[str]:
    """What an extracted line may look like in the page: as is, without the "- " trafilatura
    puts before list items, without the "|" of table rows."""
    found = [_squeeze(line)]
    stripped = line.strip()
    if stripped.startswith(("- ", "* ", "• ")):
        found.append(_squeeze(stripped[2:]))
    if "|" in stripped:
        found.append(_squeeze(stripped.replace("|", "")))
    return [v for v in found if v]


def _align(haystack: str, lines: list[str]) -> list[list[tuple[int, int]] | None]:
    """Find each line in ``haystack`` in order: long lines first as anchors, then short ones
    between the anchors around them (a short subhead must not match a menu item above)."""
    found: list[list[tuple[int, int]] | None] = [None] * len(lines)

    def search(i: int, lo: int, hi: int) -> list[tuple[int, int]] | None:
        for variant in _variants(lines[i]):
            at = haystack.find(variant, lo, hi)
            if at != -1:
                return [(at, at + len(variant))]
        if "|" in lines[i]:  # a table row: its cells one by one
            cells, cursor = [], lo
            for cell in lines[i].split("|"):
                cell = _squeeze(cell)
                if not cell:
                    continue
                at = haystack.find(cell, cursor, hi)
                if at == -1:
                    return None
                cells.append((at, at + len(cell)))
                cursor = at + len(cell)
            return cells or None
        return None

    cursor = 0
    for i, line in enumerate(lines):
        if len(_squeeze(line)) >= 40:
            hit = search(i, cursor, len(haystack))
            if hit:
                found[i] = hit
                cursor = hit[-1][1]
    lo = 0
    for i in range(len(lines)):
        if found[i]:
            lo = found[i][-1][1]
            continue
        hi = next((f[0][0] for f in found[i + 1 :] if f), len(haystack))
        hit = search(i, lo, hi)
        if hit:
            found[i] = hit
            lo = hit[-1][1]
    return found
