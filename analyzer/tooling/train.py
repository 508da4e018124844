"""Train the source-type classifier on the gold speakers of the samples (``make models``).

For every gold speaker that names its source itself (pronouns take their antecedent's type, and
a description of a person named elsewhere, such as "la ministre", takes the person's), the
speaker phrase is found in the analysed document and turned into features
(``analyzer.source_typing.speaker_features``). A logistic regression is cross-validated by
document (no article in both the training and the test fold), its accuracy printed beside the
rules alone, then fitted on everything and written as plain JSON coefficients to
``analyzer/models/source_type.<lang>.json``.

    python -m analyzer.tooling.train [--lang fr] [--samples samples/fr]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analyzer.lexicons import lexicon, normalise, profile
from analyzer.linear import model_path
from analyzer.source_typing import rule_type, speaker_features
from analyzer.tooling.gold import find_gold_files, load
from analyzer.vocabulary import LANGUAGES

_SEED = 13


def training_rows(lang: str, samples: Path) -> tuple[list[dict], list[str], list[str], list[str]]:
    """Features, labels, rule guesses and document names for every usable gold speaker."""
    from analyzer.pipeline import load_model

    nlp = load_model(lang)
    source_nouns = lexicon(lang, "source_nouns")
    titles = {normalise(k): v for k, v in profile(lang).get("titles", {}).items()}
    pronouns = {normalise(k) for k in profile(lang).get("pronouns", {})}
    vague_pronouns = {normalise(k) for k in profile(lang).get("vague_pronouns", {})}
    rows, labels, rules, groups = [], [], [], []
    for file in find_gold_files([samples]):
        gold = load(file)
        doc = nlp(gold.text)
        for att in gold.attributions:
            sp = att.speaker
            if sp is None:
                continue
            word = normalise(sp.span.text)
            if word in pronouns or word in vague_pronouns:
                continue
            span = doc.char_span(sp.span.start, sp.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            named = any(t.pos_ == "PROPN" or t.ent_type_ for t in span)
            if sp.type == "person" and not named:
                continue  # a description of someone named elsewhere: not its own type
            rows.append(speaker_features(span, source_nouns, titles))
            labels.append(sp.type)
            rules.append(rule_type(span, source_nouns, titles))
            groups.append(file.name)
    return rows, labels, rules, groups


def train(lang: str, samples: Path, out: Path | None = None) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    rows, labels, rules, groups = training_rows(lang, samples)
    if len(set(labels)) < 2:
        raise SystemExit(f"not enough labelled speakers under {samples} to train")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=2.0, max_iter=2000, random_state=_SEED)
    folds = min(5, len(set(groups)))
    predicted = cross_val_predict(model, x, labels, groups=groups, cv=GroupKFold(folds))
    cv_accuracy = sum(p == y for p, y in zip(predicted, labels, strict=True)) / len(labels)
    rule_accuracy = sum(r == y for r, y in zip(rules, labels, strict=True)) / len(labels)
    model.fit(x, labels)
    data = {
        "about": "source-type classifier, logistic regression (python -m analyzer.tooling.train)",
        "language": lang,
        "training_speakers": len(labels),
        "cross_validated_accuracy": round(cv_accuracy, 4),
        "rules_only_accuracy": round(rule_accuracy, 4),
        "classes": [str(c) for c in model.classes_],
        "features": list(vectorizer.feature_names_),
        "coef": [[round(float(v), 6) for v in row] for row in model.coef_],
        "intercept": [round(float(v), 6) for v in model.intercept_],
    }
    target = out or model_path("source_type", lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def claim_rows(lang: str, samples: Path) -> tuple[list[dict], list[str], list[str]]:
    """Features and labels (claim / other) of every writer's-voice unit of the gold files that
    carry claim labels, with their document names. Each text is read as the analyser reads it
    (blank runs folded, typographic quotes shown as '"'), its units mapped back to the gold
    offsets."""
    from analyzer.components.claims import candidate_units, claim_features
    from analyzer.engine import model_doc, tidy_whitespace
    from analyzer.pipeline import build
    from analyzer.tooling.evaluate import half_overlap

    nlp = build(lang)
    verbs = lexicon(lang, "reporting_verbs")
    rows, labels, groups = [], [], []
    for file in find_gold_files([samples]):
        gold = load(file)
        if gold.claims is None:
            continue
        folded, positions = tidy_whitespace(gold.text)
        doc = nlp(model_doc(nlp, folded))
        seen: set[int] = set()
        for line, unit in candidate_units(doc):
            first = line not in seen
            seen.add(line)
            feats = claim_features(unit, line, first, doc._.attributions, doc._.hedges, verbs)
            start, end = unit.start_char, unit.end_char
            if positions is not None:
                start, end = positions[start], positions[end]
            is_claim = any(half_overlap(c.span.start, c.span.end, start, end) for c in gold.claims)
            rows.append(feats)
            labels.append("claim" if is_claim else "other")
            groups.append(file.name)
    return rows, labels, groups


def train_claims(lang: str, samples: Path) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    rows, labels, groups = claim_rows(lang, samples)
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=_SEED)
    folds = min(5, len(set(groups)))
    predicted = cross_val_predict(model, x, labels, groups=groups, cv=GroupKFold(folds))
    cv_f1 = f1_score(labels, predicted, pos_label="claim")
    model.fit(x, labels)
    data = {
        "about": "claim classifier, logistic regression (python -m analyzer.tooling.train)",
        "language": lang,
        "training_units": len(labels),
        "claims": labels.count("claim"),
        "cross_validated_f1": round(float(cv_f1), 4),
        "classes": [str(c) for c in model.classes_],
        "features": list(vectorizer.feature_names_),
        "coef": [[round(float(v), 6) for v in row] for row in model.coef_],
        "intercept": [round(float(v), 6) for v in model.intercept_],
    }
    target = model_path("claims", lang)
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analyzer.tooling.train", description=__doc__)
    parser.add_argument("--lang", default="fr", choices=LANGUAGES)
    parser.add_argument("--samples", type=Path, default=None)
    parser.add_argument(
        "--only", choices=["source_type", "claims"], default=None, help="train one model only"
    )
    args = parser.parse_args(argv)
    samples = args.samples or Path("samples") / args.lang
    if not samples.exists():
        print(f"analyzer: error: {samples}: no such folder", file=sys.stderr)
        return 2
    if args.only != "claims":
        data = train(args.lang, samples)
        print(
            f"source type ({args.lang}): {data['training_speakers']} speakers, "
            f"cross-validated accuracy {data['cross_validated_accuracy']:.3f} (rules alone "
            f"{data['rules_only_accuracy']:.3f}) -> {model_path('source_type', args.lang)}"
        )
    if args.only == "source_type":
        return 0
    claims = train_claims(args.lang, samples)
    print(
        f"claims ({args.lang}): {claims['training_units']} sentences, {claims['claims']} claims, "
        f"cross-validated F1 {claims['cross_validated_f1']:.3f} "
        f"-> {model_path('claims', args.lang)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
