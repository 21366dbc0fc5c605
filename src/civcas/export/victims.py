"""The victims export: one deduplicated person a row, with every spelling and every source.

Names are personal data: `names=False` leaves out the names, their spellings, parts and the
quoted words, and keeps what a count needs (sex, age, status, incidents, dates, places, sources).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from civcas.export.common import SEP, Record, WriteResult
from civcas.export.tabular import write_rows
from civcas.model import NAME_PARTS

PERSON_COLUMNS: tuple[str, ...] = (
    "person",
    "name",
    "spellings",
    *NAME_PARTS,
    "sex",
    "age",
    "age_group",
    "status",
    "relation",
    "incidents",
    "dates",
    "places",
    "reports",
    "mentions",
    "quotes",
)
# Columns that carry a name, left out by `names=False`.
NAME_COLUMNS: frozenset[str] = frozenset({"name", "spellings", *NAME_PARTS, "quotes"})


def person_row(person: Record) -> dict[str, Any]:
    """The flat row of one person record (`Ledger.persons()`)."""
    parts = person.get("parts") or {}
    mentions = person.get("mentions") or []
    row: dict[str, Any] = {
        "person": person.get("id"),
        "name": person.get("name"),
        "spellings": SEP.join(person.get("spellings") or []),
        **{p: parts.get(p) for p in NAME_PARTS},
        **{k: person.get(k) for k in ("sex", "age", "age_group", "status", "relation")},
        "incidents": SEP.join(person.get("incidents") or []),
        "dates": SEP.join(person.get("dates") or []),
        "places": SEP.join(person.get("places") or []),
        "reports": SEP.join(person.get("reports") or []),
        "mentions": len(mentions),
        "quotes": SEP.join(f"{m.get('report')}: {m.get('quote')}" for m in mentions),
    }
    return row


def write_victims(records: Iterable[Record], stream: TextIO, *, names: bool = True) -> WriteResult:
    """CSV, one person a row (PERSON_COLUMNS); `names=False` drops the NAME_COLUMNS."""
    columns = [c for c in PERSON_COLUMNS if names or c not in NAME_COLUMNS]
    rows = ({c: person_row(r)[c] for c in columns} for r in records)
    return write_rows(stream, columns, rows)
