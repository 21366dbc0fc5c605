"""Small builders the tests share: the claims civcas reads in a text, and a claim of a report
as linking sees it."""

from __future__ import annotations

from datetime import date
from typing import Any

from civcas.extract import extract_report
from civcas.model import Claim, Report, SourcedClaim


def claims_of(text: str, lang: str = "en", published: date | None = None) -> list[Claim]:
    """The claims extraction reads in `text`."""
    return extract_report(Report(text=text, lang=lang, published=published)).claims


def sourced(report: str, published: date | None = None, **fields: Any) -> SourcedClaim:
    """A claim with these fields, of an empty report `report` published on `published`."""
    return SourcedClaim(f"{report}/0", Report(text="", id=report, published=published),
                        Claim(**fields))
