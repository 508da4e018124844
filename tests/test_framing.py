"""Framing signals (docs/annotation.md section 4): non-neutral verbs, loaded terms."""


def framing(fr, text):
    return [(f.span.text, f.kind) for f in fr.analyze(text).framing]


def test_non_neutral_verbs_carry_their_stance(fr):
    cases = {
        "Le maire a prétendu que les comptes étaient à l'équilibre.": "doubt",
        "Le coureur a reconnu qu'il avait pris un produit interdit.": "concession",
        "L'enquête a révélé que les fonds avaient disparu.": "presupposes_truth",
        "L'opposition a fustigé « un budget d'austérité ».": "evaluative",
        "Le préfet a indiqué que la route était fermée.": "neutral",
    }
    for text, stance in cases.items():
        atts = fr.analyze(text).attributions
        assert len(atts) == 1 and atts[0].cue.stance == stance, (text, atts)
        kinds = [k for _, k in framing(fr, text)]
        assert ("non_neutral_verb" in kinds) == (stance != "neutral"), text


def test_loaded_terms_in_the_writers_voice_only(fr):
    assert ("scandale", "loaded_term") in framing(fr, "Ce scandale a éclaté mardi à Rennes.")
    quoted = "« C'est un scandale », a déclaré le maire de Rennes."
    assert [k for _, k in framing(fr, quoted)] == []


def test_loaded_terms_reported_by_a_source_are_not_the_writers(fr):
    assert framing(fr, "Selon la ministre, c'est un scandale.") == []
