"""Actors named together as the attackers ("regime forces and Russia"): stored with their
evidence, in the incident's attribution table, in the claims export, on both ledgers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from click.testing import CliRunner

from civcas.cli.main import cli
from civcas.extract import extract_report
from civcas.model import Claim, Report
from civcas.run import run
from civcas.store.db import alembic_config, database_url
from civcas.store.ledger import Ledger

TEXT = (
    "قتل ثلاثة مدنيين، بينهم طفل، اليوم الأحد بقصف مدفعي لقوات النظام وروسيا استهدف سوق "
    "بلدة آفس شرقي إدلب."
)


def _report() -> Report:
    return Report(TEXT, id="ar-joint", lang="ar", outlet="Monitor", published=date(2021, 2, 28))


def test_actors_named_together_reach_the_incident(db: str) -> None:
    ledger = Ledger(db)
    run([_report()], ledger)
    [record] = ledger.incidents()
    assert set(record["perpetrators"]) == {"Syrian government", "Russia"}
    [claim] = ledger.claims_of(record["id"])
    assert [c.actor for c in claim.claim.co_perpetrators] == ["Russia"]
    assert claim.claim.co_perpetrators[0].span.of(TEXT) == "وروسيا"
    table = {e["actor"]: e for e in ledger.incident(record["id"])["attribution"]}
    assert table["Russia"]["words"] == table["Syrian government"]["words"]
    # Two belligerents named as the attackers leave open which did the harm: contested.
    assert record["grade"] == "contested"
    assert "several belligerents" in record["grade_reasons"][0]
    # the same input again changes nothing
    before = ledger.incident(record["id"])
    run([_report()], ledger)
    assert ledger.incident(record["id"]) == before
    ledger.close()


def test_claims_export_carries_co_perpetrators_with_evidence(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    run([_report()], Ledger(db))
    out = CliRunner().invoke(cli, ["export", "--format", "claims", "--db", db])
    assert out.exit_code == 0, out.output
    [row] = [json.loads(line) for line in out.output.splitlines() if line.startswith("{")]
    [claim] = row["incidents"]
    assert claim["co_perpetrators"] == ["Russia"]
    start, end = claim["evidence"]["co_perpetrators"][0]
    assert TEXT[start:end] == "وروسيا"
    shown = CliRunner().invoke(cli, ["show", claim["incident"], "--db", db])
    assert "Russia" in shown.output and "Syrian government" in shown.output


def test_a_ledger_from_before_co_perpetrators_is_upgraded(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    engine = sa.create_engine(database_url(db))
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    engine.dispose()
    ledger = Ledger(db)  # upgrades to the newest revision
    run([_report()], ledger)
    [record] = ledger.incidents()
    assert "Russia" in record["perpetrators"]
    ledger.close()


def test_fire_from_the_areas_two_forces_hold_names_both() -> None:
    """"مصدره مناطق سيطرة قسد والنظام": the SDF and the regime, though "سيطرة" alone (areas of
    control, hit) makes a target; a quotation mark between two names joins them still."""
    from civcas.extract import extract_report

    cases = [
        ("قتل مدني بقصف صاروخي مصدره مناطق سيطرة قسد والنظام، طال سوقاً في مدينة الباب",
         ("SDF", ["Syrian government"])),
        ('قتلت امرأة بقصف مشترك من قوات النظام و"قسد" على مخيم في ريف عفرين',
         ("Syrian government", ["SDF"])),
    ]
    for text, (actor, co) in cases:
        (claim,) = extract_report(Report(text, lang="ar")).claims
        assert (claim.perpetrator, [c.actor for c in claim.co_perpetrators]) == (actor, co)


def _claim(text: str) -> Claim:
    (claim,) = extract_report(Report(text, id="t", lang="ar")).claims
    return claim


def test_a_later_account_names_the_partner() -> None:
    """The outlet names the regime; the civil defence, quoted next, the regime and Russia: the
    partner is a co-perpetrator with the words of that account."""
    text = (
        "قتلت امرأة مساء أمس بقصف مدفعي من قبل قوات النظام استهدف قرية كفرلاتا جنوبي إدلب. "
        "وأفاد الدفاع المدني بمقتل امرأة بقصف مدفعي لقوات النظام وروسيا على القرية."
    )
    claim = _claim(text)
    assert claim.perpetrators == ["Syrian government", "Russia"]
    assert claim.co_perpetrators[0].span.of(text) == "وروسيا"


def test_partners_by_their_support_and_alliance() -> None:
    text = (
        "قتل مدني برصاص قوات سوريا الديمقراطية (قسد)، مدعومة بطائرات التحالف الدولي، "
        "خلال مداهمة في بلدة الشحيل."
    )
    assert _claim(text).perpetrators == ["SDF", "US-led coalition"]
    text = "أصيب طفلان بمخلفات قصف سابق لقوات النظام وحليفته روسيا في قرية معرة مصرين."
    assert _claim(text).perpetrators == ["Syrian government", "Russia"]
    text = "استشهد شاب بقصف نفذته ميليشيات أسد والاحتلال الروسي على بلدة البارة."
    assert _claim(text).perpetrators == ["Syrian government", "Russia"]


def test_a_hedged_nationality_names_the_attacker_alleged() -> None:
    claim = _claim("قتل مدنيان بغارة جوية نعتقد أنها روسية على مزرعة قرب بلدة كفرنبل.")
    assert (claim.perpetrator, claim.attribution) == ("Russia", "alleged")


def test_an_attack_named_by_its_nationality_is_the_attacker() -> None:
    """"في قصف إسرائيلي" names the attacker; the force the dead belonged to does not."""
    claim = _claim("مقتل أحد عناصر القوات الرديفة لقوات النظام في قصف إسرائيلي على ريف القنيطرة")
    assert claim.perpetrator == "Israel"
