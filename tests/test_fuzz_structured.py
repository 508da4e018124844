"""Structured fuzzing (issue 14): news-like sentences built from the lexicons reach the
attribution constructions; whatever they build, nothing raises and every span is its text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from analyzer import InputError
from tests.strategies import articles, sentences, span_faults

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _analyse(analyzer, text: str):
    try:
        report = analyzer.analyze(text)
    except InputError:
        assert not text.strip()
        return None
    faults = span_faults(report, text)
    assert not faults, f"in {text!r}: {faults}"
    return report


@SETTINGS
@given(text=articles("fr"))
def test_french_news_like_text(fr, text):
    _analyse(fr, text)


@SETTINGS
@given(text=articles("en"))
def test_english_news_like_text(en, text):
    _analyse(en, text)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_strategies_reach_the_constructions(request, lang):
    """A check on the strategies themselves: most of what they build holds an attribution, so
    the properties above exercise the construction code, not only the tokenizer."""
    analyzer = request.getfixturevalue(lang)
    found = []

    @settings(max_examples=40, deadline=None, database=None)
    @given(text=sentences(lang))
    def collect(text):
        report = _analyse(analyzer, text)
        found.append(bool(report and report.attributions))

    collect()
    assert sum(found) >= len(found) // 3, f"{sum(found)} of {len(found)} with an attribution"
