"""The data model: reports, evidence spans and claims (DESIGN.md, contracts 1 and 2).

The model imports nothing else of civcas; every other package builds on it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
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
# What a report may say of a named victim (issue 5): the parts of an Arabic name, the people a
# victim is named in relation to, and the closed values of sex, age group and status.
NAME_PARTS: tuple[str, ...] = ("given", "father", "grandfather", "family", "kunya", "laqab")
RELATIONS: tuple[str, ...] = (
    "wife",
    "husband",
    "son",
    "daughter",
    "child",
    "father",
    "mother",
    "brother",
    "sister",
    "grandchild",
    "relative",
    "family",
)
# Weekday names of exports, Monday first as date.weekday() counts (not the locale's names).
WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)
# A day and month of unknown year, as ISO 8601 writes it ("--10-06").
MONTH_DAY = re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])")
SEXES: tuple[str, ...] = ("male", "female")
AGE_GROUPS: tuple[str, ...] = ("child", "adult", "elderly")
VICTIM_STATUSES: tuple[str, ...] = ("civilian", "combatant")
# Details of a victim that need evidence of their own (the name is its own evidence).
VICTIM_DETAILS: tuple[str, ...] = ("relation", "sex", "age", "age_group", "status")

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
class Victim:
    """A named person as one report gives them: the name as written and what is said of them.

    `parts` holds the name's parts as written (NAME_PARTS); `of` is the index, in the claim's
    victims, of the person that `relation` is to ("X and his wife Y": Y is wife of X)."""

    name: str
    span: Span
    parts: dict[str, str] = field(default_factory=dict)
    relation: str | None = None
    of: int | None = None
    sex: str | None = None
    age: int | None = None
    age_group: str | None = None
    status: str | None = None
    # VICTIM_DETAILS field -> the words it was read from
    evidence: dict[str, Span] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "span": self.span.as_list()}
        if self.parts:
            out["parts"] = dict(self.parts)
        for name in ("relation", "of", *VICTIM_DETAILS[1:]):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.evidence:
            out["evidence"] = {k: s.as_list() for k, s in self.evidence.items()}
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Victim:
        start, end = data["span"]
        return cls(
            name=str(data["name"]),
            span=Span(int(start), int(end)),
            parts={str(k): str(v) for k, v in (data.get("parts") or {}).items()},
            relation=data.get("relation"),
            of=data.get("of"),
            sex=data.get("sex"),
            age=data.get("age"),
            age_group=data.get("age_group"),
            status=data.get("status"),
            evidence={
                k: Span(int(w[0]), int(w[1])) for k, w in (data.get("evidence") or {}).items()
            },
        )


@dataclass(frozen=True, slots=True)
class CoPerpetrator:
    """A second actor the report names together with the perpetrator as the attackers
    ("قوات النظام وروسيا": regime forces and Russia), with the words that name it."""

    actor: str
    span: Span


@dataclass(slots=True)
class UnnamedVictims:
    """People a report counts without naming them: "and his family", "وأطفاله الثلاثة".

    `count` is None when the words give no number; `of` is the index of the named victim they
    belong to, when there is one."""

    relation: str
    span: Span
    count: int | None = None
    of: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"relation": self.relation, "span": self.span.as_list()}
        if self.count is not None:
            out["count"] = self.count
        if self.of is not None:
            out["of"] = self.of
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> UnnamedVictims:
        start, end = data["span"]
        span = Span(int(start), int(end))
        return cls(str(data["relation"]), span, data.get("count"), data.get("of"))


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
    # the named victims, each with its evidence; `victim_names` lists their names
    victims: list[Victim] = field(default_factory=list)
    # people counted without names ("and his family")
    unnamed_victims: list[UnnamedVictims] = field(default_factory=list)
    # actors named together with `perpetrator` as the attackers, same attribution
    co_perpetrators: list[CoPerpetrator] = field(default_factory=list)
    # what a report without a publication date gives of an incident's day when no date can be
    # read: the weekday ("today, Friday"; Monday = 0) and a day and month of unknown year
    # ("--10-06", ISO 8601 / XML Schema gMonthDay); evidence for linking, not a date
    weekday: int | None = None
    month_day: str | None = None
    # field -> the span its value was read from (scalar fields)
    evidence: dict[str, Span] = field(default_factory=dict)

    @property
    def victim_names(self) -> list[str]:
        """Contract 2's `victim_names`: the names as written, in order."""
        return [v.name for v in self.victims]

    @property
    def perpetrators(self) -> list[str]:
        """The perpetrator, then the actors named together with it as the attackers."""
        first = [self.perpetrator] if self.perpetrator else []
        return first + [c.actor for c in self.co_perpetrators if c.actor not in first]

    @property
    def victim_evidence(self) -> list[Span]:
        """One span per entry of `victim_names`, in the same order."""
        return [v.span for v in self.victims]

    def set(self, name: str, value: Any, span: Span) -> None:
        """Set field `name` to `value`, citing `span`: no value without its evidence."""
        setattr(self, name, value)
        self.evidence[name] = span

    def add_victim(self, name: str, span: Span) -> Victim:
        """The victim of that name, added with its evidence when the claim does not have it."""
        for victim in self.victims:
            if victim.name == name:
                return victim
        victim = Victim(name, span)
        self.victims.append(victim)
        return victim

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
        if self.victims:
            evidence["victim_names"] = [v.span.as_list() for v in self.victims]
        out["evidence"] = evidence
        # what is said of the victims, beyond contract 2, only when there is something
        if any(v.to_dict().keys() - {"name", "span"} for v in self.victims):
            out["victims"] = [v.to_dict() for v in self.victims]
        if self.unnamed_victims:
            out["unnamed_victims"] = [u.to_dict() for u in self.unnamed_victims]
        if self.weekday is not None:
            out["weekday"] = WEEKDAYS[self.weekday]
        if self.month_day is not None:
            out["month_day"] = self.month_day
        if self.co_perpetrators:
            out["co_perpetrators"] = [c.actor for c in self.co_perpetrators]
            evidence["co_perpetrators"] = [c.span.as_list() for c in self.co_perpetrators]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """A claim back from its contract-2 form (the inverse of `to_dict`)."""
        claim = cls()
        for name in CLAIM_FIELDS:
            value = data.get(name)
            if name == "date" and isinstance(value, str):
                value = date.fromisoformat(value)
            if name != "victim_names":
                setattr(claim, name, value)
        evidence = data.get("evidence") or {}
        for name, where in evidence.items():
            if name in CLAIM_FIELDS and name != "victim_names" and where:
                claim.evidence[name] = Span(int(where[0]), int(where[1]))
        if data.get("victims"):
            claim.victims = [Victim.from_dict(v) for v in data["victims"]]
        else:
            names = data.get("victim_names") or []
            spans = evidence.get("victim_names") or []
            claim.victims = [
                Victim(str(n), Span(int(w[0]), int(w[1])))
                for n, w in zip(names, spans, strict=False)
            ]
        unnamed = data.get("unnamed_victims") or []
        claim.unnamed_victims = [UnnamedVictims.from_dict(u) for u in unnamed]
        weekday = data.get("weekday")
        if isinstance(weekday, str) and weekday in WEEKDAYS:
            claim.weekday = WEEKDAYS.index(weekday)
        month_day = data.get("month_day")
        if isinstance(month_day, str) and MONTH_DAY.fullmatch(month_day):
            claim.month_day = month_day
        for name in ("weekday", "month_day"):
            if getattr(claim, name) is not None and evidence.get(name):
                w = evidence[name]
                claim.evidence[name] = Span(int(w[0]), int(w[1]))
        claim.co_perpetrators = [
            CoPerpetrator(str(actor), Span(int(w[0]), int(w[1])))
            for actor, w in zip(
                data.get("co_perpetrators") or [], evidence.get("co_perpetrators") or [],
                strict=False,
            )
        ]
        return claim


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


