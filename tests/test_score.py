"""The scorer behind `civcas eval`, on small reports and incidents written for these tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.evaluate import (
    admin1_canonical,
    admin1_right,
    bcubed,
    date_right,
    format_scores,
    match_incidents,
    normalise_name,
    place_right,
    places_equal,
    score,
)

GOLD_FILE = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "dev" / "gold.jsonl"


def incident(**values: Any) -> dict[str, Any]:
    """A gold-shaped incident: every field present, null unless given."""
    base: dict[str, Any] = {
        "cluster": None, "date": None, "date_precision": None, "place": None,
        "place_std": None, "admin1": None, "country": None, "event_type": None,
        "perpetrator": None, "attribution": None, "perpetrator_evidence": None,
        "killed_min": None, "killed_max": None, "civilians_killed_min": None,
        "children_killed_min": None, "women_killed_min": None, "injured_min": None,
        "victim_names": [],
    }
    base.update(values)
    return base


MARKET = incident(
    cluster="kafr-test-2019-03-02", date="2019-03-02", date_precision="day",
    place="Kafr Test", place_std="Kafr Test", admin1="Idlib", country="SY",
    event_type="airstrike", perpetrator="Russia", attribution="alleged",
    perpetrator_evidence="jets thought to be Russian", killed_min=7, killed_max=7,
    civilians_killed_min=7, children_killed_min=2, victim_names=["Omar Test-Name", "Huda Sample"],
)
BRIDGE = incident(
    cluster="tal-sample-2019-03-05", date="2019-03-05", date_precision="day",
    place="Tal Sample", place_std="Tal Sample", admin1="Idlib", country="SY",
    event_type="shelling", perpetrator="Syrian government", attribution="asserted",
    killed_min=3, killed_max=None, injured_min=10,
)


def report(rid: str, incidents: list[dict[str, Any]], lang: str = "en") -> dict[str, Any]:
    return {"id": rid, "lang": lang, "text": "written for the test", "incidents": incidents}


def pred_of(row: dict[str, Any]) -> dict[str, Any]:
    """The gold row as a prediction (contract 2), deep-copied so tests can change it."""
    return {"id": row["id"], "lang": row["lang"], "incidents": copy.deepcopy(row["incidents"])}


GOLD = [
    report("r1", [MARKET, BRIDGE]),
    report("r2", []),
    report("r3", [incident(**{**MARKET, "place": "كفر تست", "victim_names": []})], lang="ar"),
]


# --------------------------------------------------------------------------------------------
# whole-file figures
# --------------------------------------------------------------------------------------------


def test_perfect_prediction_scores_one() -> None:
    s = score(GOLD, [pred_of(r) for r in GOLD])
    assert s.detection.f1 == 1.0
    for name, fs in s.fields.items():
        if fs.support:
            assert fs.f1 == 1.0, name
        assert fs.accuracy == 1.0, name
    assert s.reports == 3 and s.gold_incidents == 3 and s.matched == 3
    assert s.linking is None  # no predicted incident ids
    assert s.missing_report_ids == [] and s.unknown_pred_ids == []
    json.dumps(s.to_dict())  # JSON-ready


def test_missing_incident_lowers_recall_only() -> None:
    pred = [pred_of(r) for r in GOLD]
    del pred[0]["incidents"][1]
    s = score(GOLD, pred)
    assert s.detection.tp == 2 and s.detection.fn == 1 and s.detection.fp == 0
    assert s.detection.precision == 1.0
    assert s.detection.recall == pytest.approx(2 / 3)


def test_extra_incident_on_negative_report_lowers_precision() -> None:
    pred = [pred_of(r) for r in GOLD]
    pred[1]["incidents"] = [incident(date="2019-03-02", killed_min=4)]
    s = score(GOLD, pred)
    assert s.detection.fp == 1 and s.detection.fn == 0
    assert s.detection.precision == pytest.approx(3 / 4)
    assert s.detection.recall == 1.0
    assert s.negative_reports == 1 and s.negative_reports_with_predictions == 1


def test_missing_and_unknown_reports_are_listed() -> None:
    pred = [pred_of(GOLD[0]), pred_of(GOLD[1]), {"id": "zz", "lang": "en", "incidents": []}]
    s = score(GOLD, pred)
    assert s.missing_report_ids == ["r3"]
    assert s.unknown_pred_ids == ["zz"]
    assert s.detection.fn == 1
    text = format_scores(s)
    assert "r3" in text and "zz" in text


def test_duplicate_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="r1"):
        score([GOLD[0], GOLD[0]], [])


# --------------------------------------------------------------------------------------------
# per-field counting
# --------------------------------------------------------------------------------------------


def test_field_counting_rules() -> None:
    gold = [report("a", [incident(killed_min=5, killed_max=None, injured_min=None,
                                  civilians_killed_min=5, event_type="airstrike")])]
    pred = [{"id": "a", "lang": "en", "incidents": [
        incident(killed_min=6, killed_max=9, injured_min=None, civilians_killed_min=None,
                 event_type="airstrike")]}]
    f = score(gold, pred).fields
    # wrong value: costs precision and recall
    assert (f["killed_min"].tp, f["killed_min"].fp, f["killed_min"].fn) == (0, 1, 1)
    # predicted where gold is null: precision only
    assert (f["killed_max"].tp, f["killed_max"].fp, f["killed_max"].fn) == (0, 1, 0)
    assert f["killed_max"].recall is None and f["killed_max"].precision == 0.0
    # gold value not predicted: recall only
    assert (f["civilians_killed_min"].fp, f["civilians_killed_min"].fn) == (0, 1)
    # both null: nothing to count, right for accuracy
    assert f["injured_min"].support == 0 and f["injured_min"].accuracy == 1.0
    assert f["event_type"].f1 == 1.0


def test_perpetrator_attribution_pair() -> None:
    gold = [report("a", [incident(perpetrator="Russia", attribution="alleged", killed_min=2)])]
    pred = [{"id": "a", "lang": "en", "incidents": [
        incident(perpetrator="Russia", attribution="asserted", killed_min=2)]}]
    f = score(gold, pred).fields
    assert f["perpetrator"].f1 == 1.0
    assert f["attribution"].f1 == 0.0
    assert f["perpetrator+attribution"].tp == 0 and f["perpetrator+attribution"].fn == 1


def test_victim_names_scored_per_name() -> None:
    gold = [report("a", [incident(killed_min=3, victim_names=[
        "Ahmad Al-Sample", "Asmaa’ Test", "Yousef Example"])])]
    pred = [{"id": "a", "lang": "en", "incidents": [incident(killed_min=3, victim_names=[
        "ahmad al sample", "Asmaa' Test", "Nobody Else"])]}]
    vn = score(gold, pred).fields["victim_names"]
    assert (vn.tp, vn.fp, vn.fn) == (2, 1, 1)
    assert normalise_name("Asmaa’  Test") == normalise_name("asmaaʼ test")
    assert normalise_name("Al-Mu`i") == normalise_name("al mu'i")


@pytest.mark.parametrize(
    ("gold", "pred", "precision", "right"),
    [
        ("2019-01-18", "2019-01-18", "day", True),
        ("2019-01-18", "2019-01-19", "day", False),
        ("2019-01-18", "2019-01", "day", False),
        ("2019-01-18", "2019-01-18T10:00:00", None, True),  # no precision: a day
        ("2019-01-16", "2019-01-20", "week", True),  # Wed and Sun of ISO week 3
        ("2019-01-20", "2019-01-23", "week", True),  # other weeks, 3 days apart
        ("2019-01-20", "2019-01-24", "week", False),  # other weeks, 4 days apart
        ("2019-01-18", "2019-01-02", "month", True),
        ("2019-01-18", "2019-01", "month", True),
        ("2019-01-18", "2019-02-01", "month", False),
        ("2019-01-18", "2019-12-31", "year", True),
        ("2019-01-18", "2018-12-31", "year", False),
    ],
)
def test_date_at_gold_precision(gold: str, pred: str, precision: str | None, right: bool) -> None:
    assert date_right(gold, pred, precision) is right


def test_date_field_uses_gold_precision() -> None:
    gold = [report("a", [incident(date="2019-01-16", date_precision="week", killed_min=4)])]
    pred = [{"id": "a", "lang": "en", "incidents": [
        incident(date="2019-01-19", date_precision="day", killed_min=4)]}]
    f = score(gold, pred).fields
    assert f["date"].f1 == 1.0
    assert f["date_precision"].f1 == 0.0


# --------------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Baghouz", "al-Baghuz"),
        ("Al Baghuz", "AL-BAGHÛZ"),
        ("Al Baghuz (camp)", "Al Baghuz"),
        ("al-Sousa town", "Al Susah"),
        ("ash-Shafa", "Al Shafah"),
        ("Hajeen", "Hajin"),
        ("Abu Kamal", "Abu Kamal"),
        ("Al Bu Kamal", "Albukamal"),
        ("الباغوز", "باغوز"),
        ("Al Qusur, Deir ez-Zor city", "al-Qusour"),
    ],
)
def test_place_normalisation_equal(a: str, b: str) -> None:
    assert places_equal(a, b)
    assert place_right(a, b) and place_right(b, a)


@pytest.mark.parametrize(
    ("gold", "pred"),
    [
        ("بلدة الحصن", "الحصن"),
        ("قرية “الحصن”", "الحصن"),
        ("أطراف قرية الحصن شمال غرب مدينة الوادي", "الحصن"),
        ("محيط بلدة الحصن بريف مدينة الوادي", "الحصن"),
        ("حي الجسر بمدينة الوادي", "الجسر"),
    ],
)
def test_arabic_place_kind_words_and_containers(gold: str, pred: str) -> None:
    assert place_right(gold, pred)


def test_arabic_place_kind_words_do_not_make_other_places_equal() -> None:
    assert not place_right("بلدة الحصن", "الوادي")
    assert not place_right("حي الجسر بمدينة الوادي", "الوادي")


def test_place_less_specific_gold_rule() -> None:
    assert place_right("Al Baghuz", "Al Baghuz Fawqani")
    assert place_right("Baghouz", "al-Baghuz Tahtani")
    assert not place_right("Al Baghuz Fawqani", "Al Baghuz")
    assert not place_right("Hajin", "Al Susah")
    assert not place_right("Al Baghuz", "Fawqani Al Baghuz")  # an extension, not a prefix


def test_place_std_field_rule() -> None:
    gold = [report("a", [incident(place_std="Al Baghuz", killed_min=5),
                         incident(place_std="Al Baghuz Fawqani", killed_min=9)])]
    pred = [{"id": "a", "lang": "en", "incidents": [
        incident(place_std="Baghouz Fawqani", killed_min=5),
        incident(place_std="Baghouz", killed_min=9)]}]
    f = score(gold, pred).fields["place_std"]
    assert (f.tp, f.fp, f.fn) == (1, 1, 1)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Deir ez-Zor", "Deir al-Zour"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir Ezzor", "دير الزور"),
        ("Raqqa", "Ar-Raqqah"),
        ("Raqqa", "Raqqah"),
        ("Hasakah", "Al-Hasakah"),
        ("Hasakah", "Hasakeh"),
        ("Idlib", "Idleb"),
    ],
)
def test_admin1_aliases(a: str, b: str) -> None:
    assert admin1_right(a, b) and admin1_right(b, a)


def test_admin1_different_governorates() -> None:
    assert admin1_canonical("Deir Ezzor") == "Deir ez-Zor"
    assert not admin1_right("Deir ez-Zor", "Raqqa")
    assert not admin1_right("Idlib", "Aleppo")
    assert admin1_right("Some Province", "some-province")  # unknown names: place rule


# --------------------------------------------------------------------------------------------
# matching
# --------------------------------------------------------------------------------------------


def test_matching_two_incidents_listed_in_the_other_order() -> None:
    assert match_incidents([MARKET, BRIDGE], [BRIDGE, MARKET]) == [(0, 1), (1, 0)]
    gold = [report("r1", [MARKET, BRIDGE])]
    pred = [{"id": "r1", "lang": "en", "incidents": [copy.deepcopy(BRIDGE),
                                                     copy.deepcopy(MARKET)]}]
    s = score(gold, pred)
    assert all(fs.f1 == 1.0 for fs in s.fields.values() if fs.support)


def test_matching_prefers_agreement_on_date_place_counts() -> None:
    # the second prediction shares date and count with the first gold incident; the first
    # shares only the event type: the greedy takes the strong pair first
    gold = [incident(date="2020-02-01", killed_min=6, event_type="airstrike"),
            incident(date="2020-02-09", killed_min=2, event_type="airstrike")]
    pred = [incident(event_type="airstrike", date="2020-02-09"),
            incident(date="2020-02-01", killed_min=6, event_type="shelling")]
    assert match_incidents(gold, pred) == [(0, 1), (1, 0)]


def test_zero_agreement_matches_only_one_to_one_reports() -> None:
    g = incident(date="2019-01-01", killed_min=3)
    p = incident(date="2020-05-05", killed_min=40)
    assert match_incidents([g], [p]) == [(0, 0)]
    other = incident(date="2019-01-08", killed_min=1)
    assert match_incidents([g, other], [p]) == []
    assert match_incidents([], [p]) == [] and match_incidents([g], []) == []


# --------------------------------------------------------------------------------------------
# linking
# --------------------------------------------------------------------------------------------


def test_bcubed_hand_computed() -> None:
    # gold clusters: a b c | d ; predicted: a b | c d
    p, r = bcubed(["X", "X", "X", "Y"], [1, 1, 2, 2])
    # precision: a 1, b 1, c 1/2, d 1/2 -> 3/4 ; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert p == pytest.approx(3 / 4)
    assert r == pytest.approx(2 / 3)


def test_linking_over_reports() -> None:
    def one(rid: str, cluster: str, day: str) -> dict[str, Any]:
        return report(rid, [incident(cluster=cluster, date=day, killed_min=5)])

    gold = [one("a", "X", "2019-01-01"), one("b", "X", "2019-01-01"),
            one("c", "X", "2019-01-01"), one("d", "Y", "2019-02-02")]
    pred = [pred_of(r) for r in gold]
    for row, link in zip(pred, ["i1", "i1", "i2", "i2"], strict=True):
        row["incidents"][0]["incident"] = link
    s = score(gold, pred)
    assert s.linking is not None
    assert s.linking.precision == pytest.approx(3 / 4)
    assert s.linking.recall == pytest.approx(2 / 3)
    assert s.linking.f1 == pytest.approx(12 / 17)
    assert s.linking.items == 4

    # report c missing: its gold incident is a singleton on the predicted side
    s = score(gold, [pred[0], pred[1], pred[3]])
    # precision: a 1, b 1, c 1, d 1 ; recall: a 2/3, b 2/3, c 1/3, d 1
    assert s.linking is not None
    assert s.linking.precision == pytest.approx(1.0)
    assert s.linking.recall == pytest.approx(2 / 3)


# --------------------------------------------------------------------------------------------
# language filter and output
# --------------------------------------------------------------------------------------------


def test_lang_filter_applies_to_both_sides() -> None:
    pred = [pred_of(r) for r in GOLD]
    pred[2]["incidents"] = []  # the Arabic report is missed
    en = score(GOLD, pred, lang="en")
    assert en.reports == 2 and en.gold_incidents == 2 and en.detection.recall == 1.0
    ar = score(GOLD, pred, lang="ar")
    assert ar.reports == 1 and ar.gold_incidents == 1 and ar.detection.recall == 0.0
    assert ar.unknown_pred_ids == []  # the English predictions are not "unknown"
    assert ar.lang == "ar"


def test_format_scores_table() -> None:
    text = format_scores(score(GOLD, [pred_of(r) for r in GOLD]))
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("field"))
    assert lines[header + 2].startswith("incident detection")
    assert "place_std" in text and "victim_names (per name)" in text
    assert "1.000" in text


# --------------------------------------------------------------------------------------------
# the real gold file against itself
# --------------------------------------------------------------------------------------------


def test_gold_file_scores_one_against_itself() -> None:
    if not GOLD_FILE.is_file():
        pytest.skip(f"gold file not found at {GOLD_FILE} (../shared/eval/dev/gold.jsonl)")
    with GOLD_FILE.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    s = score(rows, [pred_of(r) for r in rows])
    assert s.detection.f1 == 1.0
    supported = {name: fs.f1 for name, fs in s.fields.items() if fs.support}
    assert supported and all(f1 == 1.0 for f1 in supported.values()), supported
    # in reverse incident order too: the matching must find the same pairs
    flipped = [{**pred_of(r), "incidents": list(reversed(pred_of(r)["incidents"]))}
               for r in rows]
    s = score(rows, flipped)
    assert all(fs.f1 == 1.0 for fs in s.fields.values() if fs.support)


# --------------------------------------------------------------------------------------------
# robustness: odd predicted values never crash the scorer
# --------------------------------------------------------------------------------------------

_ODD = st.one_of(
    st.none(), st.integers(-5, 50), st.floats(allow_nan=True), st.text(max_size=12),
    st.lists(st.text(max_size=6), max_size=3), st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(sorted(MARKET) + ["incident"]), _ODD,
                                max_size=8), max_size=4))
def test_odd_predictions_do_not_crash(claims: list[dict[str, Any]]) -> None:
    s = score(GOLD, [{"id": "r1", "lang": "en", "incidents": claims}])
    assert s.detection.tp + s.detection.fp == len(claims)
    json.dumps(s.to_dict())
    format_scores(s)


def test_a_superscript_digit_is_no_number() -> None:
    from civcas.evaluate.score import _as_number

    assert _as_number("²") == "²" and _as_number("٣") == 3 and _as_number(" 12 ") == 12
