"""Publication dates of reports: one parser for the whole project, the date extractor's
(English and Arabic, both month-name systems; no guessing)."""

from __future__ import annotations

import re
from datetime import date

from civcas.extract.dates import find_dates, parse_published

__all__ = ["parse_published", "stamped_date"]

# Social-media pages copied as text keep the post's time stamp next to a middle dot:
# "12:50 PM · Nov 30, 2024", "November 23, 2025 · Shared with Public".
STAMP_SEPARATOR = "·"
STAMP_REACH = 3  # characters between the date and the separator
STAMP_HEAD = 800  # the stamp sits in the page's first lines
STAMP_WIDTH = 30  # how much text either side of a separator can hold the date
# A year glued to the view count that follows it on X pages ("Nov 30, 20243.4K Views").
_GLUED_YEAR = re.compile(r"\b((?:19|20)\d\d)(?=\d)")


def stamped_date(text: str) -> date | None:
    """The post date a copied social-media page states in its head, or None.

    Only a full day date (day, month and year) right beside the middle dot counts: a date in
    the post's own words is the incident's, not the publication's.
    """
    head = text[:STAMP_HEAD]
    at = head.find(STAMP_SEPARATOR)
    while at != -1:
        after = _GLUED_YEAR.sub(r"\1 ", head[at + 1 : at + 1 + STAMP_WIDTH])
        before = head[max(0, at - STAMP_WIDTH) : at]
        for piece, near_start in ((after, True), (before, False)):
            found = _day_date(piece, near_start)
            if found is not None:
                return found
        at = head.find(STAMP_SEPARATOR, at + 1)
    return None


def _day_date(piece: str, near_start: bool) -> date | None:
    for lang in ("en", "ar"):
        for mention in find_dates(piece, lang):
            if mention.value is None or mention.precision != "day" or mention.relative:
                continue
            gap = mention.span.start if near_start else len(piece) - mention.span.end
            if gap <= STAMP_REACH:
                return mention.value
    return None
