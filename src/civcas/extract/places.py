"""Find the places a report names, with the words around them ("near", "east of", "countryside").

Fast by design: one regex tokenises the text once, and names of one to five words are looked up
by their spelling key in a dictionary (no regex per name, no fuzzy scan of the gazetteer). In
English a name must start with a capital letter (or be in Arabic script); one-word names that
are also common words or given names are skipped (`lexicons/<lang>/places.toml`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

from civcas.extract.phrases import fold as script_fold
from civcas.extract.phrases import proclitic_readings
from civcas.knowledge.gazetteer import (
    WELL_KNOWN,
    Gazetteer,
    Hit,
    Place,
    arabic_norm,
    arabic_piece,
    fold_latin,
    has_arabic,
    is_article,
    join_keys,
    latin_articles,
    latin_piece,
    load_gazetteer,
    qualifier_keys,
    surface,
)
from civcas.knowledge.lexicon import languages, load
from civcas.knowledge.names import word_readings_known
from civcas.model import Span

MAX_NAME_TOKENS = 5
MAX_CANDIDATES = 8
POPULATED = frozenset({"city", "town", "village", "neighbourhood"})

_MARKS = "\u0640\u064b-\u065f\u0670"
# A word: a letter, then letters, digits, Arabic marks or apostrophes (Sha'fe, Syria's).
_TOKEN = re.compile(rf"[^\W\d_][\w'’{_MARKS}]*")
_NAME_GAP = re.compile(r"[ \u00a0]?[-‐‑–]?[ \u00a0]?")
_CONTEXT_GAP = re.compile(r"[ \u00a0\t\"“”«»‘’'‐‑–-]{1,4}")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_DIGIT = re.compile(r"\d")
_ARTICLE_WORDS = latin_articles()  # al, el, as, ... (translit.toml)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: the name as written, the whole locative phrase, the entry."""

    span: Span  # the name as written ("Al-Baghuz")
    phrase: Span  # the locative phrase ("outskirts of Al-Baghuz town")
    place: Place  # the best entry
    candidates: tuple[Place, ...]  # every entry of that name, best first
    relation: str | None  # "near", "east of", "countryside", "outskirts", ... or None
    geo_precision: str  # "exact", "district", "governorate" or "country"
    guessed: bool = False  # the spelling matched only a key guessed from an Arabic-only name
    kind_word: str | None = None  # the kind the text gives it ("town" of "بلدة"), if any

    @property
    def admin1(self) -> str | None:
        return self.place.admin1


# A cue phrase: (what it is, its label). What: "kind" (village of), "relation" (east of),
# "direction" (eastern), "filler" (the), "lead" (in).
Cue = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Cues:
    """One language's place cues: phrases before and after a name, as word tuples."""

    lang: str
    before: dict[tuple[str, ...], Cue]
    after: dict[tuple[str, ...], Cue]
    before_suffixes: frozenset[tuple[str, ...]]  # word runs that may end a phrase before a name
    after_prefixes: frozenset[tuple[str, ...]]  # word runs that may start a phrase after one
    longest: int
    picks: dict[str, tuple[str, ...]]
    directions: frozenset[str]
    region: frozenset[str]
    origin: frozenset[str]  # relations naming where an attack came from
    direction_relations: frozenset[str]  # relation labels that give a direction ("north of")
    stop: frozenset[str]
    persons: frozenset[str]
    titles: frozenset[str]  # Mrs, Dr: what follows is a person's name
    given: frozenset[str]  # given names (lexicons/<lang>/names.toml): a name right after one
    # is part of a person's name ("صابر سنجار الفهد"), not a place
    not_given: frozenset[str]  # words as written that fold to a given name: على ("on")
    blocked: frozenset[str]  # stop and persons together
    prefixes: frozenset[str]  # words that start names but are none alone (Tell, Deir)
    foreign: frozenset[str]  # countries the gazetteer does not hold (Lebanon, لبنان)
    common: frozenset[str]
    features: frozenset[str]  # nouns heading a feature's name (جبل السماق): no village then
    introducers: frozenset[str]  # single words of kind and relation cues before a name


def _words(phrase: str) -> tuple[str, ...]:
    """A cue phrase as the tokens the tokenizer gives (hyphens split words, Arabic folded)."""
    return tuple(_fold(t) for t in _TOKEN.findall(phrase))


def _fold(token: str) -> str:
    """A word as cue lists are compared: lower case, and the spelling variants of the script
    folded (lexicons/<lang>/script.toml, as in every other phrase list)."""
    if _ARABIC.search(token):
        return script_fold(token)
    return token.lower().replace("’", "'")


def _cue_table(raw: dict[str, Any], parts: Sequence[tuple[str, str]]) -> dict[tuple[str, ...], Cue]:
    """Phrases of several lexicon entries in one table; an earlier entry wins a shared phrase."""
    table: dict[tuple[str, ...], Cue] = {}
    for entry, what in parts:
        value = raw.get(entry, {})
        items = value.items() if isinstance(value, dict) else [("", value)]
        for label, phrases in items:
            for p in phrases:
                words = _words(p)
                if words:
                    table.setdefault(words, (what, label))
    return table


