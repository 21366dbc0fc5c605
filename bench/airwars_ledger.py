"""The ledger against Airwars: from the raw source texts, rebuild Airwars' incidents.

Every source text of one split goes through `civcas run` into a throwaway SQLite ledger. Each
report is then labelled with the incident of its first claim (the one its lead describes;
reports without a claim stand alone) and compared with the Airwars incident it is tied to:

- linking: B-cubed precision, recall and F1 over reports (reports tied to one incident only);
- found: the share of Airwars incidents for which some civcas incident holds any of its reports;
  the civcas incident holding most of its reports is its match;
- on matched incidents: date within one day of Airwars' [date, date_end]; one of Airwars'
  belligerents (mapped by data/belligerents.toml) among the perpetrators; distance of the place
  to Airwars' coordinates (≤ 10 km, ≤ 25 km; incidents with coordinates only); civilians killed
  min and max equal to Airwars'; grade equal to Airwars'.

Data is read at run time from ../shared/eval/airwars/ and never copied into the project. Tune
on `dev` only; `test` is run once and reported as it comes.

    .venv/bin/python bench/airwars_ledger.py [--split dev|test] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from airwars import AIRWARS, days_off, load_belligerents, map_belligerents, parse_day, read_jsonl
from tqdm import tqdm

from civcas.evaluate import bcubed
from civcas.ingest.errors import BadItem
from civcas.ingest.records import report_from_fields
from civcas.knowledge.gazetteer import haversine_km
from civcas.model import Report
from civcas.run import run
from civcas.store.ledger import Ledger


def load(split: str, limit: int | None) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    incidents = {
        str(i["airwars_id"]): i
        for i in read_jsonl(AIRWARS / "incidents.jsonl")
        if i.get("split") == split
    }
    reports = [
        r for r in read_jsonl(AIRWARS / "reports.jsonl")
        if any(str(x) in incidents for x in r.get("incidents") or [])
    ]
    if limit is not None:
        reports = reports[:limit]
    return reports, incidents


def build_ledger(records: Sequence[dict[str, Any]], db: Path) -> tuple[Ledger, float, int]:
    reports: list[Report] = []
    for record in records:
        try:
            reports.append(report_from_fields(record, f"airwars:{record.get('id')}"))
        except BadItem:
            continue
    ledger = Ledger(db)
    bar = tqdm(total=len(reports), desc="civcas run", unit="report", file=sys.stderr)
    started = time.perf_counter()
    run(reports, ledger, progress=lambda s, d, _: bar.update(d - bar.n) if s == "extracting"
        else None)
    bar.close()
    return ledger, time.perf_counter() - started, len(reports)


def first_claim_incident(ledger: Ledger) -> dict[str, str | None]:
    """report id -> the incident of its first claim (None: the report names none)."""
    out: dict[str, str | None] = {}
    for row, claims in ledger.reports_with_claims():
        out[row["id"]] = claims[0]["incident"] if claims else None
    return out


def score(
    records: Sequence[dict[str, Any]],
    incidents: Mapping[str, dict[str, Any]],
    ledger: Ledger,
) -> dict[str, Any]:
    label = first_claim_incident(ledger)
    predicted = {i["id"]: i for i in ledger.incidents()}
    gold_labels: list[str] = []
    pred_labels: list[object] = []
    members: dict[str, Counter[str]] = {}
    for record in records:
        ids = [str(x) for x in record.get("incidents") or [] if str(x) in incidents]
        ours = label.get(str(record.get("id")))
        for gid in ids:
            if ours is not None:
                members.setdefault(gid, Counter())[ours] += 1
        if len(ids) != 1:
            continue
        gold_labels.append(ids[0])
        pred_labels.append(ours if ours is not None else object())
    precision, recall = bcubed(gold_labels, pred_labels)
    mapping = load_belligerents()
    tallies: Counter[str] = Counter()
    grades: Counter[tuple[str, str]] = Counter()
    for gid, incident in incidents.items():
        tallies["incidents"] += 1
        votes = members.get(gid)
        if not votes:
            continue
        ours_id = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        ours = predicted.get(ours_id)
        if ours is None:
            continue
        tallies["found"] += 1
        _compare(incident, ours, mapping, tallies, grades)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rates = {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "found": _rate(tallies, "found", "incidents"),
        "date_within_1_day": _rate(tallies, "date_ok", "date_n"),
        "belligerent_among_perpetrators": _rate(tallies, "bel_ok", "bel_n"),
        "place_within_10_km": _rate(tallies, "km10", "km_n"),
        "place_within_25_km": _rate(tallies, "km25", "km_n"),
        "civilians_killed_min_equal": _rate(tallies, "min_ok", "count_n"),
        "civilians_killed_max_equal": _rate(tallies, "max_ok", "count_n"),
        "grade_equal": _rate(tallies, "grade_ok", "grade_n"),
    }
    return {
        "rates": rates,
        "counts": dict(tallies),
        "reports_scored_for_linking": len(gold_labels),
        "grade_confusion": {f"{a}->{b}": n for (a, b), n in grades.most_common()},
    }


def _compare(
    incident: Mapping[str, Any],
    ours: Mapping[str, Any],
    mapping: Mapping[str, frozenset[str]],
    tallies: Counter[str],
    grades: Counter[tuple[str, str]],
) -> None:
    start, end = parse_day(incident.get("date")), parse_day(incident.get("date_end"))
    if start is not None:
        tallies["date_n"] += 1
        off = days_off(parse_day(ours.get("date")), start, end)
        tallies["date_ok"] += off is not None and off <= 1
        tallies["date_missing"] += ours.get("date") is None
    wanted = map_belligerents(incident.get("belligerents") or [], mapping)
    if wanted:
        tallies["bel_n"] += 1
        tallies["bel_ok"] += bool(wanted & set(ours.get("perpetrators") or []))
    if incident.get("latitude") is not None and incident.get("longitude") is not None:
        tallies["km_n"] += 1
        if ours.get("lat") is not None and ours.get("lon") is not None:
            km = haversine_km(incident["latitude"], incident["longitude"], ours["lat"], ours["lon"])
            tallies["km10"] += km <= 10
            tallies["km25"] += km <= 25
    if incident.get("civilians_killed_min") is not None:
        tallies["count_n"] += 1
        civ = (ours.get("counts") or {}).get("civilians_killed") or {}
        tallies["min_ok"] += civ.get("low") == incident["civilians_killed_min"]
        tallies["max_ok"] += civ.get("high") == incident.get("civilians_killed_max")
    if incident.get("grade"):
        tallies["grade_n"] += 1
        tallies["grade_ok"] += ours.get("grade") == incident["grade"]
        grades[(str(ours.get("grade")), incident["grade"])] += 1


def _rate(tallies: Counter[str], hit: str, total: str) -> float | None:
    return tallies[hit] / tallies[total] if tallies[total] else None


def render(doc: Mapping[str, Any]) -> str:
    lines = [f"Airwars {doc['split']}: the ledger against Airwars' incidents "
             f"({doc['reports']} reports, {doc['seconds']:.0f} s)"]
    counts = doc["counts"]
    sizes = {"found": "incidents", "date_within_1_day": "date_n",
             "belligerent_among_perpetrators": "bel_n", "place_within_10_km": "km_n",
             "place_within_25_km": "km_n", "civilians_killed_min_equal": "count_n",
             "civilians_killed_max_equal": "count_n", "grade_equal": "grade_n"}
    for name, value in doc["rates"].items():
        n = counts.get(sizes[name], doc["reports_scored_for_linking"]) if name in sizes else (
            doc["reports_scored_for_linking"])
        shown = "-" if value is None else f"{value:.3f}"
        lines.append(f"  {name:<34} {shown:>6}   (n={n})")
    lines.append("  grade confusion (civcas->Airwars): " + ", ".join(
        f"{k} {v}" for k, v in list(doc["grade_confusion"].items())[:8]))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, help="at most N reports (a quick look)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not (AIRWARS / "reports.jsonl").exists():
        print(f"skipped: {AIRWARS / 'reports.jsonl'} not found", file=sys.stderr)
        return 0
    records, incidents = load(args.split, args.limit)
    with tempfile.TemporaryDirectory(prefix="civcas-airwars-") as tmp:
        ledger, seconds, n = build_ledger(records, Path(tmp) / "airwars.db")
        doc = {"split": args.split, "reports": n, "seconds": seconds,
               **score(records, incidents, ledger)}
        ledger.close()
    print(json.dumps(doc, indent=2) if args.json else render(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
