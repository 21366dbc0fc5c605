"""What the export writers share: the result they return, field access on incident records,
the flat columns of one incident, countries and the external names of our actors.

Records are the dicts of `Assessment.to_dict()` (dates as ISO strings or `date` objects).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from civcas.knowledge.actors import actor_table
from civcas.model import ATTRIBUTIONS, COUNT_RANGES

Record = Mapping[str, Any]
SEP = "; "  # joins list values in one cell


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a writer did: records written and records it had to leave out (and why)."""

    written: int = 0
    skipped: int = 0
    reason: str | None = None  # why records were skipped, for the user


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the external datasets name and number it."""

    name: str
    iso: int  # ISO 3166-1 numeric (ACLED's `iso`)
    gw: int  # Gleditsch-Ward code (UCDP's `country_id`)
    region: str  # ACLED's and UCDP's region
    admin1_unit: str  # what UCDP calls its first-level units ("Deir ez-Zor governorate")


# The countries of the gazetteer (knowledge/gazetteer.py covers Syria and Iraq).
COUNTRIES: dict[str, Country] = {
    "SY": Country("Syria", 760, 652, "Middle East", "governorate"),
    "IQ": Country("Iraq", 368, 645, "Middle East", "province"),
}


def country(code: str | None) -> Country | None:
    return COUNTRIES.get(code or "")


def country_name(code: str | None) -> str:
    """The full name of a country code ("SY" -> "Syria"); an unknown code as it is."""
    known = country(code)
    return known.name if known else (code or "")


def actor_name(actor: str, dataset: str) -> str:
    """The name `dataset` ("acled", "ucdp") gives a canonical actor; unlisted actors as they are."""
    return str(actor_table().get(actor, {}).get(dataset) or actor)


def actor_kind(actor: str) -> str:
    return str(actor_table().get(actor, {}).get("kind") or "armed_group")


def as_date(value: Any) -> date | None:
    """A record's date, whether an ISO string or a `date`."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return None


def joined(values: Iterable[Any] | None) -> str:
    return SEP.join(str(v) for v in values or () if v not in (None, ""))


def count(record: Record, name: str, which: str) -> int | None:
    """low/best/high of the casualty figure `name` (a key of COUNT_RANGES), None if not given."""
    value = ((record.get("counts") or {}).get(name) or {}).get(which)
    return int(value) if value is not None else None


def best_or_low(record: Record, name: str) -> int | None:
    best = count(record, name, "best")
    return best if best is not None else count(record, name, "low")


def main_actor(record: Record) -> str | None:
    """The most supported perpetrator (perpetrators are ordered most supported first)."""
    perpetrators = record.get("perpetrators") or []
    return str(perpetrators[0]) if perpetrators else None


def outlets(record: Record) -> list[str]:
    """The outlets of the sources' attributions, each once, in order."""
    seen: dict[str, None] = {}
    for entry in record.get("attribution") or []:
        if entry.get("outlet"):
            seen.setdefault(str(entry["outlet"]), None)
    return list(seen)


def attribution_summary(record: Record, only: str | None = None) -> str:
    """Who is said to have done it, how, by how many sources: "Russia: asserted 2, alleged 1"."""
    tally: dict[str, dict[str, int]] = {a: {} for a in record.get("perpetrators") or []}
    for entry in record.get("attribution") or []:
        kinds = tally.setdefault(str(entry.get("actor")), {})
        kind = str(entry.get("attribution") or "unknown")
        kinds[kind] = kinds.get(kind, 0) + 1
    parts = []
    for actor, kinds in tally.items():
        if kinds and only in (None, actor):
            ordered = sorted(kinds.items(), key=lambda kv: _attribution_rank(kv[0]))
            parts.append(f"{actor}: " + ", ".join(f"{k} {n}" for k, n in ordered))
    return SEP.join(parts)


def _attribution_rank(kind: str) -> int:
    return ATTRIBUTIONS.index(kind) if kind in ATTRIBUTIONS else len(ATTRIBUTIONS)


def _iso(value: Any) -> str | None:
    day = as_date(value)
    return day.isoformat() if day else None


# The flat columns of one incident (csv, geojson properties), in order.
FLAT_COLUMNS: tuple[str, ...] = (
    (
        "id", "date", "date_end", "date_precision", "date_basis", "place", "place_std", "admin1",
        "country",
        "lat", "lon", "geo_precision", "pcode", "event_type", "perpetrators", "attributions",
    )
    + tuple(f"{name}_{which}" for name in COUNT_RANGES for which in ("low", "best", "high"))
    + (
        "sources", "independent_sources", "grade", "grade_reasons", "contradictions",
        "report_ids",
    )
)


def flat_row(record: Record) -> dict[str, Any]:
    """One incident as flat columns (FLAT_COLUMNS): lists joined by "; ", counts split out."""
    row: dict[str, Any] = {name: record.get(name) for name in FLAT_COLUMNS}
    row["date"], row["date_end"] = _iso(record.get("date")), _iso(record.get("date_end"))
    row["perpetrators"] = joined(record.get("perpetrators"))
    row["attributions"] = attribution_summary(record)
    for name in COUNT_RANGES:
        for which in ("low", "best", "high"):
            row[f"{name}_{which}"] = count(record, name, which)
    for name in ("grade_reasons", "contradictions", "report_ids"):
        row[name] = joined(record.get(name))
    return row
