"""The gazetteer of Syria and Iraq: typed places, spelling keys that fold variants, lookup.

One place is spelled many ways (Baghuz, Baghouz, al-Baguz, الباغوز). Every name is reduced to a
KEY that its usual spellings share (rules in `data/translit.toml`), and places are found by key,
so a village known only by its Arabic name is found from English text too. The places come from
`data/gazetteer.tsv.gz`, built by `scripts/build_gazetteer.py` (sources: GAZETTEER-SOURCES.md).
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import re
import tomllib
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import product
from pathlib import Path
from types import SimpleNamespace
from typing import Any

DATA = resources.files("civcas") / "data"

KINDS: tuple[str, ...] = (
    "country",
    "governorate",
    "district",
    "subdistrict",
    "city",
    "town",
    "village",
    "neighbourhood",
)
# How much a kind weighs when homonyms compete: a populated place named bare in a report is
# usually the town, not the admin unit of the same name (Hajin the town, not Hajin sub-district).
KIND_WEIGHT: dict[str, float] = {
    "city": 50.0,
    "town": 40.0,
    "governorate": 35.0,
    "country": 34.0,
    "district": 30.0,
    "subdistrict": 25.0,
    "village": 20.0,
    "neighbourhood": 10.0,
}
# Kinds whose bare mention is usually the well-known place itself (Hama the city, not a hamlet
# of that name elsewhere), whatever governorate the rest of a text is about.
WELL_KNOWN = frozenset({"country", "governorate", "city"})
TSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "name_ar",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "lat",
    "lon",
    "kind",
    "population",
    "pcode",
    "coord_precision",
    "provenance",
    "names",
)

_ARABIC_CHAR = re.compile(r"[\u0600-\u06ff]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0660-\u06ff]+")
_LATIN_WORD = re.compile(r"[a-z]+")


# --------------------------------------------------------------------------- spelling rules


@cache
def _rules() -> SimpleNamespace:
    """translit.toml, read once, in the shapes the key functions need."""
    raw: dict[str, Any] = tomllib.loads((DATA / "translit.toml").read_text(encoding="utf-8"))
    lat, ar = raw["latin"], raw["arabic"]
    digraphs = sorted(((a, b) for a, b in lat["digraphs"]), key=lambda d: -len(d[0]))
    readable = ar["readable"]
    qualifiers = raw.get("qualifiers", {})
    return SimpleNamespace(
        apostrophes=str.maketrans("", "", lat["apostrophes"]),
        letters=dict(lat["letters"]),
        articles=frozenset(lat["articles"]),
        always_articles=frozenset(lat["always_articles"]),
        vowels=frozenset(lat["vowels"]),
        semivowels=frozenset(lat["semivowels"]),
        sun=frozenset(lat["sun_letters"]),
        digraphs=tuple(digraphs),
        singles=dict(lat["singles"]),
        tokens=dict(lat["tokens"]),
        glued=tuple((a, b) for a, b in lat["glued"]["prefixes"]),
        glued_min_rest=int(lat["glued"]["min_rest"]),
        article_min_rest=int(lat["glued"]["article_min_rest"]),
        ar_strip=str.maketrans("", "", ar["strip"]),
        ar_fold=str.maketrans(ar["fold"]),
        ar_article=ar["article"],
        ar_glued_bu=ar["glued_bu"],
        ar_bu=frozenset(ar["bu_tokens"]),
        ar_consonants=dict(ar["consonants"]),
        ar_semivowels=dict(ar["semivowels"]),
        ar_vowels=frozenset(ar["vowels"]),
        ar_teh=ar["teh_marbuta"],
        max_keys=int(ar["max_keys"]),
        rd_letters=dict(readable["letters"]),
        rd_cons_semi=dict(readable["consonant_semivowels"]),
        rd_vowel_semi=dict(readable["vowel_semivowels"]),
        rd_vowels=dict(readable["vowels"]),
        rd_teh=readable["teh_marbuta"],
        rd_teh_construct=readable["teh_marbuta_construct"],
        rd_words=dict(readable.get("words", {})),
        qualifiers={
            name: SimpleNamespace(before=tuple(q.get("before", [])), arabic=tuple(q["arabic"]))
            for name, q in qualifiers.items()
        },
    )


def has_arabic(text: str) -> bool:
    """Whether `text` holds Arabic-script letters."""
    return _ARABIC_CHAR.search(text) is not None


def _ascii(text: str) -> str:
    """Lowercase ASCII letters of a Latin name: diacritics, apostrophes and ayn signs removed."""
    r = _rules()
    out = []
    for ch in unicodedata.normalize("NFKD", text.translate(r.apostrophes)):
        if unicodedata.combining(ch):
            continue
        ch = ch.lower()
        out.append(r.letters.get(ch, ch))
    return "".join(out)


def _collapse(symbols: Iterable[str]) -> str:
    """Doubled letters and vowel runs as one; a final -h after a vowel dropped (Shafah = Shafa)."""
    out: list[str] = []
    for s in symbols:
        for ch in s:
            if not out or out[-1] != ch:
                out.append(ch)
    if len(out) >= 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()
    return "".join(out)


def join_keys(parts: Iterable[str]) -> str:
    """Concatenate token keys, merging a letter shared at a boundary (so splits do not matter)."""
    out = ""
    for p in parts:
        if not p:
            continue
        out = out + p[1:] if out and out[-1] == p[0] else out + p
    return out


@lru_cache(maxsize=1 << 16)
def latin_piece(token: str) -> str:
    """The key of one Latin word (an article is not dropped here: see `is_article`)."""
    r = _rules()
    t = "".join(_LATIN_WORD.findall(_ascii(token)))
    if not t:
        return ""
    t = r.tokens.get(t, t)
    for prefix, repl in r.glued:
        if t.startswith(prefix) and len(t) - len(prefix) >= r.glued_min_rest:
            t = r.tokens.get(repl, repl) + " " + t[len(prefix) :]
            break
    else:
        if (
            t[:2] in ("al", "el")
            and len(t) - 2 >= r.article_min_rest
            and t[2] not in r.vowels
        ):
            t = t[2:]  # glued article: Elmajaher = al-Majaher
        elif len(t) >= 5 and t[0] == "e" and t[1] == t[2] and t[1] in r.sun:
            t = t[2:]  # glued assimilated article: Ezzor = ez-Zor
    if " " in t:
        return join_keys(latin_piece(part) for part in t.split(" "))
    # digraphs and single letters to key consonants
    folded: list[str] = []
    i, n = 0, len(t)
    while i < n:
        for dg, rep in r.digraphs:
            if t.startswith(dg, i):
                folded.append(rep)
                i += len(dg)
                break
        else:
            folded.append(r.singles.get(t[i], t[i]))
            i += 1
    s = "".join(folded)
    # vowels to "a"; w and y are consonants when doubled or before a vowel, else vowels
    out: list[str] = []
    n = len(s)
    for i, ch in enumerate(s):
        if ch in r.vowels:
            out.append("a")
        elif ch in r.semivowels:
            nxt = s[i + 1] if i + 1 < n else ""
            prev = s[i - 1] if i else ""
            consonant = nxt == ch or prev == ch or (nxt != "" and nxt in r.vowels)
            out.append(ch if consonant else "a")
        else:
            out.append(ch)
    return _collapse(out)


def is_article(token: str, following: str | None, hyphen: bool = False) -> bool:
    """Whether a Latin word is the Arabic article before `following` (al-, el-, as-Susah)."""
    r = _rules()
    t = token.lower()
    if t not in r.articles or not following:
        return False
    if t in r.always_articles or hyphen:
        return True
    return fold_latin(following).startswith(t[1:])


@lru_cache(maxsize=1 << 16)
def fold_latin(word: str) -> str:
    """A Latin word in lowercase ASCII letters (diacritics and apostrophes removed)."""
    return "".join(_LATIN_WORD.findall(_ascii(word)))


def surface(name: str) -> str:
    """A Latin name as plain lowercase words without articles: the spelling as written, for
    telling a real name from an English word that only shares its key ("Source")."""
    words = _latin_words(name)
    out = []
    for i, (w, hyphen) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else None
        if not is_article(w, nxt, hyphen):
            out.append(fold_latin(w))
    return " ".join(x for x in out if x) or " ".join(fold_latin(w) for w, _ in words)


_SPLIT = re.compile(r"([^\W\d_]+)([\s\-‐‑–]*)")


def _latin_words(name: str) -> list[tuple[str, bool]]:
    """Words of a Latin name with whether a hyphen joins each to the next."""
    text = name.translate(_rules().apostrophes)
    return [(m.group(1), "-" in m.group(2) or "‐" in m.group(2)) for m in _SPLIT.finditer(text)]


def latin_pieces(name: str) -> list[str]:
    """Keys of the words of a Latin name, articles dropped (unless the name is only articles)."""
    words = _latin_words(name)
    pieces: list[str] = []
    for i, (w, hyphen) in enumerate(words):
        nxt = words[i + 1][0] if i + 1 < len(words) else None
        if is_article(w, nxt, hyphen):
            continue
        pieces.append(latin_piece(w))
    if not pieces and words:
        pieces = [latin_piece(w) for w, _ in words]
    return pieces


def normalise(name: str) -> str:
    """The spelling key of a place name: Baghuz, Baghouz, al-Baguz, الباغوز all give "bagaz".

    Arabic-script names give their most likely key (see `arabic_key`).
    """
    if has_arabic(name):
        return arabic_key(name)
    return join_keys(latin_pieces(name))


# --------------------------------------------------------------------------- Arabic script


def _arabic_words(name: str) -> list[str]:
    """Arabic words of a name: harakat and tatweel removed."""
    return _ARABIC_WORD.findall(name.translate(_rules().ar_strip))


def arabic_fold(word: str) -> str:
    """An Arabic word with harakat and tatweel removed and letter variants folded (أ/إ/آ = ا,
    ى = ي, ة = ه, ...), its article kept: for comparing cue words."""
    r = _rules()
    return word.translate(r.ar_strip).translate(r.ar_fold)


def latin_articles() -> frozenset[str]:
    """The Latin spellings of the Arabic article (al, el, as, ash, ...)."""
    return _rules().articles


def arabic_piece(word: str) -> str:
    """The Arabic-script key of one word: letter variants folded, the article ال removed."""
    r = _rules()
    w = word.translate(r.ar_strip).translate(r.ar_fold)
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return w


def arabic_norm(name: str) -> str:
    """The Arabic-script key of a name (for Arabic text): الباغوز, باغوز and البَاغُوز agree."""
    return "".join(arabic_piece(w) for w in _arabic_words(name))


def _split_arabic(name: str) -> list[str]:
    """Words of an Arabic name with the article removed and the glued tribal prefix split off."""
    r = _rules()
    words: list[str] = []
    for w in _arabic_words(name):
        if w.startswith(r.ar_glued_bu) and len(w) > len(r.ar_glued_bu) + 1:
            words += ["بو", w[len(r.ar_glued_bu) :]]
            continue
        if w.startswith(r.ar_article) and len(w) > 3:
            w = w[2:]
        words.append(w)
    return words


def _arabic_units(word: str) -> tuple[list[tuple[str, str]], list[bool]]:
    """Letters of a word as (class, key letter), and which read as vowels.

    Classes: C consonant, S و/ي, V written vowel/hamza/ayn, T teh marbuta. A و/ي is a consonant
    at the start of a word or before a vowel, else a vowel (دير = Deir, طيانة = Tayana).
    """
    r = _rules()
    units: list[tuple[str, str]] = []
    for ch in word:
        if ch in r.ar_consonants:
            units.append(("C", r.ar_consonants[ch]))
        elif ch in r.ar_semivowels:
            units.append(("S", r.ar_semivowels[ch]))
        elif ch in r.ar_vowels:
            units.append(("V", "a"))
        elif ch == r.ar_teh:
            units.append(("T", "a"))
    vocalic = [False] * len(units)
    for i in range(len(units) - 1, -1, -1):
        cls = units[i][0]
        if cls in "VT":
            vocalic[i] = True
        elif cls == "S":
            vocalic[i] = not (i == 0 or (i + 1 < len(units) and vocalic[i + 1]))
    return units, vocalic


def _arabic_word_choices(word: str, last: bool) -> list[tuple[str, ...]]:
    """Per letter, the key readings it may have, the likeliest first (short vowels are unwritten:
    a vowel must follow the first consonant, and may sit inside a later consonant cluster)."""
    units, vocalic = _arabic_units(word)
    choices: list[tuple[str, ...]] = []
    n = len(units)
    for i, (cls, sym) in enumerate(units):
        if vocalic[i]:
            choices.append(("a", "at") if cls == "T" and not last else ("a",))
            continue
        choices.append((sym,))
        if i + 1 < n and not vocalic[i + 1]:
            if i == 0:
                choices.append(("a",))
            elif units[i + 1][0] == "S":
                choices.append(("a", ""))  # -iya, -iyeh: Kafriya, Hamidiyah
            else:
                choices.append(("", "a"))
    return choices


def _ranked_products(choices: list[tuple[str, ...]], limit: int) -> list[tuple[str, ...]]:
    """Combinations of choices, fewest departures from the likeliest reading first."""
    combos: list[tuple[int, tuple[str, ...]]] = []
    index_lists = [range(len(c)) for c in choices]
    for n, idx in enumerate(product(*index_lists)):
        if n >= 4096:
            break
        combos.append((sum(idx), tuple(c[i] for c, i in zip(choices, idx, strict=True))))
    combos.sort(key=lambda c: c[0])
    return [c for _, c in combos[:limit]]


@lru_cache(maxsize=1 << 15)
def arabic_keys(name: str) -> tuple[str, ...]:
    """The Latin keys an Arabic name may have, the likeliest first (الشعفة -> "xafa", ...)."""
    r = _rules()
    words = _split_arabic(name)
    per_word: list[tuple[str, ...]] = []
    for i, w in enumerate(words):
        if w in r.ar_bu:
            per_word.append((latin_piece("bu"),))
            continue
        choices = _arabic_word_choices(w, last=i == len(words) - 1)
        variants = [_collapse(c) for c in _ranked_products(choices, r.max_keys)]
        per_word.append(tuple(dict.fromkeys(v for v in variants if v)))
    per_word = [p for p in per_word if p]
    if not per_word:
        return ()
    keys: list[str] = []
    for combo in _ranked_products(per_word, r.max_keys * 4):
        key = join_keys(combo)
        if key not in keys:
            keys.append(key)
        if len(keys) >= r.max_keys:
            break
    return tuple(keys)


def arabic_key(name: str) -> str:
    """The likeliest Latin key of an Arabic name: الباغوز -> same key as Baghuz."""
    keys = arabic_keys(name)
    return keys[0] if keys else ""


def _readable_word(word: str, last: bool) -> str:
    """One Arabic word in plain Latin letters, a short vowel only where one must be."""
    r = _rules()
    if word in r.rd_words:
        return r.rd_words[word]
    units, vocalic = _arabic_units(word)
    letters = [ch for ch in word if ch in r.ar_consonants or ch in r.ar_semivowels
               or ch in r.ar_vowels or ch == r.ar_teh]
    out: list[str] = []
    n = len(units)
    for i, ((cls, _), ch) in enumerate(zip(units, letters, strict=True)):
        if cls == "C":
            out.append(r.rd_letters.get(ch, ""))
            if i + 1 < n and not vocalic[i + 1]:
                if i == 0:
                    out.append("a")
                elif units[i + 1][0] == "S":
                    out.append("i")
        elif cls == "S":
            out.append(r.rd_vowel_semi[ch] if vocalic[i] else r.rd_cons_semi[ch])
        elif cls == "T":
            out.append(r.rd_teh if last else r.rd_teh_construct)
        elif ch == "ع":
            after_consonant = i > 0 and not vocalic[i - 1]
            before_consonant = i + 1 < n and not vocalic[i + 1]
            if i == 0 or (after_consonant and before_consonant):
                out.append("a")
            elif i + 1 < n:
                out.append("'")
        else:
            out.append(r.rd_vowels.get(ch, "a"))
    text = "".join(out).strip("'")
    return text[:1].upper() + text[1:]


def transliterate(name: str) -> str:
    """A readable Latin form of an Arabic name (الباغوز فوقاني -> "Al Baghuz Fawqani")."""
    r = _rules()
    words = _arabic_words(name)
    out: list[str] = []
    for i, w in enumerate(words):
        last = i == len(words) - 1
        if w in r.rd_words:
            latin = r.rd_words[w]
        elif w.startswith(r.ar_article) and len(w) > 3:
            core = w[2:]
            latin = "al-" + (r.rd_words.get(core) or _readable_word(core, last))
        else:
            latin = _readable_word(w, last)
        if i == 0 and latin.startswith("al-"):
            latin = "Al " + latin[3:4].upper() + latin[4:]
        out.append(latin)
    return " ".join(x for x in out if x)


def name_keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(strong keys, weak keys) of one name: a Latin name's key and, for an Arabic name, its
    Arabic-script key (strong) and its candidate Latin keys (weak, guessed from the script)."""
    if has_arabic(name):
        ar = arabic_norm(name)
        return ((ar,) if ar else ()), arabic_keys(name)
    key = normalise(name)
    return ((key,) if key else ()), ()


