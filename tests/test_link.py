"""Linking: claims written for these tests (made-up reports), lineages, blocking, clustering."""

from __future__ import annotations

import dataclasses
import random
import re
from datetime import date, timedelta
from typing import Any

import numpy as np
import pytest

from civcas.knowledge.gazetteer import haversine_km
from civcas.link import (
    LinkSettings,
    explain,
    find_lineages,
    link_claims,
    new_incident_id,
    score_pair,
)
from civcas.link.blocking import Columns, block_keys, candidate_pairs, grid_cells, grid_rows_cols
from civcas.link.cluster import Links
from civcas.link.compare import compare_date, features
from civcas.link.lineage import (
    EMPTY,
    LineageIndex,
    copy_families,
    shingles,
    signatures,
    similarity,
)
from civcas.model import Claim, Report, SourcedClaim, Span

HAJIN = {"place": "Hajin", "place_std": "Hajin", "admin1": "Deir ez-Zor", "country": "SY",
         "lat": 34.6951, "lon": 40.8314, "geo_precision": "exact"}
SARAQIB = {"place": "Saraqib", "place_std": "Saraqib", "admin1": "Idlib", "country": "SY",
           "lat": 35.8647, "lon": 36.8003, "geo_precision": "exact"}
BAGHUZ = {"place": "Al-Baghouz", "place_std": "Al Baghuz", "admin1": "Deir ez-Zor",
          "country": "SY", "lat": 34.4586, "lon": 40.9425, "geo_precision": "exact"}


def sc(
    report: str,
    n: int = 0,
    text: str = "",
    published: date | None = None,
    lineage: str | None = None,
    **fields: Any,
) -> SourcedClaim:
    """A claim of report `report` with the given fields."""
    names = fields.pop("victim_names", [])
    claim = Claim(**fields)
    for name in names:
        claim.add_victim(name, Span(0, 0))
    # no text by default: nothing to compare but the fields
    return SourcedClaim(f"{report}/{n}", Report(text=text, id=report, published=published),
                        claim, lineage)


def strike(report: str, day: date, where: dict[str, Any], **more: Any) -> SourcedClaim:
    fields: dict[str, Any] = {"date": day, "date_precision": "day", **where,
                              "event_type": "airstrike", "perpetrator": "US-led coalition",
                              "attribution": "alleged", "killed_min": 14, "killed_max": 14}
    fields.update(more)
    return sc(report, **fields)


D = date(2019, 3, 12)


# --------------------------------------------------------------------------- linking cases


def test_same_strike_by_two_outlets_links_despite_spelling_and_counts() -> None:
    a = strike("outlet-a", date(2019, 1, 18), BAGHUZ, killed_min=20, killed_max=None)
    b = strike("outlet-b", date(2019, 1, 18),
               {**BAGHUZ, "place": "Baghuz", "place_std": "Baghouz", "admin1": "Deir Ezzor"},
               killed_min=23, killed_max=23, perpetrator="unknown", attribution="unknown")
    result = link_claims([a, b])
    assert result.incidents[a.id] == result.incidents[b.id]
    (link,) = result.links
    assert link.reasons["place:same_place"] > 0 and link.reasons["date:same_day"] > 0
    assert "perpetrator:unknown" in link.reasons


def test_same_village_hit_twice_three_days_apart_stays_apart() -> None:
    first = strike("a", D, HAJIN)
    again = strike("b", D + timedelta(days=3), HAJIN, killed_min=5, killed_max=5)
    same_as_first = strike("c", D, HAJIN, killed_min=15, killed_max=None)
    result = link_claims([first, again, same_as_first])
    assert result.incidents[first.id] == result.incidents[same_as_first.id]
    assert result.incidents[again.id] != result.incidents[first.id]


def test_no_chaining_across_days() -> None:
    """Day 0 ~ day 1 ~ day 2 ~ ... must not grow one incident over a week."""
    claims = [strike(f"r{k}", D + timedelta(days=k), HAJIN) for k in range(7)]
    result = link_claims(claims)
    for x in claims:
        for y in claims:
            if result.incidents[x.id] == result.incidents[y.id]:
                assert abs((x.claim.date - y.claim.date).days) <= 3  # type: ignore[operator]