@cache
def _cues(lang: str) -> _Cues:
    raw = load(lang, "places") or load("en", "places")
    before = _cue_table(
        raw,
        [
            ("kinds_before", "kind"),
            ("relations_before", "relation"),
            ("directions", "direction"),
            ("fillers", "filler"),
            ("lead_in", "lead"),
        ],
    )
    after = _cue_table(
        raw, [("kinds_after", "kind"), ("relations_after", "relation"), ("directions", "direction")]
    )
    return _Cues(
        lang=lang,
        before=before,
        after=after,
        before_suffixes=frozenset(w[i:] for w in before for i in range(len(w))),
        after_prefixes=frozenset(w[: i + 1] for w in after for i in range(len(w))),
        longest=max((len(w) for w in (*before, *after)), default=1),
        picks={k: tuple(v) for k, v in raw.get("kind_picks", {}).items()},
        directions=frozenset(_fold(d) for d in raw.get("directions", []) if " " not in d),
        region=frozenset(raw.get("region_relations", [])),
        origin=frozenset(raw.get("origin_relations", [])),
        direction_relations=frozenset(raw.get("direction_relations", [])),
        stop=frozenset(_fold(w) for w in raw.get("stop", [])),
        persons=frozenset(_fold(w) for w in raw.get("person_names", [])),
        titles=frozenset(_fold(w) for w in raw.get("person_titles", [])),
        given=frozenset(_fold(w) for w in (load(lang, "names") or {}).get("given", [])),
        not_given=frozenset(
            [*(load(lang, "names") or {}).get("not_given", []), *raw.get("not_given", [])]
        ),
        blocked=frozenset(_fold(w) for w in (*raw.get("stop", []), *raw.get("person_names", []))),
        prefixes=frozenset(_fold(w) for w in raw.get("name_prefixes", [])),
        foreign=frozenset(_fold(w) for w in raw.get("foreign", [])),
        common=frozenset(_fold(w) for w in load(lang, "common_words").get("words", [])),
        features=frozenset(_fold(w) for w in raw.get("feature_heads", [])),
        introducers=frozenset(
            w[0] for w, (what, _) in before.items() if what in ("kind", "relation") and len(w) == 1
        ),
    )


class _Text:
    """A text tokenised once: offsets, flags, and folded forms and key pieces on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [a for a, _ in spans]
        self.raw_ends = [b for _, b in spans]  # where the gap to the next word begins
        self.words = words = [text[a:b] for a, b in spans]
        self.ends = self.raw_ends  # where the word ends as a name
        self._possessive: set[int] = set()
        quoted = [k for k, w in enumerate(words) if "'" in w or "’" in w]
        if quoted:
            self.ends = list(self.raw_ends)
        for k in quoted:
            w = words[k]
            bare = w.rstrip("'’")
            if len(bare) < len(w):  # a closing quote is not part of the word
                self.raw_ends[k] -= len(w) - len(bare)
                self.ends[k] = self.raw_ends[k]
                words[k] = w = bare
            if len(w) > 2 and w[-1] in "sS" and w[-2] in "'’":  # possessive: Syria's
                words[k] = w[:-2]
                self.ends[k] -= 2
                self._possessive.add(k)
        self.n = len(words)
        # where a name may start: a capital, Arabic script, or a lower-case article (al-)
        self.candidates = [
            k
            for k, w in enumerate(words)
            if w[0].isupper() or w[0] >= "\u0600" or w in _ARTICLE_WORDS
        ]
        self.arabic = ["\u0600" <= w[0] <= "\u06ff" for w in words]
        self.cap = [w[0].isupper() for w in words]
        self._folded: dict[int, str] = {}
        self._pieces: dict[int, str] = {}
        self._joined: dict[int, bool] = {}
        self._context: dict[int, bool] = {}
        self._article: dict[int, bool] = {}

    def folded(self, i: int) -> str:
        """Lower case (Latin) or letter-folded (Arabic) form of token i, for cue words."""
        f = self._folded.get(i)
        if f is None:
            f = self._folded[i] = _fold(self.words[i])
        return f

    def piece(self, i: int) -> str:
        """The spelling-key piece of token i."""
        p = self._pieces.get(i)
        if p is None:
            w = self.words[i]
            p = self._pieces[i] = arabic_piece(w) if self.arabic[i] else latin_piece(w)
        return p

    def gap(self, i: int) -> str:
        """The characters between token i and token i + 1."""
        return self.text[self.raw_ends[i] : self.starts[i + 1]]

    def name_joined(self, i: int) -> bool:
        """Whether token i and the next may be words of one name (a space or a hyphen)."""
        ok = self._joined.get(i)
        if ok is None:
            ok = i + 1 < self.n and i not in self._possessive
            if ok:
                g = self.gap(i)
                if g != " ":
                    ok = not self.arabic[i] and bool(g) and _NAME_GAP.fullmatch(g) is not None
            self._joined[i] = ok
        return ok

    def context_joined(self, i: int) -> bool:
        """Whether token i and the next belong to one phrase (no punctuation between)."""
        ok = self._context.get(i)
        if ok is None:
            if i + 1 >= self.n:
                return False
            g = self.gap(i)
            ok = self._context[i] = g == " " or _CONTEXT_GAP.fullmatch(g) is not None
        return ok

    def article(self, i: int) -> bool:
        """Token i is the Arabic article of the name that follows it (al-, el-, as-Susah)."""
        ok = self._article.get(i)
        if ok is None:
            w = self.words[i]
            ok = (
                len(w) <= 3
                and w.lower() in _ARTICLE_WORDS
                and self.name_joined(i)
                and is_article(w, self.words[i + 1], "-" in self.gap(i))
            )
            self._article[i] = ok
        return ok


@dataclass(slots=True)
class _Found:
    """A name match before the choice of entry."""

    first: int  # token index of the name's first token
    last: int  # token index of its last token
    start: int  # character offsets of the name as written
    end: int
    hits: tuple[Hit, ...]
    qualifier: str | None = None  # twin-village qualifier the gazetteer lacks (X Tahtani)
    relation: str | None = None
    kind_word: str | None = None
    phrase_start: int = 0
    phrase_end: int = 0


def _arabic_forms(word: str) -> tuple[tuple[int, str], ...]:
    """(characters cut, word) readings of an Arabic token with and without the proclitics of
    script.toml: بالباغوز reads as الباغوز cut after ب, للرقة as الرقة (phrases.py does the
    same for every lexicon phrase)."""
    return proclitic_readings(word)


def _person_context(t: _Text, first: int, last: int, cues: _Cues) -> bool:
    """A name next to a given name is part of a person's name ("Khalaf Al-Hamad", "Rakkan
    Wahid al-Shammari"), and so is one after a title ("Mrs. Amineh", "Col. Wayne Marotto")."""
    before = first - 1
    if before >= 1 and t.article(before):
        before -= 1  # the word before "al-Shammari"
    if before >= 0 and t.gap(before) == " " and _given_name(t, before, cues):
        return True
    if before >= 0 and _title(t, before, cues):
        return True
    if before >= 1 and t.cap[before] and t.gap(before) == " " and _title(t, before - 1, cues):
        return True
    after = last + 1
    return after < t.n and t.gap(last) == " " and _given_name(t, after, cues)


