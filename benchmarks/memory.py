"""Peak memory against text length: a 1 MB text must peak at most 1.5x a 50 KB one.

Each size runs in a fresh process (VmHWM, the peak resident set, after one analysis), so the
figures do not mix. Texts are the language's sample articles repeated to the size.

    python benchmarks/memory.py [--lang fr] [--sizes 50000 1000000] [--json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CEILING = 1.5


def text_of(lang: str, size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples" / lang).glob("*.txt"))]
    joined = "\n\n".join(t.strip() for t in texts)
    return ((joined + "\n\n") * (size // len(joined) + 1))[:size]


def _peak_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


def _run(lang: str, size: int) -> dict:
    """In this (fresh) process: load the model, note the peak, analyse, note the peak again."""
    import time

    from analyzer import Analyzer

    analyzer = Analyzer(lang)
    analyzer.analyze("Le maire a déclaré que le projet avançait." if lang == "fr" else "He said.")
    loaded = _peak_kib()
    text = text_of(lang, size)
    start = time.perf_counter()
    report = analyzer.analyze(text)
    return {
        "size": size,
        "seconds": round(time.perf_counter() - start, 2),
        "attributions": len(report.attributions),
        "model_peak_mib": round(loaded / 1024, 1),
        "peak_mib": round(_peak_kib() / 1024, 1),
    }


def measure(lang: str, sizes: list[int]) -> dict:
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, "--lang", lang, "--one", str(size)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    ratio = rows[-1]["peak_mib"] / rows[0]["peak_mib"]
    return {"language": lang, "runs": rows, "peak_ratio": round(ratio, 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 1_000_000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 above the ceiling")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.one:
        print(json.dumps(_run(args.lang, args.one)))
        return 0
    result = measure(args.lang, args.sizes)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    for row in result["runs"]:
        print(
            f"{row['size']:>9} chars: peak {row['peak_mib']} MiB (model {row['model_peak_mib']}),"
            f" {row['seconds']} s, {row['attributions']} attributions"
        )
    print(f"peak ratio {result['peak_ratio']:.2f} (ceiling {CEILING})")
    return 1 if args.check and not result["peak_ratio"] <= CEILING else 0


if __name__ == "__main__":
    sys.exit(main())
