"""Attributions in French, one construction at a time (docs/annotation.md section 1)."""

import pytest

from tests.conftest import attributions_of, describe

# (sentence, kind, content starts with, speaker, cue)


def test_split_quotation_shares_cue_and_speaker(fr):
    text = "« Nous avons gagné la bataille », a lancé le capitaine, « pas encore la guerre »."
    atts = attributions_of(fr, text)
    assert [a.kind for a in atts] == ["direct", "direct"], describe(text, atts)
    assert {a.speaker.span.text for a in atts} == {"le capitaine"}, describe(text, atts)


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a évoqué la coopération entre les deux pays.",
        "Il faut ajouter du sel avant la cuisson.",
        "La municipalité a annoncé la couleur dès le premier conseil.",
        "Le quartier de la « petite Jérusalem » attire les touristes.",
        "Il faut noter que la saison a été difficile pour le club.",
        "Le sélectionneur doit dévoiler sa liste jeudi à midi.",
        "Pour la troisième fois, le tribunal a renvoyé le procès.",
    ],
)
def test_not_an_attribution(fr, text):
    atts = attributions_of(fr, text)
    assert atts == [], describe(text, atts)


def test_quote_inside_quote_is_not_its_own_attribution(fr):
    text = "« Il m'a dit qu'il partait demain », a raconté la voisine."
    atts = attributions_of(fr, text)
    assert len(atts) == 1 and atts[0].kind == "direct", describe(text, atts)


def test_floating_quotation_takes_the_neighbouring_speaker(fr):
    text = (
        "La maire de Dinan, Odile Carré, a confirmé que le marché serait déplacé. "
        "« Les travaux dureront tout l'été et nous n'avons pas d'autre choix. »"
    )
    atts = attributions_of(fr, text)
    assert len(atts) == 2, describe(text, atts)
    assert atts[1].kind == "direct" and atts[1].speaker is not None, describe(text, atts)
    assert atts[1].speaker.source_id == atts[0].speaker.source_id, describe(text, atts)


def test_quotation_with_no_speaker_is_unknown(fr):
    text = "Sur la banderole, on pouvait lire en lettres rouges.\n\n« Touche pas à mon école. »"
    atts = attributions_of(fr, text)
    assert len(atts) == 1 and atts[0].kind == "direct", describe(text, atts)
    assert atts[0].speaker is None or atts[0].speaker.type == "unknown", describe(text, atts)
