"""The pytest plugin, run the way a newsroom runs it (pytester)."""

from __future__ import annotations

import pytest

from tests.conftest import SAMPLES

pytest_plugins = ["pytester"]

GOOD = (SAMPLES / "fr" / "pairs" / "greve-transports-bien-source.txt").read_text(encoding="utf-8")
POOR = (SAMPLES / "fr" / "pairs" / "greve-transports-mal-source.txt").read_text(encoding="utf-8")


@pytest.fixture
def newsroom(pytester: pytest.Pytester) -> pytest.Pytester:
    content = pytester.mkdir("content")
    (content / "bon.md").write_text(GOOD, encoding="utf-8")
    (content / "faible.md").write_text(POOR, encoding="utf-8")
    return pytester


def test_fixtures_and_assertion_helper(newsroom: pytest.Pytester):
    newsroom.makepyfile(
        test_articles="""
        from analyzer.frontends.pytest_plugin import assert_well_sourced

        def test_good(analyze):
            report = analyze("content/bon.md")
            assert report.score.value >= 60
            assert_well_sourced(report, min_score=60)

        def test_text_too(analyze):
            report = analyze("« Nous tiendrons », a déclaré la maire de Brest.")
            assert report.attributions[0].speaker.span.text == "la maire de Brest"
            assert report.language == "fr"

        def test_poor(analyze, sourcing_analyzer):
            report = sourcing_analyzer.analyze("content/faible.md")
            assert_well_sourced(report, min_score=60, fail_on="warning")
        """
    )
    result = newsroom.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*faible.md is not well sourced: score * is below 60*",
            "*content/faible.md:*:*: warning *",
        ]
    )


def test_articles_are_collected_as_items(newsroom: pytest.Pytester):
    result = newsroom.runpytest(
        "--articles", "content/**/*.md", "--min-score", "60", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*faible.md is not well sourced*"])


def test_articles_glob_that_matches_nothing_is_a_usage_error(newsroom: pytest.Pytester):
    result = newsroom.runpytest("--articles", "nowhere/*.md", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*matches no file*"])


def test_configuration_thresholds_apply_to_items(newsroom: pytest.Pytester):
    # by default only errors fail an item; the house's fail_on = "warning" fails the weak one
    result = newsroom.runpytest("--articles", "content/faible.md", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    newsroom.makefile(".toml", **{".analyzer": 'fail_on = "warning"\n'})
    result = newsroom.runpytest("--articles", "content/faible.md", "-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)


def test_plugin_does_not_import_spacy_when_unused(pytester: pytest.Pytester):
    pytester.makepyfile(
        test_trivial="""
        import sys

        def test_nothing_imported():
            # the plugin is installed and loaded
            assert "analyzer.frontends.pytest_plugin" in sys.modules
            assert "spacy" not in sys.modules
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_articles_are_counted_and_listed_by_collect_only(newsroom: pytest.Pytester):
    newsroom.makeini("[pytest]\ntestpaths = tests\n")  # articles lie outside testpaths
    tests = newsroom.mkdir("tests")
    (tests / "test_unit.py").write_text("def test_unit():\n    pass\n", encoding="utf-8")
    result = newsroom.runpytest(
        "--articles", "content/*.md", "--collect-only", "-q", "-p", "no:cacheprovider"
    )
    result.stdout.fnmatch_lines(
        ["content/bon.md::sourcing", "content/faible.md::sourcing", "3 tests collected*"]
    )
    result = newsroom.runpytest(
        "--articles", "content/*.md", "-k", "faible", "--min-score", "60", "-p", "no:cacheprovider"
    )
    result.stdout.fnmatch_lines(["collected 3 items / 2 deselected / 1 selected"])
    result.assert_outcomes(failed=1, deselected=2)


def test_failing_article_lists_line_rule_sentence_and_fix(newsroom: pytest.Pytester):
    result = newsroom.runpytest(
        "--articles", "content/faible.md", "--min-score", "60", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "content/faible.md is not well sourced: score * (?) is below 60:",
            # a French article: its findings speak French
            "  content/faible.md:*:*: warning loaded-term terme chargé «*fiasco*»*",
            "      | Côté usagers, le fiasco est total*",
            "      fix: Employez un mot descriptif*",
        ]
    )
