"""The command line: analyze, report, check, eval, rules, config.

Exit codes are the same for every command: 0 success; 1 when ``check`` finds a finding at or
above ``--fail-on`` or a score below ``--min-score``; 2 for a usage or input error (one line on
stderr naming the file and the problem, never a traceback). In a run over several files a bad
file is reported and the others are still analysed; so is a file that makes the analyser fail
unexpectedly ("internal error", the exception and where), and ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from analyzer import __version__
from analyzer.errors import AnalyzerError, ConfigError, InputFileError, InternalError, LexiconError
from analyzer.vocabulary import CHECK_FORMATS, LANGUAGES, SEVERITIES

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _console(stderr: bool = False, **kwargs) -> Console:
    return Console(stderr=stderr, no_color="NO_COLOR" in os.environ, highlight=False, **kwargs)


#: The language of the command line's own messages: --messages when it names one, else the
#: environment's (set by main).
_SPEAKS: list[str] = []


def _tr():
    from analyzer.i18n import system_language, translator

    return translator(_SPEAKS[0] if _SPEAKS else system_language())


def _error(message: str) -> None:
    from analyzer.words import error_text

    tr = _tr()
    print(tr("analyzer: error: {message}", message=error_text(message, tr)), file=sys.stderr)


def printable(name: str) -> str:
    """Text fit for one line of output: line breaks, other control characters and stray
    surrogates escaped (``a\\nb.txt``), so that a file name keeps a finding or an error on its
    line."""
    if name.isprintable():
        return name
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in name
    )


#: Errors whose message already names the file at fault (the article, or a configuration).
_NAMED = (InputFileError, ConfigError, LexiconError)


def _fail(exc: BaseException, name: str | None = None, debug: bool = False) -> None:
    """One line for an error (prefixed by the article's name unless it names its file); the
    traceback first with ``--debug``."""
    if not isinstance(exc, AnalyzerError):
        exc = InternalError.wrap(exc)
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    message = str(exc)
    message = message if name is None or isinstance(exc, _NAMED) else f"{name}: {message}"
    _error(printable(message))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        _error(message)
        sys.exit(EXIT_ERROR)


def _add_messages(parser: argparse.ArgumentParser) -> None:
    from analyzer.i18n import settings

    parser.add_argument(
        "--messages",
        choices=settings(),
        default=None,
        help="the language of findings and reports (default: configuration, else the article's)",
    )


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a .txt, .md or .html article, or - for standard input",
    )
    parser.add_argument(
        "--lang",
        choices=["auto", *LANGUAGES],
        default=None,
        help="the article language (default: configuration, else detect)",
    )
    _add_messages(parser)
    parser.add_argument(
        "--config",
        metavar="FILE",
        default=None,
        help="use this configuration file instead of searching for one",
    )
    parser.add_argument(
        "--no-config", action="store_true", help="ignore configuration files, use the defaults"
    )
    parser.add_argument(
        "--config-root",
        metavar="DIR",
        default=None,
        help="use configuration, and the files it names, only from inside this folder",
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=None,
        metavar="MIB",
        help="refuse input files larger than this (default 10 MiB)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="analyzer", description="Who says what in a news article.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    analyze = sub.add_parser(
        "analyze",
        help="print the JSON report (or a short view) of articles",
        description="Analyse articles and print one report per file: JSON (one object, JSON "
        "Lines for several files) or a short terminal view.",
    )
    _add_inputs(analyze)
    analyze.add_argument(
        "--format", default="json", choices=["json", "text"], help="json (default) or text"
    )

    report = sub.add_parser(
        "report",
        help="the full terminal report a person reads",
        description="Print the terminal report of articles: header, score and its parts, the "
        "text with quotations, hedges, framing and unattributed claims marked, the sources "
        "and the findings. Honours NO_COLOR; --html saves the same report as a page.",
    )
    _add_inputs(report)
    report.add_argument("--html", metavar="FILE", help="also save the report as an HTML page")
    report.add_argument("--width", type=int, default=None, help="columns (default: terminal)")

    check = sub.add_parser(
        "check",
        help="the pre-publish check (a linter)",
        description="Check articles: print findings as path:line:col: severity rule message "
        "(or JSON, SARIF, GitHub annotations); exit 1 when a finding at or above --fail-on "
        "exists or the score is below --min-score.",
    )
    _add_inputs(check)
    check.add_argument("--format", default="text", choices=CHECK_FORMATS)
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="the lowest severity that fails (default: configuration, else error)",
    )
    check.add_argument(
        "--min-score", type=int, default=None, metavar="N", help="fail below this score (0-100)"
    )
    check.add_argument("--exit-zero", action="store_true", help="report, but always exit 0")
    check.add_argument(
        "--default-min-score",
        type=int,
        default=None,
        metavar="N",
        help="the --min-score used when neither the option nor the configuration sets one "
        "(the pre-commit hook passes 50: grades D and E fail)",
    )
    check.add_argument(
        "--cache",
        action="store_true",
        help="reuse the results of unchanged articles (in $ANALYZER_CACHE_DIR, "
        "else .analyzer_cache)",
    )
    check.add_argument("--cache-dir", metavar="DIR", default=None, help="cache in DIR")

    ev = sub.add_parser(
        "eval",
        help="score the analyser against gold files",
        description="Run the analyser on gold-annotated samples (the *.json beside each "
        "article, see docs/annotation.md) and print precision, recall and F1 per kind, speaker, "
        "pronoun-resolution and source-type accuracy, hedge and claim F1.",
    )
    ev.add_argument("paths", nargs="+", metavar="PATH", help="gold files or folders of them")
    ev.add_argument("--format", default="table", choices=["table", "json"])
    ev.add_argument("--errors", action="store_true", help="also list every miss")

    rules = sub.add_parser(
        "rules",
        help="list the rules, or explain one",
        description="List every rule, or print what one rule does, why, "
        "an example and how to fix it.",
    )
    rules.add_argument("rule", nargs="?", help="a rule id, such as vague-source")
    _add_messages(rules)

    batch = sub.add_parser(
        "batch",
        help="analyse a corpus: JSON Lines out, resumable, a summary per outlet",
        description="Analyse many articles over several processes (or a Dask cluster): files, "
        "folders, globs, JSON Lines of {id, text, outlet, date, author, lang} and CSV files "
        "with a text column. One JSON line per document (its report, or its error) in --out, "
        "written crash-safely; --resume continues a killed run. Progress on stderr, then a "
        "summary per outlet.",
    )
    batch.add_argument(
        "paths", nargs="+", metavar="PATH", help="files, folders, globs, .jsonl or .csv files"
    )
    batch.add_argument(
        "--out",
        metavar="FILE",
        default="-",
        help="where the JSON lines go (default: standard output)",
    )
    batch.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    batch.add_argument("--lang", choices=["auto", *LANGUAGES], default=None)
    batch.add_argument("--summary", metavar="FILE", help="also write the summary as JSON")
    batch.add_argument(
        "--resume", action="store_true", help="continue --out: analyse only what it lacks"
    )
    batch.add_argument(
        "--parquet", metavar="FILE", help="also write the results as Parquet (needs pyarrow)"
    )
    batch.add_argument(
        "--text-column", default="text", metavar="NAME", help="the CSV text column (text)"
    )
    batch.add_argument(
        "--dask-scheduler", metavar="ADDRESS", help="run on this Dask cluster (tcp://host:port)"
    )
    batch.add_argument(
        "--dask-local", type=int, default=0, metavar="N", help="run on a local Dask cluster of N"
    )

    summarize = sub.add_parser(
        "summarize",
        help="summarise batch results per outlet, author or month, with plots",
        description="Per group: articles, mean and median score, grade mix, source-type "
        "shares, hedging rate, most-quoted sources, reporting-verb stances and the gender of "
        "named people quoted. Printed, saved as CSV, plotted into an HTML page.",
    )
    summarize.add_argument("results", metavar="RESULTS", help="a batch --out JSON Lines file")
    summarize.add_argument("--by", choices=["outlet", "author", "month"], default="outlet")
    summarize.add_argument(
        "--out-dir",
        metavar="DIR",
        default=None,
        help="where the CSV, plots and summary.html go (default: RESULTS-summary/)",
    )
    summarize.add_argument("--no-plots", action="store_true", help="table and CSV only")

    sub.add_parser(
        "lsp",
        help="run the language server (LSP over standard input/output)",
        description="Run the language server: editors that speak LSP show the "
        "findings of Markdown, HTML and text documents as diagnostics.",
    )
    serve = sub.add_parser(
        "serve",
        help="run the page and the HTTP API",
        description="Serve the page (GET /: paste an article, see it highlighted), "
        "POST /analyze and POST /check (the article as the body, or JSON), GET /health, "
        "/openapi.json and /docs. Analyses run in worker processes that load the models "
        "at start.",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.add_argument(
        "--workers", type=int, default=2, help="analysis worker processes (default 2)"
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow browser calls from this origin (repeatable; * for any)",
    )
    serve.add_argument(
        "--max-body",
        type=int,
        default=2 * 1024 * 1024,
        metavar="BYTES",
        help="largest request body (default 2 MiB; 413 over it)",
    )
    serve.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="cap per request on waiting for a worker plus the analysis (default 60; "
        "the analysis is stopped past it, 504)",
    )
    serve.add_argument(
        "--read-timeout",
        type=float,
        default=15.0,
        metavar="SECONDS",
        help="time allowed to receive a request's headers, then its body (default 15; "
        "408 past it); also how long an idle connection stays open before its first request",
    )
    serve.add_argument(
        "--preload",
        default="fr,en",
        metavar="LANGS",
        help="models each worker loads before /health says ready (default fr,en)",
    )
    serve.add_argument("--no-access-log", action="store_true", help="do not log each request")

    config = sub.add_parser(
        "config",
        help="print the configuration in force",
        description="Print the configuration in force for a file or "
        "folder (default: the current folder) and where it came from.",
    )
    config.add_argument("path", nargs="?", default=".")
    config.add_argument("--config", metavar="FILE", default=None)
    config.add_argument(
        "--config-root",
        metavar="DIR",
        default=None,
        help="use configuration, and the files it names, only from inside this folder",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from analyzer.i18n import language_of

    _SPEAKS[:] = [lang] if (lang := language_of(getattr(args, "messages", None))) else []
    commands = {
        "analyze": _analyze,
        "report": _report,
        "check": _check,
        "eval": _eval,
        "rules": _rules,
        "config": _config,
        "lsp": _lsp,
        "batch": _batch,
        "summarize": _summarize,
        "serve": _serve,
    }
    try:
        return commands[args.command](args)
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last net: one line, exit 2, the traceback only on --debug
        _fail(exc, debug=args.debug)
        return EXIT_ERROR


# -- reading and analysing inputs, shared by analyze / report / check ----------------------------


@dataclass
class _Run:
    status: int = EXIT_OK
    debug: bool = False


@contextmanager
def _one_document(run: _Run, name: str) -> Iterator[None]:
    """Whatever goes wrong with one document is that document's one-line error and exit 2;
    the run goes on with the next one."""
    try:
        yield
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as exc:
        _fail(exc, name, run.debug)
        run.status = EXIT_ERROR


def _reports(args: argparse.Namespace, run: _Run) -> Iterator:
    """Analyse each input in turn; on a bad one print one line, set exit 2, go on."""
    from dataclasses import replace

    from analyzer.cache import CachedSession
    from analyzer.config import Config, for_file, load

    session = CachedSession.for_args(args)  # the model loads on the first cache miss only
    if args.max_size is not None:
        if not 0 < args.max_size <= 4096:
            _error(f"--max-size must be above 0 and at most 4096 MiB, not {args.max_size:g}")
            run.status = EXIT_ERROR
            return
        session.max_bytes = int(args.max_size * 2**20)  # no Session (nor spaCy) before a miss
    fixed = None
    if getattr(args, "config", None):
        try:
            fixed = load(args.config, args.config_root)
        except ConfigError as exc:
            _error(str(exc))
            run.status = EXIT_ERROR
            return
    for path in args.files:
        name = "<stdin>" if path == "-" else printable(path)
        result = None
        with _one_document(run, name):
            config = Config() if args.no_config else fixed or for_file(path, args.config_root)
            if args.lang == "auto":
                config = replace(config, language="auto")
            if args.messages:
                config = replace(config, messages=args.messages)
            lang = args.lang if args.lang != "auto" else None
            report, document = session.analyze_path(path, lang, config)
            result = report, config, document
        if result is not None:
            yield result


def _analyze(args: argparse.Namespace) -> int:
    from analyzer.render import json as render_json

    run = _Run(debug=args.debug)
    several = len(args.files) > 1
    out = _console()
    for report, _, _ in _reports(args, run):
        with _one_document(run, report.path):
            if args.format == "json":
                sys.stdout.write(render_json.dumps(report, pretty=not several) + "\n")
                sys.stdout.flush()
            else:
                from analyzer.render.terminal import render

                out.print(render(report))
    return run.status


def _report(args: argparse.Namespace) -> int:
    if args.width is not None and args.width < 40:
        _error(_tr()("--width must be at least 40 columns, not {width}", width=args.width))
        return EXIT_ERROR
    from analyzer.render.terminal import full_report

    run = _Run(debug=args.debug)
    out = _console(width=args.width)
    views = []  # the page of --html: its own renderer (analyzer.render.html), not the terminal's
    for report, _, document in _reports(args, run):
        with _one_document(run, report.path):
            out.print(full_report(report, document.meta, document.analysis_text))
            if args.html:
                from analyzer.render import html
                from analyzer.render.terminal import text_statistics

                stats = text_statistics(report, document.analysis_text)
                prose, fmt = document.analysis_text, document.format
                views.append(
                    html.article_view(report, prose, document.meta, stats, fmt, len(views) + 1)
                )
    if args.html:
        from analyzer.render import html

        try:
            with open(args.html, "w", encoding="utf-8") as page:
                page.write(html.page(views))
        except OSError as exc:
            _error(f"{args.html}: cannot write ({exc.strerror})")
            return EXIT_ERROR
    return run.status


def _check(args: argparse.Namespace) -> int:
    for option, value in (
        ("--min-score", args.min_score),
        ("--default-min-score", args.default_min_score),
    ):
        if value is not None and not 0 <= value <= 100:
            _error(_tr()("{option} must be from 0 to 100, not {value}", option=option, value=value))
            return EXIT_ERROR
    from analyzer.check import judge
    from analyzer.render import github, sarif, text

    run = _Run(debug=args.debug)
    verdicts = []
    for report, config, _ in _reports(args, run):
        with _one_document(run, report.path):
            fail_on = args.fail_on or config.fail_on
            min_score = args.min_score if args.min_score is not None else config.min_score
            if min_score is None:
                min_score = args.default_min_score
            if args.format in ("text", "github") and report.path:  # one finding, one line
                from dataclasses import replace

                report = replace(report, path=printable(report.path))
            verdict = judge(report, fail_on, min_score)
            verdicts.append(verdict)
            if args.format == "text":
                for line in text.lines(report):
                    print(line)
                if verdict.below_min_score:
                    print(text.min_score_line(report, min_score))
            elif args.format == "github":
                for line in github.lines(report):
                    print(line)
                if verdict.below_min_score:
                    print(github.min_score_line(report, min_score))
            elif args.format == "json":
                data = report.to_dict()
                data["passed"] = verdict.passed
                print(json.dumps(data, ensure_ascii=False))
            sys.stdout.flush()
    if args.format == "sarif":
        print(
            json.dumps(
                sarif.document([v.report for v in verdicts], _SPEAKS[0] if _SPEAKS else None),
                ensure_ascii=False,
                indent=2,
            )
        )
    if args.format == "text":
        from analyzer.i18n import speaks

        failed = sum(1 for v in verdicts if not v.passed)
        spoken = {speaks(v.report) for v in verdicts}
        lang = spoken.pop() if len(spoken) == 1 else _tr().lang
        if verdicts:
            print(text.totals([v.report for v in verdicts], failed, lang), file=sys.stderr)
    if run.status == EXIT_ERROR:
        return EXIT_ERROR
    if not args.exit_zero and any(not v.passed for v in verdicts):
        return EXIT_FAIL
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from analyzer.tooling.evaluate import evaluate
    from analyzer.tooling.gold import GoldError, find_gold_files

    missing = [p for p in args.paths if not os.path.exists(p)]
    if missing:
        _error(f"{missing[0]}: no such file or folder")
        return EXIT_ERROR
    if not find_gold_files(args.paths):
        _error(f"no gold files under {', '.join(args.paths)}")
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
    from analyzer.tooling.render import render

    _console().print(render(result, errors=args.errors))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from analyzer.render.terminal import rule_page, rules_table
    from analyzer.rules import RULES

    out, lang = _console(), _tr().lang  # no article: --messages, else the environment's
    if args.rule is None:
        out.print(rules_table(lang))
        return EXIT_OK
    if args.rule not in RULES:
        _error(_tr()("unknown rule {rule} (analyzer rules lists them)", rule=repr(args.rule)))
        return EXIT_ERROR
    out.print(rule_page(args.rule, lang))
    return EXIT_OK


def _config(args: argparse.Namespace) -> int:
    from analyzer.config import ConfigError, for_file, load

    if not os.path.exists(args.path):
        _error(f"{args.path}: no such file or folder")
        return EXIT_ERROR
    try:
        if args.config:
            config = load(args.config, args.config_root)
        else:
            config = for_file(args.path, args.config_root)
    except ConfigError as exc:
        _error(printable(str(exc)))
        return EXIT_ERROR
    print(json.dumps(config.describe(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.table import Table

    from analyzer.errors import AnalyzerError
    from analyzer.frontends.batch import Summary, batch, read_results, to_parquet

    if (args.resume or args.parquet) and args.out == "-":
        _error(f"{'--resume' if args.resume else '--parquet'} needs --out FILE")
        return EXIT_ERROR
    if args.jobs < 1 or args.dask_local < 0:
        _error("--jobs and --dask-local must be positive")
        return EXIT_ERROR
    lang = None if args.lang in (None, "auto") else args.lang
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=_console(stderr=True),
        transient=True,
    )
    task = progress.add_task("analysing", total=None, rate="-")

    def started(total: int, done: int) -> None:
        progress.update(task, total=total, completed=done)
        if total == 0:
            raise AnalyzerError(f"{args.paths[0]}: no articles found")
        if done:
            progress.console.print(f"analyzer: resuming: {done} documents already done")

    def result(record: dict) -> None:
        if "error" in record:
            progress.console.print(
                f"analyzer: error: {record['error']}", markup=False, soft_wrap=True
            )
        progress.advance(task)
        speed = progress.tasks[0].speed
        progress.update(task, rate=f"{speed:.1f}" if speed else "-")

    try:
        with progress:
            batch(
                args.paths,
                args.out,
                jobs=args.jobs,
                lang=lang,
                resume=args.resume,
                text_column=args.text_column,
                dask_scheduler=args.dask_scheduler,
                dask_local=args.dask_local,
                on_start=started,
                on_result=result,
            )
    except AnalyzerError as exc:
        _error(str(exc))
        return EXIT_ERROR
    except OSError as exc:
        _error(f"{exc.filename or args.out}: cannot write ({exc.strerror})")
        return EXIT_ERROR
    if args.out == "-":
        return EXIT_OK
    summary = Summary()
    for record in read_results(args.out):
        summary.add(record)
    rows = summary.rows()
    table = Table(title=f"{sum(r['articles'] for r in rows)} articles, {summary.errors} errors")
    for column in (
        "outlet",
        "articles",
        "mean_score",
        "attributions",
        "named_share",
        "anonymous_share",
        "vague_share",
    ):
        table.add_column(
            column.replace("_", " "), justify="left" if column == "outlet" else "right"
        )
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    _console(stderr=True).print(table)
    if args.summary:
        Path(args.summary).write_text(
            json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if args.parquet:
        try:
            to_parquet(args.out, args.parquet)
        except AnalyzerError as exc:
            _error(str(exc))
            return EXIT_ERROR
    return EXIT_ERROR if summary.errors else EXIT_OK


def _summarize(args: argparse.Namespace) -> int:
    from analyzer.errors import AnalyzerError
    from analyzer.frontends.summarize import main as summarize_main

    try:
        return summarize_main(args.results, args.by, args.out_dir, not args.no_plots)
    except AnalyzerError as exc:
        _error(str(exc))
        return EXIT_ERROR


def _lsp(args: argparse.Namespace) -> int:
    from analyzer.frontends.lsp import main as lsp_main

    lsp_main()
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    from analyzer.frontends.server import Settings, bind, run

    preload = tuple(x.strip() for x in args.preload.split(",") if x.strip())
    problems = [
        (not 0 <= args.port <= 65535, f"--port must be from 0 to 65535, not {args.port}"),
        (not 1 <= args.workers <= 64, f"--workers must be from 1 to 64, not {args.workers}"),
        (args.max_body < 1, f"--max-body must be positive, not {args.max_body}"),
        (not args.timeout > 0, f"--timeout must be positive, not {args.timeout}"),
        (not args.read_timeout > 0, f"--read-timeout must be positive, not {args.read_timeout}"),
        (not set(preload) <= set(LANGUAGES), f"--preload takes fr and en, not {args.preload}"),
    ]
    for wrong, message in problems:
        if wrong:
            _error(message)
            return EXIT_ERROR
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        _error(f"cannot listen on {args.host}:{args.port} ({exc.strerror})")
        return EXIT_ERROR
    settings = Settings(
        workers=args.workers,
        max_body=args.max_body,
        timeout=args.timeout,
        read_timeout=args.read_timeout,
        cors_origins=tuple(args.cors_origin),
        preload=preload,
    )
    run(sock, settings, access_log=not args.no_access_log)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
