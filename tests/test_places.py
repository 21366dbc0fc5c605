"""Finding places in report text: spans, locative phrases, precision, false hits, speed."""

from __future__ import annotations

import dataclasses
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract.places import PlaceMention, find_places, resolve_admin1


def found(text: str, lang: str = "en") -> list[tuple[str, str, str | None, str, str]]:
    """(name as written, phrase, relation, precision, entry name) for each mention."""
    return [
        (m.span.of(text), m.phrase.of(text), m.relation, m.geo_precision, m.place.name)
        for m in find_places(text, lang)
    ]


def one(text: str, lang: str = "en") -> PlaceMention:
    (m,) = find_places(text, lang)
    return m


def test_spans_point_at_the_name_as_written() -> None:
    text = "Jets struck al-Baghouz and then Hajin, according to local activists."
    names = [m.span.of(text) for m in find_places(text)]
    assert names == ["al-Baghouz", "Hajin"]
    for m in find_places(text):
        assert text[m.span.start : m.span.end] == m.span.of(text)
        assert m.phrase.start <= m.span.start and m.span.end <= m.phrase.end


@pytest.mark.parametrize(
    "spelling", ["Baghuz", "Baghouz", "Baguz", "al-Baghouz", "Al Baghuz", "Al-Baghuz"]
)
def test_spellings_find_the_same_village(spelling: str) -> None:
    m = one(f"Smoke rose over {spelling} after the raid.")
    assert m.span.of(f"Smoke rose over {spelling} after the raid.") == spelling
    assert m.place.name == "Al Baghuz" and m.place.admin1 == "Deir ez-Zor"


def test_arabic_only_villages_from_english_spellings() -> None:
    text = "Families fled al-Baghouz Fouqani and Sha'fe as the shelling went on."
    (upper, shafah) = find_places(text)
    assert upper.span.of(text) == "al-Baghouz Fouqani"
    assert upper.place.name == "Al Baghuz Fawqani"
    assert "karabala" in upper.place.provenance
    assert shafah.span.of(text) == "Sha'fe" and shafah.place.admin1 == "Deir ez-Zor"
    m = one("A drone hit a car near al-Shafah on Sunday.")
    assert m.place.admin1 == "Deir ez-Zor" and m.relation == "near"


def test_relations_and_phrases() -> None:
    rows = found(
        "Two houses were hit near Al-Bukamal city, east of Deir Ezzor, on the outskirts "
        "of Al-Baghuz town and in the village of al-Susah."
    )
    assert rows[0][:4] == ("Al-Bukamal", "near Al-Bukamal city", "near", "exact")
    assert rows[0][4] == "Abu Kamal"
    assert rows[1][:4] == ("Deir Ezzor", "east of Deir Ezzor", "east of", "exact")
    assert rows[2][1] == "the outskirts of Al-Baghuz town" and rows[2][2] == "outskirts"
    assert rows[3][1] == "the village of al-Susah" and rows[3][2] is None


def test_countryside_is_governorate_level() -> None:
    (m,) = find_places("Shells fell in the eastern Deir Ezzor countryside overnight.")
    assert m.phrase.of("Shells fell in the eastern Deir Ezzor countryside overnight.") == (
        "in the eastern Deir Ezzor countryside"
    )
    assert (m.relation, m.geo_precision, m.place.kind) == ("countryside", "governorate",
                                                          "governorate")
    text = "Clashes continued in the Deir Ezzor southeastern countryside."
    assert found(text)[0][1:4] == (
        "in the Deir Ezzor southeastern countryside", "countryside", "governorate")
    m = one("Raids were reported in the Damascus countryside.")
    assert m.place.name == "Rural Damascus"
    m = one("Raids were reported in the countryside of Idlib.")
    assert (m.place.name, m.geo_precision) == ("Idlib", "governorate")


def test_kind_words_pick_among_homonyms() -> None:
    assert one("Fighting spread across Raqqa province.").place.kind == "governorate"
    assert one("Fighting spread across Raqqa city.").place.kind == "city"
    district = one("Displacement grew in the Abu Kamal district.")
    assert (district.place.kind, district.geo_precision) == ("district", "district")
    assert one("A market in Hajin was hit.").place.kind == "town"


