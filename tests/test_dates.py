"""Dates found and resolved, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract.dates import find_dates

PUBLISHED = date(2019, 1, 30)  # a Wednesday


def one(text: str, published: date | None = PUBLISHED):
    (mention,) = find_dates(text, "en", published)
    return mention


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Jets struck on 18 January 2019 at dawn.", "18 January 2019", date(2019, 1, 18)),
        ("Jets struck on January 18, 2019.", "January 18, 2019", date(2019, 1, 18)),
        ("Jets struck on 18 Jan. 2019.", "18 Jan. 2019", date(2019, 1, 18)),
        ("Jets struck on the 3rd of January 2019.", "3rd of January 2019", date(2019, 1, 3)),
        ("Filed 2019-01-18 by our desk.", "2019-01-18", date(2019, 1, 18)),
        ("Filed 18/01/2019 by our desk.", "18/01/2019", date(2019, 1, 18)),
    ],
)
def test_absolute(text: str, written: str, value: date) -> None:
    m = one(text)
    assert m.span.of(text) == written
    assert (m.value, m.precision, m.relative) == (value, "day", False)


def test_day_and_month_take_the_year_of_publication() -> None:
    assert one("The raid on Jan. 18 killed four.").value == date(2019, 1, 18)
    # a December date told in January is last year's
    assert one("The raid on 28 December killed four.").value == date(2018, 12, 28)
    assert one("The raid on Jan. 18 killed four.", published=None).value is None


def test_month_and_year() -> None:
    m = one("Strikes intensified in March 2019 near the river.")
    assert (m.value, m.precision) == (date(2019, 3, 1), "month")


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Today, warplanes hit the market.", date(2019, 1, 30), "day"),
        ("This morning a shell fell on the school.", date(2019, 1, 30), "day"),
        ("Yesterday a shell fell on the school.", date(2019, 1, 29), "day"),
        ("Last night a shell fell on the school.", date(2019, 1, 29), "day"),
        ("Two days ago a shell fell on the school.", date(2019, 1, 28), "day"),
        ("On Friday a shell fell on the school.", date(2019, 1, 25), "day"),
        ("On Wednesday a shell fell on the school.", date(2019, 1, 30), "day"),
        ("Last week a shell fell on the school.", date(2019, 1, 23), "week"),
    ],
)
def test_relative_to_publication(text: str, value: date, precision: str) -> None:
    m = one(text)
    assert (m.value, m.precision, m.relative) == (value, precision, True)
    assert one(text, published=None).value is None


def test_weekday_across_a_month_boundary() -> None:
    assert one("On Sunday the convoy was hit.", date(2019, 2, 1)).value == date(2019, 1, 27)


def test_anchored_dates_carry_an_offset() -> None:
    text = "Shelling on 5 March 2019 followed a raid the previous day and one three days before."
    found = find_dates(text, "en", None)
    assert [(m.span.of(text), m.kind, m.offset_days) for m in found] == [
        ("5 March 2019", "absolute", None),
        ("the previous day", "anchored", -1),
        ("three days before", "anchored", -3),
    ]


def test_modal_may_and_a_march_are_not_dates() -> None:
    assert find_dates("The toll may rise, and a march was held.", "en", PUBLISHED) == []


def test_bare_numbers_are_not_years() -> None:
    assert find_dates("The 2019 bomb weighed 500 pounds.", "en", PUBLISHED) == []
    assert one("Fighting has gone on in 2018 too.").precision == "year"


def test_long_text() -> None:
    text = "On 18 January 2019 jets struck. " * 1500
    assert len(find_dates(text, "en", PUBLISHED)) == 1500


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates())
def test_never_raises_and_spans_inside(text: str, published: date | None) -> None:
    for lang in ("en", "ar"):
        for m in find_dates(text, lang, published):
            assert 0 <= m.span.start < m.span.end <= len(text)
