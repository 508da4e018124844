"""The terminal view of a report, as rich renderables (shared by the CLI and the tests).

Every word is in the report's message language (``i18n.speaks``: the session's choice, else the
article's); ``lang`` overrides it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from analyzer.i18n import Translator, speaks, translator
from analyzer.report import Report
from analyzer.rules import RULES, localized
from analyzer.words import COMPONENTS, KINDS, SEVERITIES, STANCES, grade, source_type, word

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


def _tr(report: Report, lang: str | None) -> Translator:
    return translator(lang or speaks(report))


def attributions_view(report: Report, lang: str | None = None) -> RenderableType:
    """One block per attribution: who, how, then what (fits 80 columns)."""
    tr = _tr(report, lang)
    lines: list[RenderableType] = [Rule(tr("Attributions"), style="dim")]
    for att in report.attributions:
        head = Text.assemble(
            (f"{att.id:>4} ", "dim"), (word(KINDS, att.kind, tr), _KIND_STYLE.get(att.kind, ""))
        )
        speaker = att.speaker
        head.append("  ")
        if speaker is None:
            head.append(tr("no source"), style="red")
        else:
            head.append(speaker.span.text, style=_TYPE_STYLE.get(speaker.type, ""))
            if speaker.resolved and speaker.resolved != speaker.span.text:
                head.append(f" → {speaker.resolved}", style="dim")
            head.append(f" ({source_type(speaker.type, tr)})", style="dim")
        if att.cue is not None:
            head.append(f"  {att.cue.span.text}", style="italic")
        lines.append(head)
        lines.append(Padding(Text(_short(att.content.text, 240), style="dim"), (0, 0, 0, 5)))
    return Group(*lines)


def sources_table(report: Report, lang: str | None = None) -> Table:
    tr = _tr(report, lang)
    table = Table(title=tr("Sources"), expand=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column(tr("name"))
    table.add_column(tr("type"), no_wrap=True)
    table.add_column(tr("attributions"), justify="right")
    for src in report.sources:
        table.add_row(
            src.id,
            src.name,
            Text(source_type(src.type, tr), style=_TYPE_STYLE.get(src.type, "")),
            str(len(src.attributions)),
        )
    return table


def summary(report: Report, lang: str | None = None) -> RenderableType:
    tr = _tr(report, lang)
    title = report.path or "<text>"
    counts = Text.assemble(
        (tr.plural("{n} attribution", "{n} attributions", len(report.attributions)), "bold"),
        " · ",
        (tr.plural("{n} source", "{n} sources", len(report.sources)), "bold"),
        " · ",
        tr("language: {language}", language=language_name(report.language, tr.lang)),
    )
    return Panel(counts, title=title, title_align="left")


def render(report: Report, lang: str | None = None) -> RenderableType:
    """The whole terminal report of one text."""
    return Group(
        summary(report, lang), attributions_view(report, lang), sources_table(report, lang)
    )


def language_name(code: str, lang: str) -> str:
    """``fr`` as the message language calls it (français, French)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code).get_language_name(lang) or code
    except (ValueError, UnknownLocaleError):
        return code


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


def header(
    report: Report, meta: dict | None = None, prose: str | None = None, lang: str | None = None
) -> RenderableType:
    """Title, language, length, key terms and readability (textacy)."""
    tr = _tr(report, lang)
    meta = meta or {}
    title = meta.get("title") or next(
        (line.strip() for line in report.text.splitlines() if line.strip()), tr("(untitled)")
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row(tr("language"), language_name(report.language, tr.lang))
    stats = text_statistics(report, prose)
    facts.add_row(
        tr("length"),
        tr.plural("{n} word", "{n} words", stats["words"])
        + ", "
        + tr.plural("{n} sentence", "{n} sentences", stats["sentences"]),
    )
    if stats["key_terms"]:
        facts.add_row(tr("key terms"), ", ".join(stats["key_terms"]))
    if stats["readability"] is not None:
        facts.add_row(
            tr("readability"),
            tr("Flesch reading ease {value}", value=tr.number(stats["readability"], 0)),
        )
    labels = {"author": tr("author"), "outlet": tr("outlet"), "date": tr("date")}
    for key, label in labels.items():
        if meta.get(key):
            facts.add_row(label, str(meta[key]))
    return Panel(facts, title=_short(title, 70), title_align="left")


def text_statistics(report: Report, prose: str | None = None) -> dict:
    """Words, sentences, key terms (TextRank, shown as the article writes them) and Flesch
    reading ease, from textacy."""
    from textacy import text_stats
    from textacy.extract import keyterms

    from analyzer.pipeline import COMPONENTS, build

    nlp = build(report.language)  # the engine's cached pipeline; its own components are skipped
    doc = nlp(" ".join((prose or report.text).split())[: nlp.max_length], disable=COMPONENTS)
    try:
        terms = surface_forms(
            doc, [t for t, _ in keyterms.textrank(doc, normalize="lemma", topn=5)]
        )
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


def surface_forms(doc, terms: list[str]) -> list[str]:
    """Each lemmatised key term as the article most often writes it (« dette publique », not
    "dette public"); a term never found as such is kept."""
    from collections import Counter

    lengths = {len(term.split()) for term in terms}
    wanted = set(terms)
    seen: dict[str, Counter] = {term: Counter() for term in terms}
    for n in lengths:
        for i in range(len(doc) - n + 1):
            window = doc[i : i + n]
            lemmas = " ".join(t.lemma_ for t in window)
            if lemmas in wanted:
                seen[lemmas][" ".join(t.text for t in window)] += 1
    return [seen[t].most_common(1)[0][0] if seen[t] else t for t in terms]


def score_view(report: Report, lang: str | None = None) -> RenderableType:
    tr = _tr(report, lang)
    score = report.score
    table = Table(expand=True, show_edge=False)
    table.add_column(tr("component"))
    table.add_column(tr("value"), justify="right")
    table.add_column(tr("weight"), justify="right")
    table.add_column(tr("why"), ratio=2)
    for c in score.components:
        table.add_row(
            word(COMPONENTS, c.name, tr), tr.number(c.value), tr.number(c.weight), c.explanation
        )
    grade_style = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "E": "bold red"}
    title = Text.assemble(
        tr("Sourcing score") + " ",
        (f"{score.value}/100 · {grade(score.grade, tr)}", grade_style.get(score.grade, "")),
    )
    return Panel(table, title=title, title_align="left")


