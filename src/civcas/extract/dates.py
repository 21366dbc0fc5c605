"""Dates of events: absolute ("18 January 2019", "Jan. 18") and relative ("yesterday", "on
Friday", "two days ago"), resolved against the publication date.

Our own patterns, built from the `dates` lexicon, find the spans in one pass; nothing is guessed:
a relative date without a publication date has no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from civcas.knowledge.lexicon import load
from civcas.model import Span

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_D = r"[0-9٠-٩۰-۹]"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the date it names (None when nothing anchors it)."""

    span: Span
    value: date | None
    precision: str  # day | week | month | year
    relative: bool
    kind: str  # absolute | relative | weekday | month | year | anchored
    # "the previous day", "a week before": days from the date of the event told just before
    offset_days: int | None = None


def _alt(words: Any) -> str:
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in items)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    regex: re.Pattern[str]
    months: dict[str, int]
    ambiguous: frozenset[str]
    weekdays: dict[str, int]
    days: dict[str, int]
    weeks: dict[str, int]
    month_offsets: dict[str, int]
    numbers: dict[str, int]
    anchored: dict[str, int]
    directions: dict[str, int]
    week_units: frozenset[str]


def _key(s: str) -> str:
    return " ".join(s.lower().replace(".", "").split())


@cache
def _lexicon(lang: str) -> _Lexicon | None:
    data = load(lang, "dates")
    if not data.get("months"):
        return None
    months = {_key(k): int(v) for k, v in data["months"].items()}
    month = rf"(?:{_alt(months)})\.?"
    suffix = _alt(data.get("day_suffixes", [])) or "(?!)"
    of = _alt(data.get("of", [])) or "(?!)"
    day = rf"{_D}{{1,2}}(?:{suffix})?"
    year = rf"{_D}{{4}}"
    weekdays = {_key(k): int(v) for k, v in data.get("weekdays", {}).items()}
    lead = _alt(data.get("weekday_lead", [])) or "(?!)"
    tod = _alt(data.get("times_of_day", [])) or "(?!)"
    days = {_key(k): int(v) for k, v in data.get("relative_days", {}).items()}
    weeks = {_key(k): int(v) for k, v in data.get("relative_weeks", {}).items()}
    month_offsets = {_key(k): int(v) for k, v in data.get("relative_months", {}).items()}
    numbers = {_key(k): int(v) for k, v in data.get("numbers", {}).items()}
    num = rf"(?:{_D}{{1,2}}|{_alt(numbers) or '(?!)'})"
    ago_d = _alt(data.get("days_ago", [])) or "(?!)"
    ago_w = _alt(data.get("weeks_ago", [])) or "(?!)"
    anchored = {_key(k): int(v) for k, v in data.get("anchored", {}).items()}
    directions = {_key(k): int(v) for k, v in data.get("anchored_directions", {}).items()}
    units = _alt(list(data.get("day_units", [])) + list(data.get("week_units", []))) or "(?!)"
    week_units = {_key(u) for u in data.get("week_units", [])}
    year_lead = _alt(data.get("year_lead", [])) or "(?!)"
    parts = [
        rf"(?P<iso>{year}-{_D}{{2}}-{_D}{{2}})",
        rf"(?P<dmy_n>{_D}{{1,2}}/{_D}{{1,2}}/{year})",
        rf"(?P<dmy>(?P<d1>{day})\s+(?:(?:{of})\s+)?(?P<m1>{month}),?\s+(?P<y1>{year}))",
        rf"(?P<mdy>(?P<m2>{month})\s+(?P<d2>{day}),?\s+(?P<y2>{year}))",
        rf"(?P<dm>(?P<d3>{day})\s+(?:(?:{of})\s+)?(?P<m3>{month}))",
        rf"(?P<md>(?P<m4>{month})\s+(?P<d4>{day})(?![0-9:]))",
        rf"(?P<my>(?P<m5>{month}),?\s+(?P<y5>{year}))",
        rf"(?P<ago>(?P<n>{num})\s+(?P<unit>{ago_d}|{ago_w}))",
        rf"(?P<anc>{_alt(anchored) or '(?!)'})",
        rf"(?P<span>(?P<n2>{num})\s+(?P<unit2>{units})\s+(?P<dir>{_alt(directions) or '(?!)'}))",
        rf"(?P<rel>{_alt(list(days) + list(weeks) + list(month_offsets)) or '(?!)'})",
        rf"(?P<wd>(?:(?:{lead})\s+)?(?P<wdn>{_alt(weekdays) or '(?!)'})(?:\s+(?:{tod}))?)",
        rf"(?P<yr>(?:{year_lead})\s+(?P<y6>{year}))",
    ]
    regex = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return _Lexicon(
        regex=regex,
        months=months,
        ambiguous=frozenset(_key(w) for w in data.get("ambiguous_months", [])),
        weekdays=weekdays,
        days=days,
        weeks=weeks,
        month_offsets=month_offsets,
        numbers=numbers,
        anchored=anchored,
        directions=directions,
        week_units=frozenset(week_units),
    )


