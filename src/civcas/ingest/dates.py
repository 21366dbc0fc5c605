"""Publication dates: exact when the source says so, None when it does not (never a guess)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
# Relative expressions ("yesterday", "أمس") are off: a report read later must not move in time.
# Strict parsing refuses dates missing a day, month or year instead of filling them in from today.
_SETTINGS: dict[str, Any] = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_LANGUAGES = ["en", "ar", "fr", "tr"]
# Levantine (Syriac-derived) month names, common in Syrian and Iraqi sources, that dateparser
# does not know; longest first so "تشرين الثاني" wins over a bare "تشرين".
_LEVANTINE_MONTHS: tuple[tuple[str, str], ...] = (
    ("كانون الثاني", "January"),
    ("كانون الأول", "December"),
    ("كانون الاول", "December"),
    ("تشرين الأول", "October"),
    ("تشرين الاول", "October"),
    ("تشرين الثاني", "November"),
    ("شباط", "February"),
    ("آذار", "March"),
    ("اذار", "March"),
    ("نيسان", "April"),
    ("أيار", "May"),
    ("ايار", "May"),
    ("حزيران", "June"),
    ("تموز", "July"),
    ("آب", "August"),
    ("أيلول", "September"),
    ("ايلول", "September"),
)


def parse_published(value: object) -> date | None:
    """A `date` from an ISO date or timestamp or a common written form; None if unparseable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > 100:
        return None
    match = _ISO.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return _parse_written(text)


@lru_cache(maxsize=4096)
def _parse_written(text: str) -> date | None:
    """dateparser for the non-ISO forms ("18 January 2019", "23 نوفمبر 2025", "4/5/2017")."""
    import dateparser  # slow to import; only needed for non-ISO dates

    for levantine, english in _LEVANTINE_MONTHS:
        text = text.replace(levantine, english)
    try:
        parsed = dateparser.parse(text, languages=_LANGUAGES, settings=_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input; unparseable is fine
        return None
    return parsed.date() if parsed else None