def _title(t: _Text, k: int, cues: _Cues) -> bool:
    return t.gap(k).strip() in ("", ".") and t.folded(k) in cues.titles


def _given_name(t: _Text, k: int, cues: _Cues) -> bool:
    """A capitalised word that is a given name: of the place lexicon's list, or one that reads
    as a known Arabic given name in any spelling (knowledge.names: Wahid, Aziza)."""
    if not t.cap[k]:
        return False
    folded = t.folded(k)
    if folded in cues.persons:
        return True
    return folded not in cues.not_given and _reads_as_given_name(t.words[k])


@lru_cache(maxsize=1 << 14)
def _reads_as_given_name(word: str) -> bool:
    return word_readings_known(word)


def _plausible(t: _Text, content: list[int], gaz: Gazetteer, cues: _Cues) -> bool:
    """Whether several matched words read as a place name rather than English words."""
    folded = [t.folded(k) for k in content]
    if " ".join(fold_latin(t.words[k]) for k in content) in gaz.surfaces:
        return True
    if any(len(f) == 1 or f in cues.stop for f in folded):
        return False  # "The U", "In Quneitra", "Aleppo A", "El Hillo UN"
    if any(_acronym(t.words[k]) for k in content):
        return False
    return not all(f in cues.blocked or f in cues.common for f in folded)


def _acronym(word: str) -> bool:
    """A short word with two capitals or more (UN, SANA, IDPs): an acronym, not a name."""
    return len(word) <= 5 and sum(c.isupper() for c in word) >= 2


@lru_cache(maxsize=1 << 15)
def _single(word: str, lang: str, article: bool) -> tuple[Hit, ...]:
    """The entries a one-word Latin name means (after an article or not), () when the word does
    not read as a place: the same answer for every text, so it is kept."""
    gaz = load_gazetteer()
    cues = _cues(lang)
    key = latin_piece(word)
    hits = gaz.hits(key) if key else ()
    if not hits:
        return ()
    folded = _fold(word)
    bare = folded[:-1] if folded.endswith("s") else folded  # Russias, Qaedas (apostrophe lost)
    if folded in cues.blocked or bare in cues.blocked:
        return ()
    if not article and folded in cues.prefixes:
        return ()  # "Tell", "Deir" alone: the start of a name we do not know
    exact = fold_latin(word) in gaz.surfaces
    if not exact and (folded in cues.common or _acronym(word)):
        return ()  # "Source", "SANA", "IDPs": an English word or an acronym sharing a key
    return hits if exact or hits[0][1] or len(key) >= 5 else ()


def _match_latin(t: _Text, i: int, gaz: Gazetteer, cues: _Cues) -> _Found | None:
    """The longest name starting at token i (Latin script)."""
    words, cap = t.words, t.cap
    if t.folded(i) in cues.foreign:
        return None
    nxt = i + 1
    if nxt >= t.n or not (cap[nxt] or words[nxt] in _ARTICLE_WORDS):
        # the common case: a capitalised word alone (Hajin, Monday)
        hits = _single(words[i], cues.lang, False) if cap[i] else ()
        if not hits or _person_context(t, i, i, cues):
            return None
        return _Found(i, i, t.starts[i], t.ends[i], hits)
    first = i
    if len(words[i]) <= 3 and t.article(i):
        first = i + 1  # al-Baghuz: the name starts with the article, its key without it
        if not cap[first]:
            return None
    elif not cap[i]:
        return None
    # the words a name could reach: joined capitalised words (articles may be lower case)
    content = [first]
    k = first
    while k + 1 < t.n and k - i + 1 < MAX_NAME_TOKENS and t.name_joined(k):
        k += 1
        if len(words[k]) <= 3 and t.article(k):
            continue
        if not cap[k]:
            break
        content.append(k)
    if len(content) > 1 and gaz.has_prefix(t.piece(first)):
        for size in range(len(content), 1, -1):
            part = content[:size]
            hits = gaz.hits(join_keys(t.piece(x) for x in part))
            if not hits or not _plausible(t, part, gaz, cues):
                continue
            if _person_context(t, i, part[-1], cues):
                return None
            return _Found(i, part[-1], t.starts[i], t.ends[part[-1]], hits)
    hits = _single(words[first], cues.lang, first > i)
    if not hits or _person_context(t, i, first, cues):
        return None
    return _Found(i, first, t.starts[i], t.ends[first], hits)


