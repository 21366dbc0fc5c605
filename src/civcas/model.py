"""The data model: reports, evidence spans and claims (DESIGN.md, contracts 1 and 2).

The model imports nothing else of civcas; every other package builds on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Closed vocabularies (DESIGN.md, "Vocabularies"); the one place they are defined.
EVENT_TYPES: tuple[str, ...] = (
    "airstrike",
    "drone_strike",
    "shelling",
    "ground_attack",
    "execution",
    "explosive",
    "siege_starvation",
    "other",
)
ATTRIBUTIONS: tuple[str, ...] = ("asserted", "alleged", "unknown", "claimed", "denied")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
GEO_PRECISIONS: tuple[str, ...] = ("exact", "district", "governorate", "country")

# The casualty counts of a claim (integers or null).
COUNT_FIELDS: tuple[str, ...] = (
    "killed_min",
    "killed_max",
    "civilians_killed_min",
    "children_killed_min",
    "women_killed_min",
    "injured_min",
)
# Fields that locate a claim on the map; outside the gold annotation (eval/ANNOTATION.md).
GEO_FIELDS: tuple[str, ...] = ("lat", "lon", "geo_precision", "pcode")
# Fields of a claim, in contract order (eval/ANNOTATION.md plus the map fields).
CLAIM_FIELDS: tuple[str, ...] = (
    ("date", "date_precision", "place", "place_std", "admin1", "country")
    + GEO_FIELDS
    + ("event_type", "perpetrator", "attribution", "perpetrator_evidence")
    + COUNT_FIELDS
    + ("victim_names",)
)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) of a report's text: the evidence of a value."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The words of `text` this span points at."""
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def cover(self, other: Span) -> Span:
        """The smallest span holding both."""
        return Span(min(self.start, other.start), max(self.end, other.end))


def content_hash(text: str) -> str:
    """Stable id for a text: the same words always give the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Report:
    """One article or post as read (contract 1). Never modified after ingest."""

    text: str
    id: str = ""
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    published: date | None = None
    title: str | None = None
    source: str | None = None  # where it was read from (file, file:line), for error messages

    def __post_init__(self) -> None:
        if not self.id:
            self.id = "sha256:" + content_hash(self.text)[:16]

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "text": self.text,
        }


@dataclass(slots=True)
class Claim:
    """What ONE report says about ONE incident. Every non-null value has an evidence span."""

    date: date | None = None
    date_precision: str | None = None
    place: str | None = None
    place_std: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    pcode: str | None = None
    event_type: str | None = None
    perpetrator: str | None = None
    attribution: str | None = None
    perpetrator_evidence: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    civilians_killed_min: int | None = None
    children_killed_min: int | None = None
    women_killed_min: int | None = None
    injured_min: int | None = None
    victim_names: list[str] = field(default_factory=list)
    # field -> the span its value was read from (scalar fields)
    evidence: dict[str, Span] = field(default_factory=dict)
    # one span per entry of victim_names, in the same order
    victim_evidence: list[Span] = field(default_factory=list)

    def set(self, name: str, value: Any, span: Span) -> None:
        """Set field `name` to `value`, citing `span`: no value without its evidence."""
        setattr(self, name, value)
        self.evidence[name] = span

    def add_victim(self, name: str, span: Span) -> None:
        if name not in self.victim_names:
            self.victim_names.append(name)
            self.victim_evidence.append(span)

    def to_dict(self) -> dict[str, Any]:
        """Contract 2: the fields plus `evidence`: field -> [start, end] (victim_names: a list)."""
        out: dict[str, Any] = {}
        for name in CLAIM_FIELDS:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, date) else value
        evidence: dict[str, Any] = {
            name: span.as_list()
            for name, span in self.evidence.items()
            if getattr(self, name) is not None
        }
        if self.victim_names:
            evidence["victim_names"] = [s.as_list() for s in self.victim_evidence]
        out["evidence"] = evidence
        return out


@dataclass(slots=True)
class Extraction:
    """Extraction output for one report (contract 2): its id, language and claims."""

    report: Report
    lang: str
    claims: list[Claim]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.report.id,
            "lang": self.lang,
            "incidents": [c.to_dict() for c in self.claims],
        }
