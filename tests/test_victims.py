"""Named victims, on sentences written for these tests."""

from __future__ import annotations

from civcas.extract.victims import find_victim_names


def names(text: str) -> list[str]:
    found = find_victim_names(text)
    for n in found:
        assert n.span.of(text) == n.name
    return [n.name for n in found]


def test_list_after_cue() -> None:
    text = (
        "The victims were identified as Salim Khalaf Al-Hamad, his wife, "
        "Noura Al-Hamad and Abd Al-Karim Al-Issa."
    )
    assert names(text) == ["Salim Khalaf Al-Hamad", "Noura Al-Hamad", "Abd Al-Karim Al-Issa"]


def test_bracketed_list_with_relations() -> None:
    text = (
        "The names so far are: ( Fadi Omar Al-Jasim and his family, Layla Al-Jasim, and others )."
    )
    assert names(text) == ["Fadi Omar Al-Jasim", "Layla Al-Jasim"]


def test_named_person() -> None:
    assert names("A commander named Hamid Al-Darwish was killed.") == ["Hamid Al-Darwish"]


def test_no_names_without_cue() -> None:
    assert names("Fadi Omar Al-Jasim spoke to the press in Hajin.") == []


def test_places_are_not_names() -> None:
    assert names("The victims were killed in Al-Baghuz Fawqani on Friday.") == []


# --- what a report says of each named victim ----------------------------------------------

from datetime import date  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from civcas.extract import extract_report  # noqa: E402
from civcas.extract.victim_details import (  # noqa: E402
    UnnamedMention,
    VictimFacts,
    describe_victims,
)
from civcas.model import (  # noqa: E402
    AGE_GROUPS,
    RELATIONS,
    SEXES,
    VICTIM_STATUSES,
    Claim,
    Report,
)


def described(
    text: str, lang: str = "en"
) -> tuple[list[str], list[VictimFacts], list[UnnamedMention]]:
    found = find_victim_names(text, lang)
    facts, unnamed = describe_victims(text, lang, found)
    return [n.name for n in found], facts, unnamed


def said(text: str, fact: VictimFacts) -> dict[str, str]:
    """Each detail's evidence as words of the text."""
    return {k: s.of(text) for k, s in fact.evidence.items()}


def test_relation_before_a_name_points_at_the_person_named_before() -> None:
    text = "The victims are Karim Saleh Al-Hassan and his wife Mona Al-Hassan."
    names_, facts, unnamed = described(text)
    assert names_ == ["Karim Saleh Al-Hassan", "Mona Al-Hassan"]
    mona = facts[1]
    assert (mona.relation, mona.of, mona.sex) == ("wife", 0, "female")
    assert said(text, mona) == {"relation": "his wife", "sex": "wife"}
    assert facts[0].relation is None and unnamed == []


def test_relation_after_a_name_with_of() -> None:
    text = "The victims are Hana Al-Ali, wife of Jamal Al-Ali, and Ziad Al-Ali."
    _, facts, _ = described(text)
    assert (facts[0].relation, facts[0].sex) == ("wife", "female")
    assert said(text, facts[0])["relation"] == "wife of Jamal Al-Ali"
    assert facts[1].relation is None


def test_ages_in_each_form() -> None:
    text = (
        "The victims are Tariq Al-Obeid, 34, and Samer Al-Obeid, aged 70, and a 12-year-old "
        "boy named Bilal Al-Hussein."
    )
    _, facts, _ = described(text)
    assert [f.age for f in facts] == [34, 70, 12]
    assert [said(text, f)["age"] for f in facts] == ["34", "aged 70", "12-year-old"]
    assert (facts[2].sex, facts[2].age_group) == ("male", "child")
    assert said(text, facts[2])["age_group"] == "boy"
    _, facts, _ = described("The victims are Rami Al-Obeid (9).")
    assert facts[0].age == 9
    _, facts, _ = described("The victims are Rami Al-Obeid, who was nine years old.")
    assert facts[0].age == 9


