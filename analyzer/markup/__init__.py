"""Markup to prose without moving a character: the analysis text of Markdown and HTML files.

Every function of this package returns a string of exactly the length of its input in which
everything that is not article prose is replaced by spaces, with newlines (``\\n`` and ``\\r``)
left where they are, so that an offset, a line and a column in the analysis text are the same in
the file. Here: the format of an input and the dispatch (``analysis_text``), and plain text;
``markdown`` (blocks) with ``markdown_inline`` (inline syntax), ``html``, and ``blanking`` (the
same-length helpers both use).

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

import re

from analyzer.markup.blanking import blanked
from analyzer.markup.html import blank_html
from analyzer.markup.markdown import blank_markdown

_MARKDOWN_SUFFIXES = (".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")
_HTML_START = re.compile(r"(?i)<!doctype\s+html|<html[\s>]")
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
        pieces += [text[pos : match.start()], blanked(text[match.start() : close + 3])]
        pos = close + 3
    return "".join(pieces) + text[pos:]
