"""JSON Lines (contract 1) and JSON files: one report object a line, or an array of them."""

from __future__ import annotations

import json
from collections.abc import Iterator

from civcas.ingest.base import ReadOptions
from civcas.ingest.errors import BadItem, IngestError
from civcas.ingest.records import report_from_fields
from civcas.model import Report


def read_jsonl(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """One report a line; a broken line is an error naming `file:LINENO` and the rest goes on."""
    # Split on "\n" only: str.splitlines() would also split on U+2028 and others inside strings.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield _from_json(line, f"{item}:{lineno}")


def read_json(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """A report object or an array of them; a file that is really JSON Lines is read as such."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if len([line for line in text.split("\n") if line.strip()]) > 1:
            yield from read_jsonl(text, item, options)
        else:
            yield IngestError(item, f"broken JSON ({_why(exc)}); fix the file")
        return
    if isinstance(value, list):
        for index, element in enumerate(value, start=1):
            yield _from_value(element, f"{item}:item {index}")
    else:
        yield _from_value(value, item)


def _from_json(line: str, name: str) -> Report | IngestError:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return IngestError(name, f"broken JSON ({_why(exc)}); fix or remove this line")
    return _from_value(value, name)


def _from_value(value: object, name: str) -> Report | IngestError:
    if not isinstance(value, dict):
        return IngestError(
            name, f'expected a JSON object with a "text" field, got {_kind(value)}; fix it'
        )
    try:
        return report_from_fields(value, name)
    except BadItem as exc:
        return IngestError(name, exc.reason)


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)


def _kind(value: object) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
