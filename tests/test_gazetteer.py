"""The gazetteer: spelling keys, Arabic keys, lookup and ranking, the shipped file, the build."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.knowledge.gazetteer import (
    DATA,
    KINDS,
    admin1_table,
    arabic_key,
    arabic_keys,
    arabic_norm,
    load_gazetteer,
    normalise,
    standard_admin1,
    transliterate,
)

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "data" / "gazetteer"

SAME_KEY = [
    ["Baghuz", "Baghouz", "Baguz", "al-Baghouz", "Al Baghuz", "AL-BAGHUZ", "Bāghūz"],
    ["Deir Ezzor", "Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr", "Deir-ez-Zor", "Der Ezzor"],
    ["Shafah", "Sha'fe", "al-Shaf’a", "Shaafa", "Al-Shaafah", "ash-Sha‘fah"],
    ["Sousa", "Susah", "al-Sousa", "As Susah"],
    ["Tayyaneh", "Tayyanieh", "At Tayyanah", "al-Tayyana"],
    ["Abu Kamal", "Albu Kamal", "Al-Bukamal", "Boukamal", "Abou Kamal", "Albukamal"],
    ["Mayadin", "Al-Mayadeen", "al Mayadin", "Meyadin"],
    ["Qamishli", "Kamishli", "Al-Qamishli"],
]


@pytest.mark.parametrize("names", SAME_KEY, ids=lambda names: names[0])
def test_spellings_share_one_key(names: list[str]) -> None:
    keys = {normalise(n) for n in names}
    assert len(keys) == 1, keys


def test_different_places_keep_different_keys() -> None:
    assert normalise("Hajin") != normalise("Hama")
    assert normalise("Raqqa") != normalise("Iraq")
    assert normalise("Homs") != normalise("Hims Street") != normalise("Hamas Street")


@pytest.mark.parametrize(
    ("arabic", "english"),
    [
        ("الباغوز", "Baghuz"),
        ("الشعفة", "Shafah"),
        ("الشعفة", "Sha'fe"),
        ("البوكمال", "Bukamal"),
        ("البوكمال", "Abu Kamal"),
        ("هجين", "Hajin"),
        ("السوسة", "Sousa"),
        ("الطيانة", "Tayyaneh"),
        ("العكيرشي", "Akeirshi"),
        ("دير الزور", "Deir Ezzor"),
        ("الباغوز فوقاني", "Baghouz Fouqani"),
    ],
)
def test_arabic_key_meets_english_spelling(arabic: str, english: str) -> None:
    assert arabic_key(arabic) == normalise(english)
    assert normalise(arabic) == normalise(english)  # normalise takes either script


def test_arabic_key_offers_readings_for_unwritten_vowels() -> None:
    # تحتاني has no written vowel between ح and ت; the likeliest reading comes first
    keys = arabic_keys("تحتاني")
    assert keys[0] == normalise("Tahtani") and len(keys) > 1
    assert normalise("Kafriya") in arabic_keys("كفريا")


def test_arabic_norm_folds_script_variants() -> None:
    assert arabic_norm("البَاغُوز") == arabic_norm("الباغوز") == arabic_norm("باغوز")
    assert arabic_norm("إدلب") == arabic_norm("ادلب")
    assert arabic_norm("الشعفة") == arabic_norm("شعفه")
    assert arabic_norm("دير الـزور") == arabic_norm("دير الزور")  # tatweel


def test_transliteration_of_arabic_only_names() -> None:
    assert transliterate("الباغوز فوقاني") == "Al Baghuz Fawqani"
    assert transliterate("هجين") == "Hajin"
    assert transliterate("الشعفة") == "Al Shafah"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_keys_never_fail_and_stay_plain(text: str) -> None:
    key = normalise(text)
    assert key == "" or key.isascii() and key.isalpha() and key.islower()
    assert len(arabic_keys(text)) <= 12
    arabic_norm(text)


def test_variant_spellings_resolve_to_one_entry() -> None:
    gaz = load_gazetteer()
    ids = {gaz.lookup(n)[0].id for n in ("Baghouz", "Baguz", "al-Baghouz", "Al Baghuz", "الباغوز")}
    assert len(ids) == 1
    hajin = {gaz.lookup(n)[0].id for n in ("Hajin", "Hajine", "هجين")}
    assert len(hajin) == 1


def test_arabic_only_villages_are_found_from_english() -> None:
    gaz = load_gazetteer()
    upper = gaz.lookup("Al-Baghuz Fawqani")[0]
    assert upper.name == "Al Baghuz Fawqani"
    assert upper.admin1 == "Deir ez-Zor" and upper.country == "SY"
    assert "karabala" in upper.provenance
    assert upper.coord_precision == "district"  # the sub-district's centroid
    assert gaz.lookup("Baghouz Fouqani")[0].id == upper.id
    # the bare name of the twin villages is there too, at the same spot
    bare = gaz.lookup("Baghuz")[0]
    assert "derived" in bare.provenance and (bare.lat, bare.lon) == (upper.lat, upper.lon)


def test_homonyms_rank_by_importance_and_context() -> None:
    gaz = load_gazetteer()
    assert gaz.lookup("Hajin")[0].kind == "town"  # the town, not the sub-district
    assert gaz.lookup("Deir Ezzor")[0].kind == "city"
    assert gaz.lookup("Deir Ezzor", kinds={"governorate"})[0].kind == "governorate"
    assert gaz.lookup("al-Shafah", admin1="Deir Ezzor")[0].admin1 == "Deir ez-Zor"


def test_standard_admin1_names() -> None:
    assert standard_admin1("Deir Ezzor") == "Deir ez-Zor"
    assert standard_admin1("Der Ezzor") == "Deir ez-Zor"
    assert standard_admin1("محافظة دير الزور") == "Deir ez-Zor"
    assert standard_admin1("Ar-Raqqah") == "Raqqa"
    assert standard_admin1("Raqqa Governorate") == "Raqqa"
    assert standard_admin1("Hasakeh") == "Al-Hasakah"
    assert standard_admin1("Ninewa") == "Nineveh"
    assert standard_admin1("SY09") == "Deir ez-Zor"
    assert standard_admin1("Mosul") is None  # a city, not a governorate
    assert len({a.name for a in admin1_table()}) == 32


# Rough frames: Syria and Iraq with a margin.
BOXES = {"SY": (32.2, 37.4, 35.5, 42.5), "IQ": (29.0, 37.5, 38.7, 48.7)}


def test_every_place_lies_in_its_country_and_governorate() -> None:
    gaz = load_gazetteer()
    standard = {a.name for a in admin1_table()}
    assert len(gaz) > 7000
    for p in gaz.places:
        assert p.kind in KINDS
        assert p.country in BOXES
        assert p.lat is not None and p.lon is not None
        lat0, lat1, lon0, lon1 = BOXES[p.country]
        assert lat0 <= p.lat <= lat1 and lon0 <= p.lon <= lon1, p
        if p.kind != "country":
            assert p.admin1 in standard, p


def test_shipped_file_is_compact() -> None:
    raw = (DATA / "gazetteer.tsv.gz").read_bytes()
    assert len(raw) < 2_000_000
    header = gzip.decompress(raw).split(b"\n", 1)[0].decode().split("\t")
    assert header[:4] == ["id", "name", "name_ar", "country"]


def test_build_from_sources(tmp_path: Path) -> None:
    if not (SOURCES / "SOURCES.md").is_file():
        pytest.skip(f"gazetteer sources not found at {SOURCES} (../shared/data/gazetteer)")
    out = tmp_path / "gazetteer.tsv.gz"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_gazetteer.py"), "--src", str(SOURCES),
         "--out", str(out), "--no-common-words"],
        capture_output=True, text=True, check=True,
    )
    assert "places" in done.stdout
    rows = gzip.decompress(out.read_bytes()).decode().splitlines()[1:]
    fields = [r.split("\t") for r in rows]
    kinds = {k: sum(1 for f in fields if f[9] == k) for k in KINDS}
    assert 7000 < len(rows) < 12000
    assert kinds["governorate"] == 32 and kinds["country"] == 2
    assert kinds["district"] > 150 and kinds["subdistrict"] > 500
    assert kinds["village"] > 5000 and kinds["neighbourhood"] > 300
    assert {f[3] for f in fields} == {"SY", "IQ"}
    assert all(len(f) == 15 for f in fields)
    # the same sources give the same bytes as the shipped file
    assert out.read_bytes() == (DATA / "gazetteer.tsv.gz").read_bytes()
