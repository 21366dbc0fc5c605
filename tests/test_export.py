"""Export writers: every format writes parseable output with its columns, from made-up incidents
built with the model (so the record shape stays that of `Assessment.to_dict()`)."""

from __future__ import annotations

import ast
import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import civcas.export
from civcas.export import FLAT_COLUMNS, FORMATS, WriteResult, write
from civcas.export.acled import COLUMNS as ACLED_COLUMNS
from civcas.export.ucdp import COLUMNS as UCDP_COLUMNS
from civcas.export.ucdp import priogrid_gid
from civcas.model import Assessment, AttributionEntry, Claim, CountRange, Span


def baghuz() -> dict[str, Any]:
    """A coalition airstrike with a range of deaths, two outlets and an Arabic report."""
    return Assessment(
        incident_id="inc-1",
        date=date(2019, 1, 18),
        date_end=date(2019, 1, 18),
        date_precision="day",
        place="الباغوز",
        place_std="Al-Baghuz",
        admin1="Deir ez-Zor",
        country="SY",
        lat=34.4552,
        lon=40.9394,
        geo_precision="exact",
        event_type="airstrike",
        perpetrators=["US-led coalition", "Russia"],
        attribution=[
            AttributionEntry("US-led coalition", "alleged", "r1/0", "r1", "SOHR", "believed to"),
            AttributionEntry("US-led coalition", "asserted", "r2/0", "r2", "عنب بلدي", "طيران"),
            AttributionEntry("US-led coalition", "alleged", "r3/0", "r3", "SOHR", None),
            AttributionEntry("Russia", "alleged", "r3/0", "r3", "SOHR", None, Span(3, 9)),
        ],
        counts={
            "killed": CountRange(20, 22, 25, 3),
            "civilians_killed": CountRange(20, 20, 20, 2),
            "children_killed": CountRange(4, 4, 4, 1),
        },
        sources=3,
        independent_sources=2,
        contradictions=["killed: 20 vs 25"],
        grade="fair",
        grade_reasons=["two independent sources"],
        report_ids=["r1", "r2", "r3"],
        claim_ids=["r1/0", "r2/0", "r3/0"],
    ).to_dict()


def unlocated() -> dict[str, Any]:
    """Shelling known only by governorate, month-precise, no coordinates, unknown perpetrator."""
    return Assessment(
        incident_id="inc-2",
        date=date(2018, 11, 1),
        date_precision="month",
        admin1="Idlib",
        country="SY",
        geo_precision="governorate",
        event_type="shelling",
        perpetrators=["unknown"],
        counts={"civilians_killed": CountRange(5, 5, 7, 2)},
        sources=2,
        independent_sources=1,
        grade="weak",
        report_ids=["r4", "r5"],
    ).to_dict()


def mosul() -> dict[str, Any]:
    """An execution in Iraq by ISIS: ACLED's "(Syria)" suffix becomes "(Iraq)"."""
    return Assessment(
        incident_id="inc-3",
        date=date(2017, 3, 2),
        date_end=date(2017, 3, 5),
        date_precision="day",
        place_std="Mosul",
        admin1="Ninawa",
        country="IQ",
        lat=36.335,
        lon=43.119,
        geo_precision="district",
        event_type="execution",
        perpetrators=["ISIS"],
        attribution=[AttributionEntry("ISIS", "claimed", "r6/0", "r6", "Amaq", "claimed")],
        counts={"killed": CountRange(1, 1, 1, 1)},
        sources=1,
        independent_sources=1,
        report_ids=["r6"],
    ).to_dict()


RECORDS = [baghuz, unlocated, mosul]


def records() -> list[dict[str, Any]]:
    return [make() for make in RECORDS]


def export(fmt: str, items: list[Any], **options: Any) -> tuple[str, WriteResult]:
    out = io.StringIO(newline="")
    result = write(fmt, items, out, **options)
    return out.getvalue(), result


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_registry_lists_every_format_with_a_description() -> None:
    assert set(FORMATS) == {"claims", "incidents", "csv", "geojson", "acled", "ucdp", "victims"}
    for name, fmt in FORMATS.items():
        assert fmt.description and "\n" not in fmt.description, name
    assert FORMATS["claims"].options == ("names",)
    assert FORMATS["csv"].options == ()


def test_unknown_format_and_option_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export("xlsx", records())
    with pytest.raises(TypeError, match="colour"):
        export("csv", records(), colour="red")


def test_options_of_other_formats_are_ignored() -> None:
    text, result = export("csv", records(), names=False)
    assert result.written == 3


