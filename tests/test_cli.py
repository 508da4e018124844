"""The command line, run as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

ARTICLE = SAMPLES / "fr" / "politique-budget-agence.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "blank": d / "blank.txt",
        "binary": d / "binary.txt",
        "german": d / "german.txt",
        "latin1": d / "latin1.txt",
        "bom": d / "bom.txt",
    }
    files["empty"].write_bytes(b"")
    files["blank"].write_text("   \n\n\t  \n", encoding="utf-8")
    files["binary"].write_bytes(bytes(range(256)) * 8)
    files["german"].write_text(
        "Der Bundestag hat am Donnerstag nach langer Debatte das neue Gesetz "
        "beschlossen, wie die Sprecherin der Regierung mitteilte.",
        encoding="utf-8",
    )
    sentence = "« Nous ne reculerons pas », a déclaré le préfet de l'Hérault à la presse."
    files["latin1"].write_bytes(sentence.replace("«", '"').replace("»", '"').encode("latin-1"))
    files["bom"].write_bytes(b"\xef\xbb\xbf" + sentence.encode("utf-8"))
    return files


def test_analyze_one_file_prints_the_json_contract():
    result = run("analyze", str(ARTICLE))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "analyzer.report/1"
    assert report["language"] == "fr"
    for key in ("score", "attributions", "sources", "hedges", "framing", "claims", "findings"):
        assert key in report
    text = ARTICLE.read_text(encoding="utf-8")
    for att in report["attributions"]:
        for part in ("content", "cue", "speaker"):
            span = att[part]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"], att
    assert {a["kind"] for a in report["attributions"]} >= {"direct", "indirect", "according_to"}


def test_several_files_give_json_lines_and_bad_ones_do_not_stop_the_run(bad_files):
    paths = [str(ARTICLE), str(bad_files["empty"]), str(bad_files["bom"])]
    result = run("analyze", *paths, "--lang", "fr")
    assert result.returncode == 2
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stdout
    assert [json.loads(line)["path"] for line in lines] == [paths[0], paths[2]]
    assert result.stderr.count(b"\n") == 1 and b"empty.txt" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty", "empty input"),
        ("blank", "empty input"),
        ("binary", "binary data"),
        ("german", "neither French nor English"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(bad_files, name, message):
    result = run("analyze", str(bad_files[name]))
    assert result.returncode == 2
    assert result.stdout == b""
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and str(bad_files[name]) in lines[0], lines
    assert "Traceback" not in result.stderr.decode()


def test_missing_file_and_directory(tmp_path):
    for path, message in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a directory")):
        result = run("analyze", str(path))
        assert result.returncode == 2
        assert message in result.stderr.decode() and str(path) in result.stderr.decode()


def test_legacy_encoding_and_bom_are_read(bad_files):
    for name in ("latin1", "bom"):
        result = run("analyze", str(bad_files[name]), "--lang", "fr")
        assert result.returncode == 0, result.stderr
        report = json.loads(result.stdout)
        assert len(report["attributions"]) == 1, report
        assert report["attributions"][0]["speaker"]["text"] == "le préfet de l'Hérault"


def test_standard_input():
    data = "« Le pont rouvrira lundi », a annoncé la mairie de Nantes.".encode()
    result = run("analyze", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["path"] == "<stdin>"
    assert report["attributions"][0]["speaker"]["text"] == "la mairie de Nantes"


def test_text_format_fits_80_columns():
    result = run("analyze", str(ARTICLE), "--format", "text")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Attributions" in out and "Sources" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out  # NO_COLOR


def test_usage_error_is_exit_2():
    result = run("analyze", str(ARTICLE), "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr.decode()


def test_eval_json_reports_the_measures():
    result = run("eval", str(SAMPLES / "fr"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"] >= 15
    assert data["attributions"]["f1"] >= 0.85
    for key in ("kinds", "speaker_accuracy", "pronoun_accuracy", "source_type_accuracy"):
        assert key in data


def test_eval_table_and_missing_path(tmp_path):
    result = run("eval", str(SAMPLES / "fr"))
    assert result.returncode == 0
    assert "source type" in result.stdout.decode()
    missing = run("eval", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no such file" in missing.stderr.decode()


def test_hostile_inputs_are_one_line_each_and_the_run_goes_on(tmp_path):
    """A FIFO (never waited on), a file over --max-size, a symbolic-link loop and a file whose
    name holds a line break: one line each, the article still checked, exit 2."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    big.write_text("Le maire a parlé. " * 70_000, encoding="utf-8")  # 1.2 MB
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    odd = tmp_path / "deux\nlignes.txt"
    odd.write_text("Selon certains élus, le maire a démissionné.\n", encoding="utf-8")
    files = [str(fifo), str(big), str(tmp_path / "loop.txt"), str(odd)]
    result = run("check", *files, "--lang", "fr", "--no-config", "--max-size", "1")
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    errors = [line for line in stderr.splitlines() if "fifo.txt" in line or "big.txt" in line]
    assert len(errors) == 2 and "regular file" in errors[0] and "larger than 1 MiB" in errors[1]
    assert "loop.txt" in stderr and "Traceback" not in stderr
    escaped = str(tmp_path / "deux\\nlignes.txt")
    findings = result.stdout.decode().splitlines()
    assert findings and all(line.startswith(escaped + ":") for line in findings), findings
