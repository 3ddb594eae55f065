"""Ingestion: inputs of every format to Article records, bad input to Rejected records.

Each input is a file, a directory (read recursively, hidden files left out) or
``-`` for stdin. Readers never raise for bad input: they yield a
:class:`~recoupe.model.Rejected` with a reason a person can act on. An
unexpected exception inside a reader is a bug, kept apart (see
:mod:`recoupe.ingest.errors`).
"""

from __future__ import annotations

from recoupe.ingest.dedupe import deduplicate
from recoupe.ingest.errors import is_internal_error
from recoupe.ingest.options import FORMATS, FieldNames, IngestOptions
from recoupe.ingest.source import read_bytes, read_inputs, sniff_format

__all__ = [
    "FORMATS",
    "FieldNames",
    "IngestOptions",
    "deduplicate",
    "is_internal_error",
    "read_bytes",
    "read_inputs",
    "sniff_format",
]
