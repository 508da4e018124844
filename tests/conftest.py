"""Shared fixtures: the real models, loaded once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
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
    from analyzer.tooling.evaluate import evaluate

    return evaluate([SAMPLES / "fr"], analyzer_for=lambda lang: fr)


@pytest.fixture(scope="session")
def en_evaluation(en):
    from analyzer.tooling.evaluate import evaluate

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


def assert_construction(analyzer, text, kind, content, speaker, cue) -> None:
    """Exactly one attribution, of this kind, content start (``START…END``: start and end),
    speaker and cue."""
    atts = attributions_of(analyzer, text)
    assert len(atts) == 1, describe(text, atts)
    att = atts[0]
    assert att.kind == kind, describe(text, atts)
    start, _, end = content.partition("…")
    assert att.content.text.startswith(start), describe(text, atts)
    assert att.content.text.endswith(end), describe(text, atts)
    assert att.speaker is not None and att.speaker.span.text == speaker, describe(text, atts)
    assert att.cue is not None and att.cue.span.text == cue, describe(text, atts)


def run_cli(*args: str, cwd: Path | None = None, lang: str | None = None):
    """The real command line in a subprocess, no colour, 80 columns; ``lang`` sets LANG (and
    clears the other locale variables) for the language of command-line messages."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    if lang is not None:
        for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            env.pop(name, None)
        if lang:
            env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=cwd,
    )
