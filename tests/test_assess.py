"""Assessment of incidents, on claims made up for these tests."""

from __future__ import annotations

import json
import random
from datetime import date
from typing import Any

import pytest

from civcas.assess import assess_incident, load_rules
from civcas.model import COUNT_RANGES, GRADES, Claim, CoPerpetrator, Report, SourcedClaim, Span

TEXT = (
    "Warplanes said to be Russian struck the market of Kafr Example on Monday, "
    "killing several people."
)


def sourced(
    cid: str,
    *,
    lineage: str | None = None,
    outlet: str | None = None,
    text: str = TEXT,
    quotes: dict[str, str] | None = None,
    **fields: Any,
) -> SourcedClaim:
    """A claim of report `cid` with `fields`; `quotes` gives the words of a field's evidence."""
    claim = Claim(**fields)
    for name, words in (quotes or {}).items():
        start = text.index(words)
        claim.evidence[name] = Span(start, start + len(words))
    report = Report(text=text, id=cid, outlet=outlet or f"outlet-{cid}")
    return SourcedClaim(id=f"{cid}/0", report=report, claim=claim, lineage=lineage)


def blame(cid: str, actor: str, attribution: str = "alleged", **kw: Any) -> SourcedClaim:
    return sourced(cid, perpetrator=actor, attribution=attribution, **kw)


# --- casualty ranges --------------------------------------------------------------------------


def test_range_across_three_sources() -> None:
    claims = [
        sourced("a", killed_min=4, killed_max=4),
        sourced("b", killed_min=6, killed_max=8),
        sourced("c", killed_min=12, killed_max=None, civilians_killed_min=9),
    ]
    killed = assess_incident("i1", claims).counts["killed"]
    assert (killed.low, killed.best, killed.high, killed.sources) == (4, 7, 12, 3)


def test_open_ended_figure_gives_its_stated_number_as_high() -> None:
    claims = [sourced("a", killed_min=20), sourced("b", killed_min=5, killed_max=5)]
    killed = assess_incident("i1", claims).counts["killed"]
    assert (killed.low, killed.high) == (5, 20)


def test_copies_count_once_in_best_and_independent_sources() -> None:
    claims = [
        sourced("orig", killed_min=10, killed_max=10),
        sourced("copy1", lineage="orig", killed_min=10, killed_max=10),
        sourced("copy2", lineage="orig", killed_min=10, killed_max=10),
        sourced("other", killed_min=20, killed_max=20),
    ]
    out = assess_incident("i1", claims)
    killed = out.counts["killed"]
    assert killed.best == 15  # median of 10 and 20, not of 10, 10, 10, 20
    assert killed.sources == 4
    assert out.sources == 4
    assert out.independent_sources == 2


def test_every_count_key_is_given() -> None:
    out = assess_incident("i1", [sourced("a", injured_min=3)])
    assert set(out.counts) == set(COUNT_RANGES)
    assert out.counts["injured"].to_dict() == {"low": 3, "best": 3, "high": 3, "sources": 1}
    assert out.counts["children_killed"].sources == 0


def test_counts_far_apart_are_flagged() -> None:
    claims = [sourced("a", killed_min=3, killed_max=3), sourced("b", killed_min=40)]
    out = assess_incident("i1", claims)
    assert "counts far apart: killed 3 vs 40" in out.contradictions
    close = [sourced("a", killed_min=8, killed_max=8), sourced("b", killed_min=10)]
    assert not assess_incident("i2", close).contradictions


# --- attribution and grade --------------------------------------------------------------------


def test_single_source_is_weak() -> None:
    out = assess_incident("i1", [blame("a", "Russia")])
    assert out.grade == "weak"
    assert any("single independent source" in r for r in out.grade_reasons)
    assert out.perpetrators == ["Russia"]


def test_two_independent_sources_agreeing_are_fair() -> None:
    out = assess_incident("i1", [blame("a", "Russia"), blame("b", "Russia", "asserted")])
    assert out.grade == "fair"
    assert out.grade_reasons == ["2 independent sources agree on the actor: Russia"]


def test_two_sources_of_which_one_names_the_actor_are_fair() -> None:
    """Airwars' "fair" asks for two credible sources, not for both to name the belligerent."""
    out = assess_incident("i1", [blame("a", "Russia"), sourced("b")])
    assert out.grade == "fair"
    assert out.grade_reasons == [
        "2 independent sources report the incident; 1 source names the actor: Russia"
    ]
    assert assess_incident("i1", [sourced("a"), sourced("b")]).grade == "weak"  # no one named