@lru_cache(maxsize=1 << 15)
def _arabic_heads(word: str) -> tuple[tuple[int, str, str], ...]:
    """(clitic letters cut, form, key piece) of an Arabic word read with and without clitics."""
    return tuple((cut, form, arabic_piece(form)) for cut, form in _arabic_forms(word))


@lru_cache(maxsize=1 << 15)
def _single_ar(form: str, lang: str) -> tuple[tuple[Hit, ...], bool]:
    """The entries a one-word Arabic name means, and whether the word is also a common word
    (then a cue word must introduce it: بلدة الزاوية). The same for every text, so kept."""
    cues = _cues(lang)
    folded = _fold(form)
    piece = arabic_piece(form)
    if len(piece) < 3 or folded in cues.blocked:
        return (), False
    if not form.startswith("ال") and folded in cues.prefixes:
        return (), False  # "كفر" alone: the start of a name we lack
    hits = load_gazetteer().hits(piece)
    if hits and form.startswith("ال"):
        hits = tuple(h for h in hits if h[0].kind != "country")  # السورية: Syrian, not Syria
    return hits, folded in cues.common


def _cued(t: _Text, i: int, cues: _Cues) -> bool:
    """Whether a kind or relation phrase ends right before token i (بلدة, بريف, بالقرب من):
    the last word of a longer phrase alone ("من" of "بالقرب من") introduces nothing ("البالغ
    من العمر", "من فجر اليوم")."""
    m = _phrase_match(t, i, cues, left=True)
    return m is not None and m[0][0] in ("kind", "relation")


def _direction_of_next(t: _Text, k: int, cues: _Cues) -> bool:
    """A direction word that opens what follows ("باب الهوى شمالي إدلب": north of Idlib), not
    the last word of a village's name (Bab al-Hawa Shamali, in Al-Hasakah)."""
    if k + 1 >= t.n or not t.context_joined(k) or not t.arabic[k + 1]:
        return False
    cue = cues.before.get((t.folded(k),))
    return cue is not None and cue[0] == "relation" and cue[1] in cues.direction_relations


def _kind_word(t: _Text, i: int, cues: _Cues) -> bool:
    """Token i alone is a kind word (مدينة, قرية, بلدة)."""
    return cues.before.get((t.folded(i),), ("", ""))[0] == "kind"


def _after_kind_word(
    t: _Text, i: int, last: int, hits: tuple[Hit, ...], gaz: Gazetteer, cues: _Cues
) -> _Found | None:
    """A name the gazetteer also lists with its kind word ("مدينة حمص" for Homs): the name
    alone, the kind word left to say what it is (the city, not the governorate)."""
    if not _kind_word(t, i, cues):
        return None
    rest = gaz.hits("".join(t.piece(k) for k in range(i + 1, last + 1)))
    ids = {h[0].id for h in hits}
    if not rest or not any(h[0].id in ids for h in rest):
        return None
    return _Found(i + 1, last, t.starts[i + 1], t.ends[last], rest)


def _kind_and_bare_prefix(t: _Text, i: int, last: int, cues: _Cues) -> bool:
    """A kind word and a prefix alone ("قرية كفر", listed so in the gazetteer for Al-Kafr) in
    "قرية كفر نوران": the start of a longer name, not the village listed with its kind word."""
    if last != i + 1 or not _kind_word(t, i, cues):
        return False
    word = t.folded(last)
    return not word.startswith("ال") and word in cues.prefixes


def _building(t: _Text, i: int, form: str, cues: _Cues) -> bool:
    """A feature noun alone, without the article and not after a kind word ("محيط مدرسة
    ثالثة", "سجن"): the building, though some village is spelled so ("قرية جبل" is one)."""
    folded = _fold(form)
    if folded not in cues.features or folded.startswith("ال"):
        return False
    m = _phrase_match(t, i, cues, left=True)
    return m is None or m[0][0] != "kind"


def _heads_a_feature(t: _Text, i: int, form: str, cues: _Cues) -> bool:
    """A noun that heads a feature's name, followed by that name with its article ("منطقة جبل
    السماق"): the mountain, not the village spelled "جبل" (the gazetteer's longer names are
    matched first)."""
    if _fold(form) not in cues.features or i + 1 >= t.n or not t.name_joined(i):
        return False
    nxt = t.folded(i + 1)
    named = t.arabic[i + 1] and nxt.startswith("ال") and len(nxt) > 3
    return named and nxt not in cues.directions and nxt not in cues.blocked


def _after_given_name(t: _Text, i: int, cut: int, cues: _Cues) -> bool:
    """A word right after a given name, with no clitic of its own ("صابر سنجار"): a person's
    father's or family name, whatever village shares its spelling."""
    k = i - 1
    if cut or k < 0 or t.gap(k) != " " or t.words[k] in cues.not_given:
        return False
    return t.folded(k) in cues.given


def _prefix_joined(
    t: _Text, i: int, cut: int, form: str, head: str, gaz: Gazetteer, cues: _Cues
) -> _Found | None:
    """A name written apart from its prefix that the gazetteer writes as one word ("كفر نوران"
    for كفرنوران); written together where the gazetteer has two, the keys already agree."""
    if _fold(form) not in cues.prefixes or not t.name_joined(i) or not t.arabic[i + 1]:
        return None
    hits = gaz.hits(head + t.piece(i + 1))
    return _Found(i, i + 1, t.starts[i] + cut, t.ends[i + 1], hits) if hits else None