# --- Linking and assessment (DESIGN.md: Incident, Assessment) ---------------------------------

# Airwars' grading scale (eval/README.md); the rules that give them are in docs/grading.md.
GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested")
# The casualty ranges an assessment gives: name -> the claim fields of its low and high.
COUNT_RANGES: dict[str, tuple[str, str | None]] = {
    "killed": ("killed_min", "killed_max"),
    "civilians_killed": ("civilians_killed_min", None),
    "children_killed": ("children_killed_min", None),
    "women_killed": ("women_killed_min", None),
    "injured": ("injured_min", None),
}


@dataclass(slots=True)
class SourcedClaim:
    """A claim with the report it came from: the unit that linking and assessment work on."""

    id: str  # "<report id>/<n>": stable across runs
    report: Report
    claim: Claim
    lineage: str | None = None  # id of the first report of its copy family; None: its own

    @property
    def lineage_id(self) -> str:
        return self.lineage or self.report.id


@dataclass(frozen=True, slots=True)
class Link:
    """Why two claims are taken for one incident: the total score and what each comparison added."""

    a: str
    b: str
    score: float
    reasons: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 3), "reasons": self.reasons}


@dataclass(frozen=True, slots=True)
class VictimMention:
    """One named victim of one stored claim, with where and when the claim puts them: the unit
    that victim deduplication compares."""

    id: str  # "<claim id>/v<n>"
    claim: str
    name: str
    parts: dict[str, str] = field(default_factory=dict)
    incident: str | None = None
    date: date | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    relation: str | None = None
    sex: str | None = None
    age: int | None = None


