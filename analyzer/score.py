"""The sourcing score and the findings: a transparent rubric over the report.

Five sourcing components (each a value in [0, 1], a weight, and a one-line explanation), default
weights:

- attribution_coverage (0.20): claims covered by a source, a claim counting 1 when an
  identifiable source stands behind it, 0.5 for an anonymous one, 0.25 for a vague one; full
  marks when half the claims are covered (background and public record need no source).
- source_quality (0.25): mean quality of the attributions' sources: person, organisation, role
  and document 1.0; anonymous 0.5 (0.7 when the text says why); vague 0.2; unknown 0.
- named_voices (0.30): statements given to people and office-holders the text names, per 100 words;
  full marks at 1.25 (reporting is people on the record; a reader counts them).
- source_diversity (0.10): distinct identifiable sources (up to 4), less a penalty when one
  source has most of the attributions.
- hedging (0.15): 1 - 4 x (hedges in the writer's voice that no source covers / claims).

and one deduction, the writer's own voice:

- loaded_language (0.60): loaded terms, judging reporting verbs ("admitted", "prétend") and
  exclamation marks outside quotations, per 100 words; value 1 - rate / 0.8. Its weight is the
  share of the score it takes away at worst: clean copy earns no sourcing, but a writer who
  judges what the sources say is not letting them speak.

score = 100 x (sum(weight x value) / sum(weight) over the five) x (1 - weight_loaded x (1 -
value_loaded)); grades A >= 75, B >= 60, C >= 45, D >= 30, else E. Weights and rule severities
can be overridden (``ScoreConfig``). The weights and targets were set so that well-sourced real
copy earns A or B and unsourced assertion D or E (``benchmarks/recovery.py`` measures it); no
component knows about outlets.

A hedge counts as sourced when an attribution covers it or when it stands in a claim a source
covers ("un rapport estime que le déficit pourrait atteindre 5 %": the doubt is the report's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from analyzer.i18n import translator
from analyzer.lexicons import profile
from analyzer.report import (
    Finding,
    Hedge,
    Report,
    Score,
    ScoreComponent,
    Span,
    Speaker,
    line_column,
)
from analyzer.rules import RULES
from analyzer.vocabulary import NAMED_TYPES
from analyzer.words import source_type

DEFAULT_WEIGHTS = {
    "attribution_coverage": 0.20,
    "source_quality": 0.25,
    "named_voices": 0.30,
    "source_diversity": 0.10,
    "hedging": 0.15,
    "loaded_language": 0.60,
}
#: The component that takes away from the others rather than adding to them.
DEDUCTION = "loaded_language"
QUALITY = {
    "person": 1.0,
    "organisation": 1.0,
    "role": 1.0,
    "document": 1.0,
    "anonymous": 0.5,
    "vague": 0.2,
    "unknown": 0.0,
}
JUSTIFIED_ANONYMOUS = 0.7
#: How much a claim counts as covered, by the best source standing behind it.
COVERAGE = {
    "person": 1.0,
    "organisation": 1.0,
    "role": 1.0,
    "document": 1.0,
    "anonymous": 0.5,
    "vague": 0.25,
    "unknown": 0.0,
}
GRADES = ((75, "A"), (60, "B"), (45, "C"), (30, "D"), (0, "E"))
#: Share of covered claims that earns full marks for coverage.
_COVERAGE_TARGET = 1 / 2
#: Statements from named people and office-holders per 100 words that earn full marks.
_VOICES_TARGET = 1.25
_HEDGES_PER_CLAIM = 4.0
#: Loaded terms, judging verbs and exclamations in the writer's voice per 100 words that take
#: the whole deduction.
_JUDGING_TARGET = 0.8
_DIVERSITY_TARGET = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class ScoreConfig:
    """What a newsroom may change: component weights and rule severities ("off" drops it)."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    severities: dict[str, str] = field(default_factory=dict)


def justified(report: Report, start: int, end: int) -> bool:
    """The text says why a source is anonymous, near its mention (the profile's
    ``anonymity_justifications``: sous couvert d'anonymat, asked not to be named)."""
    window = report.text[max(0, start - 40) : end + 120].lower().replace("’", "'")
    return any(j in window for j in profile(report.language)["anonymity_justifications"])


@cache
def _pronouns(lang: str) -> frozenset[str]:
    """Every pronoun of the language's profile: a one-word speaker that is one is no name."""
    lexicon = profile(lang)
    return frozenset(
        {
            *lexicon["pronouns"],
            *lexicon["vague_pronouns"],
            *lexicon["claim_words"]["opinion_pronouns"],  # I, we, nous
        }
    )


