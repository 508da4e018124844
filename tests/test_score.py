"""The sourcing score: properties an editor relies on, and its findings."""

from analyzer.rules import RULES

UNSOURCED = (
    "L'usine de Vierzon fermera en juin.\n\n"
    "Deux cent quarante emplois seront supprimés d'ici la fin de l'année.\n\n"
    "Le groupe a perdu 12 millions d'euros en 2024.\n\n"
    "La production sera transférée en Pologne dès septembre."
)


def test_several_claims_and_no_attribution_scores_at_most_30(fr):
    report = fr.analyze(UNSOURCED)
    assert len(report.claims) >= 3
    assert report.score.value <= 30, report.score
    assert {f.rule for f in report.findings} == {"unattributed-claim"}


def test_adding_a_named_attribution_never_lowers_the_score(fr):
    before = fr.analyze(UNSOURCED).score.value
    sourced = UNSOURCED.replace(
        "Le groupe a perdu 12 millions d'euros en 2024.",
        "Le groupe a perdu 12 millions d'euros en 2024, a indiqué sa directrice, Claire Vautrin.",
    )
    after = fr.analyze(sourced).score.value
    assert after >= before, (before, after)


def test_a_vague_source_scores_below_a_named_one(fr):
    named = (
        "La maire de Vierzon, Odile Perrin, a indiqué que l'usine fermerait en juin.\n\n"
        "Selon le syndicat CGT, 240 emplois seront supprimés."
    )
    vague = named.replace("La maire de Vierzon, Odile Perrin,", "Des observateurs").replace(
        "a indiqué", "ont indiqué"
    )
    assert fr.analyze(vague).score.value < fr.analyze(named).score.value


def test_components_explain_themselves(fr):
    score = fr.analyze(UNSOURCED).score
    names = [c.name for c in score.components]
    assert names == [
        "attribution_coverage",
        "source_quality",
        "named_voices",
        "source_diversity",
        "hedging",
        "loaded_language",
    ]
    assert all(c.explanation for c in score.components)
    assert score.grade in "ABCDE"


def test_findings_have_rules_lines_and_fixes(fr):
    text = (
        "Titre court\n\nSelon certains, le maire aurait menti.\n\n"
        "Le conseil s'est réuni lundi soir.\n\n« On ne lâchera rien. »"
    )
    report = fr.analyze(text)
    for finding in report.findings:
        assert finding.rule in RULES
        assert finding.fix
        line_start = text.rfind("\n", 0, finding.span.start) + 1
        assert finding.column == finding.span.start - line_start + 1
        assert finding.line == text.count("\n", 0, finding.span.start) + 1
    rules = {f.rule for f in report.findings}
    assert "vague-source" in rules
    assert "unattributed-quote" in rules


def test_justified_anonymity_is_info(fr):
    text = (
        "Un haut fonctionnaire, qui s'exprimait sous couvert d'anonymat, a affirmé que le "
        "projet serait abandonné."
    )
    severities = {f.severity for f in fr.analyze(text).findings if f.rule == "anonymous-source"}
    assert severities == {"info"}


def _pairs():
    from tests.conftest import SAMPLES

    folder = SAMPLES / "fr" / "pairs"
    return sorted(p.name.removesuffix("-bien-source.txt") for p in folder.glob("*-bien-source.txt"))


def test_paired_samples_are_separated(fr):
    from tests.conftest import SAMPLES

    stories = _pairs()
    assert len(stories) >= 4
    folder = SAMPLES / "fr" / "pairs"
    for story in stories:
        good = fr.analyze((folder / f"{story}-bien-source.txt").read_text(encoding="utf-8"))
        poor = fr.analyze((folder / f"{story}-mal-source.txt").read_text(encoding="utf-8"))
        message = f"{story}: well sourced {good.score.value}, poorly sourced {poor.score.value}"
        assert good.score.value >= 60, message
        assert poor.score.value <= 40, message
        assert good.score.value - poor.score.value >= 25, message


SOURCED = (
    "La maire de Vierzon, Odile Perrin, a indiqué lundi que l'usine fermerait en juin.\n\n"
    "Selon le syndicat CGT, 240 emplois seront supprimés d'ici la fin de l'année.\n\n"
    "« Nous irons jusqu'au bout ! », a lancé le délégué syndical, Marc Aubry."
)


def test_the_writers_raised_voice_takes_away_but_quoted_voices_do_not(fr):
    from analyzer.score import writer_exclamations

    calm = fr.analyze(SOURCED)
    assert writer_exclamations(calm) == 0  # the "!" stands in a quotation
    loud = fr.analyze(SOURCED.replace("fermerait en juin.", "fermerait en juin !"))
    assert writer_exclamations(loud) == 1
    assert loud.score.value < calm.score.value, (loud.score, calm.score)
    # Clean language earns nothing by itself: the same text with no sources stays low.
    assert fr.analyze(UNSOURCED).score.value <= 30


def test_the_benchmark_counts_ties_half_and_draws_outlets_apart():
    from benchmarks.recovery import auc, outlet_halves

    assert auc([3, 2], [1, 2]) == (1 + 1 + 0.5 + 1) / 4
    rows = [{"outlet": f"o{i}", "reliable": i % 2 == 0} for i in range(8)]
    perfect = [10.0 if r["reliable"] else 0.0 for r in rows]
    halves = outlet_halves(rows, perfect)
    assert halves["draws"] > 0 and halves["min"] == halves["mean"] == 1.0
    reversed_ = [-s for s in perfect]
    assert outlet_halves(rows, reversed_)["mean"] == 0.0


def test_a_weasel_phrase_that_sources_its_sentence_still_counts_as_unsourced(en):
    from analyzer.score import unsourced_hedges

    report = en.analyze(
        "It is believed that two shots were fired outside the bar shortly after midnight."
    )
    assert [c.attributed for c in report.claims] == [True]
    assert [h.kind for h in unsourced_hedges(report)] == ["weasel"]
