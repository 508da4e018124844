"""The direction of the layers, read from the imports (``ast``, so lazy imports inside functions
count too): front ends -> Session -> engine -> components, with the tooling (gold files,
evaluation, training) apart. The layers are the package's layout: ``analyzer/frontends/``,
``analyzer/tooling/``, ``analyzer/render/``, and the rest is the core. The core never imports a
front end, the tooling or a renderer; the components never import what runs them; and analysing
needs neither scikit-learn nor numpy (they are the ``[train]`` extra)."""

from __future__ import annotations

import ast
import tomllib

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "analyzer"

#: What is above the components: they must not reach back up to what runs them.
RUNNERS = {
    "analyzer.engine",
    "analyzer.pipeline",
    "analyzer.session",
    "analyzer.config",
    "analyzer.score",
    "analyzer.cache",
}
TRAINING_ONLY = {"sklearn", "scipy"}


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

#: What people and programs call (the command line and what only it uses, corpus runs, the
#: language server, the HTTP service, the pytest plugin): everything under analyzer.frontends.
FRONT_ENDS = {m for m in IMPORTS if (m + ".").startswith("analyzer.frontends.")}
#: Building and measuring the analyser, not running it: everything under analyzer.tooling.
TOOLING = {m for m in IMPORTS if (m + ".").startswith("analyzer.tooling.")}


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


def test_the_layers_are_the_package_layout() -> None:
    assert set(IMPORTS) >= RUNNERS
    assert "analyzer.components.attribution" in IMPORTS
    assert {
        f"analyzer.frontends.{m}" for m in ("cli", "lsp", "server", "pytest_plugin")
    } <= FRONT_ENDS
    assert {f"analyzer.tooling.{m}" for m in ("gold", "evaluate", "train")} <= TOOLING
    flat = {m.removeprefix("analyzer.") for m in IMPORTS if m.count(".") == 1}
    assert not flat & {
        "cli",
        "batch",
        "lsp",
        "server",
        "pytest_plugin",
        "gold",
        "evaluate",
        "train",
    }


def test_entry_points_are_front_ends() -> None:
    """What the packaging installs (the command, the pytest plugin) lives in analyzer.frontends."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    targets = [*project["scripts"].values(), *project["entry-points"]["pytest11"].values()]
    assert targets and all(t.split(":")[0] in FRONT_ENDS for t in targets)


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if _layer(m) == "core"))
def test_core_imports_no_front_end_tooling_or_renderer(module: str) -> None:
    above = FRONT_ENDS | TOOLING | {"analyzer.render"}
    assert not _hits(IMPORTS[module], above)


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if _layer(m) in {"render", "tooling"}))
def test_renderers_and_tooling_import_no_front_end(module: str) -> None:
    assert not _hits(IMPORTS[module], FRONT_ENDS)


@pytest.mark.parametrize("module", sorted(m for m in IMPORTS if _layer(m) == "render"))
def test_renderers_import_no_tooling(module: str) -> None:
    """A renderer turns a Report into text; the view of an evaluation is tooling."""
    assert not _hits(IMPORTS[module], TOOLING)


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
    assert "numpy" in runtime  # imported by the analysis (token columns), declared for it
    assert ".[dev,train]" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_check_can_fail() -> None:
    """The rules above catch a core module importing a front end (a test that cannot fail
    checks nothing)."""
    assert _hits({"analyzer.frontends.cli", "analyzer.report"}, FRONT_ENDS) == {
        "analyzer.frontends.cli"
    }
    assert _hits({"analyzer.render.terminal"}, {"analyzer.render"})
    assert not _hits({"analyzer.rendering"}, {"analyzer.render"})
