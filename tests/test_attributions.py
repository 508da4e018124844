"""Attributions in French, one construction at a time (ANNOTATION.md section 1)."""

import pytest

from tests.conftest import assert_construction, attributions_of, describe

# (sentence, kind, content starts with, speaker, cue)
CASES = [
    (
        "« Nous ne céderons rien », a déclaré la maire de Brest.",
        "direct",
        "Nous ne céderons",
        "la maire de Brest",
        "a déclaré",
    ),
    (
        "« Le dossier est clos », a-t-il tranché devant la presse.",
        "direct",
        "Le dossier est clos",
        "il",
        "a-t-il tranché",
    ),
    (
        "« Le dossier est clos », précise-t-elle.",
        "direct",
        "Le dossier est clos",
        "elle",
        "précise-t-elle",
    ),
    (
        "Le préfet a précisé que les routes resteraient fermées jusqu'à lundi.",
        "indirect",
        "les routes resteraient",
        "Le préfet",
        "a précisé",
    ),
    (
        "La présidente du club a assuré mardi aux supporters que l'entraîneur resterait.",
        "indirect",
        "l'entraîneur resterait",
        "La présidente du club",
        "a assuré",
    ),
    (
        "Le syndicat affirme avoir reçu des garanties écrites de la direction.",
        "indirect",
        "avoir reçu des garanties",
        "Le syndicat",
        "affirme",
    ),
    (
        "Le sénateur Paul Garnier a annoncé sa démission lors d'un point presse.",
        "indirect",
        "sa démission",
        "Le sénateur Paul Garnier",
        "a annoncé",
    ),
    (
        "Les négociations sont rompues, a indiqué le porte-parole du gouvernement.",
        "indirect",
        "Les négociations sont rompues",
        "le porte-parole du gouvernement",
        "a indiqué",
    ),
    (
        "La directrice a déclaré : « Personne ne sera licencié ».",
        "direct",
        "Personne ne sera licencié",
        "La directrice",
        "a déclaré",
    ),
    (
        "L'opposition a dénoncé « une mascarade électorale » dans un communiqué.",
        "mixed",
        "« une mascarade électorale »",
        "L'opposition",
        "a dénoncé",
    ),
    (
        'Les médias locaux ont indiqué que "le pont sera reconstruit avant l\'été".',
        "mixed",
        "le pont sera reconstruit",
        "Les médias locaux",
        "ont indiqué",
    ),
    (
        "Selon une source proche de l'enquête, le suspect aurait quitté la ville.",
        "according_to",
        "le suspect aurait quitté",
        "une source proche de l'enquête",
        "Selon",
    ),
    (
        "Le chômage a reculé de 0,3 point au troisième trimestre, selon l'Insee.",
        "according_to",
        "Le chômage a reculé",
        "l'Insee",
        "selon",
    ),
    (
        "D'après le rapport de la Cour des comptes, la dette atteindra 120 % du PIB.",
        "according_to",
        "la dette atteindra",
        "le rapport de la Cour des comptes",
        "D'après",
    ),
    (
        "De source policière, trois personnes ont été interpellées dans la nuit.",
        "according_to",
        "trois personnes ont été",
        "source policière",
        "De source",
    ),
    (
        "Pour l'historienne Anne Roux, cette réforme marque une rupture profonde.",
        "according_to",
        "cette réforme marque",
        "l'historienne Anne Roux",
        "Pour",
    ),
]


@pytest.mark.parametrize(("text", "kind", "content", "speaker", "cue"), CASES)
def test_construction(fr, text, kind, content, speaker, cue):
    assert_construction(fr, text, kind, content, speaker, cue)


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
