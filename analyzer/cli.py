"""The command line: ``analyzer analyze``, ``analyzer eval``.

Exit codes are the same for every command: 0 success, 2 usage or input error (one line on
stderr naming the file and the problem, never a traceback). In a run over several files a bad
file is reported and the others are still analysed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from rich.console import Console

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, no_color="NO_COLOR" in os.environ, highlight=False)


def _error(message: str) -> None:
    print(f"analyzer: error: {message}", file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        _error(message)
        sys.exit(EXIT_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="analyzer", description="Who says what in a news article.")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = sub.add_parser(
        "analyze",
        help="analyse articles and print their reports",
        description="Analyse articles (files, or - for standard input) and print one report "
        "per file: JSON (one object, JSON Lines for several files) or a terminal view.",
    )
    analyze.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for stdin")
    analyze.add_argument(
        "--lang",
        default="auto",
        choices=["auto", "fr", "en"],
        help="the article language (default: detect per file)",
    )
    analyze.add_argument(
        "--format",
        default="json",
        choices=["json", "text"],
        help="json (default) or text (a terminal report)",
    )

    ev = sub.add_parser(
        "eval",
        help="score the analyser against gold files",
        description="Run the analyser on gold-annotated samples (the *.json beside each "
        "article, see ANNOTATION.md) and print precision, recall and F1 per kind, speaker, "
        "pronoun-resolution and source-type accuracy.",
    )
    ev.add_argument("paths", nargs="+", metavar="PATH", help="gold files or folders of them")
    ev.add_argument("--format", default="table", choices=["table", "json"])
    ev.add_argument("--errors", action="store_true", help="also list every miss")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "analyze":
            return _analyze(args)
        if args.command == "eval":
            return _eval(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    return EXIT_ERROR


def _analyze(args: argparse.Namespace) -> int:
    from analyzer.engine import Analyzer, InputError
    from analyzer.inputs import InputFileError, read
    from analyzer.language import LanguageError, detect
    from analyzer.pipeline import ModelError
    from analyzer.render import json as render_json

    engines: dict[str, Analyzer] = {}
    status = EXIT_OK
    out = _console()
    several = len(args.files) > 1
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            document = read(path)
            if not document.analysis_text.strip():
                raise InputError("no article text (only markup)")
            lang = args.lang if args.lang != "auto" else detect(document.analysis_text)
            if lang not in engines:
                engines[lang] = Analyzer(lang)
            report = engines[lang].analyze(document.analysis_text, name, document.text)
        except InputFileError as exc:
            _error(str(exc))
            status = EXIT_ERROR
            continue
        except (InputError, LanguageError, ModelError) as exc:
            _error(f"{name}: {exc}")
            status = EXIT_ERROR
            continue
        if args.format == "json":
            sys.stdout.write(render_json.dumps(report, pretty=not several) + "\n")
            sys.stdout.flush()
        else:
            from analyzer.render.terminal import render

            out.print(render(report))
    return status


def _eval(args: argparse.Namespace) -> int:
    from analyzer.evaluate import evaluate
    from analyzer.gold import GoldError, find_gold_files

    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        _error(f"{missing[0]}: no such file or folder")
        return EXIT_ERROR
    if not find_gold_files(args.paths):
        _error(f"no gold files (*.json) under {', '.join(args.paths)}")
        return EXIT_ERROR
    try:
        result = evaluate(args.paths)
    except GoldError as exc:
        _error(str(exc))
        return EXIT_ERROR
    if args.format == "json":
        data = result.to_dict()
        if args.errors:
            data["errors"] = result.errors
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    from analyzer.render.evaluation import render

    out = _console()
    out.print(render(result, errors=args.errors))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
