"""Extraction speed on real corpora, against `dateparser.search.search_dates` alone.

Runs on one core (one process, one thread) over the 804 full-length FA-KES articles and the
ACLED notes of ../shared/eval/ (read at run time, never copied into the project) and prints
reports/second, MB/second, peak memory and the ratio to the baseline measured in the same run.

Arabic: the Arabic texts of ../shared/eval/airwars/reports.jsonl (monitors, local outlets and
social media posts; skipped with a message where the file is absent) are extracted the same
way, and so are the English texts of that file, the same kind of page. The Arabic cost per MB
is given as a ratio to the English cost per MB, of the English Airwars texts and of FA-KES and
ACLED together (the issue's target: within 2x). MB are of UTF-8: an Arabic letter takes two
bytes, so a megabyte of Arabic holds about half as many letters as one of English.

    .venv/bin/python bench/extract.py [--acled-limit N] [--baseline-limit N] [--no-arabic] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from civcas.extract import extract_report
from civcas.model import Report

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
FAKES = EVAL / "fakes" / "FA-KES-Dataset.csv"
ACLED = EVAL / "acled" / "acled_syria_battles_2017_2023.csv"
AIRWARS = EVAL / "airwars" / "reports.jsonl"


def read_column(path: Path, column: str, limit: int | None = None) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    texts: list[str] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            if row.get(column):
                texts.append(row[column])
            if limit and len(texts) >= limit:
                break
    return texts


def read_airwars(path: Path, lang: str) -> list[str]:
    """The texts of one language of the Airwars reports (JSON Lines), in file order."""
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if row.get("lang") == lang and isinstance(row.get("text"), str) and row["text"]:
                texts.append(row["text"])
    return texts


def timed(texts: list[str], work: Callable[[str], object]) -> dict[str, float]:
    """Wall time and rate of `work` over `texts`, then its peak traced memory in a second pass
    (tracing slows Python down several times, so it never runs while the clock does)."""
    start = time.perf_counter()
    for text in texts:
        work(text)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for text in texts[:200]:
        work(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {
        "reports": len(texts),
        "seconds": round(seconds, 3),
        "reports_per_s": round(len(texts) / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
        "peak_mib_traced": round(peak / 2**20, 1),
    }


def _combined(results: dict[str, dict[str, dict[str, float]]], who: str) -> dict[str, float]:
    """Both corpora as one: total reports and megabytes over total seconds."""
    rows = [corpus[who] for corpus in results.values()]
    seconds = sum(r["seconds"] for r in rows)
    megabytes = sum(r["mb_per_s"] * r["seconds"] for r in rows)
    reports = sum(r["reports"] for r in rows)
    return {
        "reports": reports,
        "seconds": round(seconds, 3),
        "reports_per_s": round(reports / seconds, 1),
        "mb_per_s": round(megabytes / seconds, 3),
    }


def civcas_extract(lang: str) -> Callable[[str], object]:
    return lambda text: extract_report(Report(text=text, lang=lang))


def dateparser_search(text: str, lang: str = "en") -> object:
    from dateparser.search import search_dates

    return search_dates(text, languages=[lang])


def seconds_per_mb(row: dict[str, float]) -> float:
    return 1 / row["mb_per_s"]


def arabic_results(
    results: dict[str, dict[str, dict[str, float]]], baseline_limit: int | None
) -> dict[str, float] | None:
    """Time the Arabic and English Airwars texts into `results`; the cost ratios, or None
    when the file is absent."""
    if not AIRWARS.exists():
        print(f"skipped the Arabic corpus: {AIRWARS} is absent", file=sys.stderr)
        return None
    extract_report(Report(text="قتل مدني أمس بقصف على بلدة هجين.", lang="ar"))
    dateparser_search("١ كانون الثاني ٢٠١٩", "ar")
    for name, lang in (("airwars_ar", "ar"), ("airwars_en", "en")):
        texts = read_airwars(AIRWARS, lang)
        base_texts = texts[:baseline_limit] if baseline_limit else texts
        ours = timed(texts, civcas_extract(lang))
        base = timed(base_texts, lambda text, lang=lang: dateparser_search(text, lang))
        ours["speedup_vs_search_dates"] = round(ours["mb_per_s"] / base["mb_per_s"], 2)
        results[name] = {"civcas_extract": ours, "dateparser_search_dates": base}
    ar = seconds_per_mb(results["airwars_ar"]["civcas_extract"])
    return {
        "ar_seconds_per_mb": round(ar, 3),
        "en_airwars_seconds_per_mb": round(
            seconds_per_mb(results["airwars_en"]["civcas_extract"]), 3
        ),
        "en_fakes_acled_seconds_per_mb": round(seconds_per_mb(results["all"]["civcas_extract"]), 3),
        "ratio_vs_en_airwars": round(
            ar / seconds_per_mb(results["airwars_en"]["civcas_extract"]), 2
        ),
        "ratio_vs_en_fakes_acled": round(ar / seconds_per_mb(results["all"]["civcas_extract"]), 2),
        "ratio_vs_en_fakes": round(ar / seconds_per_mb(results["fakes"]["civcas_extract"]), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acled-limit", type=int, default=None, help="ACLED notes to use (all)")
    parser.add_argument(
        "--baseline-limit",
        type=int,
        default=None,
        help="texts per corpus for the dateparser baseline (all)",
    )
    parser.add_argument(
        "--no-arabic", action="store_true", help="leave out the Arabic (Airwars) corpus"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args()
    if not FAKES.exists() or not ACLED.exists():
        print(f"skipped: the corpora are not at {EVAL}", file=sys.stderr)
        return 0
    corpora = {
        "fakes": read_column(FAKES, "article_content"),
        "acled": read_column(ACLED, "notes", args.acled_limit),
    }
    # Warm caches (lexicons, gazetteer, compiled patterns) before timing anything.
    extract_report(Report(text="warm-up text, 1 January 2019.", lang="en"))
    dateparser_search("warm-up 1 January 2019")
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, texts in corpora.items():
        base_texts = texts[: args.baseline_limit] if args.baseline_limit else texts
        ours = timed(texts, civcas_extract("en"))
        base = timed(base_texts, dateparser_search)
        ours["speedup_vs_search_dates"] = round(ours["mb_per_s"] / base["mb_per_s"], 2)
        results[name] = {"civcas_extract": ours, "dateparser_search_dates": base}
    results["all"] = {
        who: _combined(results, who) for who in ("civcas_extract", "dateparser_search_dates")
    }
    results["all"]["civcas_extract"]["speedup_vs_search_dates"] = round(
        results["all"]["civcas_extract"]["mb_per_s"]
        / results["all"]["dateparser_search_dates"]["mb_per_s"],
        2,
    )
    arabic = None if args.no_arabic else arabic_results(results, args.baseline_limit)
    if args.json:
        print(json.dumps({**results, "arabic_cost": arabic} if arabic else results, indent=2))
    else:
        for name, rows in results.items():
            print(f"== {name}")
            for who, r in rows.items():
                print(f"  {who:26} " + "  ".join(f"{k}={v}" for k, v in r.items()))
        if arabic:
            print("== arabic cost per MB against english")
            print("  " + "  ".join(f"{k}={v}" for k, v in arabic.items()))
    print(
        f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
