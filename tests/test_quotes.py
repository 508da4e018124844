"""Quotation spans from typographic marks (docs/annotation.md 1, direct)."""

import pytest

from analyzer.components.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Nous tiendrons », a-t-il dit.", ["Nous tiendrons"]),
        ("«\u00a0Nous tiendrons\u00a0», a-t-il dit.", ["Nous tiendrons"]),
        ("«\u202fNous tiendrons\u202f», a-t-il dit.", ["Nous tiendrons"]),
        ("“Nous tiendrons”, a-t-il dit.", ["Nous tiendrons"]),
        ('Il a dit : "Nous tiendrons". Puis "rien".', ["Nous tiendrons", "rien"]),
        ("« Il a parlé de ‹ honte › hier », dit-elle.", ["Il a parlé de ‹ honte › hier"]),
        ("« Le mot “victoire” est prématuré », dit-il.", ["Le mot “victoire” est prématuré"]),
        ("L’État et l’Europe n’ont rien dit.", []),
        ("''We will win,'' the coach said.", ["We will win,"]),
        ("``We will win,'' the coach said.", ["We will win,"]),
    ],
)
def test_marks(text, expected):
    assert inner(text) == expected, text


def test_quotation_over_several_paragraphs_is_recorded_paragraph_by_paragraph():
    text = "« Premier paragraphe.\n\n« Deuxième paragraphe », a-t-il conclu."
    assert inner(text) == ["Premier paragraphe.", "Deuxième paragraphe"]


def test_quotation_reopened_on_the_next_line_ends_with_its_line():
    """One paragraph a line (a single line break), each line of a long quotation reopening."""
    text = "“The road was closed at dawn.\n“Crews worked all day. It is open again,” he said."
    assert inner(text) == [
        "The road was closed at dawn.",
        "Crews worked all day. It is open again,",
    ]


def test_continuing_paragraph_takes_the_speaker_named_before(fr):
    text = (
        "« Le budget est prêt, a assuré la maire, Lucie Bernard.\n\n"
        "« Nous voterons les dépenses nouvelles dès le mois de mars. »"
    )
    atts = fr.analyze(text).attributions
    assert len(atts) == 2, [a.to_dict() for a in atts]
    assert atts[1].speaker is not None and "Bernard" in (
        (atts[1].speaker.resolved or "") + atts[1].speaker.span.text
    ), [a.to_dict() for a in atts]


def test_unterminated_quotation_closes_at_paragraph_end():
    text = "« Jamais nous ne céderons\n\nLe ministre est parti."
    assert inner(text) == ["Jamais nous ne céderons"]


def test_split_quotation_gives_two():
    text = "« Nous avons gagné », a-t-il ajouté, « mais rien n'est fini »."
    assert inner(text) == ["Nous avons gagné", "mais rien n'est fini"]


def test_opener_typed_as_closer_closes_the_quotation():
    text = "« Le budget arrive trop tard« , a regretté la députée. « Encore », a-t-elle ajouté."
    found = [text[q.inner_start : q.inner_end] for q in find_quotes(text)]
    assert found == ["Le budget arrive trop tard", "Encore"], found


def test_marks_typed_the_other_way_round():
    text = "Le maire a parlé d'une »décision sage« lors du conseil."
    found = [text[q.inner_start : q.inner_end] for q in find_quotes(text)]
    assert found == ["décision sage"], found


def test_turned_comma_inside_a_word_is_an_apostrophe():
    text = "L‘instruction d‘une affaire ancienne touche à sa fin."
    assert inner(text) == []
