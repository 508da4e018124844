"""Reading inputs: encodings, binary data, offsets back to lines and columns."""

import os
import time

import pytest

from analyzer.inputs import InputFileError, decode, read
from analyzer.report import line_column


def test_utf8_with_and_without_bom():
    assert decode("élan".encode(), "f") == ("élan", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "élan".encode(), "f") == ("élan", "utf-8-sig")


def test_legacy_encoding_is_detected():
    text = "Le préfet a déclaré que la forêt était fermée à cause de la sécheresse."
    decoded, encoding = decode(text.encode("cp1252"), "f")
    assert decoded == text
    assert encoding.lower().replace("_", "-") in {"cp1252", "windows-1252", "latin-1", "iso-8859-1"}


@pytest.mark.parametrize("data", [b"\x00\x01\x02abc", bytes(range(32)) * 50])
def test_binary_is_refused_with_the_name(data):
    with pytest.raises(InputFileError, match=r"article\.txt: binary data"):
        decode(data, "article.txt")


def test_line_and_column_count_characters():
    text = "Première ligne\nDeuxième « ligne »"
    assert line_column(text, 0) == (1, 1)
    assert line_column(text, text.index("«")) == (2, 10)


def test_utf16_with_bom_is_text():
    text = "Le préfet a déclaré que la route était fermée."
    assert decode(text.encode("utf-16"), "f") == (text, "utf-16")


# -- hostile inputs (issue 12): one line, never blocking, never unbounded ----------------------


def _refused(path, *fragments):
    start = time.perf_counter()
    with pytest.raises(InputFileError) as caught:
        read(str(path), max_bytes=1024 * 1024)
    assert time.perf_counter() - start < 5  # never waits on a FIFO or reads /dev/zero
    message = str(caught.value)
    assert "\n" not in message and str(path) in message, message
    for fragment in fragments:
        assert fragment in message, message


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    _refused(fifo, "not a regular file")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused(device):
    _refused(device, "not a regular file")


def test_a_symbolic_link_loop_is_refused(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    _refused(tmp_path / "a.txt", "cannot read")


def test_the_size_cap_is_clear_and_configurable(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Le maire a parlé. " * 100_000, encoding="utf-8")  # 1.8 MB
    _refused(big, "larger than 1 MiB")
    assert read(str(big), max_bytes=4 * 1024 * 1024).text.startswith("Le maire")


def test_a_nul_byte_anywhere_is_binary(tmp_path):
    late = tmp_path / "late.txt"
    late.write_bytes(("Le maire a parlé. " * 10_000).encode() + b"\x00 suite")
    _refused(late, "binary data")
    with pytest.raises(InputFileError, match="binary data"):
        decode("Le pont\x00".encode("utf-16"), "f")
