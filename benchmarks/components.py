"""Where the analyser's own time goes: each of its spaCy components, the join of a chunk's
paragraph Docs and the copy of the findings, on one round of the language's samples.

The model parses the paragraphs once, before timing; then every chunk is joined and run
through the analyser's components ``--runs`` times. A component's time is, for each Doc, the
fastest of its runs, summed over the Docs: on a shared machine a neighbour's burst lands in
one run of one Doc, not in the figure. Use it before and after a change to a component (the
throughput ratio of ``throughput.py`` moves by less than its own noise for a few
milliseconds).

    python benchmarks/components.py [--lang fr] [--runs 9] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(lang: str, runs: int) -> dict:
    from spacy.tokens import Doc

    from analyzer import Analyzer, engine
    from analyzer.components.quotes import ORIGINAL_TEXT, PARSED_TEXT

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / lang).glob("*.txt"))]
    analyzer = Analyzer(lang)
    chunks = []  # (offset, chunk text, the model's Docs of its paragraphs)
    for text in texts:
        job = engine._Job(text, None, None, engine.CHUNK_CHARS)
        for (offset, chunk), paragraphs in zip(job.chunks, job.paragraphs, strict=True):
            docs = list(analyzer._parse(paragraphs, 128, cache=False))
            chunks.append((offset, chunk, docs))
    best: dict[tuple[str, int], float] = {}
    clock = time.perf_counter
    for _ in range(runs):
        for number, (offset, chunk, docs) in enumerate(chunks):
            times = []
            start = clock()
            doc = docs[0].copy() if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            doc.user_data[ORIGINAL_TEXT] = chunk
            doc.user_data[PARSED_TEXT] = engine.model_text(chunk)
            times.append(("join", clock() - start))
            for name, component in analyzer._own:
                start = clock()
                doc = component(doc)
                times.append((name.removeprefix("analyzer_"), clock() - start))
            start = clock()
            engine._Found.of(doc, offset)
            times.append(("findings", clock() - start))
            for name, seconds in times:
                best[(name, number)] = min(best.get((name, number), seconds), seconds)
    totals: dict[str, float] = {}
    for (name, _), seconds in best.items():
        totals[name] = totals.get(name, 0.0) + seconds
    return {
        "language": lang,
        "docs": len(chunks),
        "tokens": sum(len(d) for _, _, docs in chunks for d in docs),
        "milliseconds": {name: round(1000 * s, 1) for name, s in totals.items()},
        "total_milliseconds": round(1000 * sum(totals.values()), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    result = measure(args.lang, args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    parts = " ".join(f"{k}={v}" for k, v in result["milliseconds"].items())
    print(
        f"{result['language']}: {result['docs']} docs, {result['tokens']} tokens; ms per round "
        f"(per-Doc best of {args.runs}): {parts}; total {result['total_milliseconds']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
