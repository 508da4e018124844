"""Accuracy floors on the gold samples (the figures `analyzer eval samples/fr` prints)."""

from analyzer.evaluate import half_overlap


def test_half_overlap_rule():
    assert half_overlap(0, 10, 0, 10)
    assert half_overlap(0, 10, 2, 12)
    assert not half_overlap(0, 10, 0, 30)  # the prediction covers too much
    assert not half_overlap(0, 10, 10, 20)


def test_samples_cover_the_guide(fr_evaluation):
    from analyzer.gold import find_gold_files, load
    from tests.conftest import SAMPLES

    golds = [load(f) for f in find_gold_files([SAMPLES / "fr"])]
    atts = [a for g in golds for a in g.attributions]
    assert len(golds) >= 15
    assert len(atts) >= 150
    assert {a.kind for a in atts} == {"direct", "indirect", "mixed", "according_to"}
    types = {a.speaker.type if a.speaker else "unknown" for a in atts}
    assert types == {"person", "organisation", "role", "anonymous", "vague", "document", "unknown"}


def test_attribution_f1_floor(fr_evaluation):
    scores = fr_evaluation.overall.scores()
    assert scores["f1"] >= 0.85, scores


def test_speaker_accuracy_floor(fr_evaluation):
    assert fr_evaluation.speaker.value >= 0.85, fr_evaluation.speaker


def test_source_type_accuracy_floor(fr_evaluation):
    assert fr_evaluation.source_type.value >= 0.80, fr_evaluation.confusion


def test_pronoun_resolution_floor(fr_evaluation):
    assert fr_evaluation.pronoun.total >= 20
    assert fr_evaluation.pronoun.value >= 0.60, fr_evaluation.pronoun


def test_hedge_f1_floor(fr_evaluation):
    scores = fr_evaluation.hedges.scores()
    assert scores["tp"] + scores["fn"] >= 30
    assert scores["f1"] >= 0.85, scores


def test_claim_f1_floor(fr_evaluation):
    scores = fr_evaluation.claims.scores()
    assert scores["f1"] >= 0.85, scores


def test_claim_classifier_cross_validated_f1_floor():
    import json

    from analyzer.linear import model_path

    data = json.loads(model_path("claims", "fr").read_text(encoding="utf-8"))
    assert data["cross_validated_f1"] >= 0.85, data["cross_validated_f1"]
    typing = json.loads(model_path("source_type", "fr").read_text(encoding="utf-8"))
    assert typing["cross_validated_accuracy"] >= 0.85