def test_copies_agreeing_are_not_fair() -> None:
    out = assess_incident("i1", [blame("a", "Russia"), blame("b", "Russia", lineage="a")])
    assert out.grade == "weak"


def test_claimed_is_confirmed() -> None:
    claims = [blame("a", "ISIS", "claimed", outlet="Wire"), blame("b", "ISIS")]
    out = assess_incident("i1", claims)
    assert out.grade == "confirmed"
    assert out.grade_reasons == ["ISIS claimed the attack (reported by Wire)"]


def test_assertion_by_the_actors_own_outlet_is_confirmed() -> None:
    out = assess_incident("i1", [blame("a", "US-led coalition", "asserted", outlet="CENTCOM")])
    assert out.grade == "confirmed"


def test_denial_is_flagged_and_contested() -> None:
    claims = [
        blame("a", "Russia", quotes={"perpetrator": "Russian"}),
        blame("b", "Russia", "denied", outlet="Daily Example"),
    ]
    out = assess_incident("i1", claims)
    assert "denial: Russia denied by Daily Example" in out.contradictions
    assert out.grade == "contested"
    assert out.perpetrators == ["Russia"]  # a denial still names the accused


def test_competing_actors_are_contested() -> None:
    claims = [
        blame("a", "Russia", "asserted"),
        blame("b", "Russia"),
        blame("c", "Russia"),
        blame("d", "Syrian government"),
    ]
    out = assess_incident("i1", claims)
    assert out.grade == "contested"
    assert out.perpetrators == ["Russia", "Syrian government"]
    assert (
        "different actors named: Russia (3 sources), Syrian government (1 source)"
        in out.contradictions
    )


def test_an_actor_and_its_parent_do_not_compete() -> None:
    out = assess_incident("i1", [blame("a", "Turkey"), blame("b", "Turkish-backed factions")])
    assert out.grade == "fair"
    assert not out.contradictions


def test_unknown_is_an_actor_only_when_no_one_is_named() -> None:
    only_unknown = [blame("a", "unknown", "unknown"), blame("b", "unknown", "unknown")]
    out = assess_incident("i1", only_unknown)
    assert out.perpetrators == ["unknown"]
    assert out.grade == "weak"
    assert "no source names who did it" in out.grade_reasons
    out = assess_incident("i2", [*only_unknown, blame("c", "Russia")])
    assert out.perpetrators == ["Russia"]


def test_asserted_weighs_more_than_alleged() -> None:
    claims = [blame("a", "ISIS"), blame("b", "HTS", "asserted")]
    assert assess_incident("i1", claims).perpetrators == ["HTS", "ISIS"]


def test_attribution_table_quotes_the_words() -> None:
    claims = [
        blame("a", "Russia", quotes={"attribution": "said to be Russian"}),
        blame("b", "Russia", perpetrator_evidence="jets of the Russian air force"),
        sourced("c", killed_min=2),
    ]
    table = assess_incident("i1", claims).attribution
    assert [e.claim_id for e in table] == ["a/0", "b/0"]
    assert table[0].words == "said to be Russian"
    assert table[0].span is not None and table[0].span.of(TEXT) == "said to be Russian"
    assert table[1].words == "jets of the Russian air force"
    assert table[1].to_dict()["outlet"] == "outlet-b"


# --- when, where, what ------------------------------------------------------------------------


def test_place_most_specific_wins_over_more_support() -> None:
    claims = [
        sourced("a", place="Example Governorate", admin1="Example Governorate", country="SY",
                geo_precision="governorate"),
        sourced("b", place="Example Governorate", admin1="Example Governorate", country="SY",
                geo_precision="governorate"),
        sourced("c", place="Kafr Example", place_std="Kafr Example", geo_precision="exact",
                lat=35.5, lon=36.6, pcode="C0001"),
    ]
    out = assess_incident("i1", claims)
    assert (out.place_std, out.geo_precision, out.lat, out.lon) == (
        "Kafr Example", "exact", 35.5, 36.6
    )
    assert out.pcode == "C0001"
    assert (out.admin1, out.country) == ("Example Governorate", "SY")  # from the other sources


