"""The same-length contract every markup module keeps: characters become spaces, newlines
(``\\n`` and ``\\r``) stay where they are, and a character reference becomes its character
followed by spaces, so an offset in the analysis text is the same offset in the file."""

from __future__ import annotations

import html
import html.entities
import re

NEWLINES = "\r\n"


def blank(out: list[str], start: int, end: int) -> None:
    """Spaces over ``out[start:end]``, newlines kept."""
    for i in range(max(start, 0), min(end, len(out))):
        if out[i] not in NEWLINES:
            out[i] = " "


def blanked(text: str) -> str:
    """``text`` as spaces, newlines kept."""
    return "".join(ch if ch in NEWLINES else " " for ch in text)


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def entity_at(text: str, pos: int, semicolon: bool) -> tuple[int, str] | None:
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
        found = entity_at(text, pos, semicolon)
        if found is None:
            pos = text.find("&", pos + 1)
            continue
        length, decoded = found
        out[pos : pos + length] = decoded + " " * (length - len(decoded))
        pos = text.find("&", pos + length)
    return "".join(out)
