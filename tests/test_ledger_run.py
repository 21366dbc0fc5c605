"""`civcas run` end to end: the bundled examples into a ledger, idempotence, incremental runs,
kill -9 and resume, PostgreSQL, and the views and answers built on the ledger."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from civcas.cli.main import cli
from civcas.run import run
from civcas.store.ledger import Ledger

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "reports"
FEED = EXAMPLES / "monitor-feed.jsonl"


def civcas(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "civcas.cli.main", *args],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )


def _snapshot(db: str) -> tuple[dict[str, int], list[dict], list[dict]]:
    """Everything a user sees: the counts, the incidents and the links of every incident."""
    ledger = Ledger(db)
    incidents = ledger.incidents()
    links = [
        link.to_dict()
        for inc in incidents
        for link in sorted(
            ledger.links_of(inc["claim_ids"]), key=lambda x: (x.a, x.b)
        )
    ]
    counts = ledger.counts()
    counts.pop("history")
    ledger.close()
    return counts, incidents, links


def test_examples_into_the_ledger(tmp_path: Path) -> None:
    db = str(tmp_path / "civcas.db")
    done = civcas("run", str(EXAMPLES), "--db", db, "-q")
    assert done.returncode == 0, done.stderr
    ledger = Ledger(db)
    incidents = ledger.incidents()
    assert incidents, "the examples name incidents"
    hajin = [i for i in incidents if i.get("place_std") == "Hajin"]
    assert len(hajin) == 1, "the two reports of the Hajin strike are one incident"
    (inc,) = hajin
    assert inc["sources"] == 2
    actors = {(a["actor"], a["attribution"]) for a in inc["attribution"]}
    assert ("US-led coalition", "alleged") in actors and ("US-led coalition", "denied") in actors
    assert inc["grade"] == "contested"
    assert any("denied" in c or "denial" in c for c in inc["contradictions"])


def test_same_input_twice_changes_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "civcas.db")
    first = run([EXAMPLES], Ledger(db))
    assert first.reports_added > 0
    before = _snapshot(db)
    history = Ledger(db).history()
    second = run([EXAMPLES], Ledger(db))
    assert (second.reports_added, second.claims_added, second.incidents_touched) == (0, 0, 0)
    assert _snapshot(db) == before
    assert Ledger(db).history() == history


def test_new_reports_join_existing_incidents(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in FEED.read_text(encoding="utf-8").splitlines()]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    second.write_text("".join(json.dumps(r) + "\n" for r in rows[1:]), encoding="utf-8")
    db = str(tmp_path / "civcas.db")
    run([first], Ledger(db))
    (before,) = [i for i in Ledger(db).incidents() if i.get("place_std") == "Hajin"]
    run([second], Ledger(db))
    (after,) = [i for i in Ledger(db).incidents() if i.get("place_std") == "Hajin"]
    assert after["id"] == before["id"] and after["sources"] == 2

    # the same reports in one run give the same incidents as in two
    together = str(tmp_path / "together.db")
    run([FEED], Ledger(together))
    assert _snapshot(together)[1] == _snapshot(db)[1]


def _many_reports(path: Path, n: int) -> None:
    """n made-up reports: pairs of outlets reporting the same strikes, across governorates."""
    places = ["Hajin", "Saraqib", "Maarat al-Numan", "Jisr al-Shughur", "Al-Bukamal",
              "Ariha", "Kafr Nabl", "Khan Shaykhun", "Tal Abyad", "Manbij"]
    start = date(2019, 1, 1)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            k = i // 2
            day = start + timedelta(days=3 * k)
            place = places[k % len(places)]
            killed = 2 + k % 9 + (i % 2)
            text = (
                f"Strike on {place}\n\nWarplanes believed to be Russian struck {place} on "
                f"{day:%d %B %Y}, killing {killed} civilians, including {1 + k % 3} children, "
                f"activists said. Report {i} of outlet {'AB'[i % 2]}."
            )
            row = {"id": f"m-{i:04d}", "outlet": f"Outlet {'AB'[i % 2]}", "lang": "en",
                   "published": str(day + timedelta(days=1)), "text": text}
            f.write(json.dumps(row) + "\n")


# Runs civcas in a child process that kills itself (SIGKILL: no clean-up of any kind) on the
# n-th call of one ledger method: before, inside and after the transactions of every stage.
CRASHING_RUN = """
import os, signal, sys
from civcas.run import run
from civcas.store.ledger import Ledger

method, after = sys.argv[3], int(sys.argv[4])
original = getattr(Ledger, method)
calls = 0

def crashing(self, *args, **kwargs):
    global calls
    calls += 1
    if calls >= after:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, *args, **kwargs)

