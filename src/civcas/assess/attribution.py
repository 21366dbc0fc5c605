"""Who did it, according to whom: the attribution table, the actors by support, and conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from civcas.assess.rules import Rules
from civcas.assess.support import tally
from civcas.model import AttributionEntry, Claim, SourcedClaim, Span

# Evidence keys that may hold the words of an attribution, the most telling first.
_WORD_KEYS = ("perpetrator_evidence", "attribution", "perpetrator")


def attribution_of(sc: SourcedClaim, rules: Rules) -> str:
    return sc.claim.attribution or rules.missing_attribution


def _span(claim: Claim) -> Span | None:
    return next((claim.evidence[k] for k in _WORD_KEYS if k in claim.evidence), None)


def entry(sc: SourcedClaim, rules: Rules) -> AttributionEntry:
    """One row of the attribution table for a claim that names a perpetrator."""
    span = _span(sc.claim)
    words = sc.claim.perpetrator_evidence or (span.of(sc.report.text) if span else None)
    return AttributionEntry(
        actor=sc.claim.perpetrator or "",
        attribution=attribution_of(sc, rules),
        claim_id=sc.id,
        report_id=sc.report.id,
        outlet=sc.report.outlet,
        words=words or None,
        span=span,
    )


def attribution_table(claims: Sequence[SourcedClaim], rules: Rules) -> list[AttributionEntry]:
    """One entry per claim that names a perpetrator, in claim order."""
    return [entry(sc, rules) for sc in claims if sc.claim.perpetrator]


def _named(claims: Sequence[SourcedClaim], rules: Rules) -> list[SourcedClaim]:
    return [sc for sc in claims if sc.claim.perpetrator and rules.is_actor(sc.claim.perpetrator)]


def actor_support(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, tuple[float, int]]:
    """Actor -> (weight, lineages): the sum over lineages of the largest weight each gives."""
    best: dict[str, dict[str, float]] = {}
    for sc in _named(claims, rules):
        per_lineage = best.setdefault(sc.claim.perpetrator or "", {})
        weight = rules.weight(attribution_of(sc, rules))
        per_lineage[sc.lineage_id] = max(weight, per_lineage.get(sc.lineage_id, 0.0))
    return {actor: (sum(w.values()), len(w)) for actor, w in best.items()}


def perpetrators(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    """Actors by support, the most supported first; 'unknown' only where no one is named."""
    support = actor_support(claims, rules)
    if support:
        return sorted(support, key=lambda a: (-support[a][0], -support[a][1], a))
    return sorted({sc.claim.perpetrator for sc in claims if sc.claim.perpetrator})


def accusers(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, set[str]]:
    """Actor -> the lineages that blame it (assert, allege or claim; not deny, not 'unknown')."""
    out: dict[str, set[str]] = {}
    for sc in _named(claims, rules):
        attribution = attribution_of(sc, rules)
        if attribution != "denied" and rules.weight(attribution) > 0:
            out.setdefault(sc.claim.perpetrator or "", set()).add(sc.lineage_id)
    return out


def competing(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, set[str]]:
    """The accused actors where they belong to two families or more (else {})."""
    accused = accusers(claims, rules)
    families = {rules.family(actor) for actor in accused}
    return accused if len(families) > 1 else {}


def actor_contradiction(claims: Sequence[SourcedClaim], rules: Rules) -> str | None:
    """'different actors named: Russia (3 sources), Syrian government (1 source)'."""
    accused = competing(claims, rules)
    if not accused:
        return None
    order = [a for a in perpetrators(claims, rules) if a in accused]
    return "different actors named: " + tally((a, len(accused[a])) for a in order)


def denials(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, list[str]]:
    """Denied actor -> who carries the denial (outlet, else report id), sorted."""
    out: dict[str, set[str]] = {}
    for sc in claims:
        if sc.claim.perpetrator and attribution_of(sc, rules) == "denied":
            out.setdefault(sc.claim.perpetrator, set()).add(sc.report.outlet or sc.report.id)
    return {actor: sorted(by) for actor, by in sorted(out.items())}


def denial_contradictions(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    """'denial: Russia denied by Outlet A, Outlet B' for each denied actor."""
    return [f"denial: {a} denied by {', '.join(by)}" for a, by in denials(claims, rules).items()]