def claim(names: list[str]) -> dict[str, Any]:
    c = Claim(place="الباغوز", event_type="airstrike")
    c.evidence["place"] = Span(0, 7)
    for i, name in enumerate(names):
        c.add_victim(name, Span(10 + 20 * i, 20 + 20 * i))
    return c.to_dict() | {"incident": "inc-1"}


def report_claims() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    return [
        ({"id": "r1", "lang": "ar"}, [claim(["خالد حمد الصالح", "Mahmoud Ali"])]),
        ({"id": "r2", "lang": "en"}, []),
    ]


def test_claims_are_contract_3_lines() -> None:
    text, result = export("claims", report_claims())
    lines = [json.loads(line) for line in text.splitlines()]
    assert result.written == 2 and [x["id"] for x in lines] == ["r1", "r2"]
    assert set(lines[0]) == {"id", "lang", "incidents"}
    (first,) = lines[0]["incidents"]
    assert first["incident"] == "inc-1"
    assert first["victim_names"] == ["خالد حمد الصالح", "Mahmoud Ali"]
    assert "خالد" in text  # UTF-8, not \u escapes
    assert lines[1]["incidents"] == []


def test_claims_without_names() -> None:
    text, _ = export("claims", report_claims(), names=False)
    (first,) = json.loads(text.splitlines()[0])["incidents"]
    assert first["victim_names"] == []
    assert "victim_names" not in first["evidence"] and first["evidence"]["place"] == [0, 7]
    assert "خالد" not in text and "Mahmoud" not in text
    assert first["place"] == "الباغوز"


def test_incidents_round_trip() -> None:
    text, result = export("incidents", records())
    assert result.written == 3
    assert [json.loads(line) for line in text.splitlines()] == records()
    assert "الباغوز" in text


def test_csv_round_trips_through_dictreader() -> None:
    text, result = export("csv", records())
    table = rows(text)
    assert result.written == 3 and len(table) == 3
    assert tuple(table[0]) == FLAT_COLUMNS
    first = table[0]
    assert first["place"] == "الباغوز" and first["place_std"] == "Al-Baghuz"
    assert first["perpetrators"] == "US-led coalition; Russia"
    assert first["attributions"] == "US-led coalition: asserted 1, alleged 2; Russia: alleged 1"
    assert (first["killed_low"], first["killed_best"], first["killed_high"]) == ("20", "22", "25")
    assert first["civilians_killed_best"] == "20" and first["injured_low"] == ""
    assert first["report_ids"] == "r1; r2; r3"
    assert first["contradictions"] == "killed: 20 vs 25"
    assert float(first["lat"]) == pytest.approx(34.4552)
    assert table[1]["lat"] == "" and table[1]["attributions"] == ""


def test_geojson_points_lon_lat_and_skips_unlocated() -> None:
    text, result = export("geojson", records())
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert (result.written, result.skipped, result.reason) == (2, 1, "no coordinates")
    ids = [f["id"] for f in data["features"]]
    assert ids == ["inc-1", "inc-3"]
    first = data["features"][0]
    assert first["type"] == "Feature" and first["geometry"]["type"] == "Point"
    assert first["geometry"]["coordinates"] == [40.9394, 34.4552]  # [lon, lat]
    assert set(first["properties"]) == set(FLAT_COLUMNS)
    assert first["properties"]["killed_best"] == 22 and first["properties"]["place"] == "الباغوز"


def test_geojson_of_nothing_is_an_empty_collection() -> None:
    text, result = export("geojson", [unlocated()])
    assert json.loads(text) == {"type": "FeatureCollection", "features": []}
    assert (result.written, result.skipped) == (0, 1)