# --------------------------------------------------------------------------- places


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. `coord_precision` says whether lat/lon are the place's own ("exact")
    or its sub-district's centroid ("district"), for villages known only from a name list."""

    id: str
    name: str
    country: str
    kind: str
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    pcode: str | None = None
    name_ar: str | None = None
    coord_precision: str = "exact"
    provenance: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def all_names(self) -> tuple[str, ...]:
        """The standard name, the Arabic name and every alternate name."""
        return tuple(n for n in (self.name, self.name_ar, *self.names) if n)

    @property
    def importance(self) -> float:
        """Rank among homonyms: kind first, then population, own coordinates a little."""
        score = KIND_WEIGHT.get(self.kind, 0.0)
        if self.population:
            score += min(3.0 * math.log10(self.population + 1), 20.0)
        if self.coord_precision == "exact":
            score += 1.0
        return score

    def distance_km(self, other: Place) -> float | None:
        """Great-circle distance to another place, where both have coordinates."""
        if None in (self.lat, self.lon, other.lat, other.lon):
            return None
        return haversine_km(self.lat, self.lon, other.lat, other.lon)  # type: ignore[arg-type]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True, slots=True)
class Admin1:
    """A governorate as users write it, with its codes, Arabic name and aliases."""

    country: str
    name: str
    pcode: str
    geonames: tuple[str, ...]
    name_ar: str
    countryside_of: str | None
    aliases: tuple[str, ...]


