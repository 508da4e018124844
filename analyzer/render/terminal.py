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


# -- the full report (analyzer report) ------------------------------------------------------------

_SOURCE_COLOURS = (
    "cyan",
    "green",
    "magenta",
    "blue",
    "yellow",
    "bright_cyan",
    "bright_green",
    "bright_magenta",
    "bright_blue",
)
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def header(report: Report, meta: dict | None = None, prose: str | None = None) -> RenderableType:
    """Title, language, length, key terms and readability (textacy)."""
    meta = meta or {}
    title = meta.get("title") or next(
        (line.strip() for line in report.text.splitlines() if line.strip()), "(untitled)"
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row("language", report.language)
    stats = text_statistics(report, prose)
    facts.add_row("length", f"{stats['words']} words, {stats['sentences']} sentences")
    if stats["key_terms"]:
        facts.add_row("key terms", ", ".join(stats["key_terms"]))
    if stats["readability"] is not None:
        facts.add_row("readability", f"Flesch reading ease {stats['readability']:.0f}")
    for key in ("author", "outlet", "date"):
        if meta.get(key):
            facts.add_row(key, str(meta[key]))
    return Panel(facts, title=_short(title, 70), title_align="left")


def text_statistics(report: Report, prose: str | None = None) -> dict:
    """Words, sentences, key terms (TextRank) and Flesch reading ease, from textacy."""
    from textacy import text_stats
    from textacy.extract import keyterms

    from analyzer.pipeline import COMPONENTS, build

    nlp = build(report.language)  # the engine's cached pipeline; its own components are skipped
    doc = nlp(" ".join((prose or report.text).split())[: nlp.max_length], disable=COMPONENTS)
    try:
        terms = [t for t, _ in keyterms.textrank(doc, normalize="lemma", topn=5)]
    except (ValueError, ZeroDivisionError):
        terms = []
    try:
        readability = text_stats.readability.flesch_reading_ease(doc, lang=report.language)
    except (ValueError, ZeroDivisionError):
        readability = None
    return {
        "words": text_stats.basics.n_words(doc),
        "sentences": text_stats.basics.n_sents(doc),
        "key_terms": terms,
        "readability": readability,
    }


def score_view(report: Report) -> RenderableType:
    score = report.score
    table = Table(expand=True, show_edge=False)
    table.add_column("component")
    table.add_column("value", justify="right")
    table.add_column("weight", justify="right")
    table.add_column("why", ratio=2)
    for c in score.components:
        table.add_row(c.name.replace("_", " "), f"{c.value:.2f}", f"{c.weight:.2f}", c.explanation)
    grade_style = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "E": "bold red"}
    title = Text.assemble(
        "Sourcing score ", (f"{score.value}/100 ({score.grade})", grade_style.get(score.grade, ""))
    )
    return Panel(table, title=title, title_align="left")


def marked_text(report: Report) -> RenderableType:
    """The article with quotations coloured by source, hedges, framing and unattributed
    claims marked."""
    text = Text(report.text)
    colours = {
        s.id: _SOURCE_COLOURS[i % len(_SOURCE_COLOURS)] for i, s in enumerate(report.sources)
    }
    for claim in report.claims:
        if not claim.attributed:
            text.stylize("underline", claim.span.start, claim.span.end)
    for att in report.attributions:
        colour = colours.get(att.speaker.source_id, "white") if att.speaker else "red"
        text.stylize(colour, att.content.start, att.content.end)
        if att.speaker is not None:
            text.stylize(f"bold {colour}", att.speaker.span.start, att.speaker.span.end)
    for hedge in report.hedges:
        text.stylize(
            "reverse" if not hedge.in_quote else "italic", hedge.span.start, hedge.span.end
        )
    for signal in report.framing:
        text.stylize(
            "bold red" if signal.kind == "loaded_term" else "bold yellow",
            signal.span.start,
            signal.span.end,
        )
    legend = Text.assemble(
        ("quotations and attributed words coloured by source", "dim"),
        ("  ", ""),
        ("hedge", "reverse"),
        ("  ", ""),
        ("loaded term", "bold red"),
        ("  ", ""),
        ("non-neutral verb", "bold yellow"),
        ("  ", ""),
        ("unattributed claim", "underline"),
    )
    return Group(Rule("Text", style="dim"), legend, Text(""), text)


def sources_detail(report: Report) -> Table:
    """Each source: type, attributions, words quoted, the stance of its verbs."""
    table = Table(title="Sources", expand=True)
    table.add_column("name", ratio=2)
    table.add_column("type")
    table.add_column("attr.", justify="right")
    table.add_column("words quoted", justify="right")
    table.add_column("verbs' stance")
    by_id = {a.id: a for a in report.attributions}
    for src in report.sources:
        atts = [by_id[a] for a in src.attributions]
        words = sum(len(a.content.text.split()) for a in atts if a.kind in {"direct", "mixed"})
        stances = sorted({a.cue.stance for a in atts if a.cue is not None})
        table.add_row(
            src.name,
            Text(src.type, style=_TYPE_STYLE.get(src.type, "")),
            str(len(atts)),
            str(words),
            ", ".join(stances),
        )
    return table


def findings_view(report: Report) -> RenderableType:
    if not report.findings:
        return Group(Rule("Findings", style="dim"), Text("No findings.", style="green"))
    table = Table(title="Findings", expand=True)
    table.add_column("where", no_wrap=True)
    table.add_column("severity")
    table.add_column("rule")
    table.add_column("message", ratio=2)
    for f in report.findings:
        table.add_row(
            f"{f.line}:{f.column}", Text(f.severity, _SEVERITY_STYLE[f.severity]), f.rule, f.message
        )
    return table


def full_report(
    report: Report, meta: dict | None = None, prose: str | None = None
) -> RenderableType:
    """What ``analyzer report`` prints for one article (``prose``: the text with markup
    blanked, for the statistics)."""
    return Group(
        header(report, meta, prose),
        score_view(report),
        marked_text(report),
        sources_detail(report),
        findings_view(report),
    )
