"""Comparisons of two claims, each landing on a level with a Fellegi–Sunter weight.

A claim is first reduced to `Features` (date as a day interval, place key, coordinates, counts
as a range, victim-name keys, a text snippet), once per claim, so that comparing a pair is a
few look-ups. Each comparison returns its level as (reason, weight), e.g. ("date:same_day",
3.0), or None where either claim lacks the value: missing evidence weighs nothing. The levels
and their weights come from data/linking.toml.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from civcas.knowledge.gazetteer import (
    has_arabic,
    haversine_km,
    join_keys,
    latin_pieces,
    load_gazetteer,
    normalise,
    qualifier_keys,
    standard_admin1,
)
from civcas.knowledge.names import latin_key, part_keys
from civcas.link.settings import LinkSettings, default_settings
from civcas.model import Link, SourcedClaim

Level = tuple[str, float] | None
IMPRECISE_GEO = frozenset({"governorate", "country"})


@dataclass(slots=True)
class Features:
    """What linking compares of one claim, computed once."""

    id: str
    report: str
    lineage: str
    lo: int | None  # the days its date may stand for, as ordinals (day precision: lo == hi)
    hi: int | None
    day: bool  # a day-precision date
    # its weekday (Monday = 0) and its day of the year (1 January = 0, in a leap year): its
    # day-precision date's, or what an undated report gives ("Friday", "6 October")
    weekday: int | None
    year_day: int | None
    # the days it may be about, for blocking only: its date's, or, undated, the days before
    # its report was published; None where neither is known
    when: tuple[int, int] | None
    place_key: str | None
    # the key without a twin-village qualifier ("Al Baghuz Tahtani" and "Al Baghuz Fawqani":
    # "Al Baghuz"), the same as place_key where it has none
    twin_key: str | None
    pcode: str | None
    admin1: str | None
    lat: float | None  # where placed more precisely than a governorate (for blocking)
    lon: float | None
    exact: bool  # coordinates of the place itself (distances are compared only then)
    big: bool  # a city or wider: many incidents share it
    event: str | None
    actor: str | None
    actors: frozenset[str]  # the perpetrator and the actors named together with it
    kill_lo: int | None
    kill_hi: float  # math.inf: open range ("at least 5")
    victims: tuple[frozenset[str], ...]
    text: str
    arabic: bool


def date_interval(d: date, precision: str | None, week_radius: int) -> tuple[int, int]:
    """The days a date may stand for (as ordinals): a month-precision date is any day of its
    month."""
    if precision == "week":
        return (d - timedelta(days=week_radius)).toordinal(), (
            d + timedelta(days=week_radius)
        ).toordinal()
    if precision == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return d.replace(day=1).toordinal(), d.replace(day=last).toordinal()
    if precision == "year":
        return date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal()
    return d.toordinal(), d.toordinal()


def pairing_days(sc: SourcedClaim, s: LinkSettings) -> tuple[date, date] | None:
    """The days a claim's partners may be dated (its date's days widened by the window; for an
    undated claim, the weeks before its report came out); None when nothing dates it."""
    c = sc.claim
    if c.date is not None:
        lo, hi = date_interval(c.date, c.date_precision, s.week_radius)
    elif sc.report.published is not None:
        hi = sc.report.published.toordinal()
        lo = hi - s.undated_lookback
    else:
        return None
    return date.fromordinal(lo - s.date_window), date.fromordinal(hi + s.date_window)


class FeatureBuilder:
    """Builds `Features`, remembering what many claims share (reports, place names)."""

    def __init__(self, settings: LinkSettings) -> None:
        self.s = settings
        self._text: dict[str, tuple[str, bool]] = {}
        self._place: dict[tuple[str, str | None], tuple[str, str, bool]] = {}
        self._admin1: dict[str, str] = {}
        self._names: dict[str, frozenset[str]] = {}

    def __call__(self, sc: SourcedClaim) -> Features:
        c, s = sc.claim, self.s
        lo = hi = None
        when = None
        if c.date is not None:
            lo, hi = when = date_interval(c.date, c.date_precision, s.week_radius)
        elif sc.report.published is not None:
            end = sc.report.published.toordinal()
            when = (end - s.undated_lookback, end)
        admin1 = self._standard_admin1(c.admin1) if c.admin1 else None
        name = c.place_std or c.place
        key, twin, big = self._place_info(name, admin1) if name else (None, None, False)
        placed = c.lat is not None and c.lon is not None and c.geo_precision not in IMPRECISE_GEO
        big = big or c.geo_precision in IMPRECISE_GEO
        day = lo is not None and lo == hi
        kill_lo, kill_hi = c.killed_min, c.killed_max
        if kill_lo is None:
            kill_lo, kill_hi = c.civilians_killed_min, None
        text, arabic = self._snippet(sc)
        return Features(
            id=sc.id,
            report=sc.report.id,
            lineage=sc.lineage_id,
            lo=lo,
            hi=hi,
            day=day,
            weekday=date.fromordinal(lo).weekday() if day else c.weekday,
            year_day=_year_day(date.fromordinal(lo)) if day else _month_day(c.month_day),
            when=when,
            place_key=key,
            twin_key=twin,
            pcode=c.pcode,
            admin1=admin1,
            lat=c.lat if placed else None,
            lon=c.lon if placed else None,
            exact=placed and c.geo_precision in (None, "exact"),
            big=big,
            event=None if c.event_type in (None, "other") else c.event_type,
            actor=c.perpetrator,
            actors=frozenset(c.perpetrators),
            kill_lo=kill_lo,
            kill_hi=math.inf if kill_hi is None else kill_hi,
            victims=tuple(self._name_keys(n) for n in c.victim_names),
            text=text,
            arabic=arabic,
        )

    def _standard_admin1(self, name: str) -> str:
        if name not in self._admin1:
            self._admin1[name] = standard_admin1(name) or name
        return self._admin1[name]

    def _place_info(self, name: str, admin1: str | None) -> tuple[str, str, bool]:
        """The place's spelling key, that key without a twin-village qualifier, and whether
        the place is big (a city or wider, or populous)."""
        memo = (name, admin1)
        if memo not in self._place:
            found = load_gazetteer().lookup(name, admin1)
            big = bool(found) and (
                found[0].kind in self.s.big_kinds
                or (found[0].population or 0) >= self.s.big_population
            )
            key = normalise(name)
            pieces = [] if has_arabic(name) else latin_pieces(name)
            twin = key
            if len(pieces) > 1 and pieces[-1] in qualifier_keys()[0]:
                twin = join_keys(pieces[:-1])
            self._place[memo] = (key, twin, big)
        return self._place[memo]

    def _name_keys(self, name: str) -> frozenset[str]:
        """Keys of a victim's name, the same in Latin and Arabic script: the whole name, and
        its given and family name (a report may leave the father's name out)."""
        if name not in self._names:
            parts = part_keys(name)
            keys = {latin_key(name)}
            if parts.get("given") and parts.get("family"):
                keys.add(f"{parts['given']}|{parts['family']}")
            self._names[name] = frozenset(k for k in keys if k)
        return self._names[name]

    def _snippet(self, sc: SourcedClaim) -> tuple[str, bool]:
        """The report's title and opening, folded, and whether it is in Arabic script."""
        r = sc.report
        if r.id not in self._text:
            raw = f"{r.title or ''} {r.text[: self.s.text_chars]}"
            text = " ".join(raw.casefold().split())
            self._text[r.id] = (text, has_arabic(text))
        return self._text[r.id]


_LEAP = 2000  # a leap year: every day of the year has its place


def _year_day(d: date) -> int:
    return date(_LEAP, d.month, d.day).toordinal() - date(_LEAP, 1, 1).toordinal()


def days_apart_in_year(x: int, y: int) -> int:
    """Days between two days of the year, the shorter way round (31 December, 1 January: 1)."""
    apart = abs(x - y)
    return min(apart, 366 - apart)


def _month_day(value: str | None) -> int | None:
    """The day of the year of a "--MM-DD" day and month of unknown year."""
    if value is None:
        return None
    return _year_day(date(_LEAP, int(value[2:4]), int(value[5:7])))


def features(
    claims: Iterable[SourcedClaim], settings: LinkSettings | None = None
) -> list[Features]:
    """Features of each claim, in order."""
    build = FeatureBuilder(settings or default_settings())
    return [build(sc) for sc in claims]


# --------------------------------------------------------------------------- comparisons


def compare_date(a: Features, b: Features, s: LinkSettings) -> Level:
    """Days apart; a coarse date is compatible with any day it covers. An undated claim is
    about some day before its report came out: a date well outside those days tells against;
    the day and month (no year) or the weekday an undated report gives agree with the other's
    or not."""
    level = s.levels["date"]
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        if a.when is not None and b.when is not None:
            gap = max(a.when[0], b.when[0]) - min(a.when[1], b.when[1])
            if gap > s.date_window:
                return level["undated_apart"]
        # undated, or dated to the day: a coarse date says nothing of the day in the week
        day_or_none = (a.lo is None or a.day) and (b.lo is None or b.day)
        if day_or_none and a.year_day is not None and b.year_day is not None:
            # "6 October" with no year against a day: days apart within the year, as for two
            # dates; the same day and month on another weekday is that day of another year
            days = days_apart_in_year(a.year_day, b.year_day)
            if days == 0 and a.weekday is not None and b.weekday is not None and (
                a.weekday != b.weekday
            ):
                return level["far"]
            return level[_day_level(days, s)]
        if day_or_none and a.weekday is not None and b.weekday is not None:
            # "today, Friday" in an undated report: one day of seven, the same or another
            apart = min((a.weekday - b.weekday) % 7, (b.weekday - a.weekday) % 7)
            return level[("same_weekday", "next_weekday")[apart] if apart < 2 else "other_weekday"]
        if a.when is None or b.when is None:
            return level["undated_unknown"]
        # an undated report mostly tells of the day it came out (a post, a flash): its
        # publication day against the other's day (or publication day)
        ref_a, ref_b = _reported_day(a), _reported_day(b)
        if ref_a is not None and ref_b is not None and abs(ref_a - ref_b) < 2:
            return level[("undated_same_day", "undated_next_day")[abs(ref_a - ref_b)]]
        return level["undated_fits"]
    if a.day and b.day:
        return level[_day_level(abs(a.lo - b.lo), s)]
    gap = max(a.lo, b.lo) - min(a.hi, b.hi)
    if gap <= 0:
        return level["compatible"]
    return level["near" if gap <= s.date_window else "far"]


def _reported_day(f: Features) -> int | None:
    """The day a claim is of: its day date, or, undated, the day its report came out."""
    if f.lo is None:
        return f.when[1] if f.when is not None else None
    return f.lo if f.day else None


def _day_level(days: int, s: LinkSettings) -> str:
    """The level of two days `days` apart."""
    names = ("same_day", "one_day", "two_days")
    if days < len(names):
        return names[days]
    return "within_window" if days <= s.date_window else "far"


def distance_km(a: Features, b: Features) -> float | None:
    """Kilometres between two claims placed exactly (not at a district's centre), else None."""
    if not (a.exact and b.exact) or a.lat is None or a.lon is None or b.lat is None or (
        b.lon is None
    ):
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _near_centres(a: Features, b: Features, s: LinkSettings) -> bool:
    """Both placed below the governorate, one only at its sub-district's centre, and those
    points close: the same small area, no more."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= s.km_levels[1][0]


def compare_place(a: Features, b: Features, s: LinkSettings) -> Level:
    """Same place, distance levels, same or different governorate. Being in the same big place
    (a city, a governorate) says little: many incidents share one on a busy day."""
    level = s.levels["place"]
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return level["different_admin1"]
    km = distance_km(a, b)
    same = (a.pcode is not None and a.pcode == b.pcode) or (
        a.place_key is not None and a.place_key == b.place_key
    )
    if km is not None and km > s.km_levels[-1][0]:
        return level["far"]
    if (a.big or b.big) and (same or (km is not None and km <= s.big_radius_km)):
        return level["same_city"]
    if same and (km is None or km <= s.km_levels[0][0]):
        return level["same_place"]
    if km is not None:
        return level[next(name for limit, name in s.km_levels if km <= limit)]
    if a.twin_key is not None and a.twin_key == b.twin_key:
        return level["twin"]  # Al Baghuz, Al Baghuz Tahtani, Al Baghuz Fawqani: side by side
    if _near_centres(a, b, s):
        return level["same_area"]
    if a.admin1 and a.admin1 == b.admin1:
        return level["same_admin1"]
    return None


def compare_event(a: Features, b: Features, s: LinkSettings) -> Level:
    """Same type, types reports often mix up, or different."""
    level = s.levels["event_type"]
    if a.event is None or b.event is None:
        return None
    if a.event == b.event:
        return level["same"]
    if frozenset((a.event, b.event)) in s.compatible_events:
        return level["compatible"]
    return level["different"]


def compare_perpetrator(a: Features, b: Features, s: LinkSettings) -> Level:
    """Same actor (or one both name among the attackers), allied actors, one of them unknown,
    or different."""
    level = s.levels["perpetrator"]
    if a.actor is None or b.actor is None:
        return None
    if a.actor == "unknown" or b.actor == "unknown":
        return level["unknown"]
    if a.actor == b.actor or a.actors & b.actors:  # "regime forces and Russia" ~ "Russia"
        return level["same"]
    if frozenset((a.actor, b.actor)) in s.compatible_actors:
        return level["compatible"]
    return level["different"]


def compare_counts(a: Features, b: Features, s: LinkSettings) -> Level:
    """Killed ranges: equal, overlapping, near (tolls rise) or far apart."""
    level = s.levels["counts"]
    if a.kill_lo is None or b.kill_lo is None:
        return None
    if a.kill_lo == b.kill_lo and a.kill_hi == b.kill_hi == a.kill_lo:
        return level["equal"]
    if a.kill_lo <= b.kill_hi and b.kill_lo <= a.kill_hi:
        return level["overlap"]
    low, high = (a.kill_hi, b.kill_lo) if a.kill_hi < b.kill_lo else (b.kill_hi, a.kill_lo)
    near = high - low <= s.near_abs or high <= low * s.near_ratio
    return level["near" if near else "far"]


def compare_victims(a: Features, b: Features, s: LinkSettings) -> Level:
    """Named victims in common, whatever the spelling or script."""
    level = s.levels["victims"]
    if not a.victims or not b.victims:
        return None
    shared = sum(1 for x in a.victims if any(x & y for y in b.victims))
    if shared >= 2:
        return level["shared_two"]
    return level["shared_one" if shared else "none_shared"]


def compare_text(a: Features, b: Features, s: LinkSettings) -> Level:
    """Copies (same lineage), else how alike the two reports' openings are (same script)."""
    level = s.levels["text"]
    if a.lineage == b.lineage:
        return level["copy"]
    if a.arabic != b.arabic or not a.text or not b.text:
        return None
    ratio = fuzz.ratio(a.text, b.text, score_cutoff=s.text_medium)  # 0 below: quicker
    if ratio >= s.text_high:
        return level["high"]
    return level["medium" if ratio >= s.text_medium else "low"]


def score(a: Features, b: Features, s: LinkSettings) -> tuple[float, dict[str, float]]:
    """Total weight and what each comparison added ("date:same_day" -> 3.0).

    Alike texts (copies above all) restate one event only where date and place do not
    disagree: a copied report of two strikes must not tie its second strike to the first.
    """
    date_level, place_level = compare_date(a, b, s), compare_place(a, b, s)
    levels = [
        date_level,
        place_level,
        compare_event(a, b, s),
        compare_perpetrator(a, b, s),
        compare_counts(a, b, s),
        compare_victims(a, b, s),
    ]
    if (date_level is None or date_level[1] >= 0) and (place_level is None or place_level[1] >= 0):
        levels.append(compare_text(a, b, s))
    reasons = {level[0]: level[1] for level in levels if level is not None}
    return sum(reasons.values()), reasons


def score_pair(
    a: SourcedClaim, b: SourcedClaim, settings: LinkSettings | None = None
) -> Link:
    """The scored link of two claims, with what each comparison added."""
    s = settings or default_settings()
    fa, fb = features((a, b), s)
    total, reasons = score(fa, fb, s)
    return Link(a.id, b.id, total, reasons)


def explain(link: Link, threshold: float | None = None) -> str:
    """A link in one readable line:
    "date same day +3.0, place same place +5.0, perpetrator different -2.0 = 6.0 ≥ 6.0"."""
    if threshold is None:
        threshold = default_settings().threshold
    parts = []
    for key, weight in link.reasons.items():
        comparison, _, level = key.partition(":")
        parts.append(f"{comparison.replace('_', ' ')} {level.replace('_', ' ')} {weight:+.1f}")
    sign = "≥" if link.score >= threshold else "<"
    return f"{', '.join(parts) or 'no evidence'} = {link.score:.1f} {sign} {threshold:.1f}"
