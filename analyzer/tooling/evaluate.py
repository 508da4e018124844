"""Scoring the analyser against gold files (docs/annotation.md), as ``analyzer eval`` prints it.

A predicted attribution matches a gold one when their content spans each cover at least half of
the other; pairs are made greedily by overlap, one to one. On the matched pairs:
- speaker accuracy: the predicted speaker overlaps the gold speaker span, or names the same
  source (resolved name or surname), or both are absent; a continuing quotation (gold speaker
  null with ``speaker_resolved``) is right when the prediction names that source;
- pronoun resolution: for gold pronoun speakers, the predicted resolved name shares a word with
  the gold one;
- source type: the predicted type equals the gold type (``speaker_type`` for a continuing
  quotation, "unknown" when there is no source at all);
- source grouping (B³): over the matched attributions whose gold names its source (the
  speaker's ``source`` id, or ``speaker_resolved`` for a continuing quotation), each
  attribution's predicted source (``source_id``; none is a source of its own) is compared with
  its gold source, document by document: precision is the share of the attributions grouped
  with it that share its gold source, recall the share of its gold source's attributions
  grouped with it, both averaged over attributions. Two people merged lower the precision, one
  person split lowers the recall.

JSON Lines corpora (``*.jsonl``, PolNeAR, see ``gold.load_jsonl``) are evaluated document by
document (named ``file.jsonl#id``). Their gold has no kinds, no source types, no resolved names,
no hedges and no claims, so only attribution precision, recall and F1 and speaker accuracy are
counted for them. Their speakers are text only: a predicted speaker is right when it overlaps
the occurrence located in the text, or shares a word with the gold speaker text, stop words
aside.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.lexicons import normalise, profile
from analyzer.report import Attribution, Report
from analyzer.tooling.gold import KINDS, GoldAttribution, GoldDocument, GoldSpan
from analyzer.vocabulary import LANGUAGES

#: Words that do not tell two names of a source apart (articles, "M.", "Mme"). The stop words
#: are the scorer's own yardstick, not grammar the analyser reads: kept here, an edit of a
#: language profile cannot move the measure it is judged by.
_STOP = frozenset(
    {"le", "la", "les", "de", "du", "des", "l'", "the", "of", "m.", "mme", "un", "une"}
)


#: Words that do not identify a source, for comparing text-only gold speakers (JSON Lines).
_TEXT_STOP = _STOP | frozenset(
    {
        "a", "an", "and", "or", "his", "her", "its", "their", "our", "this", "that", "these",
        "those", "who", "which", "in", "on", "at", "for", "to", "with", "by", "from", "as",
        "mr.", "mrs.", "ms.", "dr.", "rep.", "sen.", "gov.", "former", "one", "some",
    }
)  # fmt: skip
#: A word starts a run of word characters and dots (the lookbehind makes a run of dots alone
#: fail once, not once per dot: quadratic otherwise).
_WORD = re.compile(r"(?<![\w.])[\w.]*\w\.?|\w")


@cache
def pronouns() -> frozenset[str]:
    """The pronouns the source resolver resolves (``[pronouns]`` of every profile): a gold
    speaker that is one counts toward pronoun resolution."""
    return frozenset(normalise(p) for lang in LANGUAGES for p in profile(lang)["pronouns"])


def half_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    inter = max(0, min(a_end, b_end) - max(a_start, b_start))
    return inter * 2 >= (a_end - a_start) and inter * 2 >= (b_end - b_start) and inter > 0


def match(gold: list[GoldAttribution], predicted: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), by largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            c = p.content
            if half_overlap(g.content.start, g.content.end, c.start, c.end):
                inter = min(g.content.end, c.end) - max(g.content.start, c.start)
                pairs.append((inter, gi, pi))
    used_g, used_p, result = set(), set(), []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            result.append((gi, pi))
    return result


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {w for w in text.replace("’", "'").lower().replace(",", " ").split() if w not in _STOP}


def _text_words(text: str | None) -> set[str]:
    """Lower-case words of a speaker text without stop words or the possessive 's."""
    if not text:
        return set()
    text = re.sub(r"['’]s\b", "", text.lower())
    return {w for w in _WORD.findall(text) if len(w) > 1 and w not in _TEXT_STOP}


