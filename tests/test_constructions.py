"""The construction tables (tests/constructions/<lang>.tsv): one sentence a row, each showing one
construction of ``analyzer.components.constructions`` and the one attribution it must yield."""

from pathlib import Path

import pytest

from tests.conftest import assert_construction

TABLES = Path(__file__).parent / "constructions"


def _rows(lang: str) -> list:
    rows = []
    path = TABLES / f"{lang}.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, text, kind, content, speaker, cue = line.split("\t")
        rows.append(pytest.param(text, kind, content, speaker, cue, id=f"{lang}:{number}:{name}"))
    return rows


@pytest.mark.parametrize(("text", "kind", "content", "speaker", "cue"), _rows("fr"))
def test_french_construction(fr, text, kind, content, speaker, cue):
    assert_construction(fr, text, kind, content, speaker, cue)


@pytest.mark.parametrize(("text", "kind", "content", "speaker", "cue"), _rows("en"))
def test_english_construction(en, text, kind, content, speaker, cue):
    assert_construction(en, text, kind, content, speaker, cue)


def test_every_row_names_a_construction():
    from analyzer.components.constructions import (
        CONTENT_FINDERS,
        CUE_CONSTRUCTIONS,
        MARKER_CONSTRUCTIONS,
        NOUN_CONSTRUCTIONS,
        QUOTE_CONSTRUCTIONS,
        SPEAKER_REFINEMENTS,
    )

    known = {
        n
        for n, _ in CUE_CONSTRUCTIONS
        + CONTENT_FINDERS
        + MARKER_CONSTRUCTIONS
        + NOUN_CONSTRUCTIONS
        + QUOTE_CONSTRUCTIONS
        + SPEAKER_REFINEMENTS
    }
    known |= {"completed_quotation", "incise_inside_quotation"}  # steps of their own
    for lang in ("fr", "en"):
        for row in _rows(lang):
            assert row.id.split(":")[2] in known, row.id


@pytest.mark.parametrize(
    ("lang", "text", "reporter", "cited"),
    [
        (
            "en",
            "The two unions have settled their dispute, the Courier reported, citing officials"
            " close to the talks.",
            "the Courier",
            "officials close to the talks",
        ),
        (
            "en",
            'The daily said the two firms had settled, citing "a person close to the talks."',
            "The daily",
            "a person close to the talks",
        ),
        (
            "fr",
            "Le quotidien affirme que la maire va se retirer, citant des élus de sa majorité.",
            "Le quotidien",
            "des élus de sa majorité",
        ),
    ],
)
def test_cited_source_is_a_second_speaker(request, lang, text, reporter, cited):
    """cited_source: the relay and the source it cites each get the same words."""
    from tests.conftest import attributions_of

    atts = attributions_of(request.getfixturevalue(lang), text)
    assert [a.speaker.span.text for a in atts] == [reporter, cited]
    assert atts[0].content.text == atts[1].content.text
    assert atts[1].cue.span.text in {"citing", "citant"}


@pytest.mark.parametrize(
    ("lang", "construction", "text"),
    [
        ("fr", "according_to", "Selon toute vraisemblance, le feu a pris dans la cuisine."),
        ("fr", "infinitive", "Le club pensait tenir la victoire avant le but tardif."),
        ("en", "infinitive", "The visitors thought to have sealed the win before the late goal."),
        ("en", "report_noun", "The report that the ministry published on Monday shows a rise."),
        ("en", "statement_noun", "The prime minister slammed the opposition over the delay."),
        ("en", "infinitive", "The two firms agreed to pay the fine by March."),
        ("fr", "passive_agent", "Le baigneur a été emporté par un fort courant de marée."),
        ("fr", "infinitive", "Le juge n'a pas souhaité expliquer si la date serait tenue."),
        ("fr", "that_clause", "La mort du berger rappelle les dangers qu'encourent les éleveurs."),
        ("fr", "statement_noun", "Deux randonneurs ont trouvé la mort dans la crevasse."),
        ("en", "passive_agent", "Indeed, after being asked by reporters to explain, he left."),
    ],
)
def test_construction_that_attributes_nothing(request, lang, construction, text):
    """Rows of constructions whose job is to find that nothing is attributed."""
    from tests.conftest import attributions_of

    assert attributions_of(request.getfixturevalue(lang), text) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "fr",
            "Ils étaient entre 9.000 selon la police et 25.000 selon les organisateurs.",
            [("9.000", "la police"), ("25.000", "les organisateurs")],
        ),
        (  # no comma before the first marker: it scopes the clause before it
            "fr",
            "La marche a réuni 20.000 personnes selon la préfecture et 60.000 selon les syndicats.",
            [("La marche a réuni 20.000 personnes", "la préfecture"), ("60.000", "les syndicats")],
        ),
        (
            "en",
            "Turnout was put at 9,000 according to police and 25,000 according to the organisers.",
            [("9,000", "police"), ("25,000", "the organisers")],
        ),
    ],
)
def test_figure_by_source_gives_each_count_its_source(request, lang, text, expected):
    """figure_by_source: in a comparison of counts, each count is its marker's source's."""
    from tests.conftest import attributions_of

    atts = attributions_of(request.getfixturevalue(lang), text)
    found = [(a.content.text, a.speaker.span.text) for a in atts if a.kind == "according_to"]
    assert [f for f in found if f in expected] == expected, found