def _read_admin1(text: str) -> list[Admin1]:
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for row in csv.DictReader(rows, delimiter="\t"):
        out.append(
            Admin1(
                country=row["country"],
                name=row["name"],
                pcode=row["pcode"],
                geonames=tuple(x for x in row["geonames"].split("|") if x),
                name_ar=row["name_ar"],
                countryside_of=row["countryside_of"] or None,
                aliases=tuple(x for x in row["aliases"].split("|") if x),
            )
        )
    return out


@cache
def admin1_table() -> tuple[Admin1, ...]:
    """The governorates of Syria and Iraq (data/admin1.tsv)."""
    return tuple(_read_admin1((DATA / "admin1.tsv").read_text(encoding="utf-8")))


@cache
def _admin1_keys() -> dict[str, str]:
    out: dict[str, str] = {}
    for a in admin1_table():
        for n in (a.name, a.name_ar, a.pcode, *a.geonames, *a.aliases):
            key = arabic_norm(n) if has_arabic(n) else normalise(n)
            out.setdefault(key, a.name)
            out.setdefault(n.upper(), a.name)
    return out


_ADMIN_WORDS = re.compile(
    r"^\s*(?:محافظة|governorate of|province of)\s+|\s+(?:governorate|province|muhafazat)\s*$",
    re.IGNORECASE,
)


