"""Hedges (ANNOTATION.md section 3): the journalistic conditional, lexical cues, weasels."""

import pytest


def hedges(fr, text):
    return [(h.span.text, h.kind, h.in_quote, h.attributed) for h in fr.analyze(text).hedges]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre aurait démissionné dans la nuit.", [("aurait", "conditional", False, False)]),
        (
            "Trois suspects auraient été arrêtés à Lyon.",
            [("auraient", "conditional", False, False)],
        ),
        ("Le fugitif serait en Belgique depuis lundi.", [("serait", "conditional", False, False)]),
        ("Le suspect a apparemment quitté la ville.", [("apparemment", "lexical", False, False)]),
        ("Le présumé meurtrier a été interpellé.", [("présumé", "lexical", False, False)]),
        (
            "Il se murmure que le maire ne se représentera pas.",
            [("Il se murmure", "weasel", False, False)],
        ),
    ],
)
def test_hedge_kinds(fr, text, expected):
    found = [(t.lower(), k, q, a) for t, k, q, a in hedges(fr, text)]
    assert found == [(t.lower(), k, q, a) for t, k, q, a in expected], text


@pytest.mark.parametrize(
    "text",
    [
        "Si la pluie revenait, la récolte serait sauvée.",  # si-clause
        "Je voudrais remercier les bénévoles.",  # politeness
        "Le maire a affirmé qu'il viendrait à la réunion.",  # future-in-the-past
        "Pourriez-vous nous indiquer la route ?",
    ],
)
def test_not_hedges(fr, text):
    assert hedges(fr, text) == [], text


def test_hedge_in_quote_and_attributed(fr):
    text = (
        "« Le tunnel pourrait rouvrir en mai », a déclaré le préfet. "
        "Selon la police, le conducteur aurait pris la fuite."
    )
    found = hedges(fr, text)
    assert ("pourrait", "conditional", True, False) in found, found
    assert ("aurait", "conditional", False, True) in found, found


def test_epistemic_modal_after_a_past_cue_still_hedges(fr):
    text = "La ministre a estimé que la réforme pourrait échouer au Sénat."
    found = hedges(fr, text)
    assert found == [("pourrait", "conditional", False, True)], found
