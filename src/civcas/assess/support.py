"""Counting support: how many independent sources (lineages, copies counted once) give a value."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from civcas.model import SourcedClaim

V = TypeVar("V", bound=Hashable)


def lineages_by(
    claims: Iterable[SourcedClaim], value: Callable[[SourcedClaim], V | None]
) -> dict[V, set[str]]:
    """Value -> the lineages of the claims that give it (claims giving None are left out)."""
    out: dict[V, set[str]] = {}
    for sc in claims:
        got = value(sc)
        if got is not None:
            out.setdefault(got, set()).add(sc.lineage_id)
    return out


def sources(n: int) -> str:
    """'1 source', '3 sources'."""
    return f"{n} source" if n == 1 else f"{n} sources"


def tally(items: Iterable[tuple[str, int]]) -> str:
    """'Russia (3 sources), Syrian government (1 source)'."""
    return ", ".join(f"{name} ({sources(n)})" for name, n in items)