def _match_arabic(t: _Text, i: int, gaz: Gazetteer, cues: _Cues) -> _Found | None:
    """The longest name starting at token i (Arabic script, clitics allowed on the first word)."""
    heads = _arabic_heads(t.words[i])
    if any(_fold(form) in cues.foreign for _, form, _ in heads):
        return None  # لبنان, بلبنان: the country, not the town بنان read without its first letter
    for cut, form, head in heads:
        second = gaz.next_words.get(head)
        if second and i + 1 < t.n and t.arabic[i + 1] and t.piece(i + 1) in second:
            reach = i
            while reach + 1 < t.n and reach - i + 1 < MAX_NAME_TOKENS and t.name_joined(reach):
                if not t.arabic[reach + 1]:
                    break
                reach += 1
            for last in range(reach, i, -1):
                if _direction_of_next(t, last, cues) or _kind_and_bare_prefix(t, i, last, cues):
                    continue
                if all(t.folded(k) in cues.blocked for k in range(i + 1, last + 1)) and (
                    _fold(form) in cues.blocked
                ):
                    continue  # "مركز المدينة": the city centre, whatever Basra calls so
                hits = gaz.hits(head + "".join(t.piece(k) for k in range(i + 1, last + 1)))
                if hits and _after_given_name(t, i, cut, cues) and not _cued(t, i, cues):
                    return None  # "شهد محمود شيخ علي": the girl's father's and family names
                if hits:
                    rest = _after_kind_word(t, i, last, hits, gaz, cues)
                    if rest is not None:
                        return rest
                    return _Found(i, last, t.starts[i] + cut, t.ends[last], hits)
        joined = _prefix_joined(t, i, cut, form, head, gaz, cues)
        if joined is not None:
            return joined
        hits, common = _single_ar(form, cues.lang)
        if hits:
            if (common or _after_given_name(t, i, cut, cues)) and not _cued(t, i, cues):
                return None
            if _heads_a_feature(t, i, form, cues) or _building(t, i, form, cues):
                return None
            return _Found(i, i, t.starts[i] + cut, t.ends[i], hits)
    return None


def _match_at(t: _Text, i: int, gaz: Gazetteer, cues_en: _Cues, cues_ar: _Cues) -> _Found | None:
    if _DIGIT.search(t.words[i]):
        return None  # "App3", "F16": a word run into a number is no place's name
    if t.arabic[i]:
        return _match_arabic(t, i, gaz, cues_ar)
    return _match_latin(t, i, gaz, cues_en)


def _qualify(t: _Text, found: _Found, cues: _Cues) -> None:
    """A twin-village qualifier after the name (Al-Baghuz Tahtani) that the gazetteer lacks."""
    after, _ = qualifier_keys()
    k = found.last
    if not t.name_joined(k):
        return
    nxt = k + 1
    if t.article(nxt) and t.name_joined(nxt):
        nxt += 1
    if nxt >= t.n or (not t.arabic[nxt] and not t.cap[nxt]):
        return
    name = after.get(t.piece(nxt))
    if name is None or found.hits[0][0].kind not in ("town", "village"):
        return
    if t.folded(nxt) in cues.directions:
        return  # ريف دير الزور الشرقي: the eastern countryside, not a village "Sharqi"
    if t.arabic[nxt] and _direction_of_next(t, nxt, cues):
        return  # جرابلس شمالي شرق حلب: north-east of Aleppo, not "Jarabulus Shamali"
    found.qualifier = name
    found.last = nxt
    found.end = t.ends[nxt]


def _phrase_match(t: _Text, pos: int, cues: _Cues, left: bool) -> tuple[Cue, int, int] | None:
    """The longest cue phrase ending right before token `pos` (left) or starting at it.

    Returns the cue, the token index of the phrase's far end, and the clitic letters cut from
    its first word (Arabic: بريف = ب + ريف). Words are added one at a time while they can still
    be part of some cue phrase."""
    best: tuple[Cue, int, int] | None = None
    words: tuple[str, ...] = ()
    if left:
        table, partial = cues.before, cues.before_suffixes
        k = pos - 1
        while k >= 0 and len(words) < cues.longest and t.context_joined(k):
            words = (t.folded(k), *words)
            if t.arabic[k]:
                for cut, form in _arabic_forms(t.words[k]):
                    cue = table.get((_fold(form), *words[1:])) if cut else None
                    if cue is not None:
                        best = (cue, k, cut)
            if words not in partial:
                break
            cue = table.get(words)
            if cue is not None:
                best = (cue, k, 0)
            k -= 1
        return best
    table, partial = cues.after, cues.after_prefixes
    k = pos
    while k < t.n and len(words) < cues.longest and (k == pos or t.context_joined(k - 1)):
        words = (*words, t.folded(k))
        if words not in partial:
            break
        cue = table.get(words)
        if cue is not None:
            best = (cue, k, 0)
        k += 1
    return best


