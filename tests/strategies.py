"""Hypothesis strategies that build news-like text from the analyser's own lexicons, so that
property tests reach the attribution constructions (issue 14: random Unicode rarely forms a
sentence with a reporting verb, a speaker and a statement noun; real text does every day).

Sentences combine speakers (determiner + source noun, first name + surname, pronoun), cues
(reporting verbs conjugated roughly, statement nouns as objects, ``selon`` / ``according to``
markers), contents, quotation marks of every kind (balanced or not), incises, and very short
or very long units. Also ``span_faults``: every span of a report checked against its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from hypothesis import strategies as st

from analyzer.lexicons import lexicon_dir

QUOTES = [("«\u00a0", "\u00a0»"), ("« ", " »"), ("“", "”"), ('"', '"'), ("‹", "›"), ("„", "“")]
QUOTES += [("''", "''"), ("``", "''"), ("‘", "’"), ("'", "'")]
UNBALANCED = ["«", "»", "“", "”", '"', "‹", "„", "''", "``", "’"]

_WORDS = {
    "fr": {
        "det": ["le", "la", "un", "une", "les", "des", "l'", "ce", "notre", "plusieurs"],
        "pron": ["il", "elle", "ils", "elles", "on"],
        "aux": ["a", "avait", "aurait", "va", "a-t-il", "a-t-elle", "ont"],
        "that": ["que", "qu'", ""],
        "content": [
            "la route restera fermée jusqu'à lundi",
            "le budget sera voté en décembre",
            "personne n'a été blessé",
            "il faut agir vite",
            "l'enquête avance",
            "la réforme est peut-être reportée",
            "les prix auraient augmenté de 3 %",
        ],
        "surnames": ["Martin", "Dupont", "Nguyen", "Benali", "Roy", "De La Tour"],
        "tail": [", a-t-il ajouté.", ", selon lui.", ", dit-elle.", ".", " ;", "…", ""],
    },
    "en": {
        "det": ["the", "a", "an", "one", "two", "some", "our", "several"],
        "pron": ["he", "she", "they", "it", "we"],
        "aux": ["has", "had", "will", "would", "did", "", "might"],
        "that": ["that", ""],
        "content": [
            "the road will stay closed until Monday",
            "the budget is voted in December",
            "nobody was hurt",
            "we must act fast",
            "the inquiry is moving",
            "the reform may be delayed",
            "prices allegedly rose by 3%",
        ],
        "surnames": ["Smith", "O'Brien", "Nguyen", "Van der Berg", "Roy", "Johnson-Lee"],
        "tail": [", he added.", ", according to her.", ", she said.", ".", ";", "...", ""],
    },
}


@cache
def lexicon_words(lang: str, name: str) -> tuple[str, ...]:
    """The entries (first column) of a lexicon file, comments left out."""
    path = lexicon_dir(lang) / f"{name}.tsv"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            entries.append(line.split("\t")[0].strip())
    return tuple(entries)


def _forms(lang: str, lemma: str) -> list[str]:
    """Rough inflections of a reporting verb: wrong ones are welcome too (fuzzing)."""
    if lang == "fr":
        forms = [lemma]
        if lemma.endswith("er"):
            forms += [lemma[:-2] + "é", lemma[:-2] + "e", lemma[:-2] + "ait"]
        if lemma.endswith("ir"):
            forms += [lemma[:-2] + "i", lemma[:-1] + "t"]
        return forms
    forms = [lemma, lemma + "s", lemma + "ed", lemma + "ing"]
    if lemma.endswith("e"):
        forms += [lemma + "d"]
    return forms


def speakers(lang: str) -> st.SearchStrategy[str]:
    words = _WORDS[lang]
    nouns = st.sampled_from(lexicon_words(lang, "source_nouns"))
    names = st.sampled_from(lexicon_words(lang, "first_names")).map(str.capitalize)
    surname = st.sampled_from(words["surnames"])
    described = st.tuples(st.sampled_from(words["det"]), nouns).map(" ".join)
    named = st.tuples(names, surname).map(" ".join)
    return st.one_of(
        described,
        named,
        st.tuples(described, named).map(", ".join),
        st.tuples(described, st.just("de" if lang == "fr" else "of"), named).map(" ".join),
        st.sampled_from(words["pron"]),
        st.just(""),
    )


def cues(lang: str) -> st.SearchStrategy[str]:
    verbs = st.sampled_from(lexicon_words(lang, "reporting_verbs")).flatmap(
        lambda lemma: st.sampled_from(_forms(lang, lemma))
    )
    aux = st.sampled_from(_WORDS[lang]["aux"])
    return st.tuples(aux, verbs).map(lambda pair: " ".join(p for p in pair if p))


def statement_objects(lang: str) -> st.SearchStrategy[str]:
    nouns = st.sampled_from(lexicon_words(lang, "speech_nouns"))
    det = st.sampled_from(["sa", "son", "leur", "la", "une"] if lang == "fr" else ["his", "her"])
    tail = st.sampled_from(["", " de la loi", " du plan"] if lang == "fr" else ["", " of the plan"])
    return st.tuples(det, nouns, tail).map(lambda t: f"{t[0]} {t[1]}{t[2]}")


def contents(lang: str) -> st.SearchStrategy[str]:
    base = st.sampled_from(_WORDS[lang]["content"])
    hedges = st.sampled_from(lexicon_words(lang, "hedges"))
    loaded = st.sampled_from(lexicon_words(lang, "loaded_terms"))
    return st.one_of(
        base,
        st.tuples(base, hedges).map(" ".join),
        st.tuples(loaded, base).map(" ".join),
        st.tuples(base, st.integers(20, 120)).map(lambda p: " ".join([p[0]] * p[1])),  # long
        st.sampled_from(["", ".", "x", "?!", "—"]),  # very short
    )


def sentences(lang: str) -> st.SearchStrategy[str]:
    words = _WORDS[lang]
    quote = st.sampled_from(QUOTES)
    that = st.sampled_from(words["that"])
    marker = st.sampled_from(lexicon_words(lang, "according_to"))
    tail = st.sampled_from(words["tail"])

    def direct(t):  # « content », cue speaker.   /  speaker cue : « content »
        (o, c), content, cue, speaker, end, first = t
        if first:
            return f"{speaker.capitalize()} {cue} : {o}{content}{c}{end}"
        return f"{o}{content.capitalize()}{c}, {cue} {speaker}{end}"

    def incise(t):  # « first part, cue speaker, second part »
        (o, c), content, cue, speaker, more = t
        return f"{o}{content.capitalize()}, {cue} {speaker}, {more}{c}."

    def indirect(t):
        speaker, cue, that_word, content, end = t
        return f"{speaker.capitalize()} {cue} {that_word} {content}{end}".replace("  ", " ")

    return st.one_of(
        st.tuples(quote, contents(lang), cues(lang), speakers(lang), tail, st.booleans()).map(
            direct
        ),
        st.tuples(quote, contents(lang), cues(lang), speakers(lang), contents(lang)).map(incise),
        st.tuples(speakers(lang), cues(lang), that, contents(lang), tail).map(indirect),
        st.tuples(speakers(lang), cues(lang), statement_objects(lang), tail).map(
            lambda t: f"{t[0].capitalize()} {t[1]} {t[2]}{t[3]}"
        ),
        st.tuples(marker, speakers(lang), contents(lang)).map(
            lambda t: f"{t[0].capitalize()} {t[1]}, {t[2]}."
        ),
        st.tuples(st.sampled_from(UNBALANCED), contents(lang), tail).map("".join),
    )


def articles(lang: str) -> st.SearchStrategy[str]:
    """A few sentences, in one paragraph or several (blank lines, stray line breaks)."""
    separator = st.sampled_from([" ", " ", "\n\n", "\n", "  "])
    return st.lists(st.tuples(sentences(lang), separator), min_size=1, max_size=6).map(
        lambda parts: "".join(s + sep for s, sep in parts).strip() or "."
    )


def _spans(node, where: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        if {"start", "end", "text"} <= node.keys():
            yield where, node
        for key, value in node.items():
            yield from _spans(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spans(value, f"{where}[{i}]")


def span_faults(report, text: str) -> list[str]:
    """Every span of the JSON report whose offsets do not cut its own text out of ``text``,
    and every claim outside the text (claims carry no text)."""
    data = report.to_dict()
    faults = [
        f"{where} {span['start']}:{span['end']} is {text[span['start'] : span['end']]!r}, "
        f"reported {span['text']!r}"
        for where, span in _spans(data)
        if not 0 <= span["start"] <= span["end"] <= len(text)
        or text[span["start"] : span["end"]] != span["text"]
    ]
    faults += [
        f"claims[{i}] {c['start']}:{c['end']} outside the text"
        for i, c in enumerate(data["claims"])
        if not 0 <= c["start"] <= c["end"] <= len(text)
    ]
    return faults
