"""The JSON form of reports: one object for one input, JSON Lines for several."""

from __future__ import annotations

import json

from analyzer.report import Report


def dumps(report: Report, pretty: bool = False) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2 if pretty else None)