setattr(Ledger, method, crashing)
run([sys.argv[1]], Ledger(sys.argv[2]))
"""

# (ledger method, call on which the process dies): inside the extraction transactions, inside
# the linking transaction (incidents half created), between linking and assessment, inside
# the assessments.
CRASH_POINTS = [
    ("add_extraction", 40),
    ("_ensure_incident", 25),
    ("incidents_to_assess", 1),
    ("save_assessment", 30),
]


def test_kill_nine_at_any_point_then_resume(tmp_path: Path) -> None:
    """A run killed hard at any stage leaves a consistent ledger, and the next run ends with
    exactly what an uninterrupted run gives."""
    feed = tmp_path / "many.jsonl"
    _many_reports(feed, 120)
    reference = str(tmp_path / "reference.db")
    run([feed], Ledger(reference))
    script = tmp_path / "crashing_run.py"
    script.write_text(CRASHING_RUN, encoding="utf-8")
    for method, after in CRASH_POINTS:
        db = str(tmp_path / f"crash-{method}.db")
        crashed = subprocess.run(
            [sys.executable, str(script), str(feed), db, method, str(after)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        assert crashed.returncode == -signal.SIGKILL, (method, crashed.stderr)
        ledger = Ledger(db)  # opens: nothing half-written
        counts = ledger.counts()
        assert counts["claims"] >= counts["reports"] - 1  # every report came with its claim
        for inc in ledger.incidents():
            assert inc["claim_ids"], "no incident without claims"
        ledger.close()
        again = run([feed], Ledger(db))
        assert not again.errors
        assert _snapshot(db) == _snapshot(reference), method


def test_postgresql_ledger_gives_what_sqlite_gives(pg_url: str, tmp_path: Path) -> None:
    run([FEED], Ledger(pg_url))
    run([FEED], Ledger(str(tmp_path / "civcas.db")))
    assert _snapshot(pg_url) == _snapshot(str(tmp_path / "civcas.db"))
    again = run([FEED], Ledger(pg_url))
    assert again.reports_added == 0


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("ledger") / "civcas.db")
    run([EXAMPLES], Ledger(db))
    return db


def test_ask_who_is_responsible(demo_db: str) -> None:
    runner = CliRunner()
    q = "Who is responsible for the killing of civilians in Hajin on 7 February 2019?"
    done = runner.invoke(cli, ["ask", q, "--db", demo_db])
    assert done.exit_code == 0, done.output
    assert "US-led coalition" in done.output and "denied" in done.output
    assert "believed to belong to" in done.output  # the source's own words
    data = json.loads(runner.invoke(cli, ["ask", q, "--db", demo_db, "--json"]).output)
    assert data["understood"]["since"] <= "2019-02-07" <= data["understood"]["until"]
    assert len(data["incidents"]) == 1
    none = runner.invoke(cli, ["ask", "Who shelled Hajin on 1 May 2015?", "--db", demo_db])
    assert "No incident" in none.output


def test_ask_by_governorate_month_and_in_arabic(demo_db: str) -> None:
    runner = CliRunner()
    wide = runner.invoke(cli, ["ask", "Who killed civilians in Deir ez-Zor in February 2019?",
                               "--db", demo_db, "--json"])
    data = json.loads(wide.output)
    assert data["understood"]["admin1"] == "Deir ez-Zor"
    assert [i["place_std"] for i in data["incidents"]] == ["Hajin"]
    arabic = runner.invoke(cli, ["ask", "من المسؤول عن مقتل المدنيين في هجين يوم 7 شباط 2019؟",
                                 "--db", demo_db, "--json"])
    assert [i["place_std"] for i in json.loads(arabic.output)["incidents"]] == ["Hajin"]


def test_incidents_show_tally(demo_db: str) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["incidents", "--db", demo_db, "--json"])
    records = [json.loads(line) for line in listed.output.splitlines()]
    assert records
    idlib = runner.invoke(cli, ["incidents", "--db", demo_db, "--admin1", "Idlib", "--json"])
    assert all(json.loads(x)["admin1"] == "Idlib" for x in idlib.output.splitlines())
    shown = runner.invoke(cli, ["show", records[0]["id"], "--db", demo_db])
    assert shown.exit_code == 0 and "Source" in shown.output and "←" in shown.output
    missing = runner.invoke(cli, ["show", "inc-nope", "--db", demo_db])
    assert missing.exit_code != 0 and "no incident" in missing.output
    tally = runner.invoke(cli, ["tally", "--by", "perpetrator,admin1,month", "--db", demo_db,
                                "--json"])
    rows = [json.loads(line) for line in tally.output.splitlines()]
    assert sum(r["incidents"] for r in rows) == len(records)
    assert all(r["killed_low"] <= r["killed_high"] for r in rows)
    bad = runner.invoke(cli, ["tally", "--by", "colour", "--db", demo_db])
    assert bad.exit_code != 0


def test_exports(demo_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    claims = tmp_path / "claims.jsonl"
    done = runner.invoke(cli, ["export", "--format", "claims", "-o", str(claims), "--db",
                               demo_db, "--no-names"])
    assert done.exit_code == 0, done.output
    rows = [json.loads(line) for line in claims.read_text(encoding="utf-8").splitlines()]
    linked = [c for r in rows for c in r["incidents"]]
    assert linked and all(c["incident"] for c in linked)
    assert all(not c["victim_names"] for c in linked)
    for fmt in ("incidents", "csv", "geojson", "acled", "ucdp"):
        out = tmp_path / f"out.{fmt}"
        done = runner.invoke(cli, ["export", "--format", fmt, "-o", str(out), "--db", demo_db])
        assert done.exit_code == 0, (fmt, done.output)
        assert out.stat().st_size > 0


def test_bad_items_are_named_and_the_rest_is_stored(tmp_path: Path) -> None:
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    db = str(tmp_path / "civcas.db")
    done = CliRunner().invoke(
        cli, ["run", str(FEED), str(tmp_path / "broken.jsonl"), str(tmp_path / "binary.txt"),
              "--db", db, "-q"],
    )
    assert done.exit_code == 0, done.output
    assert "broken.jsonl" in done.output and "binary.txt" in done.output
    assert Ledger(db).counts()["reports"] == 4  # the feed's reports, all of them


def test_unreachable_database_is_a_readable_error(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        cli, ["incidents", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"]
    )
    assert done.exit_code != 0
    assert "cannot open the ledger" in done.output and "Traceback" not in done.output
