"""The ledger's victims: every mention with its evidence, the person each mention was
deduplicated into, the pairs that joined them, and the questions a monitor asks of them.

Mentions are written with their claim (one transaction, in `Ledger.add_extraction`); persons
are written in one transaction by `save_persons`, which records a fingerprint of what it
deduplicated, so a re-run on an unchanged ledger does nothing and an interrupted one is redone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from civcas.knowledge.gazetteer import standard_admin1
from civcas.knowledge.names import arabic_skeleton, latin_key
from civcas.model import Claim, Link, VictimMention, person_id
from civcas.store.common import chunks, history_row, now
from civcas.store.schema import (
    ClaimRow,
    HistoryRow,
    IncidentRow,
    ReportRow,
    VictimLinkRow,
    VictimRow,
)


@dataclass(frozen=True, slots=True)
class VictimFilter:
    """What `civcas victims` selects on; None means any. `name` matches in either script."""

    incident: str | None = None
    place: str | None = None
    admin1: str | None = None
    since: date | None = None
    until: date | None = None
    name: str | None = None


def victim_rows(claim_id: str, claim: Claim) -> list[VictimRow]:
    """The mention rows of one claim: its named victims, then the people it counts unnamed."""
    rows: list[VictimRow] = []
    for seq, v in enumerate(claim.victims, 1):
        rows.append(
            VictimRow(
                id=f"{claim_id}/v{seq}",
                claim_id=claim_id,
                seq=seq,
                name=v.name,
                start=v.span.start,
                end=v.span.end,
                parts=dict(v.parts),
                relation=v.relation,
                of_seq=None if v.of is None else v.of + 1,
                sex=v.sex,
                age=v.age,
                age_group=v.age_group,
                status=v.status,
                count=None,
                evidence={k: s.as_list() for k, s in v.evidence.items()},
                name_key=latin_key(v.name)[:300] or None,
                name_skeleton=arabic_skeleton(v.name)[:300] or None,
            )
        )
    base = len(claim.victims)
    for n, u in enumerate(claim.unnamed_victims, 1):
        rows.append(
            VictimRow(
                id=f"{claim_id}/u{n}",
                claim_id=claim_id,
                seq=base + n,
                name=None,
                start=u.span.start,
                end=u.span.end,
                parts={},
                relation=u.relation,
                of_seq=None if u.of is None else u.of + 1,
                count=u.count,
                evidence={},
            )
        )
    return rows


class VictimStore:
    """The victims' side of the ledger (a part of `Ledger`, which supplies the session)."""

    _session: sessionmaker[Session]

    def victim_mentions(self) -> list[VictimMention]:
        """Every named mention, with the incident, day and place of its claim, by id."""
        with self._session() as s:
            query = (
                select(VictimRow, ClaimRow)
                .join(ClaimRow, VictimRow.claim_id == ClaimRow.id)
                .where(VictimRow.name.is_not(None))
                .order_by(VictimRow.id)
            )
            return [
                VictimMention(
                    id=v.id,
                    claim=v.claim_id,
                    name=v.name or "",
                    parts=dict(v.parts or {}),
                    incident=c.incident_id,
                    date=c.date if c.date_precision in (None, "day") else None,
                    lat=c.lat,
                    lon=c.lon,
                    admin1=c.admin1,
                    relation=v.relation,
                    sex=v.sex,
                    age=v.age,
                )
                for v, c in s.execute(query)
            ]

    def victims_fingerprint(self, mentions: Sequence[VictimMention]) -> str:
        """What a deduplication depends on, hashed: the same mentions give the same print."""
        data = [
            (m.id, m.name, m.incident, m.date and m.date.isoformat(), m.admin1, m.sex, m.age)
            for m in mentions
        ]
        return hashlib.sha256(json.dumps(data, default=str).encode("utf-8")).hexdigest()[:32]

    def last_victims_fingerprint(self) -> str | None:
        """The fingerprint of the last completed deduplication (None before the first)."""
        with self._session() as s:
            detail = s.scalar(
                select(HistoryRow.detail)
                .where(HistoryRow.entity == "victims", HistoryRow.action == "deduplicated")
                .order_by(HistoryRow.id.desc())
                .limit(1)
            )
        return (detail or {}).get("fingerprint")

    def save_persons(
        self,
        person_of: dict[str, str],
        links: Sequence[Link],
        fingerprint: str,
        run_id: str | None = None,
    ) -> int:
        """Store each mention's person and the joining pairs, in one transaction; the number
        of mentions whose person changed."""
        changed = 0
        at = now()
        with self._session.begin() as s:
            rows = s.scalars(select(VictimRow).where(VictimRow.name.is_not(None))).all()
            for row in rows:
                person = person_of.get(row.id)
                if person is not None and row.person_id != person:
                    row.person_id = person
                    changed += 1
                if row.name_key is None and row.name:  # mentions copied by a migration
                    row.name_key = latin_key(row.name)[:300] or None
                    row.name_skeleton = arabic_skeleton(row.name)[:300] or None
            s.execute(delete(VictimLinkRow))
            for link in links:
                s.add(
                    VictimLinkRow(
                        mention_a=link.a,
                        mention_b=link.b,
                        weight=link.score,
                        probability=_probability(link.score),
                        reasons=link.reasons,
                    )
                )
            detail = {
                "fingerprint": fingerprint,
                "mentions": len(person_of),
                "persons": len(set(person_of.values())),
                "changed": changed,
            }
            s.add(history_row(at, run_id, "victims", "*", "deduplicated", detail))
        return changed

    def persons(self, where: VictimFilter | None = None) -> list[dict[str, Any]]:
        """One record per person among the mentions that match `where`, in order of name."""
        where = where or VictimFilter()
        with self._session() as s:
            mentions = self._mention_records(s, where)
        groups: dict[str, list[dict[str, Any]]] = {}
        for m in mentions:
            groups.setdefault(m["person"], []).append(m)
        if where.name:
            wanted = _query_keys(where.name)
            groups = {p: ms for p, ms in groups.items() if any(_found(wanted, m) for m in ms)}
        records = [_person_record(pid, ms) for pid, ms in groups.items()]
        return sorted(records, key=lambda r: (r["name"].casefold(), r["id"]))

    def victim_links(self, mention_ids: Sequence[str]) -> list[Link]:
        """The joining pairs among `mention_ids`, with their weights and reasons."""
        ids = list(mention_ids)
        out: list[Link] = []
        with self._session() as s:
            for chunk in chunks(ids, 500):
                for r in s.scalars(select(VictimLinkRow).where(VictimLinkRow.mention_a.in_(chunk))):
                    if r.mention_b in ids:
                        out.append(Link(r.mention_a, r.mention_b, r.weight, dict(r.reasons)))
        return sorted(out, key=lambda link: (link.a, link.b))

    def victims_of_incident(self, incident_id: str) -> dict[str, Any]:
        """Named persons and unnamed groups of one incident, beside its reported toll."""
        with self._session() as s:
            incident = s.get(IncidentRow, incident_id)
            while incident is not None and incident.status == "merged" and incident.merged_into:
                incident = s.get(IncidentRow, incident.merged_into)
            if incident is None:
                raise KeyError(f"no incident {incident_id}")
            mentions = self._mention_records(s, VictimFilter(incident=incident.id), named=False)
        named = {m["person"] for m in mentions if m["name"] is not None}
        groups = [m for m in mentions if m["name"] is None]
        return {
            "incident": incident.id,
            "assessment": incident.assessment or {},
            "named": len(named),
            "unnamed_groups": [
                {"relation": g["relation"], "count": g["count"], "report": g["report"],
                 "quote": g["quote"]}
                for g in groups
            ],
        }

    def _mention_records(
        self, s: Session, where: VictimFilter, named: bool = True
    ) -> list[dict[str, Any]]:
        query = select(VictimRow, ClaimRow, ReportRow.text).join(
            ClaimRow, VictimRow.claim_id == ClaimRow.id
        ).join(ReportRow, ClaimRow.report_id == ReportRow.id)
        if named:
            query = query.where(VictimRow.name.is_not(None))
        if where.incident:
            query = query.where(ClaimRow.incident_id == _active(s, where.incident))
        if where.since:
            query = query.where(ClaimRow.date >= where.since)
        if where.until:
            query = query.where(ClaimRow.date <= where.until)
        if where.admin1:
            query = query.where(
                ClaimRow.admin1 == (standard_admin1(where.admin1) or where.admin1)
            )
        out = []
        for v, c, text in s.execute(query.order_by(VictimRow.id)):
            if where.place and not any(
                n and where.place.casefold() in n.casefold() for n in (c.place, c.place_std)
            ):
                continue
            out.append(_mention_record(v, c, text))
        return out


