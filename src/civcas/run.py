"""The ledger job behind `civcas run`: ingest → extract → link → assess, into the ledger.

Each stage picks up what the ledger says is left to do (unstored reports, unlinked claims,
unassessed incidents), so a second run of the same input changes nothing and a run killed at
any point is finished by the next one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from civcas.assess import assess_incident
from civcas.extract import extract_report
from civcas.ingest import IngestError, read_reports
from civcas.link import LinkSettings, find_lineages, link_claims
from civcas.link.compare import pairing_days
from civcas.link.victims import VictimSettings, dedupe_victims
from civcas.model import Report
from civcas.store.ledger import Ledger, ReportClash

# progress(stage, done, total): called as work goes on; total None while unknown.
Progress = Callable[[str, int, int | None], None]


@dataclass(slots=True)
class RunSummary:
    """What one run did, for the command line and for tests."""

    run_id: str
    reports_read: int = 0
    reports_added: int = 0
    reports_known: int = 0
    claims_added: int = 0
    claims_linked: int = 0
    incidents_touched: int = 0
    assessments_changed: int = 0
    victims_changed: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def run(
    inputs: Iterable[str | Path] | Iterable[Report],
    ledger: Ledger,
    *,
    settings: LinkSettings | None = None,
    victim_settings: VictimSettings | None = None,
    text_column: str | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Ingest, extract, link and assess `inputs` (paths, or reports already read) into `ledger`,
    then deduplicate the named victims."""
    summary = RunSummary(run_id=uuid.uuid4().hex[:12])
    tick = progress or (lambda *_: None)
    settings = settings or LinkSettings.load()
    store_reports(_read(inputs, text_column, summary), ledger, summary, tick)
    link_pending(ledger, settings, summary, tick)
    assess_pending(ledger, summary, tick)
    dedupe_pending(ledger, summary, tick, victim_settings)
    return summary


def _read(
    inputs: Iterable[Any], text_column: str | None, summary: RunSummary
) -> Iterator[Report]:
    items = list(inputs)
    if items and all(isinstance(x, Report) for x in items):
        yield from items
        return
    for item in read_reports(items, text_column=text_column):
        if isinstance(item, IngestError):
            summary.errors.append(str(item))
            continue
        yield item


def store_reports(
    reports: Iterable[Report], ledger: Ledger, summary: RunSummary, tick: Progress
) -> None:
    """Extract and store every report the ledger lacks; each report is one transaction."""
    for report in reports:
        summary.reports_read += 1
        tick("extracting", summary.reports_read, None)
        try:
            if ledger.has_report(report):
                summary.reports_known += 1
                continue
        except ReportClash as exc:
            summary.errors.append(f"{report.source or report.id}: {exc}")
            continue
        try:
            extraction = extract_report(report)
        except Exception as exc:  # one bad report must not end the batch
            summary.errors.append(
                f"{report.source or report.id}: extraction failed ({type(exc).__name__}: {exc}); "
                "please report this as a civcas bug"
            )
            continue
        summary.claims_added += len(ledger.add_extraction(extraction, summary.run_id))
        summary.reports_added += 1


def link_pending(
    ledger: Ledger, settings: LinkSettings, summary: RunSummary, tick: Progress
) -> None:
    """Link the unlinked claims with each other and with their neighbours in the ledger."""
    pending = ledger.pending_claims()
    if not pending:
        return
    tick("linking", 0, len(pending))
    spans = [pairing_days(c, settings) for c in pending]
    neighbours = ledger.neighbours(
        [span for span in spans if span is not None],
        (c.claim.admin1 for c in pending if c.claim.admin1),
        whole_governorates=None in spans,
    )
    claims = pending + neighbours
    reports = {c.report.id: c.report for c in claims}
    lineages = find_lineages(list(reports.values()))
    ledger.set_lineages(lineages, summary.run_id)
    claims = [
        replace(c, lineage=None if lineages.get(c.report.id, c.report.id) == c.report.id
                else lineages[c.report.id])
        for c in claims
    ]
    existing = ledger.incident_of(c.id for c in neighbours)
    result = link_claims(claims, existing=existing, settings=settings)
    touched = ledger.apply_links(result.incidents, result.links, result.merged, summary.run_id)
    summary.claims_linked += len(pending)
    summary.incidents_touched += len(touched)
    tick("linking", len(pending), len(pending))


def assess_pending(ledger: Ledger, summary: RunSummary, tick: Progress) -> None:
    """Assess every incident whose claims changed; each assessment is one transaction."""
    todo = ledger.incidents_to_assess()
    for n, incident_id in enumerate(todo, 1):
        assessment = assess_incident(incident_id, ledger.claims_of(incident_id))
        summary.assessments_changed += ledger.save_assessment(assessment, summary.run_id)
        tick("assessing", n, len(todo))




def dedupe_pending(
    ledger: Ledger,
    summary: RunSummary,
    tick: Progress,
    settings: VictimSettings | None = None,
) -> None:
    """Deduplicate the named victims when their mentions or incidents changed since the last
    time (one transaction; the fingerprint of what was deduplicated makes re-runs no-ops)."""
    mentions = ledger.victim_mentions()
    fingerprint = ledger.victims_fingerprint(mentions)
    if not mentions or fingerprint == ledger.last_victims_fingerprint():
        return
    tick("victims", 0, len(mentions))
    persons = dedupe_victims(mentions, settings)
    summary.victims_changed += ledger.save_persons(
        persons.person_of, persons.links, fingerprint, summary.run_id
    )
    tick("victims", len(mentions), len(mentions))
