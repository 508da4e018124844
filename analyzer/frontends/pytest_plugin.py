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

collects each article as a test item (``pytest_collect_file``: counts, ``--collect-only`` and
``-k`` work as for test files) that fails listing its findings: line, rule, sentence and fix.
spaCy is imported only when a fixture or an article item first needs the engine, so installing
the package does not slow down unrelated test runs.
"""

from __future__ import annotations

import contextlib
import glob
from dataclasses import replace
from pathlib import Path

import pytest

from analyzer.check import SEVERITY_RANK, judge
from analyzer.report import Report


class SourcingEngine:
    """Analyses paths or texts with one cached engine per language and configuration."""

    def __init__(self) -> None:
        from analyzer.session import Session  # spaCy is imported here, on first use only

        self.session = Session()

    def analyze(self, article: str | Path, lang: str | None = None) -> Report:
        if isinstance(article, Path) or _looks_like_path(article):
            return self.session.analyze_path(str(article), lang)[0]
        if _names_a_missing_file(article):
            raise FileNotFoundError(f"{article}: no such file")
        return self.session.analyze_text(article, lang=lang)


_engine: SourcingEngine | None = None


def shared_engine() -> SourcingEngine:
    """The one engine of the pytest process, made when a fixture or an article first needs it:
    a test run that uses neither never imports spaCy."""
    global _engine
    if _engine is None:
        _engine = SourcingEngine()
    return _engine


def _looks_like_path(value: str) -> bool:
    return "\n" not in value and len(value) < 4096 and Path(value).is_file()


def _names_a_missing_file(value: str) -> bool:
    """A one-line string ending in an article extension is a path, not an article."""
    from analyzer.frontends.batch import ARTICLE_SUFFIXES

    return "\n" not in value and len(value) < 4096 and value.lower().endswith(ARTICLE_SUFFIXES)


def sentence_of(text: str, start: int, end: int, limit: int = 240) -> str:
    """The sentence around a finding, on one line, so a failure shows what to rewrite."""
    before = max(text.rfind(stop, 0, start) for stop in (". ", "! ", "? ", "\n", "» ", "… "))
    after = [i for i in (text.find(stop, end) for stop in (". ", "! ", "? ", "\n")) if i >= 0]
    sentence = text[before + 1 if before >= 0 else 0 : min(after) + 1 if after else len(text)]
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def describe_findings(report: Report, fail_on: str = "info") -> str:
    """One block per finding at or above ``fail_on``: where, which rule, the sentence, the fix."""
    threshold = SEVERITY_RANK[fail_on]
    blocks = []
    for f in report.findings:
        if SEVERITY_RANK.get(f.severity, 0) < threshold:
            continue
        block = [
            f"  {report.path or '<text>'}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}",
            f"      | {sentence_of(report.text, f.span.start, f.span.end)}",
        ]
        if f.fix:
            block.append(f"      fix: {f.fix}")
        blocks.append("\n".join(block))
    return "\n".join(blocks)


def assert_well_sourced(
    report: Report, min_score: int | None = None, fail_on: str = "error"
) -> None:
    """Fail, listing the findings (line, rule, sentence, fix), when the report does not pass."""
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
        problems.append(f"{len(verdict.failing)} findings at or above {fail_on}")
    # below the score floor, every finding explains the score; otherwise the failing ones
    listed = describe_findings(report, "info" if verdict.below_min_score else fail_on)
    message = f"{report.path or 'article'} is not well sourced: " + "; ".join(problems)
    raise AssertionError(message + (":\n" + listed if listed else ""))


@pytest.fixture(scope="session")
def sourcing_analyzer() -> SourcingEngine:
    return shared_engine()


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

    def runtest(self) -> None:
        from analyzer.config import for_file

        config = for_file(self.path)
        options = self.config.option
        min_score = options.min_score if options.min_score is not None else config.min_score
        fail_on = options.fail_on or config.fail_on
        report = shared_engine().analyze(self.path)
        with contextlib.suppress(ValueError):  # name the article as pytest does
            report = replace(report, path=str(self.path.relative_to(self.config.rootpath)))
        assert_well_sourced(report, min_score=min_score, fail_on=fail_on)

    def repr_failure(self, excinfo, style=None):
        from analyzer.errors import AnalyzerError

        if isinstance(excinfo.value, AssertionError | AnalyzerError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"article {self.path.name}"


class ArticleFile(pytest.File):
    def collect(self):
        yield ArticleItem.from_parent(self, name="sourcing")


_ARTICLES = pytest.StashKey[frozenset[Path]]()


def pytest_configure(config: pytest.Config) -> None:
    """Resolve ``--articles`` once, and make sure collection walks where the articles are
    (``testpaths`` may point elsewhere): they are then collected as files, so counts,
    ``--collect-only``, ``-k`` and node ids behave as for any test file."""
    patterns = config.getoption("articles", default=None) or []
    root = Path(config.rootpath)
    found: set[Path] = set()
    for pattern in patterns:
        base = Path(pattern) if Path(pattern).is_absolute() else root / pattern
        matches = [Path(m) for m in glob.glob(str(base), recursive=True)]
        matches = [m.resolve() for m in matches if m.is_file()]
        if not matches:
            raise pytest.UsageError(f"--articles {pattern!r} matches no file")
        found.update(matches)
    config.stash[_ARTICLES] = frozenset(found)
    if not found:
        return
    walked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    for path in sorted(found):
        if not any(path == w or w in path.parents for w in walked):
            config.args.append(str(path))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.resolve() in parent.config.stash.get(_ARTICLES, frozenset()):
        return ArticleFile.from_parent(parent, path=file_path)
    return None
