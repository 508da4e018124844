"""The direction of the layers, read from the imports (``ast``, so lazy imports inside functions
count too): front ends -> Session -> engine -> components, with the tooling (gold files,
evaluation, training) apart. The core never imports a front end, the tooling or a renderer; the
components never import what runs them; and analysing needs neither scikit-learn nor numpy
(they are the ``[train]`` extra)."""

from __future__ import annotations

import ast
import tomllib

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "analyzer"

#: What people and programs call: the command line and what only it, the HTTP service, the
#: language server, the pytest plugin and corpus runs use.
FRONT_ENDS = {
    "analyzer.frontends.cli",
    "analyzer.frontends.batch",
    "analyzer.frontends.dask",
    "analyzer.frontends.summarize",
    "analyzer.frontends.lsp",
    "analyzer.frontends.server",
    "analyzer.frontends.api_schema",
    "analyzer.frontends.pool",
    "analyzer.frontends.pytest_plugin",
}
#: Building and measuring the analyser, not running it.
TOOLING = {
    "analyzer.tooling.gold",
    "analyzer.tooling.evaluate",
    "analyzer.tooling.train",
    "analyzer.tooling.render",
}
#: What is above the components: they must not reach back up to what runs them.
RUNNERS = {
    "analyzer.engine",
    "analyzer.pipeline",
    "analyzer.session",
    "analyzer.config",
    "analyzer.score",
    "analyzer.cache",
}
TRAINING_ONLY = {"sklearn", "numpy", "scipy"}


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module of the package and every module it imports (any level)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
        found[_module(path)] = names
    return found


IMPORTS = _imports()


def _layer(name: str) -> str:
    if name in FRONT_ENDS:
        return "front end"
    if name in TOOLING:
        return "tooling"
    if name.startswith("analyzer.render"):
        return "render"
    return "core"


def _hits(imported: set[str], targets: set[str]) -> set[str]:
    return {i for i in imported if any(i == t or i.startswith(t + ".") for t in targets)}


def test_the_layer_lists_name_real_modules() -> None:
    assert set(IMPORTS) >= FRONT_ENDS | TOOLING | RUNNERS
    assert "analyzer.components.attribution" in IMPORTS


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if _layer(m) == "core"))
def test_core_imports_no_front_end_tooling_or_renderer(module: str) -> None:
    above = FRONT_ENDS | TOOLING | {"analyzer.render"}
    assert not _hits(IMPORTS[module], above)


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if _layer(m) in {"render", "tooling"}))
def test_renderers_and_tooling_import_no_front_end(module: str) -> None:
    assert not _hits(IMPORTS[module], FRONT_ENDS)


COMPONENTS = sorted(m for m in IMPORTS if m.startswith("analyzer.components"))


@pytest.mark.parametrize("module", COMPONENTS)
def test_components_do_not_reach_back_up(module: str) -> None:
    imported = IMPORTS[module]
    assert not _hits(imported, RUNNERS | {"analyzer.render"}), "components run under them"
    assert "analyzer" not in imported, "nor the package's public API (analyzer/__init__.py)"


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if m != "analyzer.tooling.train"))
def test_analysing_needs_no_training_libraries(module: str) -> None:
    assert not _hits(IMPORTS[module], TRAINING_ONLY)


def test_packaging_says_what_training_needs() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = " ".join(project["dependencies"])
    train = " ".join(project["optional-dependencies"]["train"])
    assert "scikit-learn" not in runtime and "scikit-learn" in train
    assert ".[dev,train]" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_check_can_fail() -> None:
    """The rules above catch a core module importing a front end (a test that cannot fail
    checks nothing)."""
    assert _hits({"analyzer.frontends.cli", "analyzer.report"}, FRONT_ENDS) == {
        "analyzer.frontends.cli"
    }
    assert _hits({"analyzer.render.terminal"}, {"analyzer.render"})
    assert not _hits({"analyzer.rendering"}, {"analyzer.render"})