def _context(t: _Text, found: _Found, cues: _Cues) -> None:
    """The relation and kind words around a name, and the span of the whole phrase."""
    relation = kind_word = None
    matched: list[tuple[str, int, int]] = []  # (what, token, clitic cut), from the name out
    pos = found.first
    for _ in range(6):
        m = _phrase_match(t, pos, cues, left=True)
        if m is None:
            break
        (what, label), lo, cut = m
        if what == "kind" and relation is not None:
            break  # "لقرية بريف القنيطرة": the village is what the countryside locates
        if what == "kind" and kind_word is None:
            kind_word = label
        elif what == "relation" and relation is None:
            relation = label
        elif what in ("kind", "relation"):
            break
        matched.append((what, lo, cut))
        pos = lo
    right: list[tuple[str, int]] = []
    pos = found.last + 1
    if pos < t.n and t.context_joined(found.last):
        for _ in range(3):
            if pos >= t.n or (pos > found.last + 1 and not t.context_joined(pos - 1)):
                break
            m = _phrase_match(t, pos, cues, left=False)
            if m is None:
                break
            (what, label), hi, _ = m
            if what == "kind" and kind_word is None:
                kind_word = label
            elif what == "relation" and relation is None:
                relation = label
            elif what != "direction":
                break
            right.append((what, hi))
            pos = hi + 1
    while right and right[-1][0] == "direction" and relation not in cues.region:
        right.pop()
    # trim the far left: a bare "the", a direction or a preposition alone says nothing
    has_cue = relation is not None or kind_word is not None
    while matched:
        what = matched[-1][0]
        if what == "lead" and relation in cues.region:
            break
        if what in ("filler", "direction") and has_cue:
            break
        if what in ("kind", "relation"):
            break
        matched.pop()
    start = t.starts[matched[-1][1]] + matched[-1][2] if matched else found.start
    found.relation = relation
    found.kind_word = kind_word
    found.phrase_start = min(start, found.start)
    found.phrase_end = max(t.ends[right[-1][1]] if right else found.end, found.end)


def _rank(
    hits: Sequence[Hit], kinds: Sequence[str] | None, context: _Context | None
) -> Sequence[Hit]:
    """Best entry first: a fitting kind, the text's country, then the gazetteer's order (written
    names, well-known kinds, importance) with places in the text's governorates ahead of peers."""
    items = hits
    if kinds:
        items = [h for h in hits if h[0].kind in kinds] or hits
    if context and len(items) > 1:
        admin1, countries = context.admin1, context.countries
        # stable: the gazetteer's order stays among equals
        return sorted(
            items,
            key=lambda h: (
                h[1],
                h[0].country in countries,
                h[0].kind in WELL_KNOWN,
                admin1.get(h[0].admin1 or "", 0),
            ),
            reverse=True,
        )
    return items


@dataclass(frozen=True, slots=True)
class _Context:
    """The governorates a text names or implies (with weights), and their countries."""

    admin1: Counter[str]
    countries: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.countries)


def _rank_key(h: Hit, context: _Context | None) -> tuple[bool, bool, bool, int]:
    place = h[0]
    if not context:
        return h[1], True, place.kind in WELL_KNOWN, 0
    return (
        h[1],
        place.country in context.countries,
        place.kind in WELL_KNOWN,
        context.admin1.get(place.admin1 or "", 0),
    )


def _closest_spelling(ranked: Sequence[Hit], written: str, context: _Context | None) -> list[Hit]:
    """Among the best candidates that tie, the one spelled most like the text first (al-Shafah:
    the village Al-Shaafah before a sub-district Al-Shafeia); importance breaks what is left."""
    items = list(ranked)
    if len(items) < 2:
        return items
    top = _rank_key(items[0], context)
    tied = [h for h in items if _rank_key(h, context) == top]
    if len({h[0].admin1 for h in tied}) < 2:
        return items  # one place and its admin units (Hajin the town and the sub-district)
    arabic = has_arabic(written)
    word = arabic_norm(written) if arabic else surface(written)

    def closeness(h: Hit) -> int:
        names = [n for n in h[0].all_names if has_arabic(n) == arabic]
        forms = [arabic_norm(n) if arabic else surface(n) for n in names]
        best = max((fuzz.ratio(word, f) for f in forms), default=0)
        return 2 if best >= 90 else 1 if best >= 75 else 0

    tied.sort(key=closeness, reverse=True)  # stable: importance order stays among equals
    return tied + [h for h in items if h not in tied]


def _choose(
    found: _Found, gaz: Gazetteer, cues: _Cues, context: _Context | None, written: str
) -> tuple[Place, tuple[Place, ...], str, bool]:
    """The entry a mention means, its homonyms and the precision of the mention."""
    kinds = cues.picks.get(found.kind_word) if found.kind_word else None
    ranked = _closest_spelling(_rank(found.hits, kinds, context), written, context)
    place, strong = ranked[0]
    if found.relation in cues.region and place.kind not in ("governorate", "district"):
        govs = [h for h in ranked if h[0].kind == "governorate"]
        districts = [h for h in ranked if h[0].kind in ("district", "subdistrict")]
        if govs:  # the Deir Ezzor countryside: the governorate (Damascus: Rural Damascus)
            place = gaz.countryside(govs[0][0]) or govs[0][0]
        elif districts:  # the Al-Mayadin countryside: the district
            place = sorted(districts, key=lambda h: h[0].kind != "district")[0][0]
    if found.qualifier and place.kind in POPULATED:
        place = replace(
            place,
            id=f"{place.id}~{found.qualifier.lower()}",
            name=f"{place.name} {found.qualifier}",
            kind="village" if place.kind != "neighbourhood" else place.kind,
            population=None,
            pcode=None,
            name_ar=None,
            provenance=(*place.provenance, "derived"),
            names=(),
        )
    others = [h[0] for h in _rank(found.hits, None, context) if h[0] is not place]
    candidates = (place, *others[: MAX_CANDIDATES - 1])
    if place.kind == "country":
        precision = "country"
    elif place.kind == "governorate":
        precision = "governorate"
    elif place.kind in ("district", "subdistrict"):
        precision = "district"
    elif found.relation in cues.region or place.coord_precision != "exact":
        precision = "district"
    else:
        precision = "exact"
    return place, candidates, precision, strong


