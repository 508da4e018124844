"""The analyser against textacy's direct-quotation extractor on PolNeAR (real English news).

Both sides read the same texts with the same model (en_core_web_sm):
- analyser: ``Analyzer("en").pipe`` (full analysis, reports built);
- textacy: the plain model's ``nlp.pipe`` plus ``textacy.extract.triples.direct_quotations``
  on each Doc; the content of a triple is its quotation span (marks included), its speaker the
  span of its speaker tokens. textacy gives up on a document with an odd number of quotation
  marks (ValueError): that document then has no quotations.

Scored as ``analyzer.tooling.evaluate`` scores PolNeAR: content spans matched one to one by mutual
half overlap; speaker accuracy on the matched pairs (overlap with the located gold speaker, or a
shared word with its text). PolNeAR counts far more than direct quotations (indirect speech,
beliefs, intentions), so recall is also given on the quoted gold attributions alone (content with a
quotation mark), and speaker accuracy on the gold attributions both sides found. Speed is documents
per second, model loading and a warm-up excluded, batch size 16 on both sides.

    python benchmarks/textacy_baseline.py [--limit N] [--json] [--data FILE.jsonl]

The corpus is read from ``../shared/reference/polnear-dev.jsonl`` and never copied here; the
benchmark skips (exit 0, a message on stderr) when it is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "reference" / "polnear-dev.jsonl"
BATCH = 16
_QUOTE_MARKS = ('"', "“", "”", "«", "»", "''", "``")


def _quoted(text: str) -> bool:
    return any(mark in text for mark in _QUOTE_MARKS)


def run_analyzer(texts: list[str]) -> tuple[list, float]:
    """Reports of the full analyser, and the seconds they took."""
    from analyzer import Analyzer

    analyzer = Analyzer("en")
    list(analyzer.pipe(texts[:2]))  # warm-up
    start = time.perf_counter()
    reports = list(analyzer.pipe(texts, batch_size=BATCH))
    return reports, time.perf_counter() - start


def run_textacy(texts: list[str]) -> tuple[list, float, int]:
    """Reports holding textacy's direct quotations (as direct attributions), the seconds the
    parse and extraction took, and the number of documents textacy gave up on."""
    from textacy.extract.triples import direct_quotations

    from analyzer.pipeline import load_model
    from analyzer.report import Attribution, Report, Span, Speaker

    nlp = load_model("en")
    for doc in nlp.pipe(texts[:2]):  # warm-up
        list(direct_quotations(doc))
    start = time.perf_counter()
    found, gave_up = [], 0
    for doc in nlp.pipe(texts, batch_size=BATCH):
        try:
            found.append(list(direct_quotations(doc)))
        except ValueError:  # an unclosed quotation: textacy bails out on the whole document
            found.append([])
            gave_up += 1
    seconds = time.perf_counter() - start
    reports = []
    for text, triples in zip(texts, found, strict=True):
        atts = []
        for number, triple in enumerate(triples, 1):
            c = triple.content
            s_start = min(t.idx for t in triple.speaker)
            s_end = max(t.idx + len(t) for t in triple.speaker)
            atts.append(
                Attribution(
                    f"q{number}",
                    "direct",
                    Span(c.start_char, c.end_char, text[c.start_char : c.end_char]),
                    None,
                    Speaker(Span(s_start, s_end, text[s_start:s_end]), "unknown"),
                )
            )
        reports.append(Report(text, "en", tuple(atts), ()))
    return reports, seconds, gave_up


def score(golds: list, reports: list) -> tuple[dict, dict[tuple[int, int], bool]]:
    """The side's measures, and for each gold attribution it found (document index, gold
    index) whether the speaker is right."""
    from analyzer.tooling.evaluate import Evaluation, Tally, match, speaker_correct

    ev, quoted = Evaluation(), Tally()
    found: dict[tuple[int, int], bool] = {}
    for d, (gold, report) in enumerate(zip(golds, reports, strict=True)):
        ev.add(gold, report, gold.id)
        pairs = match(gold.attributions, list(report.attributions))
        for gi, pi in pairs:
            found[d, gi] = speaker_correct(gold.attributions[gi], report.attributions[pi])
        hit = {gi for gi, _ in pairs}
        for gi, g in enumerate(gold.attributions):
            if _quoted(g.content.text):
                quoted.tp += gi in hit
                quoted.fn += gi not in hit
    s = ev.overall.scores()
    return {
        "precision": round(s["precision"], 3),
        "recall": round(s["recall"], 3),
        "f1": round(s["f1"], 3),
        "found": s["tp"] + s["fp"],
        "matched": s["tp"],
        "quoted_recall": round(quoted.scores()["recall"], 3),
        "speaker_accuracy": round(ev.speaker.value, 3),
        "speaker_total": ev.speaker.total,
    }, found


def compare(path: Path, limit: int | None) -> dict:
    from analyzer.tooling.gold import load_jsonl

    golds = load_jsonl(path)[:limit]
    texts = [g.text for g in golds]
    ours, ours_s = run_analyzer(texts)
    theirs, theirs_s, gave_up = run_textacy(texts)
    ours_scores, ours_found = score(golds, ours)
    theirs_scores, theirs_found = score(golds, theirs)
    both = ours_found.keys() & theirs_found.keys()
    quoted_gold = sum(_quoted(a.content.text) for g in golds for a in g.attributions)
    result = {
        "documents": len(golds),
        "gold_attributions": sum(len(g.attributions) for g in golds),
        "quoted_gold_attributions": quoted_gold,
        "found_by_both": len(both),
        "analyzer": {
            **ours_scores,
            "speaker_accuracy_on_both": round(sum(ours_found[k] for k in both) / len(both), 3)
            if both
            else None,
            "seconds": round(ours_s, 2),
            "documents_per_second": round(len(golds) / ours_s, 2),
        },
        "textacy": {
            **theirs_scores,
            "speaker_accuracy_on_both": round(sum(theirs_found[k] for k in both) / len(both), 3)
            if both
            else None,
            "seconds": round(theirs_s, 2),
            "documents_per_second": round(len(golds) / theirs_s, 2),
            "documents_given_up": gave_up,
        },
    }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use the first N documents")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--data", type=Path, default=POLNEAR, help="a PolNeAR .jsonl file")
    args = parser.parse_args()
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if not args.data.exists():
        print(f"skipped: {args.data} not found (PolNeAR is not in a fresh clone)", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    result = compare(args.data, args.limit)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"Analyser vs textacy direct_quotations on PolNeAR ({result['documents']} "
        f"documents, {result['gold_attributions']} gold attributions, "
        f"{result['quoted_gold_attributions']} quoted)"
    )
    table.add_column("measure")
    table.add_column("analyser", justify="right")
    table.add_column("textacy", justify="right")
    keys = list(result["analyzer"]) + [k for k in result["textacy"] if k not in result["analyzer"]]
    for key in keys:
        table.add_row(
            key.replace("_", " "),
            str(result["analyzer"].get(key, "")),
            str(result["textacy"].get(key, "")),
        )
    Console().print(table)
    print(f"speaker accuracy on both: the {result['found_by_both']} gold attributions both found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
