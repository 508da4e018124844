"""Smoke test on real text: every reference article under ``../shared/reference/`` is analysed
without an exception, and every span of its JSON report points at its own text.

Real news text reaches constructions random input never forms (issue 14: one English article
crashed the attribution code). The texts are read, never copied into the repository; the test
skips when ``../shared/`` is absent.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator

import pytest

from tests.conftest import SHARED

REFERENCE = SHARED / "reference"
BATCH = 16

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REFERENCE.is_dir(), reason="../shared/reference/ is absent"),
]


def _texts(corpus: str) -> list[tuple[str, str, str]]:
    """``(id, lang, text)`` of one reference corpus."""
    if corpus in ("dev-fr", "dev-en"):
        lang = corpus[-2:]
        files = sorted((REFERENCE / "dev" / lang).glob("*.txt"))
        if lang == "fr":
            files += sorted(REFERENCE.glob("*.fr.txt"))
        return [(f.name, lang, f.read_text(encoding="utf-8")) for f in files]
    rows = []
    with open(REFERENCE / f"{corpus}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rows.append((row["id"], row.get("lang", "en"), row["text"]))
    return rows


def _spans(node, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every ``{start, end, text}`` object of a JSON report, with where it sits."""
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield where, node
        for key, value in node.items():
            yield from _spans(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spans(value, f"{where}[{i}]")


def _faults(report, text: str) -> list[str]:
    data = report.to_dict()
    faults = [
        f"{where} {span['start']}:{span['end']} is {text[span['start'] : span['end']]!r}, "
        f"reported {span['text']!r}"
        for where, span in _spans(data)
        if not 0 <= span["start"] <= span["end"] <= len(text)
        or text[span["start"] : span["end"]] != span["text"]
    ]
    faults += [
        f"claims[{i}] {c['start']}:{c['end']} outside the text"
        for i, c in enumerate(data["claims"])
        if not 0 <= c["start"] <= c["end"] <= len(text)
    ]
    return faults


@pytest.mark.parametrize("corpus", ["dev-fr", "dev-en", "polnear-dev", "recovery-dev"])
def test_every_reference_text_is_analysed_with_consistent_spans(request, corpus):
    texts = _texts(corpus)
    assert texts, corpus
    problems: list[str] = []
    analysed = 0
    for lang in sorted({lang for _, lang, _ in texts}):
        analyzer = request.getfixturevalue(lang)
        batch = [(i, t) for i, lg, t in texts if lg == lang]
        for first in range(0, len(batch), BATCH):
            part = batch[first : first + BATCH]
            try:
                reports = list(analyzer.pipe([t for _, t in part], batch_size=BATCH))
            except Exception:
                reports = None
            for n, (text_id, text) in enumerate(part):
                try:
                    report = reports[n] if reports is not None else analyzer.analyze(text)
                except Exception:
                    problems.append(f"{text_id}: raised\n{traceback.format_exc()}")
                    continue
                analysed += 1
                problems += [f"{text_id}: {fault}" for fault in _faults(report, text)]
    assert not problems, "\n".join(problems[:20])
    assert analysed == len(texts)
