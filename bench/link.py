"""Linking speed and accuracy on synthetic claims, against naive all-pairs scoring.

Generates N claims of known incidents (2014–2024, more in the war's peak years; 1–8 reports per
incident; places from the shipped gazetteer, weighted toward populous ones by the square root
of population; date noise of ±1 day, coarse and missing dates; place jitter to a nearby place
or the governorate only; spelling variants; count, actor and event-type disagreement; named
victims; reposts of a report's text), links the claims (`link_claims(find_copies=True)`:
copy families among the reports of candidate pairs) and prints time, claims/second, peak
memory and pairwise and B-cubed accuracy against the generator's truth, and precision and
recall of the copy families found. Each size runs in a process of its own, so that its peak
memory is its own. The baseline, run in the same command: the same pair scoring over ALL
pairs of the first 2,000 claims, its time per pair extrapolated to N(N-1)/2 pairs (what
linking without blocking would cost).

Density: by default every size spans 2014–2024, so that 10× the claims are 10× as dense (a
busier war, more sources); with --density D (claims a day) each size spans N / D days (the
war years' profile repeated every 11 years), so sizes compare like for like. Each run says
its density: claims a day, claims a day per governorate, and the busiest governorate-day.
--find-lineages finds copies the old way instead (lineage.find_lineages: MinHash LSH over
all reports), for comparison.

    .venv/bin/python bench/link.py [--sizes 10000,100000] [--density 25] [--seed 1] [--json]
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import multiprocessing
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from civcas.evaluate.score import bcubed
from civcas.knowledge.gazetteer import Place, haversine_km, load_gazetteer
from civcas.link import find_lineages, link_claims
from civcas.link.compare import features, score
from civcas.link.settings import default_settings
from civcas.model import Claim, Report, SourcedClaim, Span

YEARS = {2014: 8, 2015: 12, 2016: 16, 2017: 18, 2018: 14, 2019: 12, 2020: 6, 2021: 4,
         2022: 3, 2023: 3, 2024: 2}
EVENTS = {"airstrike": 45, "shelling": 25, "drone_strike": 8, "ground_attack": 10,
          "explosive": 8, "execution": 4}
ACTORS = {"Syrian government": 30, "Russia": 25, "US-led coalition": 20, "ISIS": 8,
          "Turkey": 6, "SDF": 4, "HTS": 3, "Iraqi forces": 4}
COMPATIBLE = {"airstrike": "drone_strike", "drone_strike": "airstrike", "shelling": "airstrike"}
REPORTS_PER_INCIDENT = {1: 30, 2: 22, 3: 16, 4: 11, 5: 8, 6: 6, 7: 4, 8: 3}
KIND_POPULATION = {"city": 50000, "town": 8000, "village": 800, "neighbourhood": 20000}
FIRST = ["Ahmad", "Mohammad", "Khalid", "Omar", "Ali", "Hassan", "Mahmoud", "Yusuf", "Ibrahim",
         "Fatima", "Aisha", "Zainab", "Maryam", "Hamza", "Abdullah", "Mustafa", "Saleh", "Nour"]
FAMILY = ["Al-Hamoud", "Al-Saleh", "Al-Hussein", "Al-Jasim", "Al-Khalaf", "Al-Ali", "Al-Abdullah",
          "Al-Hassan", "Al-Mohammad", "Al-Ahmad", "Al-Issa", "Al-Omar", "Al-Darwish", "Al-Najjar"]
SPELLINGS = [("ou", "u"), ("u", "ou"), ("ee", "i"), ("i", "ee"), ("Al ", "al-"), ("Al ", ""),
             ("eh", "a"), ("a", "e"), ("q", "k"), ("kh", "k"), ("-", " ")]
TEMPLATES = [
    "{n} civilians were killed on {when} when {actor} {verb} {place} in {gov}, activists said.",
    "{actor} {verb} {place} ({gov}) on {when}, killing {n} people, a monitoring group reported.",
    "Local sources: {n} dead in {place} after {actor} {verb} the town on {when}.",
    "On {when}, {n} people including children were killed in {place}, {gov} countryside.",
]
# What else reports say: each report adds a few of these, each with words of its own put in, so
# that two outlets' reports share phrases but not their wording (only reposts do).
FILLER = [
    "Rescue teams worked through the night to pull survivors from the rubble.",
    "The wounded were taken to a field hospital in a nearby town.",
    "Residents said the area had no military positions.",
    "The toll is expected to rise as several of the injured are in critical condition.",
    "Footage shared online showed collapsed buildings and burning cars.",
    "Hundreds of families have fled the area in recent weeks.",
    "A local council official called for an international investigation.",
    "The civil defence said one of its volunteers was among the injured.",
    "Medical sources reported a shortage of blood and medicines.",
    "The attack came amid a wider escalation in the region.",
    "Witnesses described hearing aircraft overhead minutes before the blasts.",
    "The market had been crowded with shoppers at the time.",
    "No party has commented on the reports so far.",
    "Schools in the district have been closed since the start of the month.",
    "Human rights groups have documented several similar attacks this year.",
    "The victims included members of one family.",
    "Electricity and water supplies were cut after the strike.",
    "An earlier attack on the same area was reported last month.",
    "Ambulances struggled to reach the site because of damaged roads.",
    "The monitoring group said it had documented the names of the victims.",
]
VERBS = {"airstrike": "bombed", "drone_strike": "hit with a drone", "shelling": "shelled",
         "ground_attack": "raided", "explosive": "attacked with a car bomb",
         "execution": "executed residents of"}


def weighted(rnd: random.Random, table: dict[Any, float]) -> Any:
    return rnd.choices(list(table), weights=list(table.values()))[0]


def respell(rnd: random.Random, name: str) -> str:
    """One spelling variant of a name (ou/u, al-, e/a ...), as outlets write them."""
    for old, new in rnd.sample(SPELLINGS, 2):
        if old in name:
            return name.replace(old, new, 1)
    return name


@dataclass(slots=True)
class World:
    """The places incidents happen at, weighted, with their neighbours and governorates."""

    places: list[Place]
    cumulative: list[float]
    governorates: dict[str, Place]
    words: list[str]  # for the wording no two outlets share

    @classmethod
    def build(cls) -> World:
        gaz = load_gazetteer()
        places = [p for p in gaz.places if p.kind in KIND_POPULATION and p.lat is not None
                  and p.admin1]
        governorates = {p.admin1: p for p in gaz.places if p.kind == "governorate" and p.admin1}
        places = [p for p in places if p.admin1 in governorates]
        weights = [math.sqrt(p.population or KIND_POPULATION[p.kind]) for p in places]
        words = sorted({w for p in gaz.places for w in p.name.split() if w.isalpha()})
        return cls(places, list(accumulate(weights)), governorates, words)

    def pick(self, rnd: random.Random) -> Place:
        return self.places[bisect.bisect(self.cumulative, rnd.random() * self.cumulative[-1])]

    def near(self, rnd: random.Random, place: Place) -> Place:
        """A place within 10 km of `place` (a report naming the next village), else itself."""
        for _ in range(30):
            other = self.pick(rnd)
            if other is not place and other.admin1 == place.admin1 and haversine_km(
                place.lat, place.lon, other.lat, other.lon  # type: ignore[arg-type]
            ) <= 10:
                return other
        return place


def filler(rnd: random.Random, world: World) -> str:
    """A stock sentence with two words of this report's own put in."""
    words = rnd.choice(FILLER).split()
    for _ in range(2):
        words.insert(rnd.randrange(len(words) + 1), rnd.choice(world.words))
    return " ".join(words)