def _find(t: _Text, gaz: Gazetteer, cues_en: _Cues, cues_ar: _Cues) -> list[_Found]:
    """Every name in the text, longest match first, left to right."""
    _, before = qualifier_keys()
    found: list[_Found] = []
    words, cap, arabic = t.words, t.cap, t.arabic
    after = 0
    for i in t.candidates:
        if i < after:
            continue
        qual = before.get(words[i].lower()) if cap[i] else None
        if qual and t.name_joined(i):
            f = _match_at(t, i + 1, gaz, cues_en, cues_ar)
            if f is not None:
                twin = gaz.hits(join_keys((_key_of(t, f), latin_piece(qual))))
                f.first, f.start = i, t.starts[i]
                if twin:
                    f.hits = twin
                else:
                    f.qualifier = qual
                found.append(f)
                after = f.last + 1
                continue
        f = _match_at(t, i, gaz, cues_en, cues_ar)
        if f is None:
            continue
        if f.qualifier is None:
            _qualify(t, f, cues_ar if arabic[f.last] else cues_en)
        found.append(f)
        after = f.last + 1
    return found


def _key_of(t: _Text, f: _Found) -> str:
    """The spelling key of a found name (articles dropped)."""
    return join_keys(t.piece(k) for k in range(f.first, f.last + 1) if not t.article(k))


def names_origin(mention: PlaceMention) -> bool:
    """Whether the mention names where an attack came from ("took off from Hmeimim airbase",
    "انطلاقاً من بلدة دارة عزة"), not where it struck (`origin_relations` of places.toml)."""
    return mention.relation is not None and mention.relation in _origin_relations()


@cache
def _origin_relations() -> frozenset[str]:
    return frozenset().union(*(_cues(lang).origin for lang in languages()))


def find_places(text: str, lang: str = "en") -> list[PlaceMention]:
    """The places `text` names, in text order, each with its locative phrase and precision.

    Homonyms are settled by the governorates the text itself names or implies.
    """
    if not text:
        return []
    gaz = load_gazetteer()
    cues_en = _cues("en" if lang == "ar" else lang)
    cues_ar = _cues("ar")
    t = _Text(text)
    found = _introducers_dropped(t, _find(t, gaz, cues_en, cues_ar), cues_en, cues_ar)
    kept: list[_Found] = []
    for f in found:
        if kept and f.start < kept[-1].phrase_end:
            continue  # a word of the previous phrase ("Hajin city", "ريف X الشرقي")
        _context(t, f, cues_ar if t.arabic[f.first] else cues_en)
        kept.append(f)
    found = kept
    # governorates the text names, or that its unambiguous places lie in
    admin1: Counter[str] = Counter()
    countries: set[str] = set()
    votes: list[tuple[str, int] | None] = []  # what each mention adds to `admin1`
    for f in found:
        vote = None
        if f.hits[0][0].kind == "country":
            countries.add(f.hits[0][0].country)
        else:
            admins = {(h[0].admin1, h[0].country) for h in f.hits if h[1] and h[0].admin1}
            if len(admins) == 1:
                name, country = admins.pop()
                vote = (name, 2 if f.hits[0][0].kind == "governorate" else 1)
                admin1[name] += vote[1]
                countries.add(country)
        votes.append(vote)
    context = _Context(admin1, frozenset(countries))
    if admin1:
        found = _outside_quarters(found, votes, admin1)
    out: list[PlaceMention] = []
    for f in found:
        cues = cues_ar if t.arabic[f.first] else cues_en
        written = text[f.start : f.end]
        place, candidates, precision, strong = _choose(f, gaz, cues, context, written)
        out.append(
            PlaceMention(
                span=Span(f.start, f.end),
                phrase=Span(f.phrase_start, f.phrase_end),
                place=place,
                candidates=candidates,
                relation=f.relation,
                geo_precision=precision,
                guessed=not strong,
                kind_word=f.kind_word,
            )
        )
    placed = _within_governorates(out, text, gaz, cues_en.region | cues_ar.region)
    return _nearest_namesakes(placed)


# A namesake is taken for the one near the text's other places when the first choice lies
# further than FAR_KM from all of them and the namesake within NEAR_KM of one, at most half as
# far.
NAMESAKE_FAR_KM = 50.0
NAMESAKE_NEAR_KM = 40.0
_ANCHOR_KINDS = frozenset({"city", "town", "village", "neighbourhood", "district", "subdistrict"})


def _nearest_namesakes(found: list[PlaceMention]) -> list[PlaceMention]:
    """Of several villages of one name in one governorate, the one near the places the text
    names without doubt ("قرية الشيوخ جنوب غرب كوباني": the Shiyukh by Kobani, not Afrin's)."""
    anchors = [
        (k, p.place)
        for k, p in enumerate(found)
        if len(p.candidates) == 1 and p.place.kind in _ANCHOR_KINDS
        and p.place.lat is not None and p.place.lon is not None
    ]
    if not anchors:
        return found
    out = list(found)
    for k, p in enumerate(found):
        if len(p.candidates) < 2 or p.geo_precision != "exact":
            continue
        others = [a for j, a in anchors if j != k]
        first = _distance_to(p.place, others)
        if first <= NAMESAKE_FAR_KM:
            continue
        namesakes = [
            (_distance_to(c, others), n, c)
            for n, c in enumerate(p.candidates[1:])
            if c.admin1 == p.place.admin1 and c.kind == p.place.kind
        ]
        km, _, near = min(namesakes, default=(math.inf, 0, None))
        if near is not None and km <= min(NAMESAKE_NEAR_KM, first / 2):
            # a village the gazetteer places only at its sub-district's centre is that precise
            precision = "exact" if near.coord_precision == "exact" else "district"
            rest = tuple(c for c in p.candidates if c is not near)
            out[k] = replace(p, place=near, candidates=(near, *rest), geo_precision=precision)
    return out


