"""Markdown inline syntax (CommonMark): which characters of a block are syntax (code spans,
inline HTML, autolinks, link and image targets, emphasis markers, escapes) and which character
references to decode. A scanner of its own rather than markdown-it's inline parser, which gives
no source positions; every lookup is indexed once so that adversarial text stays linear."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from analyzer.markup.blanking import entity_at

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
        elif ch == "&" and (found := entity_at(text, i, semicolon=True)):
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