def test_a_count_for_a_candidate_is_no_source(fr):
    text = "Mme Lacerda recueille 44,8 % des suffrages, contre 41,3 % pour M. Teixeira."
    from tests.conftest import attributions_of

    assert attributions_of(fr, text) == []


def test_a_reporting_clause_under_a_marker_keeps_its_own_speaker(fr):
    """Selon X, Y aurait affirmé Z: the marker's attribution and Y's own, both."""
    from tests.conftest import attributions_of

    text = "Selon les premiers éléments, le conducteur aurait affirmé avoir été ébloui."
    speakers = [a.speaker.span.text for a in attributions_of(fr, text) if a.speaker]
    assert speakers == ["les premiers éléments", "le conducteur"], speakers


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (  # a second relative on the same antecedent ends the first one's content
            "fr",
            "La lettre du syndicat, qui réclamait une hausse des salaires et qui affirmait que la"
            " direction mentait, a été lue en séance.",
            [("réclamait", "une hausse des salaires"), ("affirmait", "la direction mentait")],
        ),
        (  # a full stop and an opening mark end a sentence the parser ran on
            "fr",
            "La fédération précise que le contrôle a porté sur le flacon A. « Nous ne dirons rien"
            " de plus », conclut le texte.",
            [
                ("précise", "le contrôle a porté sur le flacon A."),
                ("conclut", "Nous ne dirons rien de plus"),
            ],
        ),
        (  # a line break after punctuation, before a capital: a new line of copy
            "en",
            'The council said the bridge would reopen in May:\n"The works are late," it added.',
            [("said", "the bridge would reopen in May"), ("added", "The works are late,")],
        ),
        (  # "and say" coordinated with the sentence's verb is a second cue, not content
            "en",
            "The unions will march on Friday, warning the cuts will close wards, and say the"
            " plan is unfunded.",
            [("warning", "the cuts will close wards"), ("say", "the plan is unfunded")],
        ),
        (  # a subject and a reporting verb after a comma: a spliced second sentence
            "en",
            "Talking to reporters, she hoped that the talks would be productive and calm, Smith"
            " said the government is ready to answer.",
            [
                ("hoped", "the talks would be productive and calm"),
                ("said", "the government is ready to answer"),
            ],
        ),
        (  # a report as the object of a denial is content, and a source of its own
            "en",
            "The ministry moved to deny reports that the plant would close in June.",
            [
                ("to deny", "reports that the plant would close in June"),
                ("reports", "the plant would close in June"),
            ],
        ),
        (  # a colon before a quotation with its own incise ends the marker's content
            "fr",
            "Selon ce document, la réforme coûterait deux milliards : « C'est intenable », a "
            "commenté le maire.",
            [
                ("Selon", "la réforme coûterait deux milliards"),
                ("a commenté", "C'est intenable"),
            ],
        ),
    ],
)
def test_clause_boundaries_the_parser_misses(request, lang, text, expected):
    from tests.conftest import attributions_of

    atts = attributions_of(request.getfixturevalue(lang), text)
    assert [(a.cue.span.text, a.content.text) for a in atts] == expected


def test_a_marker_in_an_aside_is_a_relayed_source_of_the_clause(fr):
    """Les journaux ont rapporté, sur base de sources policières, que …: the papers report the
    clause and the sources they relied on are a second, cited speaker of it."""
    from tests.conftest import attributions_of

    text = (
        "Les deux quotidiens ont récemment rapporté, sur base de sources policières anonymes, "
        "que la police était au courant depuis juillet."
    )
    atts = attributions_of(fr, text)
    assert [a.speaker.span.text for a in atts] == [
        "Les deux quotidiens",
        "sources policières anonymes",
    ]
    assert {a.content.text for a in atts} == {"la police était au courant depuis juillet"}
