"""Configuration is untrusted input (issue 12): it lives in content repositories many people
write to. Files it names must be regular, small, UTF-8 and inside its repository; every value
is type-checked; an error is one line naming the file and the key, never quoting what a named
file holds."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer.config import ConfigError, for_file, load

SECRET = "root:x:0:0:secret-line-that-must-not-leak"


def _config(folder: Path, body: str) -> Path:
    path = folder / ".analyzer.toml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path) -> Path:
    folder = tmp_path / "repo"
    (folder / ".git").mkdir(parents=True)
    return folder


def _refused(path: Path, *fragments: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message, message
    for fragment in fragments:
        assert fragment in message, message
    assert SECRET not in message
    return message


def test_a_named_file_outside_the_repository_is_refused_and_not_echoed(tmp_path, repo):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    for name in (str(secret), "../passwd"):
        path = _config(repo, f"known_sources = [{name!r}]\n")
        _refused(path, "known_sources", "outside")


def test_a_named_file_inside_the_repository_with_bad_lines_names_the_line_only(repo):
    (repo / "house").mkdir()
    (repo / "house" / "sources.tsv").write_text(SECRET + "\n", encoding="utf-8")
    path = _config(repo / "house", 'known_sources = ["sources.tsv"]\n')
    _refused(path, "known_sources", "line 1")


def test_a_symbolic_link_out_of_the_repository_is_refused(tmp_path, repo):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    (repo / "sources.tsv").symlink_to(secret)
    _refused(_config(repo, 'known_sources = ["sources.tsv"]\n'), "outside")


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_devices_and_fifos_are_refused_without_blocking(tmp_path, special):
    if special == "fifo":
        special = str(tmp_path / "terms")
        os.mkfifo(special)
    path = _config(tmp_path, f"loaded_terms = [{special!r}]\n")
    start = time.perf_counter()
    with pytest.raises(ConfigError, match=r"regular file|outside"):
        load(path, root="/")
    assert time.perf_counter() - start < 5


def test_non_utf8_and_oversized_files_are_refused(tmp_path):
    (tmp_path / "latin.tsv").write_bytes("préfet\n".encode("latin-1"))
    _refused(_config(tmp_path, 'loaded_terms = ["latin.tsv"]\n'), "not UTF-8", "byte 2")
    with open(tmp_path / "big.tsv", "wb") as handle:
        handle.truncate(11 * 1024 * 1024)
    _refused(_config(tmp_path, 'loaded_terms = ["big.tsv"]\n'), "larger than")


def test_a_configuration_that_is_a_fifo_is_refused(tmp_path):
    fifo = tmp_path / "pyproject.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="regular file"):
        load(fifo)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('language = ["fr"]\n', "language"),
        ("language = { a = 1 }\n", "language"),
        ('fail_on = ["error"]\n', "fail_on"),
        ("messages = 3\n", "messages"),
        ("[weights]\nattribution_coverage = 1e308\n", "weights.attribution_coverage"),
        ("[weights]\nattribution_coverage = nan\n", "weights.attribution_coverage"),
        ("[weights]\nattribution_coverage = -1\n", "weights.attribution_coverage"),
        ('[rules]\nvague-source = ["off"]\n', "rules.vague-source"),
        ("[rules]\nvague-source = { a = 1 }\n", "rules.vague-source"),
        ("known_sources = [[1]]\n", "known_sources"),
        ('loaded_terms = ["' + "x" * 5000 + '"]\n', "loaded_terms"),
        ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
        ("x" * 2_000_000, "larger than"),
        ('language = "' + "é" * 500 + '"\n', "language"),
    ],
    ids=lambda value: value[:24] if isinstance(value, str) else None,
)
def test_every_value_is_checked_with_one_line(tmp_path, body, key):
    message = _refused(_config(tmp_path, body), key)
    assert len(message) < 400, message


def test_config_root_stops_the_search(tmp_path):
    _config(tmp_path, 'language = "en"\n')
    inner = tmp_path / "articles"
    inner.mkdir()
    article = inner / "a.txt"
    article.write_text("Text.", encoding="utf-8")
    assert for_file(article).language == "en"
    assert for_file(article, root=inner).source is None


def test_cli_one_line_exit_2_and_no_traceback(tmp_path, repo):
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    _config(repo, f"known_sources = [{str(secret)!r}]\n")
    article = repo / "a.txt"
    article.write_text("« Le pont rouvrira lundi », a annoncé la mairie.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", "check", str(article)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert SECRET not in result.stderr + result.stdout
