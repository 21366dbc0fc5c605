"""Assess one incident from all its claims: when, where, what, how many, who, and how sure.

Every choice is deterministic (claims are taken in id order and ties are broken by name), so
assessing the same claims again gives the same assessment. The rules are in docs/grading.md and
their numbers in civcas/data/grading.toml.
"""

from __future__ import annotations

from collections.abc import Sequence

from civcas.assess.attribution import (
    actor_contradiction,
    attribution_table,
    denial_contradictions,
    perpetrators,
)
from civcas.assess.counts import count_contradictions, count_ranges
from civcas.assess.fields import (
    admin1_contradiction,
    choose_date,
    choose_event_type,
    choose_place,
    date_contradiction,
    first_reported,
    most_supported,
)
from civcas.assess.grading import grade
from civcas.assess.rules import Rules, load_rules
from civcas.model import Assessment, SourcedClaim


def _set_place(out: Assessment, claims: Sequence[SourcedClaim], rules: Rules) -> None:
    chosen = choose_place(claims, rules)
    if chosen is not None:
        c = chosen.claim
        out.place, out.place_std, out.geo_precision = c.place, c.place_std, c.geo_precision
        out.lat, out.lon, out.pcode = c.lat, c.lon, c.pcode
        out.admin1, out.country = c.admin1, c.country
    out.admin1 = out.admin1 or most_supported(claims, "admin1")
    out.country = out.country or most_supported(claims, "country")


def contradictions(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    """What the sources disagree on, in plain words."""
    found = [
        actor_contradiction(claims, rules),
        *denial_contradictions(claims, rules),
        *count_contradictions(claims, rules),
        date_contradiction(claims, rules),
        admin1_contradiction(claims),
    ]
    return [text for text in found if text]


def assess_incident(
    incident_id: str, claims: Sequence[SourcedClaim], rules: Rules | None = None
) -> Assessment:
    """The assessment of one incident from the claims linked to it (none: an empty assessment)."""
    rules = rules or load_rules()
    ordered = sorted(claims, key=lambda sc: sc.id)
    out = Assessment(incident_id=incident_id)
    out.date, out.date_end, out.date_precision = choose_date(ordered, rules)
    out.date_basis = "sources" if out.date is not None else None
    if out.date is None and rules.first_report_precision:
        out.date = first_reported(ordered)
        if out.date is not None:
            out.date_precision, out.date_basis = rules.first_report_precision, "first report"
    _set_place(out, ordered, rules)
    out.event_type = choose_event_type(ordered, rules)
    out.counts = count_ranges(ordered)
    out.attribution = attribution_table(ordered, rules)
    out.perpetrators = perpetrators(ordered, rules)
    out.report_ids = sorted({sc.report.id for sc in ordered})
    out.claim_ids = [sc.id for sc in ordered]
    out.sources = len(out.report_ids)
    out.independent_sources = len({sc.lineage_id for sc in ordered})
    out.contradictions = contradictions(ordered, rules)
    out.grade, out.grade_reasons = grade(ordered, rules)
    return out
