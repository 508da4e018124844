"""Hedges (ANNOTATION.md section 3): the journalistic conditional, lexical cues, weasels."""

import pytest

from tests.conftest import SHARED


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
    assert ("pourrait", "lexical", True, False) in found, found
    assert ("aurait", "conditional", False, True) in found, found


def test_epistemic_modal_after_a_past_cue_still_hedges(fr):
    text = "La ministre a estimé que la réforme pourrait échouer au Sénat."
    found = hedges(fr, text)
    assert found == [("pourrait", "lexical", False, True)], found


# One row per family the rules know (ANNOTATION.md section 3): a sentence written for the test,
# the hedge's text and its kind. A linguist adding a construction adds its entry to
# lexicons/<lang>/hedges.tsv or hedge_grammar.tsv and a row here.
FR_ROWS = [
    ("Selon la préfecture, trois des suspects seraient des mineurs.", "seraient", "conditional"),
    ("Le directeur ne reconnaîtrait plus l'autorité du conseil.", "reconnaîtrait", "conditional"),
    (
        "Deux agents, soupçonnés d'avoir falsifié des rapports, ont été suspendus.",
        "soupçonnés",
        "lexical",
    ),
    ("Le procès des trafiquants présumés s'est ouvert lundi.", "présumés", "lexical"),
    ("Peut-être la saison la plus difficile du club.", "Peut-être", "lexical"),
    (
        "Trois hommes ont été interpellés sous le soupçon de fraude fiscale.",
        "sous le soupçon de",
        "lexical",
    ),
    (
        "Les enquêteurs ont découvert une lettre présentée comme celle du fugitif.",
        "présentée comme",
        "weasel",
    ),
    ("Les marchés voient certainement cette baisse d'un bon œil.", "certainement", "lexical"),
    (
        "Plus de deux cents maisons ont pu être endommagées par la crue.",
        "ont pu être endommagées",
        "lexical",
    ),
    ("Le navire doit avoir quitté le port avant l'aube.", "doit avoir quitté", "lexical"),
    (
        "Le café protège du cancer ? C'est en tout cas ce qu'affirme une étude.",
        "en tout cas ce qu'",
        "lexical",
    ),
    (
        "Des chiffres qu'il faut prendre avec beaucoup de précautions.",
        "prendre avec beaucoup de précautions",
        "lexical",
    ),
    (
        "Les services de l'État ont été montrés du doigt après la tempête.",
        "été montrés du doigt",
        "weasel",
    ),
    (
        "Plusieurs articles évoquant d'éventuels détournements ont été publiés.",
        "éventuels",
        "lexical",
    ),
    ("S'il pleut encore, la finale pourrait être reportée.", "pourrait", "lexical"),
    ("Les secours ont repéré une explosion qui aurait fait dix blessés.", "aurait", "conditional"),
    ("Le préfet a indiqué que l'incendie aurait pris dans la cave.", "aurait", "conditional"),
    ("Certains affirment que le maire ne se représentera pas.", "Certains affirment", "weasel"),
    ("Le conducteur avait manifestement bu.", "manifestement", "lexical"),
]
FR_NOT_ROWS = [
    "On pourrait presque croire que l'équipe a gagné.",  # generic subject
    "Les dirigeants ont déclaré qu'ils pourraient utiliser ce terme.",  # backshifted option
    "Il faut cibler des étoiles qui auraient une orbite stable.",  # hypothetical relative
    "C'est l'ancien capitaine qui menait la danse.",  # imperfect, not conditional
    "Le recours éventuel à la force a été discuté.",  # a contingency, not a doubt
    "Les policiers ont soupçonné le voisin dès le premier jour.",  # active perfect
    "Tout prévenu est présumé innocent jusqu'à son jugement.",  # legal presumption
    "Le ministre a affirmé qu'il viendrait à la réunion.",  # future-in-the-past
    "Bien que l'on parle de super-terres, ces planètes sont brûlantes.",  # naming, not rumour
    "Aucune de ces étoiles n'a pu être photographiée.",  # could not: ability, negated
]
EN_ROWS = [
    ("The bridge is expected to reopen in May.", "is expected to", "lexical"),
    ("The two men are said to have fled the country.", "are said to", "lexical"),
    ("It was reported that the minister had resigned.", "It was reported", "weasel"),
    ("It was gathered that the suspects had fled.", "It was gathered", "weasel"),
    (
        "There has been speculation that the coach will leave.",
        "There has been speculation",
        "weasel",
    ),
    ("Shares fell amid fears the deal could collapse.", "amid fears", "weasel"),
    ("Some reports have suggested the striker is injured.", "Some reports", "weasel"),
    ("The mayor denied reports that he had accepted gifts.", "reports", "weasel"),
    ("Reporting over the weekend has suggested the talks stalled.", "Reporting", "weasel"),
    ("Some critics argue that the plan is too costly.", "Some critics", "weasel"),
    ("Residents fled, with many alleging that the police fired first.", "many alleging", "weasel"),
    ("The senator is widely seen as a moderate.", "is widely seen as", "weasel"),
    ("The governor is seen as the favourite.", "is seen as", "weasel"),
    ("It looks like the deal will go through.", "It looks like", "lexical"),
    ("The coach didn't seem worried about the injury.", "seem", "lexical"),
    ("The leak may have started a week ago.", "may", "lexical"),
    ("The ministry was accused of ignoring supposed threats.", "supposed", "lexical"),
    ("Researchers point to a potential link between noise and stress.", "potential", "lexical"),
    ("The man is suspected of stealing two cars.", "suspected", "lexical"),
    ("Another version of the story claimed that the driver fled.", "Another version", "weasel"),
    ("Some quarters have raised doubts about the count.", "Some quarters", "weasel"),
    ("An aide said the first advert could start this week.", "could", "lexical"),
    ("Media reports say the striker has signed.", "Media reports", "weasel"),
    ("Two climbers are feared dead after the avalanche.", "feared dead", "lexical"),
    ("It emerged that the minister had been warned.", "It emerged that", "weasel"),
    ("According to reports, the border was closed overnight.", "According to reports", "weasel"),
    ("Police are investigating an apparent arson attack.", "an apparent", "lexical"),
]
EN_NOT_ROWS = [
    "The ministry said 40 suspected cases were reviewed.",  # clinical term
    "Every defendant is presumed innocent until proven guilty.",  # legal presumption
    "Witnesses alleged that the officers had lied.",  # finite verb: a named source
    "Three people said the terms would be announced on Monday.",  # counted anonymous sources
    "The city said residents could collect cleanup kits on Tuesday.",  # backshifted can
    "Independent experts welcomed the results.",  # no assertion
    "You may leave your bags at the desk.",  # permission
    "The team is supposed to arrive at noon.",  # obligation
    "The firms were reported to be close to a deal on Monday by The Wall Street Journal.",  # agent
    "No such account has been mentioned in court.",  # negated
    "As odd as it may seem, the council approved the plan.",  # concessive idiom
    "The firm rolled out several versions of the plan.",  # a story noun only hedges as a source
    "Pay another quarter out of current income.",  # quarters only as a vague source
    "A Reuters report said the plant would close.",  # an owned report is an attribution
    "The fire left no apparent damage.",  # apparent = visible
    "Initial police reports said two men were shot.",  # the police own their reports
    "The truck story claimed the firm had understood the risk.",  # a known story, not hearsay
]