def marked_text(report: Report, lang: str | None = None) -> RenderableType:
    """The article with quotations coloured by source, hedges, framing and unattributed
    claims marked."""
    tr = _tr(report, lang)
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
        (tr("quotations and attributed words coloured by source"), "dim"),
        ("  ", ""),
        (tr("hedge"), "reverse"),
        ("  ", ""),
        (tr("loaded term"), "bold red"),
        ("  ", ""),
        (tr("non-neutral verb"), "bold yellow"),
        ("  ", ""),
        (tr("unattributed claim"), "underline"),
    )
    return Group(Rule(tr("Text"), style="dim"), legend, Text(""), text)


def sources_detail(report: Report, lang: str | None = None) -> Table:
    """Each source: type, attributions, words quoted, the stance of its verbs."""
    tr = _tr(report, lang)
    table = Table(title=tr("Sources"), expand=True)
    table.add_column(tr("name"), ratio=2)
    table.add_column(tr("type"))
    table.add_column(tr("attr."), justify="right")
    table.add_column(tr("words quoted"), justify="right")
    table.add_column(tr("verbs' stance"))
    by_id = {a.id: a for a in report.attributions}
    for src in report.sources:
        atts = [by_id[a] for a in src.attributions]
        words = sum(len(a.content.text.split()) for a in atts if a.kind in {"direct", "mixed"})
        stances = sorted({a.cue.stance for a in atts if a.cue is not None})
        table.add_row(
            src.name,
            Text(source_type(src.type, tr), style=_TYPE_STYLE.get(src.type, "")),
            str(len(atts)),
            str(words),
            ", ".join(word(STANCES, s, tr) for s in stances),
        )
    return table


def findings_view(report: Report, lang: str | None = None) -> RenderableType:
    tr = _tr(report, lang)
    if not report.findings:
        return Group(Rule(tr("Findings"), style="dim"), Text(tr("No findings."), style="green"))
    table = Table(title=tr("Findings"), expand=True)
    table.add_column(tr("where"), no_wrap=True)
    table.add_column(tr("severity"))
    table.add_column(tr("rule"))
    table.add_column(tr("message"), ratio=2)
    for f in report.findings:
        table.add_row(
            f"{f.line}:{f.column}",
            Text(word(SEVERITIES, f.severity, tr), _SEVERITY_STYLE.get(f.severity, "")),
            f.rule,
            f.message,
        )
    return table


def full_report(
    report: Report, meta: dict | None = None, prose: str | None = None, lang: str | None = None
) -> RenderableType:
    """What ``analyzer report`` prints for one article (``prose``: the text with markup
    blanked, for the statistics)."""
    return Group(
        header(report, meta, prose, lang),
        score_view(report, lang),
        marked_text(report, lang),
        sources_detail(report, lang),
        findings_view(report, lang),
    )


# -- the rules (analyzer rules) -------------------------------------------------------------------


def rules_table(lang: str) -> Table:
    """Every rule: id, default severity, what it flags."""
    tr = translator(lang)
    table = Table(title=tr("Rules"))
    table.add_column("id")
    table.add_column(tr("severity"))
    table.add_column(tr("what it flags"))
    for r in RULES.values():
        table.add_row(r.id, word(SEVERITIES, r.severity, tr), tr(r.summary))
    return table


def rule_page(rule_id: str, lang: str) -> RenderableType:
    """One rule's page: what it flags, why, an example, the fix (KeyError when unknown)."""
    tr = translator(lang)
    r = localized(RULES[rule_id], lang)
    return Group(
        Text.assemble((r.id, "bold"), f" ({word(SEVERITIES, r.severity, tr)})"),
        Text(""),
        Text(r.summary),
        Text(""),
        Text(tr("Why"), style="bold"),
        Text(r.why),
        Text(""),
        Text(tr("Example"), style="bold"),
        Text(r.example),
        Text(""),
        Text(tr("Fix"), style="bold"),
        Text(r.fix),
    )
