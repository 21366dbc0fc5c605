"""End-to-end extraction on reports written for these tests, and properties on any text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract import extract_report
from civcas.model import CLAIM_FIELDS, Report

TWO_INCIDENTS = (
    "Strikes kill civilians in two villages\n\n"
    "On 12 March 2019, warplanes believed to belong to the US-led coalition struck houses in "
    "Hajin, killing 14 civilians, including 6 children and 3 women, activists said.\n\n"
    "Two days earlier, regime forces shelled Saraqib in the Idlib countryside on 10 March 2019, "
    "killing at least 4 people and wounding 9 others."
)


def claims(text: str, published: date | None = None) -> list:
    return extract_report(Report(text=text, lang="en", published=published)).claims


def test_two_incidents_are_told_apart() -> None:
    first, second = claims(TWO_INCIDENTS)
    assert (first.date, first.place_std, first.admin1) == (
        date(2019, 3, 12),
        "Hajin",
        "Deir ez-Zor",
    )
    assert (first.killed_min, first.killed_max, first.civilians_killed_min) == (14, 14, 14)
    assert (first.children_killed_min, first.women_killed_min) == (6, 3)
    assert (first.event_type, first.perpetrator, first.attribution) == (
        "airstrike",
        "US-led coalition",
        "alleged",
    )
    assert second.date == date(2019, 3, 10)
    assert second.admin1 == "Idlib"
    assert (second.killed_min, second.killed_max, second.injured_min) == (4, None, 9)
    assert (second.event_type, second.perpetrator, second.attribution) == (
        "shelling",
        "Syrian government",
        "asserted",
    )


def test_relative_date_needs_publication() -> None:
    text = "Yesterday, Russian jets bombed a market in Maarat al-Numan, killing 7 civilians."
    (undated,) = claims(text)
    assert undated.date is None
    (dated,) = claims(text, published=date(2019, 5, 2))
    assert dated.date == date(2019, 5, 1) and dated.date_precision == "day"


def test_unidentified_perpetrator_and_names() -> None:
    text = (
        "Unidentified aircraft bombed Al-Baghuz Fawqani on 2 February 2019, killing more than "
        "20 civilians. The victims were identified as Salim Khalaf Al-Hamad and his family, "
        "and Noura Ahmad Al-Hamad."
    )
    (c,) = claims(text)
    assert (c.perpetrator, c.attribution) == ("unknown", "unknown")
    assert (c.killed_min, c.killed_max) == (21, None)
    assert c.victim_names == ["Salim Khalaf Al-Hamad", "Noura Ahmad Al-Hamad"]
    assert c.admin1 == "Deir ez-Zor"


def test_denial_is_carried() -> None:
    text = (
        "Monitors said a coalition air strike killed 5 civilians in Hajin on 3 January 2019. "
        "The coalition denied that it carried out any strike in the area."
    )
    (c,) = claims(text)
    assert (c.perpetrator, c.attribution) == ("US-led coalition", "denied")


def test_no_incident_in_opinion() -> None:
    text = (
        "Donors meet to discuss reconstruction\n\nMinisters met in Brussels on Tuesday to "
        "discuss funding for schools and hospitals, and called for a political solution."
    )
    assert claims(text) == []


def test_every_value_has_evidence_inside_the_text() -> None:
    for c in claims(TWO_INCIDENTS):
        d = c.to_dict()
        for name in CLAIM_FIELDS:
            if name == "victim_names":
                assert len(d["evidence"].get(name, [])) == len(d[name])
            elif d[name] is not None:
                start, end = d["evidence"][name]
                assert 0 <= start < end <= len(TWO_INCIDENTS), name


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600), st.sampled_from(["en", "ar"]), st.none() | st.dates())
def test_never_raises_and_spans_inside(text: str, lang: str, published: date | None) -> None:
    result = extract_report(Report(text=text, lang=lang, published=published))
    for c in result.claims:
        for span in list(c.evidence.values()) + c.victim_evidence:
            assert 0 <= span.start <= span.end <= len(text)


WORDS = st.sampled_from(
    "killed civilians coalition warplanes shelled Hajin Raqqa at least more than 12 dozens "
    "yesterday Friday 3 January 2019 believed reportedly denied unidentified aircraft and his "
    "wife named Al-Baghuz , . \n including children women wounded".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=80).map(" ".join), st.none() | st.dates())
def test_never_raises_on_report_like_text(text: str, published: date | None) -> None:
    result = extract_report(Report(text=text, lang="en", published=published))
    for c in result.claims:
        for span in list(c.evidence.values()) + c.victim_evidence:
            assert 0 <= span.start <= span.end <= len(text)


def test_blanket_denial_elsewhere_is_not_a_denial_of_this_incident() -> None:
    text = (
        "Warplanes believed to belong to the coalition killed 6 civilians in Hajin on "
        "4 January 2019.\n\nRelief groups sent tents to the camps in the north.\n\n"
        "Medical teams lack fuel and medicine in most clinics.\n\n"
        "Over the years, the coalition has denied that its strikes kill civilians."
    )
    (c,) = claims(text)
    assert (c.perpetrator, c.attribution) == ("US-led coalition", "alleged")


def test_fighters_in_clashes_are_another_incident() -> None:
    text = (
        "Coalition warplanes killed 7 civilians in Hajin on 6 May 2019.\n\n"
        "The clashes between the two sides killed 12 members of the Islamic State group."
    )
    strike, clash = claims(text)
    assert (strike.killed_min, strike.civilians_killed_min) == (7, 7)
    assert (clash.killed_min, clash.civilians_killed_min) == (12, None)
    assert clash.event_type == "ground_attack"


def test_a_later_toll_statement_joins_its_incident() -> None:
    text = (
        "Warplanes bombed a crowd near Hajin on 9 March 2019.\n\n"
        "A later review found that the number of dead was about 30."
    )
    (c,) = claims(text)
    assert (c.killed_min, c.killed_max) == (30, 30)
    assert c.date == date(2019, 3, 9)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "civilians", "words"),
    [
        ("Activists documented the death of a woman and a young man in shelling on Ariha.",
         "en", 2, 1, "a woman and a young man"),
        ("A woman and her child were killed in shelling on Ariha.", "en", 2, 2,
         "A woman and her child"),
        ("استشهاد طفل وامرأة بقصف مدفعي على أريحا", "ar", 2, 2, "طفل وامرأة"),
        ("مقتل ثلاثة أطفال وأمهم وطفل آخر بقصف على أريحا", "ar", 5, 5,
         "ثلاثة أطفال وأمهم وطفل"),
        # a total is its own toll; the people after it break it down
        ("Shelling killed 3 civilians, a woman and two children, in Ariha.", "en", 3, 3,
         "3 civilians"),
    ],
)
def test_people_told_one_after_another_are_the_toll(
    text: str, lang: str, killed: int, civilians: int, words: str
) -> None:
    (claim,) = extract_report(Report(text=text, lang=lang)).claims
    assert (claim.killed_min, claim.civilians_killed_min) == (killed, civilians)
    assert claim.evidence["killed_min"].of(text) == words


def test_the_injured_told_one_after_another_are_counted_together() -> None:
    text = "أصيب رجل وابنه بقصف مدفعي على أريحا"
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.injured_min == 2 and claim.evidence["injured_min"].of(text) == "رجل وابنه"
