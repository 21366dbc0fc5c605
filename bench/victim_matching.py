"""How well named victims are matched across reports and scripts: pairwise precision and recall.

The test set is made of
- `bench/data/victim_variants.toml` and `victim_variants_2.toml`: made-up people written the
  way outlets spell them, in English (and French-style) Latin spellings and in Arabic,
  brothers, cousins and namesakes among them (see those files);
- the victim names of `../shared/eval/dev/gold.jsonl` (read at run time, skipped with a message
  where it is absent), with the persons that `bench/data/victim_truth_dev.toml` says are one
  (by report id and position: no name is copied).

Every mention carries the incident its report tells of (the gold cluster, the made-up
incident), its date, place and governorate, as the ledger gives them after linking. All are
deduplicated together by `civcas.link.victims.dedupe_victims` (Splink on DuckDB, the weights of
`data/victims.toml`); against the true persons it prints pairwise precision, recall and F1 over
all pairs, over pairs from different reports, and over pairs in different scripts, next to the
groupings a spreadsheet does (the same name as written) and the same civcas name key without
the model. `--no-incident` drops the incident ids (names, dates and places only); `--set
heldout` runs the held-out made-up set, written after the rules were set and never tuned on.

    .venv/bin/python bench/victim_matching.py          # --json, --no-incident
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from civcas.knowledge.gazetteer import has_arabic
from civcas.knowledge.names import latin_key
from civcas.link.victims import dedupe_victims
from civcas.model import VictimMention

HERE = Path(__file__).resolve().parent
TUNING = (HERE / "data" / "victim_variants.toml", HERE / "data" / "victim_variants_2.toml")
HELDOUT = HERE / "data" / "victim_variants_heldout.toml"
TRUTH = HERE / "data" / "victim_truth_dev.toml"
GOLD = HERE.parent.parent / "shared" / "eval" / "dev" / "gold.jsonl"


@dataclass(frozen=True, slots=True)
class Labelled:
    """A mention with its report and its true person."""

    mention: VictimMention
    report: str
    person: str


def variant_mentions(path: Path) -> list[Labelled]:
    """The mentions of the made-up test set."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out: list[Labelled] = []
    for inc in raw["incident"]:
        day = date.fromisoformat(inc["date"])
        for report in inc["reports"]:
            for n, (person, name) in enumerate(report["names"], 1):
                claim = f"{report['id']}/1"
                m = VictimMention(
                    f"{claim}/v{n}", claim, name, incident=inc["id"], date=day,
                    lat=inc.get("lat"), lon=inc.get("lon"), admin1=inc.get("admin1"),
                )
                out.append(Labelled(m, report["id"], f"{path.stem}:{person}"))
    return out


def gold_mentions(gold: Path = GOLD, truth: Path = TRUTH) -> list[Labelled]:
    """The victim names of the dev gold, persons joined where the truth file says so."""
    same: dict[tuple[str, int], str] = {}
    for group in tomllib.loads(truth.read_text(encoding="utf-8")).get("aligned", []):
        first, *others = group["reports"]
        for n in range(int(group["names"])):
            for report in others:
                same[(report, n)] = f"gold:{first}:{n}"
    out: list[Labelled] = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        names = [
            (inc, name) for inc in record.get("incidents", []) for name in inc.get("victim_names")
            or []
        ]
        for n, (inc, name) in enumerate(names):
            claim = f"{record['id']}/1"
            day = date.fromisoformat(inc["date"]) if inc.get("date") else None
            m = VictimMention(
                f"{claim}/v{n + 1}", claim, name, incident=inc.get("cluster"), date=day,
                admin1=inc.get("admin1"),
            )
            person = same.get((record["id"], n), f"gold:{record['id']}:{n}")
            out.append(Labelled(m, record["id"], person))
    return out


Pair = tuple[Labelled, Labelled]


