"""pytest plugin: test a newsroom's articles like code.

Fixtures (installed with the package, entry point ``pytest11``):

    def test_sourced(analyze):
        assert analyze("content/a.md").score.value >= 60

    def test_house_style(analyze):
        assert_well_sourced(analyze("content/a.md"), min_score=60, fail_on="warning")

``sourcing_analyzer`` is the session-wide engine (each language's model is loaded once);
``analyze`` takes a path or a text and returns a Report, with the configuration found from the
file's folder upward. With no test code at all,

    pytest --articles "content/**/*.md" --min-score 60

collects each article as a test item that fails with its findings and their lines.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from analyzer.check import SEVERITY_RANK, judge
from analyzer.report import Report


class SourcingEngine:
    """Analyses paths or texts with one cached engine per language and configuration."""

    def __init__(self) -> None:
        from analyzer.session import Session

        self.session = Session()

    def analyze(self, article: str | Path, lang: str | None = None) -> Report:
        if isinstance(article, Path) or _looks_like_path(article):
            return self.session.analyze_path(str(article), lang)[0]
        if _names_a_missing_file(article):
            raise FileNotFoundError(f"{article}: no such file")
        return self.session.analyze_text(article, lang=lang)


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()


def _names_a_missing_file(value: str) -> bool:
    """A one-line string ending in an article extension is a path, not an article."""
    from analyzer.batch import ARTICLE_SUFFIXES

    return "\n" not in value and len(value) < 4096 and value.lower().endswith(ARTICLE_SUFFIXES)


def describe_findings(report: Report, fail_on: str = "info") -> str:
    threshold = SEVERITY_RANK[fail_on]
    lines = [
        f"  {report.path or '<text>'}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}"
        for f in report.findings
        if SEVERITY_RANK[f.severity] >= threshold
    ]
    return "\n".join(lines)


def assert_well_sourced(
    report: Report, min_score: int | None = None, fail_on: str = "error"
) -> None:
    """Fail, listing the findings with their lines, when the report does not pass."""
    __tracebackhide__ = True
    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of {sorted(SEVERITY_RANK)}, not {fail_on!r}")
    verdict = judge(report, fail_on, min_score)
    if verdict.passed:
        return
    problems = []
    if verdict.below_min_score:
        problems.append(f"score {report.score.value} ({report.score.grade}) is below {min_score}")
    if verdict.failing:
        problems.append(
            f"{len(verdict.failing)} findings at or above {fail_on}:\n"
            + describe_findings(report, fail_on)
        )
    raise AssertionError(f"{report.path or 'article'} is not well sourced: " + "; ".join(problems))


@pytest.fixture(scope="session")
def sourcing_analyzer() -> SourcingEngine:
    return SourcingEngine()


@pytest.fixture
def analyze(sourcing_analyzer: SourcingEngine):
    return sourcing_analyzer.analyze


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("analyzer", "sourcing analyzer: articles as test items")
    group.addoption(
        "--articles",
        action="append",
        default=[],
        metavar="GLOB",
        help="collect the articles matching GLOB as test items (repeatable)",
    )
    group.addoption(
        "--min-score",
        type=int,
        default=None,
        metavar="N",
        help="an article item fails below this sourcing score",
    )
    group.addoption(
        "--fail-on",
        default=None,
        choices=sorted(SEVERITY_RANK),
        help="an article item fails on a finding at or above this severity "
        "(default: the configuration's, else error)",
    )


class ArticleItem(pytest.Item):
    """One article: passes when its report passes the thresholds."""

    def __init__(self, *, engine: SourcingEngine, **kwargs) -> None:
        super().__init__(**kwargs)
        self.engine = engine

    def runtest(self) -> None:
        from analyzer.config import for_file

        config = for_file(self.path)
        options = self.config.option
        min_score = options.min_score if options.min_score is not None else config.min_score
        fail_on = options.fail_on or config.fail_on
        report = self.engine.analyze(self.path)
        assert_well_sourced(report, min_score=min_score, fail_on=fail_on)

    def repr_failure(self, excinfo, style=None):
        from analyzer.engine import InputError
        from analyzer.inputs import InputFileError
        from analyzer.language import LanguageError

        if isinstance(excinfo.value, AssertionError | InputFileError | InputError | LanguageError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"article {self.path.name}"


class ArticleFile(pytest.File):
    def collect(self):
        yield ArticleItem.from_parent(self, name="sourcing", engine=_ENGINE)


_ENGINE = SourcingEngine()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    patterns = config.getoption("articles")
    if not patterns:
        return
    seen = {item.path for item in items if isinstance(item, ArticleItem)}
    root = Path(config.rootpath)
    for pattern in patterns:
        matches = sorted(glob.glob(str(root / pattern), recursive=True))
        if not matches:
            raise pytest.UsageError(f"--articles {pattern!r} matches no file")
        for match in map(Path, matches):
            if match.is_file() and match not in seen:
                seen.add(match)
                items.extend(ArticleFile.from_parent(session, path=match).collect())
