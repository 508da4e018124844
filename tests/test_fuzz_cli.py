"""Fuzzing the command line's inputs and configuration values (issue 12): whatever the article
bytes, the file name and the configuration hold, the CLI prints no traceback, reports no
internal error, and exits 0, 1 or 2.

The CLI runs in this process (``analyzer.frontends.cli.main``) on real files, so that the model
loads once for all examples; tests/test_cli.py runs it as a subprocess.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.frontends.cli import main

ARTICLE = "« Nous rouvrirons le pont lundi », a déclaré la maire de Nantes, selon la préfecture."


def _toml(value) -> str:
    """A value written as TOML (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


_SCALARS = st.one_of(
    st.sampled_from(["fr", "en", "auto", "error", "warning", "info", "off", "article", ""]),
    st.sampled_from(["sources.tsv", "../x.tsv", "/dev/zero", "/etc/passwd", "nope.tsv"]),
    st.text(max_size=20),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["vague-source", "attribution_coverage", "x"]), inner)
    ),
    max_leaves=6,
)
_KEYS = ["language", "min_score", "fail_on", "messages", "rules", "weights"]
_KEYS += ["known_sources", "loaded_terms", "unknown"]
CONFIGS = st.one_of(
    st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=4).map(
        lambda d: "".join(f"{k} = {_toml(v)}\n" for k, v in d.items())
    ),
    st.text(max_size=60),  # not TOML at all
    st.integers(1, 3000).map(lambda n: "a = " + "[" * n + "]" * n + "\n"),
)
ARTICLES = st.one_of(
    st.just(ARTICLE.encode()),
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    st.just(ARTICLE.encode("utf-16")),
    st.just(ARTICLE.replace("«", '"').replace("»", '"').encode("latin-1")),
    st.tuples(st.just(ARTICLE), st.sampled_from(["\x00", "\x01\x02", "\ufeff", "\u2028"])).map(
        lambda t: (t[0] + t[1] + t[0]).encode()
    ),
    st.sampled_from(["<!-- analyzer: ignore a -- b -- c " * 50, "[a](" * 100, "*a " * 100]).map(
        lambda junk: (junk + ARTICLE).encode()
    ),
)
NAMES = st.sampled_from(["a.txt", "a.md", "a.html", "deux\nlignes.txt", "espace é.txt", "-x.txt"])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    data=ARTICLES,
    name=NAMES,
    config=st.none() | CONFIGS,
    command=st.sampled_from(["analyze", "check", "report"]),
    lang=st.sampled_from([[], ["--lang", "fr"], ["--lang", "auto"]]),
)
def test_cli_never_shows_a_traceback(capsys, data, name, config, command, lang):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        article = root / name
        article.write_bytes(data)
        if config is not None:
            (root / ".analyzer.toml").write_text(config, encoding="utf-8", errors="replace")
        try:
            code = main([command, str(article), *lang])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert "root:x:0:0" not in out + err
