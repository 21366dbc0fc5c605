"""bench/victim_matching.py: its pairwise counting, its made-up variant sets, and that civcas
does better on them than grouping names as written (no gold data needed)."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from civcas.model import VictimMention


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "victim_matching.py"
    spec = importlib.util.spec_from_file_location("bench_victim_matching", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


vm = _load()


def labelled(mid: str, name: str, person: str) -> object:
    claim = mid.rsplit("/", 1)[0]
    m = VictimMention(mid, claim, name, incident="I1", date=date(2019, 1, 1))
    return vm.Labelled(m, claim, person)


def test_pairwise_counts_true_and_found_pairs() -> None:
    items = [
        labelled("a/1/v1", "Yousef Jassim", "p1"),
        labelled("b/1/v1", "يوسف جاسم", "p1"),
        labelled("c/1/v1", "Ahmad Jassim", "p2"),
    ]
    # civcas put all three together: one right pair of three found, one true pair found
    predicted = {"a/1/v1": "x", "b/1/v1": "x", "c/1/v1": "x"}
    scores = vm.pairwise(items, predicted, vm.SUBSETS["all pairs"])
    assert scores["true_pairs"] == 1 and scores["found_pairs"] == 3
    assert scores["precision"] == pytest.approx(0.333) and scores["recall"] == 1.0
    cross = vm.pairwise(items, predicted, vm.SUBSETS["cross-script"])
    assert cross["true_pairs"] == 1 and cross["found_pairs"] == 2


@pytest.mark.parametrize("path", [*vm.TUNING, vm.HELDOUT], ids=lambda p: p.stem)
def test_variant_sets_are_well_formed(path: Path) -> None:
    items = vm.variant_mentions(path)
    ids = [x.mention.id for x in items]
    assert len(ids) == len(set(ids))
    persons = Counter(x.person for x in items)
    assert any(n > 1 for n in persons.values())  # people written more than once
    assert any(vm.has_arabic(x.mention.name) for x in items)
    assert any(not vm.has_arabic(x.mention.name) for x in items)
    # a report names each person once
    assert len({(x.report, x.person) for x in items}) == len(items)


def test_civcas_beats_names_as_written_on_the_heldout_set() -> None:
    result = vm.evaluate(vm.variant_mentions(vm.HELDOUT))
    civcas = result["cross-report"]["civcas"]
    written = result["cross-report"]["same name as written"]
    assert civcas["precision"] >= 0.95 and civcas["recall"] >= 0.8
    assert civcas["f1"] > written["f1"]
