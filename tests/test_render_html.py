"""The HTML renderer over a real report: what the page shows, where, and that it is safe."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from analyzer.markup import analysis_text
from analyzer.render import html
from analyzer.suppress import apply

ARTICLE = """# La piscine fermera deux ans

« Le bassin fuit depuis 2019 », a déclaré la maire, Hélène Kervella, lundi.

L'opposition dénonce un fiasco. « Cette fermeture prive les écoles de natation », a affirmé \
Yann Le Bihan, conseiller d'opposition.

Certains parents estiment que la ville aurait pu agir plus tôt.

Les travaux pourraient durer jusqu'en 2027.
"""


class _Ids(HTMLParser):
    """Every id and every in-page link of a page, and whether it has a script."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and (attrs.get("href") or "").startswith("#"):
            self.links.append(attrs["href"][1:])
        self.scripts += tag == "script"


@pytest.fixture(scope="module")
def rendered(fr):
    prose, meta = analysis_text(ARTICLE, "markdown")
    report = apply(fr.analyze(prose, "piscine.md", ARTICLE))
    view = html.article_view(report, prose, meta, None, "markdown")
    return report, view, html.page([view])


def test_title_and_static_page(rendered):
    _, _, page = rendered
    # a French article: the page speaks French (« : » after a no-break space)
    assert "<title>Rapport de sourçage\u00a0: La piscine fermera deux ans</title>" in page
    assert '<html lang="fr">' in page
    parser = _Ids()
    parser.feed(page)
    assert parser.scripts == 0
    assert len(parser.ids) == len(set(parser.ids)), "duplicate ids"
    missing = [link for link in parser.links if link not in parser.ids]
    assert not missing, missing
    assert '<p class="heading">' in page


def test_each_source_has_its_colour_in_the_text_and_the_table(rendered):
    report, view, page = rendered
    assert len(report.sources) >= 3
    for i, source in enumerate(report.sources):
        assert f'<span class="quote s{i}">{source.name}</span>' in page
        assert re.search(rf'class="quote s{i}"[^>]*title="[^"]*{re.escape(source.name)}', page)
    kervella = next(s for s in report.sources if "Kervella" in s.name or "maire" in s.name)
    index = report.sources.index(kervella)
    quoted = [
        seg.text
        for block in view["blocks"]
        for seg in block["segments"]
        if "quote" in seg.classes and seg.source == index
    ]
    assert "Le bassin fuit depuis 2019" in "".join(quoted)


def test_hedges_loaded_terms_and_claims_are_marked(rendered):
    _, view, _ = rendered
    segments = [seg for block in view["blocks"] for seg in block["segments"]]
    assert any("loaded" in s.classes and s.text == "fiasco" for s in segments)
    assert any("hedge" in s.classes and s.text == "pourraient" for s in segments)
    assert any("claim" in s.classes for s in segments)


def test_findings_quote_the_sentence_and_the_fix_and_sit_in_the_text(rendered):
    report, view, _ = rendered
    assert len(view["findings"]) == len(report.findings) >= 3
    for item, finding in zip(view["findings"], report.findings, strict=True):
        assert item["placed"], item
        assert item["url"].endswith(f"/{finding.rule}.md")
        assert item["fix"]
        assert item["flagged"] == " ".join(finding.span.text.split())[:400]
    loaded = next(item for item in view["findings"] if item["rule"] == "loaded-term")
    assert (loaded["before"], loaded["flagged"], loaded["after"]) == (
        "L'opposition dénonce un ",
        "fiasco",
        ".",
    )


def test_article_text_is_escaped(fr):
    text = "« Le <script>alert(1)</script> tiendra », a déclaré la maire & son adjoint."
    report = apply(fr.analyze(text))
    page = html.report_page(report)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
