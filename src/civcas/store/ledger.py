"""The ledger's operations: store reports and claims, record links and assessments, answer queries.

Every write is one transaction that leaves the ledger consistent, so a run killed at any point
is completed by the next one: claims wait unlinked (`incident_id` null), incidents wait with
`needs_assessment` set. Nothing is written when nothing changed (re-runs are no-ops).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from civcas.knowledge.gazetteer import standard_admin1
from civcas.model import (
    CLAIM_FIELDS,
    WEEKDAYS,
    Assessment,
    Claim,
    Extraction,
    Link,
    Report,
    SourcedClaim,
)
from civcas.store.common import chunks as _chunks
from civcas.store.common import history_row as _history
from civcas.store.common import now as _now
from civcas.store.db import open_engine
from civcas.store.schema import (
    ClaimRow,
    HistoryRow,
    IncidentRow,
    LinkRow,
    ReportRow,
    VictimRow,
)
from civcas.store.victims import VictimStore, victim_rows

# Claim fields stored as their own columns (victim names and evidence go in JSON columns).
_CLAIM_COLUMNS = tuple(f for f in CLAIM_FIELDS if f != "victim_names")


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    """What `civcas incidents` and `tally` select on; None means any."""

    place: str | None = None
    admin1: str | None = None
    perpetrator: str | None = None
    since: date | None = None
    until: date | None = None
    grade: str | None = None


class ReportClash(ValueError):
    """A report id already stored with another text: reports are never modified."""


class Ledger(VictimStore):
    """One ledger database (SQLite file or PostgreSQL), migrated to the latest schema on open."""

    def __init__(self, db: str | os.PathLike[str] | Engine | None = None) -> None:
        self.engine = db if isinstance(db, Engine) else open_engine(db)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- reports and claims -------------------------------------------------------------

    def has_report(self, report: Report) -> bool:
        """True when this report is stored already; ReportClash when its id holds another text."""
        with self._session() as s:
            stored = s.get(ReportRow, report.id)
        if stored is None:
            return False
        if stored.hash != report.hash:
            raise ReportClash(
                f'report id "{report.id}" is stored already with a different text; reports are '
                "never modified: give the new version its own id"
            )
        return True

    def add_extraction(self, extraction: Extraction, run_id: str | None = None) -> list[str]:
        """Store a report and its claims in one transaction; the claim ids (none if stored)."""
        report = extraction.report
        if self.has_report(report):
            return []
        now = _now()
        ids = [f"{report.id}/{n}" for n in range(1, len(extraction.claims) + 1)]
        with self._session.begin() as s:
            s.add(_report_row(report, extraction.lang, now))
            s.flush()  # the report row first: its claims refer to it
            for claim_id, (n, claim) in zip(ids, enumerate(extraction.claims, 1), strict=True):
                s.add(_claim_row(claim_id, report.id, n, claim))
            s.flush()  # claims before the victims that refer to them
            for claim_id, claim in zip(ids, extraction.claims, strict=True):
                s.add_all(victim_rows(claim_id, claim))
            s.add(_history(now, run_id, "report", report.id, "added", {"claims": len(ids)}))
        return ids

    def pending_claims(self) -> list[SourcedClaim]:
        """Claims not linked to an incident yet (new, or left by an interrupted run)."""
        with self._session() as s:
            rows = s.scalars(
                select(ClaimRow).where(ClaimRow.incident_id.is_(None)).order_by(ClaimRow.id)
            ).all()
            return self._sourced(s, rows)

    def neighbours(
        self,
        spans: Iterable[tuple[date, date]],
        admin1: Iterable[str],
        whole_governorates: bool = False,
    ) -> list[SourcedClaim]:
        """Linked claims that new claims could be paired with: dated within one of `spans`,
        undated in one of the governorates `admin1`, and, for new claims that nothing dates,
        every claim of those governorates (every undated claim where none is named)."""
        places = sorted(set(admin1))
        conditions = [ClaimRow.date.between(lo, hi) for lo, hi in _merged(spans)]
        if places:
            conditions.append(and_(ClaimRow.date.is_(None), ClaimRow.admin1.in_(places)))
        if whole_governorates:
            conditions.append(ClaimRow.admin1.in_(places) if places else ClaimRow.date.is_(None))
        if not conditions:
            return []
        with self._session() as s:
            rows = s.scalars(
                select(ClaimRow)
                .where(ClaimRow.incident_id.is_not(None), or_(*conditions))
                .order_by(ClaimRow.id)
            ).all()
            return self._sourced(s, rows)

    def incident_of(self, claim_ids: Iterable[str]) -> dict[str, str]:
        """claim id -> incident id of the linked ones among `claim_ids`."""
        ids = list(claim_ids)
        out: dict[str, str] = {}
        with self._session() as s:
            for chunk in _chunks(ids, 500):
                for cid, iid in s.execute(
                    select(ClaimRow.id, ClaimRow.incident_id).where(ClaimRow.id.in_(chunk))
                ):
                    if iid is not None:
                        out[cid] = iid
        return out

    def set_lineages(self, lineages: Mapping[str, str], run_id: str | None = None) -> int:
        """Record which reports copy which (report id -> first report of its family)."""
        changed = 0
        with self._session.begin() as s:
            for rid, root in sorted(lineages.items()):
                row = s.get(ReportRow, rid)
                value = None if root == rid else root
                if row is not None and row.lineage != value:
                    row.lineage = value
                    s.add(_history(_now(), run_id, "report", rid, "lineage", {"lineage": root}))
                    changed += 1
        return changed

    def apply_links(
        self,
        incidents: Mapping[str, str],
        links: Sequence[Link],
        merged: Sequence[tuple[str, str]] = (),
        run_id: str | None = None,
    ) -> set[str]:
        """Assign claims to incidents, merge incidents, keep the links: one transaction.

        Returns the ids of the incidents whose claims changed (they need a new assessment).
        """
        now = _now()
        touched: set[str] = set()
        with self._session.begin() as s:
            for old, new in merged:
                self._ensure_incident(s, new, now, run_id)
                row = s.get(IncidentRow, old)
                if row is None or row.status == "merged":
                    continue
                row.status, row.merged_into, row.needs_assessment = "merged", new, 0
                s.execute(
                    update(ClaimRow).where(ClaimRow.incident_id == old).values(incident_id=new)
                )
                s.add(_history(now, run_id, "incident", old, "merged", {"into": new}))
                touched.add(new)
            for claim_id, incident_id in sorted(incidents.items()):
                row = s.get(ClaimRow, claim_id)
                if row is None or row.incident_id == incident_id:
                    continue
                self._ensure_incident(s, incident_id, now, run_id)
                if row.incident_id is not None:
                    touched.add(row.incident_id)
                detail = {"incident": incident_id, "was": row.incident_id}
                row.incident_id = incident_id
                s.add(_history(now, run_id, "claim", claim_id, "linked", detail))
                touched.add(incident_id)
            for link in links:
                a, b = sorted((link.a, link.b))
                stored = s.get(LinkRow, (a, b))
                reasons = {k: round(v, 3) for k, v in link.reasons.items()}
                if stored is None:
                    s.add(LinkRow(claim_a=a, claim_b=b, score=link.score, reasons=reasons))
                elif stored.score != link.score or stored.reasons != reasons:
                    stored.score, stored.reasons = link.score, reasons
            if touched:
                s.execute(
                    update(IncidentRow)
                    .where(IncidentRow.id.in_(sorted(touched)), IncidentRow.status == "active")
                    .values(needs_assessment=1)
                )
        return touched

    def _ensure_incident(
        self, s: Session, incident_id: str, now: datetime, run_id: str | None
    ) -> None:
        if s.get(IncidentRow, incident_id) is None:
            s.add(IncidentRow(id=incident_id, status="active", needs_assessment=1, created_at=now))
            s.add(_history(now, run_id, "incident", incident_id, "created", None))
            s.flush()

    # --- assessment ------------------------------------------------------------------------

    def incidents_to_assess(self) -> list[str]:
        with self._session() as s:
            return list(
                s.scalars(
                    select(IncidentRow.id)
                    .where(IncidentRow.needs_assessment == 1, IncidentRow.status == "active")
                    .order_by(IncidentRow.id)
                )
            )

    def claims_of(self, incident_id: str) -> list[SourcedClaim]:
        with self._session() as s:
            rows = s.scalars(
                select(ClaimRow).where(ClaimRow.incident_id == incident_id).order_by(ClaimRow.id)
            ).all()
            return self._sourced(s, rows)

    def save_assessment(self, assessment: Assessment, run_id: str | None = None) -> bool:
        """Store an incident's assessment; True when it differs from the stored one."""
        data = assessment.to_dict()
        now = _now()
        with self._session.begin() as s:
            row = s.get(IncidentRow, assessment.incident_id)
            if row is None:
                raise KeyError(f"no incident {assessment.incident_id}")
            row.needs_assessment = 0
            if row.assessment == data:
                return False
            before = (row.assessment or {}).get("grade")
            row.assessment = data
            row.date, row.date_end = assessment.date, assessment.date_end
            row.place_std, row.admin1, row.country = (
                assessment.place_std or assessment.place,
                assessment.admin1,
                assessment.country,
            )
            row.lat, row.lon = assessment.lat, assessment.lon
            row.event_type = assessment.event_type
            row.perpetrator = assessment.perpetrators[0] if assessment.perpetrators else None
            row.grade = assessment.grade
            row.assessed_at = now
            detail = {"grade": assessment.grade, "was": before, "claims": len(assessment.claim_ids)}
            s.add(_history(now, run_id, "incident", row.id, "assessed", detail))
        return True

    # --- queries -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self._session() as s:
            return {
                "reports": s.scalar(select(func.count()).select_from(ReportRow)) or 0,
                "claims": s.scalar(select(func.count()).select_from(ClaimRow)) or 0,
                "incidents": s.scalar(
                    select(func.count())
                    .select_from(IncidentRow)
                    .where(IncidentRow.status == "active")
                )
                or 0,
                "victim mentions": s.scalar(
                    select(func.count()).select_from(VictimRow).where(VictimRow.name.is_not(None))
                )
                or 0,
                "persons": s.scalar(select(func.count(func.distinct(VictimRow.person_id))))
                or 0,
                "history": s.scalar(select(func.count()).select_from(HistoryRow)) or 0,
            }

    def incidents(self, where: IncidentFilter | None = None) -> list[dict[str, Any]]:
        """Assessed incidents (Assessment.to_dict() records) matching the filter, by date."""
        where = where or IncidentFilter()
        query = select(IncidentRow).where(
            IncidentRow.status == "active", IncidentRow.assessment.is_not(None)
        )
        if where.since:
            query = query.where(IncidentRow.date >= where.since)
        if where.until:
            query = query.where(IncidentRow.date <= where.until)
        if where.grade:
            query = query.where(IncidentRow.grade == where.grade)
        with self._session() as s:
            rows = s.scalars(query.order_by(IncidentRow.date, IncidentRow.id)).all()
        return [r.assessment for r in rows if r.assessment and _matches(r.assessment, where)]

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident's record; a merged incident answers with the one it was merged into."""
        with self._session() as s:
            for _ in range(20):
                row = s.get(IncidentRow, incident_id)
                if row is None:
                    return None
                if row.status != "merged" or not row.merged_into:
                    return row.assessment
                incident_id = row.merged_into
        return None

    def links_of(self, claim_ids: Sequence[str]) -> list[Link]:
        ids = list(claim_ids)
        with self._session() as s:
            rows = s.scalars(
                select(LinkRow).where(LinkRow.claim_a.in_(ids), LinkRow.claim_b.in_(ids))
            ).all()
        return [Link(r.claim_a, r.claim_b, r.score, dict(r.reasons)) for r in rows]

    def history(self, entity_id: str | None = None) -> list[dict[str, Any]]:
        query = select(HistoryRow).order_by(HistoryRow.id)
        if entity_id:
            query = query.where(HistoryRow.entity_id == entity_id)
        with self._session() as s:
            return [
                {
                    "at": r.at.isoformat(),
                    "run": r.run_id,
                    "entity": r.entity,
                    "id": r.entity_id,
                    "action": r.action,
                    "detail": r.detail,
                }
                for r in s.scalars(query)
            ]

    def reports_with_claims(self) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
        """Every report (contract-1 fields and lang) with its claims (contract 3), by id."""
        with self._session() as s:
            for report in s.scalars(select(ReportRow).order_by(ReportRow.id)).yield_per(500):
                claims = s.scalars(
                    select(ClaimRow).where(ClaimRow.report_id == report.id).order_by(ClaimRow.seq)
                ).all()
                row = _report_of(report).to_dict()
                row["lang"] = report.lang
                yield row, [_claim_of(c).to_dict() | {"incident": c.incident_id} for c in claims]

    def report(self, report_id: str) -> Report | None:
        with self._session() as s:
            row = s.get(ReportRow, report_id)
            return _report_of(row) if row else None

    def _sourced(self, s: Session, rows: Sequence[ClaimRow]) -> list[SourcedClaim]:
        report_ids = sorted({r.report_id for r in rows})
        reports: dict[str, ReportRow] = {}
        for chunk in _chunks(report_ids, 500):
            for rep in s.scalars(select(ReportRow).where(ReportRow.id.in_(chunk))):
                reports[rep.id] = rep
        return [
            SourcedClaim(
                id=r.id,
                report=_report_of(reports[r.report_id]),
                claim=_claim_of(r),
                lineage=reports[r.report_id].lineage,
            )
            for r in rows
        ]