def person_id(mention_ids: Iterable[str]) -> str:
    """A deduplicated person's id: stable while its first mention (in id order) stays first."""
    return "v" + hashlib.sha1(min(mention_ids).encode("utf-8")).hexdigest()[:10]


@dataclass(slots=True)
class CountRange:
    """Low, best and high of one casualty figure across the sources (UCDP's low/best/high)."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    sources: int = 0  # how many claims gave the figure

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "high": self.high, "sources": self.sources}


@dataclass(slots=True)
class AttributionEntry:
    """One source's word on who did it: the actor, how it is put, and the quoted words."""

    actor: str
    attribution: str
    claim_id: str
    report_id: str
    outlet: str | None
    words: str | None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "attribution": self.attribution,
            "claim": self.claim_id,
            "report": self.report_id,
            "outlet": self.outlet,
            "words": self.words,
            "span": self.span.as_list() if self.span else None,
        }


@dataclass(slots=True)
class Assessment:
    """What the ledger holds about one incident, built from all its claims (DESIGN.md)."""

    incident_id: str
    date: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    # what gives the date: "sources" (their words) or "first report" (no source gives the day:
    # the earliest publication of the incident's reports); None when undated
    date_basis: str | None = None
    place: str | None = None
    place_std: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    pcode: str | None = None
    event_type: str | None = None
    perpetrators: list[str] = field(default_factory=list)  # most supported first
    attribution: list[AttributionEntry] = field(default_factory=list)
    counts: dict[str, CountRange] = field(default_factory=dict)  # keys of COUNT_RANGES
    sources: int = 0  # reports
    independent_sources: int = 0  # lineages: copies count once
    contradictions: list[str] = field(default_factory=list)
    grade: str | None = None
    grade_reasons: list[str] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)
    claim_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.incident_id}
        for name in (
            "date", "date_end", "date_precision", "date_basis", "place", "place_std", "admin1",
            "country", "lat", "lon", "geo_precision", "pcode", "event_type",
        ):
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, date) else value
        out["perpetrators"] = list(self.perpetrators)
        out["attribution"] = [a.to_dict() for a in self.attribution]
        out["counts"] = {k: v.to_dict() for k, v in self.counts.items()}
        civ = self.counts.get("civilians_killed")
        out["civilians_killed_min"] = civ.low if civ else None
        out["civilians_killed_max"] = civ.high if civ else None
        out["sources"] = self.sources
        out["independent_sources"] = self.independent_sources
        out["contradictions"] = list(self.contradictions)
        out["grade"] = self.grade
        out["grade_reasons"] = list(self.grade_reasons)
        out["report_ids"] = list(self.report_ids)
        out["claim_ids"] = list(self.claim_ids)
        return out
