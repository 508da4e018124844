"""Speakers and sources: pronouns, appositions, grouping, types (docs/annotation.md section 2)."""

import pytest

from tests.conftest import describe


def test_pronoun_resolves_to_the_antecedent_that_agrees(fr):
    text = (
        "Le maire, Hervé Dumas, a reçu la directrice de l'école, Sylvie Morel. "
        "Elle a affirmé que les classes rouvriraient lundi."
    )
    report = fr.analyze(text)
    atts = report.attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.span.text == "Elle", describe(text, atts)
    assert atts[0].speaker.resolved and "Morel" in atts[0].speaker.resolved, describe(text, atts)
    assert atts[0].speaker.type == "person", describe(text, atts)


def test_mentions_of_one_person_form_one_source(fr):
    text = (
        "Abel Ferrand, ministre de l'Agriculture, a déclaré que les aides seraient versées. "
        "« Nous tiendrons parole », a ajouté le ministre.\n\n"
        "M. Ferrand a enfin assuré que le calendrier serait respecté."
    )
    report = fr.analyze(text)
    assert len(report.attributions) == 3, describe(text, report.attributions)
    ids = {a.speaker.source_id for a in report.attributions}
    assert len(ids) == 1, describe(text, report.attributions)
    assert report.sources[0].type == "person"
    assert "Ferrand" in report.sources[0].name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Selon le ministère de la Santé, les urgences sont saturées.", "organisation"),
        ("Selon une source diplomatique, les discussions sont suspendues.", "anonymous"),
        ("Selon certains observateurs, les discussions sont suspendues.", "vague"),
        ("Selon un rapport de la Cour des comptes, la dette a doublé.", "document"),
        ("Selon le préfet de la Gironde, la digue a cédé dans la nuit.", "role"),
        ("Selon Marie Lefort, la digue a cédé dans la nuit.", "person"),
        ("On assure à Matignon que la réforme sera votée.", "vague"),
    ],
)
def test_source_types(fr, text, expected):
    atts = fr.analyze(text).attributions
    assert len(atts) == 1, describe(text, atts)
    assert atts[0].speaker.type == expected, describe(text, atts) + f" typed {atts[0].speaker.type}"
