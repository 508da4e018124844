"""Hedges: where the writer declines to vouch for a statement (docs/annotation.md section 3).

Every word list is data: ``hedges.tsv`` (cues: single words by lemma, phrases as written, token
patterns), ``hedge_grammar.tsv`` (the word classes the rules below use) and the grammar words of
the profile's ``[hedge_words]`` (endings, auxiliaries, determiners). The rules:

- conditional: the French journalistic conditional, told by its form (a future stem and an
  imperfect ending: ser-ait, reconnaîtr-ait, déclarer-aient; the tagger's mood is a fallback),
  except the main clause of a si-clause, first- and second-person forms (politeness: je voudrais)
  and the future-in-the-past of reported speech after a past cue (il a affirmé qu'il viendrait;
  a compound form, il a dit que l'attaque aurait fait dix morts, still reports).
  Conditional pouvoir and devoir are epistemic modals: lexical hedges, even after a past cue or a
  si-clause, unless their subject is generic (on pourrait penser) or, after a past cue, a
  pronoun doing the act (ils ont dit qu'ils pourraient utiliser le mot: a backshifted option).
- participle: an adjectival or passive participle of a verb of suspicion (soupçonnés de, the
  alleged thief, is suspected of), never its finite or perfect form (police suspected).
- weasel subjects: a vague pronoun, a bare or vaguely determined group, or an unowned hearsay
  noun as the subject of a reporting verb (some say, critics argue, reports suggest); a hearsay
  noun with a vague determiner (some reports) or before a "that" clause (reports that ...).
- possibility adjectives (potential, éventuel) on what a source points to (a study points to a
  potential link), not on plans (a potential buyer).
- may / might / could only when epistemic: not with a generic subject (you may leave); "could"
  only before be / have or with a noun subject (the plan could fail, not she could attend).

Each hedge says whether it stands inside a direct quotation (the speaker's hedge) and whether an
attribution covers it (someone is named as holding the doubt).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.symbols import ADJ
from spacy.tokens import Doc, Span, Token

from analyzer.components.attribution import RawAttribution
from analyzer.components.matching import TokenPatterns, lemma_matcher
from analyzer.components.records import PARSE
from analyzer.components.segments import in_ranges
from analyzer.components.spans import columns
from analyzer.errors import LexiconError
from analyzer.lexicons import lexicon, normalise, profile, word_lists

_VERBAL = frozenset({"AUX", "VERB"})
#: Characters that make a lexicon entry a token pattern rather than a phrase.
_PATTERN_CHARS = frozenset("<[|?_")
_GRAMMAR_CLASSES = frozenset(
    {
        "participle",
        "hearsay_noun",
        "vague_group",
        "vague_quantifier",
        "possibility_adjective",
        "evidence_verb",
        "generic_subject",
        "future_stem",
        "story_noun",
        "not",
    }
)
_AGENT_DEPS = frozenset({"agent", "obl:agent"})
_CLAUSES = frozenset({"ccomp", "xcomp", "parataxis"})
_UPOS = frozenset(
    {"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON"}
    | {"PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}
)


@dataclass(frozen=True)
class HedgeWords:
    """The grammar words of one language the hedge rules use (``[hedge_words]`` of the
    profile; each key is explained there)."""

    conditional_endings: frozenset[str]
    polite_conditional_endings: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    negative_determiners: frozenset[str]
    modal_negations: frozenset[str]
    owner_prepositions: frozenset[str]
    definite_determiners: frozenset[str]
    participle_idioms: frozenset[str]
    evidence_prepositions: frozenset[str]

    @classmethod
    def load(cls, lang: str) -> HedgeWords:
        return cls(**word_lists(lang, "hedge_words", tuple(f.name for f in fields(cls))))


@dataclass(frozen=True)
class RawHedge:
    start: int
    end: int
    kind: str
    in_quote: bool
    attributed: bool


@Language.factory(
    "analyzer_hedges",
    assigns=["doc._.hedges"],
    requires=[
        "doc._.attributions",
        "doc._.quotes",
        "doc._.units",
        "doc._.boilerplate",
        *PARSE,
    ],
    default_config={"lang": None},
)
def make_hedges(nlp: Language, name: str, lang: str | None) -> HedgeFinder:
    return HedgeFinder(nlp, lang or nlp.lang)


def token_pattern(entry: str) -> list[dict]:
    """A spaCy Matcher pattern from a lexicon entry: ``<a|b>`` lemma, ``[adv]`` part of speech
    (``[vbn]`` a fine tag), ``a|b`` lower-cased form (' and ’ alike), ``_`` any word; a
    trailing ``?`` makes the word optional."""
    pattern = []
    for word in entry.split():
        optional = len(word) > 1 and word.endswith("?")
        word = word[:-1] if optional else word
        if word == "_":
            spec: dict = {}
        elif word.startswith("<") and word.endswith(">"):
            spec = {"LEMMA": {"IN": word[1:-1].split("|")}}
        elif word.startswith("[") and word.endswith("]"):
            tag = word[1:-1].upper()
            spec = {"POS": tag} if tag in _UPOS else {"TAG": tag}
        else:
            forms = word.split("|")
            spec = {"LOWER": {"IN": sorted({f for w in forms for f in (w, w.replace("'", "’"))})}}
        if optional:
            spec["OP"] = "?"
        pattern.append(spec)
    return pattern


def is_pattern(entry: str) -> bool:
    return any(ch in _PATTERN_CHARS for ch in entry)


def grammar_classes(lang: str) -> dict[str, set[str]]:
    """``hedge_grammar.tsv`` as ``{class: entries}``; an unknown class is a LexiconError."""
    classes: dict[str, set[str]] = {c: set() for c in _GRAMMAR_CLASSES}
    for entry, cls in lexicon(lang, "hedge_grammar").items():
        if cls not in _GRAMMAR_CLASSES:
            raise LexiconError(
                f"{lang}/hedge_grammar.tsv: class {cls!r} of {entry!r} is not one of "
                f"{sorted(_GRAMMAR_CLASSES)}"
            )
        classes[cls].add(entry)
    return classes


class HedgeFinder:
    """Sets ``doc._.hedges``: ``RawHedge`` records (char offsets) in text order."""

    def __init__(self, nlp: Language, lang: str) -> None:
        if not Doc.has_extension("hedges"):
            Doc.set_extension("hedges", default=None)
        grammar = profile(lang)
        self.conditional = bool(grammar.get("journalistic_conditional", False))
        self.epistemic_modals = set(grammar.get("epistemic_modals", []))
        self.condition_markers = {normalise(w) for w in grammar.get("condition_markers", [])}
        self.modals = set(grammar.get("modal_hedges", []))
        self.modal_needs_next = dict(grammar.get("modal_needs_next", {}))
        self.pronouns = set(grammar.get("pronouns", {}))
        self.agent_markers = frozenset(grammar["agent_markers"])
        self.complementisers = frozenset(grammar["complementisers"])
        self.grammar_words = HedgeWords.load(lang)
        self.polite_endings = tuple(sorted(self.grammar_words.polite_conditional_endings))
        self.conditional_endings = tuple(sorted(self.grammar_words.conditional_endings))
        words = grammar_classes(lang)
        self.participles = words["participle"]
        self.hearsay = words["hearsay_noun"]
        self.groups = words["vague_group"]
        self.vague_pronouns = words["vague_quantifier"]
        self.vague_dets = words["vague_quantifier"]
        self.possibility = words["possibility_adjective"]
        self.generic_subjects = words["generic_subject"]
        self.future_stems = sorted(
            (tuple(e.split()) for e in words["future_stem"]), key=lambda p: -len(p[0])
        )
        self.reporting = set(lexicon(lang, "reporting_verbs"))
        self.evidence = words["evidence_verb"]
        self.stories = words["story_noun"]
        self.people = lexicon(lang, "source_nouns")

        entries = lexicon(lang, "hedges")
        phrases = [(c, e) for e, c in entries.items() if " " in e or "-" in e or "'" in e]
        phrases = [(c, e) for c, e in phrases if not is_pattern(e)]
        singles = [(c, e) for e, c in entries.items() if not is_pattern(e)]
        singles = [(c, e) for c, e in singles if (c, e) not in phrases]
        self.phrases = _phrase_matcher(nlp, phrases)
        self.words = lemma_matcher(nlp.vocab, singles)
        self.word_forms = _phrase_matcher(nlp, singles)
        self.patterns = TokenPatterns(nlp.vocab)
        for entry, cls in entries.items():
            if is_pattern(entry):
                self.patterns.add(cls, [token_pattern(entry)])
        self.not_hedges = TokenPatterns(nlp.vocab)
        for entry in words["not"]:
            self.not_hedges.add("not", [token_pattern(entry)])
        # what the rules of the token loop first ask of a token, as string hashes: a token
        # none of them fits is never made a Token object
        self._participle_lemmas = _keys(self.participles)
        self._hearsay_lemmas = _keys(self.hearsay)
        self._weasel_lemmas = _keys(self.groups | self.stories | self.hearsay)
        self._vague_forms = _keys(self.vague_pronouns)
        self._possibility_words = _keys(self.possibility)
        self._subject_deps: dict[int, bool] = {}
        #: ``_form_verdict`` by (lower-cased form, lemma) hashes
        self._form_verdicts: dict[tuple[int, int], bool | None] = {}

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc._.quotes or []
        boilerplate = doc._.boilerplate or []
        atts: list[RawAttribution] = doc._.attributions or []
        found: dict[tuple[int, int], RawHedge] = {}
        blocked = [(s, e) for _, s, e in self.not_hedges(doc)]

        def add(start: int, end: int, kind: str) -> None:
            if in_ranges(start, boilerplate):
                return
            in_quote = any(q.inner_start <= start < q.inner_end for q in quotes)
            attributed = not in_quote and any(
                a.kind != "direct" and a.content[0] <= start < a.content[1] for a in atts
            )
            if not any(s < end and start < e for s, e in found):
                found[(start, end)] = RawHedge(start, end, kind, in_quote, attributed)

        spans: list[tuple[Span, str]] = []
        matches = list(self.phrases(doc)) + list(self.words(doc)) + list(self.word_forms(doc))
        matches += [m for m in self.patterns(doc) if self._agentless(doc[m[1] : m[2]])]
        for match_id, start, end in matches:
            span = doc[start:end]
            if len(span) > 1 or self._single_word(span[0], atts):
                spans.append((span, doc.vocab.strings[match_id]))
        col = columns(doc)
        strings = doc.vocab.strings
        subject_deps, forms = self._subject_deps, self._form_verdicts
        for i, (lemma, lower, dep) in enumerate(zip(col.lemma, col.lower, col.dep, strict=True)):
            # each rule's first test read from the columns: a Token only for a likely cue
            subject = subject_deps.get(dep)
            if subject is None:
                subject = subject_deps[dep] = strings[dep].startswith(("nsubj", "csubj"))
            if lemma in self._participle_lemmas and self._participle(doc[i]):
                spans.append((doc[i : i + 1], "lexical"))
            elif (subject or lemma in self._hearsay_lemmas) and (
                lower in self._vague_forms or lemma in self._weasel_lemmas
            ):
                weasel = self._weasel(doc[i])  # None for any other word
                if weasel is not None:
                    spans.append((weasel, "weasel"))
            if (
                col.pos[i] == ADJ
                and (lemma in self._possibility_words or lower in self._possibility_words)
                and self._possibility(doc[i])
            ):
                spans.append((doc[i : i + 1], "lexical"))
            if not self.conditional:
                continue
            verdict = forms.get((lower, lemma), _UNSEEN)
            if verdict is _UNSEEN:
                verdict = self._form_verdict(strings[lower], strings[lemma])
                if len(forms) < _FORMS_KEPT:
                    forms[(lower, lemma)] = verdict
            if verdict is False:
                continue
            tok = doc[i]
            if verdict or ("Cnd" in tok.morph.get("Mood") and tok.pos_ in _VERBAL):
                kind = self._journalistic_conditional(doc, tok, atts)
                if kind:
                    spans.append((doc[i : i + 1], kind))
        # the earliest, then the longest, of overlapping cues wins (Some critics argue)
        for span, kind in sorted(spans, key=lambda x: (x[0].start, -len(x[0]))):
            if not any(s < span.end and span.start < e for s, e in blocked):
                add(span.start_char, span.end_char, kind)
        doc._.hedges = sorted(found.values(), key=lambda h: h.start)
        return doc

    # -- single words -------------------------------------------------------------------------

    def _single_word(self, tok: Token, atts: list[RawAttribution]) -> bool:
        """A one-word cue counts unless it is a modal used for permission or ability, or a
        participle in a finite or perfect form (police suspected, have alleged)."""
        if tok.lemma_ in self.participles or tok.lower_ in self.participles:
            return self._adjectival(tok)
        if tok.tag_ == "VBD" and tok.lemma_ != tok.lower_:
            return False  # witnesses alleged that ...
        return self._epistemic(tok, atts)

    def _epistemic(self, tok: Token, atts: list[RawAttribution]) -> bool:
        """A modal hedge (may, might, could) that expresses likelihood, not permission or
        ability; any other single-word cue passes. After a past cue, "could" without be / have
        is the backshifted "can" when a person is its subject (the city said residents could
        collect kits), not when a thing is (an aide said the ad could start this week)."""
        word = tok.text.lower()
        if word not in self.modals:
            return True
        if tok.tag_ and tok.tag_ != "MD":
            return False  # "May" the month
        subject = _subject(tok.head)
        if subject is not None and normalise(subject.text) in self.generic_subjects:
            return False
        needs = self.modal_needs_next.get(word)
        if needs:
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ in needs:
                return True
            if self._past_cue(tok, atts) is not None and self._animate(subject):
                return False  # the city said residents could collect kits: can, backshifted
            # the plan could fail (a thing's likelihood), not she could not attend (ability)
            return (
                subject is not None
                and subject.pos_ == "NOUN"
                and nxt is not None
                and nxt.lower_ not in self.grammar_words.modal_negations
            )
        return True

    def _animate(self, subject: Token | None) -> bool:
        """A person or people: a personal pronoun, a person's name, a noun of the sources
        lexicon (residents, officials, owners)."""
        if subject is None:
            return False
        return (
            subject.pos_ == "PRON"
            or subject.ent_type_ in {"PERSON", "NORP", "PER"}
            or subject.lemma_.lower() in self.people
        )

    def _adjectival(self, tok: Token) -> bool:
        """A participle used as an adjective or a passive (the alleged thief, soupçonnés de,
        is suspected of), not a finite verb or a perfect (police suspected, a soupçonné)."""
        if tok.tag_ in {"VBD", "VBG"} or "Fin" in tok.morph.get("VerbForm"):
            return False  # police suspected, videos alleging
        if "Pres" in tok.morph.get("Tense") and "Part" in tok.morph.get("VerbForm"):
            return False
        if tok.pos_ == "VERB" and not (
            "Part" in tok.morph.get("VerbForm") or tok.tag_ in {"VBN", "JJ"}
        ):
            return False
        if any(
            c.dep_.startswith("aux") and c.lemma_ in self.grammar_words.perfect_auxiliaries
            for c in tok.children
        ):
            return False
        return self._agentless(tok.doc[tok.i : tok.i + 1])

    def _participle(self, tok: Token) -> bool:
        """A participle of a verb of suspicion that the lexicon does not list by form."""
        return (
            tok.lemma_ in self.participles
            and tok.pos_ in {"VERB", "ADJ"}
            and ("Part" in tok.morph.get("VerbForm") or tok.tag_ in {"VBN", "JJ"})
            and tok.lower_ != tok.lemma_
            and self._adjectival(tok)
            and f"{tok.lemma_} {_next_lower(tok)}" not in self.grammar_words.participle_idioms
        )

    def _agentless(self, span: Span) -> bool:
        """No agent named for the span's first verb (is seen as, not is seen by X as; were
        reported to be close to a deal by the Journal, where the parse hangs "by" lower down),
        unless another verb stands between (is said to have been shot by X, soupçonnés d'avoir
        tué par balles)."""
        tok = next((t for t in span if t.pos_ == "VERB" or t.tag_ == "VBN"), None)
        if tok is not None:
            for agent in tok.subtree:
                if agent.i == tok.i:
                    continue
                if not (agent.dep_ in _AGENT_DEPS or agent.lower_ in self.agent_markers):
                    continue
                owner = agent.head
                while owner.i != tok.i and owner.pos_ != "VERB" and owner.head.i != owner.i:
                    owner = owner.head
                if owner.i == tok.i:
                    return False
        return True

    # -- weasels ------------------------------------------------------------------------------

    def _weasel(self, tok: Token) -> Span | None:
        """A vague or unowned source: the subject of a reporting verb (some say, critics
        argue, reports suggest), or a hearsay noun with a vague determiner or a that-clause."""
        doc = tok.doc
        head = tok.head
        subject = tok.dep_.startswith(("nsubj", "csubj"))
        # critics say (that) ..., not experts welcomed the results: the source asserts a clause
        reporting_subject = (
            subject
            and head.lemma_ in self.reporting
            and any(c.dep_ in _CLAUSES for c in head.children)
        )
        if any(
            c.dep_ == "nummod" or c.lower_ in self.grammar_words.negative_determiners
            for c in tok.children
        ):
            return None  # three people said: a count of sources; no such report: none at all
        det = next(
            (
                c
                for c in tok.children
                if c.dep_ in {"det", "amod", "nummod"} and c.lower_ in self.vague_dets
            ),
            None,
        )
        if tok.lower_ in self.vague_pronouns and tok.pos_ in {"PRON", "DET", "ADJ", "NOUN"}:
            if not reporting_subject:
                return None
            return doc[tok.i : head.i + 1] if 0 < head.i - tok.i <= 3 else doc[tok.i : tok.i + 1]
        gerund = subject and tok.tag_ == "VBG" and tok.lower_ in self.hearsay  # reporting has
        if not (tok.pos_ == "NOUN" or gerund) or self._owned(tok):
            return None
        start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ in {"det", "amod", "compound"}])
        if tok.lemma_ in self.groups:
            plural = "Plur" in tok.morph.get("Number") or tok.tag_ == "NNS"
            bare = not any(c.dep_ == "det" for c in tok.children)
            if reporting_subject and (det is not None or (bare and plural)):
                return doc[start : tok.i + 1]
            return None
        if tok.lemma_ in self.stories and reporting_subject and not self._definite(tok):
            return doc[start : tok.i + 1]  # another version of the story claimed
        if tok.lemma_ not in self.hearsay:
            return None
        if det is not None or (reporting_subject and not self._definite(tok)):
            return doc[start : tok.i + 1]
        if not self._definite(tok) and any(
            c.dep_ in {"acl", "ccomp"}
            and any(g.lower_ in self.complementisers and g.dep_ == "mark" for g in c.children)
            for c in tok.children
        ):
            return doc[start : tok.i + 1]
        return None

    def _owned(self, tok: Token) -> bool:
        """The noun names whose it is (a Reuters report, his claims, police reports, reports
        by the BBC); a vague compound names no one (media reports, press reports)."""
        for child in tok.children:
            if child.dep_ in {"poss", "nmod:poss", "flat:name"}:
                return True
            if (
                child.dep_ == "compound"
                and self.people.get(child.lemma_.lower(), "vague") != "vague"
            ):
                return True
            if child.pos_ == "PROPN":
                return True
            if (
                child.dep_ in {"prep", "nmod"}
                and child.lower_ in self.grammar_words.owner_prepositions
            ):
                objects = [g for g in child.children] + [child]
                if any(o.pos_ == "PROPN" or o.ent_type_ for o in objects):
                    return True
        return False

    def _possibility(self, tok: Token) -> bool:
        """A possibility adjective on the object of an evidence or reporting verb: a study
        points to a potential link, articles évoquant d'éventuels dysfonctionnements."""
        if tok.lemma_ not in self.possibility and tok.lower_ not in self.possibility:
            return False
        if tok.dep_ != "amod":
            return False
        noun = tok.head
        up = noun.head
        if noun.dep_ == "pobj" and up.lower_ in self.grammar_words.evidence_prepositions:
            up = up.head  # points to a potential link
        elif noun.dep_ not in {"obj", "dobj"}:
            return False  # interrogé sur une éventuelle alliance: a question, not a claim
        return up.i != noun.i and up.pos_ in _VERBAL and up.lemma_ in self.evidence

    # -- the journalistic conditional -----------------------------------------------------------

    def _conditional_form(self, tok: Token) -> bool:
        """The form is a conditional: a future stem plus an imperfect ending (ser-ait,
        déclarer-ait, reconnaîtr-ait); the tagger's mood decides only when the lemma is odd."""
        verdict = self._form_verdict(tok.lower_, tok.lemma_)
        if verdict is not None:
            return verdict
        return "Cnd" in tok.morph.get("Mood") and tok.pos_ in _VERBAL

    def _form_verdict(self, lower: str, lemma: str) -> bool | None:
        """``_conditional_form`` from the lower-cased form and the lemma alone; None when the
        tagger's mood must decide."""
        endings = self.grammar_words.conditional_endings
        if lower[-1:].isascii() and not lower.endswith(self.conditional_endings):
            return False  # most words: no conditional ending at all
        form = _plain(lower)
        ending = max((e for e in endings if form.endswith(e)), key=len, default=None)
        if ending is None or not form[: -len(ending)].endswith("r"):
            return False
        stem = form[: -len(ending)]
        lemma = _plain(lemma.lower())
        if stem in self._stems(lemma):
            return True
        if lemma.endswith("er") and form == lemma[:-2] + ending:
            return False  # imperfect of a verb in -rer: déclarait
        return None

    def _stems(self, lemma: str) -> set[str]:
        stems = {lemma}
        if lemma.endswith("re"):
            stems.add(lemma[:-1])
        for ending, stem in self.future_stems:
            ending, stem = _plain(ending), _plain(stem)
            if lemma.endswith(ending):
                stems.add(lemma[: -len(ending)] + stem)
        return stems

    def _journalistic_conditional(self, doc: Doc, tok: Token, atts) -> str | None:
        """``conditional``, ``lexical`` (epistemic pouvoir / devoir) or None."""
        if set(tok.morph.get("Person")) & {"1", "2"}:
            return None  # politeness: je voudrais, pourriez-vous
        if tok.lower_.endswith(self.polite_endings):
            return None
        subject = _subject(tok)
        if subject is not None and normalise(subject.text) in self.generic_subjects:
            return None  # on pourrait penser, nous voudrions
        modal = tok.lemma_ in self.epistemic_modals
        past_cue = self._past_cue(tok, atts)
        if modal:
            if past_cue is not None and subject is not None and _is_pronoun(subject):
                infinitive = next((c for c in tok.children if c.pos_ in _VERBAL), None)
                if infinitive is None or not _perfect_or_passive(infinitive):
                    return None  # ils ont dit qu'ils pourraient utiliser le mot
            return "lexical"
        if self._in_condition(doc, tok) or _hypothetical_relative(tok):
            return None
        if past_cue is not None and not _compound(tok):
            return None  # future-in-the-past: il a affirmé qu'il viendrait
        return "conditional"

    def _in_condition(self, doc: Doc, tok: Token) -> bool:
        """A conditional in the main clause of a si-clause (si elle venait, il viendrait)."""
        for unit in doc._.units or []:
            if unit.start <= tok.i < unit.end:
                return any(
                    normalise(t.text) in self.condition_markers
                    and (t.pos_ == "SCONJ" or t.dep_ == "mark")
                    for t in unit
                )
        return False

    # -- helpers that need the language's words ---------------------------------------------

    def _definite(self, tok: Token) -> bool:
        """The noun has a definite or demonstrative determiner (the report: a known document)."""
        return any(
            c.dep_ == "det"
            and (
                "Def" in c.morph.get("Definite")
                or "Dem" in c.morph.get("PronType")
                or c.lower_ in self.grammar_words.definite_determiners
            )
            for c in tok.children
        )

    def _past_cue(self, tok: Token, atts: list[RawAttribution]) -> RawAttribution | None:
        """The reported speech, introduced by a cue in a past tense, that holds the token."""
        return next(
            (
                a
                for a in atts
                if a.kind in {"indirect", "mixed"}
                and a.content[0] <= tok.idx < a.content[1]
                and a.cue is not None
                and self._past(a.extra.get("tense", a.cue))
            ),
            None,
        )

    def _past(self, cue: Span) -> bool:
        """A cue in a past tense: passé composé (a affirmé), imparfait or passé simple."""
        for tok in cue:
            if (
                tok.pos_ == "AUX"
                and tok.lemma_ in self.grammar_words.past_auxiliaries
                and tok.i < cue.end - 1
            ):
                return True
            if set(tok.morph.get("Tense")) & {"Past", "Imp"} and "Fin" in tok.morph.get("VerbForm"):
                return True
        return False


