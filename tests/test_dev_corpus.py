"""Accuracy floors on real news: the development corpus of ../shared/reference/dev (real
French and English excerpts annotated to docs/annotation.md). Skipped when ../shared is absent
(a fresh clone); the figures themselves are in the README."""

import pytest

from tests.conftest import SHARED

DEV = SHARED / "reference" / "dev"

#: Measured on the development corpus, less a small margin; raise them as the engine improves.
FLOORS = {
    "fr": {
        "f1": 0.89,
        "speaker": 0.91,
        "type": 0.88,
        "pronoun": 0.72,
        "mixed": 0.79,
        "indirect": 0.81,
    },
    "en": {"f1": 0.88, "speaker": 0.89, "type": 0.85, "pronoun": 0.80, "indirect": 0.85},
}


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/reference/dev is absent")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_attribution_floors_on_real_news(lang, request):
    from analyzer.tooling.evaluate import evaluate

    engine = request.getfixturevalue(lang)
    result = evaluate([DEV / lang], analyzer_for=lambda _: engine).to_dict()
    floors = FLOORS[lang]
    measured = {
        "f1": result["attributions"]["f1"],
        "speaker": result["speaker_accuracy"],
        "type": result["source_type_accuracy"],
        "pronoun": result["pronoun_accuracy"],
        "mixed": result["kinds"]["mixed"]["f1"],
        "indirect": result["kinds"]["indirect"]["f1"],
    }
    low = {k: round(measured[k], 3) for k, floor in floors.items() if measured[k] < floor}
    assert not low, f"{lang}: below the floors {floors}: {low}"
