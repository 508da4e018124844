"""Reading inputs: files or standard input to text, with clear errors for what is not text.

Decoding: UTF-8 (with or without BOM) first, then a legacy encoding that charset-normalizer
detects with confidence, else a refusal. Binary data (a NUL byte anywhere, control characters)
is refused. Only regular files are read (a FIFO, a device, a socket or a symbolic-link loop is
refused at once, never waited on), up to ``MAX_BYTES`` (``max_bytes`` changes it).
Offsets in reports are into the decoded text (``report.line_column`` maps them back for editors).
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field

from analyzer.errors import InputFileError

_MAX_CONTROL_SHARE = 0.01
#: Legacy encodings French and English text is found in; detection chooses among them.
_LEGACY = ("cp1252", "iso8859_15", "latin_1", "mac_roman", "cp850", "utf_16")
#: The default size cap of one input: news articles are far smaller; the HTTP body limit is 5 MB.
MAX_BYTES = 10 * 1024 * 1024


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
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputFileError(f"{name}: invalid UTF-16 text") from None
        if "\x00" in text:
            raise InputFileError(f"{name}: binary data, not text (a NUL character)")
        return text, "utf-16"
    if b"\x00" in data:
        raise InputFileError(f"{name}: binary data, not text (a NUL byte)")
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
    if "\x00" in text:
        raise InputFileError(f"{name}: binary data, not text (a NUL character)")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if text and controls / min(len(text), 65536) > _MAX_CONTROL_SHARE:
        raise InputFileError(f"{name}: binary data, not text")
    return text, encoding


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit} bytes"


def read_bytes(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Checked with ``stat`` before
    opening and opened without blocking, so a FIFO or a device never hangs the reader."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"{path}: not a regular file (a FIFO, device or socket)")
    if info.st_size > limit:
        raise InputFileError(f"{path}: larger than {_size(limit)} (the input size limit)")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat above
                raise InputFileError(f"{path}: not a regular file (a FIFO, device or socket)")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise InputFileError(f"{path}: larger than {_size(limit)} (the input size limit)")
    return data


def read(path: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read a path (``-`` is standard input) into a Document; raise InputFileError on a fault.

    The format comes from the extension (.md/.markdown, .html/.htm), else from content that
    starts with ``<!doctype html`` or ``<html``, else plain text; ``analysis_text`` is the text
    with that format's markup blanked (see ``analyzer.markup``)."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputFileError(f"<stdin>: larger than {_size(max_bytes)} (the input size limit)")
    else:
        data = read_bytes(path, max_bytes)
    text, encoding = decode(data, "<stdin>" if path == "-" else path)
    if not text.strip():
        raise InputFileError(f"{'<stdin>' if path == '-' else path}: empty input")
    from analyzer.markup import analysis_text, detect_format

    fmt = detect_format("" if path == "-" else path, text)
    blanked, meta = analysis_text(text, fmt)
    return Document(path, text, encoding, blanked, fmt, meta)