#: (form, lemma) pairs whose ``_form_verdict`` a finder keeps; a marker for one not seen yet.
_FORMS_KEPT = 1 << 17
_UNSEEN = object()


def _keys(words: set[str]) -> frozenset[int]:
    """The string hashes of ``words``, to test a ``Columns`` item without its string."""
    return frozenset(get_string_id(w) for w in words)


def _phrase_matcher(nlp: Language, entries: list[tuple[str, str]]) -> PhraseMatcher:
    """Phrases by lower-cased form, written as typed and capitalised (the tokenizer keeps
    "peut-être" whole but splits "Peut-être"), with ' and ’ alike."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_label: dict[str, list[Doc]] = {}
    for label, entry in entries:
        variants = {entry, entry.replace("'", "’")}
        variants |= {v[:1].upper() + v[1:] for v in variants}
        by_label.setdefault(label, []).extend(nlp.make_doc(v) for v in sorted(variants))
    for label, docs in by_label.items():
        matcher.add(label, docs)
    return matcher


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, or of the verb a modal or auxiliary leans on."""
    for verb in (tok, tok.head):
        subject = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
        if subject is not None:
            return subject
    return None


def _compound(tok: Token) -> bool:
    """A compound conditional (aurait fait, se serait enfui): a past event reported, never the
    future-in-the-past of reported speech."""
    following = [t for t in tok.doc[tok.i + 1 : tok.i + 4] if t.pos_ != "ADV"]
    return bool(following) and "Part" in following[0].morph.get("VerbForm")


