"""A second yardstick from real data: civcas extraction against Airwars' own assessments.

Gold annotations are few; Airwars has assessed hundreds of incidents from thousands of raw
source texts. For every report tied to exactly ONE incident whose civilians-killed range Airwars
gives, this runs civcas on the report text and asks two questions:

(a) figure: among reports where some claim has a civilians_killed_min, does the figure of the
    claim that best matches the incident lie inside Airwars' [min, max]? The best claim is the
    one whose date is nearest the incident's dates (0 days inside [date, date_end]); undated
    claims rank after dated ones, and ties go to the larger figure, because a report's headline
    toll is usually its largest. The plain "largest figure in the report" is shown beside it.
(b) perpetrator: among reports where civcas names an actor other than "unknown", is one of the
    report's extracted perpetrators among Airwars' belligerents (mapped to civcas actors by
    data/belligerents.toml)? A looser "allied" rate, from that file's [allied] table, is shown
    beside it: Airwars files some acts under an ally (e.g. regime shelling under Russia).

The data is read at run time from ../shared/eval/airwars/ and never copied into the project.
Tune on `dev` (incidents before 2025) only; `test` (2025 on) is run once and reported as is.

    .venv/bin/python bench/airwars.py [--split dev|test] [--lang ar] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from tqdm import tqdm

from civcas.extract import extract_report
from civcas.ingest.errors import BadItem
from civcas.ingest.records import report_from_fields
from civcas.model import Claim

AIRWARS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "airwars"
LANGS = ("ar", "en", "all")


def load_belligerents(
    text: str | None = None, table_name: str = "belligerents"
) -> dict[str, frozenset[str]]:
    """Airwars belligerent -> civcas actors, from TOML `text` or the packaged data file.

    Kept as data so a new Airwars name needs no code change. `table_name` "allied" gives the
    looser secondary reading (actors Airwars files under another belligerent).
    """
    if text is None:
        text = (resources.files("civcas") / "data" / "belligerents.toml").read_text("utf-8")
    table = tomllib.loads(text).get(table_name, {})
    mapping: dict[str, frozenset[str]] = {}
    for name, actors in table.items():
        values = [actors] if isinstance(actors, str) else list(actors)
        mapping[name] = frozenset(str(v) for v in values)
    return mapping


def map_belligerents(names: Iterable[str], mapping: Mapping[str, frozenset[str]]) -> set[str]:
    """The civcas actors behind Airwars' belligerent names; unknown names map to nothing."""
    actors: set[str] = set()
    for name in names:
        actors |= mapping.get(name, frozenset())
    return actors


