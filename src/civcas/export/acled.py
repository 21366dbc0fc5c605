"""ACLED-shaped CSV: one event per incident with ACLED's column names and codes.

Choices (ACLED codebook terms):
- airstrike, drone_strike -> Explosions/Remote violence, "Air/drone strike"; shelling -> "Shelling/
  artillery/missile attack"; explosive -> "Remote explosive/landmine/IED".
- ground_attack, execution, other and unknown types -> Violence against civilians, "Attack": the
  ledger records harm done to civilians and knows only the perpetrator's side, so "Battles" (two
  armed sides) cannot be filled.
- siege_starvation -> Strategic developments, "Other": ACLED has no siege-death event type.
- actor1 is the most supported perpetrator under its ACLED name (data/actors.toml); the other
  perpetrators sources name go to `tags` ("also attributed to ..."), not to assoc_actor_1, which
  in ACLED means acting together. actor2 is "Civilians (<country>)".
- inter codes: 1 the country's own state forces, 8 foreign forces and coalitions, 2 armed groups,
  3 unidentified armed groups, 7 civilians; interaction joins the two, lower first (17, 78).
- admin2, admin3 and source_scale are left empty: the incident record does not hold them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

from civcas.export.common import (
    COUNTRIES,
    Record,
    WriteResult,
    actor_kind,
    actor_name,
    as_date,
    attribution_summary,
    best_or_low,
    count,
    country,
    country_name,
    joined,
    main_actor,
    outlets,
)
from civcas.export.tabular import write_rows

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip

_REMOTE = ("Political violence", "Explosions/Remote violence")
_ATTACK = ("Political violence", "Violence against civilians", "Attack")
# our event_type -> (disorder_type, event_type, sub_event_type)
EVENT_TYPES: dict[str | None, tuple[str, str, str]] = {
    "airstrike": (*_REMOTE, "Air/drone strike"),
    "drone_strike": (*_REMOTE, "Air/drone strike"),
    "shelling": (*_REMOTE, "Shelling/artillery/missile attack"),
    "explosive": (*_REMOTE, "Remote explosive/landmine/IED"),
    "ground_attack": _ATTACK,
    "execution": _ATTACK,
    "siege_starvation": ("Strategic developments", "Strategic developments", "Other"),
    "other": _ATTACK,
}
GEO_PRECISION: dict[str | None, int] = {"exact": 1, "district": 2, "governorate": 3, "country": 3}
CIVILIANS = 7

# Words of the notes sentence.
_EVENT_WORDS: dict[str | None, str] = {
    "airstrike": "an airstrike",
    "drone_strike": "a drone strike",
    "shelling": "shelling",
    "ground_attack": "a ground attack",
    "execution": "an execution",
    "explosive": "an explosion",
    "siege_starvation": "siege and starvation",
}


def event_date(day: date) -> str:
    """ACLED's date form: "18 January 2019" (day written with two digits, as ACLED does)."""
    return day.strftime("%d %B %Y")


def time_precision(record: Record) -> int:
    """1 the day is known, 2 the week, 3 only the month (or less)."""
    start, end = as_date(record.get("date")), as_date(record.get("date_end"))
    precision = record.get("date_precision") or "day"
    span = (end - start).days if start and end else 0
    if precision == "day" and span <= 1:
        return 1
    if precision in ("day", "week") and span <= 7:
        return 2
    return 3


def localise(name: str, code: str | None) -> str:
    """ACLED suffixes some actors with their country: "(Syria)" becomes "(Iraq)" in Iraq."""
    here = country_name(code)
    for other in COUNTRIES.values():
        if name.endswith(f"({other.name})") and here and other.name != here:
            return name[: -len(other.name) - 1] + here + ")"
    return name


def inter(actor: str | None, code: str | None) -> int:
    """ACLED's actor type code of a perpetrator in country `code`."""
    if actor is None or actor == "unknown" or actor_kind(actor) == "unknown":
        return 3
    kind = actor_kind(actor)
    if kind == "state":
        home = actor_name(actor, "acled").startswith(f"Military Forces of {country_name(code)}")
        return 1 if home else 8
    return 8 if kind == "coalition" else 2


def fatalities(record: Record) -> int:
    """Best (or low) of all killed, else of civilians killed; ACLED writes 0 when unknown."""
    for name in ("killed", "civilians_killed"):
        value = best_or_low(record, name)
        if value is not None:
            return value
    return 0


