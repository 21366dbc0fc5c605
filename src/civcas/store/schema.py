"""The ledger's tables (SQLAlchemy 2). Alembic migrations in `migrations/` build the same schema.

Reports are stored once and never changed; claims point at their report and, once linked, at
their incident; links keep their score and reasons; history is append-only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(200)


class Base(DeclarativeBase):
    """Base of every ledger table."""

    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class ReportRow(Base):
    """One article or post as read: stored once, never modified (DESIGN.md, Report)."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(300))
    lang: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    lineage: Mapped[str | None] = mapped_column(ID, index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ClaimRow(Base):
    """What one report says about one incident; `incident_id` is null until linked."""

    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    place: Mapped[str | None] = mapped_column(String(300))
    place_std: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(16))
    pcode: Mapped[str | None] = mapped_column(String(32))
    event_type: Mapped[str | None] = mapped_column(String(32))
    perpetrator: Mapped[str | None] = mapped_column(String(200))
    attribution: Mapped[str | None] = mapped_column(String(16))
    perpetrator_evidence: Mapped[str | None] = mapped_column(Text)
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    civilians_killed_min: Mapped[int | None] = mapped_column(Integer)
    children_killed_min: Mapped[int | None] = mapped_column(Integer)
    women_killed_min: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    victim_names: Mapped[list[Any]] = mapped_column(JSON)
    # actors named together with the perpetrator as the attackers (evidence under the same key)
    co_perpetrators: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # what a report gives of the day of an incident it cannot date: its weekday (Monday = 0)
    # and its day and month of unknown year ("--10-06")
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)
    month_day: Mapped[str | None] = mapped_column(String(7), nullable=True)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    incident_id: Mapped[str | None] = mapped_column(ForeignKey("incidents.id"), index=True)


class IncidentRow(Base):
    """A real-world event built from claims, with its latest assessment."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | merged
    merged_into: Mapped[str | None] = mapped_column(ID)
    needs_assessment: Mapped[int] = mapped_column(Integer, default=1, index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    place_std: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(100), index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    event_type: Mapped[str | None] = mapped_column(String(32))
    perpetrator: Mapped[str | None] = mapped_column(String(200), index=True)
    grade: Mapped[str | None] = mapped_column(String(16), index=True)
    assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime)


class LinkRow(Base):
    """Why two claims were taken for one incident: the score and each comparison's weight."""

    __tablename__ = "links"

    claim_a: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    claim_b: Mapped[str] = mapped_column(ForeignKey("claims.id"), primary_key=True)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON)


class VictimRow(Base):
    """One mention of victims in one claim: a named person as written, with what the report says
    of them and the evidence, or people it counts without names (`name` null, `count`).

    `person_id` is the person the mention was deduplicated into (null until then); `name_key`
    and `name_skeleton` are the name's Latin and Arabic-script keys, for search in either script.
    """

    __tablename__ = "victims"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    parts: Mapped[dict[str, Any]] = mapped_column(JSON)
    relation: Mapped[str | None] = mapped_column(String(32))
    of_seq: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(16))
    age: Mapped[int | None] = mapped_column(Integer)
    age_group: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    count: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    name_key: Mapped[str | None] = mapped_column(String(300), index=True)
    name_skeleton: Mapped[str | None] = mapped_column(String(300))
    person_id: Mapped[str | None] = mapped_column(ID, index=True)


class VictimLinkRow(Base):
    """Why two mentions were taken for one person: the match weight and each comparison's part."""

    __tablename__ = "victim_links"

    mention_a: Mapped[str] = mapped_column(ForeignKey("victims.id"), primary_key=True)
    mention_b: Mapped[str] = mapped_column(ForeignKey("victims.id"), primary_key=True)
    weight: Mapped[float] = mapped_column(Float)
    probability: Mapped[float] = mapped_column(Float)
    reasons: Mapped[dict[str, Any]] = mapped_column(JSON)


class HistoryRow(Base):
    """Append-only record of every change to the ledger: what, when, in which run."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    run_id: Mapped[str | None] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(ID)
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)


Index("ix_history_entity", HistoryRow.entity, HistoryRow.entity_id)
