"""Markdown and HTML inputs: markup blanked in the analysis text, offsets still into the file."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyzer.inputs import read
from analyzer.markup import blank_directives, detect_format
from analyzer.markup.blanking import decode_entities
from analyzer.markup.html import blank_html, blank_html_fragment
from analyzer.markup.markdown import blank_markdown
from analyzer.report import line_column

ROOT = Path(__file__).resolve().parent.parent
MARKUP = ROOT / "samples" / "markup"
MD = MARKUP / "article.md"
HTML = MARKUP / "article.html"


def md(text: str) -> str:
    blanked, _ = blank_markdown(text)
    assert len(blanked) == len(text)
    return blanked


def newlines(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch in "\r\n"]


# -- the samples, read ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", [MD, HTML], ids=["markdown", "html"])
def test_analysis_text_keeps_length_and_lines(path):
    doc = read(str(path))
    assert len(doc.analysis_text) == len(doc.text)
    assert newlines(doc.analysis_text) == newlines(doc.text)
    for i, ch in enumerate(doc.analysis_text):
        # a kept character is the file's own, or a decoded reference where the file has "&…;"
        if ch != " " and ch != doc.text[i]:
            assert doc.text[i] == "&", (i, ch, doc.text[i : i + 8])


def test_markdown_sample_is_prose_only():
    doc = read(str(MD))
    assert doc.format == "markdown"
    assert doc.meta == {
        "title": "Tramway T9 : la mise en service repoussée à l'automne 2026",
        "author": "Claire Morvan",
        "outlet": "Le Courrier du Rhône",
        "date": "2025-11-04",
        "lang": "fr",
    }
    prose = doc.analysis_text
    for mark in ("#", "*", "_", "`", "<", ">", "[", "](", "http", "---", "title:", "analyzer:"):
        assert mark not in prose, mark
    assert "NOTE INTERNE" not in prose  # the fenced code block
    assert "chantier-t9.jpg" not in prose and "Le chantier du tramway" not in prose  # the image
    assert "à vérifier" not in prose  # a comment over two lines inside a paragraph
    assert "P+R" not in prose  # inline code
    # headings, link texts and list items stay, at their place in the file
    for kept in (
        "Tramway T9 : la mise en service",
        "Les commerçants inquiets",
        "syndicat des transports",
        "rapport de la chambre régionale des comptes",
        "la traversée du canal de Jonage",
        "« Les travaux de dévoiement",
    ):
        at = doc.text.index(kept, doc.text.index("\n---\n") + 5)  # after the front matter
        assert prose[at : at + len(kept)] == kept


def test_html_sample_is_the_article_body_only():
    doc = read(str(HTML))
    assert doc.format == "html"
    assert doc.meta["title"].startswith("Isère : les cabinets médicaux ferment")
    assert doc.meta["lang"] == "fr" and doc.meta["author"] == "Paul Lefranc"
    prose = doc.analysis_text
    for mark in ("<", ">", "&", "{", "=", "analyzer:"):
        assert mark not in prose, mark
    for boilerplate in (
        "Accueil",
        "Politique",
        "Suivez-nous",
        "À lire aussi",
        "Le préfet a déclaré",
        "affirme le maire de Grenoble",
        "Mentions légales",
        "dataLayer",
        "font-family",
        "L'Écho des Alpes",
    ):
        assert boilerplate not in prose, boilerplate
    for kept in ("Trois cabinets de médecine générale", "a déclaré Sophie Garnier", "Marc Duval"):
        assert kept in prose, kept
    # "&laquo;&nbsp;Nous": the reference becomes its character, then spaces, in place
    at = doc.text.index("&laquo;&nbsp;Nous")
    assert prose[at : at + 17] == "«      \xa0     Nous"


# -- the samples, through the real command line -------------------------------------------------


def run_cli(path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", "analyze", str(path), "--lang", "fr"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def md_report() -> dict:
    return run_cli(MD)


@pytest.fixture(scope="module")
def html_report() -> dict:
    return run_cli(HTML)


def spans(node) -> list[dict]:
    """Every {start, end, text} object anywhere in a report."""
    if isinstance(node, dict):
        found = [node] if {"start", "end", "text"} <= node.keys() else []
        return found + [s for value in node.values() for s in spans(value)]
    if isinstance(node, list):
        return [s for value in node for s in spans(value)]
    return []


def speaker_at(report: dict, original: str, name: str) -> tuple[int, int]:
    speakers = [a["speaker"] for a in report["attributions"] if a["speaker"]]
    hit = [s for s in speakers if s["text"] == name]
    assert hit, f"no speaker {name!r} in {[s['text'] for s in speakers]}"
    return line_column(original, hit[0]["start"])


@pytest.mark.parametrize(("path", "fixture"), [(MD, "md_report"), (HTML, "html_report")])
def test_every_span_points_into_the_file(path, fixture, request):
    report = request.getfixturevalue(fixture)
    original = path.read_text(encoding="utf-8")
    assert report["attributions"]
    for span in spans(report):
        assert original[span["start"] : span["end"]] == span["text"]
    for finding in report["findings"]:
        assert line_column(original, finding["start"]) == (finding["line"], finding["column"])


def test_markdown_speakers_sit_where_the_file_has_them(md_report):
    original = MD.read_text(encoding="utf-8")
    # article.md line 15: "« Les travaux … cartographiées », a déclaré Jeanne Ribeiro, …";
    # 118 characters (not bytes) precede "Jeanne", so it starts at column 119.
    assert speaker_at(md_report, original, "Jeanne Ribeiro") == (15, 119)
    # line 17: "Selon la direction du chantier, …": "Selon " is 6 characters, column 7.
    assert speaker_at(md_report, original, "la direction du chantier") == (17, 7)
    kinds = {(a["kind"], a["cue"] and a["cue"]["text"]) for a in md_report["attributions"]}
    assert ("direct", "a déclaré") in kinds and ("according_to", "Selon") in kinds
    assert any(h["text"] == "aurait" for h in spans(md_report["hedges"]))


def test_html_speakers_sit_where_the_file_has_them(html_report):
    original = HTML.read_text(encoding="utf-8")
    # article.html line 37: '      <p>&laquo;&nbsp;Nous recevons … ordonnance&nbsp;&raquo;,
    # a déclaré Sophie Garnier': columns count the file's characters, references and tags
    # included (6 spaces, "<p>", "&laquo;&nbsp;", …), 172 of them before "Sophie": column 173.
    assert speaker_at(html_report, original, "Sophie Garnier") == (37, 173)
    # line 38: '      <p>Selon l'agence …': 6 spaces + "<p>" + "Selon " = 15 characters.
    assert speaker_at(html_report, original, "l'agence régionale de santé") == (38, 16)


def _element_ranges(original: str, *names: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for name in names
        for m in re.finditer(rf"<{name}\b.*?</{name}>", original, re.DOTALL)
    ]


def test_html_boilerplate_gives_nothing(html_report):
    original = HTML.read_text(encoding="utf-8")
    furniture = _element_ranges(original, "head", "header", "nav", "aside", "footer", "script")
    assert len(furniture) == 7
    for span in spans(html_report):
        for start, end in furniture:
            assert not start <= span["start"] < end, (span, original[start : start + 40])
    cues = [a["cue"]["text"] for a in html_report["attributions"] if a["cue"]]
    assert "affirme" not in cues and "a annoncé" not in cues  # related list, footer


def test_markdown_code_and_front_matter_give_nothing(md_report):
    original = MD.read_text(encoding="utf-8")
    blocked = [(0, original.index("\n---\n") + 5)]  # front matter
    blocked.append(
        (original.index("```text"), original.index("```\n", original.index("```text") + 3))
    )
    blocked.append((original.index("[crc]: "), len(original)))  # the reference definition
    for span in spans(md_report):
        for start, end in blocked:
            assert not start <= span["start"] < end, span


def test_speakers_after_blanked_markup(md_report, html_report):
    html_speakers = {
        a["cue"]["text"]: a["speaker"] for a in html_report["attributions"] if a["cue"]
    }
    assert html_speakers["a affirmé"]["text"] == "Marc Duval"
    md_speakers = {a["cue"]["text"]: a["speaker"] for a in md_report["attributions"] if a["cue"]}
    assert md_speakers["a affirmé"]["text"] == "Karim Benali"


def test_only_markup_is_an_input_error(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><body><nav>Accueil</nav><footer>Suivez-nous</footer></body></html>")
    result = subprocess.run(
        [sys.executable, "-m", "analyzer.frontends.cli", "analyze", str(page), "--lang", "fr"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"analyzer: error: {page}: no article text (only markup)"


# -- formats ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.md", "x", "markdown"),
        ("a.MARKDOWN", "x", "markdown"),
        ("a.html", "x", "html"),
        ("dir/a.htm", "x", "html"),
        ("a.txt", "\ufeff  \n<!DOCTYPE html><p>x</p>", "html"),
        ("a.txt", "<html lang=fr><p>x</p>", "html"),
        ("-", "<HTML>", "html"),
        ("a.txt", "Le <b>maire</b>", "text"),
        ("a", "# Titre", "text"),
    ],
)
def test_format_by_extension_then_content(name, content, expected):
    assert detect_format(name, content) == expected


def test_read_chooses_the_format(tmp_path):
    (tmp_path / "a.markdown").write_text("# Titre\n\nLe *maire* a dit.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("<!doctype html><p>Le maire a dit oui.</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        "Le maire <!-- analyzer: off --> a dit <!-- pas une directive --> oui.", encoding="utf-8"
    )
    a, b, c = (read(str(tmp_path / n)) for n in ("a.markdown", "b.txt", "c.txt"))
    assert (a.format, b.format, c.format) == ("markdown", "html", "text")
    assert a.analysis_text == "  Titre\n\nLe  maire  a dit.\n"
    assert b.analysis_text.strip() == "Le maire a dit oui."
    assert c.analysis_text == ("Le maire " + " " * 22 + " a dit <!-- pas une directive --> oui.")
    assert c.meta == {} and a.meta == {}


# -- Markdown, piece by piece -------------------------------------------------------------------


def test_links_keep_their_text():
    assert md('Le [ministre](https://x.fr/a "titre") a dit.\n') == (
        "Le  ministre" + " " * 25 + " a dit.\n"
    )
    text = "Le [rapport][r], le [r] et [x](<a b>), mais [sic] reste.\n\n[r]: https://x.fr\n"
    assert md(text) == (
        "Le  rapport    , le  r  et  x        , mais [sic] reste.\n\n" + " " * 17 + "\n"
    )


def test_images_are_blanked_entirely():
    assert md("Voir ![la photo](a.jpg) ici.\n") == "Voir " + " " * 18 + " ici.\n"


def test_code_is_blanked():
    text = "Du `code` et ``a ` b``.\n\n```python\nprint('a déclaré')\n```\n\n    indenté\n\nFin.\n"
    assert md(text) == (
        "Du        et          .\n\n"
        + " " * 9
        + "\n"
        + " " * 18
        + "\n   \n\n"
        + " " * 11
        + "\n\nFin.\n"
    )


def test_comments_and_tags_are_blanked():
    text = "Avant <!-- un\ncommentaire --> après <b>gras</b><br/>.\n\n<!-- analyzer: off -->\n"
    assert md(text) == (
        "Avant        \n" + " " * 15 + " après    gras         .\n\n" + " " * 22 + "\n"
    )


def test_html_block_keeps_its_text():
    assert md('<div class="note">\nLe maire a dit oui.\n</div>\n') == (
        " " * 18 + "\nLe maire a dit oui.\n      \n"
    )


def test_emphasis_and_escapes():
    text = "**gras**, _italique_, ***tout***, snake_case, 5 * 3, \\*pas\\*, ~~barré~~.\n"
    assert md(text) == (
        "  gras  ,  italique ,    tout   , snake_case, 5 * 3,  *pas *,   barré  .\n"
    )
    assert md("*« cité »*, a-t-il dit.\n") == " « cité » , a-t-il dit.\n"


def test_headings_lists_quotes():
    assert md("## Le titre ##\n\nSous-titre\n---\n") == "   Le titre   \n\nSous-titre\n   \n"
    assert md("- un\n* deux\n\n1. trois\n2) quatre\n") == "  un\n  deux\n\n   trois\n   quatre\n"
    assert (
        md("> « Oui »,\n> a-t-il dit.\n\n> - cité\n") == "  « Oui »,\n  a-t-il dit.\n\n    cité\n"
    )
    # a number that ends a line cannot start a list inside a paragraph: it stays
    assert md("Il est né en\n1998. Puis il part.\n") == "Il est né en\n1998. Puis il part.\n"


def test_tables_and_thematic_breaks():
    assert md("| a | b |\n|---|:-:|\n| `c` | d \\| e |\n\n***\n") == (
        "  a   b  \n         \n        d  | e  \n\n   \n"
    )


def test_front_matter_becomes_metadata():
    text = "---\ntitle: 'Un titre'\nauthor: A. B.\nlanguage: fr\nfoo: bar\n---\nTexte.\n"
    blanked, meta = blank_markdown(text)
    assert blanked == "   \n" + " " * 17 + "\n" + " " * 13 + "\n" + " " * 12 + "\n" + (
        " " * 8 + "\n   \nTexte.\n"
    )
    assert meta == {"title": "Un titre", "author": "A. B.", "lang": "fr"}
    # no closing line: not front matter, "---" is a thematic break
    assert blank_markdown("---\ntitle: x\n")[1] == {}


def test_windows_line_ends_are_kept():
    assert md("# Titre\r\n\r\nTexte *gras*.\r\n") == "  Titre\r\n\r\nTexte  gras .\r\n"


def test_markdown_references_are_decoded_in_place():
    assert md("Le pr&eacute;fet &amp; AT&T.\n") == "Le pré       fet &     AT&T.\n"


# -- HTML and references, piece by piece ---------------------------------------------------------


def test_entities_become_their_character_then_spaces():
    assert decode_entities("l&eacute;gal &amp; &#233;&#x27;") == "lé       gal &     é     '     "
    # HTML also knows the legacy references without ";", but not a bare "&T"
    assert decode_entities("&copy 2025 AT&T", semicolon=False) == "©     2025 AT&T"
    assert decode_entities("&copy 2025", semicolon=True) == "&copy 2025"


def test_html_fragment_keeps_text_only():
    fragment = "<p>Le <b>maire</b> a dit&nbsp;: oui</p><script>var a = 1;</script><!-- x -->"
    assert blank_html_fragment(fragment) == (
        "   Le    maire     a dit\xa0     : oui" + " " * (len(fragment) - 35)
    )


def test_html_without_a_body_keeps_text_outside_furniture():
    page = (
        "<html><head><title>T &amp; co</title></head><body><nav><a href=/>Accueil</a></nav>"
        "<div class='comments'>Le maire a dit oui.</div><footer>Suivez-nous</footer></body></html>"
    )
    blanked, meta = blank_html(page)
    assert len(blanked) == len(page)
    assert blanked.split() == ["Le", "maire", "a", "dit", "oui."]
    assert meta == {"title": "T & co"}


def test_directives_are_the_only_thing_blanked_in_plain_text():
    text = "Texte <!-- analyzer: ignore vague-source -- raison\nsur deux lignes --> suite <b>x</b>"
    assert blank_directives(text) == ("Texte " + " " * 44 + "\n" + " " * 19 + " suite <b>x</b>")


# -- properties ---------------------------------------------------------------------------------

_MARKUP = st.lists(
    st.sampled_from(
        [
            "*",
            "_",
            "**",
            "`",
            "```",
            "[",
            "]",
            "(",
            ")",
            "![",
            "](",
            "<",
            ">",
            "#",
            "# ",
            "- ",
            "1. ",
            "> ",
            "|",
            "\\",
            "&",
            "&eacute;",
            "&amp",
            ";",
            "~~",
            "<!--",
            "-->",
            "<b>",
            "</p>",
            "<script>",
            "</script>",
            "<nav>",
            "</nav>",
            "<!-- analyzer: off -->",
            "---\n",
            "[x]: u\n",
            "    ",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "\t",
            "Le maire ",
            "a dit",
            "é",
        ]
    )
    | st.text(max_size=3),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MARKUP)
def test_markdown_and_plain_blanking_never_move_a_line(text):
    for blanked in (blank_markdown(text)[0], blank_directives(text)):
        assert len(blanked) == len(text)
        assert newlines(blanked) == newlines(text)


@settings(max_examples=40, deadline=None)
@given(_MARKUP)
def test_html_blanking_never_moves_a_line(text):
    for blanked in (blank_html(text)[0], blank_html_fragment(text)):
        assert len(blanked) == len(text)
        assert newlines(blanked) == newlines(text)
