"""The one options object of the ingestion layer."""

from __future__ import annotations

from dataclasses import dataclass, field

FORMATS = ("text", "jsonl", "json", "html", "feed", "warc")

_FORMAT_ALIASES = {
    "txt": "text",
    "plain": "text",
    "ndjson": "jsonl",
    "htm": "html",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
}


@dataclass(frozen=True)
class FieldNames:
    """Names of the JSON / JSON Lines fields read into an Article."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    source: str = "source"
    url: str = "url"
    language: str = "language"
    id: str = "id"
    author: str = "author"


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read; ``format=None`` chooses by extension (or content for stdin)."""

    format: str | None = None
    max_bytes: int = 20_000_000
    fields: FieldNames = field(default_factory=FieldNames)
    default_language: str = "fr"
    language: str | None = None  # forces every article's language, skipping identification
    supported_languages: tuple[str, ...] = ("fr",)  # others are rejected when identified
    source: str | None = None  # outlet of inputs that name none (--source)

    def __post_init__(self) -> None:
        if self.format is None:
            return
        name = self.format.strip().lower().lstrip(".")
        name = _FORMAT_ALIASES.get(name, name)
        if name not in FORMATS:
            raise ValueError(
                f"unknown input format {self.format!r}; choose one of {', '.join(FORMATS)}"
            )
        object.__setattr__(self, "format", name)


DEFAULT_OPTIONS = IngestOptions()
