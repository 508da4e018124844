"""Reading inputs: files or standard input to text, with clear errors for what is not text.

Decoding: UTF-8 (with or without BOM) first, then a legacy encoding that charset-normalizer
detects with confidence, else a refusal. Binary data (NUL bytes, control characters) is refused.
Offsets in reports are into the decoded text, so ``line_column`` maps them back for editors.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.errors import InputFileError

_MAX_CONTROL_SHARE = 0.01
#: Legacy encodings French and English text is found in; detection chooses among them.
_LEGACY = ("cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850", "utf_16")
_MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """A decoded input: its display path, its text as the editor shows it, the encoding it was
    read with, and the text the analyser reads: the same length as ``text``, with markup
    (Markdown syntax, HTML tags, comments, code) blanked out so that offsets stay the same."""

    path: str
    text: str
    encoding: str
    analysis_text: str = ""
    format: str = "text"
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.analysis_text:
            object.__setattr__(self, "analysis_text", self.text)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes to text; raise InputFileError naming ``name`` when the bytes are not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputFileError(f"{name}: invalid UTF-16 text") from None
    if b"\x00" in data[:65536]:
        raise InputFileError(f"{name}: binary data, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        text, encoding = data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
        if best is None or best.encoding is None:
            raise InputFileError(f"{name}: not UTF-8 and no known encoding fits") from None
        text, encoding = str(best), best.encoding
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / min(len(text), 65536) > _MAX_CONTROL_SHARE:
        raise InputFileError(f"{name}: binary data, not text")
    return text, encoding


def read(path: str) -> Document:
    """Read a path (``-`` is standard input) into a Document; raise InputFileError on a fault.

    The format comes from the extension (.md/.markdown, .html/.htm), else from content that
    starts with ``<!doctype html`` or ``<html``, else plain text; ``analysis_text`` is the text
    with that format's markup blanked (see ``analyzer.markup``)."""
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        file = Path(path)
        if not file.exists():
            raise InputFileError(f"{path}: no such file")
        if file.is_dir():
            raise InputFileError(f"{path}: is a directory, not a file")
        try:
            if file.stat().st_size > _MAX_BYTES:
                raise InputFileError(f"{path}: larger than {_MAX_BYTES // 2**20} MiB")
            data = file.read_bytes()
        except OSError as exc:
            raise InputFileError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    text, encoding = decode(data, "<stdin>" if path == "-" else path)
    if not text.strip():
        raise InputFileError(f"{'<stdin>' if path == '-' else path}: empty input")
    from analyzer.markup import analysis_text, detect_format

    fmt = detect_format("" if path == "-" else path, text)
    blanked, meta = analysis_text(text, fmt)
    return Document(path, text, encoding, blanked, fmt, meta)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
