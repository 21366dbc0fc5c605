"""Twin villages and their bare name are one place for linking; a post's hashtag names its
attacker; an attack noun's actor followed by what was attacked is the attacker; a person noun
that an adjective makes civilian counts civilians."""

from __future__ import annotations

from datetime import date

import pytest
from helpers import claims_of
from helpers import sourced as _sc

from civcas.extract import extract_report
from civcas.extract.places import find_places
from civcas.link import link_claims, score_pair
from civcas.model import Claim, Report

BAGHUZ = {"admin1": "Deir ez-Zor", "country": "SY", "lat": 34.5339, "lon": 41.0031,
          "geo_precision": "district", "event_type": "airstrike",
          "perpetrator": "US-led coalition", "attribution": "asserted"}


def _claims(text: str, lang: str = "ar", published: date | None = None) -> list[Claim]:
    return claims_of(text, lang, published)



# --------------------------------------------------------------------------- twin villages


def test_twin_villages_and_their_bare_name_are_side_by_side() -> None:
    lower = _sc("a", place="الباغوز تحتاني", place_std="Al Baghuz Tahtani", killed_min=20,
                killed_max=20, weekday=4, **BAGHUZ)
    bare = _sc("b", place="Al-Baghuz", place_std="Al Baghuz", date=date(2019, 1, 18),
               date_precision="day", killed_min=21, **BAGHUZ)
    link = score_pair(lower, bare)
    assert link.reasons["place:twin"] == 4.0
    # the undated report and the dated one share a block, and link
    result = link_claims([lower, bare])
    assert result.incidents[lower.id] == result.incidents[bare.id]


def test_twins_placed_exactly_are_measured_and_other_names_are_not_twins() -> None:
    upper = _sc("a", place_std="Al Baghuz Fawqani", **BAGHUZ)
    other = _sc("b", place_std="Al Susah", **BAGHUZ)
    assert "place:twin" not in score_pair(upper, other).reasons
    exact = {**BAGHUZ, "geo_precision": "exact"}
    near = _sc("c", place_std="Al Baghuz Tahtani", **exact)
    far = _sc("d", place_std="Al Baghuz", **{**exact, "lat": 34.60})
    reasons = score_pair(near, far).reasons
    assert "place:twin" not in reasons and "place:km_10" in reasons


# --------------------------------------------------------------------------- attackers


def test_a_hashtag_of_the_post_names_its_attacker() -> None:
    text = ("إصابات بين المدنيين في مدينة إدلب بعد غارات جوية استهدفت حي الثورة اليوم. "
            "#العدوان_الروسي #إدلب")
    (claim,) = _claims(text, published=date(2024, 12, 1))
    assert claim.perpetrator == "Russia"
    assert claim.perpetrator_evidence == "العدوان_الروسي"


def test_an_actor_named_in_the_sentence_comes_before_the_hashtag() -> None:
    text = ("قصفت قوات النظام مدينة إدلب اليوم ما أدى لمقتل ثلاثة مدنيين. #العدوان_الروسي")
    (claim,) = _claims(text, published=date(2024, 12, 1))
    assert claim.perpetrator == "Syrian government"


def test_a_word_without_a_hashtag_names_no_attacker_of_another_sentence() -> None:
    text = ("إصابات بين المدنيين في مدينة إدلب بعد غارات جوية استهدفت حي الثورة اليوم. "
            "العدوان الروسي مستمر منذ سنوات")
    (claim,) = _claims(text, published=date(2024, 12, 1))
    assert claim.perpetrator is None


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # what was attacked follows the actor: the actor is the attacker
        ("ثلاثة شهداء حصيلة استهداف قوات النظام السوري مدينة إدلب بالمدفعية الثقيلة.",
         "Syrian government"),
        ("مقتل ثلاثة مدنيين في إدلب باستهداف قوات النظام منازل المدنيين.", "Syrian government"),
        # a preposition before the place: the actor was the one attacked
        ("مقتل ثلاثة عناصر باستهداف قوات النظام بمدينة إدلب.", None),
        ("مقتل ثلاثة عناصر باستهداف قوات النظام في ريف إدلب.", None),
    ],
)
def test_the_actor_of_an_attack_noun_before_what_was_attacked(
    text: str, perpetrator: str | None
) -> None:
    (claim,) = _claims(text)
    assert claim.perpetrator == perpetrator


# --------------------------------------------------------------------------- civilians


@pytest.mark.parametrize(
    ("text", "civilians"),
    [
        ("الرقة: قتل شخصان مدنيان وأصيب ثالث فجر اليوم بعد عملية مداهمة.", 2),
        ("قتل ثلاثة أشخاص مدنيين بقصف مدفعي على مدينة الرقة.", 3),
        ("مقتل شاب مدني بقصف مدفعي على مدينة الرقة.", 1),
        ("مقتل أربعة أشخاص بقصف مدفعي على مدينة الرقة.", None),
    ],
)
def test_a_person_noun_with_the_civilian_adjective_counts_civilians(
    text: str, civilians: int | None
) -> None:
    (claim,) = _claims(text)
    assert claim.civilians_killed_min == civilians
    assert claim.killed_min is not None


