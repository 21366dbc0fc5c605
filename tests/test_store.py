"""The ledger's storage on SQLite and PostgreSQL: reports once, claims with evidence, links,
assessments, append-only history, migrations in step with the models."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from civcas.model import Assessment, Claim, CountRange, Extraction, Link, Report, Span
from civcas.store.db import database_url
from civcas.store.ledger import IncidentFilter, Ledger, ReportClash
from civcas.store.schema import Base

TEXT = (
    "Shelling killed 4 civilians in Kafr Nabl on 3 March 2020, the civil defence said. "
    "Regime forces were blamed."
)


def _extraction(rid: str = "r1", text: str = TEXT) -> Extraction:
    claim = Claim()
    claim.set("date", date(2020, 3, 3), Span(text.index("3 March"), text.index("3 March") + 12))
    claim.set("place", "Kafr Nabl", Span(text.index("Kafr"), text.index("Kafr") + 9))
    claim.set("killed_min", 4, Span(16, 17))
    claim.add_victim("Ali Hasan", Span(0, 8))
    return Extraction(
        report=Report(text=text, id=rid, outlet="Monitor", published=date(2020, 3, 4)),
        lang="en",
        claims=[claim],
    )


def test_database_url() -> None:
    assert database_url("x/ledger.db").startswith("sqlite:///")
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///:memory:") == "sqlite:///:memory:"


def test_migrations_match_the_models(db: str) -> None:
    """Alembic's migrations build exactly the tables the models describe (no drift)."""
    ledger = Ledger(db)
    with ledger.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_reports_are_stored_once(db: str) -> None:
    ledger = Ledger(db)
    ids = ledger.add_extraction(_extraction())
    assert ids == ["r1/1"]
    assert ledger.add_extraction(_extraction()) == []  # the same report again: nothing
    with pytest.raises(ReportClash, match="different text"):
        ledger.add_extraction(_extraction(text=TEXT + " Updated."))
    assert ledger.counts()["reports"] == 1


def test_claims_keep_values_and_evidence(db: str) -> None:
    ledger = Ledger(db)
    ledger.add_extraction(_extraction())
    (sourced,) = ledger.pending_claims()
    assert sourced.id == "r1/1" and sourced.report.outlet == "Monitor"
    claim = sourced.claim
    assert claim.date == date(2020, 3, 3) and claim.killed_min == 4
    assert claim.evidence["place"].of(sourced.report.text) == "Kafr Nabl"
    assert claim.victim_names == ["Ali Hasan"] and claim.victim_evidence == [Span(0, 8)]


def test_links_incidents_and_assessments(db: str) -> None:
    ledger = Ledger(db)
    ledger.add_extraction(_extraction("r1"))
    ledger.add_extraction(_extraction("r2", TEXT + " More later."))
    link = Link("r1/1", "r2/1", 9.5, {"date": 3.0, "place": 6.5})
    touched = ledger.apply_links({"r1/1": "inc-a", "r2/1": "inc-a"}, [link])
    assert touched == {"inc-a"} and ledger.pending_claims() == []
    assert ledger.incidents_to_assess() == ["inc-a"]
    assert [c.id for c in ledger.claims_of("inc-a")] == ["r1/1", "r2/1"]
    assert ledger.links_of(["r1/1", "r2/1"])[0].reasons == {"date": 3.0, "place": 6.5}

    assessment = Assessment(
        incident_id="inc-a", date=date(2020, 3, 3), place="Kafr Nabl", admin1="Idlib",
        perpetrators=["Syrian government"], counts={"killed": CountRange(4, 4, 4, 2)},
        grade="fair", sources=2, independent_sources=2,
    )
    assert ledger.save_assessment(assessment) is True
    assert ledger.save_assessment(assessment) is False  # unchanged: no write, no history
    assert ledger.incidents_to_assess() == []
    (record,) = ledger.incidents(IncidentFilter(admin1="idlib", perpetrator="syrian"))
    assert record["grade"] == "fair" and record["counts"]["killed"]["low"] == 4
    assert ledger.incidents(IncidentFilter(grade="weak")) == []
    assert ledger.incidents(IncidentFilter(since=date(2020, 3, 4))) == []

    # a merge keeps the old id answering with the incident it went into
    ledger.add_extraction(_extraction("r3", TEXT + " Third."))
    ledger.apply_links({"r3/1": "inc-b"}, [])
    ledger.apply_links({}, [], merged=[("inc-b", "inc-a")])
    assert [c.id for c in ledger.claims_of("inc-a")] == ["r1/1", "r2/1", "r3/1"]
    assert ledger.incident("inc-b") == ledger.incident("inc-a")
    actions = [h["action"] for h in ledger.history()]
    assert actions.count("added") == 3 and "merged" in actions and "assessed" in actions


def test_history_is_append_only(sqlite_path: str) -> None:
    ledger = Ledger(sqlite_path)
    ledger.add_extraction(_extraction())
    before = ledger.history()
    ledger.apply_links({"r1/1": "inc-x"}, [])
    after = ledger.history()
    assert after[: len(before)] == before and len(after) > len(before)


def test_export_rows_carry_incident_ids(sqlite_path: str) -> None:
    ledger = Ledger(sqlite_path)
    ledger.add_extraction(_extraction())
    ledger.apply_links({"r1/1": "inc-x"}, [])
    ((report, claims),) = list(ledger.reports_with_claims())
    assert report["id"] == "r1" and report["lang"] == "en"
    assert claims[0]["incident"] == "inc-x" and claims[0]["evidence"]["killed_min"] == [16, 17]


def test_neighbours_are_the_claims_new_ones_could_pair_with(sqlite_path: str) -> None:
    ledger = Ledger(sqlite_path)
    for rid, day, admin1 in (("a", date(2020, 3, 3), "Idlib"), ("b", date(2020, 6, 1), "Idlib"),
                             ("c", None, "Idlib"), ("d", None, "Aleppo")):
        extraction = _extraction(rid, f"{TEXT} {rid}")
        claim = extraction.claims[0]
        claim.date, claim.admin1 = day, admin1
        ledger.add_extraction(extraction)
        ledger.apply_links({f"{rid}/1": f"inc-{rid}"}, [])

    def ids(*args: object, **kwargs: object) -> list[str]:
        return [c.id for c in ledger.neighbours(*args, **kwargs)]  # type: ignore[arg-type]

    march = [(date(2020, 3, 1), date(2020, 3, 5))]
    assert ids(march, []) == ["a/1"]
    assert ids(march, ["Idlib"]) == ["a/1", "c/1"]  # undated ones of the governorate too
    assert ids([], ["Idlib"], whole_governorates=True) == ["a/1", "b/1", "c/1"]
    assert ids([], [], whole_governorates=True) == ["c/1", "d/1"]
