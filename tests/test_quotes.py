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


def test_quotation_over_several_paragraphs_is_one():
    text = "« Premier paragraphe.\n\n« Deuxième paragraphe », a-t-il conclu."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].inner_start : quotes[0].inner_end].startswith("Premier")
    assert text[quotes[0].inner_start : quotes[0].inner_end].endswith("Deuxième paragraphe")


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
