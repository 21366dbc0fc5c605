"""Export writers: the ledger's claims and incidents as JSON Lines, CSV, GeoJSON, ACLED and UCDP.

Writers are pure: they take an iterable of records (the dicts of `Assessment.to_dict()`; for
"claims", pairs of a report dict and its linked claim dicts; for "victims", the person records
of `Ledger.persons()`) and a text stream, and return a
`WriteResult`. They read no database; the caller queries the ledger and opens the stream (CSV
streams with `newline=""`).

    from civcas.export import FORMATS, write
    with open("ledger.csv", "w", encoding="utf-8", newline="") as out:
        write("csv", incidents, out)

`FORMATS` maps each format name to its writer, a one-line description (for `--help`) and the
options it takes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from civcas.export.acled import write_acled
from civcas.export.common import FLAT_COLUMNS, WriteResult
from civcas.export.jsonl import write_claims, write_incidents
from civcas.export.tabular import write_csv, write_geojson
from civcas.export.ucdp import write_ucdp
from civcas.export.victims import write_victims

Writer = Callable[..., WriteResult]


@dataclass(frozen=True, slots=True)
class Format:
    """One export format: its writer and what `--help` says about it."""

    writer: Writer
    description: str

    @property
    def options(self) -> tuple[str, ...]:
        """The keyword options of its writer (e.g. "names" for claims)."""
        params = inspect.signature(self.writer).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)


FORMATS: dict[str, Format] = {
    "claims": Format(write_claims, "JSON Lines, one report a line, claims with their incident id"),
    "incidents": Format(write_incidents, "JSON Lines, one incident record a line"),
    "csv": Format(write_csv, "CSV, one incident a row, flat columns"),
    "geojson": Format(write_geojson, "GeoJSON points of the incidents that have coordinates"),
    "acled": Format(write_acled, "CSV with ACLED's columns and codes"),
    "ucdp": Format(write_ucdp, "CSV with UCDP GED's columns and codes"),
    "victims": Format(write_victims, "CSV, one named victim (deduplicated person) a row"),
}


def write(format: str, records: Iterable[Any], stream: TextIO, **options: Any) -> WriteResult:
    """Write `records` to `stream` in `format` (a key of FORMATS).

    Options belonging to other formats are ignored (so one call site can pass `names=` to any
    format); an option no format knows is an error, as is an unknown format.
    """
    chosen = FORMATS.get(format)
    if chosen is None:
        raise ValueError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    known = {name for f in FORMATS.values() for name in f.options}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"unknown export option(s): {', '.join(unknown)}")
    mine = {k: v for k, v in options.items() if k in chosen.options}
    return chosen.writer(records, stream, **mine)


__all__ = ["FLAT_COLUMNS", "FORMATS", "Format", "WriteResult", "write"]