def test_a_bare_governorate_and_country() -> None:
    m = one("Aid reached Anbar province last week.")
    assert (m.place.country, m.geo_precision) == ("IQ", "governorate")
    m = one("The war in Syria entered its ninth year.")
    assert m.geo_precision == "country" and m.place.country == "SY"


def test_upper_and_lower_villages() -> None:
    assert one("Upper Baghuz was shelled.").place.name == "Al Baghuz Fawqani"
    text = "Strikes on Al-Baghuz Tahtani killed a family."
    m = one(text)
    assert m.span.of(text) == "Al-Baghuz Tahtani"
    assert m.place.name == "Al Baghuz Tahtani" and m.place.admin1 == "Deir ez-Zor"
    assert m.place.id != one("Strikes on Al-Baghuz killed a family.").place.id


def test_common_words_and_people_are_not_places() -> None:
    text = (
        "The Source said on Monday that Policy Watch and SANA reported the Saudi Media Center "
        "Update. Salim Khalaf Al-Hamad and Noura Ahmad Al-Hamad were named. Tell me more, Ali."
    )
    assert find_places(text) == []


@pytest.mark.parametrize(
    "word", ["Tell", "Home", "Mission", "Ali", "Hassan", "Muhammad", "Ahmad", "Omar", "Abu"]
)
def test_words_that_some_village_shares_are_not_places_alone(word: str) -> None:
    assert find_places(f"{word} said the road was closed.") == []
    assert find_places(f"They met {word} at noon.") == []


def test_arabic_common_words_need_a_cue() -> None:
    # الزاوية (the corner) names villages, but only a cue word makes it one here
    assert [m.span.of(t) for t in ["في الزاوية الأخرى"] for m in find_places(t, "ar")] == []
    text = "قصف قرية الزاوية"
    assert [m.span.of(text) for m in find_places(text, "ar")] == ["الزاوية"]


def test_lower_case_words_are_not_places() -> None:
    assert find_places("people said the hama and homs markets were busy") == []


def test_text_context_settles_homonyms() -> None:
    text = "In Deir Ezzor province, jets struck al-Shafah and nearby villages."
    shafah = find_places(text)[1]
    assert shafah.place.admin1 == "Deir ez-Zor"
    assert len(shafah.candidates) > 1 and shafah.candidates[0] is shafah.place


def test_resolve_admin1() -> None:
    mentions = find_places("Hajin and al-Baghouz, in Deir Ezzor province, were shelled.")
    assert resolve_admin1(mentions) == "Deir ez-Zor"
    assert resolve_admin1([]) is None


def test_arabic_text_basic() -> None:
    text = "قصفت طائرات حربية بلدة الباغوز بريف دير الزور الشرقي، وقتل مدنيون قرب مدينة البوكمال."
    rows = found(text, "ar")
    assert [r[0] for r in rows] == ["الباغوز", "دير الزور", "البوكمال"]
    assert rows[0][1] == "بلدة الباغوز" and rows[0][4] == "Al Baghuz"
    assert rows[1][2:4] == ("countryside", "governorate")
    assert rows[2][1:3] == ("قرب مدينة البوكمال", "near")
    # a clitic stays out of the name: بهجين = in Hajin
    text = "سقطت قذائف بهجين مساء أمس"
    assert found(text, "ar")[0][0] == "هجين"


def test_mentions_are_frozen() -> None:
    m = one("Hajin")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.relation = "near"  # type: ignore[misc]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_valid_spans(text: str) -> None:
    for m in find_places(text):
        assert 0 <= m.phrase.start <= m.span.start < m.span.end <= m.phrase.end <= len(text)
        assert m.geo_precision in ("exact", "district", "governorate", "country")


def test_speed_of_a_two_kilobyte_report() -> None:
    paragraph = (
        "Warplanes believed to belong to the coalition struck Al-Baghuz village near Al-Bukamal "
        "city on Tuesday, killing 12 civilians, among them 5 children, the Syrian Observatory "
        "said. Local activists in Hajin and al-Shafah reported shelling from positions east of "
        "Deir Ezzor, while fighting continued in the eastern Deir Ezzor countryside. "
    )
    text = (paragraph * 6)[:2048]
    find_places(text)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        find_places(text)
    per_report = (time.perf_counter() - start) / runs
    assert per_report < 0.005, f"{per_report * 1000:.2f} ms per 2 KB report"


