"""The ``recoupe`` command: parse, call the API, print. Nothing else lives here."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from recoupe.ingest import FieldNames, IngestOptions
from recoupe.ingest.sanitize import printable

EXIT_BAD_INPUT = 2
EXIT_NOTHING_ANALYSED = 3

REPORT_FORMATS = ("json", "md")
SUFFIX_FORMATS = {
    ".jsonl": "jsonl",
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
}


def _bundled_corpus() -> Path:
    """The sample corpus shipped inside the package (``recoupe/sample/corpus``, package data)."""
    from importlib import resources

    return Path(str(resources.files("recoupe") / "sample" / "corpus"))


def render(report: object, fmt: str, indent: int | None = None, interface: str = "auto") -> str:
    from recoupe.model import Report

    assert isinstance(report, Report)
    if fmt == "json":
        from recoupe.render.json import render_json

        return render_json(report, indent)
    if fmt == "jsonl":
        import io

        from recoupe.render.json import write_jsonl

        buffer = io.StringIO()
        write_jsonl(report, buffer)
        return buffer.getvalue()
    if fmt == "md":
        from recoupe.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "html":
        from recoupe.render.html import render_html

        return render_html(report, interface)
    if fmt == "csv":
        from recoupe.render.csv import render_csv

        return render_csv(report)
    raise click.BadParameter(f"unknown format {fmt!r}")


class _WarningLines(logging.Handler):
    """Repairs made to inputs (recoupe.ingest warnings) as ``warning: …`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:  # errors (bugs) are printed as INTERNAL ERROR lines
            click.echo(f"warning: {record.getMessage()}", err=True)


def _show_input_warnings(quiet: bool) -> None:
    logger = logging.getLogger("recoupe.ingest")
    for handler in [
        h for h in logger.handlers if isinstance(h, _WarningLines | logging.NullHandler)
    ]:
        logger.removeHandler(handler)
    # Quiet: a NullHandler keeps Python's last-resort handler from printing them anyway.
    logger.addHandler(logging.NullHandler() if quiet else _WarningLines())


class _PhaseProgress:
    """Progress of every long phase on stderr: model load and NLP, linking, comparing, rendering.

    A live rich bar on a terminal; one line per phase otherwise (logs, CI); nothing when quiet.
    """

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.live: Any = None
        self.tasks: dict[str, Any] = {}
        self.announced: set[str] = set()
        if quiet:
            return
        from rich.console import Console

        console = Console(stderr=True)
        if console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.live = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            )
            self.live.start()

    def _update(self, phase: str, label: str, done: int, total: int | None) -> None:
        if self.quiet:
            return
        if self.live is None:
            if phase not in self.announced:
                self.announced.add(phase)
                click.echo(f"{label}…", err=True)
            return
        if phase not in self.tasks:
            self.tasks[phase] = self.live.add_task(label, total=total)
        self.live.update(self.tasks[phase], completed=done, total=total, description=label)

    def start(self, articles_hint: str = "") -> None:
        self._update("nlp", f"loading the model{articles_hint}", 0, None)

    def nlp(self, done: int, total: int) -> None:
        self._update("nlp", "analysing articles", done, total)

    def phase(self, phase: str, done: int, total: int) -> None:
        label = {
            "linking": "linking entities and stories",
            "comparing": "comparing the stories",
        }.get(phase, phase)
        self._update(phase, label, done, total)

    def rendering(self, fmt: str) -> None:
        self._update("rendering", f"writing the {fmt} report", 0, 1)

    def close(self) -> None:
        if self.live is not None:
            for task in self.live.tasks:
                if task.total:
                    self.live.update(task.id, completed=task.total)
            self.live.stop()


def _echo_rejections(rejections: Sequence[Any], quiet: bool) -> str:
    """Print rejections (internal errors, which are bugs, even with -q); a note on their count."""
    from recoupe.ingest import is_internal_error

    bugs = [r for r in rejections if is_internal_error(r)]
    for rejected in bugs:
        click.echo(
            f"INTERNAL ERROR: {printable(rejected.path)}: {printable(rejected.reason)}", err=True
        )
    if not quiet:
        for rejected in rejections:
            if not is_internal_error(rejected):
                click.echo(
                    f"rejected: {printable(rejected.path)}: {printable(rejected.reason)}", err=True
                )
    return f" ({len(bugs)} internal errors: please report them)" if bugs else ""


def _require_paths(paths: tuple[str, ...]) -> None:
    """A missing input path is a usage error (exit 2) before anything is analysed or written."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise click.BadParameter(
            "no such file or directory: " + ", ".join(missing), param_hint="PATHS"
        )


def _streams(output_format: str, output: Path | None) -> bool:
    """Whether the report is written as it goes (stories compared one at a time, never all
    held): JSON and JSON Lines into a file."""
    return output is not None and output_format in ("json", "jsonl")


def _write_report(
    report: Any,
    output_format: str,
    output: Path | None,
    indent: int | None,
    interface: str,
    stories: Any = None,
) -> None:
    if output is None:
        click.echo(render(report, output_format, indent, interface), nl=False)
    elif _streams(output_format, output):  # written item by item, never held as one string
        from recoupe.render.atomic import atomic_open
        from recoupe.render.json import write_json, write_jsonl

        # Through a temporary file: a failed run never leaves a truncated report behind.
        with atomic_open(output) as out:
            if output_format == "jsonl":
                write_jsonl(report, out, stories)
            else:
                write_json(report, out, indent, stories)
    else:
        from recoupe.render.atomic import write_text

        text = render(report, output_format, indent, interface)
        # a byte order mark lets spreadsheets read the CSV as UTF-8
        write_text(output, "\ufeff" + text if output_format == "csv" else text)


def run_analysis(
    paths: tuple[str, ...],
    output_format: str,
    output: Path | None,
    quiet: bool,
    ingest_options: IngestOptions,
    n_process: int,
    indent: int | None = None,
    interface: str = "auto",
    dask: str | None = None,
) -> None:
    if not quiet:  # at once, before the slow imports and the model load
        click.echo(f"reading {len(paths)} input{'s' if len(paths) != 1 else ''}…", err=True)
    from recoupe.api import AnalyzeOptions, analyze_stream
    from recoupe.nlp.errors import ModelNotInstalled
    from recoupe.nlp.pipeline import PipelineOptions

    _require_paths(paths)
    options = AnalyzeOptions(
        ingest=ingest_options, pipeline=PipelineOptions(n_process=n_process), dask=dask
    )
    _show_input_warnings(quiet)
    progress = _PhaseProgress(quiet)
    try:
        progress.start()
        with analyze_stream(
            list(paths), options, progress=progress.nlp, phases=progress.phase
        ) as stream:
            if _streams(output_format, output):
                progress.rendering(output_format)
                _write_report(stream.head, output_format, output, indent, interface, stream.stories)
                report, stories = stream.head, stream.compared
            else:
                report = stream.collect()
                stories = len(report.stories)
                progress.rendering(output_format)
                _write_report(report, output_format, output, indent, interface)
    except ModelNotInstalled as error:
        raise click.ClickException(str(error)) from error
    finally:
        progress.close()
    bugs = _echo_rejections(report.rejected, quiet)
    if not quiet:
        from recoupe.render.counts import summary_line

        line = summary_line(report, bugs, stories)
        click.echo(line + (f" -> {output}" if output else ""), err=True)
    if not report.articles:
        sys.exit(EXIT_NOTHING_ANALYSED)


def interface_language_option(
    what: str, per_page: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The ``--lang auto|fr|en`` option of the commands that render an interface."""
    override = "; ?lang=fr|en overrides per page" if per_page else ""
    return click.option(
        "--lang",
        "interface",
        type=click.Choice(["auto", "fr", "en"]),
        default="auto",
        show_default=True,
        help=f"Language of the {what} (auto: French for a mostly French corpus{override}).",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="recoupe")
def main() -> None:
    """Cross-check news articles from several outlets."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["json", "jsonl", "md", "html", "csv"]),
    default=None,
    help="Report format (default: from the -o suffix, else json); csv is one row per finding.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of stdout.",
)
@click.option(
    "--input-format",
    type=click.Choice(["text", "jsonl", "json", "html", "feed", "warc"]),
    default=None,
    help="Read every input in this format instead of guessing from the extension.",
)
@click.option(
    "--max-bytes",
    type=int,
    default=IngestOptions().max_bytes,
    show_default=True,
    help="Reject input files larger than this (an article text above 1 000 000 characters, the model's limit, is rejected in any case).",
)
@click.option(
    "--text-field", default="text", show_default=True, help="JSON field holding the article text."
)
@click.option(
    "--title-field", default="title", show_default=True, help="JSON field holding the headline."
)
@click.option(
    "--date-field",
    default="date",
    show_default=True,
    help="JSON field holding the publication date.",
)
@click.option(
    "--source-field",
    default="source",
    show_default=True,
    help="JSON field holding the outlet name.",
)
@click.option(
    "--language",
    default=None,
    help="Analyse every article in this language (skips language identification, which rejects articles in a language without a model).",
)
@click.option(
    "--source",
    "source_name",
    default=None,
    metavar="NAME",
    help="Outlet of articles that name none (plain text files).",
)
@click.option(
    "-j",
    "--jobs",
    "--n-process",
    "n_process",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for the NLP and the comparison of stories (default: one per core, at most 4; 1 runs everything in this process).",
)
@click.option(
    "--indent",
    type=click.IntRange(min=0),
    default=None,
    help="Indent the JSON report by N spaces (default: compact).",
)
@click.option(
    "--dask",
    default=None,
    metavar="SCHEDULER|local",
    help="Run the NLP and the per-story comparison on Dask: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster of 2 workers.",
)
@interface_language_option("HTML report's interface")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary line.")
def analyze(
    paths: tuple[str, ...],
    output_format: str | None,
    output: Path | None,
    input_format: str | None,
    max_bytes: int,
    text_field: str,
    title_field: str,
    date_field: str,
    source_field: str,
    language: str | None,
    source_name: str | None,
    n_process: int | None,
    indent: int | None,
    dask: str | None,
    interface: str,
    quiet: bool,
) -> None:
    """Analyse files, directories or - (stdin) and write a report."""
    if n_process is None:
        from recoupe.batch import default_jobs

        n_process = default_jobs()
    fmt = output_format or (SUFFIX_FORMATS.get(output.suffix.lower(), "json") if output else "json")
    fields = FieldNames(text=text_field, title=title_field, date=date_field, source=source_field)
    ingest_options = IngestOptions(
        format=input_format,
        max_bytes=max_bytes,
        fields=fields,
        default_language=language or "fr",
        language=language,
        source=source_name,
    )
    run_analysis(paths, fmt, output, quiet, ingest_options, n_process, indent, interface, dask)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the report."""
    from recoupe.render.json import schema as report_schema

    click.echo(json.dumps(report_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/demo-report.html"),
    show_default=True,
    help="Where to write the report (format from the suffix).",
)
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Corpus to analyse instead of the bundled sample.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary line.")
def demo(output: Path, corpus: Path | None, quiet: bool) -> None:
    """Analyse the bundled sample corpus and write a report."""
    corpus = corpus or _bundled_corpus()
    if not corpus.exists():
        raise click.ClickException(f"sample corpus not found at {corpus}; pass --corpus DIR")
    fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "json")
    run_analysis((str(corpus),), fmt, output, quiet, IngestOptions(), 1)


_DB_HELP = "SQLite file (default recoupe.db here, created on first use) or postgresql://… URL."


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=None, help=_DB_HELP)
@click.option(
    "--dask",
    default=None,
    metavar="SCHEDULER|local",
    help="Run the NLP and the comparison of changed stories on Dask: a scheduler address (tcp://host:8786) or 'local' for a LocalCluster of 2 workers.",
)
@click.option(
    "--n-process",
    type=int,
    default=1,
    show_default=True,
    help="Worker processes for the NLP (without --dask).",
)
@click.option(
    "--batch-size",
    type=int,
    default=32,
    show_default=True,
    help="Articles analysed and committed per transaction.",
)
@click.option("-q", "--quiet", is_flag=True, help="No per-batch progress, no rejection lines.")
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    dask: str | None,
    n_process: int,
    batch_size: int,
    quiet: bool,
) -> None:
    """Add articles to the store incrementally; re-ingesting the same files adds nothing."""
    from recoupe.nlp.errors import ModelNotInstalled
    from recoupe.nlp.pipeline import PipelineOptions
    from recoupe.store.ingest import IngestResult, ingest_paths

    _show_input_warnings(quiet)

    def progress(result: IngestResult) -> None:
        if not quiet:
            click.echo(f"batch committed: {result.summary()}", err=True)

    from recoupe.store import StoreError

    _require_paths(paths)
    try:
        result = ingest_paths(
            db,
            paths,
            pipeline_options=PipelineOptions(n_process=n_process),
            dask=dask,
            batch_size=batch_size,
            progress=progress,
        )
    except (ModelNotInstalled, StoreError) as error:
        raise click.ClickException(str(error)) from error
    _echo_rejections(result.rejections, quiet)
    click.echo(result.summary())
    if not result.taken():
        sys.exit(EXIT_NOTHING_ANALYSED)


@main.command()
@click.option("--db", default=None, help=_DB_HELP)
@click.option(
    "--format",
    "export_format",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
    help="File format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A directory (one file per table) or a file; JSON Lines goes to stdout without it.",
)
@click.option(
    "--table", "tables", multiple=True, help="Export only this table (repeatable; default all)."
)
def export(
    db: str | None, export_format: str, output: Path | None, tables: tuple[str, ...]
) -> None:
    """Export the store's tables for analysis elsewhere."""
    from recoupe.store import ExportError, Store, StoreError

    try:
        with Store(db, create=False) as store:
            written = store.export(export_format, output, tables)
    except ExportError as error:
        raise click.UsageError(str(error)) from error
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.argument("query")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--limit", type=int, default=20, show_default=True, help="Most hits shown.")
def search(query: str, db: str | None, limit: int) -> None:
    """Full-text search over stored article text and quotes."""
    from recoupe.store import Store, StoreError

    try:
        with Store(db, create=False) as store:
            hits = store.search(query, limit)
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    for hit in hits:
        snippet = " ".join(hit.text.split())
        click.echo(
            f"{printable(hit.article)}\t{hit.kind}\t{hit.start}-{hit.end}\t{printable(snippet)}"
        )


@main.command()
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An analysed report (JSON) to serve.",
)
@click.option("--db", default=None, help=_DB_HELP)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--max-upload-bytes",
    type=int,
    default=5 * 1024 * 1024,
    show_default=True,
    help="Largest request body accepted (413 above).",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer requests for this Host name (repeatable; loopback names and the bound address always).",
)
@interface_language_option("pages", per_page=True)
def serve(
    report_path: Path | None,
    db: str | None,
    host: str,
    port: int,
    max_upload_bytes: int,
    allow_hosts: tuple[str, ...],
    interface: str,
) -> None:
    """Serve the report in a web app: stories, entities, quotes, search, uploads, JSON API."""
    from recoupe.serve import SourceError, is_loopback, open_source, run

    try:
        source = open_source(report_path, db)
    except SourceError as error:
        raise click.ClickException(str(error)) from error
    if not is_loopback(host):
        click.echo(
            f"warning: {host} is not a loopback address; anyone who can reach it can upload",
            err=True,
        )
    click.echo(f"serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run(
        source,
        host=host,
        port=port,
        max_body_bytes=max_upload_bytes,
        allow_hosts=allow_hosts,
        language=interface,
    )


@main.group(name="eval")
def evaluate() -> None:
    """Score the system against gold annotations."""


@evaluate.command(name="times")
@click.argument("timebank_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--split",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="File listing the document names to score (default: every .tml file).",
)
@click.option(
    "--model",
    default="fr_core_news_md",
    show_default=True,
    help="spaCy model giving the verb tense.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every DATE value error.")
def eval_times(
    timebank_dir: Path, split: Path | None, model: str, as_json: bool, show_errors: bool
) -> None:
    """Score date recognition and normalisation on ISO-TimeML files (French TimeBank)."""
    from recoupe.evaluate.base import ScoreError
    from recoupe.evaluate.times import evaluate_timebank, format_score, score_json
    from recoupe.nlp.errors import ModelNotInstalled

    try:
        score = evaluate_timebank(timebank_dir, split, model)
    except (ScoreError, ModelNotInstalled) as error:
        raise click.ClickException(str(error)) from error
    click.echo(score_json(score) if as_json else format_score(score, show_errors))


@evaluate.command(name="pairs")
@click.argument("tsv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every wrongly judged pair.")
def eval_pairs(tsv: Path, as_json: bool, show_errors: bool) -> None:
    """Score contradiction detection on sentence pairs (DACCORD TSV: id, premise, hypothesis, label)."""
    from recoupe.api import compare_groups
    from recoupe.evaluate import pairs as scorer
    from recoupe.nlp.errors import ModelNotInstalled

    try:
        score = scorer.evaluate_pairs(tsv, compare_groups)
    except (scorer.PairsError, ModelNotInstalled) as error:
        raise click.ClickException(str(error)) from error
    click.echo(scorer.scores_json(score) if as_json else scorer.format_scores(score, show_errors))


def _gold_report_command(
    name: str, errors_help: str
) -> Callable[[Callable[..., None]], click.Command]:
    """``recoupe eval NAME GOLD REPORT_JSON [--json] [--errors]``."""

    def wrap(function: Callable[..., None]) -> click.Command:
        decorated = click.option("--errors", "show_errors", is_flag=True, help=errors_help)(
            function
        )
        decorated = click.option(
            "--json", "as_json", is_flag=True, help="Print the scores as JSON."
        )(decorated)
        paths = click.Path(exists=True, dir_okay=False, path_type=Path)
        decorated = click.argument("report_json", type=paths)(decorated)
        decorated = click.argument("gold", type=paths)(decorated)
        return evaluate.command(name=name)(decorated)

    return wrap


def _echo_score(compute: Callable[[], Any], scorer: Any, as_json: bool, show_errors: bool) -> None:
    """Run a scorer; a bad gold or report file is a clean error, not a traceback."""
    from recoupe.evaluate.base import ScoreError

    try:
        score = compute()
    except ScoreError as error:
        raise click.ClickException(str(error)) from error
    click.echo(scorer.score_json(score) if as_json else scorer.format_score(score, show_errors))


@_gold_report_command("entities", "Also list unmatched variants and role differences.")
def eval_entities(gold: Path, report_json: Path, as_json: bool, show_errors: bool) -> None:
    """Score person clustering (B-cubed) and roles of a JSON report against gold."""
    from recoupe.evaluate import entities as scorer

    _echo_score(lambda: scorer.evaluate_entities(gold, report_json), scorer, as_json, show_errors)


@_gold_report_command("quotes", "Also list missed, spurious and wrongly attributed quotes.")
def eval_quotes(gold: Path, report_json: Path, as_json: bool, show_errors: bool) -> None:
    """Score quotes and speakers of a JSON report against gold (overlap 30% and 80%)."""
    from recoupe.evaluate import quotes as scorer

    _echo_score(lambda: scorer.evaluate_quotes(gold, report_json), scorer, as_json, show_errors)


@_gold_report_command("dates", "Also list missed dates, wrong values and spurious dates.")
def eval_dates(gold: Path, report_json: Path, as_json: bool, show_errors: bool) -> None:
    """Score the dates of a JSON report against the gold 'dates' (value, or honest interval)."""
    from recoupe.evaluate import dates as scorer

    _echo_score(lambda: scorer.evaluate_dates(gold, report_json), scorer, as_json, show_errors)


@_gold_report_command("findings", "Also list missed facts, missed and false contradictions.")
def eval_findings(gold: Path, report_json: Path, as_json: bool, show_errors: bool) -> None:
    """Score stories, contradictions and corroborated/single-source facts of a JSON report."""
    from recoupe.evaluate import findings as scorer

    _echo_score(
        lambda: scorer.score_findings_files(gold, report_json), scorer, as_json, show_errors
    )


if __name__ == "__main__":  # pragma: no cover
    main()
