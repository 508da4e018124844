"""Smoke test on real text: every reference article under ``../shared/reference/`` is analysed
without an exception, and every span of its JSON report points at its own text.

Real news text reaches constructions random input never forms (issue 14: one English article
crashed the attribution code). The texts are read, never copied into the repository; the test
skips when ``../shared/`` is absent.
"""

from __future__ import annotations

import json
import traceback

import pytest

from tests.conftest import SHARED
from tests.strategies import span_faults

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
                problems += [f"{text_id}: {fault}" for fault in span_faults(report, text)]
    assert not problems, "\n".join(problems[:20])
    assert analysed == len(texts)
