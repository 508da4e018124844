"""HTML to prose: the page's text nodes (tags, comments, scripts and styles apart), its
metadata, and the article body that trafilatura finds matched back to those text nodes; a
Markdown HTML block is blanked as a fragment."""

from __future__ import annotations

import html
import re

from analyzer.markup.blanking import blanked, decode_entities

_IGNORABLE = "\u200b\u200c\u200d\u2060\ufeff\xad"

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
    out = blanked(source)
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
    every = list(blanked(source))  # every text node, references decoded
    for node in texts:
        every[node.start : node.end] = decode_entities(source[node.start : node.end], False)
    full = "".join(every)
    keep = _body_ranges(source, full)
    if keep is None:
        keep = [(node.start, node.end) for node in texts if not node.furniture]
    chars = list(blanked(source))
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
