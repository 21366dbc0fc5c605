"""Dates found and resolved, on sentences written for these tests."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract import dates
from civcas.extract.dates import DateMention, find_dates, parse_published
from civcas.knowledge import lexicon
from civcas.model import DATE_PRECISIONS

PUBLISHED = date(2019, 1, 30)  # a Wednesday


def one(text: str, published: date | None = PUBLISHED, lang: str = "en") -> DateMention:
    found = find_dates(text, lang, published)
    assert len(found) == 1, [m.span.of(text) for m in found]
    return found[0]


def spans(text: str, published: date | None = PUBLISHED, lang: str = "en") -> list[str]:
    return [m.span.of(text) for m in find_dates(text, lang, published)]


# --- absolute dates -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("Jets struck on 18 January 2019 at dawn.", "18 January 2019", date(2019, 1, 18)),
        ("Jets struck on January 18, 2019, at dawn.", "January 18, 2019", date(2019, 1, 18)),
        ("Jets struck on 18 Jan. 2019 at dawn.", "18 Jan. 2019", date(2019, 1, 18)),
        ("Jets struck on Jan 18 2019 at dawn.", "Jan 18 2019", date(2019, 1, 18)),
        ("Jets struck on the 3rd of January 2019.", "3rd of January 2019", date(2019, 1, 3)),
        ("Jets struck on 18-19 January 2019.", "18-19 January 2019", date(2019, 1, 18)),
        ("Filed 2019-01-18 by our desk.", "2019-01-18", date(2019, 1, 18)),
        ("Filed 2019-01-18T09:30:00Z by our desk.", "2019-01-18", date(2019, 1, 18)),
        ("Filed 18/01/2019 by our desk.", "18/01/2019", date(2019, 1, 18)),
        ("Filed 5/1/2019 by our desk.", "5/1/2019", date(2019, 1, 5)),  # day first
        ("Filed 18.01.2019 by our desk.", "18.01.2019", date(2019, 1, 18)),
        ("Filed 01/18/2019 by our desk.", "01/18/2019", date(2019, 1, 18)),  # 18 is no month
    ],
)
def test_absolute(text: str, written: str, value: date) -> None:
    for published in (PUBLISHED, None):
        m = one(text, published)
        assert m.span.of(text) == written
        assert (m.value, m.precision, m.relative, m.kind) == (value, "day", False, "absolute")


def test_day_and_month_take_the_year_that_puts_them_before_publication() -> None:
    assert one("The raid on Jan. 18 killed four.").value == date(2019, 1, 18)
    assert one("The raid on January 18 killed four.").value == date(2019, 1, 18)
    assert one("The raid on 18 January killed four.").value == date(2019, 1, 18)
    # a December date told in January is last year's
    assert one("The raid on 28 December killed four.").value == date(2018, 12, 28)
    # a 29 February goes back to the last leap year
    assert one("The raid on 29 February killed four.").value == date(2016, 2, 29)


def test_day_and_month_without_publication_date() -> None:
    assert one("The raid on Jan. 18 killed four.", None).value is None
    # the year comes from the date last given in full, the nearest across a new year
    text = "A raid on 30 December 2018 killed four; a second on January 2 killed two."
    assert [(m.span.of(text), m.value) for m in find_dates(text, "en", None)] == [
        ("30 December 2018", date(2018, 12, 30)),
        ("January 2", date(2019, 1, 2)),
    ]


def test_impossible_days_are_not_dates() -> None:
    assert spans("Filed 31/02/2019 and 45 January, then 30 February.") == []


def test_a_period_closing_the_sentence_is_not_part_of_the_date() -> None:
    text = "The market was hit on 18 Jan. Nobody was spared."
    assert one(text).span.of(text) == "18 Jan"


def test_weekday_written_with_the_date_is_part_of_it() -> None:
    text = "Shells fell on Friday, 18 January 2019, near the school."
    assert spans(text) == ["18 January 2019"]
    assert spans("Shells fell on 18 January 2019 (Friday) near the school.") == ["18 January 2019"]


def test_month_and_year() -> None:
    text = "Strikes intensified in March 2019 near the river."
    m = one(text, None)
    assert m.span.of(text) == "March 2019"
    assert (m.value, m.precision, m.kind, m.relative) == (date(2019, 3, 1), "month", "month", False)


def test_bare_years_only_as_the_date_of_something() -> None:
    m = one("The bridge was destroyed in 2019, residents said.", None)
    assert (m.value, m.precision, m.kind) == (date(2019, 1, 1), "year", "year")
    assert spans("The bridge was destroyed in the year 2015 too.") == ["in the year 2015"]
    assert spans("In 2018 Russian jets returned.") == ["In 2018"]
    assert spans("The 2019 bomb weighed 500 pounds.") == []
    assert spans("The siege resulted in 2000 deaths.") == []  # a count, not a year
    assert spans("Shelling has gone on since late 2014.") == []  # a period, not an event's date
    assert spans("Fighting in 1500 places.") == []  # four digits outside the years we take


# --- relative dates -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "written", "value", "precision"),
    [
        ("Today, warplanes hit the market.", "Today", date(2019, 1, 30), "day"),
        ("This morning a shell hit the school.", "This morning", date(2019, 1, 30), "day"),
        ("Tonight a shell hit the school.", "Tonight", date(2019, 1, 30), "day"),
        ("Yesterday a shell hit the school.", "Yesterday", date(2019, 1, 29), "day"),
        ("Last night a shell hit the school.", "Last night", date(2019, 1, 29), "day"),
        (
            "The day before yesterday a shell hit the school.",
            "The day before yesterday",
            date(2019, 1, 28),
            "day",
        ),
        ("Two days ago a shell hit the school.", "Two days ago", date(2019, 1, 28), "day"),
        ("2 days ago a shell hit the school.", "2 days ago", date(2019, 1, 28), "day"),
        ("A shell hit the school a week ago.", "a week ago", date(2019, 1, 23), "week"),
        ("On Friday a shell hit the school.", "On Friday", date(2019, 1, 25), "day"),
        ("A shell hit the school Friday.", "Friday", date(2019, 1, 25), "day"),
        ("A shell hit the school on Saturday.", "on Saturday", date(2019, 1, 26), "day"),
        ("On Monday evening a shell hit.", "On Monday evening", date(2019, 1, 28), "day"),
        ("Late on Sunday a shell hit.", "Late on Sunday", date(2019, 1, 27), "day"),
        ("Last week a shell hit the school.", "Last week", date(2019, 1, 23), "week"),
        ("This week a shell hit the school.", "This week", date(2019, 1, 30), "week"),
        ("Earlier this month a shell hit.", "Earlier this month", date(2019, 1, 1), "month"),
        ("Last month a shell hit the school.", "Last month", date(2018, 12, 1), "month"),
    ],
)
def test_relative_to_publication(text: str, written: str, value: date, precision: str) -> None:
    m = one(text)
    assert m.span.of(text) == written
    assert (m.value, m.precision, m.relative) == (value, precision, True)
    # nothing anchors a relative date without the publication date
    unanchored = one(text, None)
    assert (unanchored.value, unanchored.span) == (None, m.span)


def test_weekdays() -> None:
    # the same weekday as publication is the publication day; "last" means the week before
    assert one("On Wednesday a shell hit.").value == PUBLISHED
    assert one("Last Wednesday a shell hit.").value == date(2019, 1, 23)
    assert one("This past Sunday night a shell hit.").value == date(2019, 1, 27)
    # across a week, month and year boundary: published Tuesday 1 January 2019
    assert one("On Saturday a shell hit.", date(2019, 1, 1)).value == date(2018, 12, 29)
    assert one("On Monday a shell hit.", date(2019, 1, 1)).value == date(2018, 12, 31)
    assert one("On Tuesday a shell hit.", date(2019, 1, 1)).value == date(2019, 1, 1)
    # a datetime publication works as its date
    assert one("On Monday a shell hit.", datetime(2019, 1, 1, 23, 59)).value == date(2018, 12, 31)


def test_weekday_in_names_of_days() -> None:
    assert one("Shelling resumed after Good Friday prayers.").value == date(2019, 1, 25)
    assert spans("Prayers ended as the Friday Mosque was hit.") == []
    assert spans("Black September 1970 and the Sunday Times archive.") == []


def test_may_and_march_as_words_are_not_dates() -> None:
    assert spans("The toll may rise, and a march was held.") == []
    assert spans("The toll may 2 be higher; they march 18 km a day.") == []
    assert spans("The death toll may rise in March.") == []  # a month alone is no date
    assert spans("It was calm in May 2019 and on 3 march 2019.") == ["May 2019", "3 march 2019"]


def test_dates_counted_from_the_event_told_before() -> None:
    text = (
        "Shelling on 5 March 2019 followed a raid the previous day, another three days before "
        "and a third a week earlier; two months later the town was empty."
    )
    found = find_dates(text, "en", None)
    assert [(m.span.of(text), m.kind, m.precision, m.offset_days) for m in found] == [
        ("5 March 2019", "absolute", "day", None),
        ("the previous day", "anchored", "day", -1),
        ("three days before", "anchored", "day", -3),
        ("a week earlier", "anchored", "week", -7),
    ]
    assert all(m.value is None for m in found[1:])


# --- Arabic -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        # Levantine month names with Arabic-Indic digits
        (
            "قصفت الطائرات القرية في ١٨ كانون الثاني ٢٠١٩ ليلا",
            "١٨ كانون الثاني ٢٠١٩",
            (2019, 1, 18),
        ),
        ("قصفت الطائرات القرية في ٣ تشرين الأول ٢٠١٨", "٣ تشرين الأول ٢٠١٨", (2018, 10, 3)),
        ("قصفت الطائرات القرية في ٧ آب ٢٠١٧ ليلا", "٧ آب ٢٠١٧", (2017, 8, 7)),
        # Egyptian month names, Latin and Arabic-Indic digits
        ("قصفت الطائرات القرية في ١٨ يناير ٢٠١٩ صباحا", "١٨ يناير ٢٠١٩", (2019, 1, 18)),
        ("قصفت الطائرات القرية في 22 ديسمبر 2018", "22 ديسمبر 2018", (2018, 12, 22)),
        # both names, a joiner, the Gregorian mark, other spellings of hamza
        ("قصفت الطائرات القرية في 18 كانون الثاني/يناير 2019م", None, (2019, 1, 18)),
        ("قصفت الطائرات القرية في 5 من شهر ايلول 2016", "5 من شهر ايلول 2016", (2016, 9, 5)),
        ("قصفت الطائرات القرية في 15 أيار (مايو) 2017", "15 أيار (مايو) 2017", (2017, 5, 15)),
        ("قصفت الطائرات القرية بتاريخ ١٥-٠٥-٢٠١٧", "١٥-٠٥-٢٠١٧", (2017, 5, 15)),
    ],
)
def test_arabic_absolute(text: str, written: str | None, value: tuple[int, int, int]) -> None:
    m = one(text, None, "ar")
    assert m.span.of(text) == (written or text[text.index("18") :])
    assert (m.value, m.precision, m.kind) == (date(*value), "day", "absolute")


def test_arabic_month_and_year() -> None:
    text = "تصاعد القصف في شهر آذار ٢٠١٨ وفي عام 2019"
    assert [(m.span.of(text), m.value, m.precision) for m in find_dates(text, "ar")] == [
        ("شهر آذار ٢٠١٨", date(2018, 3, 1), "month"),  # "شهر" belongs to the date
        ("في عام 2019", date(2019, 1, 1), "year"),
    ]
    assert spans("تتعرض المنطقة للقصف منذ عام 2011", None, "ar") == []


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("قصفت الطائرات القرية أمس", "أمس", date(2019, 1, 29)),
        ("قصفت الطائرات القرية وأمس سقط صاروخ", "أمس", date(2019, 1, 29)),
        ("قصفت الطائرات القرية بالأمس", "الأمس", date(2019, 1, 29)),
        ("قصفت الطائرات القرية مساء أمس", "مساء أمس", date(2019, 1, 29)),
        ("قصفت الطائرات القرية البارحة", "البارحة", date(2019, 1, 29)),
        ("قصفت الطائرات القرية اليوم", "اليوم", date(2019, 1, 30)),
        ("قصفت الطائرات القرية فجر اليوم", "فجر اليوم", date(2019, 1, 30)),
        ("قصفت الطائرات القرية منذ يومين", "منذ يومين", date(2019, 1, 28)),
        ("قصفت الطائرات القرية منذ ثلاثة أيام", "منذ ثلاثة أيام", date(2019, 1, 27)),
        ("قصفت الطائرات القرية منذ ٣ أيام", "منذ ٣ أيام", date(2019, 1, 27)),
        ("قصفت الطائرات القرية يوم الجمعة", "يوم الجمعة", date(2019, 1, 25)),
        ("قصفت الطائرات القرية فجر السبت", "فجر السبت", date(2019, 1, 26)),
        ("قصفت الطائرات القرية يوم الإثنين", "يوم الإثنين", date(2019, 1, 28)),
        ("قصفت الطائرات القرية يوم الاثنين", "يوم الاثنين", date(2019, 1, 28)),
        ("قصفت الطائرات القرية الأربعاء الماضي", "الأربعاء الماضي", date(2019, 1, 23)),
        ("قصفت الطائرات القرية يوم الجُمعة", "يوم الجُمعة", date(2019, 1, 25)),  # a vowel mark
        ("قصفت الطائرات القرية الأسبوع الماضي", "الأسبوع الماضي", date(2019, 1, 23)),
    ],
)
def test_arabic_relative(text: str, written: str, value: date) -> None:
    m = one(text, PUBLISHED, "ar")
    assert (m.span.of(text), m.value, m.relative) == (written, value, True)
    assert one(text, None, "ar").value is None


def test_arabic_words_that_are_not_dates_of_this_report() -> None:
    # "the next day" counts from the event told before; a world day is no date
    m = one("وفي اليوم التالي قصفت الطائرات السوق", PUBLISHED, "ar")
    assert (m.kind, m.offset_days) == ("anchored", 1)
    assert spans("احتفل الأهالي باليوم العالمي للطفل", PUBLISHED, "ar") == []
    # three days before the attack, not before publication
    assert spans("نزح الأهالي قبل ثلاثة أيام من الهجوم", PUBLISHED, "ar") == []


# --- publication dates --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-30T10:00:00Z", date(2019, 1, 30)),
        ("2019-01-30 10:00:00+03:00 2019-02-01 09:00:00+03:00", date(2019, 1, 30)),
        ("January 30, 2019", date(2019, 1, 30)),
        ("Wed, 30 Jan 2019 10:00:00 GMT", date(2019, 1, 30)),
        ("30/01/2019", date(2019, 1, 30)),
        ("23 نوفمبر 2025", date(2025, 11, 23)),
        ("٢٣ تشرين الثاني ٢٠٢٥", date(2025, 11, 23)),
        (date(2019, 1, 30), date(2019, 1, 30)),
        (datetime(2019, 1, 30, 8, 0), date(2019, 1, 30)),
        ("Jan 30", None),  # no year: never guessed
        ("yesterday", None),
        ("", None),
        (None, None),
        ("2019-02-30", None),
    ],
)
def test_parse_published(value: str | date | None, expected: date | None) -> None:
    assert parse_published(value) == expected


# --- any language, any text -----------------------------------------------------------------------
def test_language_without_a_lexicon_still_reads_numeric_dates() -> None:
    text = "Publié le 2019-01-18, frappe du 18/01/2019 hier."
    assert spans(text, PUBLISHED, "xx") == ["2019-01-18", "18/01/2019"]


def test_user_lexicon_adds_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "dates.toml").write_text(
        '[relative]\n"at first light today" = { days = 0 }\n', encoding="utf-8"
    )
    monkeypatch.setenv("CIVCAS_LEXICONS", str(tmp_path))
    lexicon.load.cache_clear()
    dates._grammar.cache_clear()
    try:
        assert one("At first light today the road was hit.").value == PUBLISHED
        assert one("Yesterday the road was hit.").value == date(2019, 1, 29)  # bundled words stay
    finally:
        monkeypatch.delenv("CIVCAS_LEXICONS")
        lexicon.load.cache_clear()
        dates._grammar.cache_clear()


@pytest.mark.parametrize("published", [date.min, date.max])
def test_publication_at_the_ends_of_the_calendar(published: date) -> None:
    text = "On Friday, two years ago, last month, on Jan. 18 and 3 January: shelling."
    assert len(find_dates(text, "en", published)) == 5


def test_long_text() -> None:
    sentence = "On 18 January 2019 jets struck; yesterday the toll may rise, residents said. "
    text = sentence * (50_000 // len(sentence) + 1)
    start = time.perf_counter()
    found = find_dates(text, "en", PUBLISHED)
    elapsed = time.perf_counter() - start
    assert len(found) == 2 * text.count("On 18 January")
    assert elapsed < 1.0  # about 5 ms on a laptop; generous for slow CI machines


# Words that start or end date forms, to reach the corners of the patterns; with odd letters: a
# capital whose lower case is two characters, tatweel and a vowel mark.
DATE_WORDS = (
    "on Friday 18 January 2019 Jan. may in two days ago last week / - ١٨ كانون الثاني ٢٠١٩ أمس "
    "منذ يومين اليوم يوم الجمعة 29 February , . İ \u0640 \u064e"
).split()


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=300) | st.lists(st.sampled_from(DATE_WORDS), max_size=40).map(" ".join),
    st.sampled_from(["en", "ar"]),
    st.none() | st.dates(),
)
def test_never_raises_and_spans_lie_inside(text: str, lang: str, published: date | None) -> None:
    found = find_dates(text, lang, published)
    previous_end = 0
    for m in found:
        assert previous_end <= m.span.start < m.span.end <= len(text)
        previous_end = m.span.end
        assert m.precision in DATE_PRECISIONS
        assert m.value is None or isinstance(m.value, date)
        assert m.kind in ("absolute", "relative", "weekday", "month", "year", "anchored")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_parse_published_never_raises(value: str) -> None:
    result = parse_published(value)
    assert result is None or isinstance(result, date)


@pytest.mark.parametrize(
    ("text", "written", "value", "precision"),
    [
        # ordinal days, with a named month, a year or a month counted from publication
        ("قتل مدنيان في الثالث من شهر كانون الثاني الجاري", "الثالث من شهر كانون الثاني الجاري",
         date(2019, 1, 3), "day"),
        ("قصفت الطائرات القرية في العاشر من آذار 2018", "العاشر من آذار 2018",
         date(2018, 3, 10), "day"),
        ("قصفت الطائرات البلدة في الخامس عشر من الشهر الماضي", "الخامس عشر من الشهر الماضي",
         date(2018, 12, 15), "day"),
        ("قتل مدني في 18 من الشهر الجاري", "18 من الشهر الجاري", date(2019, 1, 18), "day"),
        # a month named with no year: this year's, or the last one before publication
        ("قصف في كانون الثاني الجاري", "كانون الثاني الجاري", date(2019, 1, 1), "month"),
        ("قصف في آذار الماضي", "آذار الماضي", date(2018, 3, 1), "month"),
        # the middle of a month is a date to within a few days
        ("قتل ثلاثة في منتصف شهر تموز الماضي", "منتصف شهر تموز الماضي",
         date(2018, 7, 15), "week"),
    ],
)
def test_arabic_ordinal_days_and_counted_months(
    text: str, written: str, value: date, precision: str
) -> None:
    m = one(text, PUBLISHED, "ar")
    assert (m.span.of(text), m.value, m.precision) == (written, value, precision)


def test_arabic_day_a_source_spoke_is_not_the_event_date() -> None:
    text = "أفاد المرصد، اليوم الأربعاء، بأن مدنيين قتلوا مساء أمس بقصف على القرية"
    found = find_dates(text, "ar", PUBLISHED)
    kinds = {m.span.of(text): m.kind for m in found}
    assert kinds["اليوم"] == "said" and kinds["الأربعاء"] == "said"
    assert kinds["مساء أمس"] == "relative"


def test_arabic_event_date_wins_over_the_day_a_source_spoke() -> None:
    from civcas.extract import extract_report
    from civcas.model import Report

    text = (
        "أفاد ناشطون، اليوم الأربعاء، بأن ثلاثة مدنيين قتلوا مساء أمس جراء غارة جوية "
        "استهدفت بلدة هجين بريف دير الزور الشرقي."
    )
    (claim,) = extract_report(Report(text=text, lang="ar", published=PUBLISHED)).claims
    assert claim.date == date(2019, 1, 29)
    assert text[slice(*claim.evidence["date"].as_list())] == "مساء أمس"