def is_named(speaker: Speaker, lang: str) -> bool:
    """A person or office-holder the text names: a capitalised word past the first in the
    speaker phrase or the name it resolves to ("le ministre de l'Intérieur", "Jane Smith"), or a
    one-word name ("Macron"); not "un dirigeant du club" nor a bare pronoun."""
    if speaker.type not in {"person", "role"}:
        return False
    words = (speaker.resolved or speaker.span.text).split()
    if len(words) == 1:
        return words[0][:1].isupper() and words[0].lower() not in _pronouns(lang)
    return any(w[:1].isupper() for w in words[1:])


def writer_exclamations(report: Report) -> int:
    """Exclamation marks outside quotations: the writer raising the voice."""
    quoted = [a.content for a in report.attributions if a.kind in {"direct", "mixed"}]
    marks = (i for i, ch in enumerate(report.text) if ch == "!")
    return sum(1 for i in marks if not any(q.start <= i < q.end for q in quoted))


def unsourced_hedges(report: Report) -> list[Hedge]:
    """Hedges in the writer's voice with no source: outside quotations, not covered by an
    attribution, and not inside a claim that a source covers. A weasel phrase ("it is
    believed that") gives its own sentence an indefinite source; that source does not vouch
    for the phrase itself, which a claim covers only when a more definite source stands
    behind it."""
    covered = [c.span for c in report.claims if c.attributed]
    definite = [c.span for c in report.claims if c.attributed and c.source_type != "vague"]
    return [
        h
        for h in report.hedges
        if not h.in_quote
        and not h.attributed
        and not any(
            c.start <= h.span.start < c.end for c in (definite if h.kind == "weasel" else covered)
        )
    ]


def compute(report: Report, config: ScoreConfig | None = None, lang: str | None = None) -> Score:
    """The score; explanations in ``lang`` (default: the article's language)."""
    config = config or ScoreConfig()
    tr = translator(lang or report.language)
    claims = report.claims
    attributed = sum(1 for c in claims if c.attributed)
    named = sum(1 for c in claims if c.attributed and COVERAGE.get(c.source_type or "", 0) == 1)
    coverage = (
        min(
            1.0,
            sum(COVERAGE.get(c.source_type or "", 0.0) for c in claims if c.attributed)
            / len(claims)
            / _COVERAGE_TARGET,
        )
        if claims
        else 1.0
    )
    coverage_text = (
        tr(
            "claims attributed: {attributed} of {total}, {named} to identifiable sources",
            attributed=attributed,
            total=len(claims),
            named=named,
        )
        if claims
        else tr("no factual claims")
    )

    qualities = []
    for att in report.attributions:
        stype = att.speaker.type if att.speaker else "unknown"
        q = QUALITY.get(stype, 0.0)
        if stype == "anonymous" and justified(report, att.speaker.span.start, att.speaker.span.end):
            q = JUSTIFIED_ANONYMOUS
        qualities.append(q)
    quality = sum(qualities) / len(qualities) if qualities else 0.0
    counts = Counter(att.speaker.type if att.speaker else "unknown" for att in report.attributions)
    quality_text = (
        tr("no attributions")
        if not qualities
        else tr(
            "attributions: {counts}",
            counts=", ".join(f"{n} {source_type(t, tr)}" for t, n in counts.most_common()),
        )
    )

    identifiable = [s for s in report.sources if s.type in NAMED_TYPES]
    per_source = Counter(
        a.speaker.source_id
        for a in report.attributions
        if a.speaker and a.speaker.type in NAMED_TYPES
    )
    distinct = len(identifiable)
    diversity = min(1.0, distinct / _DIVERSITY_TARGET)
    top_share = max(per_source.values()) / sum(per_source.values()) if per_source else 0.0
    if distinct >= 2 and top_share > 0.6:
        diversity *= 1.0 - (top_share - 0.6)
    diversity_text = (
        tr.plural(
            "{n} identifiable source, the main one has {share} of their attributions",
            "{n} identifiable sources, the main one has {share} of their attributions",
            distinct,
            share=tr.percent(top_share),
        )
        if per_source
        else tr.plural("{n} identifiable source", "{n} identifiable sources", distinct)
    )

    words = max(1, len(_WORD.findall(report.text)))
    on_record = sum(
        1 for a in report.attributions if a.speaker and is_named(a.speaker, report.language)
    )
    voices = min(1.0, 100 * on_record / words / _VOICES_TARGET)
    voices_text = tr(
        "statements from named people or office-holders: {n} in {words} words",
        n=on_record,
        words=words,
    )

    bare = unsourced_hedges(report)
    hedging = max(0.0, 1.0 - _HEDGES_PER_CLAIM * len(bare) / max(1, len(claims)))
    hedging_text = tr.plural(
        "{n} hedge in the writer's voice with no source",
        "{n} hedges in the writer's voice with no source",
        len(bare),
    )
    judging = len(report.framing) + writer_exclamations(report)
    judging_value = max(0.0, 1.0 - 100 * judging / words / _JUDGING_TARGET)
    loaded_text = tr.plural(
        "{n} loaded term, judging verb or exclamation in the writer's voice ({rate} per 100 words)",
        "{n} loaded terms, judging verbs or exclamations in the writer's voice "
        "({rate} per 100 words)",
        judging,
        rate=tr.number(round(100 * judging / words, 2)),
    )

    values = {
        "attribution_coverage": (coverage, coverage_text),
        "source_quality": (quality, quality_text),
        "named_voices": (voices, voices_text),
        "source_diversity": (diversity, diversity_text),
        "hedging": (hedging, hedging_text),
        "loaded_language": (judging_value, loaded_text),
    }
    weights = {**DEFAULT_WEIGHTS, **config.weights}
    components = tuple(
        ScoreComponent(name, value, weights.get(name, 0.0), text)
        for name, (value, text) in values.items()
    )
    sourcing = [c for c in components if c.name != DEDUCTION]
    total_weight = sum(c.weight for c in sourcing) or 1.0
    base = sum(c.value * c.weight for c in sourcing) / total_weight
    deduction = next(c for c in components if c.name == DEDUCTION)
    value = round(100 * base * (1.0 - min(1.0, deduction.weight) * (1.0 - deduction.value)))
    grade = next(g for floor, g in GRADES if value >= floor)
    return Score(value, grade, components)


