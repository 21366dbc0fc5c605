"""Personal names across scripts: keys that spellings share, parts, compounds, kunya, laqab.

The spellings here are our own, written the way Syrian and Iraqi outlets write names in English
and Arabic."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.knowledge.names import (
    arabic_skeleton,
    has_known_name,
    latin_key,
    name_parts,
    part_keys,
    part_readings,
)

SAME = [
    ["Yousef Jassim Al-Mu'i", "يوسف جاسم المعي", "Yusuf al-Jasim al-Moui", "Youssef Jasim Almui"],
    ["Mohammed", "Muhammad", "Mohamed", "Mohammad", "محمد", "Mhd"],
    ["Mahmoud", "Mahmud", "محمود"],
    ["Fatima", "Fatma", "Fatmeh", "Fatimah", "فاطمة", "فاطمه"],
    ["Hussein", "Husayn", "Hussain", "Hosein", "حسين"],
    ["Ibrahim", "Ebrahim", "إبراهيم", "ابراهيم"],
    ["Abdullah", "Abdallah", "Abd Allah", "عبد الله", "عبدالله"],
    ["Abd al-Rahman", "Abdulrahman", "Abdel Rahman", "Abdurrahman", "عبد الرحمن"],
    ["Abd Al-Ghani", "Abdul Ghani", "Abdulghani", "عبد الغني", "عبدالغني"],
    ["Nur al-Din", "Nureddin", "Noureddine", "نور الدين"],
    ["Khalid", "Khaled", "خالد"],
    ["Saleh", "Salih", "صالح"],
    ["Walid", "Waleed", "وليد"],
    ["Aisha", "Aysha", "عائشة"],
    ["Mustafa", "Mostafa", "مصطفى"],
    ["Hamza", "Hamzah", "حمزة"],
    ["Tariq", "Tarek", "طارق"],
    ["Zainab", "Zeinab", "زينب"],
    ["Asmaa’ Al-Mu’i", "أسماء المعي", "Asma al-Mui"],
    ["Amnah Al-Mishaan", "آمنة المشعان", "Amna al-Mishan"],
    ["Umm Ali", "أم علي"],
    ["Abu Mohammed", "أبو محمد", "Abou Mohamed"],
    ["Saad", "Sa'ad", "سعد"],
    ["Ziad", "زياد"],
    # "dh" for ظ in Iraqi spellings, "z" in Levantine ones
    ["Kadhim", "Kazim", "Kazem", "كاظم"],
    ["Dhafer", "Zafer", "Dhafir", "ظافر"],
]


@pytest.mark.parametrize("spellings", SAME, ids=lambda s: s[0])
def test_spellings_and_scripts_of_one_name_share_a_key(spellings: list[str]) -> None:
    keys = {latin_key(s) for s in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(latin_key, spellings), strict=True))
    skeletons = {arabic_skeleton(s) for s in spellings}
    assert len(skeletons) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammed", "Mahmoud"),  # two of the commonest names: never one key
        ("Ahmad", "Hamad"),
        ("Yousef Jassim Al-Mu'i", "Yousef Al-Jassim"),
        ("Ali", "Alia"),
        ("Omar", "Amr Khalid"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert latin_key(a) != latin_key(b)


def test_a_latin_spelling_can_read_as_more_than_one_name() -> None:
    # "Hamid" writes حامد and حميد: both are among its readings, so either Arabic spelling
    # can be the same person even though the likeliest reading picks one
    hamid = part_readings("Hamid Khalaf")["given"]
    assert part_readings("حامد خلف")["given"][0] in hamid
    assert part_readings("حميد خلف")["given"][0] in hamid
    assert not set(part_readings("Mohammed Ali")["given"]) & set(
        part_readings("Mahmoud Ali")["given"]
    )


def test_parts_of_a_trinomial_name_as_written() -> None:
    assert name_parts("Yousef Jassim Al-Mu'i") == {
        "given": "Yousef", "father": "Jassim", "family": "Al-Mu'i"
    }
    assert name_parts("رغد أحمد العلي الزرير") == {
        "given": "رغد", "father": "أحمد", "grandfather": "العلي", "family": "الزرير"
    }
    assert name_parts("Mona Al-Hassan") == {"given": "Mona", "family": "Al-Hassan"}
    assert name_parts("Abd Al-Ghani Al-Mu’i") == {"given": "Abd Al-Ghani", "family": "Al-Mu’i"}
    assert part_keys("Abd Al-Ghani Al-Mu’i") == part_keys("عبد الغني المعي")


def test_kunya_laqab_and_particles() -> None:
    # a kunya and one name: the Abu Hatem of the Shaqra family
    assert name_parts("Abu Hatem al-Shaqra") == {"kunya": "Abu Hatem", "family": "al-Shaqra"}
    assert name_parts("Khaled Ahmad Abu Hamdan")["family"] == "Abu Hamdan"
    assert name_parts("Umm Abd al-Rahman") == {"kunya": "Umm Abd al-Rahman"}
    assert name_parts("Hajj Ali Hasan Khalaf") == {
        "laqab": "Hajj", "given": "Ali", "father": "Hasan", "family": "Khalaf"
    }
    assert name_parts("Ali bin Hasan Khalaf") == {
        "given": "Ali", "father": "Hasan", "family": "Khalaf"
    }
    assert latin_key("الحاج علي حسن") == latin_key("Ali Hasan")  # a title is no part of the key
    assert name_parts("Ali Hasan known as Abu Layla")["laqab"] == "Abu Layla"


def test_search_keys_in_either_script() -> None:
    assert set(latin_key("يوسف المعي").split()) <= set(latin_key("Yousef Jassim Al-Mu'i").split())
    assert arabic_skeleton("Yousef Jassim Al-Mu'i") == arabic_skeleton("يوسف جاسم المعي")
    assert all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in arabic_skeleton("Fatima Khalaf"))


def test_known_names_tell_persons_from_capitalised_words() -> None:
    assert has_known_name("Karim Saleh Al-Hassan")
    assert has_known_name("Weisi Muhammad Weisi")  # one known word is enough
    assert has_known_name("Abu Hatem al-Shaqra")  # a kunya
    assert not has_known_name("United States")
    assert not has_known_name("Revolutionary Youth")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_keys_never_raise_and_stay_in_their_alphabets(text: str) -> None:
    key = latin_key(text)
    assert set(key) <= set("abdfghjklmnrstwxyz ")
    assert len(arabic_skeleton(text).split()) == len(key.split())
    parts = name_parts(text)
    for written in parts.values():
        assert written in text
