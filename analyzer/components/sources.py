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
from analyzer.components.quotes import doc_text
from analyzer.components.records import PARSE
from analyzer.components.spans import noun_phrase
from analyzer.lexicons import lexicon, normalise, profile
from analyzer.source_typing import (
    SourceTyper,
    fold,
    name_form,
    person_name,
    phrase_head,
    typing_words,
)

_PERSON_ENTS = frozenset({"PER", "PERSON"})
_RESOLUTION_WINDOW_CHARS = 900
#: How many words before a name an office noun may stand and still describe it ("le chef de
#: file du parti au parlement wallon, François Desquesnes").
_APPOSITION_REACH = 12


@Language.factory(
    "analyzer_sources",
    assigns=["doc._.attributions"],
    requires=[
        "doc._.attributions",
        "doc._.paragraphs",
        "doc._.units",
        *PARSE,
        "doc.ents",
    ],
    default_config={"lang": None},
)
def make_sources(nlp: Language, name: str, lang: str | None) -> SourceResolver:
    return SourceResolver(lang or nlp.lang)


#: Where an organisation named by a common noun can be a pronoun's antecedent: subject or
#: object of its clause (not inside a prepositional phrase of place or time).
_ORGANISATION_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj"})


class SourceResolver:
    """Fills ``speaker``, ``resolved``, ``type`` and ``source_key`` of ``doc._.attributions``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.profile = profile(lang)
        self.pronouns = {normalise(k): v for k, v in self.profile.get("pronouns", {}).items()}
        self.vague_pronouns = {normalise(k) for k in self.profile.get("vague_pronouns", {})}
        self.titles = {normalise(k): v for k, v in self.profile.get("titles", {}).items()}
        self.source_nouns = lexicon(lang, "source_nouns")
        self.first_names = lexicon(lang, "first_names")
        self.words = typing_words(lang)
        self.name_links = self.words.name_links
        self.circle_prepositions = {
            normalise(w) for w in self.profile.get("circle_prepositions", [])
        }
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
                if antecedent is not None and not self._is_named_person(antecedent):
                    # "le directeur du festival, Tiago Rodrigues, … il": the source is the name,
                    # when it agrees with the pronoun
                    named = self._named(antecedent, appositions)
                    gender = self._pronoun(att.speaker)[0]
                    if named is not None and self._agreement(named)[0] in {"", gender}:
                        antecedent = named
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
            here = para(att.content[0])
            before = [a for a in anchored if a.content[0] < att.content[0]]
            if not att.floating:
                if att.speaker is None and before and para(before[-1].content[0]) == here:
                    # a cue with no subject of its own continues the speaker before it in
                    # its paragraph: "…, a déclaré X, précisant que …", "Et de préciser : …"
                    att.speaker = before[-1].speaker
                    att.resolved = before[-1].resolved
                    att.extra["floating_from"] = before[-1]
                continue
            after = [a for a in anchored if a.content[0] > att.content[0]]
            pick = None
            if before and para(before[-1].content[0]) == here:
                pick = before[-1]
            elif (
                before
                and para(before[-1].content[0]) == here - 1
                and _ends_paragraph(doc, before[-1], paragraphs[here - 1])
            ):
                pick = before[-1]  # the attribution that closes the previous paragraph
            elif after and para(after[0].content[0]) == here:
                pick = after[0]
            if pick is not None:
                att.speaker = pick.speaker
                att.resolved = pick.resolved
                att.extra["floating_from"] = pick
                if pick in before:  # a quotation paragraph continues the one before it
                    anchored.insert(anchored.index(pick) + 1, att)

    # -- pronouns --------------------------------------------------------------------------------

    def _vague_pronoun(self, span: Span) -> bool:
        """ "on", "certains", with the hyphen of an inverted incise or not (confie-t-on)."""
        return normalise(span.text).lstrip("-") in self.vague_pronouns

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
            if self._pronoun(sp) is None and not self._vague_pronoun(sp):
                candidates.append(sp)
            elif other.extra.get("antecedent") is not None:
                candidates.append(other.extra["antecedent"])
        candidates.extend(m for m in self._mentions(doc) if m.end_char <= position)
        candidates = [c for c in candidates if position - c.start_char <= _RESOLUTION_WINDOW_CHARS]
        candidates.sort(key=lambda c: c.start_char, reverse=True)
        contents = [a.content for a in atts]  # its own content too: "… a person," he said
        speakers = {a.speaker.start_char for a in atts if a.speaker is not None}

        def reported(cand: Span) -> bool:
            """Named inside what someone said, not saying it: a pronoun that reports speech
            refers to a speaker sooner than to someone a speaker talked about."""
            return cand.start_char not in speakers and any(
                s <= cand.start_char and cand.end_char <= e for s, e in contents
            )

        passes = ((True, True), (True, False), (False, False))
        if gender == "Neut" or (not gender and number == "Plur"):
            passes = ((False, True), (False, False))  # it: a record; they: people or a body
        for people_only, speaking_only in passes:
            fallback = None
            for cand in candidates:
                if people_only and not self._person_like(cand):
                    continue
                if gender == "Neut":
                    if self._person_like(cand):
                        continue  # "it" is a body or a record
                    return cand
                if speaking_only and reported(cand):
                    continue
                c_gender, c_number = self._agreement(cand)
                body = self._organisation(cand)  # the police … they: a body agrees with both
                if number and c_number and c_number != number and not body:
                    continue
                if gender and c_gender and c_gender != gender:
                    continue
                if not gender or c_gender == gender:
                    return cand
                if fallback is None:
                    fallback = cand
            if fallback is not None:
                return fallback
        if gender in {"Masc", "Fem"} and number != "Plur":
            protagonist = self._headline_name(doc, position)
            if protagonist is not None and self._agreement(protagonist)[0] in {"", gender}:
                att.extra["protagonist"] = True  # "il" / "elle" for a name: a person
                return protagonist
        return None

    def _headline_name(self, doc: Doc, position: int) -> Span | None:
        """Stromae, malade, annule sa tournée … Alors qu'il avait annoncé …: with no antecedent
        in the body, the lede's pronoun is the protagonist the headline opens with: the run of
        capitalised words, with no determiner and no word of the source lexicon, that starts
        the text's first line (the parse of a headline is not to be trusted)."""
        end = doc_text(doc).find("\n")
        if end <= 0 or end >= position or not len(doc):
            return None
        stop = 0
        while stop < len(doc) and doc[stop].idx < end and doc[stop].text[:1].isupper():
            if doc[stop].pos_ not in _NAME_POS or normalise(doc[stop].lemma_) in self.source_nouns:
                break
            stop += 1
        return doc[0:stop] if 0 < stop <= 3 else None

    def _mentions(self, doc: Doc) -> list[Span]:
        """Person-like mentions that could be a pronoun's antecedent: named people and the
        subjects of clauses whose head is an office or a person noun."""
        if "mentions" in doc.user_data.get("analyzer", {}):
            return doc.user_data["analyzer"]["mentions"]
        mentions = list(self._names(doc))
        for tok in doc:
            cls = self.source_nouns.get(normalise(tok.lemma_)) if tok.pos_ == "NOUN" else None
            if tok.dep_.startswith("nsubj") and cls in {"role", "anonymous"}:
                mentions.append(noun_phrase(tok))
            elif cls == "organisation" and tok.dep_ in _ORGANISATION_DEPS:
                mentions.append(noun_phrase(tok))  # when we called the police, they said
        doc.user_data.setdefault("analyzer", {})["mentions"] = mentions
        return mentions

    def _names(self, doc: Doc) -> list[Span]:
        """People's names in the text: the entity recogniser's persons, and runs of capitalised
        words that have a name's form (``person_name``) whatever label the recogniser gave
        them ("Tiago Rodrigues" tagged as an organisation, "Ine Van Wymersch" untagged)."""
        cache = doc.user_data.setdefault("analyzer", {})
        if "names" in cache:
            return cache["names"]
        names = [
            e
            for e in doc.ents
            if e.label_ in _PERSON_ENTS and _is_name(e) and not self._office_complement(e)
        ]
        surnames = {normalise(e[-1].text) for e in names if len(e) > 1}
        names = [e for e in names if len(e) > 1 or self._single_name(e, surnames)]
        covered = {t.i for e in names for t in e}
        i = 0
        while i < len(doc):
            tok = doc[i]
            if i in covered or not tok.text[:1].isupper() or tok.pos_ not in _NAME_POS:
                i += 1
                continue
            j = i + 1
            while j < len(doc) and j not in covered and not doc[j].is_punct:
                word = doc[j]
                if not (word.text[:1].isupper() or normalise(word.text) in self.name_links):
                    break
                j += 1
            while j > i + 1 and not doc[j - 1].text[:1].isupper():
                j -= 1
            for k in range(i, j - 1):  # "Prime Minister Narendra Modi": the name after the office
                run = doc[k:j]
                if person_name(run, self.source_nouns, self.titles, self.first_names) or (
                    name_form(run, self.source_nouns) and self._beside_person_noun(run)
                ):
                    names.append(run)
                    break
            i = j
        names = sorted((self._from_first_name(n) for n in names), key=lambda n: n.start)
        cache["names"] = names
        return names

    def _from_first_name(self, name: Span) -> Span:
        """A name run that starts before a known first name starts at it ("la Somme Gaëtan
        Roussel" is Gaëtan Roussel of the Somme)."""
        for tok in name[1:-1]:
            if name.doc[tok.i - 1].text == "-":
                continue  # a part of a hyphenated first name (Anicet-Georges)
            if normalise(tok.text) in self.first_names or fold(tok.text) in self.first_names:
                return name.doc[tok.i : name.end]
        return name

    def _beside_person_noun(self, run: Span) -> bool:
        """A name-shaped run set in apposition to an office or person noun, whose first name
        the lexicon may not know: "le directeur du festival, Tiago Rodrigues", "son directeur
        général, Tedros Adhanom Ghebreyesus", "Diène Faye, directeur des Pêches"."""
        doc = run.doc
        i = run.start - 1
        if i >= 0 and doc[i].text != ",":
            # no comma: the office noun must stand right before the name ("Spokesman Qazi
            # Khalilullah"), not govern it ("the leaders of Saudi Arabia")
            # nor is it the name of a body the recogniser knows ("la candidate Rassemblement
            # national")
            if any(t.ent_type_ in {"ORG", "GPE", "LOC", "NORP"} for t in run):
                return False
            noun_class = self.source_nouns.get(normalise(doc[i].lemma_))
            singular = "Plur" not in doc[i].morph.get("Number")
            return noun_class in {"role", "anonymous"} or (noun_class == "vague" and singular)
        i -= 1
        while i >= max(0, run.start - _APPOSITION_REACH) and not doc[i].is_punct:
            if doc[i].pos_ in {"VERB", "AUX"}:
                break
            if self.source_nouns.get(normalise(doc[i].lemma_)) in {"role", "anonymous"}:
                return True
            i -= 1
        after = _word_after_name(doc, run.end, comma_needed=False)
        return after is not None and self.source_nouns.get(normalise(after.lemma_)) == "role"

    def _single_name(self, ent: Span, surnames: set[str]) -> bool:
        """A one-word "person" is a name when the text gives it in full elsewhere (Caufield
        after Cole Caufield) or it is a first name; otherwise the recogniser's guess is left
        to the typing model ("Reuters", "Sciensano")."""
        word = ent[0].text
        return normalise(word) in surnames or fold(word) in self.first_names

    def _office_complement(self, ent: Span) -> bool:
        """A one-word "person" that is the complement of an office or institution noun: the
        field of "directeur des Pêches", "ministère de la Santé", not a name."""
        head = ent.root.head
        if len(ent) > 1 or head.i == ent.root.i or head.pos_ != "NOUN":
            return False
        if fold(ent.text) in self.first_names or normalise(ent.text) in self.first_names:
            return False
        return self.source_nouns.get(normalise(head.lemma_)) in {"role", "organisation"}

    def _anaphoric_record(self, span: Span) -> bool:
        """A demonstrative description of a document ("ce document", "cette étude"): it
        refers back to the document cited before it, the same source."""
        head = _head(span)
        det = next((t for t in span if t.pos_ == "DET" and t.i < head.i), None)
        return (
            det is not None
            and "Dem" in det.morph.get("PronType")
            and self.source_nouns.get(normalise(head.lemma_)) == "document"
        )

    def _names_root(self, span: Span) -> bool:
        """The phrase's head word belongs to a person's name found in the text, or a name
        follows it as its apposition ("son principal rival Cellou Dalein Diallo")."""
        head = _head(span)
        return any(
            n.start <= head.i < n.end or (n.start == head.i + 1 and n.end <= span.end)
            for n in self._names(span.doc)
        )

    def _is_named_person(self, span: Span) -> bool:
        return any(n.start < span.end and span.start < n.end for n in self._names(span.doc))

    def _organisation(self, span: Span) -> bool:
        return self.source_nouns.get(normalise(_head(span).lemma_)) == "organisation"

    def _person_like(self, span: Span) -> bool:
        if self._is_named_person(span):
            return True
        if any(t.ent_type_ in _PERSON_ENTS for t in span) and _is_name(span):
            return True
        if any(normalise(t.text) in self.titles for t in span):
            return True
        if normalise(_head(span).text) in self.words.one_of:
            return True  # l'un d'entre eux, one of the lawyers: a person of a group
        return self.source_nouns.get(normalise(_head(span).lemma_)) in {"role", "anonymous"}

    def _agreement(self, span: Span) -> tuple[str, str]:
        """Gender and number of a mention, "" where the text does not tell."""
        for tok in span:
            title = self.titles.get(normalise(tok.text))
            if title:
                return title, "Sing"
        head = _head(span)
        if head.pos_ == "PROPN" or head.ent_type_ in _PERSON_ENTS:
            for tok in span:
                first = self.first_names.get(normalise(tok.text)) or self.first_names.get(
                    fold(tok.text)
                )
                if first:
                    return first, "Sing"
            gender = ""
            for tok in span:
                if tok.pos_ == "DET":
                    gender = _first(tok.morph.get("Gender"))
            return gender, "Sing"
        gender = _first(head.morph.get("Gender"))
        number = _first(head.morph.get("Number"))
        for tok in span:
            if tok.pos_ == "DET" and tok.i < head.i:
                gender = _first(tok.morph.get("Gender")) or gender
                number = _first(tok.morph.get("Number")) or number
        return gender, number

    # -- grouping and typing ---------------------------------------------------------------------

    def _appositions(self, doc: Doc, atts: list[RawAttribution]) -> list[tuple[int, str, Span]]:
        """Office or person nouns the text puts beside a named person, as (position, noun
        lemma, name): "Abdelouafi Laftit, ministre de l'Intérieur", "le juge Augusto Farias"."""
        pairs: list[tuple[int, str, Span]] = []
        named = {t.i for name in self._names(doc) for t in name}
        for ent in self._names(doc):
            nouns: list[Token] = []
            i = ent.start - 1
            if i > 0 and doc[i].text == ",":
                i -= 1  # "le directeur du festival, Tiago Rodrigues"
            while (
                i >= max(0, ent.start - _APPOSITION_REACH)
                and not doc[i].is_punct
                and doc[i].pos_ not in {"VERB", "AUX", "CCONJ"}
                and i not in named  # "le maire Paul Henrion et son adjointe Marie Vasseur"
            ):
                if doc[i].pos_ in {"NOUN", "PROPN"}:
                    nouns.append(doc[i])  # "Foreign Office Spokesman Qazi Khalilullah"
                i -= 1
            after = _word_after_name(doc, ent.end, comma_needed=True)
            if after is not None and after.pos_ == "NOUN":
                nouns.append(after)
            if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
                nouns.append(ent.root.head)
            for noun in nouns:
                lemma = normalise(noun.lemma_)
                if self.source_nouns.get(lemma) in {"role", "anonymous"}:
                    pairs.append((ent.start_char, lemma, ent))
        return pairs

    def _named(self, span: Span, appositions) -> Span | None:
        """The named person a description such as "la ministre" refers back to: the person the
        text gave that office or noun as apposition, else, for a short definite description
        with no complement ("le technicien", "l'élu"), the nearest earlier named person who
        agrees with it in gender."""
        head = _head(span)
        lemma = normalise(head.lemma_)
        cls = self.source_nouns.get(lemma)
        if head.pos_ != "NOUN" and not (head.pos_ == "PROPN" and cls == "role"):
            return None  # a common noun, or an office written with a capital (The Spokesman)
        if cls not in {"role", "anonymous"}:
            return None  # only nouns of people (the lexicon's offices and person nouns)
        det = next(
            (
                t
                for t in span
                if t.i < head.i
                and (t.pos_ == "DET" or normalise(t.text) in self.words.elided_articles)
            ),
            None,
        )
        if det is None or "Ind" in det.morph.get("Definite"):
            return None
        if "Plur" in head.morph.get("Number") or "Plur" in det.morph.get("Number"):
            return None  # "certains députés de la majorité" is a group, never one named person
        best = None
        for position, noun, name in appositions:
            closer = best is None or abs(position - span.start_char) < abs(
                best.start_char - span.start_char
            )
            reach = 1000 if len(span) <= 2 else 200  # "sa porte-parole" … "X, porte-parole"
            genders = {self._agreement(name)[0], _marked_gender(span)} - {""}
            agrees = len(genders) <= 1
            if noun == lemma and position < span.end_char + reach and closer and agrees:
                best = name  # not "la ministre" for "Sergueï Lavrov, ministre …"
        # adjectives aside ("l'ancien Premier ministre" is as short as "le ministre")
        words = [t for t in span if t.pos_ != "ADJ"]
        complement = any(t.pos_ in {"ADP", "PROPN", "NUM"} for t in words if t.i > head.i)
        if best is not None or (cls == "role" and (len(words) > 2 or complement)):
            return best
        short = len(words) <= 3 and not complement
        unnamed = lemma in self.words.unnamed_by_nature
        if not short or "Plur" in head.morph.get("Number") or unnamed:
            return None
        gender, _ = self._agreement(span)
        people = [m for m in self._names(span.doc) if m.end_char <= span.start_char]
        for person in sorted(people, key=lambda m: m.start_char, reverse=True):
            p_gender, _ = self._agreement(person)
            if span.start_char - person.start_char > _RESOLUTION_WINDOW_CHARS:
                break
            if not gender or not p_gender or p_gender == gender:
                return person
        return None

    def _circle(self, att: RawAttribution) -> Token | None:
        """The named circle an indefinite "on" speaks from, or None: a complement of its verb
        opened by a preposition of place ("à Matignon, on assure", "confie-t-on dans
        l'entourage du ministre") whose noun is a name or an institution, office or circle noun.
        ANNOTATION.md 2: such an "on" is anonymous, a bare "on" vague."""
        if not self._vague_pronoun(att.speaker) or not self.circle_prepositions:
            return None
        verb = att.cue.root if att.cue is not None else att.speaker.root.head
        for child in verb.children:
            if not child.dep_.startswith(("obl", "nmod", "advmod")):
                continue
            cases = {normalise(c.text) for c in child.children if c.dep_ in {"case", "fixed"}}
            if not cases & self.circle_prepositions:
                continue
            if self._circle_noun(child):
                return child
        # the parse may miss the attachment ("confie-t-on dans l’entourage du gouvernement"):
        # a circle preposition right after the "on" of an incise, then its noun
        doc = att.speaker.doc
        i = att.speaker.end
        if i < len(doc) and normalise(doc[i].text) in self.circle_prepositions:
            for tok in doc[i + 1 : i + 4]:
                if tok.is_punct:
                    break
                if self._circle_noun(tok):
                    return tok
        return None

    def _circle_noun(self, tok: Token) -> bool:
        cls = self.source_nouns.get(normalise(tok.lemma_)) or self.source_nouns.get(
            normalise(tok.text)
        )
        return tok.pos_ == "PROPN" or cls in {"organisation", "role", "anonymous"}

    def _key(self, span: Span, appositions) -> str:
        head = _head(span)
        for name in self._names(span.doc):
            if name.start <= head.i < name.end:
                return "name:" + _surname(name)  # "Ine" as part of "Ine Van Wymersch"
        names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in _PERSON_ENTS]
        titled = normalise(head.text) in self.titles or (
            head.i + 1 < span.end and span.doc[head.i + 1].pos_ == "PROPN"
        )
        office = head.pos_ == "PROPN" and self.source_nouns.get(normalise(head.lemma_)) == "role"
        if names and (head.pos_ != "NOUN" or titled) and not (office and not titled):
            return "name:" + normalise(names[-1].text)
        named = self._named(span, appositions)
        if named is not None:
            return "name:" + _surname(named)
        if names and any(t.ent_type_ in _PERSON_ENTS for t in names):
            return "name:" + normalise(names[-1].text)
        words = [normalise(t.text) for t in span if t.pos_ != "DET"]
        return "text:" + " ".join(words)

    def _group_and_type(self, doc: Doc, atts: list[RawAttribution], appositions) -> None:
        groups: dict[str, list[RawAttribution]] = {}
        last_record: str | None = None
        previous: RawAttribution | None = None
        for att in atts:
            if att.speaker is None:
                continue
            mention = att.extra.get("antecedent") or att.speaker
            if self._vague_pronoun(att.speaker):
                circle = self._circle(att)
                key = "text:" + normalise(att.speaker.text).lstrip("-")
                if circle is not None:
                    key += "@" + normalise(circle.text)
                    att.extra["circle"] = circle
            elif self._anaphoric_record(mention) and last_record is not None:
                key = last_record  # "ce document", "cette étude" after "un rapport de …"
            elif _same(mention) and previous is not None:
                key = previous.source_key or ""  # "la même source": the source just cited
                att.resolved = att.resolved or previous.resolved
            else:
                key = self._key(mention, appositions)
                named = self._named(mention, appositions)
                if named is not None and att.resolved is None:
                    att.resolved = named.text
            att.source_key = key
            groups.setdefault(key, []).append(att)
            if self.source_nouns.get(normalise(mention.root.lemma_)) == "document":
                last_record = key
            previous = att
        for members in groups.values():
            types, names, people = [], [], []
            for att in members:
                mention = att.extra.get("antecedent") or att.speaker
                if self._vague_pronoun(att.speaker):
                    types.append("anonymous" if "circle" in att.extra else "vague")
                elif att.extra.get("protagonist"):
                    types.append("person")
                elif self._pronoun(mention) is not None:
                    continue
                elif self._named(mention, appositions) is not None or self._names_root(mention):
                    types.append("person")  # a name, or a description of a person named
                    named = self._named(mention, appositions)
                    if named is not None:
                        people.append(named.text)
                else:
                    types.append(
                        self.typer.predict(
                            mention, self.source_nouns, self.titles, self.first_names
                        )
                    )
                    if any(t.ent_type_ in _PERSON_ENTS or t.pos_ == "PROPN" for t in mention):
                        names.append(mention.text)
                found = [n for n in self._names(doc) if mention.start <= n.start < mention.end]
                people.extend(n.text for n in found)
            source_type = _source_type(types)
            pool = people or names  # a person's name found in a mention, else a proper noun
            name = max(pool, key=len) if pool else None
            for att in members:
                att.type = source_type
                if name and self._pronoun(att.speaker) is not None:
                    att.resolved = name