def standard_admin1(name: str | None) -> str | None:
    """The standard governorate name for any spelling, code or Arabic name of it, else None
    ("Deir Ezzor", "SY09", "محافظة دير الزور", "Raqqa Governorate" -> the standard form)."""
    if not name:
        return None
    table = _admin1_keys()
    if name.upper() in table:
        return table[name.upper()]
    name = _ADMIN_WORDS.sub("", name)
    key = arabic_norm(name) if has_arabic(name) else normalise(name)
    return table.get(key)


def _int(value: str) -> int | None:
    return int(value) if value else None


def _float(value: str) -> float | None:
    return float(value) if value else None


def read_places(path: Path | None = None) -> Iterator[Place]:
    """The rows of a gazetteer file as places (the shipped one when `path` is None)."""
    if path is None:
        raw = (DATA / "gazetteer.tsv.gz").read_bytes()
    else:
        raw = Path(path).read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    aliases = _aliases()
    for row in csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        extra = aliases.get(row["id"], ())
        yield Place(
            id=row["id"],
            name=row["name"],
            country=row["country"],
            kind=row["kind"],
            admin1=row["admin1"] or None,
            admin2=row["admin2"] or None,
            admin3=row["admin3"] or None,
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            population=_int(row["population"]),
            pcode=row["pcode"] or None,
            name_ar=row["name_ar"] or None,
            coord_precision=row["coord_precision"] or "exact",
            provenance=tuple(x for x in row["provenance"].split("+") if x)
            + (("aliases",) if extra else ()),
            names=tuple(x for x in row["names"].split("|") if x) + extra,
        )


