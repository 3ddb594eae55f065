"""Shared by the ingestion tests: fixture paths and small readers."""

from __future__ import annotations

from pathlib import Path

from recoupe.ingest import IngestOptions, read_bytes, read_inputs
from recoupe.model import Article, Rejected

FIXTURES = Path(__file__).parent / "fixtures"


def read_all(*paths: str | Path, options: IngestOptions | None = None) -> list[Article | Rejected]:
    return list(read_inputs(paths, options or IngestOptions()))


def read_one(data: bytes | str, name: str, options: IngestOptions | None = None) -> Article:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    items = list(read_bytes(raw, name, options or IngestOptions()))
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Article), item
    return item


def reject_one(data: bytes | str, name: str, options: IngestOptions | None = None) -> Rejected:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    items = list(read_bytes(raw, name, options or IngestOptions()))
    assert len(items) == 1, items
    (item,) = items
    assert isinstance(item, Rejected), item
    return item
