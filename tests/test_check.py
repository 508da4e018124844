"""The pre-publish check as an editor and a CI run it: real subprocesses, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analyzer.rules import RULES
from tests.conftest import SAMPLES, run_cli

GOOD = SAMPLES / "fr" / "pairs" / "transfert-club-rugby-bien-source.txt"
POOR = SAMPLES / "fr" / "pairs" / "transfert-club-rugby-mal-source.txt"


run = run_cli


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("articles")
    path = d / "brouillon.txt"
    path.write_text(
        "Le maire démissionne\n\n"
        "Selon certains élus, le maire de Quimper aurait démissionné lundi soir.\n\n"
        "Le conseil municipal se réunira jeudi pour désigner un successeur.\n",
        encoding="utf-8",
    )
    return path


def test_text_lines_and_exit_codes(article):
    result = run("check", str(article), "--no-config")
    assert result.returncode == 0, result.stderr  # default fail_on=error: only warnings here
    lines = result.stdout.splitlines()
    assert f"{article}:3:7: warning vague-source " in "\n".join(lines)
    for line in lines:
        path, line_no, column, rest = line.split(":", 3)
        assert path == str(article) and int(line_no) >= 1 and int(column) >= 1
        severity, rule, _ = rest.strip().split(" ", 2)
        assert severity in {"error", "warning", "info"} and rule in RULES
    failing = run("check", str(article), "--no-config", "--fail-on", "warning")
    assert failing.returncode == 1
    assert (
        run("check", str(article), "--no-config", "--fail-on", "warning", "--exit-zero").returncode
        == 0
    )


def test_min_score(article):
    result = run("check", str(article), "--no-config", "--min-score", "90")
    assert result.returncode == 1
    assert "min-score" in result.stdout
    assert run("check", str(GOOD), "--no-config", "--min-score", "60").returncode == 0
    assert run("check", str(POOR), "--no-config", "--min-score", "60").returncode == 1


def test_input_errors_are_exit_2_and_the_rest_is_checked(article, tmp_path):
    empty = tmp_path / "vide.txt"
    empty.write_text("", encoding="utf-8")
    result = run("check", str(empty), str(article), "--no-config")
    assert result.returncode == 2
    assert "vide.txt: empty input" in result.stderr
    assert str(article) in result.stdout


def test_json_format(article):
    result = run("check", str(article), "--no-config", "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == "analyzer.report/1" and data["passed"] is True
    assert all(
        {"rule", "severity", "line", "column", "message", "fix"} <= f.keys()
        for f in data["findings"]
    )


def test_sarif_has_the_required_structure(article):
    result = run("check", str(article), "--no-config", "--format", "sarif")
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = sarif["runs"]
    driver = run_["tool"]["driver"]
    rule_ids = [r["id"] for r in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids)) and "vague-source" in rule_ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"]
    assert run_["results"]
    for res in run_["results"]:
        assert res["ruleId"] == rule_ids[res["ruleIndex"]]
        assert res["level"] in {"error", "warning", "note"}
        assert res["message"]["text"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(article)


def test_github_annotations(article):
    result = run("check", str(article), "--no-config", "--format", "github")
    lines = result.stdout.splitlines()
    assert lines and all(
        line.startswith(("::warning file=", "::notice file=", "::error file=")) for line in lines
    )
    assert any(",line=3,col=7," in line and "title=vague-source::" in line for line in lines)


def test_configuration_is_found_upward_and_applied(article, tmp_path):
    project = tmp_path / "journal"
    (project / "articles" / "2026").mkdir(parents=True)
    target = project / "articles" / "2026" / "brouillon.txt"
    target.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[tool.analyzer]\nlanguage = "fr"\nfail_on = "warning"\n\n'
        '[tool.analyzer.rules]\nvague-source = "error"\nunattributed-hedge = "off"\n',
        encoding="utf-8",
    )
    result = run("check", str(target))
    assert result.returncode == 1
    assert "error vague-source" in result.stdout
    assert "unattributed-hedge" not in result.stdout
    shown = json.loads(run("config", str(target)).stdout)
    assert shown["source"] == str(project / "pyproject.toml")
    assert shown["rules"]["vague-source"] == "error" and shown["fail_on"] == "warning"
    (project / "pyproject.toml").write_text('[tool.analyzer]\nfail_onn = "x"\n', encoding="utf-8")
    bad = run("check", str(target))
    assert bad.returncode == 2 and "unknown key 'fail_onn'" in bad.stderr


def test_house_lexicons(tmp_path):
    (tmp_path / "sources.tsv").write_text("les médias locaux\torganisation\n", encoding="utf-8")
    (tmp_path / "termes.tsv").write_text("boulet\n", encoding="utf-8")
    (tmp_path / ".analyzer.toml").write_text(
        'known_sources = ["sources.tsv"]\nloaded_terms = ["termes.tsv"]\n', encoding="utf-8"
    )
    target = tmp_path / "a.txt"
    target.write_text(
        "Les médias locaux ont indiqué que le projet coûtera deux millions d'euros.\n\n"
        "Ce boulet pèse sur les finances de la ville depuis 2019.",
        encoding="utf-8",
    )
    data = json.loads(run("check", str(target), "--format", "json").stdout)
    assert data["attributions"][0]["speaker"]["type"] == "organisation"
    assert any(f["rule"] == "loaded-term" for f in data["findings"])


def test_inline_suppressions(tmp_path):
    target = tmp_path / "a.md"
    target.write_text(
        "<!-- analyzer: ignore vague-source -- the outlet is named in the caption -->\n"
        "Selon certains élus, le maire de Quimper a démissionné.\n\n"
        "<!-- analyzer: off -->\nSelon des observateurs, la ville est endettée.\n"
        "<!-- analyzer: on -->\n\n"
        "<!-- analyzer: ignore loaded-term -->\nLe conseil se réunira jeudi.\n",
        encoding="utf-8",
    )
    result = run("check", str(target), "--no-config", "--lang", "fr")
    assert "vague-source" not in result.stdout, result.stdout
    assert ":8:1: warning unused-suppression" in result.stdout, result.stdout


def test_rules_command():
    listing = run("rules")
    assert listing.returncode == 0 and "vague-source" in listing.stdout
    one = run("rules", "vague-source")
    assert "Why" in one.stdout and "Fix" in one.stdout
    assert run("rules", "nope").returncode == 2


def test_report_command_fits_80_columns_and_saves_html(tmp_path):
    page = tmp_path / "rapport.html"
    result = run("report", str(GOOD), "--html", str(page))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # a French article: the report speaks French (tests/test_i18n.py covers --messages en)
    for part in ("Score de sourçage", "termes clés", "lisibilité", "Sources", "Constats"):
        assert part in out, part
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Score de sourçage" in html


@pytest.mark.parametrize(
    "section",
    [
        "[tool.analyzer]\nloaded_terms = [3]\n",
        "[tool.analyzer.weights]\nattribution_coverage = inf\n",
        "[tool.analyzer]\nrules = 3\n",
        "tool = 3\n",
        "[tool]\nanalyzer = 3\n",
        "[tool.analyzer]\nmin_score = true\n",
        '[tool.analyzer]\nknown_sources = "s.tsv"\n',
    ],
)
def test_bad_configuration_values_are_one_line_errors(tmp_path, article, section):
    (tmp_path / "pyproject.toml").write_text(section, encoding="utf-8")
    target = tmp_path / "a.txt"
    target.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", str(target))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "pyproject.toml" in result.stderr


def test_out_of_range_options_are_usage_errors(article):
    assert run("check", str(article), "--min-score", "150").returncode == 2
    assert run("report", str(article), "--width", "0").returncode == 2
    assert run("serve", "--port", "99999").returncode == 2


def test_unknown_rule_in_a_suppression_is_named(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text(
        "<!-- analyzer: ignore vague-sauce -- typo -->\n"
        "Selon certains élus, le maire a démissionné.\n",
        encoding="utf-8",
    )
    result = run("check", str(target), "--no-config", "--lang", "fr")
    assert "règle inconnue" in result.stdout and "vague-sauce" in result.stdout  # French text
