"""Where inputs come from (files, directories, stdin, uploads) and which reader takes each."""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path, PurePosixPath

from recoupe.ingest.decode import UNSUPPORTED_EXTENSIONS, check_size, decode
from recoupe.ingest.errors import InputError, internal_error, strict_mode
from recoupe.ingest.feeds import read_feed
from recoupe.ingest.files import open_regular
from recoupe.ingest.html import read_html
from recoupe.ingest.jsonl import read_json, read_jsonl
from recoupe.ingest.language import check_language
from recoupe.ingest.options import DEFAULT_OPTIONS, IngestOptions
from recoupe.ingest.sanitize import Changes, clean_string
from recoupe.ingest.text import read_text
from recoupe.ingest.warc import is_warc, read_warc, read_warc_file
from recoupe.model import Article, Rejected

STDIN = "-"
STDIN_STEM = "stdin"

FORMAT_BY_EXTENSION = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".warc.gz": "warc",
}

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


def read_inputs(
    paths: Iterable[str | Path], options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Rejected]:
    """Articles and rejections from files, directories (recursive) and ``-`` for stdin."""
    for item in _read_inputs(paths, options):
        yield _printable_rejection(item) if isinstance(item, Rejected) else item


def _printable_rejection(rejected: Rejected) -> Rejected:
    """A rejection whose path (a file name may hold anything) can be encoded and stored."""
    return Rejected(
        clean_string(rejected.path, Changes()), clean_string(rejected.reason, Changes())
    )


def _read_inputs(
    paths: Iterable[str | Path], options: IngestOptions
) -> Iterator[Article | Rejected]:
    for given in paths:
        name = str(given)
        if name == STDIN:
            data = sys.stdin.buffer.read(options.max_bytes + 1)
            yield from _read_bytes(data, STDIN, options)
            continue
        path = Path(given)
        if path.is_dir():
            yield from _read_directory(path, options)
        else:
            yield from _read_file(path, shown_path(path), options, in_directory=False)


def read_bytes(
    data: bytes, name: str, options: IngestOptions = DEFAULT_OPTIONS
) -> Iterator[Article | Rejected]:
    """Articles and rejections from one input's bytes; ``name`` gives its path and id."""
    for item in _read_bytes(data, name, options):
        yield _printable_rejection(item) if isinstance(item, Rejected) else item


def _read_bytes(data: bytes, name: str, options: IngestOptions) -> Iterator[Article | Rejected]:
    fmt = options.format
    if fmt is None and name != STDIN:
        fmt = FORMAT_BY_EXTENSION.get(_extension(name))
    produced = False
    try:
        for item in _read(data, name, fmt, options):
            produced = True
            yield _finish(item, options)
    except InputError as error:
        produced = True
        yield Rejected(name, error.reason)
    except Exception as error:  # a bug, not bad input: loud in tests, listed apart otherwise
        if strict_mode():
            raise
        produced = True
        yield internal_error(name, error)
    if not produced:
        yield Rejected(name, "no articles found")


def _read(
    data: bytes, name: str, fmt: str | None, options: IngestOptions
) -> Iterator[Article | Rejected]:
    if fmt == "warc":  # binary (often gzipped): never decoded as a whole
        yield from read_warc(io.BytesIO(data), name=name, options=options)
        return
    text = decode(data, options.max_bytes, name)
    fmt = fmt or sniff_format(text)
    stem = _stem(name)
    language = options.default_language
    if fmt == "text":
        yield read_text(text, article_id=stem, path=name, language=language)
    elif fmt == "html":
        yield read_html(text, article_id=stem, path=name, language=language)
    elif fmt == "jsonl":
        yield from read_jsonl(text, stem=stem, path=name, options=options)
    elif fmt == "json":
        yield from read_json(text, stem=stem, path=name, options=options)
    else:
        yield from read_feed(data, stem=stem, path=name, language=language)


def _finish(item: Article | Rejected, options: IngestOptions) -> Article | Rejected:
    """Language check and --source for every article read."""
    if isinstance(item, Rejected):
        return item
    if options.source and not item.source:
        item = replace(item, source=options.source, source_evidence="metadata")
    return check_language(item, options.supported_languages, options.language)


def sniff_format(text: str) -> str:
    """The format an input's content looks like, for stdin and unknown extensions."""
    head = text.lstrip()[:2000]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        lines = [line for line in text.strip().split("\n") if line.strip()]
        looks_like_lines = len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines)
        return "jsonl" if looks_like_lines else "json"
    if head.startswith("<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_ROOT.search(head):
            return "html"
    return "text"


def shown_path(path: Path, root: Path | None = None) -> str:
    """An input's path as reports and the store keep it: never an absolute local path.

    A file under a directory given on the command line is named from that
    directory (``corpus/a/b.txt``); a relative path stays as given; an absolute
    one keeps only its last part. Reports are mailed around: they must not tell
    where the user's files live.
    """
    if root is not None:
        return PurePosixPath(shown_path(root), path.relative_to(root).as_posix()).as_posix()
    if path.is_absolute() or ".." in path.parts:
        return path.name or str(path)
    return path.as_posix()


def _read_directory(directory: Path, options: IngestOptions) -> Iterator[Article | Rejected]:
    found = False
    for path in sorted(_walk(directory)):
        found = True
        yield from _read_file(path, shown_path(path, directory), options, in_directory=True)
    if not found:
        yield Rejected(shown_path(directory), "directory holds no files to read")


def _walk(directory: Path) -> Iterator[Path]:
    """Regular files under the directory, hidden files and directories left out."""
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in files:
            if not file_name.startswith("."):
                yield Path(root) / file_name


def _read_file(
    path: Path, name: str, options: IngestOptions, *, in_directory: bool
) -> Iterator[Article | Rejected]:
    extension = _extension(name)
    if in_directory and options.format is None and extension not in FORMAT_BY_EXTENSION:
        reason = UNSUPPORTED_EXTENSIONS.get(
            extension, f"unsupported file type {extension}; use --format"
        )
        yield Rejected(name, reason)
        return
    if options.format == "warc" or (options.format is None and is_warc(name)):
        # Archives stream record by record: only each record's size is limited.
        yield from read_warc_file(path, name, options)
        return
    try:
        with open_regular(path) as stream:
            check_size(os.fstat(stream.fileno()).st_size, options.max_bytes)
            data = stream.read(options.max_bytes + 1)
        check_size(len(data), options.max_bytes)  # grown since the size was checked
    except InputError as error:
        yield Rejected(name, error.reason)
        return
    except OSError as error:
        yield Rejected(name, f"cannot read: {error.strerror or error}")
        return
    yield from read_bytes(data, name, options)


def _extension(name: str) -> str:
    if name == STDIN:
        return ""
    return ".warc.gz" if name.lower().endswith(".warc.gz") else Path(name).suffix.lower()


def _stem(name: str) -> str:
    if name == STDIN:
        return STDIN_STEM
    return Path(name).stem or STDIN_STEM
