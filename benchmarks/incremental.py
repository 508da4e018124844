"""Re-analysis after a one-paragraph edit of a 1,000-word article (the language server's case).

Cold: a fresh analysis (no paragraph cache). Warm edit: the article was analysed, one
paragraph changes, ``Analyzer.analyze`` runs again (the ceiling is 100 ms). Medians of
``--runs`` edits, each of a different paragraph.

    python benchmarks/incremental.py [--lang fr] [--runs 9] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = 1000
CEILING_MS = 100
ADDITION = {"fr": " Le maire a confirmé l'information.", "en": " The mayor confirmed it."}


def article(lang: str, words: int = WORDS) -> str:
    """About ``words`` words of the language's sample articles, cut at a paragraph end."""
    paragraphs: list[str] = []
    for path in sorted((ROOT / "samples" / lang).glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                paragraphs.append(paragraph.strip())
            if len(" ".join(paragraphs).split()) >= words:
                return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def measure(lang: str, runs: int) -> dict:
    from analyzer import Analyzer

    text = article(lang)
    paragraphs = text.split("\n\n")
    cold_analyzer, warm_analyzer = Analyzer(lang, cache_size=0), Analyzer(lang)
    cold_analyzer.analyze(text)  # warm the model itself (first-call costs)
    cold, warm = [], []
    for run in range(runs):
        start = time.perf_counter()
        cold_analyzer.analyze(text)
        cold.append(time.perf_counter() - start)
        warm_analyzer.analyze(text)
        edited = list(paragraphs)
        edited[(run * 3) % len(edited)] += ADDITION[lang]
        start = time.perf_counter()
        warm_analyzer.analyze("\n\n".join(edited))
        warm.append(time.perf_counter() - start)
    return {
        "language": lang,
        "words": len(text.split()),
        "paragraphs": len(paragraphs),
        "cold_ms": round(1000 * statistics.median(cold)),
        "warm_edit_ms": round(1000 * statistics.median(warm)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 above the ceiling")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    result = measure(args.lang, args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"{result['words']} words, {result['paragraphs']} paragraphs: cold "
            f"{result['cold_ms']} ms, re-analysis after a one-paragraph edit "
            f"{result['warm_edit_ms']} ms (ceiling {CEILING_MS} ms)"
        )
    return 1 if args.check and not result["warm_edit_ms"] <= CEILING_MS else 0


if __name__ == "__main__":
    sys.exit(main())
