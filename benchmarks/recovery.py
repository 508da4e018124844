"""Does the score measure sourcing on real news? Claims and findings on the development corpus,
and the score between reliable and unreliable outlets of the ReCOVery corpus.

1. ``../shared/reference/dev/{fr,en}`` (real articles annotated to ANNOTATION.md): claims
   precision, recall and F1 and attributed-or-not accuracy (as ``analyzer eval`` counts them),
   and the precision of the two findings an editor acts on most:
   - ``unattributed-claim`` is right when its sentence is a gold claim with no source
     (``attributed: false``, half overlap);
   - ``unattributed-hedge`` is right when it marks a gold hedge in the writer's voice that no
     gold attribution covers and that stands in no gold attributed claim.
2. ``../shared/reference/recovery-dev.jsonl`` (221 English COVID-19 articles from 28 outlets rated
   reliable or unreliable by NewsGuard and Media Bias/Fact Check; ``reliable`` is the outlet's
   rating, not a verdict on the article): the AUC of the score between the two groups (the
   chance that a reliable outlet's article scores above an unreliable one's, ties half), the
   same on half the outlets drawn at random 30 times (mean and worst), each component's AUC,
   and the baselines: single words counted per 100 words ("said", "says",
   "told", "according", "quoted", "i", "we", "you"), each taken in its better direction, the best
   one named. Then the grades: median score of the reliable outlets' articles and of the
   unreliable ones', and the median of the reliable outlets' own medians.

Targets (issue 9): claims F1 and attributed-or-not >= 0.85 in both languages,
``unattributed-claim`` precision >= 0.85, AUC >= 0.80 and >= 0.10 above the best baseline,
reliable outlets' median grade B or better. Each line says whether it is met.

    python benchmarks/recovery.py [--part dev|recovery|all] [--limit N] [--json]

The corpora are read from ``../shared/reference`` and never copied here; the benchmark skips
(exit 0, a message on stderr) when they are absent. Nothing is tuned per outlet.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference"
RECOVERY = REFERENCE / "recovery-dev.jsonl"
BASELINE_WORDS = ("said", "says", "told", "according", "quoted", "i", "we", "you")
_WORD = re.compile(r"\w+")
TARGET_CLAIMS = 0.85
TARGET_PRECISION = 0.85
TARGET_AUC = 0.80
TARGET_MARGIN = 0.10
_SEED = 1


def auc(positive: list[float], negative: list[float]) -> float:
    """P(a positive scores above a negative), ties counted half (Mann-Whitney)."""
    if not positive or not negative:
        return float("nan")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def outlet_halves(rows: list[dict], scores: list[float], draws: int = 30) -> dict[str, float]:
    """The score's AUC on half the outlets drawn at random (seeded), ``draws`` times: whether
    the separation holds on outlets it was not looked at with, not only on the whole set."""
    rng = random.Random(_SEED)
    names = sorted({r["outlet"] for r in rows})
    values = []
    for _ in range(draws):
        kept = set(rng.sample(names, len(names) // 2))
        idx = [i for i, r in enumerate(rows) if r["outlet"] in kept]
        good = [scores[i] for i in idx if rows[i]["reliable"]]
        bad = [scores[i] for i in idx if not rows[i]["reliable"]]
        if good and bad:
            values.append(auc(good, bad))
    return {"mean": statistics.mean(values), "min": min(values), "draws": len(values)}


def per_100_words(text: str, word: str) -> float:
    words = [w.lower() for w in _WORD.findall(text)]
    return 100 * words.count(word) / max(1, len(words))


def _overlaps_half(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    from analyzer.tooling.evaluate import half_overlap

    return half_overlap(a_start, a_end, b_start, b_end)


def finding_precision(gold, report) -> dict[str, list[int]]:
    """[right, flagged] for unattributed-claim and unattributed-hedge in one document."""
    counts = {"unattributed-claim": [0, 0], "unattributed-hedge": [0, 0]}
    unsourced = [c.span for c in gold.claims or [] if not c.attributed]
    sourced = [c.span for c in gold.claims or [] if c.attributed]
    contents = [a.content for a in gold.attributions]
    bare_hedges = [
        h.span
        for h in gold.hedges or []
        if not h.in_quote
        and not any(c.start <= h.span.start < c.end for c in contents)
        and not any(c.start <= h.span.start < c.end for c in sourced)
    ]
    for f in report.findings:
        if f.rule == "unattributed-claim" and gold.claims is not None:
            counts[f.rule][1] += 1
            s, e = f.span.start, f.span.end
            counts[f.rule][0] += any(_overlaps_half(g.start, g.end, s, e) for g in unsourced)
        elif f.rule == "unattributed-hedge" and gold.hedges is not None:
            counts[f.rule][1] += 1
            s, e = f.span.start, f.span.end
            counts[f.rule][0] += any(g.start < e and s < g.end for g in bare_hedges)
    return counts


def run_dev(lang: str, limit: int | None = None, analyzer=None) -> dict | None:
    """Claims and finding precision on ``dev/<lang>``; None when the folder is absent."""
    from analyzer import Analyzer
    from analyzer.tooling.evaluate import Evaluation
    from analyzer.tooling.gold import find_gold_files, load

    folder = REFERENCE / "dev" / lang
    if not folder.is_dir():
        return None
    analyzer = analyzer or Analyzer(lang)
    evaluation = Evaluation()
    flagged = {"unattributed-claim": [0, 0], "unattributed-hedge": [0, 0]}
    for file in find_gold_files([folder])[:limit]:
        gold = load(file)
        report = analyzer.analyze(gold.text, path=str(file))
        evaluation.add_judgement(gold, report, file.name)
        for rule, (right, total) in finding_precision(gold, report).items():
            flagged[rule][0] += right
            flagged[rule][1] += total
    claims = evaluation.claims.scores()
    return {
        "language": lang,
        "claims": claims,
        "claim_attribution_accuracy": evaluation.claim_attribution.value,
        "findings": {
            rule: {"precision": right / total if total else None, "right": right, "flagged": total}
            for rule, (right, total) in flagged.items()
        },
    }


def run_recovery(limit: int | None) -> dict | None:
    from analyzer import Analyzer
    from analyzer.score import GRADES

    if not RECOVERY.exists():
        return None
    rows = [json.loads(line) for line in RECOVERY.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r.get("text", "").strip()][:limit]
    analyzer = Analyzer("en")
    reports = list(analyzer.pipe([r["text"] for r in rows], batch_size=8))
    reliable = [i for i, r in enumerate(rows) if r["reliable"]]
    unreliable = [i for i, r in enumerate(rows) if not r["reliable"]]
    scores = [rep.score.value for rep in reports]

    def split(values: list[float]) -> float:
        return auc([values[i] for i in reliable], [values[i] for i in unreliable])

    components = {
        c.name: split([rep.score.components[k].value for rep in reports])
        for k, c in enumerate(reports[0].score.components)
    }
    baselines = {}
    for word in BASELINE_WORDS:
        value = split([per_100_words(r["text"], word) for r in rows])
        baselines[word] = max(value, 1 - value)  # the better direction
    best_word = max(baselines, key=baselines.get)

    def grade(value: float) -> str:
        return next(g for floor, g in GRADES if value >= floor)

    halves = outlet_halves(rows, scores)
    outlets: dict[str, list[int]] = {}
    for i in reliable:
        outlets.setdefault(rows[i]["outlet"], []).append(scores[i])
    outlet_medians = [statistics.median(v) for v in outlets.values()]
    median_reliable = statistics.median(scores[i] for i in reliable)
    median_unreliable = statistics.median(scores[i] for i in unreliable)
    return {
        "articles": len(rows),
        "reliable": len(reliable),
        "unreliable": len(unreliable),
        "auc": split(scores),
        "auc_outlet_halves": halves,
        "components": components,
        "baselines": baselines,
        "best_baseline": best_word,
        "median_reliable": median_reliable,
        "grade_reliable": grade(median_reliable),
        "median_unreliable": median_unreliable,
        "grade_unreliable": grade(median_unreliable),
        "median_of_reliable_outlets": statistics.median(outlet_medians),
        "grade_of_reliable_outlets": grade(statistics.median(outlet_medians)),
    }


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def print_dev(result: dict) -> None:
    c = result["claims"]
    acc = result["claim_attribution_accuracy"]
    lang = result["language"]
    print(
        f"dev/{lang}: claims P {c['precision']:.3f} R {c['recall']:.3f} F1 {c['f1']:.3f} "
        f"({_met(c['f1'] >= TARGET_CLAIMS)}); attributed-or-not {acc:.3f} "
        f"({_met(acc >= TARGET_CLAIMS)})"
    )
    for rule, f in result["findings"].items():
        p = f["precision"]
        shown = "n/a" if p is None else f"{p:.3f}"
        target = f" ({_met(p is not None and p >= TARGET_PRECISION)})" * (
            rule == "unattributed-claim"
        )
        print(f"  {rule} precision {shown} ({f['right']} of {f['flagged']}){target}")


def print_recovery(r: dict) -> None:
    best = r["best_baseline"]
    margin = r["auc"] - r["baselines"][best]
    print(
        f"recovery-dev: {r['articles']} articles ({r['reliable']} reliable, "
        f"{r['unreliable']} unreliable)"
    )
    print(f"  score AUC {r['auc']:.3f} ({_met(r['auc'] >= TARGET_AUC)})")
    h = r["auc_outlet_halves"]
    print(
        f"  on half the outlets, {h['draws']} draws: AUC mean {h['mean']:.3f}, min {h['min']:.3f}"
    )
    print(
        f"  best single-word baseline: {best!r} per 100 words, AUC {r['baselines'][best]:.3f}; "
        f"margin {margin:+.3f} ({_met(margin >= TARGET_MARGIN)})"
    )
    print("  baselines: " + ", ".join(f"{w} {v:.3f}" for w, v in r["baselines"].items()))
    print("  components: " + ", ".join(f"{n} {v:.3f}" for n, v in r["components"].items()))
    print(
        f"  median score: reliable {r['median_reliable']:.1f} ({r['grade_reliable']}), "
        f"unreliable {r['median_unreliable']:.1f} ({r['grade_unreliable']}); median of the "
        f"reliable outlets' medians {r['median_of_reliable_outlets']:.1f} "
        f"({r['grade_of_reliable_outlets']}, {_met(r['grade_of_reliable_outlets'] in 'AB')})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["dev", "recovery", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N documents of each set")
    parser.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    args = parser.parse_args(argv)
    if not REFERENCE.is_dir():
        print(f"recovery: {REFERENCE} is absent, nothing to measure", file=sys.stderr)
        return 0
    out: dict = {}
    if args.part in {"dev", "all"}:
        out["dev"] = [d for lang in ("fr", "en") if (d := run_dev(lang, args.limit))]
        if not args.json:
            for d in out["dev"]:
                print_dev(d)
    if args.part in {"recovery", "all"}:
        out["recovery"] = run_recovery(args.limit)
        if out["recovery"] is None:
            print(f"recovery: {RECOVERY} is absent", file=sys.stderr)
        elif not args.json:
            print_recovery(out["recovery"])
    if args.json:
        print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
