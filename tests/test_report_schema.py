"""The JSON contract: every report of the samples validates against docs/report.schema.json,
and the schema's closed lists are the vocabulary's (analyzer/vocabulary.py)."""

from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

from analyzer import vocabulary
from analyzer.report import SCHEMA
from tests.conftest import ROOT, SAMPLES

_SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
_VALIDATOR = Draft202012Validator(_SCHEMA)


def _problems(report: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _VALIDATOR.iter_errors(report)
    ]


def test_schema_is_valid_and_names_the_contract() -> None:
    Draft202012Validator.check_schema(_SCHEMA)
    assert _SCHEMA["title"] == SCHEMA
    assert _SCHEMA["properties"]["schema"] == {"const": SCHEMA}


def test_schema_lists_are_the_vocabulary() -> None:
    defs = _SCHEMA["$defs"]
    assert tuple(defs["source_type"]["enum"]) == vocabulary.SOURCE_TYPES
    assert tuple(defs["kind"]["enum"]) == vocabulary.KINDS
    assert tuple(defs["stance"]["enum"]) == vocabulary.STANCES
    assert tuple(defs["hedge_kind"]["enum"]) == vocabulary.HEDGE_KINDS
    assert tuple(defs["framing_kind"]["enum"]) == vocabulary.FRAMING_KINDS
    assert tuple(defs["severity"]["enum"]) == vocabulary.SEVERITIES
    assert tuple(defs["language"]["enum"]) == vocabulary.LANGUAGES
    assert tuple(defs["score"]["properties"]["grade"]["enum"]) == vocabulary.GRADES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_sample_report_validates(lang: str, request: pytest.FixtureRequest) -> None:
    analyzer = request.getfixturevalue(lang)
    files = sorted((SAMPLES / lang).glob("*.txt"))
    assert len(files) >= 10
    seen: set[str] = set()
    for path in files:
        report = analyzer.analyze(path.read_text(encoding="utf-8"), path=str(path)).to_dict()
        assert _problems(report) == [], path.name
        for key in ("attributions", "sources", "hedges", "framing", "claims", "findings"):
            if report[key]:
                seen.add(key)
    # The samples exercise every part of the contract, so the schema is tried on each.
    assert seen == {"attributions", "sources", "hedges", "framing", "claims", "findings"}


def test_schema_rejects_what_the_contract_does_not_allow(en) -> None:
    text = 'The mayor said the bridge would reopen. "It is safe," she added.'
    good = en.analyze(text).to_dict()
    assert _problems(good) == [] and good["attributions"]
    wrong_type = copy.deepcopy(good)
    wrong_type["attributions"][0]["speaker"] = {**good["attributions"][0]["speaker"], "type": "x"}
    extra = {**copy.deepcopy(good), "meta": {}}
    negative = copy.deepcopy(good)
    negative["attributions"][0]["content"]["start"] = -1
    for bad in (wrong_type, extra, negative):
        assert _problems(bad)