_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "X"})


def _marked_gender(span: Span) -> str:
    """The gender the determiners and adjectives of a description mark (la ministre,
    l'actuelle maire), "" when they mark none or disagree: the head noun's own gender is the
    model's guess for nouns of both genders."""
    head = _head(span)
    genders = {
        g for t in span if t.i < head.i and t.pos_ in {"DET", "ADJ"} for g in t.morph.get("Gender")
    }
    return genders.pop() if len(genders) == 1 else ""


def _same(span: Span) -> bool:
    """ "la même source", "the same source": the source cited just before."""
    head = _head(span)
    same = typing_words(span.doc.lang_).same_words
    return any(normalise(t.text) in same for t in span if t.i < head.i)


def _ends_paragraph(doc: Doc, att: RawAttribution, paragraph: tuple[int, int]) -> bool:
    """The attribution stands in the last sentence of its paragraph."""
    units = [u for u in doc._.units or [] if paragraph[0] <= u.start_char < paragraph[1]]
    if not units:
        return False
    last = units[-1]
    return att.content[1] > last.start_char or (
        att.cue is not None and att.cue.start_char >= last.start_char
    )


def _source_type(types: list[str]) -> str:
    if not types:
        return "unknown"
    if "person" in types:
        return "person"
    return max(types, key=types.count)  # a tie: the first mention's type (no hash order)


def _head(span: Span) -> Token:
    return phrase_head(span)


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _surname(span: Span) -> str:
    names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in _PERSON_ENTS]
    return normalise((names or list(span))[-1].text)


def _is_name(span: Span) -> bool:
    """An entity that looks like a name: a capitalised word, not a stray clitic."""
    return any(t.text[:1].isupper() and len(t.text) > 1 and t.is_alpha for t in span)


def _word_after_name(doc: Doc, end: int, comma_needed: bool) -> Token | None:
    """The word of an apposition after a name ending at ``end`` (Paul Henrion, le maire): past
    a comma (required when ``comma_needed``) and up to three determiners or adjectives."""
    j = end
    if j < len(doc) and doc[j].text == ",":
        j += 1
    elif comma_needed:
        return None
    while j < min(len(doc), end + 4) and doc[j].pos_ in {"DET", "ADJ"}:
        j += 1
    return doc[j] if j < len(doc) else None
