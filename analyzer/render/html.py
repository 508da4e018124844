"""The report as a web page: the article highlighted, the score, the sources and the findings.

One renderer serves both ``analyzer report --html PAGE`` (a static page, no script needed) and
the page of ``analyzer serve`` (the same page with a form above it). The markup lives in
Jinja templates under ``analyzer/web/``; this module only turns a Report into what they show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from analyzer import __version__
from analyzer.i18n import Translator, speaks, translator
from analyzer.report import Finding, Report
from analyzer.rule_pages import rule_url
from analyzer.rules import RULES
from analyzer.words import COMPONENTS, KINDS, SEVERITIES, STANCES, grade, source_type, word

PALETTE_SIZE = 10  # source colours .s0 … .s9 in web/page.css, in order of first mention
_NBSP_RUN = re.compile("\u00a0[ ]+")  # &nbsp; in HTML: the character, then blanked spaces
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…»\"](?=\s)|\n")


@dataclass
class _Mark:
    start: int
    end: int
    classes: tuple[str, ...]
    title: str = ""
    source: int | None = None  # the colour of a quotation or speaker (its source's)


@dataclass
class Segment:
    """A stretch of text with every mark over it; or a finding's marker when ``marker`` is set."""

    text: str
    classes: list[str] = field(default_factory=list)
    title: str = ""
    source: int | None = None
    marker: dict | None = None


def _source_colours(report: Report) -> dict[str, int]:
    return {s.id: i % PALETTE_SIZE for i, s in enumerate(report.sources)}


def _marks(report: Report, colours: dict[str, int], tr: Translator) -> list[_Mark]:
    names = {s.id: (s.name, s.type) for s in report.sources}
    marks: list[_Mark] = []
    for claim in report.claims:
        if not claim.attributed:
            label = tr("unattributed claim")
            marks.append(_Mark(claim.span.start, claim.span.end, ("claim",), label))
    for att in report.attributions:
        cue = tr(", cue « {cue} »", cue=att.cue.span.text) if att.cue else ""
        kind = word(KINDS, att.kind, tr)
        speaker = att.speaker
        if speaker is None or speaker.source_id not in colours:
            title = tr("{kind} attribution with no source", kind=kind) + cue
            marks.append(_Mark(att.content.start, att.content.end, ("quote", "nosource"), title))
            continue
        name, stype = names[speaker.source_id]
        index = colours[speaker.source_id]
        title = f"{name} ({source_type(stype, tr)}), {kind}{cue}"
        marks.append(_Mark(att.content.start, att.content.end, ("quote",), title, index))
        marks.append(_Mark(speaker.span.start, speaker.span.end, ("speaker",), title, index))
    for hedge in report.hedges:
        where = tr("in a quotation") if hedge.in_quote else tr("in the writer's voice")
        title = f"{tr('hedge')} ({hedge.kind.replace('_', ' ')}) {where}"
        marks.append(_Mark(hedge.span.start, hedge.span.end, ("hedge",), title))
    for signal in report.framing:
        kind = "loaded" if signal.kind == "loaded_term" else "verb"
        label = tr("loaded term") if kind == "loaded" else tr("non-neutral reporting verb")
        marks.append(_Mark(signal.span.start, signal.span.end, (kind,), label))
    return marks


def _blocks(prose: str, fmt: str) -> list[tuple[int, int]]:
    """Paragraphs: blank-line separated in Markdown, one a line otherwise; blank ones dropped."""
    splitter = _BLANK_LINE if fmt == "markdown" else _LINE
    blocks, start = [], 0
    for m in splitter.finditer(prose):
        blocks.append((start, m.start()))
        start = m.end()
    blocks.append((start, len(prose)))
    return [(a, b) for a, b in blocks if prose[a:b].strip()]


