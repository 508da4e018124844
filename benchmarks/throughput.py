"""Speed and memory of the analyser against plain spaCy on the same texts (``make bench``).

- Throughput: the samples of a language, repeated to at least 20,000 tokens, through plain
  ``spacy.load(model).pipe`` and through ``Analyzer.pipe`` (full analysis, reports built), in
  one process, runs interleaved; the ratio is plain time / analyser time (1.0 = as fast).
- Peak memory: each side in a fresh process (VmHWM after the run); ratio analyser / plain.
- Start-up: ``analyzer check`` on one article against loading the model alone, in seconds
  (the issue's ceiling: model load + 0.5 s).
- Scaling: the same corpus over 2 worker processes against 1 (models loaded before timing);
  the ratio is 1-process time / 2-process time (2.0 = perfect, the floor is 1.8). It needs
  two idle cores: on a shared machine it measures the neighbours.

    python benchmarks/throughput.py [--lang fr] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_TOKENS = 20_000
#: Both sides use the same batch size (the analyser's default), so that memory compares like
#: with like: spaCy's own default of 1000 texts a batch holds far more documents at once.
BATCH = 16


def corpus(lang: str) -> list[str]:
    """The language's sample articles, repeated until they hold at least MIN_TOKENS tokens."""
    import spacy

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / lang).glob("*.txt"))]
    tokenizer = spacy.blank(lang).tokenizer
    per_round = sum(len(tokenizer(t)) for t in texts)
    return texts * -(-MIN_TOKENS // per_round)


def throughput(lang: str, runs: int) -> dict:
    from analyzer import Analyzer
    from analyzer.pipeline import load_model

    texts = corpus(lang)
    plain = load_model(lang)
    full = Analyzer(lang)
    tokens = sum(len(d) for d in plain.pipe(texts, batch_size=BATCH))  # a full warm-up pass
    for _report in full.pipe(texts, batch_size=BATCH):
        pass
    plain_times, full_times, ratios = [], [], []

    def timed(side) -> float:
        start = time.perf_counter()
        for _ in side(texts, batch_size=BATCH):
            pass
        return time.perf_counter() - start

    for run in range(runs):  # interleaved, alternating which side goes first
        if run % 2 == 0:
            p, f = timed(plain.pipe), timed(full.pipe)
        else:
            f, p = timed(full.pipe), timed(plain.pipe)
        plain_times.append(p)
        full_times.append(f)
        ratios.append(p / f)
    plain_t, full_t = statistics.median(plain_times), statistics.median(full_times)
    return {
        "texts": len(texts),
        "tokens": tokens,
        "plain_seconds": round(plain_t, 3),
        "analyzer_seconds": round(full_t, 3),
        "plain_tokens_per_second": round(tokens / plain_t),
        "analyzer_tokens_per_second": round(tokens / full_t),
        "throughput_ratio": round(statistics.median(ratios), 3),
    }


def _peak_child(lang: str, side: str) -> int:
    """Peak resident memory (KiB) of a fresh process that runs one side over the corpus."""
    cmd = [sys.executable, __file__, "--lang", lang, "--peak-of", side]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def _run_side(lang: str, side: str) -> int:
    """Run one side over the corpus in this process; return its VmHWM in KiB."""
    texts = corpus(lang)
    if side == "plain":
        from analyzer.pipeline import load_model

        for _doc in load_model(lang).pipe(texts, batch_size=BATCH):
            pass
    else:
        from analyzer import Analyzer

        for _report in Analyzer(lang).pipe(texts, batch_size=BATCH):
            pass
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


def memory(lang: str) -> dict:
    plain, full = _peak_child(lang, "plain"), _peak_child(lang, "analyzer")
    return {
        "plain_peak_mib": round(plain / 1024, 1),
        "analyzer_peak_mib": round(full / 1024, 1),
        "memory_ratio": round(full / plain, 3),
    }


def _ready(_: int) -> int:
    time.sleep(0.3)
    return os.getpid()


def _analysed(text: str) -> int:
    """One text through the worker's analyser, without the paragraph cache: the corpus repeats
    the samples, and a cache hit in one process but not in two would measure the cache."""
    from analyzer import engine

    return len(next(engine._WORKER.pipe([text])).attributions)


def scaling(lang: str, processes: int = 2) -> dict:
    """Corpus time on one worker process against ``processes`` (models loaded first)."""
    from concurrent.futures import ProcessPoolExecutor

    from analyzer.config import Config
    from analyzer.engine import _init_worker

    texts = corpus(lang)

    def timed(n: int) -> float:
        with ProcessPoolExecutor(n, initializer=_init_worker, initargs=(lang, Config())) as ex:
            while len(set(ex.map(_ready, range(2 * n)))) < n:  # every worker up and loaded
                pass
            list(ex.map(_analysed, texts[: 2 * n]))  # first-call costs
            start = time.perf_counter()
            list(ex.map(_analysed, texts, chunksize=2))
            return time.perf_counter() - start

    one, many = timed(1), timed(processes)
    return {
        "one_process_seconds": round(one, 3),
        f"{processes}_processes_seconds": round(many, 3),
        "scaling_ratio": round(one / many, 3),
    }


def startup(lang: str, runs: int = 3) -> dict:
    article = sorted((ROOT / "samples" / lang).glob("*.txt"))[0]
    load = [sys.executable, "-c", f"from analyzer.pipeline import load_model; load_model({lang!r})"]
    cli = [sys.executable, "-m", "analyzer.frontends.cli", "check", str(article), "--lang", lang]

    def best(cmd: list[str]) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, cwd=ROOT)  # check exits 1 on findings
            times.append(time.perf_counter() - start)
        return min(times)

    model_s, cli_s = best(load), best(cli)
    return {
        "model_load_seconds": round(model_s, 3),
        "check_one_seconds": round(cli_s, 3),
        "startup_overhead_seconds": round(cli_s - model_s, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 2-process run")
    parser.add_argument("--peak-of", choices=["plain", "analyzer"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.peak_of:
        print(_run_side(args.lang, args.peak_of))
        return 0
    mem = memory(args.lang)  # fresh processes first, before this one grows
    result = {
        "language": args.lang,
        **throughput(args.lang, args.runs),
        **mem,
        **startup(args.lang),
        **({} if args.no_scaling else scaling(args.lang)),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Analyser vs plain spaCy ({args.lang}, {result['tokens']} tokens)")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, str(value))
    Console().print(table)
    print(
        f"throughput ratio {result['throughput_ratio']:.2f} (floor 0.95), "
        f"memory ratio {result['memory_ratio']:.2f} (ceiling 1.20), "
        f"start-up overhead {result['startup_overhead_seconds']:.2f} s (ceiling 0.5)"
        + (
            ""
            if args.no_scaling
            else f", 2-process scaling {result['scaling_ratio']:.2f} (floor 1.8)"
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
