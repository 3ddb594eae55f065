"""Build small WARC archives in the tests (warcio's writer), with invented pages."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass(frozen=True)
class Page:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    record_type: str = "response"


def html_page(title: str, paragraphs: Sequence[str], site: str = "Le Courrier de Lauzac") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="fr"><head><title>{title}</title>'
        f'<meta property="og:site_name" content="{site}"></head>'
        f"<body><nav>Accueil | Région | Sports</nav><article><h1>{title}</h1>{body}</article>"
        f"<footer>© {site}</footer></body></html>"
    ).encode()


def write_warc(stream: IO[bytes], pages: Sequence[Page], *, gzip: bool = True) -> None:
    writer = WARCWriter(stream, gzip=gzip)
    for page in pages:
        if page.record_type == "response":
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", page.content_type)], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                page.url, "response", payload=io.BytesIO(page.body), http_headers=headers
            )
        else:
            record = writer.create_warc_record(
                page.url,
                page.record_type,
                payload=io.BytesIO(page.body),
                warc_content_type=page.content_type,
            )
        writer.write_record(record)


def warc_bytes(pages: Sequence[Page], *, gzip: bool = True) -> bytes:
    stream = io.BytesIO()
    write_warc(stream, pages, gzip=gzip)
    return stream.getvalue()
