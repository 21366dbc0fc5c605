"""Who did it, according to whom: the attribution table, the actors by support, and conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from civcas.assess.rules import Rules
from civcas.assess.support import tally
from civcas.model import AttributionEntry, Claim, SourcedClaim, Span

# Evidence keys that may hold the words of an attribution, the most telling first.
_WORD_KEYS = ("perpetrator_evidence", "attribution", "perpetrator")


def attribution_of(sc: SourcedClaim, rules: Rules) -> str:
    return sc.claim.attribution or rules.missing_attribution


@dataclass(frozen=True, slots=True)
class Naming:
    """One actor a claim names as the attacker: its perpetrator or a co-perpetrator."""

    sc: SourcedClaim
    actor: str
    attribution: str
    span: Span | None


def namings(claims: Sequence[SourcedClaim], rules: Rules) -> list[Naming]:
    """Every actor each claim names as the attacker, in claim order. A co-perpetrator shares the
    claim's attribution, except a denial or a claim of responsibility: that is the word of the
    perpetrator alone, and the report still alleges the actor named with it."""
    out: list[Naming] = []
    for sc in claims:
        if not sc.claim.perpetrator:
            continue
        attribution = attribution_of(sc, rules)
        out.append(Naming(sc, sc.claim.perpetrator, attribution, _span(sc.claim)))
        shared = "alleged" if attribution in ("denied", "claimed") else attribution
        for co in sc.claim.co_perpetrators:
            if co.actor != sc.claim.perpetrator:
                out.append(Naming(sc, co.actor, shared, co.span))
    return out


def _span(claim: Claim) -> Span | None:
    return next((claim.evidence[k] for k in _WORD_KEYS if k in claim.evidence), None)


def entry(naming: Naming) -> AttributionEntry:
    """One row of the attribution table: an actor a claim names, with the quoted words."""
    sc, span = naming.sc, naming.span
    words = sc.claim.perpetrator_evidence or (span.of(sc.report.text) if span else None)
    return AttributionEntry(
        actor=naming.actor,
        attribution=naming.attribution,
        claim_id=sc.id,
        report_id=sc.report.id,
        outlet=sc.report.outlet,
        words=words or None,
        span=span,
    )


def attribution_table(claims: Sequence[SourcedClaim], rules: Rules) -> list[AttributionEntry]:
    """One entry per actor each claim names (co-perpetrators too), in claim order."""
    return [entry(n) for n in namings(claims, rules)]


def _named(claims: Sequence[SourcedClaim], rules: Rules) -> list[Naming]:
    return [n for n in namings(claims, rules) if rules.is_actor(n.actor)]


def actor_support(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, tuple[float, int]]:
    """Actor -> (weight, lineages): the sum over lineages of the largest weight each gives."""
    best: dict[str, dict[str, float]] = {}
    for n in _named(claims, rules):
        per_lineage = best.setdefault(n.actor, {})
        weight = rules.weight(n.attribution)
        lineage = n.sc.lineage_id
        per_lineage[lineage] = max(weight, per_lineage.get(lineage, 0.0))
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
    for n in _blaming(claims, rules):
        out.setdefault(n.actor, set()).add(n.sc.lineage_id)
    return out


def _blaming(claims: Sequence[SourcedClaim], rules: Rules) -> list[Naming]:
    """Namings that blame their actor: asserted, alleged or claimed; not a denial, not 'unknown'."""
    return [
        n for n in _named(claims, rules)
        if n.attribution != "denied" and rules.weight(n.attribution) > 0
    ]


def competing(
    claims: Sequence[SourcedClaim], rules: Rules, *, partners_compete: bool = True
) -> dict[str, set[str]]:
    """The accused actors where two sources blame different ones (else {}): two lineages
    whose accused families have none in common. One source that names two actors together
    ("regime forces and Russia") names joint attackers, not competing ones; with
    `partners_compete` False, neither do two sources that each name one of two partner forces
    (the SDF raid, the coalition raid: one joint operation told twice)."""
    accused = accusers(claims, rules)
    blamed: dict[str, set[str]] = {}
    for actor, lineages in accused.items():
        for lineage in lineages:
            blamed.setdefault(lineage, set()).add(rules.family(actor))
    sets = list(blamed.values())
    apart = any(
        not (a & b) and (partners_compete or not rules.are_partners(a | b))
        for i, a in enumerate(sets)
        for b in sets[i + 1 :]
    )
    return accused if apart else {}


def joint_belligerents(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, list[str]]:
    """Source (outlet, else report id) -> the families it names together as the attackers, where
    they are two or more and not partners (grading.toml `partners`): "regime forces and Russia"
    leaves open which belligerent did the harm."""
    named: dict[str, set[str]] = {}
    by: dict[str, str] = {}
    for n in _blaming(claims, rules):
        named.setdefault(n.sc.id, set()).add(rules.family(n.actor))
        by[n.sc.id] = n.sc.report.outlet or n.sc.report.id
    out: dict[str, list[str]] = {}
    for claim_id, families in named.items():
        if len(families) > 1 and not rules.are_partners(families):
            out.setdefault(by[claim_id], sorted(families))
    return dict(sorted(out.items()))


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