@pytest.mark.parametrize(
    ("text", "killed", "women", "injured"),
    [
        # the noun alone is the count and its outcome
        ("شهيد بقصف مدفعي على بلدة كنصفرة", 1, None, None),
        ("شهيدة وعدد من الجرحى بقصف مدفعي على بلدة كنصفرة", 1, 1, None),
        ("شهيدتان بقصف مدفعي على بلدة كنصفرة", 2, 2, None),
        ("قتيل وجريحان بقصف مدفعي على بلدة كنصفرة", 1, None, 2),
        ("ارتقى محمد الفارس شهيداً بقصف مدفعي على بلدة كنصفرة", 1, None, None),
        # "the one called" before a name is one person
        ("مقتل المدعو محمد الفارس بقصف مدفعي على بلدة كنصفرة", 1, None, None),
    ],
)
def test_an_outcome_noun_alone_counts_the_dead_or_wounded(
    text: str, killed: int | None, women: int | None, injured: int | None
) -> None:
    (claim,) = _claims(text)
    assert (claim.killed_min, claim.women_killed_min, claim.injured_min) == (
        killed, women, injured)


@pytest.mark.parametrize(
    "text",
    [
        # with the article the noun is a title: it names a martyr and counts no one
        "افتتاح مدرسة الشهيد محمد الفارس في بلدة كنصفرة",
        "نعى الأهالي الشهيد محمد الفارس في بلدة كنصفرة",
    ],
)
def test_the_martyr_as_a_title_counts_no_one(text: str) -> None:
    assert all(c.killed_min is None for c in _claims(text))


def test_the_words_after_a_count_that_say_what_they_are_count_no_one_again() -> None:
    (claim,) = _claims("أصيب 13 مدنياً بين قتيل وجريح بقصف مدفعي على بلدة كفرنبل")
    assert claim.killed_min is None and claim.injured_min is None


# --------------------------------------------------------------------------- page furniture


def test_a_post_among_page_buttons_is_read_when_its_title_shortens_it() -> None:
    post = ("مدينة #إعزاز بريف #حلب اليوم بعد قصفها بالصواريخ من قبل ميليشيا "
            "#قسدpic.twitter.com/AbC12")
    text = "\n\n".join([
        "Someone @someone", "16h16 hours ago", "More", "Copy link to Tweet", "Embed Tweet",
        post, "5 replies", "12 retweets", "72 likes", "Reply", "Retweet", "Like",
    ])
    title = 'Someone on Twitter: "مدينة #إعزاز بريف #حلب اليوم بعد قصفها بالصواريخ من قبل… "'
    report = Report(text=text, lang="en", title=title, published=date(2022, 2, 15))
    (claim,) = extract_report(report).claims
    assert (claim.place_std, claim.perpetrator, claim.event_type) == ("Azaz", "SDF", "shelling")


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # a quarter told with its town right after it lies in that town's governorate
        ("قتل شاب بعد إطلاق النار عليه في حي الجورة بمدينة ديرالزور.", "Deir ez-Zor"),
        ("قتل شاب بقصف على حي المنطار شمال مدينة سلمية.", "Hama"),
    ],
)
def test_a_quarter_told_with_its_town_lies_in_that_towns_governorate(
    text: str, admin1: str
) -> None:
    quarter = find_places(text, "ar")[0]
    assert quarter.place.admin1 == admin1
    assert quarter.geo_precision == "district"


def test_a_kind_word_before_a_relation_is_the_located_place_s() -> None:
    # "a village in the Quneitra countryside": Quneitra is no village (there are some so
    # called in other governorates)
    (place,) = find_places("استهداف إسرائيلي لقرية بريف القنيطرة الشمالي", "ar")
    assert (place.place.kind, place.place.admin1) == ("governorate", "Quneitra")
    assert place.kind_word is None and place.relation == "countryside"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("أطلق الطيران الإسرائيلي صواريخ من اتجاه الجولان المحتل على محيط دمشق", "ar"),
        ("Israeli missiles fired from the occupied Golan hit Damascus", "en"),
    ],
)
def test_the_occupied_golan_is_no_village(text: str, lang: str) -> None:
    assert [p.place.name for p in find_places(text, lang)] == ["Damascus"]


def test_the_desert_of_a_town_is_its_countryside() -> None:
    first = find_places("غارات على مواقع في بادية الميادين شرقي دير الزور", "ar")[0]
    assert (first.place.name, first.relation, first.geo_precision) == (
        "Al Mayadin", "countryside", "district")