def _found(analyzer, text):
    return [(h.span.text, h.kind) for h in analyzer.analyze(text).hedges]


@pytest.mark.parametrize(("text", "hedge", "kind"), FR_ROWS)
def test_french_hedge_families(fr, text, hedge, kind):
    assert (hedge, kind) in _found(fr, text), (text, _found(fr, text))


@pytest.mark.parametrize("text", FR_NOT_ROWS)
def test_french_non_hedges(fr, text):
    assert _found(fr, text) == [], text


@pytest.mark.parametrize(("text", "hedge", "kind"), EN_ROWS)
def test_english_hedge_families(en, text, hedge, kind):
    assert (hedge, kind) in _found(en, text), (text, _found(en, text))


@pytest.mark.parametrize("text", EN_NOT_ROWS)
def test_english_non_hedges(en, text):
    assert _found(en, text) == [], text


def test_grammar_lexicon_rejects_an_unknown_class(tmp_path, monkeypatch):
    from analyzer.components import hedges as module
    from analyzer.errors import LexiconError

    monkeypatch.setattr(module, "lexicon", lambda lang, name: {"foo": "nonsense"})
    with pytest.raises(LexiconError, match="nonsense"):
        module.grammar_classes("en")


def test_token_pattern_syntax():
    from analyzer.components.hedges import token_pattern

    assert token_pattern("<be> [adv]? expected|thought to") == [
        {"LEMMA": {"IN": ["be"]}},
        {"POS": "ADV", "OP": "?"},
        {"LOWER": {"IN": ["expected", "thought"]}},
        {"LOWER": {"IN": ["to"]}},
    ]
    assert token_pattern("qu' [vbn] _?") == [
        {"LOWER": {"IN": ["qu'", "qu’"]}},
        {"TAG": "VBN"},
        {"OP": "?"},
    ]


DEV = SHARED / "reference" / "dev"


@pytest.mark.skipif(not DEV.exists(), reason="../shared/reference/dev is not here")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dev_corpus_hedge_floor(request, lang):
    """Issue 8: writer's hedges F1 >= 0.85 on the real articles of the development corpus."""
    from analyzer.tooling.evaluate import evaluate

    analyzer = request.getfixturevalue(lang)
    scores = evaluate([DEV / lang], analyzer_for=lambda _: analyzer).hedges.scores()
    assert scores["f1"] >= 0.85, scores