def _figure(record: Record, name: str) -> str | None:
    low, high = count(record, name, "low"), count(record, name, "high")
    if low is None:
        return None
    return str(low) if high in (None, low) else f"{low}-{high}"


def _harm_words(record: Record) -> str:
    killed, civ = _figure(record, "killed"), _figure(record, "civilians_killed")
    injured = _figure(record, "injured")
    parts = []
    if killed:
        parts.append(f"killed {killed} {'person' if killed == '1' else 'people'}")
        if civ:
            parts[-1] += f", including {civ} {'civilian' if civ == '1' else 'civilians'}"
    elif civ:
        parts.append(f"killed {civ} {'civilian' if civ == '1' else 'civilians'}")
    if injured:
        parts.append(f"injured {injured}")
    return " and ".join(parts) if parts else "caused casualties (number unknown)"


def _when(record: Record) -> str:
    day = as_date(record.get("date"))
    if day is None:
        return "On an unknown date"
    precision = record.get("date_precision") or "day"
    end = as_date(record.get("date_end"))
    if precision in ("day", "week") and end and end > day:
        return f"Between {event_date(day).lstrip('0')} and {event_date(end).lstrip('0')}"
    if precision == "year":
        return f"In {day.year}"
    if precision == "month":
        return f"In {day.strftime('%B %Y')}"
    return f"{'In the week of' if precision == 'week' else 'On'} {event_date(day).lstrip('0')}"


def notes(record: Record) -> str:
    """One sentence: when, where, what, by whom (how attributed), harm."""
    actor = main_actor(record)
    what = _EVENT_WORDS.get(record.get("event_type"), "an attack")
    if actor and actor != "unknown":
        how = attribution_summary(record, only=actor).partition(": ")[2]
        who = f" attributed to {actor}" + (f" ({how})" if how else "")
    else:
        who = " by an unidentified perpetrator"
    place = record.get("place_std") or record.get("place")
    admin1 = record.get("admin1")
    where = f"in {place or admin1}, " if place or admin1 else ""
    if place and admin1 and admin1 != place:
        where = f"in {place} ({admin1}), "
    return f"{_when(record)}, {where}{what}{who} {_harm_words(record)}."


def _targeting(record: Record) -> str:
    """ACLED's civilian_targeting: set when civilians were killed."""
    return "Civilian targeting" if best_or_low(record, "civilians_killed") else ""


def tags(record: Record) -> str:
    others = [a for a in (record.get("perpetrators") or [])[1:] if a != "unknown"]
    grade = [f"civcas grade={record['grade']}"] if record.get("grade") else []
    return joined(grade + [f"also attributed to {a}" for a in others])


def row(record: Record, timestamp: int) -> dict[str, Any]:
    """One incident as an ACLED event."""
    code = record.get("country")
    where = country(code)
    day = as_date(record.get("date"))
    actor = main_actor(record)
    disorder, event, sub_event = EVENT_TYPES.get(record.get("event_type"), _ATTACK)
    inter1 = inter(actor, code)
    acled_actor = actor_name(actor if actor else "unknown", "acled")
    return {
        "event_id_cnty": record.get("id"),
        "event_date": event_date(day) if day else None,
        "year": day.year if day else None,
        "time_precision": time_precision(record),
        "disorder_type": disorder,
        "event_type": event,
        "sub_event_type": sub_event,
        "actor1": localise(acled_actor, code),
        "inter1": inter1,
        "actor2": f"Civilians ({country_name(code)})" if code else "Civilians",
        "inter2": CIVILIANS,
        "interaction": int(f"{min(inter1, CIVILIANS)}{max(inter1, CIVILIANS)}"),
        "civilian_targeting": _targeting(record),
        "iso": where.iso if where else None,
        "region": where.region if where else None,
        "country": country_name(code),
        "admin1": record.get("admin1"),
        "location": record.get("place_std") or record.get("place"),
        "latitude": record.get("lat"),
        "longitude": record.get("lon"),
        "geo_precision": GEO_PRECISION.get(record.get("geo_precision")),
        "source": joined(outlets(record)),
        "notes": notes(record),
        "fatalities": fatalities(record),
        "tags": tags(record),
        "timestamp": timestamp,
    }


def write_acled(
    records: Iterable[Record], stream: TextIO, *, timestamp: int | None = None
) -> WriteResult:
    """ACLED columns, one event per incident; `timestamp` (Unix seconds) defaults to now."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return write_rows(stream, COLUMNS, (row(r, stamp) for r in records))
