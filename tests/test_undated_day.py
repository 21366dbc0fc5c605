"""What a report without a publication date gives of an incident's day when no date can be
read: the weekday ("Today, Friday, ...") and a day and month of unknown year ("6 October"):
read with their evidence, stored, exported, and weighed by linking."""

from __future__ import annotations

from datetime import date

from helpers import claims_of as _claims

from civcas.link import score_pair
from civcas.model import Claim, Extraction, Report, SourcedClaim, Span
from civcas.store.ledger import Ledger

HAJIN = {"place": "Hajin", "place_std": "Hajin", "admin1": "Deir ez-Zor", "country": "SY",
         "lat": 34.6951, "lon": 40.8314, "geo_precision": "exact", "event_type": "airstrike"}



def test_undated_report_gives_the_weekday_with_its_evidence() -> None:
    text = "Today, Friday, warplanes struck the town of Hajin, killing 12 civilians."
    (claim,) = _claims(text)
    assert claim.date is None
    assert claim.weekday == 4
    assert claim.evidence["weekday"].of(text) == "Friday"
    assert claim.to_dict()["weekday"] == "Friday"
    assert Claim.from_dict(claim.to_dict()).weekday == 4


def test_arabic_weekday_in_brackets() -> None:
    text = "شنت طائرات حربية (الجمعة) غارات جوية على بلدة هجين، ما أدى إلى مقتل 12 مدنياً."
    (claim,) = _claims(text, lang="ar")
    assert claim.date is None and claim.weekday == 4


def test_the_day_a_source_spoke_is_no_weekday_of_the_strike() -> None:
    text = "Warplanes struck Hajin, killing 12 civilians, SANA reported on Saturday."
    (claim,) = _claims(text)
    assert claim.weekday is None


def test_a_dated_claim_carries_no_weekday_of_its_own() -> None:
    text = "Today, Friday, warplanes struck the town of Hajin, killing 12 civilians."
    (claim,) = _claims(text, published=date(2019, 2, 1))
    assert claim.date == date(2019, 2, 1) and claim.weekday is None
    assert "weekday" not in claim.to_dict()


def test_day_and_month_without_a_year() -> None:
    text = "قصف مدفعي على بلدة هجين، اليوم الجمعة 6 تشرين الأول، ما أدى إلى مقتل 5 مدنيين."
    (claim,) = _claims(text, lang="ar")
    assert claim.date is None
    assert claim.month_day == "--10-06" and claim.weekday == 4
    assert claim.evidence["month_day"].of(text) == "6 تشرين الأول"
    assert claim.evidence["weekday"].of(text) == "الجمعة"
    again = Claim.from_dict(claim.to_dict())
    assert (again.month_day, again.weekday) == ("--10-06", 4)
    assert again.evidence["month_day"] == claim.evidence["month_day"]


def test_english_day_and_month_without_a_year() -> None:
    text = "Warplanes struck Hajin on Friday, 6 October, killing 5 civilians."
    (claim,) = _claims(text)
    assert (claim.month_day, claim.weekday) == ("--10-06", 4)
    # with a publication date the year is known: a date, nothing partial
    (dated,) = _claims(text, published=date(2017, 10, 7))
    assert dated.date == date(2017, 10, 6)
    assert dated.month_day is None and dated.weekday is None


def test_a_malformed_day_and_month_is_not_read_back() -> None:
    assert Claim.from_dict({"month_day": "--13-40"}).month_day is None
    assert Claim.from_dict({"month_day": "October 6"}).month_day is None


def _sc(report: str, weekday: int | None = None, day: date | None = None,
        published: date | None = None, month_day: str | None = None) -> SourcedClaim:
    claim = Claim(**HAJIN, killed_min=12)
    if month_day is not None:
        claim.set("month_day", month_day, Span(0, 1))
    if day is not None:
        claim.set("date", day, Span(0, 1))
        claim.set("date_precision", "day", Span(0, 1))
    if weekday is not None:
        claim.set("weekday", weekday, Span(0, 1))
    return SourcedClaim(f"{report}/1", Report(text="", id=report, published=published), claim)


def test_linking_weighs_the_weekday_of_undated_claims() -> None:
    friday = _sc("a", weekday=4)
    assert "date:same_weekday" in score_pair(friday, _sc("b", weekday=4)).reasons
    assert "date:next_weekday" in score_pair(friday, _sc("c", weekday=5)).reasons
    # Monday and Sunday are a day apart too: the week wraps
    assert "date:next_weekday" in score_pair(_sc("d", weekday=0), _sc("e", weekday=6)).reasons
    assert score_pair(friday, _sc("f", weekday=1)).reasons["date:other_weekday"] < 0
    # against a day date: 1 February 2019 was a Friday, 5 February a Tuesday
    assert "date:same_weekday" in score_pair(friday, _sc("g", day=date(2019, 2, 1))).reasons
    assert "date:other_weekday" in score_pair(friday, _sc("h", day=date(2019, 2, 5))).reasons
    # no weekday on one side: as before
    assert "date:undated_unknown" in score_pair(friday, _sc("i")).reasons


