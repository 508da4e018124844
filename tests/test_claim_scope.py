"""Which sentences are claims and which source scopes them (ANNOTATION.md section 5), on
sentences written for these tests."""

from __future__ import annotations

import pytest


def _claims(analyzer, text):
    return {c.span.text: c.attributed for c in analyzer.analyze(text).claims}


@pytest.mark.parametrize(
    ("lang", "text", "scoped"),
    [
        # "se déclarer" of a fire is no statement: its subject could be no source
        (
            "fr",
            "L'incendie s'est déclaré vers 4 heures dans un entrepôt de la zone portuaire. "
            "Douze camions de livraison ont brûlé avant l'arrivée des secours.",
            False,
        ),
        (
            "en",
            "The death of the climber on Sunday recalls the dangers of the north face. Three "
            "people have died on the route since 2019.",
            False,
        ),
        # a body can be a source: what it details scopes the sentences after it
        (
            "fr",
            "Le ministère détaille les chiffres du chômage du troisième trimestre. Le taux a "
            "baissé de 0,3 point et 40 000 jeunes ont trouvé un emploi.",
            True,
        ),
    ],
)
def test_a_reporting_verb_scopes_what_follows_only_when_its_subject_can_be_a_source(
    request, lang, text, scoped
):
    claims = _claims(request.getfixturevalue(lang), text)
    assert claims and all(v is scoped for v in claims.values()), claims


def test_a_weasel_frame_hands_its_sentence_to_a_vague_source(en):
    text = (
        "It is believed that two shots were fired outside the bar shortly after midnight.\n\n"
        "The bar reopened on Friday."
    )
    report = en.analyze(text)
    claims = {c.span.text: (c.attributed, c.source_type) for c in report.claims}
    first = "It is believed that two shots were fired outside the bar shortly after midnight."
    assert claims[first] == (True, "vague"), claims
    assert any(f.rule == "weasel-phrase" for f in report.findings)
    assert not any(f.rule == "unattributed-claim" and f.span.text == first for f in report.findings)


def test_a_weasel_phrase_inside_a_sentence_does_not_source_it(en):
    text = (
        "The plant closed in June after 40 years, in what is widely seen as the end of an era "
        "for the town."
    )
    claims = _claims(en, text)
    assert claims and not any(claims.values()), claims


def test_a_fact_said_to_be_unknown_is_no_claim(fr, en):
    text = (
        "Un cycliste a été renversé par un camion samedi à Rennes. La gravité de ses "
        "blessures n'a pas été précisée."
    )
    assert list(_claims(fr, text)) == ["Un cycliste a été renversé par un camion samedi à Rennes."]
    text = (
        "A cyclist was hit by a lorry in Leeds on Saturday. The number of people injured was "
        "still unknown on Sunday."
    )
    assert list(_claims(en, text)) == ["A cyclist was hit by a lorry in Leeds on Saturday."]


def test_an_unknown_beside_a_fact_leaves_the_fact_a_claim(fr):
    text = (
        "Plusieurs véhicules de la gendarmerie ont brûlé dans le parking samedi, mais le "
        "nombre exact n'est pas connu."
    )
    assert list(_claims(fr, text)) == [text]


def test_an_exclamation_states_no_fact(fr):
    text = "C'est devenu un rituel ! Le club a perdu ses trois derniers matchs à domicile."
    assert list(_claims(fr, text)) == ["Le club a perdu ses trois derniers matchs à domicile."]


def test_a_caption_closed_by_its_photo_credit_is_no_claim(en):
    from analyzer.components.claims import _asserts_nothing

    caption = "Residents clear debris outside the flooded library on Monday (Jane Doe/AP)"
    doc = en.nlp(caption)
    assert _asserts_nothing(doc[:], doc.text, [])
    doc = en.nlp("Residents cleared debris outside the flooded library on Monday (pictured).")
    assert not _asserts_nothing(doc[:], doc.text, [])


def test_an_order_to_the_reader_is_no_claim_but_its_clause_is(en, fr):
    text = "Forget the old rules. The service signed 3 million subscribers in its first month."
    assert list(_claims(en, text)) == [
        "The service signed 3 million subscribers in its first month."
    ]
    text = "Rappelons que deux personnes ont été mises en examen en mars dans cette affaire."
    assert list(_claims(fr, text)) == [text]
