"""The safety net: an unexpected exception while analysing one document is that document's
one-line error; the other documents are still analysed and the exit code is 2.

The failure is real: a spaCy component added to the real pipeline raises on a marker word.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest
from spacy.language import Language

from analyzer.errors import AnalyzerError, InternalError
from analyzer.session import Session
from tests.conftest import ROOT

MARKER = "Zorglub"
ARTICLE = "« Nous rouvrirons le pont lundi », a déclaré la maire de Nantes. {}"


@Language.component("explode_on_marker")
def explode_on_marker(doc):
    if MARKER in doc.text:
        raise ValueError(f"marker word {MARKER} reached")
    return doc


#: A CLI run whose pipeline has one more real component, raising on the marker word.
DRIVER = textwrap.dedent(
    f"""
    import sys
    from spacy.language import Language
    import analyzer.engine
    from analyzer.frontends.cli import main

    @Language.component("explode_on_marker")
    def explode_on_marker(doc):
        if {MARKER!r} in doc.text:
            raise ValueError("marker word {MARKER} reached")
        return doc

    _build = analyzer.engine.build

    def build(*args, **kwargs):
        nlp = _build(*args, **kwargs)
        nlp.add_pipe("explode_on_marker", last=True)
        return nlp

    analyzer.engine.build = build
    sys.exit(main())
    """
)


@pytest.fixture
def exploding_session(fr):
    fr.nlp.add_pipe("explode_on_marker", last=True)
    session = Session()
    session._engines[("fr", None)] = fr
    try:
        yield session
    finally:
        fr.nlp.remove_pipe("explode_on_marker")


def test_session_turns_an_unexpected_exception_into_one_internal_error(exploding_session):
    with pytest.raises(InternalError) as caught:
        exploding_session.analyze_text(ARTICLE.format(MARKER), lang="fr")
    message = str(caught.value)
    assert isinstance(caught.value, AnalyzerError)
    assert message.startswith("internal error: ValueError: marker word Zorglub reached (at ")
    assert "test_safety_net.py:" in message and "\n" not in message
    assert isinstance(caught.value.__cause__, ValueError)
    # the same session analyses the next document
    report = exploding_session.analyze_text(ARTICLE.format("Fin."), lang="fr")
    assert report.attributions[0].speaker.span.text == "la maire de Nantes"


def _cli(tmp_path, *args: str) -> subprocess.CompletedProcess:
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(driver), *args], capture_output=True, env=env, timeout=300
    )


@pytest.fixture
def three_files(tmp_path):
    paths = []
    for name, tail in (("a", "Fin."), ("b", MARKER + " est là."), ("c", "Voilà.")):
        path = tmp_path / f"{name}.txt"
        path.write_text(ARTICLE.format(tail), encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.parametrize("command", ["analyze", "check", "report"])
def test_cli_reports_the_others_and_exits_2(tmp_path, three_files, command):
    result = _cli(tmp_path, command, *three_files, "--lang", "fr", "--no-config")
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("analyzer: error:")]
    raise_line = next(i for i, line in enumerate(DRIVER.splitlines(), 1) if "raise" in line)
    assert errors == [
        f"analyzer: error: {three_files[1]}: internal error: ValueError: marker word "
        f"{MARKER} reached (at driver.py:{raise_line})"
    ], stderr
    assert "Traceback" not in stderr
    out = result.stdout.decode()
    if command == "analyze":
        paths = [json.loads(line)["path"] for line in out.splitlines()]
        assert paths == [three_files[0], three_files[2]]
    elif command == "check":
        assert f"{three_files[1]}:" not in out
        summary = stderr.strip().splitlines()[-1]  # the scores of the two others
        assert three_files[0] in summary and three_files[2] in summary, summary
        assert three_files[1] not in summary, summary
    else:
        assert out.count("la maire de Nantes") >= 2


def test_debug_prints_the_traceback(tmp_path, three_files):
    result = _cli(tmp_path, "--debug", "analyze", three_files[1], "--lang", "fr", "--no-config")
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in stderr
    assert "raise ValueError" in stderr and "InternalError" in stderr
    assert stderr.strip().splitlines()[-1].startswith("analyzer: error:")
