"""Victim deduplication at scale: synthetic named victims, spelt as outlets spell them.

Each synthetic person (given, father's and family name, in an incident with a day and a place)
is listed by one to four reports of its incident, each writing the name its own way: a Latin
spelling variant of every part (Mohammed / Mohamed / Muhammad ...), or the Arabic script; the
article as "Al-", "al-", "El-" or joined; the father's name dropped by some. A share of
mentions sits in another incident of the same day and place (a strike that linking split in
two). Given names follow a steep (Zipf) curve, family names are many, as in the lists monitors
publish.

For each size the script runs `civcas.link.victims.dedupe_victims` (Splink on DuckDB) and, as
the named baseline in the same process, the grouping most spreadsheets do: identical name key
(`latin_key` of the whole name). It prints mentions per second, the time ratio to the baseline,
pairwise precision and recall against the true persons, and the process's peak memory (each
size runs in its own child process so that peaks do not mix).

    .venv/bin/python bench/victims.py --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from math import comb
from typing import Any

from civcas.knowledge.names import latin_key
from civcas.link.victims import dedupe_victims
from civcas.model import VictimMention

# Given names: Latin spellings (the first is the most common), Arabic script.
GIVEN: list[tuple[tuple[str, ...], str]] = [
    (("Mohammed", "Mohamed", "Mohammad", "Muhammad", "Muhammed"), "محمد"),
    (("Ahmad", "Ahmed"), "أحمد"),
    (("Ali",), "علي"),
    (("Omar", "Umar"), "عمر"),
    (("Yousef", "Yusuf", "Youssef", "Yosef"), "يوسف"),
    (("Khaled", "Khalid"), "خالد"),
    (("Hassan", "Hasan"), "حسن"),
    (("Hussein", "Husayn", "Hussain"), "حسين"),
    (("Mahmoud", "Mahmud"), "محمود"),
    (("Abdullah", "Abdallah"), "عبدالله"),
    (("Ibrahim", "Ebrahim"), "إبراهيم"),
    (("Mustafa", "Mostafa"), "مصطفى"),
    (("Saleh", "Salih"), "صالح"),
    (("Jassim", "Jasim", "Jasem"), "جاسم"),
    (("Khalaf",), "خلف"),
    (("Hamad",), "حمد"),
    (("Fatima", "Fatma", "Fatimah"), "فاطمة"),
    (("Aisha", "Aysha"), "عائشة"),
    (("Noura", "Nura"), "نورة"),
    (("Maryam", "Mariam"), "مريم"),
    (("Zainab", "Zeinab"), "زينب"),
    (("Huda", "Hoda"), "هدى"),
    (("Salim", "Saleem"), "سليم"),
    (("Walid", "Waleed"), "وليد"),
    (("Samir", "Sameer"), "سمير"),
    (("Abd al-Rahman", "Abdulrahman", "Abdel Rahman"), "عبد الرحمن"),
    (("Abd al-Karim", "Abdulkarim"), "عبد الكريم"),
    (("Ismail", "Ismael"), "إسماعيل"),
    (("Bilal",), "بلال"),
    (("Hamza", "Hamzah"), "حمزة"),
    (("Yasser", "Yasir"), "ياسر"),
    (("Riyad", "Riad"), "رياض"),
    (("Tariq", "Tarek"), "طارق"),
    (("Adnan",), "عدنان"),
    (("Faisal", "Faysal"), "فيصل"),
    (("Karim", "Kareem"), "كريم"),
    (("Nasser", "Nasir"), "ناصر"),
    (("Rami",), "رامي"),
    (("Anas",), "أنس"),
    (("Ammar",), "عمار"),
]
# Root consonants of made-up family names: Latin spellings, Arabic letter.
CONSONANTS: list[tuple[tuple[str, ...], str]] = [
    (("b",), "ب"), (("t",), "ت"), (("j",), "ج"), (("h",), "ح"), (("kh",), "خ"),
    (("d",), "د"), (("r",), "ر"), (("z",), "ز"), (("s",), "س"), (("sh",), "ش"),
    (("f",), "ف"), (("q", "k"), "ق"), (("k",), "ك"), (("l",), "ل"), (("m",), "م"),
    (("n",), "ن"), (("w",), "و"), (("gh",), "غ"),
]
ARTICLES = ("Al-", "al-", "El-", "Al ", "Al")


def family_name(rnd: random.Random) -> tuple[list[str], str]:
    """A family name of the common CāCiC pattern (al-Jāsim): its Latin forms and Arabic form."""
    c1, c2, c3 = (rnd.choice(CONSONANTS) for _ in range(3))
    latin = []
    for a in c1[0]:
        for b in c2[0]:
            for c in c3[0]:
                for vowel in ("i", "e"):
                    double = b + b if len(b) == 1 and rnd.random() < 0.5 else b
                    latin.append(f"{a}a{double}{vowel}{c}")
    return latin, "ال" + c1[1] + "ا" + c2[1] + c3[1]


def world(n_mentions: int, seed: int) -> tuple[list[VictimMention], list[int]]:
    """`n_mentions` mentions of synthetic people, and each mention's true person.

    Each incident has one to six victims, often of one family (brothers share the father's
    and family name, and a common given name may repeat); one to four reports list them, each
    report a subset, as monitors' lists do (a report names a person once)."""
    rnd = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(len(GIVEN))]
    families = [family_name(rnd) for _ in range(max(200, n_mentions // 40))]
    mentions: list[VictimMention] = []
    truth: list[int] = []
    person = incident = report = 0
    start = date(2014, 1, 1)
    while len(mentions) < n_mentions:
        incident += 1
        day = start + timedelta(days=rnd.randrange(3650))
        lat, lon = 32 + rnd.random() * 5, 36 + rnd.random() * 6
        admin1 = f"gov-{int(lat * 3) % 14}"
        family = rnd.choice(families)
        father = rnd.choices(GIVEN, weights)[0]
        victims = []
        for _ in range(rnd.randint(1, 6)):  # victims of one incident, often one family
            person += 1
            given = rnd.choices(GIVEN, weights)[0]
            fam = family if rnd.random() < 0.6 else rnd.choice(families)
            dad = father if fam is family else rnd.choices(GIVEN, weights)[0]
            victims.append((person, given, dad, fam))
        for _ in range(min(4, 1 + int(rnd.expovariate(1.2)))):
            report += 1
            claim = f"r{report}/1"
            # a share of reports sits in another incident of the same day and place (a strike
            # that linking split in two)
            where = incident if rnd.random() < 0.85 else -incident
            listed = [v for v in victims if rnd.random() < 0.8] or victims[:1]
            for k, (who, given, dad, fam) in enumerate(listed, 1):
                if len(mentions) >= n_mentions:
                    break
                mentions.append(VictimMention(
                    id=f"{claim}/v{k}", claim=claim, name=spell(rnd, given, dad, fam),
                    incident=f"i{where}", date=day, lat=lat, lon=lon, admin1=admin1,
                ))
                truth.append(who)
    return mentions, truth


def spell(
    rnd: random.Random,
    given: tuple[tuple[str, ...], str],
    father: tuple[tuple[str, ...], str],
    family: tuple[list[str], str],
) -> str:
    """One outlet's writing of a name."""
    with_father = rnd.random() < 0.75
    if rnd.random() < 0.5:
        parts = [given[1], father[1], family[1]] if with_father else [given[1], family[1]]
        return " ".join(parts)
    article = rnd.choice(ARTICLES)
    fam = rnd.choice(family[0])
    fam = article + (fam.capitalize() if article != "Al" else fam)
    parts = [rnd.choice(given[0])] + ([rnd.choice(father[0])] if with_father else []) + [fam]
    return " ".join(parts)


def pairwise(truth: list[int], predicted: list[str]) -> tuple[float, float]:
    """Pairwise precision and recall of a clustering against the true persons."""
    both = sum(comb(n, 2) for n in Counter(zip(truth, predicted, strict=True)).values())
    pred = sum(comb(n, 2) for n in Counter(predicted).values())
    true = sum(comb(n, 2) for n in Counter(truth).values())
    return (both / pred if pred else 1.0), (both / true if true else 1.0)


def one_size(n: int, seed: int) -> dict[str, Any]:
    mentions, truth = world(n, seed)
    t = time.perf_counter()
    baseline = [latin_key(m.name) for m in mentions]
    base_s = time.perf_counter() - t
    t = time.perf_counter()
    persons = dedupe_victims(mentions)
    seconds = time.perf_counter() - t
    predicted = [persons.person_of[m.id] for m in mentions]
    p, r = pairwise(truth, predicted)
    bp, br = pairwise(truth, baseline)
    return {
        "mentions": n,
        "persons_true": len(set(truth)),
        "persons_found": persons.count,
        "seconds": round(seconds, 2),
        "mentions_per_s": round(n / seconds),
        "precision": round(p, 3),
        "recall": round(r, 3),
        "baseline_exact_key_seconds": round(base_s, 2),
        "baseline_precision": round(bp, 3),
        "baseline_recall": round(br, 3),
        "time_vs_baseline": round(seconds / base_s, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="mention counts, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child's single size
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.seed)))
        return 0
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
            capture_output=True, text=True, check=True,
        )
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
        if not args.json:
            print("  ".join(f"{k}={v}" for k, v in results[-1].items()), flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
