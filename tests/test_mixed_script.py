"""Reports mixing scripts: an Arabic post inside an English page's furniture, a handle run
into the post's first word. The post is read, with evidence in the original text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civcas.extract import extract_report
from civcas.extract.pipeline import matching_text
from civcas.model import Report

FURNITURE = (
    "Copy link to Tweet\n\nEmbed Tweet\n\n{post}\n\n1 Like\n\nBack to top\n\nLoading seems to "
    "be taking a while. The service may be over capacity or experiencing a momentary hiccup. "
    "Try again or visit the status page for more information."
)


def test_arabic_post_in_an_english_page_is_read_in_arabic() -> None:
    post = "قصف مدفعي لقوات النظام على بلدة هجين أدى إلى مقتل ثلاثة مدنيين."
    text = FURNITURE.format(post=post)
    ex = extract_report(Report(text=text, lang="en"))
    assert ex.lang == "ar"
    (claim,) = ex.claims
    assert claim.killed_min == 3
    assert claim.evidence["place"].of(text) == "هجين"


def test_an_english_page_that_yields_claims_stays_english() -> None:
    text = "Regime shelling killed three civilians in Hajin, activists said. المصدر: ناشطون"
    ex = extract_report(Report(text=text, lang="en"))
    assert ex.lang == "en" and ex.claims[0].killed_min == 3


def test_a_page_with_nothing_in_either_script_gives_nothing() -> None:
    text = FURNITURE.format(post="صباح الخير من مدينة حلب، الطقس جميل اليوم")
    assert extract_report(Report(text=text, lang="en")).claims == []


def test_handle_glued_to_the_first_word() -> None:
    text = "Levant24 @Levant24_arشنت طائرات حربية روسية غارات على مدينة خان شيخون جنوب إدلب"
    assert matching_text(text) == text.replace("@Levant24_arشنت", "@" + " " * 11 + "شنت")
    # no cut Latin word is left behind ("Shared with Publi")
    assert matching_text("Shared with Publicشهداء") == "Shared with       شهداء"
    assert matching_text("مقتل 5قتلى") == "مقتل 5قتلى"
    (claim,) = extract_report(Report(text=text)).claims
    assert claim.event_type == "airstrike" and claim.perpetrator == "Russia"
    assert claim.evidence["perpetrator"].of(text).startswith("طائرات")
    # quotations come from the report's own text, not the matching view
    assert claim.perpetrator_evidence in text


@given(st.text())
def test_matching_text_keeps_every_offset(text: str) -> None:
    view = matching_text(text)
    assert len(view) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, view, strict=True))


def test_a_post_that_ends_with_a_link_is_no_menu_line() -> None:
    post = (
        "3 شهداء و10 جرحى بينهم أطفال جراء قصف صاروخي استهدف مدينة إعزاز شمال حلب مصدره "
        "قوات سوريا الديمقراطية #قسد.pic.twitter.com/AbCdEf"
    )
    text = FURNITURE.format(post=post).replace("\n\nBack to top", "\n\nReport Tweet\n\nBack to top")
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert (claim.killed_min, claim.injured_min, claim.perpetrator) == (3, 10, "SDF")


def test_headline_verbs_in_the_present_name_the_attacker() -> None:
    text = "غارة إسرائيلية تستهدف شقة في منطقة السيدة زينب في دمشق"
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.perpetrator == "Israel" and claim.event_type == "airstrike"


def test_a_headline_after_a_kicker_is_still_a_headline() -> None:
    # the body's "believed to belong to" account, not the headline, carries the attribution
    text = (
        "بالأسماء.. التحالف الدولي يرتكب مجزرة بحق 12 مدنيا في هجين\n"
        "شنت طائرات حربية مجهولة يرجح أنها تابعة للتحالف الدولي غارات على بلدة هجين، ما أدى "
        "إلى مقتل 12 مدنياً."
    )
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.perpetrator == "US-led coalition" and claim.attribution == "alleged"


def test_words_cut_with_tatweel_are_read_whole() -> None:
    text = "قصـ.ـف مدفعي لقوات النظام على بلدة هجـ.ـين أدى إلى مقـ.ـتل 4 مدنيين وإصـ ـابة 7."
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert (claim.killed_min, claim.injured_min, claim.event_type) == (4, 7, "shelling")
    assert claim.perpetrator == "Syrian government"
    # evidence and quotations are the report's own words, tatweel and all
    assert claim.place == claim.evidence["place"].of(text) == "هجـ.ـين"
    assert claim.evidence["event_type"].of(text).startswith("قصـ.ـف")
    assert claim.perpetrator_evidence == claim.evidence["perpetrator_evidence"].of(text)


@given(st.text(alphabet="قصفهجين مقتل 4ـ.-_\u0640abc\n#@"))
def test_evidence_stays_inside_the_text_whatever_the_tatweel(text: str) -> None:
    for claim in extract_report(Report(text=text, lang="ar")).claims:
        for span in claim.evidence.values():
            assert 0 <= span.start <= span.end <= len(text)


def test_a_dot_between_two_letters_cuts_no_word() -> None:
    text = "مقتل شخصين بهجوم لتنظيم د.اع.ش على بلدة هجين"
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert (claim.perpetrator, claim.killed_min) == ("ISIS", 2)
    assert claim.evidence["perpetrator"].of(text).endswith("د.اع.ش")


def test_a_hashtag_keeps_a_place_with_the_words_that_introduce_it() -> None:
    """"بمدينة #أريحا" is the city of Ariha, "#ريف_إدلب" the Idlib countryside: the marks are
    read as spaces, the evidence is the name as written."""
    text = "مقتل مدنيين اثنين بقصف مدفعي على مدينة #أريحا في #ريف_إدلب الجنوبي"
    view = matching_text(text)
    assert len(view) == len(text) and "#" not in view and "_" not in view
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.evidence["place"].of(text) == "أريحا"
    assert claim.admin1 == "Idlib" and claim.geo_precision == "exact"
    assert claim.killed_min == 2


def test_a_full_stop_between_two_words_is_no_cut() -> None:
    """"... النظام وروسيا.رحمه الله": the next sentence runs into the stop; "وروسيا" stays a
    word of its own and names the second attacker."""
    text = "استشهد شاب بقصف جوي لطيران النظام وروسيا.رحمه الله وصبر أهله"
    (claim,) = extract_report(Report(text=text, lang="ar")).claims
    assert claim.perpetrators == ["Syrian government", "Russia"]
    assert claim.co_perpetrators[0].span.of(text) == "وروسيا"


def test_a_list_of_related_articles_after_its_heading_says_nothing() -> None:
    """The headlines under "مقالات ذات صلة" are other articles, however few."""
    text = (
        "قتل مدنيان اليوم بقصف مدفعي لقوات النظام على بلدة سرمين شرقي إدلب.\n\n"
        "مقالات ذات صلة\n\n"
        "غارة إسرائيلية تقتل ثلاثة أشخاص في ريف دمشق\n\n"
        "مقتل طفل بانفجار لغم في ريف دير الزور"
    )
    claims = extract_report(Report(text=text, lang="ar")).claims
    assert [(c.perpetrator, c.killed_min) for c in claims] == [("Syrian government", 2)]
    english = (
        "Two civilians were killed today in regime shelling on Sarmin, east of Idlib.\n\n"
        "Related News\n\nIsraeli strike kills three people near Damascus"
    )
    claims = extract_report(Report(text=english, lang="en")).claims
    assert [c.perpetrator for c in claims] == ["Syrian government"]
