"""Reading inputs: encodings, binary data, offsets back to lines and columns."""

import pytest

from analyzer.inputs import InputFileError, decode, line_column


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