def test_a_word_that_introduces_a_name_is_no_place_before_one() -> None:
    text = "استهدفت طائرة مسيرة منطقة سكنية شرقي محافظة حلب"
    assert [p.span.of(text) for p in find_places(text, "ar")] == ["حلب"]
    # the quarter of Aleppo of that name, introduced as a quarter, is still read
    quarter = "قصف على حي المحافظة في مدينة حلب"
    assert "المحافظة" in [p.span.of(quarter) for p in find_places(quarter, "ar")]


def test_a_name_after_a_title_is_a_person() -> None:
    text = "Mrs. Amineh al-Khaled and Dr Hasan were killed in Hajin."
    assert [p.span.of(text) for p in find_places(text)] == ["Hajin"]


def test_a_common_word_needs_a_whole_place_phrase_before_it() -> None:
    # "من" ends "بالقرب من" but alone introduces nothing: age, dawn and wounds are no places
    for text in ("استشهاد رجل يبلغ من العمر 69 عاماً", "من فجر اليوم", "وأصيب عدد من الجروح"):
        assert find_places(text, "ar") == [], text
    for text in ("قرب الزاوية", "ببلدة الزاوية", "بالقرب من الزاوية"):
        assert [p.span.of(text) for p in find_places(text, "ar")] == ["الزاوية"], text


def test_a_word_after_a_given_name_is_part_of_a_person_s_name() -> None:
    text = "مقتل شخصين خلال عملية الإنزال هما صابر سنجار الفهد وسامي الدكليس"
    assert find_places(text, "ar") == []
    # introduced, or with a clitic of its own, it is the place again
    for text in ("مقتل محمد في سنجار", "استشهد أحمد بسنجار", "مقتل أحمد قرية سنجار"):
        assert [p.span.of(text)[-5:] for p in find_places(text, "ar")] == ["سنجار"], text


def test_a_place_told_with_its_governorate_lies_in_it() -> None:
    # the gazetteer knows Bab al-Hawa only in Al-Hasakah and Homs: placed at Idlib instead
    text = "قصف على طريق باب الهوى شمالي إدلب"
    first = find_places(text, "ar")[0]
    assert first.place.admin1 == "Idlib" and first.geo_precision == "governorate"
    # Rural Damascus is the countryside of Damascus: nothing to settle
    text = "غارة على السيدة زينب في دمشق"
    assert find_places(text, "ar")[0].place.admin1 == "Rural Damascus"


def test_a_feature_noun_followed_by_its_name_is_no_village() -> None:
    """"منطقة جبل السماق" is Mount al-Summaq, not the village spelled "جبل"; the noun alone
    after a cue word may still be that village."""
    text = "غارة جوية على منطقة جبل السماق بريف إدلب"
    assert [m.span.of(text) for m in find_places(text, "ar")] == ["إدلب"]
    alone = "قصف على قرية جبل في ريف الحسكة"
    assert "جبل" in [m.span.of(alone) for m in find_places(alone, "ar")]
    school = "سقطت قذيفة قرب مدرسة الأمل في حي الصناعة"
    assert "مدرسة" not in [m.span.of(school) for m in find_places(school, "ar")]


def test_a_name_listed_with_its_kind_word_keeps_the_kind_word_as_context() -> None:
    """The gazetteer lists Homs city also as "مدينة حمص": the match is the name, and the kind
    word before it says the city is meant, not the governorate."""
    text = "سقطت صواريخ على مدينة حمص فجر اليوم"
    (m,) = find_places(text, "ar")
    assert m.span.of(text) == "حمص" and m.kind_word == "city"


def test_a_word_run_into_a_number_is_no_place() -> None:
    text = "Shelling hit Azaz.4:02 PM · Jul 25, 2022·Twitter Web App3 Likes"
    assert [m.span.of(text) for m in find_places(text)] == ["Azaz"]


