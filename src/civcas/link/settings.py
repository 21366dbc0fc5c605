"""Linking settings from `data/linking.toml`: weights, threshold, blocking; read once.

Knowledge is data: every figure linking decides by lives in the TOML file, so that a reviewer
can tune it (or the CLI override the threshold) without touching code.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA = resources.files("civcas") / "data"


def _pairs(rows: list[list[str]]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(r) for r in rows)


@dataclass(frozen=True, slots=True)
class LinkSettings:
    """What linking decides by (see the comments in data/linking.toml)."""

    threshold: float
    existing_merge_margin: float
    date_window: int
    geo_km: float
    max_neighbours: int
    max_interval: int
    max_pairs: int
    undated_lookback: int
    cannot_link_km: float
    week_radius: int
    km_levels: tuple[tuple[float, str], ...]
    big_population: int
    big_radius_km: float
    big_kinds: frozenset[str]
    compatible_events: frozenset[frozenset[str]]
    compatible_actors: frozenset[frozenset[str]]
    near_ratio: float
    near_abs: int
    text_chars: int
    text_high: float
    text_medium: float
    lineage_threshold: float
    num_perm: int
    shingle_words: int
    # comparison -> level -> (reason, weight), e.g. "date" -> "same_day" -> ("date:same_day", 3.0)
    levels: dict[str, dict[str, tuple[str, float]]]

    @classmethod
    def from_dict(cls, raw: dict[str, Any], threshold: float | None = None) -> LinkSettings:
        block, place, lineage, text = raw["blocking"], raw["place"], raw["lineage"], raw["text"]
        return cls(
            threshold=float(raw["threshold"] if threshold is None else threshold),
            existing_merge_margin=float(raw["existing_merge_margin"]),
            date_window=int(block["date_window_days"]),
            geo_km=float(block["geo_km"]),
            max_neighbours=int(block["max_neighbours"]),
            max_interval=int(block["max_interval"]),
            max_pairs=int(block["max_pairs"]),
            undated_lookback=int(block["undated_lookback_days"]),
            cannot_link_km=float(raw["cannot_link"]["km"]),
            week_radius=int(raw["date"]["week_radius_days"]),
            km_levels=tuple((float(km), str(name)) for km, name in place["km_levels"]),
            big_population=int(place["big_population"]),
            big_radius_km=float(place["big_radius_km"]),
            big_kinds=frozenset(place["big_kinds"]),
            compatible_events=_pairs(raw["event_type"]["compatible"]),
            compatible_actors=_pairs(raw["perpetrator"]["compatible"]),
            near_ratio=float(raw["counts"]["near_ratio"]),
            near_abs=int(raw["counts"]["near_abs"]),
            text_chars=int(text["chars"]),
            text_high=float(text["high"]),
            text_medium=float(text["medium"]),
            lineage_threshold=float(lineage["threshold"]),
            num_perm=int(lineage["num_perm"]),
            shingle_words=int(lineage["shingle_words"]),
            levels={
                name: {level: (f"{name}:{level}", float(w)) for level, w in table.items()}
                for name, table in raw["weights"].items()
            },
        )

    @classmethod
    def load(cls, path: str | Path | None = None, threshold: float | None = None) -> LinkSettings:
        """The settings of `path` (the shipped linking.toml when None), threshold overridable."""
        if path is None:
            shipped = default_settings()
            return shipped if threshold is None else shipped.with_threshold(threshold)
        return cls.from_dict(tomllib.loads(Path(path).read_text(encoding="utf-8")), threshold)

    def with_threshold(self, threshold: float) -> LinkSettings:
        """The same settings with another threshold (the CLI's --link-threshold)."""
        return dataclasses.replace(self, threshold=float(threshold))

    def weight(self, comparison: str, level: str) -> float:
        """The match weight of one comparison level."""
        return self.levels[comparison][level][1]


@cache
def default_settings() -> LinkSettings:
    """The shipped data/linking.toml, read once."""
    raw = tomllib.loads((DATA / "linking.toml").read_text(encoding="utf-8"))
    return LinkSettings.from_dict(raw)