@pytest.mark.parametrize(
    ("text", "lang", "place"),
    [
        ("قتل 3 مدنيين بغارات للطيران الروسي الذي أقلع من قاعدة حميميم على بلدة كنصفرة", "ar",
         "Kansafra"),
        ("Russian warplanes that took off from Hmeimim airbase killed 3 civilians in Kafr Nabl",
         "en", "Kafr Nabl"),
    ],
)
def test_where_the_attackers_came_from_is_no_place_of_the_incident(
    text: str, lang: str, place: str
) -> None:
    (claim,) = _claims(text, lang=lang)
    assert claim.place_std == place


def test_a_commander_s_name_is_no_place() -> None:
    text = "Turkish drones killed the commander Roj Khabur and two civilians in Tal Tamr"
    assert "Khabur" not in [p.span.of(text) for p in find_places(text, "en")]


@pytest.mark.parametrize(
    "text",
    [
        # a name and its abbreviation in quotes, then the partner
        'نفذت قوات سوريا الديمقراطية "قسد" بمساندة طيران التحالف الدولي عملية أمنية على قرية '
        "الشحيل قتل فيها مدني",
        # the partner's attack words before its name, after a word cut with tatweel
        "مداهمتهم من قبل قوات #قسد بدعم وإسناد من الطيران المروحي التابع لـــ #التحالف_الدولي "
        "في هجين قتل مدني",
    ],
)
def test_a_raid_with_a_partner_s_support_names_both(text: str) -> None:
    (claim,) = _claims(text)
    assert claim.perpetrators == ["SDF", "US-led coalition"]


def test_the_turkish_regime_is_no_syrian_government() -> None:
    (claim,) = _claims("قصفت مدفعية النظام التركي بلدة تل رفعت فأصيب مدنيان")
    assert claim.perpetrators == ["Turkey"]


@pytest.mark.parametrize(
    ("text", "perpetrator"),
    [
        # what a force is called stands between the agent words and its name
        ('تجدد القصف الصاروخي على مدينة مارع من قبل ميليشيات "قسد" وأصيب مدنيان', "SDF"),
        # the object behind "ل", and past an epithet
        ("شهيد مدني وسبعة جرحى جراء استهداف ميليشيا YPG لمدينة اعزاز شمال حلب", "SDF"),
        ('إصابة مدني بجروح جراء إستهداف ميليشيا "قسد" الإرهابية مدينة #جرابلس', "SDF"),
        # Assad's "authority"
        ("قتل مدنيان بغارات الطائرات الحربية التابعة لسلطة الأسد على حي الفرقان في مدينة حلب",
         "Syrian government"),
    ],
)
def test_more_ways_arabic_reports_name_the_attacker(text: str, perpetrator: str) -> None:
    (claim,) = _claims(text)
    assert claim.perpetrator == perpetrator


def test_a_force_s_men_as_targets_stay_targets() -> None:
    (claim,) = _claims("قصفت القوات التركية مواقع ميليشيات قسد في عين عيسى وقتل مدني")
    assert claim.perpetrator == "Turkey"


# --------------------------------------------------------------------------- incidents


def test_an_earlier_attack_told_as_background_with_its_own_day_stays_apart() -> None:
    text = (
        "أُصيب ستة مدنيين بقصف استهدف مدينة عفرين شمال غربي محافظة حلب. "
        "ونشر ناشطون تسجيلاً مصوراً للحظة القصف اليوم، الاثنين 30 من آب. "
        "وفي 18 من آب الحالي، قُتل ثلاثة مدنيين وأُصيب أربعة آخرون جراء قصف صاروخي شمالي حلب."
    )
    first, second = _claims(text, published=date(2021, 8, 30))
    assert (first.date, first.injured_min, first.killed_min) == (date(2021, 8, 30), 6, None)
    assert (second.date, second.injured_min, second.killed_min) == (date(2021, 8, 18), 4, 3)


def test_the_body_tells_more_closely_of_the_place_its_headline_named() -> None:
    text = (
        "إصابة شاب في قصف مسيرة للاحتلال مركز ناحية تل تمر\n\n"
        "أصيب شاب في استهداف مسيرة للاحتلال التركي سيارة في حي الحمرة بمركز ناحية تل تمر."
    )
    (claim,) = _claims(text)
    assert claim.perpetrator == "Turkey"
    assert claim.place == "الحمرة" and claim.admin1 == "Al-Hasakah"


def test_a_body_sentence_of_another_place_is_another_incident() -> None:
    text = (
        "مقتل مدنيين اثنين بقصف على مدينة تل تمر\n\n"
        "قتل مدنيان بقصف تركي على مدينة تل تمر. "
        "وفي قرية أبو راسين أصيب ثلاثة مدنيين بقصف مدفعي."
    )
    assert len(_claims(text)) == 2


def test_two_villages_is_no_place() -> None:
    assert [p.place.name for p in find_places("وقصف يستهدف قريتين بريف عفرين", "ar")] == [
        "Afrin"]


def test_the_attacks_of_a_force_name_it() -> None:
    (claim,) = _claims("أصيب 7 مواطنين بجروح جراء هجمات الاحتلال التركي ومرتزقته على قرى ناحية "
                       "تل تمر.")
    assert claim.perpetrator == "Turkey"