def test_words_give_sex_age_group_and_status() -> None:
    text = (
        "The victims are Bassam Al-Khatib, a civilian, and an elderly woman named Zahra Al-Khatib."
    )
    _, facts, _ = described(text)
    assert (facts[0].status, said(text, facts[0])) == ("civilian", {"status": "civilian"})
    assert (facts[1].sex, facts[1].age_group) == ("female", "elderly")
    assert said(text, facts[1])["age_group"] == "elderly woman"
    text = "Among the dead was a fighter named Hamid Al-Darwish."
    _, facts, _ = described(text)
    assert (facts[0].status, said(text, facts[0])["status"]) == ("combatant", "fighter")


def test_a_womans_given_name_gives_her_sex() -> None:
    text = "The victims are Fatima Al-Saleh and Omar Al-Saleh."
    _, facts, _ = described(text)
    assert (facts[0].sex, said(text, facts[0])) == ("female", {"sex": "Fatima"})
    assert facts[1].sex is None  # a man's name says nothing: no guess without words


def test_unnamed_kin_with_and_without_numbers() -> None:
    text = (
        "The victims are Fatima Al-Saleh and her two sons, Omar Al-Saleh and his family, "
        "and Karim Saleh Al-Hassan, his wife, his three children and his sister-in-law."
    )
    _, _, unnamed = described(text)
    got = [(u.relation, u.count, u.of, u.span.of(text)) for u in unnamed]
    assert got == [
        ("son", 2, 0, "her two sons"),
        ("family", None, 1, "his family"),
        ("wife", 1, 2, "his wife"),
        ("child", 3, 2, "his three children"),
        ("relative", 1, 2, "his sister-in-law"),
    ]


def test_a_relation_after_a_comma_is_no_relation_of_the_next_name() -> None:
    text = "The victims are Karim Al-Hassan, his sister-in-law, Yasser Al-Omar and his family."
    _, facts, unnamed = described(text)
    assert facts[1].relation is None
    assert [(u.relation, u.of) for u in unnamed] == [("relative", 0), ("family", 1)]


def test_details_reach_the_claim_and_survive_the_round_trip() -> None:
    text = (
        "On 3 May 2019 an airstrike on Hajin killed six civilians. The victims are Karim "
        "Saleh Al-Hassan, 40, a civilian, his wife Mona Al-Hassan and their three children."
    )
    (claim,) = extract_report(Report(text=text, lang="en", published=date(2019, 5, 4))).claims
    out = claim.to_dict()

    def at(words: str, after: str = "") -> list[int]:
        start = text.index(words, text.index(after) if after else 0)
        return [start, start + len(words)]

    assert out["victims"] == [
        {
            "name": "Karim Saleh Al-Hassan",
            "span": at("Karim Saleh Al-Hassan"),
            "parts": {"given": "Karim", "father": "Saleh", "family": "Al-Hassan"},
            "age": 40,
            "status": "civilian",
            "evidence": {"age": at("40"), "status": at("civilian", after="40")},
        },
        {
            "name": "Mona Al-Hassan",
            "span": at("Mona Al-Hassan"),
            "parts": {"given": "Mona", "family": "Al-Hassan"},
            "relation": "wife",
            "of": 0,
            "sex": "female",
            "evidence": {"relation": at("his wife"), "sex": at("wife")},
        },
    ]
    assert out["unnamed_victims"] == [
        {"relation": "child", "span": at("their three children"), "count": 3, "of": 0}
    ]
    back = Claim.from_dict(out)
    assert back.victims == claim.victims and back.unnamed_victims == claim.unnamed_victims
    assert back.to_dict() == out


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_details_never_raise_and_always_cite_the_text(text: str) -> None:
    for lang in ("en", "ar"):
        found = find_victim_names(text, lang)
        facts, unnamed = describe_victims(text, lang, found)
        assert len(facts) == len(found)
        for fact in facts:
            assert fact.relation in (None, *RELATIONS) and fact.sex in (None, *SEXES)
            assert fact.age_group in (None, *AGE_GROUPS)
            assert fact.status in (None, *VICTIM_STATUSES)
            for detail in ("relation", "sex", "age", "age_group", "status"):
                assert (getattr(fact, detail) is None) == (detail not in fact.evidence)
            for span in fact.evidence.values():
                assert 0 <= span.start < span.end <= len(text)
        for group in unnamed:
            assert group.relation in RELATIONS and 0 <= group.span.start < group.span.end
            assert group.span.end <= len(text)


