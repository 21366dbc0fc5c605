"""Answering "who is responsible for ...?": the incidents a question names, in plain words.

The question is read with the extractors themselves (dates and places), so it may name a
place in any spelling or script the gazetteer knows and a date in any form a report may use.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from civcas.extract import detect_language
from civcas.extract.dates import find_dates
from civcas.extract.places import find_places
from civcas.knowledge.gazetteer import haversine_km, normalise, standard_admin1
from civcas.store.ledger import IncidentFilter, Ledger

NEAR_KM = 15.0  # an incident this close to the place asked about is "at" it
DAY_SLACK = 1  # sources often differ by a day (night strikes, time zones)


@dataclass(slots=True)
class Question:
    """What a question names: a place (with coordinates where known), a date range."""

    text: str
    place: str | None = None
    place_std: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    governorate_only: bool = False
    since: date | None = None
    until: date | None = None
    asked_date: str | None = None  # the date as the question gives it, e.g. "7 February 2019"

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "place_std": self.place_std,
            "admin1": self.admin1,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


@dataclass(slots=True)
class Answer:
    question: Question
    incidents: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question.text,
            "understood": self.question.to_dict(),
            "incidents": self.incidents,
        }

    def text(self) -> str:
        return format_answer(self)


def read_question(text: str, today: date | None = None) -> Question:
    """The place and date a question names (either may be missing)."""
    lang = detect_language(text)
    q = Question(text=text)
    dates = [d for d in find_dates(text, lang, today or date.today()) if d.value]
    if dates:
        d = dates[0]
        q.since, q.until = _date_range(d.value, d.precision)  # type: ignore[arg-type]
        q.asked_date = ("on " if d.precision == "day" else "in ") + d.span.of(text)
    places = find_places(text, lang)
    if places:
        p = places[0]
        q.place = p.span.of(text)
        q.place_std, q.admin1 = p.place.name, p.place.admin1
        q.lat, q.lon = p.place.lat, p.place.lon
        # "in Idlib", "in Deir ez-Zor": a name that is also a governorate's means all of it
        named_admin1 = standard_admin1(q.place)
        if named_admin1:
            q.admin1 = named_admin1
        q.governorate_only = bool(named_admin1) or p.geo_precision in ("governorate", "country")
    return q


def _date_range(day: date, precision: str) -> tuple[date, date]:
    if precision == "day":
        return day - timedelta(days=DAY_SLACK), day + timedelta(days=DAY_SLACK)
    if precision == "week":
        return day - timedelta(days=7), day + timedelta(days=7)
    if precision == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end
    return date(day.year, 1, 1), date(day.year, 12, 31)


def ask(question: str, ledger: Ledger, today: date | None = None) -> Answer:
    """The incidents of the ledger that the question names, nearest first."""
    q = read_question(question, today)
    where = IncidentFilter(
        since=q.since, until=q.until, admin1=q.admin1 if q.governorate_only else None
    )
    found = [i for i in ledger.incidents(where) if _at_place(q, i)]
    found.sort(key=lambda i: (_distance(q, i), i.get("date") or "", i["id"]))
    return Answer(question=q, incidents=found)


def _at_place(q: Question, incident: dict[str, Any]) -> bool:
    if q.place_std is None or q.governorate_only:
        return True
    if incident.get("place_std") and normalise(incident["place_std"]) == normalise(q.place_std):
        return True
    return _distance(q, incident) <= NEAR_KM


def _distance(q: Question, incident: dict[str, Any]) -> float:
    if None in (q.lat, q.lon, incident.get("lat"), incident.get("lon")):
        return 0.0 if q.place_std is None else float("inf")
    return haversine_km(q.lat, q.lon, incident["lat"], incident["lon"])  # type: ignore[arg-type]


def format_answer(answer: Answer) -> str:
    """The answer in plain words: each incident, its toll, who is named by whom, the grade."""
    q = answer.question
    asked = " ".join(
        x for x in (q.place and f"in {q.place}", q.since and _range_words(q)) if x
    )
    if not answer.incidents:
        return (
            f"No incident in the ledger {asked or 'matches the question'}."
            + ("" if q.place or q.since else " Name a place and a date, e.g. "
               '"Who is responsible for the killing of civilians in Hajin on 7 February 2019?"')
        )
    parts = [f"{len(answer.incidents)} incident(s) {asked}:".replace("  ", " ")]
    for inc in answer.incidents:
        parts.append(describe_incident(inc))
    return "\n\n".join(parts)


def _range_words(q: Question) -> str:
    return f"{q.asked_date} ({q.since} to {q.until})"


def describe_incident(inc: dict[str, Any]) -> str:
    """One incident in plain words, quoting each source's attribution."""
    where = inc.get("place") or inc.get("place_std") or inc.get("admin1") or "an unknown place"
    when = inc.get("date") or "an unknown date"
    if inc.get("date_end") and inc["date_end"] != inc.get("date"):
        when += f" to {inc['date_end']}"
    if inc.get("date_basis") == "first report":
        when = f"or shortly before {when} (no source gives the day; first reported then)"
    event = (inc.get("event_type") or "attack").replace("_", " ")
    lines = [f"Incident {inc['id']}: {event} in {where}"
             + (f" ({inc['admin1']})" if inc.get("admin1") and inc["admin1"] != where else "")
             + f" on {when}."]
    lines.append("  Toll: " + _toll(inc))
    by_actor: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in inc.get("attribution") or []:
        by_actor[entry["actor"]].append(entry)
    if not by_actor:
        lines.append("  Responsibility: no source names a perpetrator.")
    for actor in inc.get("perpetrators") or sorted(by_actor):
        entries = by_actor.get(actor, [])
        if not entries:
            continue
        lines.append(f"  {actor}: named by {len(entries)} source(s)")
        for e in entries:
            who = e.get("outlet") or e.get("report")
            words = f' "{e["words"]}"' if e.get("words") else ""
            lines.append(f"    - {who}: {e['attribution']}{words}")
    for text in inc.get("contradictions") or []:
        lines.append(f"  Note: {text}")
    sources = inc.get("sources", 0)
    independent = inc.get("independent_sources", sources)
    lines.append(
        f"  Grade: {inc.get('grade') or 'not graded'} ({sources} report(s), "
        f"{independent} independent)"
        + (": " + "; ".join(inc["grade_reasons"]) if inc.get("grade_reasons") else "")
    )
    return "\n".join(lines)


def _toll(inc: dict[str, Any]) -> str:
    counts = inc.get("counts") or {}
    out = []
    for key, label in (
        ("killed", "killed"),
        ("civilians_killed", "civilians killed"),
        ("children_killed", "children killed"),
        ("women_killed", "women killed"),
        ("injured", "injured"),
    ):
        r = counts.get(key) or {}
        low, high = r.get("low"), r.get("high")
        if low is None and high is None:
            continue
        span = f"{low}" if high in (None, low) else f"{low}–{high}"
        out.append(f"{span} {label}")
    return ", ".join(out) if out else "no figure given"
