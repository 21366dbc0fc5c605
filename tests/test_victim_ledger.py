"""Named victims in the ledger: one person across reports, spellings and scripts (Splink on
DuckDB), brothers and neighbours kept apart, the victims command and export, the upgrade of a
ledger made before victims had their own table."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from click.testing import CliRunner

from civcas.assess.victims import reconcile
from civcas.cli.main import cli
from civcas.link.victims import dedupe_victims, victim_settings
from civcas.model import Report, VictimMention
from civcas.run import run
from civcas.store.db import alembic_config, database_url
from civcas.store.ledger import Ledger
from civcas.store.victims import VictimFilter

D = date(2019, 3, 3)


def mention(mid: str, name: str, incident: str = "I1", **more: object) -> VictimMention:
    claim = mid.rsplit("/", 1)[0]
    fields: dict = {"date": D, "lat": 34.69, "lon": 40.83, "admin1": "Deir ez-Zor", **more}
    return VictimMention(mid, claim, name, incident=incident, **fields)


def test_one_person_across_spellings_and_scripts() -> None:
    persons = dedupe_victims([
        mention("a/1/v1", "Yousef Jassim Al-Mu'i"),
        mention("b/1/v1", "يوسف جاسم المعي"),
        mention("c/1/v1", "Yusuf al-Jasim al-Moui"),
    ])
    assert persons.count == 1
    assert len({persons.person_of[m] for m in ("a/1/v1", "b/1/v1", "c/1/v1")}) == 1
    link = persons.links[0]
    assert link.score >= victim_settings().threshold
    assert any(k.startswith("given: same given name") for k in link.reasons)
    assert any(k.startswith("incident: same incident") for k in link.reasons)


def test_brothers_namesakes_and_lists_stay_apart() -> None:
    persons = dedupe_victims([
        # brothers: same father and family name, in two reports of one incident
        mention("a/1/v1", "Yousef Jassim Al-Mu'i"),
        mention("b/1/v1", "Ahmad Jassim Al-Mu'i"),
        # namesakes: a common name in another governorate, a year later
        mention("c/1/v1", "Mohammed Ali Hasan", incident="I2"),
        mention("d/1/v1", "Mohammed Ali Hasan", incident="I3", date=date(2020, 5, 1),
                lat=36.2, lon=37.1, admin1="Aleppo"),
        # two people listed side by side in one report
        mention("e/1/v1", "Omar Khalaf", incident="I4"),
        mention("e/1/v2", "Omar Khalaf", incident="I4"),
    ])
    assert persons.count == 6


def test_sex_and_age_weigh_against() -> None:
    persons = dedupe_victims([
        mention("a/1/v1", "Noor Hassan Al-Khalil", sex="female", age=7),
        mention("b/1/v1", "Nour Hasan al-Khalil", sex="male", age=45),
    ])
    assert persons.count == 2


def test_reconciliation_text() -> None:
    rec = reconcile({"killed": {"low": 21, "high": 21}}, named=6, implied=[3])
    assert rec.text.startswith("21 killed, 6 named, 15 unnamed")
    wide = reconcile({"killed": {"low": 20, "high": 25}}, named=6)
    assert (wide.unnamed_low, wide.unnamed_high) == (14, 19)
    assert reconcile({}, named=2).text == "no toll given, 2 named"
    assert reconcile({"killed": {"low": 1, "high": 1}}, named=3).named_exceed_toll


EN = (
    "Airstrike kills five civilians in Hajin\n\n"
    "An airstrike killed five civilians in the town of Hajin on 3 March 2019, a local monitor "
    "said. The victims were identified as Yousef Jassim Al-Mu'i, Ahmad Jassim Al-Mu'i and "
    "Fatima Khalaf Al-Saleh."
)
AR = (
    "مقتل خمسة مدنيين بغارة جوية على بلدة هجين\n\n"
    "قتل خمسة مدنيين يوم 3 آذار 2019 جراء غارة جوية استهدفت بلدة هجين بريف دير الزور الشرقي، "
    "والضحايا هم: يوسف جاسم المعي وأحمد جاسم المعي."
)
EN2 = (
    "Five civilians were killed when warplanes struck Hajin on 3 March 2019. Among the dead: "
    "Yusuf al-Jasim al-Moui."
)


def _reports() -> list[Report]:
    return [
        Report(text=EN, id="en-1", lang="en", outlet="Monitor A", published=date(2019, 3, 4)),
        Report(text=AR, id="ar-1", lang="ar", outlet="Monitor B", published=date(2019, 3, 4)),
        Report(text=EN2, id="en-2", lang="en", outlet="Wire", published=date(2019, 3, 5)),
    ]


@pytest.fixture
def victims_db(db: str) -> str:
    run(_reports(), Ledger(db))
    return db


def test_run_deduplicates_victims(victims_db: str) -> None:
    ledger = Ledger(victims_db)
    persons = ledger.persons()
    names = {p["name"]: p for p in persons}
    yousef = [p for p in persons if "يوسف جاسم المعي" in p["spellings"]]
    assert len(yousef) == 1 and len(yousef[0]["reports"]) == 3, persons
    assert {"Yousef Jassim Al-Mu'i", "Yusuf al-Jasim al-Moui"} <= set(yousef[0]["spellings"])
    assert len(persons) == 3, names  # Yousef, his brother Ahmad, Fatima
    quote = yousef[0]["mentions"][0]
    assert quote["quote"] == quote["name"]  # the evidence points at the name as written
    # re-running the same input changes nothing, not even the history
    history = len(ledger.history())
    again = run(_reports(), Ledger(victims_db))
    assert again.victims_changed == 0 and len(Ledger(victims_db).history()) == history


def test_victims_command(victims_db: str) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["victims", "--db", victims_db])
    assert listed.exit_code == 0, listed.output
    assert "Fatima Khalaf Al-Saleh" in listed.output
    # a name searched in Arabic finds the Latin spellings and back
    found = runner.invoke(cli, ["victims", "--name", "يوسف المعي", "--db", victims_db, "--json"])
    people = [json.loads(line) for line in found.output.splitlines()]
    assert len(people) == 1 and "Yousef Jassim Al-Mu'i" in people[0]["spellings"]
    latin = runner.invoke(cli, ["victims", "--name", "Fatma", "--db", victims_db, "--json"])
    assert [json.loads(x)["name"] for x in latin.output.splitlines()] == [
        "Fatima Khalaf Al-Saleh"
    ]
    incident = people[0]["incidents"][0]
    one = runner.invoke(cli, ["victims", "--incident", incident, "--links", "--db", victims_db])
    assert "5 killed, 3 named, 2 unnamed" in one.output, one.output
    assert "same given name" in one.output  # why the mentions were joined
    shown = runner.invoke(cli, ["show", incident, "--db", victims_db])
    assert "3 named" in shown.output
    missing = runner.invoke(cli, ["victims", "--incident", "inc-nope", "--db", victims_db])
    assert missing.exit_code != 0 and "no incident" in missing.output


def test_victims_export_with_and_without_names(victims_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "victims.csv"
    done = runner.invoke(cli, ["export", "--format", "victims", "-o", str(out), "--db",
                               victims_db])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 3
    yousef = next(r for r in rows if "يوسف جاسم المعي" in r["spellings"])
    assert yousef["reports"].count(";") == 2 and yousef["given"]
    bare = tmp_path / "bare.csv"
    done = runner.invoke(cli, ["export", "--format", "victims", "--no-names", "-o", str(bare),
                               "--db", victims_db])
    assert done.exit_code == 0, done.output
    text = bare.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3 and "name" not in rows[0] and rows[0]["person"]
    for word in ("Yousef", "يوسف", "Fatima", "Al-Saleh", "Jassim"):
        assert word not in text


def test_filters(victims_db: str) -> None:
    ledger = Ledger(victims_db)
    assert len(ledger.persons(VictimFilter(place="Hajin"))) == 3
    assert ledger.persons(VictimFilter(place="Saraqib")) == []
    assert ledger.persons(VictimFilter(since=date(2019, 4, 1))) == []
    assert len(ledger.persons(VictimFilter(admin1="Deir ez-Zor"))) == 3


def test_a_ledger_from_before_victims_is_upgraded(tmp_path: Path) -> None:
    """Names stored in claims by the first schema become mention rows, then persons."""
    db = str(tmp_path / "old.db")
    engine = sa.create_engine(database_url(db))
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(sa.text(
            "INSERT INTO reports (id, hash, text, added_at) VALUES ('r', 'h', :t, '2026-01-01')"
        ), {"t": "Killed: Ali Hasan Khalaf."})
        conn.execute(sa.text(
            "INSERT INTO claims (id, report_id, seq, victim_names, evidence) VALUES "
            "('r/1', 'r', 1, :names, :evidence)"
        ), {"names": json.dumps(["Ali Hasan Khalaf"]),
            "evidence": json.dumps({"victim_names": [[8, 24]]})})
    engine.dispose()
    ledger = Ledger(db)
    mentions = ledger.victim_mentions()
    assert [(m.id, m.name) for m in mentions] == [("r/1/v1", "Ali Hasan Khalaf")]
    assert ledger.persons()[0]["mentions"][0]["quote"] == "Ali Hasan Khalaf"


def test_clusters_join_strongest_pairs_first_and_never_two_people_of_one_list() -> None:
    from civcas.link.victims import Link, _cluster

    claim_of = {"a/1/v1": "a/1", "a/1/v2": "a/1", "b/1/v1": "b/1", "c/1/v1": "c/1"}
    # b/1/v1 is alike both people of list a/1: it joins the stronger, and the weaker pair
    # would put the two people of one list together, so it is not followed
    links = [
        Link("a/1/v1", "b/1/v1", 5.0, {}),
        Link("a/1/v2", "b/1/v1", 9.0, {}),
        Link("b/1/v1", "c/1/v1", 4.0, {}),
    ]
    person = _cluster(claim_of, links)
    assert person["a/1/v2"] == person["b/1/v1"] == person["c/1/v1"]
    assert person["a/1/v1"] != person["a/1/v2"]
    assert len(set(person.values())) == 2


def test_given_and_fathers_name_alone_are_compared_within_a_governorate_and_year() -> None:
    """Different family names meet only through the given and father's name: that rule is
    bounded by governorate and year, so that a common pair is not compared country-wide."""
    every_pair = victim_settings().with_threshold(-100.0)

    def compared(**where: object) -> bool:
        persons = dedupe_victims([
            mention("a/1/v1", "Khalid Hamad Al-Saleh", incident="I1"),
            mention("b/1/v1", "Khaled Hamad Al-Salhi", incident="I2", **where),
        ], every_pair)
        return bool(persons.links)

    assert compared(date=date(2019, 3, 4))
    assert not compared(date=date(2019, 3, 4), admin1="Aleppo", lat=36.2, lon=37.1)
    assert not compared(date=date(2020, 3, 4))
