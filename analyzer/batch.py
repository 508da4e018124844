"""Corpus runs: many articles, several processes, nothing lost.

    analyzer batch corpus/ --jobs 2 --out reports.jsonl

Every input file gives one JSON line in ``--out``: its report, or ``{"path", "error"}`` when it
cannot be analysed, so a bad file never loses the others. Progress goes to stderr; at the end a
summary per outlet (the front matter's ``outlet``, else the file's folder) gives the number of
articles, the mean score and the share of attributions by source type.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from analyzer.session import Session

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given, and the articles under each folder (sorted)."""
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.suffix in ARTICLE_SUFFIXES and p.is_file()
            )
        else:
            found.append(raw)
    return found


def analyse_file(path: str, lang: str | None = None) -> dict:
    """One line of the batch output (runs in a worker process; engines cached per process)."""
    from analyzer.config import ConfigError
    from analyzer.engine import InputError
    from analyzer.inputs import InputFileError
    from analyzer.language import LanguageError
    from analyzer.lexicons import LexiconError
    from analyzer.pipeline import ModelError

    try:
        report, document = _SESSION.analyze_path(path, lang)
    except InputFileError as exc:
        return {"path": path, "error": str(exc)}
    except (ConfigError, LexiconError, InputError, LanguageError, ModelError) as exc:
        return {"path": path, "error": f"{path}: {exc}"}
    data = report.to_dict()
    data["outlet"] = document.meta.get("outlet") or Path(path).parent.name
    return data


_SESSION = Session()


def run(paths: list[str], jobs: int = 1, lang: str | None = None) -> Iterator[dict]:
    """Results in input order; ``jobs > 1`` spreads the files over worker processes."""
    if jobs <= 1:
        for path in paths:
            yield analyse_file(path, lang)
        return
    with ProcessPoolExecutor(jobs) as pool:
        yield from pool.map(analyse_file, paths, [lang] * len(paths), chunksize=4)


@dataclass
class Summary:
    """Per-outlet figures over a corpus run."""

    articles: Counter = field(default_factory=Counter)
    scores: dict = field(default_factory=lambda: defaultdict(list))
    types: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: int = 0

    def add(self, result: dict) -> None:
        if "error" in result:
            self.errors += 1
            return
        outlet = result.get("outlet") or "-"
        self.articles[outlet] += 1
        self.scores[outlet].append(result["score"]["value"])
        for att in result["attributions"]:
            kind = att["speaker"]["type"] if att["speaker"] else "unknown"
            self.types[outlet][kind] += 1

    def rows(self) -> list[dict]:
        out = []
        for outlet, n in sorted(self.articles.items()):
            types = self.types[outlet]
            total = sum(types.values()) or 1
            out.append(
                {
                    "outlet": outlet,
                    "articles": n,
                    "mean_score": round(sum(self.scores[outlet]) / n, 1),
                    "attributions": sum(types.values()),
                    "named_share": round(
                        sum(types[t] for t in ("person", "organisation", "role", "document"))
                        / total,
                        3,
                    ),
                    "anonymous_share": round(types["anonymous"] / total, 3),
                    "vague_share": round(types["vague"] / total, 3),
                }
            )
        return out


def dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)
