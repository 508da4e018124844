"""Corpus runs: every input kind, one JSON line per document, errors kept, crash safety
(resume after SIGKILL, a dead worker replaced, workers dying with the parent)."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

ENV = {**os.environ, "NO_COLOR": "1"}

#: Short articles of our own: the model load, not the analysis, is what a run costs.
SHORT = [
    "Le maire de Lille, Martine Aubry, a déclaré que le tramway serait prolongé.",
    "« Les travaux commenceront en mars », a affirmé Pierre Martin, adjoint aux transports.",
    "Selon une source proche du dossier, la préfecture aurait reçu le projet en janvier.",
    "Des experts estiment que le budget pourrait doubler d'ici deux ans.",
    "Le ministère a indiqué dans un communiqué que les crédits étaient garantis.",
    "« Nous ne laisserons pas faire », a lancé Sophie Durand, présidente de l'association.",
]


def _batch(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", "batch", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
    )


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _records(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            record = {
                "id": f"doc{i:02d}",
                "text": SHORT[i % len(SHORT)] + f" Le conseil se réunira le {i + 1} mai.",
                "outlet": "Le Quotidien" if i % 2 else "La Gazette",
                "date": f"2024-0{1 + i % 3}-15",
                "author": "A. Auteur",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


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
    result = _batch(str(tmp_path / "corpus"), "--out", str(out), "--summary", str(summary))
    assert result.returncode == 2  # one file could not be analysed
    lines = _lines(out)
    assert len(lines) == 3
    assert sum("error" in line for line in lines) == 1
    assert "vide.txt: empty input" in result.stderr
    rows = {row["outlet"]: row for row in json.loads(summary.read_text(encoding="utf-8"))}
    assert set(rows) == {"journal-a", "journal-b"}
    assert rows["journal-a"]["articles"] == 1 and rows["journal-a"]["attributions"] > 5


def test_json_lines_csv_and_globs_with_metadata_and_parquet(tmp_path):
    records = _records(tmp_path / "records.jsonl", 3)
    with open(records, "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "notext", "outlet": "X"}) + "\n")
    table = tmp_path / "table.csv"
    with open(table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "body", "outlet"])
        writer.writeheader()
        writer.writerow({"id": "c1", "body": SHORT[0], "outlet": "Tableau"})
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text(SHORT[1], encoding="utf-8")
    (articles / "two.txt").write_text(SHORT[2], encoding="utf-8")
    out, parquet = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    result = _batch(
        str(records),
        str(table),
        str(articles / "*.txt"),
        "--text-column",
        "body",
        "--out",
        str(out),
        "--parquet",
        str(parquet),
    )
    assert result.returncode == 2, result.stderr  # two bad records
    lines = {line["id"]: line for line in _lines(out)}
    assert set(lines) == {
        "doc00",
        "doc01",
        "doc02",
        f"{records}:4",
        "notext",
        "c1",
        str(articles / "one.txt"),
        str(articles / "two.txt"),
    }
    assert "error" not in lines["doc01"], lines["doc01"]["error"]
    assert lines["doc01"]["outlet"] == "Le Quotidien" and lines["doc01"]["date"] == "2024-02-15"
    assert lines["doc01"]["score"]["grade"] in "ABCDEF"
    assert lines["c1"]["outlet"] == "Tableau" and lines["c1"]["attributions"]
    assert "not JSON" in lines[f"{records}:4"]["error"]
    assert "no 'text' text" in lines["notext"]["error"]
    pq = pytest.importorskip("pyarrow.parquet")
    rows = pq.read_table(parquet).to_pylist()
    assert sorted(r["id"] for r in rows) == sorted(lines)
    row = next(r for r in rows if r["id"] == "doc01")
    assert row["score"] == lines["doc01"]["score"]["value"] and row["outlet"] == "Le Quotidien"


def _workers(pid: int) -> list[int]:
    """The pool's worker processes of ``pid`` (not its resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            with_parent = int(stat.rsplit(")", 1)[1].split()[1]) == pid
            if with_parent and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analyzer.frontends.cli", "batch", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )


def _wait_for_lines(path: Path, n: int, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert process.poll() is None, "the run ended before it could be killed"
        time.sleep(0.2)
    raise AssertionError(f"{path} never reached {n} lines")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_run_resumes_without_loss_or_duplicates_and_workers_die(tmp_path):
    records = _records(tmp_path / "records.jsonl", 24)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "old", "error": "from an earlier run"}\n', encoding="utf-8")
    partial = tmp_path / "out.jsonl.partial"
    run = _start(str(records), "--jobs", "2", "--out", str(out))
    _wait_for_lines(partial, 1, run)
    workers = _workers(run.pid)
    assert workers, "no worker processes"
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "a worker outlived its parent"
    # the old results stay until a run finishes; a kill mid-write leaves a cut line
    assert _lines(out) == [{"id": "old", "error": "from an earlier run"}]
    done = len(_lines(partial))
    assert done < 24, "the run finished before it was killed"
    with open(partial, "a", encoding="utf-8") as handle:
        handle.write('{"id": "doc23", "schema": "analy')
    result = _batch(str(records), "--resume", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not partial.exists()
    ids = [line["id"] for line in _lines(out)]
    assert sorted(ids) == [f"doc{i:02d}" for i in range(24)]  # each once, the old run replaced
    assert f"resuming: {done} documents already done" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_worker_is_replaced_and_sigterm_stops_the_run_at_once(tmp_path):
    records = _records(tmp_path / "records.jsonl", 80)
    out = tmp_path / "out.jsonl"
    run = _start(str(records), "--jobs", "2", "--out", str(out))
    _wait_for_lines(out, 1, run)
    os.kill(_workers(run.pid)[0], signal.SIGKILL)
    written = len(_lines(out))
    _wait_for_lines(out, written + 3, run)  # the pool was replaced and the run goes on
    workers = _workers(run.pid)
    start = time.monotonic()
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=30) == 128 + signal.SIGTERM
    assert time.monotonic() - start < 10, "the run waited for its workers' documents"
    time.sleep(1)
    assert not any(_alive(w) for w in workers)
    result = _batch(str(records), "--resume", "--out", str(out))
    assert result.returncode == 0, result.stderr
    ids = sorted(line["id"] for line in _lines(out))
    assert ids == [f"doc{i:02d}" for i in range(80)]  # nothing lost, nothing twice


def test_resume_needs_an_output_file(tmp_path):
    result = _batch(str(_records(tmp_path / "r.jsonl", 1)), "--resume")
    assert result.returncode == 2 and "--resume needs --out" in result.stderr
