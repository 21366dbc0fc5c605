"""Named victims: mentions in many reports, spellings and scripts deduplicated into persons.

A probabilistic record linkage (Splink on DuckDB, in memory): each pair of mentions that share a
blocking key is scored by the comparisons of `data/victims.toml` on the script-independent keys
of their name parts (civcas.knowledge.names), the incident, date and place the reports give
them, their sex and age. Pairs whose match weight reaches the threshold are joined; a person is
a connected group of mentions. Every joining pair keeps its weight and what each comparison
added, in words ("given: same given name": +6.5), so that a reviewer can check it.

    persons = dedupe_victims(mentions)
    persons.person_of["r1/1/v1"]   # -> "v3f2a9c01d7"
    persons.links[0].reasons       # {"given: same given name": 6.46, ...}
"""

from __future__ import annotations

import logging
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from civcas.knowledge.names import (
    arabic_skeleton,
    is_known_key,
    latin_key,
    part_keys,
    part_readings,
)
from civcas.link.settings import DATA
from civcas.model import Link, VictimMention, person_id

# The name parts compared, each a column of Splink's input (with `<part>_readings`, every
# reading of it, and `<part>_known`, whether its key is a known name).
PART_COLUMNS: tuple[str, ...] = ("given", "father", "grandfather", "family", "kunya")


@dataclass(frozen=True, slots=True)
class VictimSettings:
    """The deduplication model (see the comments in data/victims.toml)."""

    prior: float
    threshold: float
    blocking: tuple[tuple[str, ...], ...]
    comparisons: tuple[dict[str, Any], ...]

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> VictimSettings:
        return cls(
            prior=float(raw["prior"]),
            threshold=float(raw["threshold"]),
            blocking=tuple(tuple(rule) for rule in raw["blocking"]),
            comparisons=tuple(raw["comparisons"]),
        )

    def with_threshold(self, threshold: float | None) -> VictimSettings:
        return self if threshold is None else replace(self, threshold=threshold)

    def labels(self) -> dict[str, dict[int, str]]:
        """comparison -> Splink's gamma value -> the level's label (null levels are -1)."""
        out: dict[str, dict[int, str]] = {}
        for comp in self.comparisons:
            levels = comp["comparison_levels"]
            ranked = [lv for lv in levels if not lv.get("is_null_level")]
            table = {len(ranked) - 1 - i: lv["label_for_charts"] for i, lv in enumerate(ranked)}
            for lv in levels:
                if lv.get("is_null_level"):
                    table[-1] = lv["label_for_charts"]
            out[comp["output_column_name"]] = table
        return out


@cache
def _default() -> VictimSettings:
    with (DATA / "victims.toml").open("rb") as fh:
        return VictimSettings.from_dict(tomllib.load(fh))


def victim_settings(path: str | Path | None = None) -> VictimSettings:
    """The model of data/victims.toml, or of the file at `path`."""
    if path is None:
        return _default()
    with open(path, "rb") as fh:
        return VictimSettings.from_dict(tomllib.load(fh))


@dataclass(slots=True)
class Persons:
    """The outcome of a deduplication: each mention's person and the pairs that joined them."""

    person_of: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(set(self.person_of.values()))


def mention_row(m: VictimMention) -> dict[str, Any]:
    """The columns Splink compares: the key of each name part (the same in either script) and
    every reading of it (`<part>_readings`), incident, day (and year, for blocking), place, sex
    and age."""
    keys, readings = part_keys(m.name), part_readings(m.name)
    row: dict[str, Any] = {"unique_id": m.id, "claim": m.claim, "incident": m.incident}
    for part in PART_COLUMNS:
        row[part] = keys.get(part) or None
        row[f"{part}_readings"] = list(readings.get(part, ())) or None
        row[f"{part}_known"] = is_known_key(row[part]) if row[part] else None
    row["name_key"] = latin_key(m.name) or None
    row["skeleton"] = arabic_skeleton(m.name) or None
    row["day"] = m.date.toordinal() if m.date else None
    row["year"] = m.date.year if m.date else None
    row["lat"], row["lon"], row["admin1"] = m.lat, m.lon, m.admin1
    row["sex"], row["age"] = m.sex, m.age
    return row