@cache
def _aliases() -> dict[str, tuple[str, ...]]:
    """Names reports use that no gazetteer source gives (data/place_aliases.toml), by id."""
    raw = tomllib.loads((DATA / "place_aliases.toml").read_text(encoding="utf-8"))
    return {pid: tuple(names) for pid, names in raw.get("aliases", {}).items()}


# One candidate of a key: the place and whether the key came from a written name (strong) or
# was guessed from the Arabic script (weak).
Hit = tuple[Place, bool]


class Gazetteer:
    """Places indexed by spelling key. Lookups are dictionary reads: fast enough per token."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: tuple[Place, ...] = tuple(places)
        self._by_id = {p.id: p for p in self.places}
        found: dict[str, dict[str, bool]] = {}
        for p in self.places:
            for n in p.all_names:
                strong, weak = name_keys(n)
                for k in strong:
                    found.setdefault(k, {})[p.id] = True
                for k in weak:
                    found.setdefault(k, {}).setdefault(p.id, False)
        self._index: dict[str, tuple[Hit, ...]] = {}
        for key, ids in found.items():
            hits = [(self._by_id[i], s) for i, s in ids.items()]
            hits.sort(key=lambda h: (h[1], h[0].kind in WELL_KNOWN, h[0].importance), reverse=True)
            self._index[key] = tuple(hits)
        self._governorates = {
            p.admin1: p for p in self.places if p.kind == "governorate" and p.admin1
        }
        self._sorted_keys = sorted(self._index)
        # Arabic names of several words by their first two words' keys (دير -> {زور, ...}):
        # only where a text's words are such a pair is a longer Arabic name worth trying
        pairs: dict[str, set[str]] = {}
        for p in self.places:
            for n in p.all_names:
                if has_arabic(n) and len(words := _arabic_words(n)) > 1:
                    pairs.setdefault(arabic_piece(words[0]), set()).add(arabic_piece(words[1]))
        self.next_words: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in pairs.items()}
        self._prefixes: dict[str, bool] = {}
        self.surfaces: frozenset[str] = frozenset(
            surface(n) for p in self.places for n in p.all_names if not has_arabic(n)
        )

    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        """The place with this id."""
        return self._by_id.get(place_id)

    def has_prefix(self, piece: str) -> bool:
        """Whether some key starts with `piece`: a quick test before trying longer names."""
        known = self._prefixes.get(piece)
        if known is None:
            keys = self._sorted_keys
            i = bisect_left(keys, piece)
            known = self._prefixes[piece] = i < len(keys) and keys[i].startswith(piece)
        return known

    def hits(self, key: str) -> tuple[Hit, ...]:
        """Candidates of a key (Latin or Arabic-script), best first (written names before
        guessed ones, well-known kinds, importance); () when none."""
        return self._index.get(key, ())

    def lookup(
        self,
        name: str,
        admin1: str | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Place]:
        """Places called `name` in any spelling or script, best first.

        `admin1` (a governorate the text names) puts the places inside it first; `kinds` keeps
        only those kinds where any fits.
        """
        strong, weak = name_keys(name)
        seen: dict[str, Hit] = {}
        for key in (*strong, *weak):
            for place, is_strong in self.hits(key):
                if place.id not in seen or (is_strong and not seen[place.id][1]):
                    seen[place.id] = (place, is_strong and key in strong)
        return [p for p, _ in self.rank(list(seen.values()), admin1, kinds)]

    def rank(
        self,
        hits: Iterable[Hit],
        admin1: str | None = None,
        kinds: Collection[str] | None = None,
    ) -> list[Hit]:
        """Order candidates: wanted kind, strong key, inside the context governorate, importance."""
        context = standard_admin1(admin1) if admin1 else None
        items = list(hits)
        if kinds:
            fitting = [h for h in items if h[0].kind in kinds]
            items = fitting or items
        return sorted(
            items,
            key=lambda h: (h[1], context is not None and h[0].admin1 == context, h[0].importance),
            reverse=True,
        )

    def governorate(self, admin1: str | None) -> Place | None:
        """The governorate entry of a standard admin1 name."""
        name = standard_admin1(admin1) if admin1 else None
        return self._governorates.get(name) if name else None

    def countryside(self, place: Place) -> Place | None:
        """The governorate meant by "the countryside of <place>": the one whose countryside the
        place's governorate is (Damascus -> Rural Damascus), else the place's own governorate."""
        for a in admin1_table():
            if a.countryside_of and a.countryside_of == place.admin1:
                return self._governorates.get(a.name)
        return self._governorates.get(place.admin1) if place.admin1 else None


@cache
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The shipped gazetteer (or the file at `path`), read and indexed once."""
    return Gazetteer(read_places(Path(path) if path else None))


def qualifiers() -> dict[str, SimpleNamespace]:
    """Twin-village qualifiers (Fawqani, Tahtani, ...): standard form -> before words, Arabic."""
    return dict(_rules().qualifiers)


@cache
def qualifier_keys() -> tuple[dict[str, str], dict[str, str]]:
    """Twin-village qualifiers as read in text: spelling key of the word after a name (Latin
    or Arabic: Fouqani, فوقاني) -> standard form; English word before a name (Upper) -> form."""
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for name, spec in qualifiers().items():
        after[latin_piece(name)] = name
        for a in spec.arabic:
            after[arabic_piece(a)] = name
        for b in spec.before:
            before[b.lower()] = name
    return after, before
