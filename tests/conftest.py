"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analyzer

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def fr() -> Analyzer:
    return Analyzer("fr")


@pytest.fixture(scope="session")
def en() -> Analyzer:
    return Analyzer("en")


@pytest.fixture(scope="session")
def fr_evaluation(fr):
    from analyzer.evaluate import evaluate

    return evaluate([SAMPLES / "fr"], analyzer_for=lambda lang: fr)


@pytest.fixture(scope="session")
def en_evaluation(en):
    from analyzer.evaluate import evaluate

    return evaluate([SAMPLES / "en"], analyzer_for=lambda lang: en)


def attributions_of(analyzer: Analyzer, text: str) -> list:
    return list(analyzer.analyze(text).attributions)


def describe(text: str, atts) -> str:
    """A failure message that names the sentence and what was found in it."""
    found = [
        (a.kind, a.content.text, a.cue and a.cue.span.text, a.speaker and a.speaker.span.text)
        for a in atts
    ]
    return f"in {text!r} found {found}"
