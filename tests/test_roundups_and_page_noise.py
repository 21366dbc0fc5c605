"""Roundups, and what a page carries besides the report: a claim that tells nothing of its day
takes the day the report told before it; readers' comments under a post, a person's name and
a country the gazetteer lacks give no place; an incident never mixes claims whose days cannot
meet."""

from __future__ import annotations

from datetime import date
from typing import Any

from civcas.extract import extract_report
from civcas.link import link_claims
from civcas.model import Claim, Report, SourcedClaim

HAJIN = {"place": "Hajin", "place_std": "Hajin", "admin1": "Deir ez-Zor", "country": "SY",
         "lat": 34.6951, "lon": 40.8314, "geo_precision": "exact", "event_type": "airstrike",
         "perpetrator": "US-led coalition", "attribution": "alleged"}


def _claims(text: str, lang: str = "en", published: date | None = None) -> list[Claim]:
    return extract_report(Report(text=text, lang=lang, published=published)).claims


def _sc(report: str, published: date | None = None, **fields: Any) -> SourcedClaim:
    return SourcedClaim(f"{report}/0", Report(text="", id=report, published=published),
                        Claim(**fields))


# --------------------------------------------------------------------------- roundups


def test_a_roundup_gives_its_day_once_for_every_strike() -> None:
    text = ("On 12 March 2019, warplanes struck the town of Hajin, killing 12 civilians. "
            "Residents said the market was full. "
            "In the village of Al-Baghuz, shelling killed three children.")
    first, second = _claims(text)
    assert first.date == second.date == date(2019, 3, 12)
    assert second.evidence["date"].of(text) == first.evidence["date"].of(text)


def test_an_arabic_roundup_gives_its_weekday_and_day_once() -> None:
    text = ("قصفت قوات النظام اليوم الثلاثاء 19 أيلول بلدة كفرنبل جنوبي إدلب ما أدى لمقتل "
            "مدنيين اثنين. كما استهدف القصف بلدة سرمين وأصيب ثلاثة مدنيين بجروح.")
    claims = _claims(text, lang="ar")
    assert len(claims) == 2
    assert all(c.month_day == "--09-19" and c.weekday == 1 for c in claims)
    assert claims[1].evidence["month_day"] == claims[0].evidence["month_day"]


def test_a_claim_with_its_own_day_keeps_it() -> None:
    text = ("On 12 March 2019, warplanes struck the town of Hajin, killing 12 civilians. "
            "On 14 March 2019, shelling killed three children in the village of Al-Baghuz.")
    first, second = _claims(text)
    assert (first.date, second.date) == (date(2019, 3, 12), date(2019, 3, 14))


# --------------------------------------------------------------------------- page noise


def test_readers_comments_under_a_post_give_nothing() -> None:
    post = "استشهاد رجل بقصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب #سوريا"
    comments = ("All reactions:2401 comment2 sharesLikeCommentMost relevant مصطفى قصف بلدة "
                "سرمين وقتل ثلاثة مدنيين 1y")
    (claim,) = _claims(post + comments, lang="ar")
    assert claim.place_std == "Kafr Nabl"
    assert _claims("منشور بلا خبر " + comments, lang="ar") == []


def test_a_country_the_gazetteer_lacks_is_no_town_read_without_its_first_letter() -> None:
    (claim,) = _claims("قتل مدنيان بقصف إسرائيلي على منطقة في لبنان.", lang="ar")
    assert claim.place is None
    (claim,) = _claims("قتل مدنيان بقصف إسرائيلي على بلدة بنان.", lang="ar")
    assert claim.place_std == "Banan"


def test_a_name_after_a_title_or_a_given_name_is_a_person() -> None:
    (claim,) = _claims("A Turkish drone killed a civilian, spokesman Col. Wayne Marotto said.")
    assert claim.place is None
    (claim,) = _claims("A raid near Qamishli, targeting Rakkan Wahid al-Shammari, killed two "
                       "civilians.")
    assert claim.place_std == "Al Qamishli"


def test_an_arabic_place_name_after_a_given_name_is_the_family_name() -> None:
    (claim,) = _claims("قصفت قوات النظام قرية شيخ علي بريف حلب ما أدى لمقتل مدنيين", lang="ar")
    assert claim.place_std == "Sheikh Ali"
    claims = _claims("أسفر القصف التركي عن استشهاد الطفلة شهد محمود شيخ علي 12 عاماً", lang="ar")
    assert all(c.place_std != "Sheikh Ali" for c in claims)


# --------------------------------------------------------------------------- linking


def test_undated_reports_published_weeks_apart_are_never_one_incident() -> None:
    """Each is about some day in the weeks before it came out: those weeks do not meet."""
    november = _sc("nov", published=date(2018, 11, 24), **HAJIN, killed_min=11, killed_max=11)
    january = _sc("jan", published=date(2019, 1, 4), **HAJIN, killed_min=11, killed_max=11)
    bridge = _sc("any", **HAJIN, killed_min=11, killed_max=11)  # no day at all: could be either
    result = link_claims([november, january, bridge])
    assert result.incidents[november.id] != result.incidents[january.id]


def test_a_day_and_month_of_no_year_never_joins_a_date_months_away() -> None:
    dated = _sc("d", **HAJIN, date=date(2018, 11, 23), date_precision="day", killed_min=11,
                killed_max=11)
    third_of_january = _sc("m", **HAJIN, month_day="--01-03", killed_min=11, killed_max=11)
    bridges = [_sc(f"any{k}", **HAJIN, killed_min=11, killed_max=11) for k in range(3)]
    result = link_claims([dated, third_of_january, *bridges])
    assert result.incidents[dated.id] != result.incidents[third_of_january.id]