def test_place_ties_go_to_support() -> None:
    claims = [
        sourced("a", place="Zeta", geo_precision="exact"),
        sourced("b", place="Alpha", geo_precision="exact"),
        sourced("c", place="Zeta", geo_precision="exact"),
    ]
    assert assess_incident("i1", claims).place == "Zeta"


def test_date_span_and_support() -> None:
    claims = [
        sourced("a", date=date(2020, 3, 7), date_precision="day"),
        sourced("b", date=date(2020, 3, 7), date_precision="day"),
        sourced("c", date=date(2020, 3, 8), date_precision="day"),
        sourced("d", date=date(2020, 3, 1), date_precision="month"),
    ]
    out = assess_incident("i1", claims)
    assert (out.date, out.date_end, out.date_precision) == (
        date(2020, 3, 7), date(2020, 3, 8), "day"
    )
    assert not out.contradictions  # a night strike reported on two days is no contradiction


def test_no_source_gives_the_day_the_first_report_dates_the_incident() -> None:
    # "shelling on Kafr Example" and nothing of when: the act took place that day or before
    a = sourced("a")
    b = sourced("b")
    a = SourcedClaim(a.id, Report(text=TEXT, id="a", published=date(2022, 7, 14)), a.claim)
    b = SourcedClaim(b.id, Report(text=TEXT, id="b", published=date(2022, 7, 13)), b.claim)
    out = assess_incident("i1", [a, b])
    assert (out.date, out.date_end, out.date_precision) == (date(2022, 7, 13), None, "week")
    assert out.date_basis == "first report"
    assert out.to_dict()["date_basis"] == "first report"
    # a date in a source's words wins over publication dates
    c = sourced("c", date=date(2022, 7, 11), date_precision="day")
    out = assess_incident("i1", [a, b, c])
    assert (out.date, out.date_precision, out.date_basis) == (date(2022, 7, 11), "day", "sources")
    # no publication date either: undated
    out = assess_incident("i1", [sourced("d")])
    assert (out.date, out.date_precision, out.date_basis) == (None, None, None)


def test_dates_far_apart_are_flagged() -> None:
    claims = [
        sourced("a", date=date(2020, 3, 7), date_precision="day"),
        sourced("b", date=date(2020, 3, 12), date_precision="day"),
    ]
    out = assess_incident("i1", claims)
    assert out.date == date(2020, 3, 7) and out.date_end is None
    assert "dates differ by 5 days: 2020-03-07 (1 source), 2020-03-12 (1 source)" in (
        out.contradictions
    )


def test_month_date_only_when_no_day_is_given() -> None:
    out = assess_incident("i1", [sourced("a", date=date(2020, 3, 1), date_precision="month")])
    assert (out.date, out.date_end, out.date_precision) == (date(2020, 3, 1), None, "month")


def test_event_type_majority_then_the_more_specific() -> None:
    tied = [sourced("a", event_type="airstrike"), sourced("b", event_type="drone_strike")]
    assert assess_incident("i1", tied).event_type == "drone_strike"
    most = [*tied, sourced("c", event_type="airstrike")]
    assert assess_incident("i2", most).event_type == "airstrike"


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize("claims", [[], [sourced("a"), sourced("b", lineage="a")]])
def test_empty_and_all_null_claims_do_not_raise(claims: list[SourcedClaim]) -> None:
    out = assess_incident("i0", claims)
    assert out.grade == "weak" and out.grade in GRADES
    assert out.date is None and out.place is None and out.perpetrators == []
    assert all(r.sources == 0 and r.best is None for r in out.counts.values())
    assert out.contradictions == []
    json.dumps(out.to_dict())


def test_same_claims_in_any_order_give_the_same_assessment() -> None:
    claims = [
        blame("a", "Russia", killed_min=3, date=date(2020, 1, 2), place="X", geo_precision="exact"),
        blame("b", "Syrian government", killed_min=40, date=date(2020, 1, 5), place="Y",
              geo_precision="exact"),
        blame("c", "Russia", "denied", lineage="a"),
    ]
    first = assess_incident("i1", claims).to_dict()
    for seed in range(5):
        shuffled = list(claims)
        random.Random(seed).shuffle(shuffled)
        assert assess_incident("i1", shuffled).to_dict() == first


