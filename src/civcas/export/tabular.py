"""Flat writers: CSV of the incident columns, and GeoJSON points with the same properties.

Open CSV streams with `newline=""` (the csv module writes its own line ends); for Excel to read
Arabic, open them with encoding "utf-8-sig".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from civcas.export.common import FLAT_COLUMNS, Record, WriteResult, flat_row


def write_rows(
    stream: TextIO, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> WriteResult:
    """A header of `columns`, then one line per row (None as an empty cell)."""
    writer = csv.DictWriter(stream, fieldnames=list(columns))
    writer.writeheader()
    written = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        written += 1
    return WriteResult(written)


def write_csv(records: Iterable[Record], stream: TextIO) -> WriteResult:
    """One row per incident with the flat columns (FLAT_COLUMNS)."""
    return write_rows(stream, FLAT_COLUMNS, (flat_row(r) for r in records))


def point(record: Record) -> tuple[float, float] | None:
    """[lon, lat] of an incident, None where it has no usable coordinates."""
    lat, lon = record.get("lat"), record.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return float(lon), float(lat)


def feature(record: Record, where: tuple[float, float]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": record.get("id"),
        "geometry": {"type": "Point", "coordinates": list(where)},
        "properties": flat_row(record),
    }


def write_geojson(records: Iterable[Record], stream: TextIO) -> WriteResult:
    """A FeatureCollection of Point features; incidents without coordinates are skipped."""
    written = skipped = 0
    stream.write('{"type": "FeatureCollection", "features": [')
    for record in records:
        where = point(record)
        if where is None:
            skipped += 1
            continue
        stream.write(",\n" if written else "\n")
        stream.write(json.dumps(feature(record, where), ensure_ascii=False))
        written += 1
    stream.write("\n]}\n")
    reason = "no coordinates" if skipped else None
    return WriteResult(written, skipped, reason)