def test_relation_words_still_end_arabic_names() -> None:
    # the relations table also ends names in a list (one table for both)
    text = "وهم: نادر علي الحمد وطفليه وزينب محمد العلي."
    assert [n.name for n in find_victim_names(text, "ar")] == ["نادر علي الحمد", "زينب محمد العلي"]


# --- lists written a line an item, owners, ranks, capitalised words that are no names --------


def test_numbered_list_lines_after_a_cue() -> None:
    text = (
        "The names of the victims:\n\n1- Noura Al-Khalaf (Salim Hamad Al-Issa's wife)\n\n"
        "2- Khadija Al-Issa (Salim Hamad Al-Issa's mother)\n\n3- Salim Hamad Al-Issa's son\n\n"
        "Share this article"
    )
    # the owner of "X's wife" is named for whose kin the victims are, not as a victim
    assert names(text) == ["Noura Al-Khalaf", "Khadija Al-Issa"]
    bullets = "Those killed were:\n- Omar Khalid Al-Saleh\n- Bilal Khalid Al-Saleh\nMore later."
    assert names(bullets) == ["Omar Khalid Al-Saleh", "Bilal Khalid Al-Saleh"]


def test_a_list_after_a_long_heading_and_a_kicker_line() -> None:
    """A heading that says of which attack the names are, a one-word line ("#تحديث") before
    the items: still the list of that cue."""
    text = (
        "أسماء الشهداء نتيجة القصف الذي استهدف مدينة أريحا بريف إدلب\n#تحديث\n"
        "1- زكريا أحمد بزي\n2-يوسف محمد جمال الحسن\n\nتابعونا على تلغرام"
    )
    assert [n.name for n in find_victim_names(text, "ar")] == [
        "زكريا أحمد بزي", "يوسف محمد جمال الحسن"
    ]


def test_capitalised_words_and_places_are_no_victims() -> None:
    text = "Among the dead were United States citizens, people of Tal Tamr and Ayn Issa."
    assert names(text) == []


def test_a_rank_is_no_part_of_the_name_but_says_the_status() -> None:
    text = "Among the dead was Lieutenant Colonel Hassan Yunis Suleiman."
    found = find_victim_names(text)
    assert [n.name for n in found] == ["Hassan Yunis Suleiman"]
    (fact,), _ = describe_victims(text, "en", found)
    assert fact.status == "combatant" and said(text, fact)["status"] == "Lieutenant Colonel"


def test_arabic_kin_named_after_a_relation_word_and_their_dual() -> None:
    text = (
        "قتل المدني خالد حسن العبد الله (45 عاماً) وابنه محمد خالد العبد الله، "
        "ونجا سالم محمد الخلف بينما قتلت زوجته نورة أحمد العلي وأطفالهما الثلاثة."
    )
    found, facts, unnamed = described(text, "ar")
    assert found[:2] == ["خالد حسن العبد الله", "محمد خالد العبد الله"]
    assert (facts[0].age, facts[0].status) == (45, "civilian")
    assert (facts[1].relation, facts[1].of, facts[1].sex) == ("son", 0, "male")
    assert ("child", 3) in [(u.relation, u.count) for u in unnamed]