def dedupe_victims(
    mentions: Sequence[VictimMention], settings: VictimSettings | None = None
) -> Persons:
    """Persons of `mentions`: each mention id -> its person id, and the joining pairs."""
    s = settings or victim_settings()
    ids = sorted({m.id for m in mentions})
    if len(ids) < 2:
        return Persons({i: person_id([i]) for i in ids})
    rows = [mention_row(m) for m in sorted(mentions, key=lambda m: m.id)]
    return _link(rows, s)


def _link(rows: list[dict[str, Any]], s: VictimSettings) -> Persons:
    """Score every blocked pair, keep those at or above the threshold, cluster them."""
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    db = DuckDBAPI()
    table = db.register(_columns(rows))
    creator = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=s.prior,
        comparisons=[_comparison(c) for c in s.comparisons],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in s.blocking],
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=True,
    )
    logging.getLogger("splink").setLevel(logging.ERROR)  # no chatter on a user's terminal
    linker = Linker(table, creator, log_level=logging.ERROR)
    predictions = linker.inference.predict(threshold_match_weight=s.threshold)
    labels = s.labels()  # joining pairs only: the rest are no evidence of one person
    out: list[Link] = []
    for p in predictions.as_record_list():
        reasons: dict[str, float] = {}
        for name, table_of in labels.items():
            gamma = int(p[f"gamma_{name}"])
            weight = _weight(p, name)
            reasons[f"{name}: {table_of.get(gamma, gamma)}"] = round(weight, 2)
        a, b = sorted((str(p["unique_id_l"]), str(p["unique_id_r"])))
        out.append(Link(a, b, round(float(p["match_weight"]), 3), reasons))
    out.sort(key=lambda link: (link.a, link.b))
    claim_of = {str(r["unique_id"]): str(r["claim"]) for r in rows}
    return Persons(_cluster(claim_of, out), out)


def _cluster(claim_of: dict[str, str], links: Sequence[Link]) -> dict[str, str]:
    """Persons from the joining pairs, strongest first: two groups are joined unless they hold
    mentions of one claim (a list names each person once, so brothers listed side by side
    stay two however alike another report's spellings make them)."""
    parent = {m: m for m in claim_of}
    claims: dict[str, set[str]] = {m: {c} for m, c in claim_of.items()}

    def root(m: str) -> str:
        while parent[m] != m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    for link in sorted(links, key=lambda k: (-k.score, k.a, k.b)):
        a, b = root(link.a), root(link.b)
        if a == b or claims[a] & claims[b]:
            continue
        if len(claims[a]) < len(claims[b]):
            a, b = b, a
        parent[b] = a
        claims[a] |= claims.pop(b)
    groups: dict[str, list[str]] = {}
    for m in claim_of:
        groups.setdefault(root(m), []).append(m)
    return {m: person_id(members) for members in groups.values() for m in members}


def _weight(prediction: dict[str, Any], name: str) -> float:
    """What one comparison added to a pair's weight (Splink gives its Bayes factor or weight)."""
    if f"mw_{name}" in prediction:
        return float(prediction[f"mw_{name}"])
    return math.log2(float(prediction[f"bf_{name}"]))


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Column lists with explicit types, so that an all-null column still has one."""
    import pyarrow as pa

    types = {"day": pa.int64(), "year": pa.int64(), "age": pa.int64()}
    types |= {"lat": pa.float64(), "lon": pa.float64()}
    types |= {f"{part}_readings": pa.list_(pa.string()) for part in PART_COLUMNS}
    types |= {f"{part}_known": pa.bool_() for part in PART_COLUMNS}
    names = list(rows[0])
    return pa.table(
        {n: pa.array([r[n] for r in rows], type=types.get(n, pa.string())) for n in names}
    )


def _comparison(raw: dict[str, Any]) -> Any:
    import splink.comparison_library as cl

    return cl.CustomComparison(
        comparison_levels=[dict(level) for level in raw["comparison_levels"]],
        output_column_name=raw["output_column_name"],
        comparison_description=raw.get("comparison_description"),
    )
