"""Accuracy floors on the gold samples (the figures `analyzer eval samples/fr` prints)."""

from analyzer.tooling.evaluate import half_overlap, pronouns


def test_half_overlap_rule():
    assert half_overlap(0, 10, 0, 10)
    assert half_overlap(0, 10, 2, 12)
    assert not half_overlap(0, 10, 0, 30)  # the prediction covers too much
    assert not half_overlap(0, 10, 10, 20)


def test_samples_cover_the_guide(fr_evaluation):
    from analyzer.tooling.gold import find_gold_files, load
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


def test_pronoun_speakers_are_the_profiles_pronouns():
    """The pronouns scored are those the resolver resolves, in every language ("selon lui",
    "It added"); a plain noun is none."""
    assert {"il", "lui", "celles-ci", "he", "it"} <= pronouns()
    assert "ministre" not in pronouns() and "the" not in pronouns()


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


def _grouped(gold_ids: list[str], predicted_ids: list[str | None]):
    """Matched pairs whose gold and predicted sources are the given ids."""
    from analyzer.report import Attribution, Span, Speaker
    from analyzer.tooling.gold import GoldAttribution, GoldSpan, GoldSpeaker

    pairs = []
    for i, (gold_id, pred_id) in enumerate(zip(gold_ids, predicted_ids, strict=True)):
        span = GoldSpan(i, i + 1, "x")
        gold = GoldAttribution("direct", span, None, GoldSpeaker(span, "person", None, gold_id))
        speaker = Speaker(Span(i, i + 1, "x"), "person", None, pred_id)
        pairs.append((gold, Attribution(f"a{i}", "direct", Span(i, i + 1, "x"), None, speaker)))
    return pairs


def test_grouping_measure_sees_merged_and_split_sources():
    from analyzer.tooling.evaluate import Grouping

    right = Grouping()
    right.add(_grouped(["Ferrand", "Ferrand", "Roussel"], ["s1", "s1", "s2"]))
    assert right.scores()["precision"] == right.scores()["recall"] == 1.0
    merged = Grouping()  # two people under one source: precision falls, recall stays
    merged.add(_grouped(["Ferrand", "Ferrand", "Roussel"], ["s1", "s1", "s1"]))
    assert merged.scores()["recall"] == 1.0
    assert abs(merged.scores()["precision"] - (2 / 3 + 2 / 3 + 1 / 3) / 3) < 1e-9
    split = Grouping()  # one person as two sources, or with no source: recall falls
    split.add(_grouped(["Ferrand", "Ferrand", "Roussel"], ["s1", None, "s2"]))
    assert split.scores()["precision"] == 1.0
    assert abs(split.scores()["recall"] - (1 / 2 + 1 / 2 + 1) / 3) < 1e-9


def test_samples_name_every_source():
    from analyzer.tooling.evaluate import gold_source
    from analyzer.tooling.gold import find_gold_files, load
    from tests.conftest import SAMPLES

    for file in find_gold_files([SAMPLES / "fr", SAMPLES / "en"]):
        for att in load(file).attributions:
            if att.speaker is not None or att.resolved:
                assert gold_source(att), f"{file.name}: {att.content.text[:40]!r} has no source id"


def test_source_grouping_floor(fr_evaluation):
    scores = fr_evaluation.grouping.scores()
    assert scores["total"] >= 150
    assert scores["precision"] >= 0.95, scores
    assert scores["recall"] >= 0.85, scores