def _hypothetical_relative(tok: Token) -> bool:
    """A simple conditional heading a restrictive relative on an object (cibler des planètes
    qui auraient un axe idéal, la nomenclature qui lui permettrait de): it describes what is
    sought, not a fact reported. A compound form (une voiture qui se serait soustraite) or a
    relative set off by a comma (un homme, qui serait le frère) still reports."""
    if tok.dep_ != "acl:relcl":
        return False
    if _compound(tok):
        return False  # une attaque qui aurait fait douze morts, whatever the parse
    antecedent = tok.head
    if antecedent.dep_.startswith("nsubj") or antecedent.dep_ == "ROOT":
        return False
    relative = next(
        (c for c in tok.children if c.i < tok.i and "Rel" in c.morph.get("PronType")), None
    )
    return relative is not None and relative.i > 0 and tok.doc[relative.i - 1].text != ","


def _is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON"


def _perfect_or_passive(verb: Token) -> bool:
    """pourrait avoir fui, pourraient être condamnés: the modal weighs a fact, not an act."""
    return any(c.dep_.startswith("aux") for c in verb.children)


def _next_lower(tok: Token) -> str:
    return tok.nbor(1).lower_ if tok.i + 1 < len(tok.doc) else ""


@lru_cache(maxsize=65536)
def _plain(word: str) -> str:
    """Without accents, to compare a form with its lemma (mènerait with mener)."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
