"""UCDP GED-shaped CSV: one event per incident with the GED column names and codes.

Choices (GED codebook terms):
- type_of_violence is 3 (one-sided violence: an organised actor against civilians) for every
  incident: the ledger records harm done to civilians. side_a is the most supported perpetrator
  under its UCDP name (data/actors.toml), side_b "Civilians"; conflict_name and dyad_name are
  "<side_a> - civilians", as UCDP names its one-sided dyads.
- Deaths: best (or low) of all killed; deaths_civilians the civilians among them, deaths_unknown
  the rest, deaths_a and deaths_b 0; low/high the lowest and highest figures of any source.
  Unknown counts are left empty, never written as 0.
- where_prec: exact place 1, district 3, governorate 4, country 6. date_prec: 1 the day, 2 within
  2-6 days, 3 the week, 4 the month (8-30 days), 5 longer. event_clarity: 1 when both the day
  (date_prec <= 2) and the district or better (where_prec <= 3) are known, else 2.
- UCDP's own identifiers and review fields (active_year, code_status, *_dset_id, *_new_id,
  gwnoa, gwnob) and source_date, source_headline, source_original, adm_2 are left empty; id and
  relid carry our incident id, source_article the report ids, source_office the outlets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, TextIO

from civcas.export.common import (
    Record,
    WriteResult,
    actor_name,
    as_date,
    count,
    country,
    country_name,
    joined,
    main_actor,
    outlets,
)
from civcas.export.tabular import point, write_rows

COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence",
    "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id",
    "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id",
    "side_b", "number_of_sources", "source_article", "source_office", "source_date",
    "source_headline", "source_original", "where_prec", "where_coordinates",
    "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid",
    "country", "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
)  # fmt: skip

ONE_SIDED = 3
WHERE_PREC: dict[str | None, int] = {"exact": 1, "district": 3, "governorate": 4, "country": 6}


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell (0.5 degree, numbered row by row from the south-west corner)."""
    row = min(math.floor((lat + 90) / 0.5), 359)
    col = min(math.floor((lon + 180) / 0.5), 719)
    return row * 720 + col + 1


def date_prec(record: Record) -> int:
    start, end = as_date(record.get("date")), as_date(record.get("date_end"))
    span = (end - start).days if start and end else 0
    precision = record.get("date_precision") or "day"
    if precision == "day" and span <= 6:
        return 1 if span == 0 else 2
    if precision in ("day", "week") and span <= 7:
        return 3
    if precision in ("day", "week", "month") and span <= 30:
        return 4
    return 5


def _first(*values: int | None) -> int | None:
    return next((v for v in values if v is not None), None)


def deaths(record: Record) -> dict[str, int | None]:
    """deaths_* and low/best/high of one incident (all None where no figure is known)."""
    def figure(which: str) -> tuple[int | None, int | None]:
        return count(record, "killed", which), count(record, "civilians_killed", which)

    (k_low, c_low), (k_best, c_best), (k_high, c_high) = map(figure, ("low", "best", "high"))
    killed, civilians = _first(k_best, k_low), _first(c_best, c_low)
    known = [v for v in (killed, civilians) if v is not None]
    if not known:
        return dict.fromkeys(("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
                              "best", "high", "low"))
    best, civ = max(known), civilians or 0
    lows = [v for v in (k_low, c_low) if v is not None]
    highs = [v for v in (k_high, c_high, best) if v is not None]
    return {
        "deaths_a": 0,
        "deaths_b": 0,
        "deaths_civilians": civ,
        "deaths_unknown": best - civ,
        "best": best,
        "high": max(highs),
        "low": min([*lows, best]),
    }


def _where(record: Record) -> dict[str, Any]:
    code = record.get("country")
    located = point(record)
    known = country(code)
    admin1 = record.get("admin1")
    unit = f" {known.admin1_unit}" if known else ""
    return {
        "where_prec": WHERE_PREC.get(record.get("geo_precision")),
        "where_coordinates": record.get("place_std") or record.get("place") or admin1,
        "where_description": record.get("place"),
        "adm_1": f"{admin1}{unit}" if admin1 else None,
        "latitude": record.get("lat"),
        "longitude": record.get("lon"),
        "geom_wkt": f"POINT ({located[0]} {located[1]})" if located else None,
        "priogrid_gid": priogrid_gid(located[1], located[0]) if located else None,
        "country": country_name(code),
        "country_id": known.gw if known else None,
        "region": known.region if known else None,
    }


def row(record: Record) -> dict[str, Any]:
    """One incident as a GED event."""
    start = as_date(record.get("date"))
    end = as_date(record.get("date_end")) or start
    actor = main_actor(record) or "unknown"
    side_a = actor_name(actor, "ucdp")
    out: dict[str, Any] = {
        "id": record.get("id"),
        "relid": record.get("id"),
        "year": start.year if start else None,
        "type_of_violence": ONE_SIDED,
        "conflict_name": f"{side_a} - civilians",
        "dyad_name": f"{side_a} - civilians",
        "side_a": side_a,
        "side_b": "Civilians",
        "number_of_sources": record.get("sources"),
        "source_article": joined(record.get("report_ids")),
        "source_office": joined(outlets(record)),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        "date_prec": date_prec(record),
    }
    out.update(_where(record))
    out["event_clarity"] = 1 if out["date_prec"] <= 2 and (out["where_prec"] or 9) <= 3 else 2
    out.update(deaths(record))
    return out


def write_ucdp(records: Iterable[Record], stream: TextIO) -> WriteResult:
    """UCDP GED columns, one event per incident."""
    return write_rows(stream, COLUMNS, (row(r) for r in records))
