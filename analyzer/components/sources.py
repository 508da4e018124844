"""Sources: pronoun resolution, floating quotations, alias grouping and source typing.

- A pronoun speaker (il, elle, ils, elles; he, she, they) is resolved to the nearest earlier
  person-like mention that agrees in gender and number (from the morphology, a title such as
  M. / Mme, or the determiner of a description such as "la ministre").
- A floating quotation (no cue in its sentence) goes to the speaker of the nearest attribution
  before it in its paragraph, else the one just before or after it, as news writing does.
- Mentions are grouped into one source by resolved name, surname ("Abdelouafi Laftit" /
  "M. Laftit"), a description the text has given as that person's apposition ("le ministre"
  after "Abdelouafi Laftit, ministre de l'Intérieur") or the same words.
- Each source is typed by the classifier of ``analyzer.source_typing`` over its mentions: a
  source with a named person among its mentions is a person.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from analyzer.components.attribution import RawAttribution
from analyzer.lexicons import lexicon, normalise, profile
from analyzer.source_typing import SourceTyper

_PERSON_ENTS = frozenset({"PER", "PERSON"})
_RESOLUTION_WINDOW_CHARS = 900


@Language.factory(
    "analyzer_sources",
    assigns=["doc._.attributions"],
    requires=["doc._.attributions"],
    default_config={"lang": "fr"},
)
def make_sources(nlp: Language, name: str, lang: str) -> SourceResolver:
    return SourceResolver(lang)


class SourceResolver:
    """Fills ``speaker``, ``resolved``, ``type`` and ``source_key`` of ``doc._.attributions``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.profile = profile(lang)
        self.pronouns = {normalise(k): v for k, v in self.profile.get("pronouns", {}).items()}
        self.vague_pronouns = {normalise(k) for k in self.profile.get("vague_pronouns", {})}
        self.titles = {normalise(k): v for k, v in self.profile.get("titles", {}).items()}
        self.source_nouns = lexicon(lang, "source_nouns")
        self.typer = SourceTyper.load(lang)

    def __call__(self, doc: Doc) -> Doc:
        atts: list[RawAttribution] = doc._.attributions or []
        self._assign_floating(doc, atts)
        appositions = self._appositions(doc, atts)
        for att in atts:
            if att.speaker is None:
                att.type = "unknown"
                continue
            if self._pronoun(att.speaker) is not None:
                antecedent = self._resolve(doc, att, atts)
                if antecedent is not None:
                    att.resolved = antecedent.text
                    att.extra["antecedent"] = antecedent
        self._group_and_type(doc, atts, appositions)
        return doc

    # -- floating quotations -----------------------------------------------------------------

    def _assign_floating(self, doc: Doc, atts: list[RawAttribution]) -> None:
        paragraphs = doc._.paragraphs or []

        def para(pos: int) -> int:
            return next((i for i, (s, e) in enumerate(paragraphs) if s <= pos < e), -1)

        anchored = [a for a in atts if not a.floating and a.speaker is not None]
        for att in atts:
            if not att.floating:
                continue
            here = para(att.content[0])
            before = [a for a in anchored if a.content[0] < att.content[0]]
            after = [a for a in anchored if a.content[0] > att.content[0]]
            pick = None
            if before and para(before[-1].content[0]) in (here, here - 1):
                pick = before[-1]
            elif after and para(after[0].content[0]) == here:
                pick = after[0]
            if pick is not None:
                att.speaker = pick.speaker
                att.resolved = pick.resolved
                att.extra["floating_from"] = pick

    # -- pronouns --------------------------------------------------------------------------------

    def _pronoun(self, span: Span) -> tuple[str, str] | None:
        if len(span) != 1:
            return None
        word = normalise(span.text).lstrip("-")
        value = self.pronouns.get(word)
        return tuple(value) if value is not None else None

    def _resolve(self, doc: Doc, att: RawAttribution, atts: list[RawAttribution]) -> Span | None:
        gender, number = self._pronoun(att.speaker)
        position = att.speaker.start_char
        candidates: list[Span] = []
        for other in atts:
            sp = other.speaker
            if other is att or sp is None or sp.start_char >= position:
                continue
            if self._pronoun(sp) is None and normalise(sp.text) not in self.vague_pronouns:
                candidates.append(sp)
            elif other.extra.get("antecedent") is not None:
                candidates.append(other.extra["antecedent"])
        for ent in doc.ents:
            if ent.label_ in _PERSON_ENTS and ent.end_char <= position:
                candidates.append(ent)
        candidates = [c for c in candidates if position - c.start_char <= _RESOLUTION_WINDOW_CHARS]
        candidates.sort(key=lambda c: c.start_char, reverse=True)
        fallback = None
        for cand in candidates:
            c_gender, c_number = self._agreement(cand)
            if number and c_number and c_number != number:
                continue
            if gender and c_gender == gender:
                return cand
            if fallback is None and not c_gender:
                fallback = cand
        return fallback

    def _agreement(self, span: Span) -> tuple[str, str]:
        """Gender and number of a mention, "" where the text does not tell."""
        gender, number = "", ""
        for tok in span:
            title = self.titles.get(normalise(tok.text))
            if title:
                return title, "Sing"
        head = _head(span)
        if head.pos_ == "PROPN" or head.ent_type_ in _PERSON_ENTS:
            number = "Sing"
            for tok in span:
                if tok.pos_ == "DET":
                    gender = _first(tok.morph.get("Gender"))
            return gender, number
        gender = _first(head.morph.get("Gender"))
        number = _first(head.morph.get("Number"))
        for tok in span:
            if tok.pos_ == "DET" and tok.i < head.i:
                gender = _first(tok.morph.get("Gender")) or gender
                number = _first(tok.morph.get("Number")) or number
        return gender, number

    # -- grouping and typing ---------------------------------------------------------------------

    def _appositions(self, doc: Doc, atts: list[RawAttribution]) -> dict[str, str]:
        """Descriptions the text gives as a named person's apposition: {"ministre": "laftit"}."""
        pairs: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ not in _PERSON_ENTS:
                continue
            key = _surname(ent)
            for tok in (*ent.root.children, ent.root.head):
                if tok.dep_ == "appos" or ent.root.dep_ == "appos" and tok is ent.root.head:
                    if tok.pos_ == "NOUN" and normalise(tok.lemma_) in self.source_nouns:
                        pairs.setdefault(normalise(tok.lemma_), key)
        return pairs

    def _key(self, span: Span, appositions: dict[str, str]) -> str:
        head = _head(span)
        if any(t.ent_type_ in _PERSON_ENTS or t.pos_ == "PROPN" for t in span):
            names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in _PERSON_ENTS]
            if names and head.pos_ != "NOUN":
                return "name:" + normalise(names[-1].text)
        lemma = normalise(head.lemma_)
        if lemma in appositions and self.source_nouns.get(lemma) == "role":
            return "name:" + appositions[lemma]
        words = [normalise(t.text) for t in span if t.pos_ != "DET"]
        return "text:" + " ".join(words)

    def _group_and_type(self, doc: Doc, atts: list[RawAttribution], appositions) -> None:
        groups: dict[str, list[RawAttribution]] = {}
        for att in atts:
            if att.speaker is None:
                continue
            mention = att.extra.get("antecedent") or att.speaker
            if normalise(att.speaker.text) in self.vague_pronouns:
                key = "text:" + normalise(att.speaker.text)
            else:
                key = self._key(mention, appositions)
            att.source_key = key
            groups.setdefault(key, []).append(att)
        for members in groups.values():
            types = []
            for att in members:
                mention = att.extra.get("antecedent") or att.speaker
                if normalise(att.speaker.text) in self.vague_pronouns:
                    types.append("vague")
                elif self._pronoun(mention) is not None:
                    continue
                else:
                    types.append(self.typer.predict(mention, self.source_nouns, self.titles))
            source_type = _source_type(types)
            for att in members:
                att.type = source_type


def _source_type(types: list[str]) -> str:
    if not types:
        return "unknown"
    if "person" in types:
        return "person"
    return max(set(types), key=types.count)


def _head(span: Span) -> Token:
    return span.root


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _surname(span: Span) -> str:
    names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in _PERSON_ENTS]
    return normalise((names or list(span))[-1].text)