def _segments(
    prose: str, start: int, end: int, marks: Sequence[_Mark], markers: dict[int, list[dict]]
) -> list[Segment]:
    """Cut ``prose[start:end]`` wherever a mark begins or ends; each piece carries every mark
    over it (the innermost quotation decides the colour). Linear in marks plus cuts."""
    inside = [m for m in marks if m.start < end and m.end > start]
    cuts = {start, end}
    for m in inside:
        cuts.update((max(m.start, start), min(m.end, end)))
    cuts.update(p for p in markers if start <= p < end)
    ordered = sorted(cuts)
    by_start = sorted(inside, key=lambda m: (m.start, -m.end))
    active: list[_Mark] = []
    nxt = 0
    out: list[Segment] = []
    for a, b in pairwise(ordered):
        for marker in markers.get(a, ()):
            out.append(Segment("", marker=marker))
        while nxt < len(by_start) and by_start[nxt].start <= a:
            active.append(by_start[nxt])
            nxt += 1
        active = [m for m in active if m.end > a]
        classes: list[str] = []
        title, source = "", None
        for m in active:
            for c in m.classes:
                if c not in classes:
                    classes.append(c)
            if m.source is not None:
                source = m.source
            if m.title and (not title or m.source is not None):
                title = m.title
        out.append(Segment(_NBSP_RUN.sub("\u00a0", prose[a:b]), classes, title, source))
    return out


def _sentence(report: Report, prose: str, finding: Finding) -> tuple[str, str, str]:
    """The sentence around a finding, split as (before, the flagged words, after)."""
    start, end = finding.span.start, finding.span.end
    claim = next((c for c in report.claims if c.span.start <= start and end <= c.span.end), None)
    if claim is not None:
        s, e = claim.span.start, claim.span.end
    else:
        s = max((m.end() for m in _SENTENCE_END.finditer(prose, 0, start)), default=0)
        m = _SENTENCE_END.search(prose, end)
        e = m.end() if m else len(prose)
    if e - s > 600:  # a run-on "sentence" (a table, a list): keep some context only
        s, e = max(s, start - 200), min(e, end + 200)

    def squeeze(text: str) -> str:
        return " ".join(text.split())

    before, flagged, after = prose[s:start], prose[start:end], prose[end:e]
    if len(flagged) > 400:
        flagged = flagged[:399] + "…"
    return (
        squeeze(before) + (" " if before[-1:].isspace() else ""),
        squeeze(flagged),
        ((" " if after[:1].isspace() else "") + squeeze(after)),
    )