def _active(s: Session, incident_id: str) -> str:
    """The incident a merged incident now lives in."""
    for _ in range(20):
        row = s.get(IncidentRow, incident_id)
        if row is None or row.status != "merged" or not row.merged_into:
            return incident_id
        incident_id = row.merged_into
    return incident_id


def _mention_record(v: VictimRow, c: ClaimRow, text: str) -> dict[str, Any]:
    details = {k: getattr(v, k) for k in ("relation", "sex", "age", "age_group", "status")}
    return {
        "id": v.id,
        "person": v.person_id or person_id([v.id]),
        "name": v.name,
        "name_key": v.name_key,
        "name_skeleton": v.name_skeleton,
        "parts": dict(v.parts or {}),
        **details,
        "count": v.count,
        "of_seq": v.of_seq,
        "claim": c.id,
        "report": c.report_id,
        "incident": c.incident_id,
        "date": c.date.isoformat() if c.date else None,
        "place": c.place_std or c.place,
        "admin1": c.admin1,
        "evidence": [v.start, v.end],
        "quote": text[v.start : v.end],
        "detail_evidence": {
            k: {"span": w, "quote": text[w[0] : w[1]]} for k, w in (v.evidence or {}).items()
        },
    }


def _first(mentions: list[dict[str, Any]], key: str) -> Any:
    return next((m[key] for m in mentions if m.get(key) is not None), None)