def speaker_correct(g: GoldAttribution, p: Attribution) -> bool:
    if g.speaker_text is not None:
        return _text_speaker_correct(g, p)
    if g.speaker is None and g.resolved:
        # a continuing quotation: right when the prediction names the same source
        if p.speaker is None:
            return False
        return bool(_words(g.resolved) & (_words(p.speaker.resolved) | _words(p.speaker.span.text)))
    if g.speaker is None:
        return p.speaker is None or p.speaker.type == "unknown"
    if p.speaker is None:
        return False
    gs, ps = g.speaker.span, p.speaker.span
    if max(0, min(gs.end, ps.end) - max(gs.start, ps.start)) > 0:
        return True
    gold_names = _words(g.speaker.resolved) | _words(g.speaker.source) | _words(gs.text)
    pred_names = _words(p.speaker.resolved) | _words(ps.text)
    return bool(gold_names & pred_names)


def _text_speaker_correct(g: GoldAttribution, p: Attribution) -> bool:
    """For a text-only gold speaker: the prediction overlaps its located occurrence, or shares
    a word (stop words aside) with its text."""
    if p.speaker is None:
        return False
    ps = p.speaker.span
    if g.speaker is not None and g.speaker.span.start < ps.end and ps.start < g.speaker.span.end:
        return True
    pred_names = _text_words(ps.text) | _text_words(p.speaker.resolved)
    return bool(_text_words(g.speaker_text) & pred_names)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += int(ok)
        self.total += 1


def gold_source(g: GoldAttribution) -> str | None:
    """The gold id of an attribution's source: the speaker's ``source``, or the name a
    continuing quotation takes (None when the gold does not name one)."""
    if g.speaker is not None:
        return g.speaker.source
    return g.resolved


@dataclass
class Grouping:
    """B³ precision and recall of the mentions grouped into one source (see the module doc)."""

    precision_sum: float = 0.0
    recall_sum: float = 0.0
    total: int = 0

    def add(self, pairs: list[tuple[GoldAttribution, Attribution]]) -> None:
        items = []
        for i, (g, p) in enumerate(pairs):
            gold_id = gold_source(g)
            if gold_id is None:
                continue
            pred_id = p.speaker.source_id if p.speaker and p.speaker.source_id else f"#{i}"
            items.append((gold_id, pred_id))
        for gold_id, pred_id in items:
            same_pred = [gi for gi, pi in items if pi == pred_id]
            same_gold = [pi for gi, pi in items if gi == gold_id]
            both = sum(1 for gi in same_pred if gi == gold_id)
            self.precision_sum += both / len(same_pred)
            self.recall_sum += both / len(same_gold)
            self.total += 1

    def scores(self) -> dict[str, float]:
        p = self.precision_sum / self.total if self.total else 0.0
        r = self.recall_sum / self.total if self.total else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "total": self.total}