def test_linking_weighs_a_day_and_month_without_a_year() -> None:
    october_6 = _sc("a", month_day="--10-06")
    assert "date:same_day" in score_pair(october_6, _sc("b", day=date(2017, 10, 6))).reasons
    assert "date:same_day" in score_pair(october_6, _sc("c", month_day="--10-06")).reasons
    assert "date:one_day" in score_pair(october_6, _sc("d", day=date(2023, 10, 7))).reasons
    assert "date:far" in score_pair(october_6, _sc("e", day=date(2017, 11, 20))).reasons
    # the year wraps: 31 December and 1 January are a day apart
    assert "date:one_day" in score_pair(
        _sc("f", month_day="--12-31"), _sc("g", day=date(2019, 1, 1))
    ).reasons
    # 6 October 2017 was a Friday, 6 October 2018 a Saturday: a Friday 6 October is not 2018's
    friday = _sc("h", month_day="--10-06", weekday=4)
    assert "date:same_day" in score_pair(friday, _sc("i", day=date(2017, 10, 6))).reasons
    assert "date:far" in score_pair(friday, _sc("j", day=date(2018, 10, 6))).reasons


def test_publication_dates_that_rule_a_pair_out_come_first() -> None:
    # the same weekday does not save a claim dated weeks after the undated report came out
    friday = _sc("a", weekday=4, published=date(2019, 1, 4))
    later = _sc("b", day=date(2019, 3, 1))
    assert "date:undated_apart" in score_pair(friday, later).reasons


def test_ledger_keeps_the_weekday_and_day(db: str) -> None:
    text = "Today, Friday 6 October, warplanes struck the town of Hajin, killing 12 civilians."
    (claim,) = _claims(text)
    ledger = Ledger(db)
    ledger.add_extraction(Extraction(report=Report(text=text, id="r1"), lang="en",
                                     claims=[claim]))
    (sourced,) = ledger.pending_claims()
    assert (sourced.claim.weekday, sourced.claim.month_day) == (4, "--10-06")
    assert sourced.claim.evidence["weekday"].of(text) == "Friday"
    assert sourced.claim.evidence["month_day"].of(text) == "6 October"
    ledger.close()


def test_the_year_written_elsewhere_that_fits_the_weekday_dates_the_claim() -> None:
    # 6 October fell on a Friday in 2023, not in 2020: of the two years the report writes,
    # only 2023 fits, so the claim is dated, with the day and month as its evidence
    text = ("قصف مدفعي على بلدة هجين، اليوم الجمعة 6 تشرين الأول، ما أدى إلى مقتل 5 مدنيين.\n"
            "وكانت البلدة قد تعرضت لقصف مماثل في عام 2020، وتجدد القصف منذ مطلع عام ٢٠٢٣.")
    (claim,) = _claims(text, lang="ar")
    assert claim.date == date(2023, 10, 6) and claim.date_precision == "day"
    assert claim.evidence["date"].of(text) == "6 تشرين الأول"
    assert claim.month_day is None and claim.weekday is None


def test_two_years_that_fit_the_weekday_leave_the_day_undated() -> None:
    # 6 October was a Friday in 2017 and in 2023: the report does not say which
    text = ("Today, Friday 6 October, warplanes struck Hajin, killing 12 civilians. "
            "The town was also shelled in 2017 and again in 2023.")
    (claim,) = _claims(text)
    assert claim.date is None
    assert (claim.month_day, claim.weekday) == ("--10-06", 4)


def test_a_year_that_does_not_fit_the_weekday_gives_no_date() -> None:
    text = ("Today, Friday 6 October, warplanes struck Hajin, killing 12 civilians. "
            "The town was shelled in 2018.")
    (claim,) = _claims(text)
    assert claim.date is None and claim.month_day == "--10-06"


def test_an_undated_report_is_weighed_by_the_day_it_came_out() -> None:
    # no date in its words, published on 1 February: mostly a report of that day's strike
    post = _sc("a", published=date(2019, 2, 1))
    assert "date:undated_same_day" in score_pair(post, _sc("b", day=date(2019, 2, 1))).reasons
    assert "date:undated_next_day" in score_pair(post, _sc("c", day=date(2019, 1, 31))).reasons
    assert "date:undated_fits" in score_pair(post, _sc("d", day=date(2019, 1, 20))).reasons
    # two undated reports out the same day
    other = _sc("e", published=date(2019, 2, 1))
    assert "date:undated_same_day" in score_pair(post, other).reasons
    # a week date says nothing of the day
    week = _sc("f", day=date(2019, 2, 1))
    week.claim.set("date_precision", "week", Span(0, 1))
    assert "date:undated_fits" in score_pair(post, week).reasons
    same = score_pair(post, _sc("g", day=date(2019, 2, 1)))
    assert same.reasons["date:undated_same_day"] > 0
