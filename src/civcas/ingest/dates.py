"""Publication dates of reports: one parser for the whole project, the date extractor's
(English and Arabic, both month-name systems; no guessing)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from civcas.extract.dates import find_dates, parse_published
from civcas.extract.numbers import DIGIT

__all__ = ["parse_published", "stamped_date", "url_date"]

# Social-media pages copied as text keep the post's time stamp next to a middle dot:
# "12:50 PM · Nov 30, 2024", "November 23, 2025 · Shared with Public"; news pages print it with
# the clock time: "الاثنين, ٩ ديسمبر ٢٠٢٤, ١١:١٠", "04/07/2022  1:10 م", "2024.11.29 | 11:56".
STAMP_SEPARATOR = "·"
# A clock time (Western, Arabic-Indic or Persian digits) that no other digit touches.
_CLOCK = re.compile(f"(?<![{DIGIT}:.])[{DIGIT}]{{1,2}}:[{DIGIT}]{{2}}(?![{DIGIT}:])")
STAMP_REACH = 3  # characters between the date and the separator or clock time
STAMP_HEAD = 800  # the stamp sits in the page's first lines
STAMP_WIDTH = 30  # how much text either side of a separator can hold the date
# A year glued to the view count that follows it on X pages ("Nov 30, 20243.4K Views").
_GLUED_YEAR = re.compile(r"\b((?:19|20)\d\d)(?=\d)")
# The page's name glued to the stamp that follows it on Facebook pages ("عين على الوطنNovember
# 28, 2024 ·", "Adar PressOctober 25, 2024 ·", "Idlib TVNovember 30"): a change of script, a
# small letter before a capital, or the end of a run of capitals before a capitalised word
# parts two words there. A digit before the month is left alone: "24December 4, 2024" (a
# page called "... 24") cannot be told from a day.
_GLUED_WORDS = re.compile(
    r"(?<=[\u0600-\u06ff])(?=[A-Za-z])|(?<=[A-Za-z])(?=[\u0600-\u06ff])|(?<=[a-z])(?=[A-Z])"
    r"|(?<=[A-Z])(?=[A-Z][a-z])"
)


def stamped_date(text: str) -> date | None:
    """The date a copied page states in its head as its time stamp, or None.

    Only a full day date (day, month and year) right beside the middle dot or beside a clock
    time counts: a date in the report's own words is the incident's, not the publication's.
    """
    head = text[:STAMP_HEAD]
    for start, end in sorted(_stamp_marks(head)):
        after = _GLUED_YEAR.sub(r"\1 ", _GLUED_WORDS.sub(" ", head[end : end + STAMP_WIDTH]))
        before = _GLUED_WORDS.sub(" ", head[max(0, start - STAMP_WIDTH) : start])
        for piece, near_start in ((after, True), (before, False)):
            found = _day_date(piece, near_start)
            if found is not None:
                return found
    return None


def _stamp_marks(head: str) -> list[tuple[int, int]]:
    """Where a time stamp's date may stand beside: middle dots and clock times."""
    marks = [(i, i + 1) for i, ch in enumerate(head) if ch == STAMP_SEPARATOR]
    marks += [m.span() for m in _CLOCK.finditer(head)]
    return marks


def _day_date(piece: str, near_start: bool) -> date | None:
    for lang in ("en", "ar"):
        for mention in find_dates(piece, lang):
            if mention.value is None or mention.precision != "day" or mention.relative:
                continue
            gap = mention.span.start if near_start else len(piece) - mention.span.end
            if gap <= STAMP_REACH:
                return mention.value
    return None


@dataclass(frozen=True, slots=True)
class _Snowflake:
    hosts: frozenset[str]
    path: re.Pattern[str]
    epoch_ms: int
    shift: int


@dataclass(frozen=True, slots=True)
class _Addresses:
    offset: timedelta
    snowflakes: tuple[_Snowflake, ...]


@cache
def _addresses() -> _Addresses:
    raw = tomllib.loads(
        (resources.files("civcas") / "data" / "addresses.toml").read_text(encoding="utf-8")
    )
    flakes = tuple(
        _Snowflake(frozenset(f["hosts"]), re.compile(f["path"]), int(f["epoch_ms"]),
                   int(f["shift"]))
        for f in raw.get("snowflake", [])
    )
    return _Addresses(timedelta(hours=float(raw["utc_offset_hours"])), flakes)


def url_date(url: str | None, today: date | None = None) -> date | None:
    """The day a report's address says it was published, or None: a post id that carries its
    time (X/Twitter, `data/addresses.toml`), else a full date in the path (/2019/01/18/, read
    by htmldate). A year and month alone (/2019/01/) say no day, so they give nothing."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    latest = today or date.today()
    settings = _addresses()
    for flake in settings.snowflakes:
        if host not in flake.hosts:
            continue
        found = flake.path.match(parts.path)
        if found is None:
            return None
        ms = (int(found[1]) >> flake.shift) + flake.epoch_ms
        try:
            posted = datetime.fromtimestamp(ms / 1000, tz=UTC) + settings.offset
        except (OverflowError, OSError, ValueError):
            return None
        day = posted.date()
        return day if flake.epoch_ms / 1000 < posted.timestamp() and day <= latest else None
    return _path_date(url, latest)


def _path_date(url: str, latest: date) -> date | None:
    from htmldate import find_date

    try:
        found = find_date("<html></html>", url=url, extensive_search=False,
                          max_date=latest.isoformat())
    except Exception:  # htmldate is a helper here: a URL it cannot read gives no date
        return None
    return date.fromisoformat(found) if found else None