def _distance_to(place: Place, anchors: list[Place]) -> float:
    """Kilometres from a place to the nearest of `anchors` (infinite where it cannot be told)."""
    km = [d for a in anchors if (d := place.distance_km(a)) is not None]
    return min(km, default=math.inf)


# Words that may stand between a place and the governorate or district that places it: the
# rest of a name the gazetteer lacks and a preposition ("قرية جفتلك حج حمود في ريف إدلب").
NAME_TAIL_WORDS = 3
_GAP_STOP = re.compile(r"[.,;:!?،؛()\[\]\"“”«»]|(?:^|\s)و|\band\b")


def _within_governorates(
    found: list[PlaceMention], text: str, gaz: Gazetteer, region: frozenset[str]
) -> list[PlaceMention]:
    """A place told with its governorate right after it ("باب الهوى شمالي إدلب", "X in the
    Idlib countryside", "X, Idlib"), or with a district, a countryside or a town in one ("X في
    ريف تل تمر", "حي الجورة بمدينة ديرالزور"), lies in that governorate: its entry there, and
    where the gazetteer has none of that name there, the name placed at the governorate (or
    about where that place is) rather than a namesake in another one."""
    out = list(found)
    for k in range(len(out) - 1):
        p, q = out[k], out[k + 1]
        if p.place.kind in ("country", "governorate"):
            continue
        gap = text[p.phrase.end : q.phrase.start]
        words = sum(1 for w in gap.split() if any(ch.isalpha() for ch in w))  # not "#", "-"
        if words > 1 and (words > NAME_TAIL_WORDS or _GAP_STOP.search(gap)):
            continue  # the rest of a name we lack may stand between ("جفتلك حج حمود في ريف إدلب")
        gov = next((c for c in (q.place, *q.candidates) if c.kind == "governorate"), None)
        anchor, precision = gov, "governorate"
        if gov is None and (
            q.relation in region or q.place.kind in ("district", "subdistrict", "city", "town")
        ):
            # "X في ريف تل تمر", "حي الجورة بمدينة ديرالزور", "حي المنطار شمال مدينة سلمية": X
            # lies in that place's governorate, about where that place is
            gov, anchor, precision = gaz.governorate(q.place.admin1), q.place, "district"
        if gov is None or anchor is None:
            continue
        rural = gaz.countryside(gov)  # "السيدة زينب في دمشق": Rural Damascus is Damascus's
        around = {gov.admin1, rural.admin1 if rural else None}
        if p.place.admin1 in around:
            continue
        inside = [c for c in p.candidates if c.admin1 == gov.admin1]
        if inside:
            out[k] = replace(p, place=inside[0])
            continue
        unknown = replace(
            p.place,
            id=f"{p.place.id}~{gov.admin1}",
            admin1=gov.admin1,
            admin2=None,
            admin3=None,
            lat=anchor.lat,
            lon=anchor.lon,
            population=None,
            pcode=None,
            coord_precision=precision,
            provenance=(*p.place.provenance, "derived"),
        )
        out[k] = replace(p, place=unknown, candidates=(unknown, *p.candidates),
                         geo_precision=precision)
    return out


def _introducers_dropped(
    t: _Text, found: list[_Found], cues_en: _Cues, cues_ar: _Cues
) -> list[_Found]:
    """A word that introduces a name ("محافظة حلب", "منطقة عفرين") is no place of its own
    when a name follows it, though a quarter of Aleppo is called Al-Mohafaza."""
    kept: list[_Found] = []
    for k, f in enumerate(found):
        cues = cues_ar if t.arabic[f.first] else cues_en
        if (
            f.first == f.last
            and k + 1 < len(found)
            and found[k + 1].first == f.last + 1
            and t.folded(f.first) in cues.introducers
        ):
            continue
        kept.append(f)
    return kept


def _outside_quarters(
    found: list[_Found], votes: list[tuple[str, int] | None], admin1: Counter[str]
) -> list[_Found]:
    """A neighbourhood is named with its city: where the rest of the text places itself in
    some governorates, a quarter of that name in another governorate is not meant ("منطقة
    المساكن" of a town in Deir ez-Zor is not Al Msaken of Al-Hasakah). Such entries are
    dropped, and a mention left with none is no place."""
    kept: list[_Found] = []
    own: dict[frozenset[str], Counter[str]] = {}  # what the mentions of one name add
    names = [frozenset(h[0].id for h in f.hits) for f in found]
    for name, vote in zip(names, votes, strict=True):
        if vote is not None:
            own.setdefault(name, Counter())[vote[0]] += vote[1]
    for f, name in zip(found, names, strict=True):
        if all(h[0].kind != "neighbourhood" for h in f.hits):
            kept.append(f)
            continue
        others = admin1 - own.get(name, Counter())  # what the other places name or imply
        if not others:
            kept.append(f)
            continue
        hits = tuple(h for h in f.hits if h[0].kind != "neighbourhood" or h[0].admin1 in others)
        if hits:
            f.hits = hits
            kept.append(f)
    return kept


def resolve_admin1(mentions: Sequence[PlaceMention]) -> str | None:
    """The governorate a set of mentions points to: named governorates count double, ties go
    to the one mentioned first."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    for n, m in enumerate(mentions):
        a = m.place.admin1
        if not a:
            continue
        votes[a] += 2 if m.geo_precision == "governorate" else 1
        first.setdefault(a, n)
    if not votes:
        return None
    return max(votes, key=lambda a: (votes[a], -first[a]))
