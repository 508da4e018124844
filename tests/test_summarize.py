"""Corpus summaries: figures per group from real batch records, CSV, plots and the HTML page."""

import csv
import json
import os
import subprocess
import sys

import pytest

from analyzer.frontends.summarize import gender_of, month_of, summarize

ARTICLES = {
    # id: (outlet, date, text)
    "a1": (
        "La Gazette",
        "2024-01-10",
        "Marie Lefebvre, directrice du projet, a déclaré que le chantier avançait. "
        "Selon une source proche du dossier, le budget aurait doublé.",
    ),
    "a2": (
        "La Gazette",
        "2024-02-03",
        "Le ministère a indiqué dans un communiqué que les crédits étaient garantis. "
        "Pierre Martin a affirmé que les délais seraient tenus.",
    ),
    "b1": (
        "Le Quotidien",
        "2024-02-21",
        "Des experts estiment que la réforme pourrait échouer. Sophie Durand, présidente "
        "de l'association, a affirmé que la loi serait contestée.",
    ),
}


@pytest.fixture(scope="module")
def results(tmp_path_factory, fr):
    """A results file as batch writes it, from real analyses, plus one error line."""
    from analyzer.frontends.batch import analyse_item

    path = tmp_path_factory.mktemp("summary") / "results.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for rid, (outlet, date, text) in ARTICLES.items():
            item = {"id": rid, "text": text, "outlet": outlet, "date": date, "lang": "fr"}
            handle.write(json.dumps(analyse_item(item), ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "bad", "error": "x.txt: empty input"}) + "\n")
        handle.write('{"id": "cut", "sco')  # a run killed mid-line
    return path


def test_groups_by_outlet_with_scores_sources_and_gender(results):
    summary = summarize(str(results), "outlet")
    rows = {row["outlet"]: row for row in summary.rows()}
    assert summary.errors == 1
    assert set(rows) == {"La Gazette", "Le Quotidien"}
    gazette = rows["La Gazette"]
    assert gazette["articles"] == 2 and gazette["attributions"] >= 3
    assert 0 <= gazette["median_score"] <= 100
    assert gazette["women"] >= 1 and gazette["men"] >= 1  # Marie Lefebvre, Pierre Martin
    assert "Marie Lefebvre" in gazette["most_quoted"]
    assert rows["Le Quotidien"]["women_share"] == 1.0  # Sophie Durand
    shares = [gazette[f"{k}_share"] for k in ("person", "organisation", "role", "document")]
    shares += [gazette[f"{k}_share"] for k in ("anonymous", "vague", "unknown")]
    assert abs(sum(shares) - 1) < 0.01


def test_groups_by_month(results):
    rows = {row["month"]: row for row in summarize(str(results), "month").rows()}
    assert rows["2024-01"]["articles"] == 1 and rows["2024-02"]["articles"] == 2


def test_first_names_tell_gender_only_with_a_surname():
    assert gender_of("Marie Lefebvre", "fr") == "female"
    assert gender_of("Pierre Martin", "fr") == "male"
    assert gender_of("Lefebvre", "fr") is None
    assert gender_of("le ministère", "fr") is None
    assert month_of("2024-3-07T10:00") == "2024-03" and month_of("hier") == "unknown"


def test_command_writes_csv_plots_and_html(results, tmp_path):
    out = tmp_path / "report"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer.frontends.cli",
            "summarize",
            str(results),
            "--out-dir",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    assert "La Gazette" in done.stdout and "3 articles, 1 errors" in done.stdout
    with open(out / "summary_by_outlet.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["outlet"] for r in rows] == ["La Gazette", "Le Quotidien"]
    for name in ("score_distribution", "source_mix", "trend_by_month"):
        assert (out / f"{name}.png").read_bytes().startswith(b"\x89PNG")
        assert "<svg" in (out / f"{name}.svg").read_text(encoding="utf-8")
    page = (out / "summary.html").read_text(encoding="utf-8")
    assert 'src="source_mix.svg"' in page and "La Gazette" in page


def test_missing_results_file_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", "summarize", str(tmp_path / "none.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "none.jsonl" in done.stderr