def test_different_governorates_stay_apart() -> None:
    a = strike("a", D, HAJIN)
    b = strike("b", D, SARAQIB)
    homonym = strike("c", D, {**HAJIN, "admin1": "Aleppo", "lat": None, "lon": None})
    result = link_claims([a, b, homonym])
    assert len(set(result.incidents.values())) == 3
    assert score_pair(a, homonym).reasons["place:different_admin1"] < 0


def test_claims_of_one_report_are_distinct_incidents() -> None:
    a = strike("same", D, HAJIN)
    b = strike("same", D, HAJIN)
    b.id = "same/1"
    result = link_claims([a, b])
    assert result.incidents[a.id] != result.incidents[b.id]
    assert result.stats["candidate_pairs"] == 0


def test_shared_victim_names_across_scripts() -> None:
    a = strike("a", D, HAJIN, killed_min=3, killed_max=3,
               victim_names=["Khalid Hamad Al-Saleh", "Mahmoud Ali"])
    b = strike("b", D + timedelta(days=2), HAJIN, killed_min=9, killed_max=9,
               victim_names=["خالد حمد الصالح"])
    link = score_pair(a, b)
    assert link.reasons["victims:shared_one"] > 0
    assert link_claims([a, b]).incidents[a.id] == link_claims([a, b]).incidents[b.id]


def test_month_precision_date_is_compatible_with_days_in_it() -> None:
    s = LinkSettings.load()
    month = sc("m", date=date(2019, 3, 1), date_precision="month", **HAJIN)
    inside = strike("d", date(2019, 3, 25), HAJIN)
    just_after = strike("e", date(2019, 4, 2), HAJIN)
    far = strike("f", date(2019, 5, 20), HAJIN)
    fm, fi, fa, ff = features([month, inside, just_after, far], s)
    assert compare_date(fm, fi, s) == ("date:compatible", s.weight("date", "compatible"))
    assert compare_date(fm, fa, s) == ("date:near", s.weight("date", "near"))
    assert compare_date(fm, ff, s) == ("date:far", s.weight("date", "far"))
    assert compare_date(fi, fa, s) == ("date:far", s.weight("date", "far"))


def test_month_precision_claim_is_a_candidate_and_joins() -> None:
    names = ["Ahmad Yassin Al-Hamoud", "Fatima Al-Hamoud"]
    day = strike("d", date(2019, 3, 25), HAJIN, victim_names=names)
    month = sc("m", date=date(2019, 3, 1), date_precision="month", **HAJIN,
               event_type="airstrike", killed_min=14, killed_max=14, victim_names=names[::-1])
    result = link_claims([day, month])
    assert result.incidents[day.id] == result.incidents[month.id]


def test_undated_claims_meet_by_place_only() -> None:
    undated = sc("u", **HAJIN, event_type="airstrike", killed_min=14, killed_max=14,
                 victim_names=["Omar Hassan Al-Jasim", "Ali Hassan Al-Jasim"])
    dated = strike("d", D, HAJIN, victim_names=["Omar Hasan al-Jassem", "Ali Hasan al-Jassem"])
    elsewhere = strike("e", D, SARAQIB, victim_names=["Omar Hassan Al-Jasim"])
    result = link_claims([undated, dated, elsewhere])
    assert result.incidents[undated.id] == result.incidents[dated.id]
    assert result.incidents[elsewhere.id] != result.incidents[dated.id]


def test_undated_claim_is_bounded_by_its_report_date() -> None:
    undated = sc("u", published=date(2019, 1, 10), **HAJIN, event_type="airstrike")
    before = strike("b", date(2019, 1, 8), HAJIN)
    after = strike("a", date(2019, 2, 15), HAJIN)
    assert "date:undated_fits" in score_pair(undated, before).reasons
    assert score_pair(undated, after).reasons["date:undated_apart"] < 0
    assert "date:undated_fits" not in score_pair(sc("x", **HAJIN), before).reasons


def test_copies_link_only_where_their_fields_agree() -> None:
    """A copied report of two strikes: each strike joins its copy, not the other strike."""
    text = "Strikes on Hajin and on Saraqib. " * 20
    a1 = strike("orig", D, HAJIN, text=text)
    a2 = strike("orig", D, SARAQIB, text=text)
    a2.id = "orig/1"
    b1 = strike("copy", D, HAJIN, text=text, lineage="orig")
    b2 = strike("copy", D, SARAQIB, text=text, lineage="orig")
    b2.id = "copy/1"
    result = link_claims([a1, a2, b1, b2])
    assert result.incidents[a1.id] == result.incidents[b1.id]
    assert result.incidents[a2.id] == result.incidents[b2.id]
    assert result.incidents[a1.id] != result.incidents[a2.id]
    assert "text:copy" in score_pair(a1, b1).reasons


