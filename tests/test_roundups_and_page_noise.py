"""Roundups, and what a page carries besides the report: a claim that tells nothing of its day
takes the day the report told before it; readers' comments under a post, a person's name and
a country the gazetteer lacks give no place; an incident never mixes claims whose days cannot
meet."""

from __future__ import annotations

from datetime import date

from helpers import claims_of as _claims
from helpers import sourced as _sc

from civcas.extract import extract_report
from civcas.link import link_claims
from civcas.model import Report

HAJIN = {"place": "Hajin", "place_std": "Hajin", "admin1": "Deir ez-Zor", "country": "SY",
         "lat": 34.6951, "lon": 40.8314, "geo_precision": "exact", "event_type": "airstrike",
         "perpetrator": "US-led coalition", "attribution": "alleged"}




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


# --------------------------------------------------------------------------- more words


def test_a_date_that_bounds_a_period_is_no_incidents_date() -> None:
    from civcas.extract.dates import find_dates

    text = ("بالرغم من اتفاق وقف إطلاق النار المبرم منذ آذار عام 2020، واستجابت فرقنا حتى 24 "
            "كانون الأول 2023 لأكثر من 1276 هجوماً، وقتل مدني يوم 25 كانون الأول 2023")
    assert [d.value for d in find_dates(text, "ar")] == [date(2023, 12, 25)]
    assert [d.kind for d in find_dates("قصفت قوات النظام منذ يومين بلدة كفرنبل", "ar")] == [
        "relative"
    ]
    text = "Since 9 October 2019, shelling killed 105. On 3 March 2020 a strike killed two."
    assert [d.value for d in find_dates(text, "en")] == [date(2020, 3, 3)]
    # since the event a period starts from, told with its day
    text = "منذ احتلالها لمقاطعة كري سبي في 9 تشرين الأول عام 2019 قتل 105 مدنياً"
    assert find_dates(text, "ar") == []
    text = "Since its occupation of Gire Spi on 9 October 2019, shelling killed 105."
    assert find_dates(text, "en") == []
    text = "قصفت قوات النظام منذ الصباح بلدة كفرنبل في 3 آذار 2020 وقتل مدنيان"
    assert [d.value for d in find_dates(text, "ar")] == [date(2020, 3, 3)]  # no such event


def test_headlines_in_the_present_and_duals_that_tell_the_outcome() -> None:
    (claim,) = _claims("قذيفة روسية تقتل 4 أطفال من عائلة واحدة في إدلب", lang="ar")
    assert (claim.killed_min, claim.children_killed_min, claim.perpetrator) == (4, 4, "Russia")
    (claim,) = _claims("قصف مدفعي لقوات الأسد على بلدة آفس بريف إدلب. شهيدان حتى اللحظة",
                       lang="ar")
    assert claim.killed_min == 2
    (claim,) = _claims("جريحان بقصف مدفعي للنظام على بلدة آفس", lang="ar")
    assert claim.injured_min == 2 and claim.killed_min is None


def test_a_post_whose_title_repeats_it_is_no_list_of_links() -> None:
    post = ("المرصد السوري: مقتل شخصين وإصابة 6 في هجوم صاروخي على تل أبيض "
            "https://www.alarabiya.net")
    text = (f"Copy link to Tweet\n\nEmbed Tweet\n\n{post}\n\n3 Likes\n\nShow additional replies, "
            "including those that may contain offensive content\nShow\n\nBack to top ↑")
    title = f'Al Arabiya on Twitter: "{post.replace("www.alarabiya.net", "t.co/a1vIG")}"'
    claims = extract_report(Report(text=text, lang="en", title=title)).claims
    assert [c.place_std for c in claims] == ["Tell Abyad"]


