"""JSON Lines and JSON inputs: one article per record, fields named by FieldNames."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from recoupe.ingest.article import build_article, clean_text_field, language_code
from recoupe.ingest.dates import normalise_date
from recoupe.ingest.errors import InputError
from recoupe.ingest.options import IngestOptions
from recoupe.model import Article, Rejected


def read_jsonl(
    text: str, *, stem: str, path: str, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """One record per non-blank line; a malformed line is rejected alone."""
    seen_record = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        seen_record = True
        record_path = f"{path}#{number}"
        try:
            record = _loads(line, line_offset=number - 1)
        except InputError as error:
            yield Rejected(record_path, error.reason)
            continue
        yield _record_or_rejected(record, number, stem=stem, path=record_path, options=options)
    if not seen_record:
        yield Rejected(path, "no JSON records")


def read_json(
    text: str, *, stem: str, path: str, options: IngestOptions
) -> Iterator[Article | Rejected]:
    """A JSON array of article objects, or one article object."""
    try:
        data = _loads(text)
    except InputError as error:
        yield Rejected(path, error.reason)
        return
    if isinstance(data, dict):
        yield _record_or_rejected(data, 1, stem=stem, path=path, options=options, single=True)
        return
    if not isinstance(data, list):
        yield Rejected(path, f"JSON holds {_kind(data)}; expected an object or an array of objects")
        return
    if not data:
        yield Rejected(path, "JSON array is empty")
        return
    for number, record in enumerate(data, 1):
        yield _record_or_rejected(
            record, number, stem=stem, path=f"{path}#{number}", options=options
        )


# Longer integers are no field value anyone means; Python refuses to convert
# more than 4300 digits anyway, which would fail the whole input.
MAX_INTEGER_DIGITS = 40


class _OversizedNumber(str):
    """An integer literal too long to convert, kept as text so only its record is rejected."""


def _parse_int(literal: str) -> int | _OversizedNumber:
    if len(literal.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _OversizedNumber(literal)
    return int(literal)


def _loads(text: str, line_offset: int = 0) -> Any:
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise InputError(
            f"malformed JSON: {error.msg} at line {error.lineno + line_offset}"
        ) from None
    except RecursionError:
        raise InputError("malformed JSON: nested too deeply") from None


def _record_or_rejected(
    record: object,
    number: int,
    *,
    stem: str,
    path: str,
    options: IngestOptions,
    single: bool = False,
) -> Article | Rejected:
    try:
        return record_to_article(
            record, number, stem=stem, path=path, options=options, single=single
        )
    except InputError as error:
        return Rejected(path, error.reason)


def record_to_article(
    record: object,
    number: int,
    *,
    stem: str,
    path: str,
    options: IngestOptions,
    single: bool = False,
) -> Article:
    """One JSON object to an Article; ``single`` when the whole input is this one object."""
    if not isinstance(record, dict):
        raise InputError(f"record {number} is {_kind(record)}, not a JSON object")
    fields = options.fields
    if fields.text not in record:
        raise InputError(f"record {number} has no text field {fields.text!r}")
    text = record[fields.text]
    if not isinstance(text, str) or isinstance(text, _OversizedNumber):
        raise InputError(
            f"record {number}: text field {fields.text!r} is {_kind(text)}, not a string"
        )
    if not text.strip():
        raise InputError(f"record {number}: text field {fields.text!r} is empty")
    record_id = clean_text_field(_field(record, fields.id, number, numbers_allowed=True))
    if record_id is None:
        record_id = stem if single else f"{stem}-{number}"
    return build_article(
        id=record_id,
        text=text,
        path=path,
        title=clean_text_field(_field(record, fields.title, number)),
        published=normalise_date(_field(record, fields.date, number, numbers_allowed=True)),
        source=clean_text_field(_field(record, fields.source, number)),
        url=clean_text_field(_field(record, fields.url, number)),
        language=language_code(_field(record, fields.language, number), options.default_language),
        author=clean_text_field(_field(record, fields.author, number)),
    )


def _field(
    record: dict[str, Any], name: str, number: int, *, numbers_allowed: bool = False
) -> str | int | float | None:
    """A metadata field: a string, null or absent (an id or a year may be a number).

    Any other type rejects the record: ``"title": 5`` must not become a headline "5".
    """
    value = record.get(name)
    if isinstance(value, _OversizedNumber):
        raise InputError(
            f"record {number}: field {name!r} is an integer of {len(value)} digits "
            f"(at most {MAX_INTEGER_DIGITS} accepted)"
        )
    if value is None or isinstance(value, str):
        return value
    if numbers_allowed and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise InputError(f"record {number}: field {name!r} is {_kind(value)}, not a string")


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else "a number")
