"""The pure parts of bench/airwars.py, on made-up incidents and claims (no Airwars data needed)."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from civcas.model import Claim


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "airwars.py"
    spec = importlib.util.spec_from_file_location("bench_airwars", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


aw = _load()

INCIDENT = {
    "date": "2019-03-10",
    "date_end": "2019-03-11",
    "belligerents": ["Made-up Air Force", "Other Force"],
    "civilians_killed_min": 4,
    "civilians_killed_max": 7,
}
MAPPING = aw.load_belligerents('[belligerents]\n"Made-up Air Force" = ["Russia", "Iran"]\n')


def test_mapping_accepts_one_actor_or_a_list() -> None:
    table = aw.load_belligerents('[belligerents]\n"A" = "Turkey"\n"B" = ["SDF", "Iran"]\n')
    assert table == {"A": frozenset({"Turkey"}), "B": frozenset({"SDF", "Iran"})}
    assert aw.map_belligerents(["B", "not listed"], table) == {"SDF", "Iran"}


def test_packaged_mapping_names_only_canonical_actors() -> None:
    actors = tomllib.loads((resources.files("civcas") / "data" / "actors.toml").read_text("utf-8"))
    canonical = set(actors["actors"])
    mapping = aw.load_belligerents()
    assert mapping["U.S.-led Coalition"] == {"US-led coalition"}
    assert mapping["YPG"] == {"SDF"}
    for table in (mapping, aw.load_belligerents(table_name="allied")):
        assert all(a in canonical for actors_ in table.values() for a in actors_)


def test_days_off_counts_from_the_window() -> None:
    start, end = date(2019, 3, 10), date(2019, 3, 11)
    assert aw.days_off(date(2019, 3, 11), start, end) == 0
    assert aw.days_off(date(2019, 3, 8), start, end) == 2
    assert aw.days_off(date(2019, 3, 14), start, end) == 3
    assert aw.days_off(date(2019, 3, 12), start, None) == 2
    assert aw.days_off(None, start, end) is None


def test_best_figure_prefers_the_nearest_date_then_the_larger_figure() -> None:
    start, end = date(2019, 3, 10), None
    far = Claim(date=date(2019, 1, 1), civilians_killed_min=30)
    near = Claim(date=date(2019, 3, 10), civilians_killed_min=5)
    undated = Claim(civilians_killed_min=50)
    silent = Claim(date=date(2019, 3, 10))
    assert aw.best_figure([far, undated, near, silent], start, end) == 5
    assert aw.best_figure([undated, Claim(civilians_killed_min=2)], start, end) == 50
    assert aw.best_figure([silent], start, end) is None
    assert aw.max_figure([far, near, undated]) == 50


@pytest.mark.parametrize(
    ("value", "where"), [(3, "below"), (4, "inside"), (7, "inside"), (8, "above")]
)
def test_position_against_the_range(value: int, where: str) -> None:
    assert aw.position(value, 4, 7) == where


def test_score_and_tally() -> None:
    hit = aw.score(
        [Claim(date=date(2019, 3, 10), civilians_killed_min=6, perpetrator="Iran")],
        INCIDENT,
        MAPPING,
    )
    assert (hit.figure, hit.max_inside, hit.perp_match) == ("inside", True, True)
    miss = aw.score([Claim(civilians_killed_min=9, perpetrator="Turkey")], INCIDENT, MAPPING)
    assert (miss.figure, miss.perp_match) == ("above", False)
    allied = aw.load_belligerents('[allied]\n"Other Force" = "Turkey"\n', "allied")
    loose = aw.score([Claim(perpetrator="Turkey")], INCIDENT, MAPPING, allied)
    assert (loose.perp_match, loose.perp_allied) == (False, True)
    assert aw.load_belligerents()["U.S.-led Coalition"] == {"US-led coalition"}
    silent = aw.score([Claim(perpetrator="unknown")], INCIDENT, MAPPING)
    assert (silent.figure, silent.perp_match) == (None, None)

    result = aw.Result()
    for lang, out in (("ar", hit), ("en", miss), ("und", silent)):
        result.add(lang, out, INCIDENT["belligerents"])
    total = result.tallies["all"].summary()
    assert (total["eligible"], total["stated"], total["named"]) == (3, 2, 2)
    assert total["figure_rate"] == 0.5 and total["perpetrator_rate"] == 0.5
    assert (total["stated_named"], total["perpetrator_rate_when_stated"]) == (2, 0.5)
    assert result.tallies["ar"].summary()["figure_rate"] == 1.0
    assert result.tallies["en"].summary()["perpetrator_rate"] == 0.0
    assert result.mismatches[("Turkey", "Made-up Air Force + Other Force")] == 1


def test_eligible_keeps_single_incident_reports_of_the_split_with_a_range() -> None:
    incidents = {
        "1": {**INCIDENT, "split": "dev"},
        "2": {**INCIDENT, "split": "test"},
        "3": {**INCIDENT, "split": "dev", "civilians_killed_min": None},
    }
    reports = [
        {"id": "a", "lang": "ar", "incidents": ["1"]},
        {"id": "b", "lang": "en", "incidents": ["1"]},
        {"id": "c", "lang": "ar", "incidents": ["1", "3"]},
        {"id": "d", "lang": "ar", "incidents": ["2"]},
        {"id": "e", "lang": "ar", "incidents": ["3"]},
    ]
    assert [r["id"] for r, _ in aw.eligible(reports, incidents, "dev")] == ["a", "b"]
    assert [r["id"] for r, _ in aw.eligible(reports, incidents, "dev", "en")] == ["b"]
    assert [r["id"] for r, _ in aw.eligible(reports, incidents, "test")] == ["d"]


def test_main_skips_cleanly_without_the_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(aw, "AIRWARS", tmp_path / "absent")
    assert aw.main([]) == 0
    assert "skipped:" in capsys.readouterr().err
