"""SARIF 2.1.0: one run, the rules in ``tool.driver.rules``, one result per finding."""

from __future__ import annotations

from typing import Any

from analyzer import __version__
from analyzer.i18n import speaks, translator
from analyzer.report import Report, line_column
from analyzer.rule_pages import rule_url
from analyzer.rules import RULES, localized

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules(lang: str) -> list[dict[str, Any]]:
    tr = translator(lang)
    why, example, fix = tr("Why"), tr("Example"), tr("Fix")
    return [
        {
            "id": r.id,
            "name": "".join(part.title() for part in r.id.split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.why},
            "help": {
                "text": f"{r.summary}\n\n{why}: {r.why}\n\n{example}: {r.example}\n\n{fix}: {r.fix}"
            },
            "helpUri": rule_url(r.id),
            "defaultConfiguration": {"level": _LEVEL[r.severity]},
        }
        for r in (localized(rule, lang) for rule in RULES.values())
    ]


def document(reports: list[Report], lang: str | None = None) -> dict[str, Any]:
    """``lang``: the language of the rule texts (default: the first report's message language,
    else English); results carry each report's own messages, rule ids stay stable."""
    lang = lang or (speaks(reports[0]) if reports else "en")
    rule_index = {rule_id: i for i, rule_id in enumerate(RULES)}
    results = []
    for report in reports:
        for f in report.findings:
            end_line, end_column = line_column(report.text, max(f.span.start, f.span.end - 1))
            results.append(
                {
                    "ruleId": f.rule,
                    "ruleIndex": rule_index[f.rule],
                    "level": _LEVEL.get(f.severity, "warning"),
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": report.path or "stdin"},
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": end_line,
                                    "endColumn": end_column + 1,
                                    "charOffset": f.span.start,
                                    "charLength": f.span.end - f.span.start,
                                },
                            }
                        }
                    ],
                }
            )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "analyzer",
                        "fullName": "sourcing-analyzer",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/sourcing-analyzer/",
                        "rules": _rules(lang),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
