"""Each rule's page: one Markdown file per rule in ``docs/rules/`` of the repository, and the one
URL scheme that links to it (the language server's ``codeDescription``, SARIF's ``helpUri``).

    python -m analyzer.rule_pages docs/rules     # regenerate the pages from analyzer/rules.py

``ANALYZER_RULES_URL`` overrides the base (a fork, an intranet mirror of the docs).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from analyzer.rules import RULES, Rule

RULES_URL = "https://github.com/sourcing-analyzer/sourcing-analyzer/blob/main/docs/rules/"


def rule_url(rule_id: str) -> str:
    """The stable address of a rule's page: ``<base>/<rule-id>.md``."""
    base = os.environ.get("ANALYZER_RULES_URL") or RULES_URL
    return f"{base.rstrip('/')}/{rule_id}.md"


def page(r: Rule) -> str:
    """The Markdown page of a rule (what ``analyzer rules ID`` prints)."""
    return (
        f"# {r.id}\n\n"
        f"Default severity: **{r.severity}**\n\n"
        f"{r.summary}\n\n"
        f"## Why it matters\n\n{r.why}\n\n"
        f"## Example\n\n> {r.example}\n\n"
        f"## How to fix it\n\n{r.fix}\n\n"
        f"## Silencing it\n\n"
        f"Where the rule does not apply, say why in the article itself:\n\n"
        f"    <!-- analyzer: ignore {r.id} -- the reason -->\n\n"
        f'before the paragraph, or set `{r.id} = "off"` under `[tool.analyzer.rules]`.\n'
    )


def write_pages(folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for r in RULES.values():
        path = folder / f"{r.id}.md"
        path.write_text(page(r), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_pages(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"):
        print(path)
