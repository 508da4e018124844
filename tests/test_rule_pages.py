"""Rule pages: one file per rule in docs/rules/, the address the editor and SARIF link to."""

from __future__ import annotations

from analyzer.render import sarif
from analyzer.rule_pages import RULES_URL, page, rule_url
from analyzer.rules import RULES
from tests.conftest import ROOT


def test_every_rule_has_its_page_in_the_repository_and_it_is_current():
    folder = ROOT / "docs" / "rules"
    assert {p.stem for p in folder.glob("*.md")} == set(RULES)
    for r in RULES.values():
        # regenerate with: python -m analyzer.rule_pages docs/rules
        assert (folder / f"{r.id}.md").read_text(encoding="utf-8") == page(r), r.id


def test_sarif_help_uri_is_the_rule_page(monkeypatch):
    monkeypatch.delenv("ANALYZER_RULES_URL", raising=False)
    rules = sarif.document([])["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"]: r["helpUri"] for r in rules} == {
        rule_id: f"{RULES_URL}{rule_id}.md" for rule_id in RULES
    }
    monkeypatch.setenv("ANALYZER_RULES_URL", "https://intranet.example/rules/")
    assert rule_url("vague-source") == "https://intranet.example/rules/vague-source.md"
