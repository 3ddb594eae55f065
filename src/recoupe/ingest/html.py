"""HTML pages (main text and metadata by trafilatura) and HTML fragments to plain text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from recoupe.ingest.article import build_article, clean_text_field, language_code
from recoupe.ingest.dates import normalise_date
from recoupe.ingest.errors import InputError
from recoupe.ingest.sanitize import repair_char_refs
from recoupe.model import Article

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z][\w-]*)", re.IGNORECASE)

# Less than this is navigation or a caption left over, not an article.
MIN_ARTICLE_CHARS = 40

# Only dates the page states: no guessing from copyright years or URLs.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(text: str, *, article_id: str, path: str, language: str) -> Article:
    """One article from an HTML page, boilerplate removed."""
    import trafilatura  # heavy: imported only when HTML is read

    text = repair_char_refs(text, path)  # lxml drops a whole page at &#x1b;
    document: Any = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    body = getattr(document, "text", None) if document is not None else None
    if not isinstance(body, str) or len(body.strip()) < MIN_ARTICLE_CHARS:
        raise InputError("no article text found in the HTML page")
    lang = _HTML_LANG.search(text[:5000])
    return build_article(
        id=article_id,
        text=body,
        path=path,
        title=clean_text_field(getattr(document, "title", None)),
        published=normalise_date(getattr(document, "date", None)),
        source=clean_text_field(getattr(document, "sitename", None)),
        url=clean_text_field(getattr(document, "url", None)),
        language=language_code(lang.group(1) if lang else None, language),
        author=clean_text_field(getattr(document, "author", None)),
    )


_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul"),
    )
)
_SKIPPED = frozenset(("script", "style", "template", "noscript"))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): one paragraph per block."""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    paragraphs = re.split(r"\n{2,}", "\n".join(lines))
    return "\n\n".join(p.strip("\n") for p in paragraphs if p.strip())