def parse_day(value: object) -> date | None:
    """An ISO `YYYY-MM-DD` (Airwars' incident dates) as a date; None when absent or bad."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def days_off(day: date | None, start: date | None, end: date | None) -> int | None:
    """Days from `day` to the window [start, end] (0 inside); None when either side is unknown."""
    if day is None or start is None:
        return None
    end = end if end is not None and end >= start else start
    if day < start:
        return (start - day).days
    if day > end:
        return (day - end).days
    return 0


def best_figure(claims: Sequence[Claim], start: date | None, end: date | None) -> int | None:
    """civilians_killed_min of the claim nearest the incident window (ties: the larger figure)."""
    ranked: list[tuple[int, int]] = []
    for claim in claims:
        if claim.civilians_killed_min is None:
            continue
        off = days_off(claim.date, start, end)
        ranked.append((sys.maxsize if off is None else off, -claim.civilians_killed_min))
    if not ranked:
        return None
    return -min(ranked)[1]


def max_figure(claims: Sequence[Claim]) -> int | None:
    """The largest civilians_killed_min the report states, the naive baseline for (a)."""
    figures = [c.civilians_killed_min for c in claims if c.civilians_killed_min is not None]
    return max(figures) if figures else None


def named_perpetrators(claims: Sequence[Claim]) -> set[str]:
    """The actors the report names as perpetrator (co-perpetrators included: "قوات النظام
    وروسيا" names both), "unknown" left out."""
    return {actor for c in claims for actor in c.perpetrators if actor != "unknown"}


def position(value: int, low: int, high: int) -> str:
    """Where `value` falls against Airwars' range: below, inside or above."""
    if value < low:
        return "below"
    if value > high:
        return "above"
    return "inside"


@dataclass
class Outcome:
    """What one report scored; None where the question does not apply."""

    figure: str | None = None  # below / inside / above, for the best-matching claim
    max_inside: bool | None = None
    perpetrators: tuple[str, ...] = ()
    perp_match: bool | None = None
    perp_allied: bool | None = None  # the same, with the `allied` table added


def score(
    claims: Sequence[Claim],
    incident: Mapping[str, Any],
    mapping: Mapping[str, frozenset[str]],
    allied: Mapping[str, frozenset[str]] | None = None,
) -> Outcome:
    """Score one report's claims against its one Airwars incident."""
    low, high = incident["civilians_killed_min"], incident["civilians_killed_max"]
    start, end = parse_day(incident.get("date")), parse_day(incident.get("date_end"))
    out = Outcome()
    best = best_figure(claims, start, end)
    if best is not None:
        out.figure = position(best, low, high)
        top = max_figure(claims)
        out.max_inside = top is not None and low <= top <= high
    named = named_perpetrators(claims)
    if named:
        out.perpetrators = tuple(sorted(named))
        strict = map_belligerents(incident["belligerents"], mapping)
        out.perp_match = bool(named & strict)
        loose = strict | map_belligerents(incident["belligerents"], allied or {})
        out.perp_allied = bool(named & loose)
    return out


@dataclass
class Tally:
    """Counts for one language; rates are computed on the reports each question applies to."""

    eligible: int = 0
    stated: int = 0
    inside: int = 0
    below: int = 0
    above: int = 0
    max_inside: int = 0
    named: int = 0
    perp_match: int = 0
    perp_allied: int = 0
    stated_named: int = 0  # stated a figure AND named a perpetrator: the target set
    stated_perp_match: int = 0

    def add(self, out: Outcome) -> None:
        self.eligible += 1
        if out.figure is not None:
            self.stated += 1
            setattr(self, out.figure, getattr(self, out.figure) + 1)
            self.max_inside += bool(out.max_inside)
        if out.perp_match is not None:
            self.named += 1
            self.perp_match += out.perp_match
            self.perp_allied += bool(out.perp_allied)
            if out.figure is not None:
                self.stated_named += 1
                self.stated_perp_match += out.perp_match

    def summary(self) -> dict[str, Any]:
        def rate(n: int, d: int) -> float | None:
            return round(n / d, 3) if d else None

        return {
            **asdict(self),
            "figure_rate": rate(self.inside, self.stated),
            "max_figure_rate": rate(self.max_inside, self.stated),
            "perpetrator_rate": rate(self.perp_match, self.named),
            "perpetrator_allied_rate": rate(self.perp_allied, self.named),
            "perpetrator_rate_when_stated": rate(self.stated_perp_match, self.stated_named),
            "stated_share": rate(self.stated, self.eligible),
            "named_share": rate(self.named, self.eligible),
        }


@dataclass
class Result:
    """Tallies by language plus the most common perpetrator mismatches, for tuning."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in LANGS})
    mismatches: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, lang: str, out: Outcome, belligerents: Sequence[str]) -> None:
        self.tallies["all"].add(out)
        if lang in self.tallies and lang != "all":
            self.tallies[lang].add(out)
        if out.perp_match is False:
            key = (" + ".join(out.perpetrators), " + ".join(sorted(belligerents)))
            self.mismatches[key] += 1


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def eligible(
    reports: Iterable[dict[str, Any]],
    incidents: Mapping[str, dict[str, Any]],
    split: str,
    lang: str | None = None,
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(report, incident) for reports tied to exactly one incident of `split` with a range."""
    for report in reports:
        ids = report.get("incidents") or []
        if len(ids) != 1 or str(ids[0]) not in incidents:
            continue
        incident = incidents[str(ids[0])]
        if incident.get("split") != split:
            continue
        if incident.get("civilians_killed_min") is None:
            continue
        if incident.get("civilians_killed_max") is None:
            continue
        if lang and report.get("lang") != lang:
            continue
        yield report, incident


def extract_claims(record: Mapping[str, Any]) -> list[Claim]:
    """civcas claims for one Airwars source text; an unreadable record states nothing."""
    try:
        return extract_report(report_from_fields(record, "airwars")).claims
    except BadItem:
        return []


def run(split: str, lang: str | None, limit: int | None) -> Result:
    incidents = {str(i["airwars_id"]): i for i in read_jsonl(AIRWARS / "incidents.jsonl")}
    pairs = list(eligible(read_jsonl(AIRWARS / "reports.jsonl"), incidents, split, lang))
    if limit is not None:
        pairs = pairs[:limit]
    mapping, allied = load_belligerents(), load_belligerents(table_name="allied")
    result = Result()
    for report, incident in tqdm(pairs, desc=f"airwars {split}", unit="report", file=sys.stderr):
        out = score(extract_claims(report), incident, mapping, allied)
        result.add(str(report.get("lang")), out, incident["belligerents"])
    return result


def render(result: Result, split: str) -> str:
    """A plain-text table: the figures that go into docs/accuracy.md."""
    head = (
        f"{'lang':<5}{'eligible':>9}{'stated':>8}{'figure':>8}{'(max)':>7}"
        f"{'below':>7}{'above':>7}{'named':>7}{'perp':>7}{'allied':>8}{'p|fig':>7}"
    )
    lines = [f"Airwars {split}: civcas against Airwars' assessed incidents", head]
    for lang, tally in result.tallies.items():
        s = tally.summary()

        def fmt(v: float | None) -> str:
            return "-" if v is None else f"{v:.3f}"

        lines.append(
            f"{lang:<5}{s['eligible']:>9}{s['stated']:>8}{fmt(s['figure_rate']):>8}"
            f"{fmt(s['max_figure_rate']):>7}{s['below']:>7}{s['above']:>7}{s['named']:>7}"
            f"{fmt(s['perpetrator_rate']):>7}{fmt(s['perpetrator_allied_rate']):>8}"
            f"{fmt(s['perpetrator_rate_when_stated']):>7}"
        )
    lines += [
        "figure: best-matching claim's civilians_killed_min inside Airwars' range, of `stated`;",
        "(max): same with the report's largest figure; perp: a named perpetrator is among",
        "Airwars' belligerents, of `named`; allied: same with belligerents.toml's [allied] table;",
        "p|fig: perp on the reports that both state a figure and name a perpetrator.",
        "most common perpetrator mismatches (civcas -> Airwars):",
    ]
    for (ours, theirs), n in result.mismatches.most_common(8):
        lines.append(f"  {n:>5}  {ours} -> {theirs}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--lang", help="only reports of this language (ar, en, ...)")
    parser.add_argument("--limit", type=int, help="at most N eligible reports")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    files = (AIRWARS / "reports.jsonl", AIRWARS / "incidents.jsonl")
    missing = [p for p in files if not p.exists()]
    if missing:
        print(f"skipped: {missing[0]} not found", file=sys.stderr)
        return 0
    result = run(args.split, args.lang, args.limit)
    if args.json:
        doc = {
            "split": args.split,
            "lang": args.lang,
            "limit": args.limit,
            "by_lang": {k: t.summary() for k, t in result.tallies.items()},
            "perpetrator_mismatches": [
                {"civcas": ours, "airwars": theirs, "reports": n}
                for (ours, theirs), n in result.mismatches.most_common(20)
            ],
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(render(result, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
