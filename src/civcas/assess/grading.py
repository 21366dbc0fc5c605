"""The grade of an incident on Airwars' scale, by the written rules of docs/grading.md.

In order, the first that holds:
1. confirmed: a belligerent claimed the act (attribution "claimed", or "asserted" in a report from
   the actor's own outlet), and no source carries that actor's denial;
2. contested: independent sources blame actors of different families that are not partners,
   one source names actors of two families that are not partners as the attackers, or a source
   carries a denial;
3. fair: `fair_min_sources` independent sources or more report the incident and some name an
   actor (no two of them different ones);
4. weak: otherwise (a single source, or no actor named).
"""

from __future__ import annotations

from collections.abc import Sequence

from civcas.assess.attribution import (
    accusers,
    attribution_of,
    competing,
    denials,
    joint_belligerents,
    perpetrators,
)
from civcas.assess.rules import Rules
from civcas.assess.support import sources, tally
from civcas.model import SourcedClaim


def _own_word(sc: SourcedClaim, rules: Rules) -> str | None:
    actor, attribution = sc.claim.perpetrator or "", attribution_of(sc, rules)
    by = sc.report.outlet or sc.report.id
    if attribution == "claimed":
        return f"{actor} claimed the attack (reported by {by})"
    if attribution == "asserted" and rules.is_own_outlet(actor, sc.report.outlet):
        return f"{actor} stated it carried out the attack ({by} is its own outlet)"
    return None


def _confirmed(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    denied = denials(claims, rules)
    reasons: list[str] = []
    for sc in claims:
        actor = sc.claim.perpetrator
        if not actor or not rules.is_actor(actor) or actor in denied:
            continue
        reason = _own_word(sc, rules)
        if reason and reason not in reasons:
            reasons.append(reason)
    return reasons


def _contested(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    reasons: list[str] = []
    accused = competing(claims, rules, partners_compete=False)
    if len(set().union(*accused.values())) > 1:
        order = [a for a in perpetrators(claims, rules) if a in accused]
        listed = tally((a, len(accused[a])) for a in order)
        reasons.append(f"independent sources blame different actors: {listed}")
    joint = {} if reasons else joint_belligerents(claims, rules)
    if joint:  # one source names several: the harm is not laid on one of them
        families = sorted({f for named in joint.values() for f in named})
        reasons.append(f"several belligerents named as the attackers: {' and '.join(families)} "
                       f"(reported by {', '.join(joint)})")
    for actor, by in denials(claims, rules).items():
        reasons.append(f"{actor} is named but the act is denied (reported by {', '.join(by)})")
    return reasons


def _families(claims: Sequence[SourcedClaim], rules: Rules) -> dict[str, set[str]]:
    """Family -> the lineages that blame one of its actors."""
    out: dict[str, set[str]] = {}
    for actor, lineages in accusers(claims, rules).items():
        out.setdefault(rules.family(actor), set()).update(lineages)
    return out


def _fair(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    families = _families(claims, rules)
    agreeing = [f for f, lineages in families.items() if len(lineages) >= rules.fair_min_sources]
    reasons = []
    for family in sorted(agreeing, key=lambda f: (-len(families[f]), f)):
        actors = [a for a in perpetrators(claims, rules) if rules.family(a) == family]
        n = len(families[family])
        reasons.append(f"{n} independent sources agree on the actor: {' / '.join(actors)}")
    lineages = {sc.lineage_id for sc in claims}
    if not reasons and families and len(lineages) >= rules.fair_min_sources:
        # Airwars' "fair": two or more sources report it, a belligerent is named; not every
        # source need name one ("civilians killed in shelling on Ariha")
        family = min(families, key=lambda f: (-len(families[f]), f))
        actors = [a for a in perpetrators(claims, rules) if rules.family(a) == family]
        named = len(families[family])
        verb = "names" if named == 1 else "name"
        reasons.append(f"{len(lineages)} independent sources report the incident; "
                       f"{sources(named)} {verb} the actor: {' / '.join(actors)}")
    return reasons


def _weak(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    lineages = {sc.lineage_id for sc in claims}
    if not claims:
        return ["no source reports the incident"]
    reasons = []
    if len(lineages) == 1:
        reasons.append("a single independent source reports the incident")
    families = _families(claims, rules)
    if not families:
        reasons.append("no source names who did it")
    for family, by in sorted(families.items()):
        verb = "blames" if len(by) == 1 else "blame"
        reasons.append(f"only {sources(len(by))} {verb} {family}")
    return reasons


def grade(claims: Sequence[SourcedClaim], rules: Rules) -> tuple[str, list[str]]:
    """(grade, reasons in plain words)."""
    for name, rule in (("confirmed", _confirmed), ("contested", _contested), ("fair", _fair)):
        reasons = rule(claims, rules)
        if reasons:
            return name, reasons
    return "weak", _weak(claims, rules)