def pairwise(
    items: Sequence[Labelled], predicted: dict[str, str], keep: Callable[[Pair], bool]
) -> dict[str, float | int]:
    """Pairwise precision, recall and F1 over the pairs that `keep` admits."""
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        if not keep((a, b)):
            continue
        same_true = a.person == b.person
        same_pred = predicted[a.mention.id] == predicted[b.mention.id]
        tp += same_true and same_pred
        fp += same_pred and not same_true
        fn += same_true and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "true_pairs": tp + fn, "found_pairs": tp + fp}


SUBSETS: dict[str, Callable[[Pair], bool]] = {
    "all pairs": lambda pair: True,
    "cross-report": lambda pair: pair[0].report != pair[1].report,
    "cross-script": lambda pair: has_arabic(pair[0].mention.name)
    != has_arabic(pair[1].mention.name),
}


def evaluate(items: Sequence[Labelled], no_incident: bool = False) -> dict[str, Any]:
    """civcas and the as-written baseline on one set of labelled mentions."""
    mentions = [replace(x.mention, incident=None) if no_incident else x.mention for x in items]
    persons = dedupe_victims(mentions)
    as_written = {x.mention.id: x.mention.name.casefold() for x in items}
    same_key = {x.mention.id: latin_key(x.mention.name) for x in items}
    out: dict[str, Any] = {
        "mentions": len(items),
        "persons_true": len({x.person for x in items}),
        "persons_found": persons.count,
    }
    for name, keep in SUBSETS.items():
        out[name] = {
            "civcas": pairwise(items, persons.person_of, keep),
            "same name as written": pairwise(items, as_written, keep),
            "same name key": pairwise(items, same_key, keep),
        }
    out["wrong"] = _mistakes(items, persons.person_of)
    return out


def _mistakes(items: Sequence[Labelled], predicted: dict[str, str]) -> list[str]:
    """The pairs civcas got wrong, for reading (joined wrongly, then missed)."""
    joined, missed = [], []
    for a, b in combinations(items, 2):
        same_pred = predicted[a.mention.id] == predicted[b.mention.id]
        if same_pred and a.person != b.person:
            joined.append(f"joined: {a.mention.name} ~ {b.mention.name}")
        elif a.person == b.person and not same_pred:
            missed.append(f"missed: {a.mention.name} ~ {b.mention.name}")
    return joined + missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--no-incident", action="store_true",
                        help="leave the incident ids out (names, dates and places only)")
    parser.add_argument("--set", choices=("tuning", "heldout"), default="tuning",
                        help="tuning: victim_variants.toml, victim_variants_2.toml and the dev "
                        "gold names (default); heldout: victim_variants_heldout.toml, written "
                        "after the rules were set and never tuned on")
    args = parser.parse_args()
    paths = (HELDOUT,) if args.set == "heldout" else TUNING
    items = [x for path in paths for x in variant_mentions(path)]
    sources = [f"bench/data/{path.name}" for path in paths]
    if args.set == "tuning" and GOLD.is_file():
        items += gold_mentions()
        sources.append("../shared/eval/dev/gold.jsonl")
    elif args.set == "tuning":
        print(f"note: {GOLD} not found; the made-up test set only", file=sys.stderr)
    result = {"sources": sources, **evaluate(items, args.no_incident)}
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"victim matching on {' + '.join(sources)}"
          f"{' (no incident ids)' if args.no_incident else ''}: {result['mentions']} mentions, "
          f"{result['persons_true']} persons, {result['persons_found']} found")
    print(f"{'pairs':<14} {'method':<22} {'P':>6} {'R':>6} {'F1':>6} {'true':>6} {'found':>6}")
    for name in SUBSETS:
        for method, s in result[name].items():
            print(f"{name:<14} {method:<22} {s['precision']:>6.3f} {s['recall']:>6.3f} "
                  f"{s['f1']:>6.3f} {s['true_pairs']:>6} {s['found_pairs']:>6}")
    for line in result["wrong"]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