@dataclass
class Evaluation:
    """Counts over a set of documents, and the misses to look at."""

    overall: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in KINDS})
    speaker: Accuracy = field(default_factory=Accuracy)
    pronoun: Accuracy = field(default_factory=Accuracy)
    source_type: Accuracy = field(default_factory=Accuracy)
    confusion: Counter = field(default_factory=Counter)
    hedges: Tally = field(default_factory=Tally)
    claims: Tally = field(default_factory=Tally)
    claim_attribution: Accuracy = field(default_factory=Accuracy)
    grouping: Grouping = field(default_factory=Grouping)
    documents: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: GoldDocument, report: Report, name: str) -> None:
        self.documents += 1
        predicted = list(report.attributions)
        pairs = match(gold.attributions, predicted)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        self.overall.tp += len(pairs)
        self.overall.fn += len(gold.attributions) - len(pairs)
        self.overall.fp += len(predicted) - len(pairs)
        kinds = gold.kinds_known
        for gi, g in enumerate(gold.attributions):
            if gi not in matched_g:
                if kinds:
                    self.kinds[g.kind].fn += 1
                self._miss(name, "missed", g.kind if kinds else "any", g.content, gold.text)
        for pi, p in enumerate(predicted):
            if pi not in matched_p:
                if kinds:
                    self.kinds[p.kind].fp += 1
                self._miss(name, "spurious", p.kind, p.content, gold.text)
        self.grouping.add([(gold.attributions[gi], predicted[pi]) for gi, pi in pairs])
        for gi, pi in pairs:
            g, p = gold.attributions[gi], predicted[pi]
            gold_kind = g.kind if kinds else "any"
            if kinds and g.kind == p.kind:
                self.kinds[g.kind].tp += 1
            elif kinds:
                self.kinds[g.kind].fn += 1
                self.kinds[p.kind].fp += 1
            ok = speaker_correct(g, p)
            self.speaker.add(ok)
            if not ok:
                self._miss(
                    name,
                    "speaker",
                    gold_kind,
                    g.content,
                    gold.text,
                    gold_speaker=g.speaker.span.text if g.speaker else g.speaker_text,
                    predicted_speaker=p.speaker.span.text if p.speaker else None,
                )
            if not gold.types_known:
                continue
            if g.speaker is not None and normalise(g.speaker.span.text) in pronouns():
                gold_name = _words(g.speaker.resolved or g.speaker.source)
                pred_name = _words(p.speaker.resolved) if p.speaker else set()
                self.pronoun.add(bool(gold_name & pred_name))
            gold_type = g.speaker.type if g.speaker else (g.type or "unknown")
            pred_type = p.speaker.type if p.speaker else "unknown"
            self.source_type.add(gold_type == pred_type)
            self.confusion[(gold_type, pred_type)] += 1
            if gold_type != pred_type:
                self._miss(
                    name,
                    "type",
                    g.kind,
                    g.content,
                    gold.text,
                    gold_type=gold_type,
                    predicted_type=pred_type,
                    speaker=p.speaker.span.text if p.speaker else None,
                )

    def add_judgement(self, gold: GoldDocument, report: Report, name: str) -> None:
        """Hedges in the writer's voice (any overlap) and claims (half overlap)."""
        if gold.hedges is not None:
            g_spans = [h.span for h in gold.hedges if not h.in_quote]
            p_spans = [h.span for h in report.hedges if not h.in_quote]
            hit_g = {
                i
                for i, g in enumerate(g_spans)
                if any(g.start < p.end and p.start < g.end for p in p_spans)
            }
            hit_p = {
                i
                for i, p in enumerate(p_spans)
                if any(g.start < p.end and p.start < g.end for g in g_spans)
            }
            self.hedges.tp += len(hit_g)
            self.hedges.fn += len(g_spans) - len(hit_g)
            self.hedges.fp += len(p_spans) - len(hit_p)
            for i, g in enumerate(g_spans):
                if i not in hit_g:
                    self._miss(name, "hedge missed", "hedge", g, gold.text)
            for i, p in enumerate(p_spans):
                if i not in hit_p:
                    self._miss(name, "hedge spurious", "hedge", p, gold.text)
        if gold.claims is not None:
            used: set[int] = set()
            for g in gold.claims:
                match_p = next(
                    (
                        i
                        for i, c in enumerate(report.claims)
                        if i not in used
                        and half_overlap(g.span.start, g.span.end, c.span.start, c.span.end)
                    ),
                    None,
                )
                if match_p is None:
                    self.claims.fn += 1
                    continue
                used.add(match_p)
                self.claims.tp += 1
                self.claim_attribution.add(report.claims[match_p].attributed == g.attributed)
            self.claims.fp += len(report.claims) - len(used)

    def _miss(self, name: str, what: str, kind: str, span: GoldSpan, text: str, **extra) -> None:
        self.errors.append(
            {
                "file": name,
                "error": what,
                "kind": kind,
                "start": span.start,
                "text": span.text[:90],
                **extra,
            }
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "attributions": self.overall.scores(),
            "kinds": {k: t.scores() for k, t in self.kinds.items()},
            "speaker_accuracy": self.speaker.value,
            "speaker_total": self.speaker.total,
            "pronoun_accuracy": self.pronoun.value,
            "pronoun_total": self.pronoun.total,
            "source_type_accuracy": self.source_type.value,
            "source_type_total": self.source_type.total,
            "hedges": self.hedges.scores(),
            "claims": self.claims.scores(),
            "claim_attribution_accuracy": self.claim_attribution.value,
            "source_grouping": self.grouping.scores(),
        }


def evaluate(paths: list[str | Path], analyzer_for=None) -> Evaluation:
    """Run the analyser on every gold file under ``paths`` and tally the results.
    ``analyzer_for(lang)`` gives the engine for a language (default: a cached ``Analyzer``)."""
    from analyzer.config import Config
    from analyzer.session import Session
    from analyzer.tooling.gold import find_gold_files, load, load_jsonl

    session = Session()

    def engine(lang: str):
        return analyzer_for(lang) if analyzer_for is not None else session.engine(lang, Config())

    result = Evaluation()
    for file in find_gold_files(list(paths)):
        if file.suffix == ".jsonl":
            golds = [(gold, f"{file.name}#{gold.id}") for gold in load_jsonl(file)]
        else:
            golds = [(load(file), file.name)]
        for gold, name in golds:
            path = str(file) if gold.id is None else f"{file}#{gold.id}"
            report = engine(gold.language).analyze(gold.text, path=path)
            result.add(gold, report, name)
            result.add_judgement(gold, report, name)
    return result
