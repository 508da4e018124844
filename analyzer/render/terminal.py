"""The terminal view of a report, as rich renderables (shared by the CLI and the tests)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from analyzer.report import Report

_KIND_STYLE = {
    "direct": "bold cyan",
    "indirect": "green",
    "mixed": "magenta",
    "according_to": "yellow",
}
_TYPE_STYLE = {
    "person": "bold",
    "organisation": "bold",
    "role": "",
    "document": "",
    "anonymous": "yellow",
    "vague": "red",
    "unknown": "red",
}


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def attributions_view(report: Report) -> RenderableType:
    """One block per attribution: who, how, then what (fits 80 columns)."""
    lines: list[RenderableType] = [Rule("Attributions", style="dim")]
    for att in report.attributions:
        head = Text.assemble((f"{att.id:>4} ", "dim"), (att.kind, _KIND_STYLE.get(att.kind, "")))
        speaker = att.speaker
        head.append("  ")
        if speaker is None:
            head.append("no source", style="red")
        else:
            head.append(speaker.span.text, style=_TYPE_STYLE.get(speaker.type, ""))
            if speaker.resolved and speaker.resolved != speaker.span.text:
                head.append(f" → {speaker.resolved}", style="dim")
            head.append(f" ({speaker.type})", style="dim")
        if att.cue is not None:
            head.append(f"  {att.cue.span.text}", style="italic")
        lines.append(head)
        lines.append(Padding(Text(_short(att.content.text, 240), style="dim"), (0, 0, 0, 5)))
    return Group(*lines)


def sources_table(report: Report) -> Table:
    table = Table(title="Sources", expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("name")
    table.add_column("type", no_wrap=True)
    table.add_column("attributions", justify="right")
    for src in report.sources:
        table.add_row(
            src.id,
            src.name,
            Text(src.type, style=_TYPE_STYLE.get(src.type, "")),
            str(len(src.attributions)),
        )
    return table


def summary(report: Report) -> RenderableType:
    title = report.path or "<text>"
    counts = Text.assemble(
        (f"{len(report.attributions)} attributions", "bold"),
        " from ",
        (f"{len(report.sources)} sources", "bold"),
        f" · language {report.language}",
    )
    return Panel(counts, title=title, title_align="left")


def render(report: Report) -> RenderableType:
    """The whole terminal report of one text."""
    return Group(summary(report), attributions_view(report), sources_table(report))
