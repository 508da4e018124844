"""Corpus summaries from batch results: per outlet, author or month, as a table, CSV and plots.

    analyzer summarize results.jsonl --by outlet

Per group: articles, mean and median score, grade mix, the share of attributions by source
type, the hedging rate, the most-quoted sources, the reporting-verb stance mix and the gender of
named person sources where the first name tells it (the lexicon's ``first_names.tsv``; names
given to both are left out, so the share of women is over the people whose name is known). The
results are streamed: only counters are kept per group, never the reports.
"""

from __future__ import annotations

import csv
import html
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analyzer.errors import InputFileError
from analyzer.frontends.batch import read_results
from analyzer.vocabulary import GRADES, NAMED_TYPES, SOURCE_TYPES, STANCES

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


@cache
def _first_names(lang: str) -> dict[str, str]:
    from analyzer.errors import LexiconError
    from analyzer.lexicons import lexicon

    try:
        return lexicon(lang, "first_names")
    except (LexiconError, OSError):
        return {}


def gender_of(name: str, lang: str) -> str | None:
    """ "female" or "male" when the name's first word is a first name of known gender."""
    from analyzer.lexicons import normalise

    words = name.split()
    if len(words) < 2:  # a surname alone, or a pronoun, tells nothing
        return None
    gender = _first_names(lang).get(normalise(words[0]))
    return {"Fem": "female", "Masc": "male"}.get(gender or "")


def month_of(date: str | None) -> str:
    match = _MONTH.search(date or "")
    return f"{match.group(1)}-{int(match.group(2)):02d}" if match else "unknown"


def group_of(record: dict, by: str) -> str:
    if by == "month":
        return month_of(record.get("date"))
    return str(record.get(by) or "unknown")


@dataclass
class Group:
    """Running counts for one group; ``row`` turns them into figures."""

    articles: int = 0
    scores: list[int] = field(default_factory=list)
    grades: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    stances: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    genders: Counter = field(default_factory=Counter)
    attributions: int = 0
    hedged: int = 0
    hedges: int = 0

    def add(self, record: dict) -> None:
        self.articles += 1
        score = record.get("score") or {}
        if score.get("value") is not None:
            self.scores.append(score["value"])
            self.grades[score.get("grade") or "?"] += 1
        lang = record.get("language") or "fr"
        for att in record.get("attributions") or []:
            self.attributions += 1
            self.hedged += bool(att.get("hedged"))
            speaker = att.get("speaker")
            self.types[(speaker or {}).get("type") or "unknown"] += 1
            if att.get("cue"):
                self.stances[att["cue"].get("stance") or "neutral"] += 1
        self.hedges += sum(1 for h in record.get("hedges") or [] if not h.get("in_quote"))
        for source in record.get("sources") or []:
            if source.get("type") in NAMED_TYPES:
                self.sources[source["name"]] += len(source.get("attributions") or [])
            if source.get("type") == "person":
                self.genders[gender_of(source.get("name") or "", lang) or "unknown"] += 1

    def row(self, top: int = 3) -> dict:
        total = self.attributions or 1
        stances = sum(self.stances.values()) or 1
        known = self.genders["female"] + self.genders["male"]
        row = {
            "articles": self.articles,
            "mean_score": round(statistics.fmean(self.scores), 1) if self.scores else None,
            "median_score": statistics.median(self.scores) if self.scores else None,
            "grades": " ".join(f"{g}:{self.grades[g]}" for g in GRADES if self.grades[g]),
            "attributions": self.attributions,
        }
        named = sum(self.types[k] for k in NAMED_TYPES)
        row["named_share"] = round(named / total, 3)
        for kind in SOURCE_TYPES:
            row[f"{kind}_share"] = round(self.types[kind] / total, 3)
        row["hedged_share"] = round(self.hedged / total, 3)
        row["hedges_per_article"] = round(self.hedges / max(1, self.articles), 2)
        for stance in STANCES:
            row[f"{stance}_stance"] = round(self.stances[stance] / stances, 3)
        row["women"] = self.genders["female"]
        row["men"] = self.genders["male"]
        row["gender_unknown"] = self.genders["unknown"]
        row["women_share"] = round(self.genders["female"] / known, 3) if known else None
        row["most_quoted"] = "; ".join(f"{n} ({c})" for n, c in self.sources.most_common(top))
        return row


@dataclass
class Summary:
    """Groups of one ``--by`` key, plus the month trend per outlet for the plots."""

    by: str
    groups: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    trend: dict[tuple[str, str], list[int]] = field(default_factory=lambda: defaultdict(list))
    scores_by_outlet: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    types_by_outlet: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: int = 0

    def add(self, record: dict) -> None:
        if "error" in record:
            self.errors += 1
            return
        self.groups[group_of(record, self.by)].add(record)
        outlet = str(record.get("outlet") or "unknown")
        value = (record.get("score") or {}).get("value")
        if value is not None:
            self.scores_by_outlet[outlet].append(value)
            self.trend[(outlet, month_of(record.get("date")))].append(value)
        for att in record.get("attributions") or []:
            self.types_by_outlet[outlet][(att.get("speaker") or {}).get("type") or "unknown"] += 1

    def rows(self) -> list[dict]:
        return [{self.by: key, **group.row()} for key, group in sorted(self.groups.items())]