START = date(2014, 1, 1)
CYCLE_DAYS = 365 * len(YEARS)  # the war years' profile, repeated for longer spans


def incident_day(rnd: random.Random, span_days: int | None = None) -> date:
    """A day of 2014–2024 (more in the peak years); with span_days, a day of the span_days
    from 2014-01-01 (the profile repeated every 11 years)."""
    while True:
        year = weighted(rnd, YEARS)
        offset = (year - START.year) * 365 + rnd.randrange(365)
        if span_days is None:
            return date(year, 1, 1) + timedelta(days=offset % 365)
        offset += CYCLE_DAYS * rnd.randrange(-(-span_days // CYCLE_DAYS))
        if offset < span_days:
            return START + timedelta(days=offset)


def one_claim(rnd: random.Random, world: World, inc: dict[str, Any], rid: str) -> SourcedClaim:
    """One report's claim of an incident, with the noise real reporting has."""
    place: Place = inc["place"]
    c = Claim(event_type=inc["event"], perpetrator=inc["actor"], country=place.country)
    roll = rnd.random()
    day: date = inc["day"]
    if roll < 0.80:
        c.date, c.date_precision = day, "day"
    elif roll < 0.92:
        c.date, c.date_precision = day + timedelta(days=rnd.choice((-1, 1))), "day"
    elif roll < 0.96:
        c.date, c.date_precision = day.replace(day=1), "month"
    # else: no date
    roll = rnd.random()
    if roll < 0.07:
        gov = world.governorates[place.admin1]  # type: ignore[index]
        c.place = c.place_std = gov.name
        c.admin1, c.lat, c.lon, c.geo_precision = gov.admin1, gov.lat, gov.lon, "governorate"
    else:
        where = world.near(rnd, place) if roll < 0.15 else place
        c.place = respell(rnd, where.name) if rnd.random() < 0.5 else where.name
        c.place_std = where.name if rnd.random() < 0.9 else None
        c.admin1, c.lat, c.lon = where.admin1, where.lat, where.lon
        c.geo_precision = "exact" if where.coord_precision == "exact" else "district"
    roll = rnd.random()
    killed: int = inc["killed"]
    if roll < 0.6:
        c.killed_min = c.killed_max = killed
    elif roll < 0.85:
        spread = max(1, killed // 5)
        c.killed_min = c.killed_max = max(1, killed + rnd.randint(-spread, spread))
    elif roll < 0.95:
        c.killed_min = max(1, killed - rnd.randint(0, killed // 3 + 1))
    else:
        c.killed_min = c.killed_max = killed * 2 + 1
    c.civilians_killed_min = c.killed_min
    roll = rnd.random()
    if roll < 0.2:
        c.perpetrator = "unknown"
    elif roll < 0.27:
        c.perpetrator = weighted(rnd, ACTORS)
    roll = rnd.random()
    if roll < 0.08:
        c.event_type = COMPATIBLE.get(c.event_type or "", c.event_type)
    elif roll < 0.11:
        c.event_type = weighted(rnd, EVENTS)
    names: list[str] = inc["names"]
    if names and rnd.random() < 0.6:
        for n in names:
            if rnd.random() < 0.6:
                c.add_victim(respell(rnd, n), Span(0, 0))
    lead = rnd.choice(TEMPLATES).format(
        n=c.killed_min, when=(c.date or day).strftime("%d %B %Y"), actor=c.perpetrator,
        verb=VERBS[inc["event"]], place=c.place, gov=c.admin1,
    )
    more = [filler(rnd, world) for _ in range(rnd.randint(2, 5))]
    text = " ".join([lead, *more, *rnd.sample(world.words, rnd.randint(20, 40))])
    report = Report(text=text, id=rid, published=day + timedelta(days=rnd.randint(0, 2)))
    return SourcedClaim(f"{rid}/0", report, c)


@dataclass(slots=True)
class Truth:
    """What the generator knows: each claim's incident, each repost's original."""

    incident: list[int]
    copy_of: dict[str, str]  # report id of a repost -> the report it reposts
    span_days: int
    busiest_governorate_day: int  # claims of the busiest (day, governorate)


def generate(
    n: int, seed: int, span_days: int | None = None
) -> tuple[list[SourcedClaim], Truth]:
    """n claims and, for each, the incident it truly belongs to (over span_days from 2014, or
    2014–2024 when None)."""
    rnd = random.Random(seed)
    world = World.build()
    claims: list[SourcedClaim] = []
    truth: list[int] = []
    copy_of: dict[str, str] = {}
    per_day: Counter[tuple[date, str | None]] = Counter()
    incident = 0
    while len(claims) < n:
        inc = {
            "place": world.pick(rnd),
            "day": incident_day(rnd, span_days),
            "event": weighted(rnd, EVENTS),
            "actor": weighted(rnd, ACTORS),
            "killed": max(1, int(rnd.expovariate(1 / 8))),
            "names": [f"{rnd.choice(FIRST)} {rnd.choice(FIRST)} {rnd.choice(FAMILY)}"
                      for _ in range(rnd.randint(1, 5))] if rnd.random() < 0.3 else [],
        }
        first: SourcedClaim | None = None
        for k in range(min(weighted(rnd, REPORTS_PER_INCIDENT), n - len(claims))):
            rid = f"r{incident}-{k}"
            if first is not None and rnd.random() < 0.15:  # a repost of the first report
                sc = one_claim(rnd, world, inc, rid)
                sc.claim = Claim.from_dict(first.claim.to_dict())
                sc.report = Report(text=first.report.text + " Share.", id=rid,
                                   published=first.report.published)
                copy_of[rid] = first.report.id
            else:
                sc = one_claim(rnd, world, inc, rid)
                first = first or sc
            claims.append(sc)
            truth.append(incident)
            per_day[inc["day"], inc["place"].admin1] += 1
        incident += 1
    days = span_days or (date(START.year + len(YEARS), 1, 1) - START).days
    return claims, Truth(truth, copy_of, days, max(per_day.values(), default=0))


def pairwise(truth: Sequence[int], pred: Sequence[str]) -> tuple[float, float]:
    """Pairwise precision and recall: of pairs put together, and of pairs truly together."""
    def pairs(counts: Counter[Any]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(truth, pred, strict=True)))
    predicted, true = pairs(Counter(pred)), pairs(Counter(truth))
    return (both / predicted if predicted else 1.0), (both / true if true else 1.0)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def all_pairs_seconds_per_pair(claims: Sequence[SourcedClaim]) -> float:
    """Baseline: score every pair of `claims` with the same comparisons; seconds per pair."""
    s = default_settings()
    feats = features(claims, s)
    start = time.perf_counter()
    n = 0
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            score(feats[i], feats[j], s)
            n += 1
    return (time.perf_counter() - start) / n


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, seed: int, per_pair: float, density: float | None, lsh: bool) -> dict[str, Any]:
    """One size, in a process of its own (peak memory is the process's)."""
    span = None if density is None else max(1, round(n / density))
    claims, truth = generate(n, seed, span)
    start = time.perf_counter()
    if lsh:  # the old way: MinHash LSH over all reports, then linking
        lineages = find_lineages([c.report for c in claims])
        for c in claims:
            c.lineage = lineages[c.report.id]
        copies_s = time.perf_counter() - start
        start = time.perf_counter()
        result = link_claims(claims)
    else:
        result = link_claims(claims, find_copies=True)
        lineages = result.lineages
        copies_s = result.stats["ms_copies"] / 1000
    link_s = time.perf_counter() - start
    pred = [result.incidents[c.id] for c in claims]
    pp, pr = pairwise(truth.incident, pred)
    bp, br = bcubed(truth.incident, pred)
    reports = [c.report.id for c in claims]
    cp, cr = pairwise([truth.copy_of.get(r, r) for r in reports], [lineages[r] for r in reports])
    all_pairs = per_pair * n * (n - 1) / 2
    governorates = len(World.build().governorates)
    return {
        "claims": n,
        "span_days": truth.span_days,
        "claims_per_day": round(n / truth.span_days, 1),
        "per_day_per_governorate": round(n / truth.span_days / governorates, 2),
        "busiest_governorate_day": truth.busiest_governorate_day,
        "true_incidents": len(set(truth.incident)),
        "incidents": len(set(pred)),
        "copies": "lsh" if lsh else "candidate pairs",
        "copies_s": round(copies_s, 2),
        "link_s": round(link_s, 2),
        "steps_s": {k[3:]: round(v / 1000, 1) for k, v in result.stats.items()
                    if k.startswith("ms_")},
        "claims_per_s": round(n / link_s),
        "candidate_pairs": result.stats["candidate_pairs"],
        "pairs_per_claim": round(result.stats["candidate_pairs"] / n, 2),
        "max_pairs_per_claim": result.stats["max_pairs_per_claim"],
        "cut_in_crowded_blocks": result.stats["cut_in_crowded_blocks"],
        "cut_over_max_pairs": result.stats["cut_over_max_pairs"],
        "links": len(result.links),
        "peak_rss_mib": round(peak_rss_mib()),
        "pairwise_p": round(pp, 3),
        "pairwise_r": round(pr, 3),
        "pairwise_f1": round(f1(pp, pr), 3),
        "bcubed_p": round(bp, 3),
        "bcubed_r": round(br, 3),
        "bcubed_f1": round(f1(bp, br), 3),
        "copies_p": round(cp, 3),
        "copies_r": round(cr, 3),
        "all_pairs_s_extrapolated": round(all_pairs),
        "speedup_vs_all_pairs": round(all_pairs / link_s),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="claim counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--density", type=float,
                        help="claims a day: each size spans N / density days (default: 2014–2024)")
    parser.add_argument("--find-lineages", action="store_true",
                        help="copies the old way: find_lineages (LSH over all reports) first")
    parser.add_argument("--baseline", type=int, default=2000, help="claims scored all-pairs")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    sample, _ = generate(args.baseline, args.seed)
    per_pair = all_pairs_seconds_per_pair(sample)
    print(f"baseline: all {args.baseline * (args.baseline - 1) // 2} pairs of {args.baseline} "
          f"claims scored, {per_pair * 1e6:.2f} µs per pair", file=sys.stderr)
    rows = []
    spawn = multiprocessing.get_context("spawn")
    for n in sorted(sizes):
        with spawn.Pool(1) as pool:
            rows.append(pool.apply(
                run, (n, args.seed, per_pair, args.density, args.find_lineages)
            ))
        if not args.json:
            print("  ".join(f"{k}={v}" for k, v in rows[-1].items()), flush=True)
    if args.json:
        print(json.dumps({"baseline_us_per_pair": round(per_pair * 1e6, 2), "runs": rows},
                         indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
