"""Telling French from English, and refusing the rest."""

import time

import pytest

from analyzer.language import LanguageError, detect


def test_french_and_english():
    assert detect("Le gouvernement a annoncé mardi que la réforme serait reportée.") == "fr"
    assert detect("The government said on Tuesday that the reform would be delayed.") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung hat am Dienstag angekündigt, dass die Reform verschoben wird.",
        "12 345 678 — 2024",
        "El gobierno anunció el martes que la reforma se aplazará hasta el próximo año.",
    ],
)
def test_other_languages_are_refused(text):
    with pytest.raises(LanguageError):
        detect(text)


def test_detection_is_fast():
    text = "Le gouvernement a annoncé mardi que la réforme serait reportée. " * 200
    start = time.perf_counter()
    for _ in range(20):
        detect(text)
    assert (time.perf_counter() - start) / 20 < 0.01