# --------------------------------------------------------------------------- ledger, ids


def test_existing_incident_is_kept_and_a_new_claim_joins_it() -> None:
    old = strike("old", D, HAJIN)
    old2 = strike("old2", D, HAJIN, killed_min=12, killed_max=12, perpetrator="unknown")
    new = strike("new", D, HAJIN, killed_min=15, killed_max=None)
    existing = {old.id: "inc-ledger", old2.id: "inc-ledger"}
    result = link_claims([old, old2, new], existing=existing)
    assert result.incidents == {old.id: "inc-ledger", old2.id: "inc-ledger", new.id: "inc-ledger"}
    assert result.merged == []


def test_existing_incident_is_never_split() -> None:
    a = strike("a", D, HAJIN)
    b = strike("b", D + timedelta(days=9), SARAQIB)  # a reviewer's call, not linking's
    result = link_claims([a, b], existing={a.id: "inc-x", b.id: "inc-x"})
    assert result.incidents == {a.id: "inc-x", b.id: "inc-x"}


def test_new_claim_strongly_matching_two_incidents_merges_them() -> None:
    names = ["Khalid Hamad Al-Saleh", "Mahmoud Ali Al-Hussein"]
    a = strike("a", D, HAJIN, victim_names=names[:1])
    b = strike("b", D, HAJIN, victim_names=names[1:])
    c = strike("c", D, HAJIN, victim_names=names)
    existing = {a.id: "inc-b-small", b.id: "inc-a-large", "elsewhere/0": "inc-a-large"}
    result = link_claims([a, b, c], existing=existing)
    assert set(result.incidents.values()) == {"inc-a-large"}  # the one with more claims
    assert result.merged == [("inc-b-small", "inc-a-large")]


def test_two_existing_incidents_do_not_merge_on_their_own() -> None:
    a, b = strike("a", D, HAJIN), strike("b", D, HAJIN)
    result = link_claims([a, b], existing={a.id: "inc-1", b.id: "inc-2"})
    assert result.incidents == {a.id: "inc-1", b.id: "inc-2"}
    assert result.links == []


def test_ids_are_deterministic_whatever_the_order() -> None:
    claims = [strike(f"r{k}", D + timedelta(days=k % 5), HAJIN if k % 2 else SARAQIB)
              for k in range(12)]
    first = link_claims(claims).incidents
    shuffled = claims[:]
    random.Random(7).shuffle(shuffled)
    assert link_claims(shuffled).incidents == first
    assert all(re.fullmatch(r"inc-[0-9a-f]{12}", v) for v in first.values())
    smallest = min(k for k, v in first.items() if v == first["r0/0"])
    assert first["r0/0"] == new_incident_id(smallest)


def test_threshold_is_overridable_and_explained() -> None:
    a = strike("a", D, HAJIN)
    b = strike("b", D, HAJIN)
    strict = LinkSettings.load(threshold=100.0)
    assert strict.threshold == 100.0 and LinkSettings.load().threshold != 100.0
    result = link_claims([a, b], settings=strict)
    assert result.incidents[a.id] != result.incidents[b.id]
    (link,) = link_claims([a, b]).links
    line = explain(link)
    assert line.startswith("date same day +3.0, place same place +5.0")
    assert line.endswith(f"= {link.score:.1f} ≥ {LinkSettings.load().threshold:.1f}")


# --------------------------------------------------------------------------- lineages


WIRE = (
    "At least 14 civilians, including six children, were killed on Tuesday when warplanes "
    "struck a residential neighbourhood of the town, local activists and a monitoring group "
    "said. Rescue workers were still pulling bodies from the rubble of three houses late in "
    "the evening, and the toll was expected to rise as several of the wounded were in "
    "critical condition. The strike came a day after shelling of nearby villages forced "
    "hundreds of families to flee toward the border."
)