def test_arabic_words_that_spell_a_village_but_say_something_else() -> None:
    """"نتج عنه" (resulted from it), the Euphrates and the outlets named after it: no places."""
    text = "قصف على أطراف نهر الفرات قرب مدينة جرابلس نتج عنه إصابة مدنيين بحسب وكالة فرات"
    assert [m.span.of(text) for m in find_places(text, "ar")] == ["جرابلس"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_direction_relations_are_relations_of_the_lexicon(lang: str) -> None:
    from civcas.knowledge.lexicon import load

    raw = load(lang, "places")
    assert set(raw["direction_relations"]) <= set(raw["relations_before"])


def test_a_name_written_apart_from_its_prefix_is_the_one_word_name() -> None:
    # the gazetteer writes Kafr Nouran as one word (كفرنوران); "كفر" alone is no village
    text = "قصف مدفعي على قرية كفر نوران بريف حلب الغربي"
    first = find_places(text, "ar")[0]
    assert first.span.of(text) == "كفر نوران" and first.place.admin1 == "Aleppo"
    alone = "قصف على قرية كفر"
    assert [m.span.of(alone) for m in find_places(alone, "ar")] == []


def test_a_building_or_a_house_is_no_village() -> None:
    for text in ("وأضرار في مدرستين ومحيط مدرسة ثالثة",
                 "اشتباكات في محيط سجن غويران",
                 "استهدفت الغارة شاباً قرب منزله"):
        assert find_places(text, "ar") == [], text


def test_a_village_placed_by_the_countryside_after_the_rest_of_its_name() -> None:
    # the gazetteer has a Jaftlk in Latakia only; this one is "in the Idlib countryside"
    text = "غارات على قرية جفتلك حج حمود في ريف إدلب الغربي"
    first = find_places(text, "ar")[0]
    assert first.span.of(text) == "جفتلك" and first.place.admin1 == "Idlib"
    assert first.geo_precision == "governorate"
    # a conjunction between them: two places, the first left as the gazetteer has it
    other = "غارات على قرية جفتلك وقتلت مدنيين في ريف إدلب"
    assert find_places(other, "ar")[0].place.admin1 == "Latakia"


def test_a_village_in_the_countryside_of_a_district_lies_in_its_governorate() -> None:
    # Tal Shnan of the gazetteer is in Homs; "في ريف تل تمر" puts this one near Tal Tamr
    text = "قصف تركي على قرية تل شنان الآشورية في ريف تل تمر"
    first, tamr = find_places(text, "ar")[:2]
    assert first.span.of(text) == "تل شنان" and first.place.admin1 == "Al-Hasakah"
    assert (first.place.lat, first.place.lon) == (tamr.place.lat, tamr.place.lon)
    assert first.geo_precision == "district"


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("أصيبت طفلة بقصف تركي على مدينة كوباني", "ar", "Ayn al 'Arab"),
        ("قصف مدفعي على ريف سري كانيه", "ar", "Ra's al 'Ayn"),
        ("A Turkish drone struck a car near Girê Spî", "en", "Tell Abyad"),
        ("مسيرة تركية تستهدف بلدة تل كوجر", "ar", "Al Ya'rubiyah"),
    ],
)
def test_kurdish_names_of_towns_are_known(text: str, lang: str, name: str) -> None:
    (found,) = find_places(text, lang)
    assert found.place.name == name and "aliases" in found.place.provenance


def test_the_city_centre_is_no_place_of_its_own() -> None:
    # "مركز المدينة" is a sub-district of Basra in the gazetteer; in a report: the city centre
    assert find_places("وقال المصدر إن القصف استهدف مركز المدينة", "ar") == []
    text = "قصف على مركز مدينة إدلب"
    assert [m.place.name for m in find_places(text, "ar")] == ["Idlib"]


def test_a_governorate_after_an_abbreviated_direction_places_the_name() -> None:
    # "Mseifra, E. #Aleppo": the Aleppo Mseifra, not the sub-district of Daraa
    first = find_places("Regime airstrikes on Mseifra, E. #Aleppo killed 19", "en")[0]
    assert first.place.admin1 == "Aleppo"
