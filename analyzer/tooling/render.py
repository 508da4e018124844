"""The terminal view of an evaluation (``analyzer eval``)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table

from analyzer.tooling.evaluate import Evaluation


def render(result: Evaluation, errors: bool = False) -> RenderableType:
    table = Table(title=f"Attributions ({result.documents} documents)")
    for column in ("kind", "precision", "recall", "F1", "gold", "found"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    rows = [("all (any kind)", result.overall.scores())] + [
        (k, t.scores()) for k, t in result.kinds.items()
    ]
    for name, s in rows:
        table.add_row(
            name,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"] + s["fn"]),
            str(s["tp"] + s["fp"]),
        )
    acc = Table(title="Speakers and sources (on matched attributions)")
    acc.add_column("measure")
    acc.add_column("accuracy", justify="right")
    acc.add_column("of", justify="right")
    acc.add_row("speaker", f"{result.speaker.value:.3f}", str(result.speaker.total))
    acc.add_row("pronoun resolution", f"{result.pronoun.value:.3f}", str(result.pronoun.total))
    acc.add_row("source type", f"{result.source_type.value:.3f}", str(result.source_type.total))
    grouping = result.grouping.scores()
    acc.add_row(
        "source grouping B³ (precision / recall / F1)",
        f"{grouping['precision']:.3f} / {grouping['recall']:.3f} / {grouping['f1']:.3f}",
        str(grouping["total"]),
    )
    judge = Table(title="Hedges (writer's voice) and claims")
    for column in ("measure", "precision", "recall", "F1", "gold", "found"):
        judge.add_column(column, justify="right" if column != "measure" else "left")
    for name, tally in (("hedges", result.hedges), ("claims", result.claims)):
        s = tally.scores()
        judge.add_row(
            name,
            f"{s['precision']:.3f}",
            f"{s['recall']:.3f}",
            f"{s['f1']:.3f}",
            str(s["tp"] + s["fn"]),
            str(s["tp"] + s["fp"]),
        )
    acc.add_row(
        "claim attributed or not",
        f"{result.claim_attribution.value:.3f}",
        str(result.claim_attribution.total),
    )
    parts: list[RenderableType] = [table, acc, judge]
    if errors and result.errors:
        miss = Table(title="Misses", show_lines=False)
        for column in ("file", "error", "kind", "text", "detail"):
            miss.add_column(column)
        for e in result.errors:
            detail = {
                k: v for k, v in e.items() if k not in {"file", "error", "kind", "text", "start"}
            }
            miss.add_row(
                e["file"],
                e["error"],
                e["kind"],
                e["text"],
                ", ".join(f"{k}={v}" for k, v in detail.items()),
            )
        parts.append(miss)
    return Group(*parts)