def test_copies_are_one_lineage_named_after_the_first() -> None:
    reports = [
        Report(text=WIRE, id="wire", published=date(2019, 3, 12)),
        Report(text=WIRE, id="aaa-repost", published=date(2019, 3, 13)),
        Report(text="Monitor: " + WIRE + " Share this.", id="b", published=date(2019, 3, 14)),
    ]
    assert find_lineages(reports) == {"wire": "wire", "aaa-repost": "wire", "b": "wire"}


def test_repost_with_new_headline_and_lines_added_is_same_lineage() -> None:
    original = Report(text="Warplanes kill 14 in Hajin\n\n" + WIRE, id="o",
                      published=date(2019, 3, 12), title="Warplanes kill 14 in Hajin")
    repost = Report(text="Massacre in the Deir ez-Zor countryside\n\n" + WIRE
                    + " The monitoring group called for an investigation.", id="r",
                    published=date(2019, 3, 12), title="Massacre in the countryside")
    assert find_lineages([repost, original]) == {"o": "o", "r": "o"}


def test_unrelated_reports_are_not_one_lineage() -> None:
    other = (
        "Regime artillery shelled the southern outskirts of Saraqib on Friday morning, "
        "wounding four people, among them a paramedic, according to the civil defence, which "
        "said its teams could not reach the area for hours because of continued bombardment."
    )
    reports = [Report(text=WIRE, id="x"), Report(text=other, id="y"), Report(text="", id="z")]
    assert find_lineages(reports) == {"x": "x", "y": "y", "z": "z"}


def test_lineage_index_adds_new_reports_against_old_ones() -> None:
    index = LineageIndex()
    index.update([Report(text=WIRE, id="late", published=date(2019, 3, 14))])
    assert index.add(Report(text=WIRE, id="early", published=date(2019, 3, 12))) == "early"
    assert index.lineages() == {"late": "early", "early": "early"}
    assert len(index) == 2


def test_signatures_estimate_the_jaccard_similarity_of_shingles() -> None:
    rnd = random.Random(5)
    words = WIRE.split()
    texts = [WIRE, WIRE + " Share.", "Breaking: " + WIRE, " ".join(words[:40]), "", "one two"]
    for _ in range(30):  # reports that share a part of their words, in another order
        texts.append(" ".join(rnd.sample(words, rnd.randint(20, len(words)))))
    sig = signatures(texts, bins=64, words=3)
    assert sig.shape == (len(texts), 64) and sig.dtype == np.uint32
    assert (sig[4] == EMPTY).all() and (sig[5] != EMPTY).sum() == 1  # no shingle; one
    a, b = np.triu_indices(len(texts), k=1)
    estimated = similarity(sig, a, b)
    for x, y, est in zip(a.tolist(), b.tolist(), estimated.tolist(), strict=True):
        sx = set(shingles(texts[x].lower(), 3))
        sy = set(shingles(texts[y].lower(), 3))
        exact = len(sx & sy) / len(sx | sy) if sx | sy else 0.0
        assert abs(est - exact) <= 0.2, (x, y)
    assert similarity(sig, np.array([0, 4]), np.array([1, 4])).tolist()[1] == 0.0  # both empty


def test_copy_families_compare_only_the_pairs_given() -> None:
    reports = [
        Report(text="Monitor: " + WIRE, id="late", published=date(2019, 3, 14)),
        Report(text=WIRE, id="wire", published=date(2019, 3, 12)),
        Report(text=WIRE + " Share.", id="repost", published=date(2019, 3, 12)),
        Report(text="Regime artillery shelled Saraqib on Friday, wounding four people.", id="x"),
        Report(text=WIRE, id="unasked", published=date(2019, 3, 12)),
    ]
    first = copy_families(reports, np.array([0, 1, 0]), np.array([1, 2, 3]))
    # late ~ wire ~ repost: one family, named after the earliest published (then smallest id)
    assert [reports[f].id for f in first] == ["repost", "repost", "repost", "x", "unasked"]
    assert copy_families(reports, np.zeros(0, int), np.zeros(0, int)).tolist() == [0, 1, 2, 3, 4]