def test_acled_columns_and_codes() -> None:
    text, result = export("acled", records(), timestamp=1700000000)
    table = rows(text)
    assert result.written == 3 and tuple(table[0]) == ACLED_COLUMNS
    first, second, third = table
    assert first["event_date"] == "18 January 2019" and first["year"] == "2019"
    assert first["time_precision"] == "1"
    assert (first["disorder_type"], first["event_type"], first["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Air/drone strike",
    )  # fmt: skip
    assert first["actor1"] == "Global Coalition Against Daesh"
    assert (first["inter1"], first["actor2"], first["inter2"]) == ("8", "Civilians (Syria)", "7")
    assert first["interaction"] == "78"
    assert first["civilian_targeting"] == "Civilian targeting"
    assert (first["iso"], first["region"], first["country"]) == ("760", "Middle East", "Syria")
    assert (first["location"], first["geo_precision"]) == ("Al-Baghuz", "1")
    assert first["source"] == "SOHR; عنب بلدي"
    assert first["fatalities"] == "22" and first["timestamp"] == "1700000000"
    assert "also attributed to Russia" in first["tags"]
    assert first["notes"] == (
        "On 18 January 2019, in Al-Baghuz (Deir ez-Zor), an airstrike attributed to US-led"
        " coalition (asserted 1, alleged 2) killed 20-25 people, including 20 civilians."
    )
    assert second["sub_event_type"] == "Shelling/artillery/missile attack"
    assert second["actor1"] == "Unidentified Armed Group (Syria)" and second["inter1"] == "3"
    assert (second["time_precision"], second["geo_precision"]) == ("3", "3")
    assert second["fatalities"] == "5"
    assert second["notes"] == (
        "In November 2018, in Idlib, shelling by an unidentified perpetrator killed 5-7 civilians."
    )
    assert third["notes"] == (
        "Between 2 March 2017 and 5 March 2017, in Mosul (Ninawa), an execution attributed to"
        " ISIS (claimed 1) killed 1 person."
    )
    assert third["event_type"] == "Violence against civilians"
    assert third["sub_event_type"] == "Attack"
    assert third["actor1"] == "Islamic State (Iraq)" and third["inter1"] == "2"
    assert (third["country"], third["iso"], third["time_precision"]) == ("Iraq", "368", "2")
    assert third["civilian_targeting"] == "" and third["actor2"] == "Civilians (Iraq)"


def test_acled_state_forces_at_home() -> None:
    record = mosul() | {"perpetrators": ["Iraqi forces"]}
    (row,) = rows(export("acled", [record], timestamp=0)[0])
    assert (row["inter1"], row["interaction"]) == ("1", "17")


def test_priogrid_cells() -> None:
    assert priogrid_gid(-89.9, -179.9) == 1
    assert priogrid_gid(-89.9, 179.9) == 720
    assert priogrid_gid(89.9, 179.9) == 259200
    # Al-Baghuz: row floor(124.4552 / 0.5) = 248, col floor(220.9394 / 0.5) = 441
    assert priogrid_gid(34.4552, 40.9394) == 248 * 720 + 441 + 1


def test_ucdp_columns_and_codes() -> None:
    text, result = export("ucdp", records())
    table = rows(text)
    assert result.written == 3 and tuple(table[0]) == UCDP_COLUMNS
    first, second, third = table
    assert {r["type_of_violence"] for r in table} == {"3"}
    assert first["priogrid_gid"] == str(248 * 720 + 441 + 1)
    assert first["geom_wkt"] == "POINT (40.9394 34.4552)"
    usa = "Government of United States of America"
    assert (first["side_a"], first["side_b"]) == (usa, "Civilians")
    assert first["dyad_name"] == f"{usa} - civilians"
    assert (first["country"], first["country_id"]) == ("Syria", "652")
    assert first["region"] == "Middle East"
    assert (first["adm_1"], first["where_prec"], first["where_description"]) == (
        "Deir ez-Zor governorate", "1", "الباغوز",
    )  # fmt: skip
    assert (first["date_start"], first["date_end"], first["date_prec"]) == (
        "2019-01-18", "2019-01-18", "1",
    )  # fmt: skip
    assert (first["low"], first["best"], first["high"]) == ("20", "22", "25")
    assert (first["deaths_civilians"], first["deaths_unknown"]) == ("20", "2")
    assert first["deaths_a"] == first["deaths_b"] == "0"
    assert first["event_clarity"] == "1" and first["source_article"] == "r1; r2; r3"
    assert (second["geom_wkt"], second["priogrid_gid"], second["where_prec"]) == ("", "", "4")
    assert (second["date_prec"], second["event_clarity"], second["side_a"]) == ("4", "2", "unknown")
    assert (second["best"], second["deaths_civilians"], second["high"]) == ("5", "5", "7")
    assert (third["country_id"], third["adm_1"]) == ("645", "Ninawa province")
    assert third["date_prec"] == "2"
    assert (third["deaths_civilians"], third["deaths_unknown"], third["best"]) == ("0", "1", "1")


def test_ucdp_unknown_counts_stay_empty() -> None:
    record = mosul() | {"counts": {}}
    (row,) = rows(export("ucdp", [record])[0])
    assert row["best"] == row["low"] == row["deaths_civilians"] == ""


def test_writers_accept_no_records() -> None:
    for name in FORMATS:
        text, result = export(name, [])
        assert result.written == 0, name
        if name in ("csv", "acled", "ucdp"):
            assert rows(text) == [] and text.startswith(("id,", "event_id_cnty,")), name


def test_export_imports_only_model_and_knowledge() -> None:
    """The writers are pure: no store, no CLI, no pipeline stage."""
    allowed = ("civcas.model", "civcas.knowledge", "civcas.export")
    for path in Path(civcas.export.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            bad = [n for n in names if n.startswith("civcas") and not n.startswith(allowed)]
            assert not bad, (path.name, bad)
