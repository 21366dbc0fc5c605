"""When, where and what: the date, place and event type best supported by the sources."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from civcas.assess.rules import Rules
from civcas.assess.support import lineages_by, tally
from civcas.model import SourcedClaim


def _precision(sc: SourcedClaim) -> str:
    return sc.claim.date_precision or "day"


def _day_support(claims: Sequence[SourcedClaim]) -> dict[date, set[str]]:
    days = [sc for sc in claims if sc.claim.date is not None and _precision(sc) == "day"]
    return lineages_by(days, lambda sc: sc.claim.date)


def choose_date(
    claims: Sequence[SourcedClaim], rules: Rules
) -> tuple[date | None, date | None, str | None]:
    """(date, date_end, precision): the most supported date of the most precise kind given.

    Ties go to the earlier date. date_end is the last day date at most `span_max_days` after the
    chosen one, where sources give such later days.
    """
    dated = [sc for sc in claims if sc.claim.date is not None]
    if not dated:
        return None, None, None
    best = min(rules.date_rank(_precision(sc)) for sc in dated)
    tier = [sc for sc in dated if rules.date_rank(_precision(sc)) == best]
    support = lineages_by(tier, lambda sc: sc.claim.date)
    chosen = min(support, key=lambda d: (-len(support[d]), d))
    precision = _precision(tier[0])
    return chosen, _date_end(chosen, claims, rules) if precision == "day" else None, precision


def first_reported(claims: Sequence[SourcedClaim]) -> date | None:
    """The earliest publication date of the incident's reports: what dates it when no source
    gives the day (a post that says "shelling on Ariha" and nothing of when)."""
    days = [sc.report.published for sc in claims if sc.report.published is not None]
    return min(days) if days else None


def _date_end(chosen: date, claims: Sequence[SourcedClaim], rules: Rules) -> date | None:
    last = chosen + timedelta(days=rules.span_max_days)
    later = [d for d in _day_support(claims) if chosen < d <= last]
    return max(later) if later else None


def date_contradiction(claims: Sequence[SourcedClaim], rules: Rules) -> str | None:
    """'dates differ by N days: ...' where the sources' day dates are far enough apart."""
    support = _day_support(claims)
    if not support:
        return None
    apart = (max(support) - min(support)).days
    if apart < rules.apart_days:
        return None
    listed = tally((d.isoformat(), len(support[d])) for d in sorted(support))
    return f"dates differ by {apart} days: {listed}"


def _place_key(sc: SourcedClaim) -> str | None:
    return sc.claim.place_std or sc.claim.place


def choose_place(claims: Sequence[SourcedClaim], rules: Rules) -> SourcedClaim | None:
    """The claim whose place is the most specific, then the most supported (ties: by name).

    Of the claims naming that place, one with coordinates is preferred, then the first by id.
    """
    placed = [sc for sc in claims if _place_key(sc)]
    if not placed:
        return None
    best = min(rules.geo_rank(sc.claim.geo_precision) for sc in placed)
    tier = [sc for sc in placed if rules.geo_rank(sc.claim.geo_precision) == best]
    support = lineages_by(tier, _place_key)
    key = min(support, key=lambda k: (-len(support[k]), k))
    named = [sc for sc in tier if _place_key(sc) == key]
    return min(named, key=lambda sc: (sc.claim.lat is None or sc.claim.lon is None, sc.id))


def most_supported(claims: Sequence[SourcedClaim], field: str) -> str | None:
    """The value of a text field given by the most lineages (ties: alphabetical)."""
    support = lineages_by(claims, lambda sc: getattr(sc.claim, field))
    if not support:
        return None
    return min(support, key=lambda v: (-len(support[v]), v))


def admin1_contradiction(claims: Sequence[SourcedClaim]) -> str | None:
    """'governorates differ: ...' where sources put the incident in different governorates."""
    support = lineages_by(claims, lambda sc: sc.claim.admin1)
    if len(support) < 2:
        return None
    ordered = sorted(support, key=lambda v: (-len(support[v]), v))
    return "governorates differ: " + tally((v, len(support[v])) for v in ordered)


def choose_event_type(claims: Sequence[SourcedClaim], rules: Rules) -> str | None:
    """The event type given by the most lineages; ties go to the more specific type."""
    support = lineages_by(claims, lambda sc: sc.claim.event_type)
    if not support:
        return None
    return min(support, key=lambda e: (-len(support[e]), rules.event_rank(e), e))