def test_link_claims_can_find_copies_among_candidate_pairs() -> None:
    wire = strike("wire", D, HAJIN, text=WIRE, published=D)
    repost = strike("repost", D, HAJIN, text="Breaking: " + WIRE, published=D + timedelta(days=1),
                    killed_min=15, killed_max=15)
    other = strike("other", D, HAJIN, text="Shelling of Hajin, four wounded.", published=D)
    far = strike("far", D + timedelta(days=40), HAJIN, text=WIRE, published=D)  # never paired
    result = link_claims([wire, repost, other, far], find_copies=True)
    assert result.lineages == {"wire": "wire", "repost": "wire", "other": "other", "far": "far"}
    assert result.stats["copies"] == 1 and result.stats["ms_copies"] >= 0
    by_pair = {frozenset((link.a, link.b)): link for link in result.links}
    assert "text:copy" in by_pair[frozenset((wire.id, repost.id))].reasons
    assert link_claims([wire, repost]).lineages == {}  # without find_copies: the claims' own
    assert link_claims([], find_copies=True).incidents == {}


def test_links_are_a_sequence_of_link() -> None:
    claims = [strike(f"r{k}", D, HAJIN) for k in range(3)]
    links = link_claims(claims).links
    assert isinstance(links, Links) and len(links) == 3
    as_list = [links[k] for k in range(len(links))]
    assert list(links) == as_list == links and links[-1] == as_list[-1] and links[1:] == as_list[1:]
    assert links != [] and links != as_list[:2]
    assert {(x.a, x.b) for x in links} == {("r0/0", "r1/0"), ("r0/0", "r2/0"), ("r1/0", "r2/0")}
    assert links[0] == score_pair(claims[0], claims[1])
    with pytest.raises(IndexError):
        links[3]


# --------------------------------------------------------------------------- blocking


def test_grid_cells_catch_every_close_pair() -> None:
    rnd = random.Random(3)
    for _ in range(2000):
        lat, lon = rnd.uniform(32, 38), rnd.uniform(35, 45)
        dlat, dlon = rnd.uniform(-0.09, 0.09), rnd.uniform(-0.11, 0.11)
        if haversine_km(lat, lon, lat + dlat, lon + dlon) <= 10.0:
            assert set(grid_cells(lat, lon, 10.0)) & set(grid_cells(lat + dlat, lon + dlon, 10.0))


def test_grid_cells_of_many_points_at_once_are_those_of_each() -> None:
    rnd = random.Random(4)
    lat = np.asarray([rnd.uniform(-60, 60) for _ in range(500)])
    lon = np.asarray([rnd.uniform(-180, 180) for _ in range(500)])
    rows, cols = grid_rows_cols(lat, lon, 10.0)
    for k in range(500):
        cells = grid_cells(float(lat[k]), float(lon[k]), 10.0)
        assert [(c[3], c[4]) for c in cells] == list(
            zip(rows[k].tolist(), cols[k].tolist(), strict=True)
        )


def test_block_keys_as_arrays() -> None:
    s = LinkSettings.load()
    day = strike("a", D, HAJIN)
    governorate_only = strike("b", D, {"place": "Deir ez-Zor", "admin1": "Deir ez-Zor"})
    month = sc("m", date=date(2019, 3, 1), date_precision="month", **HAJIN)
    undated = sc("u", admin1="Idlib")
    entries = block_keys(Columns.of(features([day, governorate_only, month, undated], s)), s)
    per_claim = np.bincount(entries.claim, minlength=4).tolist()
    assert per_claim == [6, 2, 1, 0]  # place, 4 cells, governorate; place, governorate; place
    assert entries.restricted[entries.claim == 0].sum() == 1
    assert entries.keys == len(set(entries.key.tolist()))


