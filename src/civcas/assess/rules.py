"""The assessment's rules, read from `civcas/data/grading.toml` (docs/grading.md)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from civcas.knowledge.actors import actor_parents

DATA = resources.files("civcas") / "data"


@dataclass(frozen=True, slots=True)
class Rules:
    """Weights, thresholds and orders of the assessment; see grading.toml for their meaning."""

    attribution_weight: dict[str, float]
    no_actor: frozenset[str]
    missing_attribution: str
    date_precision: tuple[str, ...]
    geo_precision: tuple[str, ...]
    event_type: tuple[str, ...]
    span_max_days: int
    apart_days: int
    first_report_precision: str
    far_ratio: float
    far_margin: int
    fair_min_sources: int
    partners: tuple[frozenset[str], ...]
    own_outlets: dict[str, frozenset[str]]
    parents: dict[str, str]

    def date_rank(self, precision: str | None) -> int:
        return _rank(self.date_precision, precision or self.date_precision[0])

    def geo_rank(self, precision: str | None) -> int:
        return _rank(self.geo_precision, precision)

    def event_rank(self, event_type: str) -> int:
        return _rank(self.event_type, event_type)

    def weight(self, attribution: str) -> float:
        return self.attribution_weight.get(attribution, 0.0)

    def is_actor(self, name: str) -> bool:
        return name.casefold() not in self.no_actor

    def family(self, actor: str) -> str:
        """The actor at the top of `actor`'s parents (itself where it has none)."""
        seen = {actor}
        while actor in self.parents and self.parents[actor] not in seen:
            actor = self.parents[actor]
            seen.add(actor)
        return actor

    def are_partners(self, families: set[str]) -> bool:
        """Whether these families all belong to one group of partner forces."""
        return any(families <= group for group in self.partners)

    def is_own_outlet(self, actor: str, outlet: str | None) -> bool:
        return outlet is not None and outlet.casefold() in self.own_outlets.get(actor, frozenset())


def _rank(order: tuple[str, ...], value: str | None) -> int:
    return order.index(value) if value in order else len(order)


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def load_rules() -> Rules:
    """The bundled rules (read once)."""
    data = _toml("grading.toml")
    order, dates, counts, grades = data["order"], data["dates"], data["counts"], data["grades"]
    return Rules(
        attribution_weight={k: float(v) for k, v in data["support"]["attribution_weight"].items()},
        no_actor=frozenset(n.casefold() for n in data["actors"]["no_actor"]),
        missing_attribution=data["actors"]["missing_attribution"],
        date_precision=tuple(order["date_precision"]),
        geo_precision=tuple(order["geo_precision"]),
        event_type=tuple(order["event_type"]),
        span_max_days=int(dates["span_max_days"]),
        apart_days=int(dates["apart_days"]),
        first_report_precision=str(dates.get("first_report_precision", "")),
        far_ratio=float(counts["far_ratio"]),
        far_margin=int(counts["far_margin"]),
        fair_min_sources=int(grades["fair_min_sources"]),
        partners=tuple(frozenset(group) for group in grades.get("partners", [])),
        own_outlets={
            actor: frozenset(o.casefold() for o in outlets)
            for actor, outlets in grades.get("own_outlets", {}).items()
        },
        parents=actor_parents(),
    )