def _person_record(pid: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """A person as the mentions give them: the most used spelling first, every source."""
    spellings: dict[str, int] = {}
    for m in mentions:
        spellings[m["name"]] = spellings.get(m["name"], 0) + 1
    ordered = sorted(spellings, key=lambda n: -spellings[n])
    return {
        "id": pid,
        "name": ordered[0],
        "spellings": ordered,
        "parts": _first(mentions, "parts") or {},
        "sex": _first(mentions, "sex"),
        "age": _first(mentions, "age"),
        "age_group": _first(mentions, "age_group"),
        "status": _first(mentions, "status"),
        "relation": _first(mentions, "relation"),
        "incidents": sorted({m["incident"] for m in mentions if m["incident"]}),
        "dates": sorted({m["date"] for m in mentions if m["date"]}),
        "places": sorted({m["place"] for m in mentions if m["place"]}),
        "reports": sorted({m["report"] for m in mentions}),
        "mentions": mentions,
    }


def _query_keys(query: str) -> tuple[set[str], set[str]]:
    return set(latin_key(query).split()), set(arabic_skeleton(query).split())


def _found(wanted: tuple[set[str], set[str]], mention: dict[str, Any]) -> bool:
    """A name query matches when all its words' keys are among the mention's, in either script."""
    latin, skeleton = wanted
    have_latin = set((mention["name_key"] or latin_key(mention["name"] or "")).split())
    have_skeleton = set(
        (mention["name_skeleton"] or arabic_skeleton(mention["name"] or "")).split()
    )
    return bool(latin and latin <= have_latin) or bool(skeleton and skeleton <= have_skeleton)


def _probability(weight: float) -> float:
    """Splink's match probability of a match weight."""
    odds = 2.0 ** max(min(weight, 60.0), -60.0)
    return round(odds / (1.0 + odds), 6)
