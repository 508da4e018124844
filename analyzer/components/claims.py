"""Claims (ANNOTATION.md section 5): writer's-voice sentences that state a checkable fact.

Every sentence unit outside the headline, the site boilerplate and direct quotations is a
candidate. A logistic regression over linguistic features (numbers, named entities, tense and
mood, person, reporting verbs, length, position; ``claim_features``) decides claim or not; it is
trained on the claim labels of the gold samples by ``make models`` and ships as JSON. A claim is
attributed when an attribution stands in it or in its paragraph (the attribution that governs
the paragraph scopes its statements, as news writing does).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from analyzer.components.attribution import RawAttribution
from analyzer.components.segments import in_ranges
from analyzer.lexicons import lexicon, normalise
from analyzer.linear import LinearModel

_CONNECTORS = frozenset(
    {
        "mais",
        "pourtant",
        "or",
        "ainsi",
        "donc",
        "cependant",
        "toutefois",
        "but",
        "however",
        "yet",
        "so",
        "still",
    }
)
_OPINION_PRONOUNS = frozenset({"je", "j'", "nous", "vous", "i", "we", "you", "me", "moi"})


_SUPPORT_RANK = {
    "person": 3,
    "organisation": 3,
    "role": 3,
    "document": 3,
    "anonymous": 2,
    "vague": 1,
    "unknown": 0,
}


@dataclass(frozen=True)
class RawClaim:
    start: int
    end: int
    attributed: bool
    probability: float
    source_type: str | None = None  # the best source type standing behind it


@Language.factory(
    "analyzer_claims",
    assigns=["doc._.claims"],
    requires=["doc._.attributions", "doc._.units", "doc._.hedges"],
    default_config={"lang": "fr"},
)
def make_claims(nlp: Language, name: str, lang: str) -> ClaimFinder:
    return ClaimFinder(lang)


def candidate_units(doc: Doc) -> list[tuple[int, Span]]:
    """(paragraph index, unit) for every unit in the writer's voice."""
    quotes = doc._.quotes or []
    excluded = doc._.excluded or []
    paragraphs = doc._.paragraphs or []
    result = []
    for unit in doc._.units or []:
        start, end = unit.start_char, unit.end_char
        if in_ranges(start, excluded):
            continue
        quoted = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
        if quoted > 0.5 * (end - start):
            continue
        para = next((i for i, (s, e) in enumerate(paragraphs) if s <= start < e), 0)
        result.append((para, unit))
    return result


def claim_features(
    unit: Span,
    paragraph: int,
    first_in_paragraph: bool,
    atts: list[RawAttribution],
    hedges: list,
    verbs: dict[str, str],
) -> dict[str, float]:
    """Sparse, named features of one sentence unit."""
    toks = [t for t in unit if not t.is_space]
    feats: dict[str, float] = {"bias": 1.0}
    n = len(toks)
    feats["len<8" if n < 8 else "len<16" if n < 16 else "len<32" if n < 32 else "len>=32"] = 1.0
    feats[f"paragraph={min(paragraph, 4)}"] = 1.0
    if first_in_paragraph:
        feats["first_in_paragraph"] = 1.0
    if any(t.like_num or t.is_digit or t.pos_ == "NUM" for t in toks):
        feats["number"] = 1.0
    for t in toks:
        if t.ent_iob_ == "B":
            feats[f"ent={t.ent_type_}"] = min(3.0, feats.get(f"ent={t.ent_type_}", 0.0) + 1.0)
    finite = [t for t in toks if "Fin" in t.morph.get("VerbForm")]
    if not any(t.pos_ in {"VERB", "AUX"} for t in toks):
        feats["no_verb"] = 1.0
    for t in finite[:2]:
        for tense in t.morph.get("Tense"):
            feats[f"tense={tense}"] = 1.0
        for mood in t.morph.get("Mood"):
            feats[f"mood={mood}"] = 1.0
    if any(normalise(t.text) in _OPINION_PRONOUNS for t in toks):
        feats["first_second_person"] = 1.0
    last = toks[-1].text if toks else ""
    if "?" in last:
        feats["question"] = 1.0
    if "!" in last:
        feats["exclamation"] = 1.0
    if toks and normalise(toks[0].text) in _CONNECTORS:
        feats["connector"] = 1.0
    if any(normalise(t.lemma_) in verbs and t.pos_ in {"VERB", "AUX"} for t in toks):
        feats["reporting_verb"] = 1.0
    if any(a.content[0] < unit.end_char and unit.start_char < a.content[1] for a in atts):
        feats["in_attribution"] = 1.0
    if any(t.dep_ == "cop" for t in toks) and any(
        t.pos_ == "ADJ" and t.dep_ == "ROOT" for t in toks
    ):
        feats["copula_adjective"] = 1.0
    if any(unit.start_char <= h.start < unit.end_char and not h.in_quote for h in hedges):
        feats["hedged"] = 1.0
    propn = sum(1 for t in toks if t.pos_ == "PROPN")
    if n and propn / n > 0.3:
        feats["mostly_names"] = 1.0
    return feats


class ClaimFinder:
    """Sets ``doc._.claims``: ``RawClaim`` records for the units judged to be claims."""

    def __init__(self, lang: str) -> None:
        if not Doc.has_extension("claims"):
            Doc.set_extension("claims", default=None)
        self.verbs = lexicon(lang, "reporting_verbs")
        self.model = LinearModel.load("claims", lang)

    def __call__(self, doc: Doc) -> Doc:
        atts: list[RawAttribution] = doc._.attributions or []
        hedges = doc._.hedges or []
        claims: list[RawClaim] = []
        seen_paragraphs: set[int] = set()
        for para, unit in candidate_units(doc):
            first = para not in seen_paragraphs
            seen_paragraphs.add(para)
            feats = claim_features(unit, para, first, atts, hedges, self.verbs)
            if self.model is not None:
                p = self.model.probability(feats, "claim")
            else:
                p = 0.8 if ("number" in feats or any(f.startswith("ent=") for f in feats)) else 0.3
                p = 0.1 if "no_verb" in feats or "question" in feats else p
            if p < 0.5:
                continue
            support = self._support(doc, unit, para, atts)
            best = max(support, key=lambda t: _SUPPORT_RANK.get(t, 0)) if support else None
            claims.append(RawClaim(unit.start_char, _end(unit), bool(support), p, best))
        doc._.claims = claims
        return doc

    def _support(self, doc: Doc, unit: Span, para: int, atts: list[RawAttribution]) -> list[str]:
        """The types of the sources that stand behind a unit: attributions in it, and the
        attribution that governs its paragraph before it."""
        start, end = unit.start_char, unit.end_char
        paragraphs = doc._.paragraphs or []
        p_start, p_end = paragraphs[para] if para < len(paragraphs) else (start, end)
        types = []
        for att in atts:
            inside = att.content[0] < end and start < att.content[1]
            cue_inside = att.cue is not None and start <= att.cue.start_char < end
            governs = (
                att.speaker is not None
                and not att.floating
                and p_start <= att.content[0] < min(p_end, start)
            )
            if inside or cue_inside or governs:
                types.append(att.type if att.speaker is not None else "unknown")
        return types


def _end(unit: Span) -> int:
    last = unit[-1]
    return last.idx + len(last.text)