def test_rules_come_from_the_data_file() -> None:
    rules = load_rules()
    assert rules.weight("claimed") > rules.weight("asserted") > rules.weight("alleged")
    assert rules.weight("alleged") > rules.weight("denied") > rules.weight("unknown")
    assert rules.fair_min_sources == 2
    assert rules.family("Turkish-backed factions") == "Turkey"


# --- actors named together --------------------------------------------------------------------

JOINT = "Regime forces and Russian warplanes shelled the market of Kafr Example on Monday."


def joint(cid: str, attribution: str = "asserted") -> SourcedClaim:

    sc = blame(cid, "Syrian government", attribution, text=JOINT,
               perpetrator_evidence="Regime forces and Russian warplanes shelled")
    sc.claim.co_perpetrators = [CoPerpetrator("Russia", Span(18, 35))]
    return sc


def test_actors_named_together_are_both_in_the_table_and_leave_the_act_contested() -> None:
    out = assess_incident("i1", [joint("a"), joint("b"), blame("c", "Russia", text=JOINT)])
    assert set(out.perpetrators) == {"Russia", "Syrian government"}
    assert out.perpetrators[0] == "Russia"  # three sources name it, two the regime
    rows = [(e.claim_id, e.actor, e.attribution) for e in out.attribution]
    assert rows == [
        ("a/0", "Syrian government", "asserted"), ("a/0", "Russia", "asserted"),
        ("b/0", "Syrian government", "asserted"), ("b/0", "Russia", "asserted"),
        ("c/0", "Russia", "alleged"),
    ]
    russia = out.attribution[1]
    assert russia.span is not None and russia.span.of(JOINT) == "Russian warplanes"
    # No two sources disagree, but two belligerents are named as the attackers: on Airwars'
    # scale that is contested ("multiple belligerents"), and the reason says who names them.
    assert not any("different actors" in c for c in out.contradictions)
    assert out.grade == "contested"
    assert out.grade_reasons == [
        "several belligerents named as the attackers: Russia and Syrian government "
        "(reported by outlet-a, outlet-b)"
    ]


def test_partner_forces_named_together_are_one_side() -> None:
    """A raid by the SDF with coalition aircraft is a joint operation (grading.toml partners)."""
    raid = "SDF forces backed by coalition helicopters raided the house"
    claims = []
    for cid in ("a", "b"):
        sc = blame(cid, "SDF", text=raid)
        sc.claim.co_perpetrators = [CoPerpetrator("US-led coalition", Span(21, 41))]
        claims.append(sc)
    out = assess_incident("i1", claims)
    assert out.grade == "fair"
    assert load_rules().are_partners({"SDF", "US-led coalition"})
    assert not load_rules().are_partners({"Russia", "Syrian government"})


def test_sources_that_blame_only_different_actors_still_compete() -> None:
    out = assess_incident("i1", [joint("a"), blame("b", "ISIS", text=JOINT)])
    assert out.grade == "contested"
    assert any(c.startswith("different actors named") for c in out.contradictions)


def test_a_denial_is_the_perpetrators_word_alone() -> None:
    out = assess_incident("i1", [joint("a", "denied")])
    by_actor = {e.actor: e.attribution for e in out.attribution}
    assert by_actor == {"Syrian government": "denied", "Russia": "alleged"}


def test_an_incident_dated_by_its_first_report_says_so_in_words() -> None:
    from civcas.ask import describe_incident

    record = {"id": "inc-1", "date": "2022-07-13", "date_precision": "week",
              "date_basis": "first report", "place": "Kafr Example"}
    text = describe_incident(record)
    assert "or shortly before 2022-07-13" in text and "no source gives the day" in text
    record["date_basis"] = "sources"
    assert "on 2022-07-13." in describe_incident(record)


def test_sources_that_each_name_one_of_two_partner_forces_do_not_contest() -> None:
    # one source tells of the SDF raid, another of the coalition's: one joint operation
    claims = [blame("a", "SDF"), blame("b", "US-led coalition")]
    out = assess_incident("i1", claims)
    assert out.grade == "fair"
    assert any(c.startswith("different actors named") for c in out.contradictions)
    # forces that are no partners still contest
    other = assess_incident("i2", [blame("a", "Russia"), blame("b", "Syrian government")])
    assert other.grade == "contested"
