"""WARC and WARC.gz web archives (Common Crawl News and the like): one article per HTML page.

Records are read one at a time from the stream (warcio), so an archive of any
size is read in constant memory. HTML responses go through the HTML reader
(trafilatura); other documents (images, scripts, PDFs) are skipped and counted
in one ``Rejected`` line per archive; a broken record becomes a ``Rejected`` at
its position and ends the archive, since what follows it cannot be trusted.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from recoupe.ingest.decode import decode
from recoupe.ingest.errors import InputError
from recoupe.ingest.files import open_regular
from recoupe.ingest.html import read_html
from recoupe.ingest.options import IngestOptions
from recoupe.model import Article, Rejected

WARC_EXTENSIONS = (".warc", ".warc.gz")
HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
DOCUMENT_RECORDS = frozenset(("response", "resource"))

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass
class WarcStats:
    """What one archive held: every record is counted in exactly one bucket."""

    records: int = 0
    articles: int = 0
    rejected: int = 0  # HTML pages without article text, oversized or undecodable
    non_html: Counter[str] = field(default_factory=Counter)  # content type -> documents skipped
    other_records: int = 0  # request, warcinfo, metadata, revisit…


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_EXTENSIONS)


def warc_stem(name: str) -> str:
    base = Path(name).name
    for extension in sorted(WARC_EXTENSIONS, key=len, reverse=True):
        if base.lower().endswith(extension):
            return base[: -len(extension)] or "warc"
    return Path(base).stem or "warc"


def read_warc_file(
    path: Path, name: str, options: IngestOptions, stats: WarcStats | None = None
) -> Iterator[Article | Rejected]:
    """Stream an archive from disk (its size is not limited, each record's is)."""
    try:
        stream = open_regular(path)
    except InputError as error:
        yield Rejected(name, error.reason)
        return
    with stream:
        yield from read_warc(stream, name=name, options=options, stats=stats)


def read_warc(
    stream: IO[bytes], *, name: str, options: IngestOptions, stats: WarcStats | None = None
) -> Iterator[Article | Rejected]:
    """Articles of the HTML pages in a WARC stream (gzipped or not), in archive order."""
    from warcio.archiveiterator import WARCIterator  # optional dependency

    stats = stats if stats is not None else WarcStats()
    stem = warc_stem(name)
    # WARCIterator, not ArchiveIterator: the latter reads any text line as an old ARC header.
    records = iter(WARCIterator(stream))
    while True:
        position = f"{name}#{stats.records + 1}"
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # warcio raises many kinds for a damaged archive
            stats.records += 1
            stats.rejected += 1
            yield Rejected(position, _broken(error, first=stats.records == 1))
            break
        stats.records += 1
        try:
            item = _record_article(record, stem, position, stats.records, options, stats)
        except InputError as error:
            stats.rejected += 1
            yield Rejected(position, error.reason)
            continue
        except Exception as error:
            stats.rejected += 1
            yield Rejected(position, _broken(error, first=False))
            break
        if item is not None:
            stats.articles += 1
            yield item
    if stats.non_html:
        kinds = ", ".join(f"{kind} {count}" for kind, count in stats.non_html.most_common(5))
        yield Rejected(name, f"{sum(stats.non_html.values())} non-HTML documents skipped ({kinds})")
    elif stats.records == 0:
        yield Rejected(name, "empty WARC archive")
    elif stats.articles == 0 and stats.rejected == 0:
        yield Rejected(
            name, f"WARC archive holds no HTML pages ({stats.other_records} other records)"
        )


def _broken(error: Exception, *, first: bool) -> str:
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    if first:
        return f"not a readable WARC archive: {detail}"
    return f"broken WARC record, rest of the archive skipped: {detail}"


def _record_article(
    record: Any, stem: str, position: str, number: int, options: IngestOptions, stats: WarcStats
) -> Article | None:
    if record.rec_type not in DOCUMENT_RECORDS:
        stats.other_records += 1
        return None
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    content_type = (headers.get_header("Content-Type") if headers is not None else None) or ""
    media_type = content_type.split(";")[0].strip().lower() or "unknown"
    if media_type not in HTML_TYPES:
        stats.non_html[media_type] += 1
        return None
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        raise InputError(f"HTML page above the limit of {options.max_bytes} bytes (--max-bytes)")
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise InputError(f"truncated WARC record: {missing} bytes of the page are missing")
    text = _html_text(body, content_type, options.max_bytes, position)
    url = record.rec_headers.get_header("WARC-Target-URI")
    article = read_html(
        text, article_id=f"{stem}-{number}", path=position, language=options.default_language
    )
    if article.url is None and url and url.startswith(("http://", "https://")):
        article = dataclasses.replace(article, url=url)
    return article


def _html_text(body: bytes, content_type: str, max_bytes: int, name: str) -> str:
    """The page as text: the charset the server declared when it decodes, else detection."""
    declared = _CHARSET.search(content_type)
    if declared and body:
        try:
            text = body.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip() and "\x00" not in text:
                return text.replace("\r\n", "\n").replace("\r", "\n")
    return decode(body, max_bytes, name)
