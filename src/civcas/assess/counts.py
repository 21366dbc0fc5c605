"""Casualty ranges across sources: low, best and high (UCDP's low/best/high, Airwars' min-max).

- A claim's figures: its min and max (a claim with only one of them gives it as both).
- low: the smallest min of any claim; high: the largest figure any claim states (its max, or its
  min where it gives no max: "more than 20" gives 20, never an open end).
- best: the median of the independent sources' figures, rounded half up. A source giving a range
  counts its midpoint; a copy family counts once, with the largest figure of its copies (a copy
  that differs has usually updated the toll).
- sources: how many claims give the figure.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from civcas.assess.rules import Rules
from civcas.model import COUNT_RANGES, CountRange, SourcedClaim

Figures = tuple[int, int]  # (min, max) of one claim


def claim_figures(sc: SourcedClaim, low_field: str, high_field: str | None) -> Figures | None:
    """(min, max) of one claim for one casualty figure, or None where it gives none."""
    low = getattr(sc.claim, low_field)
    high = getattr(sc.claim, high_field) if high_field else None
    if low is None and high is None:
        return None
    if low is None:
        low = high
    if high is None:
        high = low
    return min(low, high), max(low, high)


def _best(figures: dict[str, list[Figures]]) -> int:
    points = [max((lo + hi) / 2 for lo, hi in family) for family in figures.values()]
    return math.floor(statistics.median(points) + 0.5)


def count_range(
    claims: Sequence[SourcedClaim], low_field: str, high_field: str | None
) -> CountRange:
    """The range of one casualty figure across the claims."""
    by_lineage: dict[str, list[Figures]] = {}
    given = 0
    for sc in claims:
        figures = claim_figures(sc, low_field, high_field)
        if figures is not None:
            by_lineage.setdefault(sc.lineage_id, []).append(figures)
            given += 1
    if not given:
        return CountRange()
    every = [f for family in by_lineage.values() for f in family]
    return CountRange(
        low=min(lo for lo, _ in every),
        best=_best(by_lineage),
        high=max(hi for _, hi in every),
        sources=given,
    )


def count_ranges(claims: Sequence[SourcedClaim]) -> dict[str, CountRange]:
    """One range per key of COUNT_RANGES."""
    return {name: count_range(claims, lo, hi) for name, (lo, hi) in COUNT_RANGES.items()}


def _far_apart(claims: Sequence[SourcedClaim], name: str, rules: Rules) -> str | None:
    low_field, high_field = COUNT_RANGES[name]
    given = [f for sc in claims if (f := claim_figures(sc, low_field, high_field)) is not None]
    if len(given) < 2:
        return None
    lowest = min(given)
    others = list(given)
    others.remove(lowest)
    high = max(hi for _, hi in others)
    if high <= rules.far_ratio * lowest[0] + rules.far_margin:
        return None
    return f"counts far apart: {name.replace('_', ' ')} {lowest[0]} vs {high}"


def count_contradictions(claims: Sequence[SourcedClaim], rules: Rules) -> list[str]:
    """'counts far apart: killed 3 vs 40' for each figure whose sources are far apart."""
    found = (_far_apart(claims, name, rules) for name in COUNT_RANGES)
    return [text for text in found if text]