def article_view(
    report: Report,
    prose: str | None = None,
    meta: dict | None = None,
    stats: dict | None = None,
    fmt: str = "text",
    number: int = 1,
) -> dict[str, Any]:
    """What the templates show of one report. ``prose`` is the analysed text (markup blanked,
    same length as ``report.text``); ``stats`` the optional textacy statistics."""
    prose = prose if prose is not None and len(prose) == len(report.text) else report.text
    meta = meta or {}
    tr = translator(speaks(report))
    colours = _source_colours(report)
    prefix = f"a{number}-"
    findings = []
    markers: dict[int, list[dict]] = {}
    for i, f in enumerate(report.findings, 1):
        rule = RULES.get(f.rule)
        before, flagged, after = _sentence(report, prose, f)
        item = {
            "n": i,
            "id": f"{prefix}f{i}",
            "anchor": f"{prefix}m{i}",
            "rule": f.rule,
            "url": rule_url(f.rule),
            "summary": tr(rule.summary) if rule else "",
            "severity": f.severity,
            "severity_label": word(SEVERITIES, f.severity, tr),
            "line": f.line,
            "column": f.column,
            "message": f.message,
            "fix": f.fix or (tr(rule.fix) if rule else ""),
            "before": before,
            "flagged": flagged,
            "after": after,
        }
        findings.append(item)
        markers.setdefault(f.span.start, []).append(item)
    marks = _marks(report, colours, tr)
    blocks = [
        {
            "heading": fmt == "markdown" and report.text[a:b].lstrip().startswith("#"),
            "segments": _segments(prose, a, b, marks, markers),
        }
        for a, b in _blocks(prose, fmt)
    ]
    placed = {s.marker["n"] for block in blocks for s in block["segments"] if s.marker}
    for item in findings:
        item["placed"] = item["n"] in placed
    by_id = {a.id: a for a in report.attributions}
    sources = []
    for s in report.sources:
        atts = [by_id[a] for a in s.attributions if a in by_id]
        sources.append(
            {
                "index": colours[s.id],
                "name": s.name,
                "type": s.type,
                "type_label": source_type(s.type, tr),
                "mentions": len(s.mentions),
                "attributions": len(atts),
                "words": sum(
                    len(a.content.text.split()) for a in atts if a.kind in {"direct", "mixed"}
                ),
                "stances": ", ".join(
                    word(STANCES, st, tr)
                    for st in sorted({a.cue.stance for a in atts if a.cue is not None})
                ),
            }
        )
    score = report.score
    components = []
    if score is not None:
        components = [
            {
                "name": word(COMPONENTS, c.name, tr),
                "value": c.value,
                "value_text": tr.number(c.value),
                "weight_text": tr.number(c.weight),
                "percent": round(100 * max(0.0, min(1.0, c.value))),
                "weight": c.weight,
                "explanation": c.explanation,
            }
            for c in score.components
        ]
    unattributed = sum(1 for a in report.attributions if a.speaker is None)
    title = meta.get("title") or _first_line(prose) or report.path or tr("Article")
    return {
        "id": f"a{number}",
        "lang": tr.lang,
        "language_name": _language_name(report.language, tr.lang),
        "grade_label": grade(score.grade, tr) if score is not None else "",
        "title": title,
        "path": report.path,
        "language": report.language,
        "meta": {k: meta[k] for k in ("author", "outlet", "date") if meta.get(k)},
        "stats": stats,
        "score": score,
        "components": components,
        "blocks": blocks,
        "sources": sources,
        "findings": findings,
        "counts": {
            "attributions": len(report.attributions),
            "sources": len(report.sources),
            "hedges": len(report.hedges),
            "loaded": sum(1 for f in report.framing if f.kind == "loaded_term"),
            "verbs": sum(1 for f in report.framing if f.kind != "loaded_term"),
            "claims": sum(1 for c in report.claims if not c.attributed),
            "unsourced": unattributed,
        },
    }


def _language_name(code: str, lang: str) -> str:
    from analyzer.render.terminal import language_name

    return language_name(code, lang)


def _first_line(text: str) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= 90 else line[:89] + "…"


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("analyzer", "web"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


def asset(name: str) -> str:
    """The text of a file under ``analyzer/web/`` (the style sheet, the script)."""
    from importlib.resources import files

    return files("analyzer").joinpath("web", name).read_text(encoding="utf-8")


def page(
    articles: Iterable[dict[str, Any]],
    *,
    interactive: bool = False,
    form: dict[str, str] | None = None,
    error: str | None = None,
    title: str | None = None,
    lang: str | None = None,
) -> str:
    """A whole page. ``interactive``: with the form of ``analyzer serve`` (and its script);
    otherwise a static report that reads and prints without a script. ``lang``: the page's
    language (default: the first article's message language, else English)."""
    articles = list(articles)
    tr = translator(lang or (articles[0]["lang"] if articles else None))
    if title is None:
        title = (
            tr("Sourcing report: {title}", title=articles[0]["title"])
            if len(articles) == 1
            else tr("Sourcing report")
            if articles
            else tr("Sourcing analyzer")
        )
    return (
        _environment()
        .get_template("page.html")
        .render(
            articles=articles,
            interactive=interactive,
            form=form or {"text": "", "format": "auto", "lang": "auto"},
            error=error,
            title=title,
            style=asset("page.css"),
            script=asset("page.js") if interactive else "",
            _=tr,
        )
    )


def report_page(
    report: Report,
    prose: str | None = None,
    meta: dict | None = None,
    stats: dict | None = None,
    fmt: str = "text",
) -> str:
    """The static page of one report (what ``analyzer report --html`` writes)."""
    return page([article_view(report, prose, meta, stats, fmt)])


def docs_page(api: dict[str, Any], base: str) -> str:
    """The API reference page (``/docs``) from the OpenAPI document; ``base`` for examples."""
    return (
        _environment().get_template("docs.html").render(api=api, base=base, style=asset("page.css"))
    )