def _int(s: str) -> int:
    return int("".join(ch for ch in s.translate(DIGITS) if ch.isdigit()))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year_for(m: int, d: int, anchor: date | None) -> date | None:
    """The year that puts day d of month m on or before the anchor date."""
    if anchor is None:
        return None
    value = _safe(anchor.year, m, d)
    if value is not None and value > anchor + timedelta(days=1):
        value = _safe(anchor.year - 1, m, d)
    return value


def find_dates(text: str, lang: str = "en", published: date | None = None) -> list[DateMention]:
    """Every date expression of `text`, in order, resolved where something anchors it."""
    lex = _lexicon(lang)
    if lex is None:
        return []
    out: list[DateMention] = []
    last_full: date | None = None
    for m in lex.regex.finditer(text):
        mention = _read(m, lex, published, last_full)
        if mention is None:
            continue
        if mention.kind == "absolute" and mention.value is not None and mention.precision == "day":
            last_full = mention.value
        out.append(mention)
    return out


def _read(
    m: re.Match[str], lex: _Lexicon, published: date | None, last_full: date | None
) -> DateMention | None:
    span = Span(m.start(), m.end())
    g = m.groupdict()
    if g["iso"]:
        y, mo, d = (_int(p) for p in g["iso"].translate(DIGITS).split("-"))
        value = _safe(y, mo, d)
        return DateMention(span, value, "day", False, "absolute") if value else None
    if g["dmy_n"]:
        d, mo, y = (_int(p) for p in g["dmy_n"].translate(DIGITS).split("/"))
        value = _safe(y, mo, d)
        return DateMention(span, value, "day", False, "absolute") if value else None
    for kind in ("dmy", "mdy", "dm", "md"):
        if g[kind]:
            n = {"dmy": "1", "mdy": "2", "dm": "3", "md": "4"}[kind]
            month = lex.months[_key(g["m" + n])]
            d = _int(g["d" + n])
            if kind in ("dmy", "mdy"):
                value = _safe(_int(g["y" + n]), month, d)
                if value is None:
                    return None
                return DateMention(span, value, "day", False, "absolute")
            if _key(g["m" + n]) in lex.ambiguous and not g["m" + n][0].isupper():
                return None
            value = _year_for(month, d, published or last_full)
            if not 1 <= d <= 31:
                return None
            return DateMention(span, value, "day", False, "absolute")
    if g["my"]:
        word = g["m5"]
        if _key(word) in lex.ambiguous and not word[0].isupper():
            return None
        value = _safe(_int(g["y5"]), lex.months[_key(word)], 1)
        return DateMention(span, value, "month", False, "month") if value else None
    if g["ago"]:
        raw = _key(g["n"])
        n = lex.numbers.get(raw) if raw in lex.numbers else _int(raw)
        if n is None:
            return None
        weeks = _key(g["unit"]).startswith("week") or "week" in _key(g["unit"])
        days = n * 7 if weeks else n
        value = published - timedelta(days=days) if published else None
        return DateMention(span, value, "week" if weeks else "day", True, "relative")
    if g["anc"]:
        offset = lex.anchored[_key(g["anc"])]
        return DateMention(span, None, "day", True, "anchored", offset)
    if g["span"]:
        raw = _key(g["n2"])
        n = lex.numbers[raw] if raw in lex.numbers else _int(raw)
        weeks = _key(g["unit2"]) in lex.week_units
        offset = n * (7 if weeks else 1) * lex.directions[_key(g["dir"])]
        return DateMention(span, None, "week" if weeks else "day", True, "anchored", offset)
    if g["rel"]:
        key = _key(g["rel"])
        if key in lex.days:
            value = published + timedelta(days=lex.days[key]) if published else None
            return DateMention(span, value, "day", True, "relative")
        if key in lex.weeks:
            value = published + timedelta(days=lex.weeks[key]) if published else None
            return DateMention(span, value, "week", True, "relative")
        offset = lex.month_offsets[key]
        value = None
        if published:
            total = published.year * 12 + published.month - 1 + offset
            value = date(total // 12, total % 12 + 1, 1)
        return DateMention(span, value, "month", True, "relative")
    if g["wd"]:
        weekday = lex.weekdays[_key(g["wdn"])]
        value = None
        if published:
            value = published - timedelta(days=(published.weekday() - weekday) % 7)
        return DateMention(span, value, "day", True, "weekday")
    if g["yr"]:
        value = _safe(_int(g["y6"]), 1, 1)
        return DateMention(span, value, "year", False, "year") if value else None
    return None