def synthetic(n_incidents: int, seed: int = 1) -> tuple[list[SourcedClaim], dict[str, int]]:
    """Incidents of 1–4 claims each over 5 years and 40 places; truth: claim id -> incident."""
    rnd = random.Random(seed)
    places = [(f"Village {k}", f"Gov {k % 8}", 33 + (k % 7) * 0.5, 36 + (k // 7) * 0.6)
              for k in range(40)]
    claims: list[SourcedClaim] = []
    truth: dict[str, int] = {}
    for inc in range(n_incidents):
        name, gov, lat, lon = rnd.choice(places)
        day = date(2015, 1, 1) + timedelta(days=rnd.randrange(5 * 365))
        for k in range(rnd.randint(1, 4)):
            c = strike(f"s{inc}-{k}", day, {"place": name, "place_std": name, "admin1": gov,
                                            "lat": lat, "lon": lon, "geo_precision": "exact"})
            claims.append(c)
            truth[c.id] = inc
    return claims, truth


def test_blocking_is_not_all_pairs_yet_finds_every_true_pair() -> None:
    claims, truth = synthetic(800)
    s = LinkSettings.load()
    feats = features(claims, s)
    cands = candidate_pairs(feats, s)
    n = len(claims)
    assert len(cands) < n * (n - 1) / 2 / 50
    found = {(int(i), int(j)) for i, j in zip(cands.i, cands.j, strict=True)}
    for i in range(n):
        for j in range(i + 1, n):
            if truth[claims[i].id] == truth[claims[j].id]:
                assert (i, j) in found


def test_crowded_blocks_are_capped_and_counted() -> None:
    s = LinkSettings.load()
    claims = [strike(f"c{k}", D + timedelta(days=k % 3), HAJIN)
              for k in range(10 * s.max_neighbours)]
    claims += [sc(f"m{k}", date=D, date_precision="month", **HAJIN) for k in range(150)]
    cands = candidate_pairs(features(claims, s), s)
    n = len(claims)
    assert len(cands) < n * (n - 1) / 2
    assert cands.stats["cut_in_crowded_blocks"] > 0 and cands.stats["cut_coarse_or_undated"] > 0
    # 150 month-precision claims all find the first 100 day-precision ones: capped all the same
    per_claim = np.bincount(np.concatenate([cands.i, cands.j]), minlength=n)
    assert per_claim.max() == cands.stats["max_pairs_per_claim"] == s.max_pairs
    assert cands.stats["cut_over_max_pairs"] > 0


def test_a_claim_over_max_pairs_keeps_its_own_place_first_then_nearest_dates() -> None:
    s = dataclasses.replace(LinkSettings.load(), max_pairs=2)
    east = {**HAJIN, "place": "Hajin East", "place_std": "Hajin East", "lon": 40.85}  # 2 km
    claims = [strike("x", D, HAJIN), strike("a1", D + timedelta(days=3), HAJIN),
              strike("a2", D + timedelta(days=3), HAJIN), strike("b", D, east)]
    full = candidate_pairs(features(claims, s), LinkSettings.load())
    assert len(full) == 6
    cands = candidate_pairs(features(claims, s), s)
    kept = {(claims[i].report.id, claims[j].report.id) for i, j in zip(cands.i, cands.j,
                                                                       strict=True)}
    assert kept == {("x", "a1"), ("x", "a2"), ("a1", "a2")}
    assert cands.stats["cut_over_max_pairs"] == 3


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic_incidents_are_rebuilt(seed: int) -> None:
    claims, truth = synthetic(300, seed)
    result = link_claims(claims)
    by_incident: dict[str, set[int]] = {}
    for c in claims:
        by_incident.setdefault(result.incidents[c.id], set()).add(truth[c.id])
    mixed = sum(1 for v in by_incident.values() if len(v) > 1)
    assert mixed <= len(by_incident) * 0.02
    assert len(by_incident) <= len(set(truth.values())) * 1.05


def test_pairing_days_bound_what_a_claim_can_pair_with() -> None:
    from datetime import date

    from civcas.link import default_settings
    from civcas.link.compare import pairing_days
    from civcas.model import Claim, Report, SourcedClaim

    s = default_settings()
    w = s.date_window
    dated = SourcedClaim("r/1", Report(text="x", id="r"), Claim(date=date(2020, 3, 10),
                                                                 date_precision="day"))
    assert pairing_days(dated, s) == (date(2020, 3, 10 - w), date(2020, 3, 10 + w))
    month = SourcedClaim("m/1", Report(text="x", id="m"), Claim(date=date(2020, 3, 10),
                                                                date_precision="month"))
    lo, hi = pairing_days(month, s)  # type: ignore[misc]
    assert lo <= date(2020, 3, 1) and hi >= date(2020, 3, 31)
    undated = SourcedClaim("u/1", Report(text="x", id="u", published=date(2020, 3, 10)), Claim())
    lo, hi = pairing_days(undated, s)  # type: ignore[misc]
    assert hi == date(2020, 3, 10 + w) and (date(2020, 3, 10) - lo).days == s.undated_lookback + w
    assert pairing_days(SourcedClaim("n/1", Report(text="x", id="n"), Claim()), s) is None
