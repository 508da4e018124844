"""The pre-commit hook, run by the real pre-commit tool in a temporary git repository, and the
result cache behind it (``analyzer check --cache``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

POOR = SAMPLES / "fr" / "pairs" / "greve-transports-mal-source.txt"  # grade E
JSON = ("--format", "json")
GOOD = SAMPLES / "fr" / "pairs" / "greve-transports-bien-source.txt"  # grade A


def _hook() -> dict:
    yaml = pytest.importorskip("yaml")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook


@pytest.fixture(scope="module")
def stable_package(tmp_path_factory) -> Path:
    """A copy of the package to run the hook from: the cache is keyed by the analyser's files,
    which other work in this tree may touch between two runs of a test."""
    folder = tmp_path_factory.mktemp("package")
    shutil.copytree(
        ROOT / "analyzer", folder / "analyzer", ignore=shutil.ignore_patterns("__pycache__")
    )
    return folder


def _env(package: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ANALYZER_"))}
    return {**env, "PYTHONPATH": str(package), "NO_COLOR": "1", **extra}


def test_hook_selects_articles_only():
    hook = _hook()
    pattern = re.compile(hook["files"])
    for name in ("a.md", "b.markdown", "c.html", "d.htm", "e.txt", "content/2026/f.md"):
        assert pattern.search(name), name
    for name in ("tool.py", ".pre-commit-config.yaml", "pyproject.toml", "notes.md.bak"):
        assert not pattern.search(name), name
    assert hook["types"] == ["file"] and "types_or" not in hook
    assert hook["entry"].split()[:3] == ["analyzer", "check", "--cache"]
    assert "--default-min-score" in hook["entry"] and hook["require_serial"] is True


def test_pre_commit_fails_grade_e_skips_code_and_reuses_results(tmp_path, stable_package):
    pytest.importorskip("pre_commit")
    hook = _hook()
    repo = tmp_path / "newsroom"
    (repo / "content").mkdir(parents=True)
    shutil.copy(POOR, repo / "content" / "faible.md")
    shutil.copy(GOOD, repo / "content" / "bon.md")
    (repo / "tool.py").write_text("x = 1\n", encoding="utf-8")  # neither French nor English
    (repo / "settings.yaml").write_text("a: 1\n", encoding="utf-8")
    env = _env(stable_package, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", str(repo)], check=True, env=env)

    def run(importtime: bool = False) -> tuple[subprocess.CompletedProcess, float]:
        """pre-commit with a local hook made of the published hook's entry, files and types,
        run by this interpreter (with -X importtime, its stderr names each module imported)."""
        python = f"{sys.executable} -X importtime" if importtime else sys.executable
        local = {
            "id": hook["id"],
            "name": hook["name"],
            "entry": hook["entry"].replace("analyzer", f"{python} -m analyzer.frontends.cli", 1),
            "language": "system",
            "files": hook["files"],
            "types": hook["types"],
            "require_serial": True,
            "verbose": True,
        }
        config = {"repos": [{"repo": "local", "hooks": [local]}]}
        (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
        subprocess.run([*git, "add", "."], cwd=repo, check=True, env=env)
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        return result, time.monotonic() - started

    cold, cold_time = run()
    assert cold.returncode == 1, cold.stdout + cold.stderr
    floor = re.compile(r"content/faible\.md:1:1: error min-score \D*\d+\D+50\b")  # any language
    assert floor.search(cold.stdout)
    assert re.search(r"content/faible\.md \d+ \([DE]\)", cold.stdout)
    assert re.search(r"content/bon\.md \d+ \([ABC]\)", cold.stdout)
    assert "bon.md:1:1: error min-score" not in cold.stdout  # the well-sourced one passes
    assert "tool.py" not in cold.stdout and "settings.yaml" not in cold.stdout
    # the cache folder ignores itself: it never shows up as something to commit
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True)
    assert b".analyzer_cache" not in status.stdout

    warm, warm_time = run(importtime=True)
    assert warm.returncode == 1 and floor.search(warm.stdout)
    assert warm.stdout.count("content/") == cold.stdout.count("content/")
    assert "import time:" in warm.stdout  # the hook's own stderr is shown (verbose)
    assert not re.search(r"\|\s+spacy$", warm.stdout, re.MULTILINE), "a cache hit loaded spaCy"
    assert warm_time < cold_time

    # the thresholds are not part of the key: the configuration lifts the default floor (0),
    # the article passes, without a new analysis
    (repo / ".analyzer.toml").write_text("min_score = 0\n", encoding="utf-8")
    relaxed, _ = run(importtime=True)
    assert relaxed.returncode == 0, relaxed.stdout
    assert not re.search(r"\|\s+spacy$", relaxed.stdout, re.MULTILINE)


def test_cache_entries_are_safe_against_corruption(tmp_path):
    from analyzer.cache import ResultCache
    from analyzer.config import Config
    from analyzer.report import Finding, Report, Score, Span

    text = "Le maire aurait démissionné."
    hedge = Finding("unattributed-hedge", "warning", Span(9, 15, "aurait"), 1, 10, "hedge")
    report = Report(text, "fr", (), (), findings=(hedge,), score=Score(40, "D"), path="a.md")
    cache = ResultCache(tmp_path / "cache")
    key = cache.key(text.encode(), Config(), None)
    assert cache.get(key, "a.md") is None  # absent
    cache.put(key, report)
    assert cache.get(key, "a.md") == report
    assert key != cache.key(text.encode(), Config(rules={"loaded-term": "off"}), None)
    assert key == cache.key(text.encode(), Config(min_score=90, fail_on="info"), None)
    (entry,) = (tmp_path / "cache").glob("*/*.json")
    for damage in ('{"key": "', "[]", f'{{"key": "{key}", "text": 1}}', "\x00\xff"):
        entry.write_text(damage, encoding="latin-1")
        assert cache.get(key, "a.md") is None, damage  # a miss, never an error
        cache.put(key, report)
    assert cache.get(key, "a.md") == report
    unwritable = ResultCache(tmp_path / "file")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    unwritable.put(key, report)  # a cache that cannot be written is not used
    assert unwritable.get(key, "a.md") is None


def test_cached_report_is_the_analysed_one(tmp_path, stable_package):
    article = tmp_path / "faible.md"
    shutil.copy(POOR, article)
    cache = tmp_path / "cache"

    def check() -> dict:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "analyzer.frontends.cli",
                "check",
                "--cache-dir",
                str(cache),
                *JSON,
                article,
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=_env(stable_package),
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    fresh = check()
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    cached = check()
    assert cached == fresh  # spans, sources, score and findings rebuilt from the entry
    assert len(list(cache.glob("*/*.json"))) == 1

    # (a rule turned off in the configuration is another key: see the test above)


def test_default_min_score_out_of_range_is_a_usage_error(tmp_path):
    # (that it fails grade E and yields to the configuration: the pre-commit test above)
    article = tmp_path / "a.md"
    shutil.copy(POOR, article)
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "analyzer.frontends.cli",
            "check",
            "--default-min-score",
            "150",
            article,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert wrong.returncode == 2 and "--default-min-score must be from 0 to 100" in wrong.stderr