def test_a_language_without_lexicons_is_read_as_the_texts_own() -> None:
    """Records marked "und" (undetermined): an Arabic tweet among English page buttons is
    read in Arabic, after English finds nothing."""
    text = ("Copy link to Tweet\n\nEmbed Tweet\n\nشهيدان وأربعة جرحى مدنيون جراء قصف لميليشيا "
            "YPG براجمات الصواريخ استهدف سوقاً شعبياً في مدينة تل أبيض شمال الرقة.\n\n"
            "Back to top ↑\n\nLoading seems to be taking a while.\n\nTwitter may be over "
            "capacity or experiencing a momentary hiccup. Try again or visit Twitter Status.")
    extraction = extract_report(Report(text=text, lang="und"))
    assert extraction.lang == "ar"
    assert [(c.place_std, c.killed_min, c.injured_min) for c in extraction.claims] == [
        ("Tell Abyad", 2, 4)
    ]


def test_what_an_attack_fell_on_and_the_middle_of_a_town_are_places() -> None:
    # إحسم is also a common word ("decide!"): the attack on it introduces it as a place
    (claim,) = _claims("شهداء وإصابات بالقصف على إحسم قبل قليل.", lang="ar")
    assert (claim.place_std, claim.geo_precision) == ("Ihsim", "exact")
    (claim,) = _claims("مجزرة وسط حلب: استهدف الطيران الروسي محطة بغداد وقتل 5 مدنيين",
                       lang="ar")
    assert (claim.place_std, claim.geo_precision) == ("Aleppo", "exact")  # no Baghdad station
    (claim,) = _claims("Russian warplanes struck the centre of Idlib, killing five civilians.")
    assert (claim.place_std, claim.geo_precision) == ("Idlib", "exact")
    (claim,) = _claims("Russian warplanes struck Idlib, killing five civilians.")
    assert claim.geo_precision == "governorate"


def test_a_targeting_told_with_its_weapon_names_its_attacker() -> None:
    text = "جرحى مدنيون إثر استهداف قوات نظام الأسد بقذائف المدفعية قرية كنصفرة جنوبي ادلب"
    (claim,) = _claims(text, lang="ar")
    assert (claim.perpetrator, claim.place_std) == ("Syrian government", "Kansafra")
    (claim,) = _claims("ثلاث شهداء إثر استهداف شبيحة بشار بصاروخ موجه منزلهم في بلدة كنصفرة",
                       lang="ar")
    assert (claim.perpetrator, claim.killed_min) == ("Syrian government", 3)
    # without the weapon the one targeted is named: no perpetrator
    (claim,) = _claims("قتل 3 عناصر جراء استهداف قوات النظام في قرية كنصفرة", lang="ar")
    assert claim.perpetrator is None


def test_who_they_were_after_a_colon_breaks_the_toll_down() -> None:
    (claim,) = _claims("Shelling on Saraqib killed 5: three children and two women.")
    assert (claim.killed_min, claim.children_killed_min, claim.women_killed_min) == (5, 3, 2)
    (claim,) = _claims("قصف على بلدة سراقب أدى لمقتل 5 مدنيين: ثلاثة أطفال وامرأتان", lang="ar")
    assert (claim.killed_min, claim.children_killed_min, claim.women_killed_min) == (5, 3, 2)


def test_killed_or_injured_after_the_count_rules_the_verb_before_it() -> None:
    (claim,) = _claims("أصيب 13 مدنياً بين قتيل وجريح بقصف مدفعي على بلدة كفرنبل", lang="ar")
    assert claim.killed_min is None and claim.injured_min is None


def test_the_fire_of_a_forces_men_names_the_force_as_the_attacker() -> None:
    (claim,) = _claims("مقتل شاب برصاص عناصر قسد في بلدة الشحيل", lang="ar")
    assert claim.perpetrator == "SDF"
    (claim,) = _claims("قصفت قوات النظام مواقع عناصر قسد في بلدة الشحيل وقتل 3 عناصر",
                       lang="ar")
    assert claim.perpetrator == "Syrian government"


def test_one_person_told_with_the_accusative_ending_is_a_count() -> None:
    (claim,) = _claims("غارات روسية تقتل مدنياً غرب إدلب", lang="ar")
    assert (claim.killed_min, claim.civilians_killed_min) == (1, 1)
    (claim,) = _claims("قتل 13 مدنياً بينهم 11 طفلاً بقصف على كفرنبل", lang="ar")
    assert (claim.killed_min, claim.children_killed_min) == (13, 11)  # not 13 + 1 + 11 + 1


