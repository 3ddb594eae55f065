"""Export store tables for researchers: JSON Lines, CSV or Parquet, streamed table by table."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, Integer, Table, select

from recoupe.render.atomic import atomic_open, atomic_path
from recoupe.store import schema

FORMATS = ("jsonl", "csv", "parquet")
EXTENSIONS = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
TABLES = tuple(schema.EXPORT_TABLES)

# Columns holding JSON text; JSON Lines gets them as values, CSV and Parquet as text.
JSON_COLUMNS = frozenset(
    ("variants", "parts", "timeline", "brief", "coverage", "evidence", "sources")
)
_CHUNK_ROWS = 5_000


class ExportError(Exception):
    """A request the exporter cannot fulfil; the message says what to pass instead."""


def export(engine: Engine, fmt: str, output: Path | None, tables: Sequence[str] = ()) -> list[Path]:
    """Write the chosen tables (all when none given); returns the files written.

    ``output`` a directory (existing, or a path without suffix): one file per
    table. A file: JSON Lines gets every table with a ``table`` field per line;
    CSV and Parquet need exactly one table. None: JSON Lines on stdout.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    unknown = [name for name in tables if name not in schema.EXPORT_TABLES]
    if unknown:
        raise ExportError(f"unknown table {unknown[0]!r}; choose among {', '.join(TABLES)}")
    chosen = [schema.EXPORT_TABLES[name] for name in (tables or TABLES)]
    if output is None:
        if fmt != "jsonl":
            raise ExportError(f"{fmt} export needs -o DIR_OR_FILE")
        _write_jsonl(engine, chosen, sys.stdout, tagged=True)
        return []
    if output.is_dir() or not output.suffix:
        output.mkdir(parents=True, exist_ok=True)
        written = []
        for table in chosen:
            path = output / f"{table.name}{EXTENSIONS[fmt]}"
            _write_file(engine, fmt, [table], path, tagged=False)
            written.append(path)
        return written
    if fmt != "jsonl" and len(chosen) != 1:
        raise ExportError(f"a single {fmt} file holds one table: pass --table NAME, or -o DIR")
    output.parent.mkdir(parents=True, exist_ok=True)
    _write_file(engine, fmt, chosen, output, tagged=len(chosen) > 1)
    return [output]


def _rows(engine: Engine, table: Table) -> Iterator[dict[str, Any]]:
    parent = next((table.c[name] for name in ("entity", "story") if name in table.c), None)
    if "seq" in table.c:
        order = [table.c.seq]
    else:
        order = ([parent] if parent is not None else []) + [table.c.position]
    with engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=_CHUNK_ROWS).execute(
            select(table).order_by(*order)
        )
        for row in result:
            yield dict(row._mapping)


def _write_file(
    engine: Engine, fmt: str, tables: Sequence[Table], path: Path, *, tagged: bool
) -> None:
    """Write through a temporary file: a failed export leaves an existing file as it was."""
    if fmt == "parquet":
        with atomic_path(path) as temporary:
            _write_parquet(engine, tables[0], temporary)
        return
    with atomic_open(path, newline="") as stream:
        if fmt == "jsonl":
            _write_jsonl(engine, tables, stream, tagged=tagged)
        else:
            _write_csv(engine, tables[0], stream)


def _write_jsonl(engine: Engine, tables: Sequence[Table], stream: IO[str], *, tagged: bool) -> None:
    for table in tables:
        for row in _rows(engine, table):
            record = {
                k: json.loads(v) if k in JSON_COLUMNS and v is not None else v
                for k, v in row.items()
            }
            if tagged:
                record = {"table": table.name, **record}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_csv(engine: Engine, table: Table, stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(table.columns.keys()))
    writer.writeheader()
    for row in _rows(engine, table):
        writer.writerow(row)


def _write_parquet(engine: Engine, table: Table, path: Path) -> None:
    import pyarrow as pa  # heavy: imported only for Parquet
    import pyarrow.parquet as pq

    arrow_schema = pa.schema(
        [
            (column.name, pa.int64() if isinstance(column.type, Integer) else pa.string())
            for column in table.columns
        ]
    )
    with pq.ParquetWriter(path, arrow_schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in _rows(engine, table):
            chunk.append(row)
            if len(chunk) >= _CHUNK_ROWS:
                writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
                chunk = []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
