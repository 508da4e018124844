"""Telling French from English, and refusing the rest."""

import time

import pytest

from analyzer.language import LanguageError, detect


def test_french_and_english():
    assert detect("Le gouvernement a annoncé mardi que la réforme serait reportée.") == "fr"
    assert detect("The government said on Tuesday that the reform would be delayed.") == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Die Regierung hat am Dienstag angekündigt, dass die Reform verschoben wird.",
        "12 345 678 — 2024",
        "El gobierno anunció el martes que la reforma se aplazará hasta el próximo año.",
    ],
)
def test_other_languages_are_refused(text):
    with pytest.raises(LanguageError):
        detect(text)


def test_detection_is_fast():
    text = "Le gouvernement a annoncé mardi que la réforme serait reportée. " * 200
    start = time.perf_counter()
    for _ in range(20):
        detect(text)
    assert (time.perf_counter() - start) / 20 < 0.01


ARTICLE_FR = (
    "« Nous ne fermerons pas l'école », a déclaré mardi la maire de Lille, qui a reçu les "
    "parents dans la soirée. Selon la préfecture, la décision sera prise avant la fin du mois. "
)


def test_a_long_blank_start_does_not_hide_the_article():
    # markup blanked to spaces (scripts, menus) fills the first 20,000 characters and more
    assert detect(" " * 30_000 + ARTICLE_FR * 3) == "fr"
    assert detect("\n" * 100_000 + ARTICLE_FR) == "fr"


def test_the_sample_is_spread_over_the_whole_text():
    # a long English preamble does not outvote a longer French article after it
    preamble = "The site uses cookies to improve the service and to measure the audience. " * 300
    assert detect(preamble + ARTICLE_FR * 400) == "fr"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body>" + "<div>" * 10_000 + f"<p>{ARTICLE_FR}</p>" + "</div>" * 10_000,
        "<html><head><script>" + "var a = 1;\n" * 2_700 + f"</script></head><body><p>{ARTICLE_FR}"
        "</p></body></html>",
    ],
    ids=["10000-nested-divs", "27-KB-inline-script"],
)
def test_html_pages_around_a_french_article(page):
    from analyzer.markup import analysis_text

    blanked, _ = analysis_text(page, "html")
    assert detect(blanked) == "fr"


def test_sampling_takes_linear_time():
    from analyzer.language import sample

    timings = []
    for size in (200_000, 800_000):
        text = ("mot " * (size // 4))[:size]
        start = time.perf_counter()
        sample(text)
        timings.append(time.perf_counter() - start)
    assert timings[1] < 0.5