def summarize(results: str, by: str = "outlet") -> Summary:
    """Read ``results`` (batch JSON Lines) into a Summary; raise InputFileError if unreadable."""
    summary = Summary(by)
    try:
        for record in read_results(results):
            summary.add(record)
    except OSError as exc:
        raise InputFileError(f"{results}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError:
        raise InputFileError(f"{results}: not UTF-8 JSON Lines") from None
    return summary


def write_csv(rows: list[dict], target: Path) -> None:
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["group"])
        writer.writeheader()
        writer.writerows(rows)


# -- plots ----------------------------------------------------------------------------------------


def plot(summary: Summary, out_dir: Path, top: int = 12) -> list[str]:
    """Score distribution and source-type mix per outlet, score trend by month: each as PNG and
    SVG in ``out_dir``; returns the plot names (without extension)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "analyzer"  # the same SVG for the same data
    outlets = sorted(summary.scores_by_outlet, key=lambda o: -len(summary.scores_by_outlet[o]))
    outlets = sorted(outlets[:top])
    names = []

    def save(fig, name: str) -> None:
        fig.tight_layout()
        for ext in ("png", "svg"):
            fig.savefig(out_dir / f"{name}.{ext}", dpi=110, metadata={"Date": None})
        plt.close(fig)
        names.append(name)

    if outlets:
        fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(outlets)), 4))
        ax.boxplot([summary.scores_by_outlet[o] for o in outlets], showmeans=True)
        ax.set_xticks(range(1, len(outlets) + 1), outlets, rotation=30, ha="right")
        ax.set_ylim(0, 100)
        ax.set_ylabel("sourcing score")
        ax.set_title("Score distribution per outlet")
        save(fig, "score_distribution")

        fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(outlets)), 4))
        bottom = [0.0] * len(outlets)
        for kind in SOURCE_TYPES:
            shares = []
            for outlet in outlets:
                counts = summary.types_by_outlet[outlet]
                shares.append(counts[kind] / (sum(counts.values()) or 1))
            ax.bar(outlets, shares, bottom=bottom, label=kind)
            bottom = [b + s for b, s in zip(bottom, shares, strict=True)]
        ax.set_ylabel("share of attributions")
        ax.set_title("Source-type mix per outlet")
        ax.tick_params(axis="x", rotation=30)
        ax.legend(fontsize="small", bbox_to_anchor=(1.01, 1), loc="upper left")
        save(fig, "source_mix")

    months = sorted({m for _, m in summary.trend if m != "unknown"})
    if months:
        fig, ax = plt.subplots(figsize=(max(5, 0.6 * len(months)), 4))
        for outlet in outlets:
            points = [
                (m, statistics.fmean(summary.trend[(outlet, m)]))
                for m in months
                if summary.trend.get((outlet, m))
            ]
            if points:
                ax.plot([m for m, _ in points], [v for _, v in points], marker="o", label=outlet)
        ax.set_ylim(0, 100)
        ax.set_ylabel("mean sourcing score")
        ax.set_title("Trend by month")
        ax.tick_params(axis="x", rotation=30)
        ax.legend(fontsize="small")
        save(fig, "trend_by_month")
    return names


def write_html(summary: Summary, rows: list[dict], plots: list[str], target: Path) -> None:
    """One self-contained page (plots as linked SVG files beside it)."""
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in (rows[0] if rows else []))
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>"
        for row in rows
    )
    images = "".join(
        f'<figure><img src="{name}.svg" alt="{name.replace("_", " ")}"></figure>' for name in plots
    )
    articles = sum(r["articles"] for r in rows)
    target.write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'><title>Sourcing summary</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "font-size:0.85em}td,th{border:1px solid #ccc;padding:0.2em 0.5em}"
        "figure{display:inline-block;margin:1em}</style></head><body>"
        f"<h1>Sourcing summary by {html.escape(summary.by)}</h1>"
        f"<p>{articles} articles, {summary.errors} errors.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{images}"
        "</body></html>\n",
        encoding="utf-8",
    )


#: The columns printed in the terminal (the CSV has them all).
SHOWN = (
    "articles",
    "mean_score",
    "median_score",
    "named_share",
    "anonymous_share",
    "vague_share",
    "hedged_share",
    "women_share",
)


def _cell(column: str, value) -> str:
    if value is None:
        return "-"
    return f"{100 * value:.0f}" if column.endswith("_share") else str(value)


def main(results: str, by: str = "outlet", out_dir: str | None = None, plots: bool = True) -> int:
    """The ``summarize`` command: print, write CSV, plots and HTML; return the exit code."""
    from rich.console import Console
    from rich.table import Table

    summary = summarize(results, by)
    rows = summary.rows()
    target = Path(out_dir) if out_dir else Path(results).with_name(Path(results).stem + "-summary")
    target.mkdir(parents=True, exist_ok=True)
    write_csv(rows, target / f"summary_by_{by}.csv")
    names = plot(summary, target) if plots else []
    write_html(summary, rows, names, target / "summary.html")
    table = Table(title=f"{sum(r['articles'] for r in rows)} articles, {summary.errors} errors")
    table.add_column(by)
    for column in SHOWN:
        table.add_column(column.replace("_share", " %").replace("_", " "), justify="right")
    for row in rows:
        table.add_row(row[by], *(_cell(c, row[c]) for c in SHOWN))
    console = Console()
    console.print(table)
    console.print(f"written to {target}/ (summary_by_{by}.csv, summary.html)", highlight=False)
    return 0