def test_the_day_a_document_came_out_is_no_date_of_what_it_tells() -> None:
    from civcas.extract.dates import find_dates

    text = ("ووثق الدفاع المدني في تقرير صادر في 18 من تشرين الثاني 2021 مقتل 63 طفلاً، وقتل "
            "طفل يوم 20 تشرين الثاني 2021")
    assert [(d.value.day, d.kind) for d in find_dates(text, "ar") if d.value] == [
        (18, "said"), (20, "absolute")
    ]
    text = "In a report published on 18 November 2021, the group said a child was killed."
    assert [d.kind for d in find_dates(text, "en")] == ["said"]


def test_a_numbered_list_of_the_dead_counts_its_items() -> None:
    from civcas.extract.casualties import find_casualties

    text = "قصف جوي روسي على مدينة أريحا. الشهداء: 1- قمر بلال حافظ 2-زكريا أحمد بزي 3-يوسف محمد"
    (claim,) = _claims(text, lang="ar")
    assert (claim.killed_min, claim.killed_max) == (3, 3)
    listed = ("الشهداء : 1. السيدة فاطمة حسين الويسي 28 سنة 2. نسرين نعسان النعسان 2 سنة ( ابنة "
              "فاطمة ) 3. مريم")
    assert [(c.outcome, c.min) for c in find_casualties(listed, "ar")] == [("killed", 3)]
    assert [(c.outcome, c.min) for c in find_casualties("الشهداء: 4، الجرحى: 10", "ar")] == [
        ("killed", 4), ("injured", 10)
    ]


def test_the_displaced_are_civilians() -> None:
    (claim,) = _claims("استشهاد 3 مهجرين بقصف على بلدة كنصفرة", lang="ar")
    assert (claim.killed_min, claim.civilians_killed_min) == (3, 3)


def test_hours_before_the_report_are_its_day() -> None:
    from civcas.extract.dates import find_dates

    day = date(2019, 1, 30)
    text = "Over the past few hours, the coalition shelled al-Baghouz, killing eight civilians."
    assert [d.value for d in find_dates(text, "en", day)] == [day]
    assert [d.value for d in find_dates("قصف بلدة إحسم قبل قليل", "ar", day)] == [day]
    assert find_dates("قبل ساعات من الاجتماع", "ar", day) == []  # hours before something else


def test_of_namesakes_in_one_governorate_the_one_near_the_texts_other_places() -> None:
    from civcas.extract.places import find_places

    text = "أسفر القصف عن استشهاد الطفلة في قرية الشيوخ جنوب غرب كوباني"
    shiyukh = find_places(text, "ar")[0]
    assert shiyukh.place.admin2 == "Ain Al Arab"  # not the Shiyukh of Afrin, 145 km away
    assert shiyukh.candidates[0] is shiyukh.place
    alone = find_places("أسفر القصف عن استشهاد الطفلة في قرية الشيوخ", "ar")[0]
    assert alone.place.admin2 == "Afrin"  # no other place to go by: the first choice stands


def test_a_name_no_english_word_shares_is_a_place_even_in_a_title_case_headline() -> None:
    (claim,) = _claims("US Raid In Atmeh Kills Two Civilians")
    assert claim.place_std == "Atme"
    (claim,) = _claims("Airstrikes Hit Camp, Killing Five Civilians")
    assert claim.place is None  # "Hit" is a town in Anbar, and a verb


def test_lives_taken_is_a_death_toll() -> None:
    (claim,) = _claims("غارتان روسيتان على ريف إدلب تزهقان أرواح 10 مدنيين في بلدة كفرنبل",
                       lang="ar")
    assert (claim.killed_min, claim.civilians_killed_min) == (10, 10)


def test_a_dual_behind_a_preposition_and_the_article_is_two() -> None:
    from civcas.extract.casualties import find_casualties

    text = "الرحمة للشهيدين اللذين سقطا بقصف على بلدة كفرنبل"
    assert [(c.outcome, c.min) for c in find_casualties(text, "ar")] == [("killed", 2)]