def findings(
    report: Report, config: ScoreConfig | None = None, lang: str | None = None
) -> tuple[Finding, ...]:
    """Everything an editor can act on, in text order, with 1-based line and column; messages
    in ``lang`` (default: the article's language)."""
    config = config or ScoreConfig()
    tr = translator(lang or report.language)
    text = report.text
    found: list[Finding] = []

    def add(rule_id: str, span: Span, message: str, severity: str | None = None) -> None:
        chosen = config.severities.get(rule_id, severity or RULES[rule_id].severity)
        if chosen == "off":
            return
        line, column = line_column(text, span.start)
        found.append(Finding(rule_id, chosen, span, line, column, message, tr(RULES[rule_id].fix)))

    for claim in report.claims:
        if not claim.attributed:
            add(
                "unattributed-claim",
                claim.span,
                tr("factual statement with no source: who says so?"),
            )
    for att in report.attributions:
        sp = att.speaker
        if sp is None or sp.type == "unknown":
            if att.kind == "direct":
                add("unattributed-quote", att.content, tr("quotation with no speaker"))
            continue
        if sp.type == "vague":
            add(
                "vague-source",
                sp.span,
                tr("vague source: « {source} » — name who says it", source=sp.span.text),
            )
        elif sp.type == "anonymous":
            if justified(report, sp.span.start, sp.span.end):
                add(
                    "anonymous-source",
                    sp.span,
                    tr("anonymous source « {source} » (anonymity explained)", source=sp.span.text),
                    "info",
                )
            else:
                add(
                    "anonymous-source",
                    sp.span,
                    tr(
                        "anonymous source « {source} » — name it or say why it is not named",
                        source=sp.span.text,
                    ),
                )
    for hedge in unsourced_hedges(report):
        if hedge.kind == "weasel":
            add(
                "weasel-phrase",
                hedge.span,
                tr("weasel phrase « {phrase} »", phrase=hedge.span.text),
            )
        else:
            add(
                "unattributed-hedge",
                hedge.span,
                tr(
                    "hedge « {hedge} » in the writer's voice: whose doubt is it?",
                    hedge=hedge.span.text,
                ),
            )
    for signal in report.framing:
        if signal.kind == "non_neutral_verb":
            add(
                "non-neutral-verb",
                signal.span,
                tr("reporting verb « {verb} » judges what it reports", verb=signal.span.text),
            )
        else:
            add(
                "loaded-term",
                signal.span,
                tr("loaded term « {term} » in the writer's voice", term=signal.span.text),
            )
    per_source = Counter(a.speaker.source_id for a in report.attributions if a.speaker)
    if len(report.attributions) >= 3 and per_source:
        top, n = per_source.most_common(1)[0]
        if n / len(report.attributions) > 0.6:
            source = next(s for s in report.sources if s.id == top)
            add(
                "single-source",
                source.mentions[0],
                tr(
                    "{n} of {total} attributions come from « {source} »",
                    n=n,
                    total=len(report.attributions),
                    source=source.name,
                ),
            )
    return tuple(sorted(found, key=lambda f: (f.span.start, f.rule)))
