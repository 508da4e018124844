"""Corpus runs: one JSON line per file, errors kept, a summary per outlet."""

import json
import os
import subprocess
import sys

from tests.conftest import SAMPLES


def test_batch_over_folders_keeps_every_file(tmp_path):
    for outlet, names in {
        "journal-a": ["justice-proces-lyon"],
        "journal-b": ["sport-football-transfert"],
    }.items():
        folder = tmp_path / "corpus" / outlet
        folder.mkdir(parents=True)
        for name in names:
            text = (SAMPLES / "fr" / f"{name}.txt").read_text(encoding="utf-8")
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "corpus" / "journal-b" / "vide.txt").write_text("", encoding="utf-8")
    out, summary = tmp_path / "out.jsonl", tmp_path / "summary.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer.cli",
            "batch",
            str(tmp_path / "corpus"),
            "--jobs",
            "2",
            "--out",
            str(out),
            "--summary",
            str(summary),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 2  # one file could not be analysed
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    assert sum("error" in line for line in lines) == 1
    assert "vide.txt: empty input" in result.stderr
    rows = {row["outlet"]: row for row in json.loads(summary.read_text(encoding="utf-8"))}
    assert set(rows) == {"journal-a", "journal-b"}
    assert rows["journal-a"]["articles"] == 1 and rows["journal-a"]["attributions"] > 5