def _matches(record: Mapping[str, Any], where: IncidentFilter) -> bool:
    """The filters that look inside the assessment: place, governorate, perpetrator."""
    if where.place:
        wanted = where.place.casefold()
        names = [record.get("place"), record.get("place_std")]
        if not any(n and wanted in n.casefold() for n in names):
            return False
    if where.admin1:
        wanted_admin = standard_admin1(where.admin1) or where.admin1
        if (record.get("admin1") or "").casefold() != wanted_admin.casefold():
            return False
    if where.perpetrator:
        wanted = where.perpetrator.casefold()
        if not any(wanted in p.casefold() for p in record.get("perpetrators") or []):
            return False
    return True


def _merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """Date ranges merged into as few as possible (fewer conditions in the query)."""
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _report_row(report: Report, lang: str, now: datetime) -> ReportRow:
    return ReportRow(
        id=report.id,
        hash=report.hash,
        url=report.url,
        outlet=report.outlet,
        lang=report.lang or lang,
        published=report.published,
        title=report.title,
        text=report.text,
        source=report.source,
        added_at=now,
    )


def _report_of(row: ReportRow) -> Report:
    return Report(
        text=row.text,
        id=row.id,
        url=row.url,
        outlet=row.outlet,
        lang=row.lang,
        published=row.published,
        title=row.title,
        source=row.source,
    )


def _claim_row(claim_id: str, report_id: str, seq: int, claim: Claim) -> ClaimRow:
    data = claim.to_dict()
    return ClaimRow(
        id=claim_id,
        report_id=report_id,
        seq=seq,
        victim_names=list(claim.victim_names),
        co_perpetrators=data.get("co_perpetrators"),
        weekday=claim.weekday,
        month_day=claim.month_day,
        evidence=data["evidence"],
        **{name: getattr(claim, name) for name in _CLAIM_COLUMNS},
    )


def _claim_of(row: ClaimRow) -> Claim:
    data: dict[str, Any] = {name: getattr(row, name) for name in _CLAIM_COLUMNS}
    data["date"] = row.date.isoformat() if row.date else None
    data["victim_names"] = row.victim_names or []
    data["co_perpetrators"] = row.co_perpetrators or []
    data["weekday"] = WEEKDAYS[row.weekday] if row.weekday is not None else None
    data["month_day"] = row.month_day
    data["evidence"] = row.evidence or {}
    return Claim.from_dict(data)
