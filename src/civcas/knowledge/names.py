"""Personal names across scripts: the parts of a name and keys that its spellings share.

"Yousef Jassim Al-Mu'i", "يوسف جاسم المعي" and "Yusuf al-Jasim al-Moui" are one name. Each word
of a name is reduced to a SKELETON (rules and known names in `data/names.toml`, consonant
classes from `data/translit.toml`) that its usual English spellings and its Arabic spelling
share: "ywsf jasm my" for all three. `latin_key` writes the skeletons in Latin symbols,
`arabic_skeleton` in Arabic letters (for search in either script); `name_parts` splits a name
into given, father's, grandfather's and family name, kunya and laqab as written.

    latin_key("Abdul Ghani Al-Mu'i") == latin_key("عبد الغني المعي")   # "abdgny my"
    name_parts("Yousef Jassim Al-Mu'i")
    # {"given": "Yousef", "father": "Jassim", "family": "Al-Mu'i"}
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product
from types import SimpleNamespace
from typing import Any

from civcas.knowledge.gazetteer import has_arabic, is_article
from civcas.knowledge.lexicon import DATA, load

# The parts `name_parts` gives, in the order a trinomial name writes them (model.NAME_PARTS).
ORDER: tuple[str, ...] = ("given", "father", "grandfather", "family")
_MAX_CANDIDATES = 256
_MAX_READINGS = 4
_WORD = re.compile(r"[^\W\d_][\w’'ʼʿʾ`´‘\u064b-\u065f\u0670\u0640]*")
_APOSTROPHES = "’'ʼʿʾ`´‘"
_LATIN_VOWELS = frozenset("aeiou")


@cache
def _rules() -> SimpleNamespace:
    """names.toml and the consonant classes of translit.toml, read once."""
    raw: dict[str, Any] = tomllib.loads((DATA / "names.toml").read_text(encoding="utf-8"))
    tr: dict[str, Any] = tomllib.loads((DATA / "translit.toml").read_text(encoding="utf-8"))
    lat, ar = raw["latin"], raw["arabic"]
    vowels = {str(k): tuple(v) for k, v in lat["vowels"].items()}
    # consonant digraphs only: the vowel digraphs of place names are read by `vowels` here
    digraphs = sorted(
        ((a, b) for a, b in tr["latin"]["digraphs"] if not set(a) & _LATIN_VOWELS),
        key=lambda d: -len(d[0]),
    )
    comp, kunya, particles, laqab = raw["compound"], raw["kunya"], raw["particles"], raw["laqab"]
    ns = SimpleNamespace(
        long_letters=dict(lat["long_letters"]),
        apostrophes=str.maketrans("", "", tr["latin"]["apostrophes"]),
        letters=dict(tr["latin"]["letters"]),
        vowels=vowels,
        vowel_max=max(len(k) for k in vowels),
        final=dict(lat["final"]),
        after_double={str(k): tuple(v) for k, v in lat.get("after_double", {}).items()},
        consonants={str(k): tuple(v) for k, v in lat.get("consonants", {}).items()},
        words={str(k): str(v) for k, v in lat["words"].items()},
        digraphs=tuple(digraphs),
        singles=dict(tr["latin"]["singles"]),
        ar_strip=str.maketrans("", "", tr["arabic"]["strip"]),
        ar_consonants=dict(tr["arabic"]["consonants"]),
        ar_initial=frozenset(ar["initial_vowels"]),
        ar_alif=frozenset(ar["alif"]),
        ar_dropped=frozenset(ar["dropped"]),
        ar_final_a=frozenset(ar["final_a"]),
        ar_final_h_after=frozenset(ar["final_h_after"]),
        ar_semivowels=dict(ar["semivowels"]),
        ar_not_article=frozenset(ar["not_article"]),
        ar_final_swaps=tuple(tuple(pair) for pair in ar.get("final_swaps", [])),
        ar_article=str(tr["arabic"]["article"]),
        abd_words=frozenset(comp["abd_words"]),
        abd_glue=tuple(sorted(comp["abd_glue"], key=len, reverse=True)),
        min_rest=int(comp["min_rest"]),
        abd_arabic=str(comp["abd_arabic"]),
        allah=frozenset(comp["allah"]),
        allah_arabic=str(comp["allah_arabic"]),
        din=frozenset(comp["din"]),
        din_glued=tuple(sorted(comp["din_glued"], key=len, reverse=True)),
        din_arabic=str(comp["din_arabic"]),
        kunya_latin=frozenset(kunya["latin"]),
        kunya_arabic=frozenset(kunya["arabic"]),
        particles=frozenset(particles["latin"]) | frozenset(particles["arabic"]),
        family_arabic=frozenset(particles["family_arabic"]),
        titles=frozenset(laqab["titles_latin"]) | frozenset(laqab["titles_arabic"]),
        laqab_cues=tuple(laqab["cues_latin"]) + tuple(laqab["cues_arabic"]),
        glued_articles=tuple(raw["particles"]["glued_latin"]),
        letters_ar=dict(raw["skeleton"]["letters"]),
    )
    cues = sorted(ns.laqab_cues, key=len, reverse=True)
    ns.laqab_re = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)", re.IGNORECASE)
        if cues
        else None
    )
    ns.abd_key = _arabic_word_key(ns, ns.abd_arabic, frozenset())
    ns.allah_key = _arabic_word_key(ns, ns.allah_arabic, frozenset())
    ns.din_key = _arabic_word_key(ns, ns.din_arabic[len(ns.ar_article) :], frozenset())
    known_words = [*raw["known"]["names"], *_lexicon_names()]
    ns.known = frozenset(k for k in (_full_arabic(ns, w) for w in known_words) if k)
    return ns


def _lexicon_names() -> list[str]:
    """The Arabic given names of lexicons/ar/names.toml (men's and women's)."""
    data = load("ar", "names")
    return [
        w for key in ("given", "female") for w in data.get(key, []) if isinstance(w, str)
    ]


# --------------------------------------------------------------------------- Arabic words


def _arabic_letters(r: SimpleNamespace, word: str) -> str:
    """An Arabic word without harakat and tatweel, its article taken off (not from الله)."""
    w = word.translate(r.ar_strip)
    if w in r.ar_not_article:
        return w
    if w.startswith(r.ar_article) and len(w) > len(r.ar_article) + 1:
        w = w[len(r.ar_article) :]
    return w


def _arabic_symbols(r: SimpleNamespace, word: str) -> list[tuple[str, str]]:
    """(class, symbol) per letter of a bare word: I initial vowel, L long vowel, C consonant,
    F final vowel mark. Ayn and hamza inside a word are dropped."""
    if not word:
        return []
    out: list[tuple[str, str]] = []
    letters = list(word)
    if letters[0] in r.ar_initial:
        out.append(("I", "a"))
        letters = letters[1:]
    letters = [ch for ch in letters if ch not in r.ar_dropped]
    n = len(letters)
    for i, ch in enumerate(letters):
        last = i == n - 1
        nxt = letters[i + 1] if i + 1 < n else ""
        if last and ch in r.ar_final_a:
            out.append(("F", "a"))
        elif last and ch == "ه" and (i == 0 or letters[i - 1] not in r.ar_final_h_after):
            out.append(("F", "a") if i else ("C", "h"))
        elif ch in r.ar_alif:
            out.append(("L", "a"))
        elif ch in r.ar_semivowels:
            sym = r.ar_semivowels[ch]
            initial = not out and i == 0
            before_vowel = nxt != "" and (
                nxt in r.ar_alif or nxt in r.ar_final_a or nxt in r.ar_semivowels
            )
            if initial or before_vowel:
                out.append(("C", sym))
            else:
                out.append(("F" if last else "L", sym))
        elif ch in r.ar_consonants:
            out.append(("C", r.ar_consonants[ch]))
    return out


def _collapse(symbols: list[str]) -> str:
    """Doubled letters as one (Jassim = Jasim, عبّاس = عباس)."""
    out: list[str] = []
    for s in symbols:
        for ch in s:
            if not out or out[-1] != ch:
                out.append(ch)
    return "".join(out)


def _full_arabic(r: SimpleNamespace, word: str) -> str:
    """The full skeleton of an Arabic word, long vowels included."""
    return _collapse([s for _, s in _arabic_symbols(r, _arabic_letters(r, word))])


def _reduced(symbols: list[tuple[str, str]]) -> str:
    """The skeleton without the long vowels inside the word (those of unknown names)."""
    return _collapse([s for cls, s in symbols if cls != "L"])


def _arabic_spellings(r: SimpleNamespace, word: str) -> list[str]:
    """The word as written and as it may be meant where typists swap the last letter: ى for ي
    (لؤى = لؤي, مصطفي = مصطفى), ه for ة (سميه = سمية)."""
    bare = _arabic_letters(r, word)
    out = [bare]
    for written, meant in r.ar_final_swaps:
        if bare.endswith(written):
            out.append(bare[: -len(written)] + meant)
    return out


def _arabic_known(r: SimpleNamespace, word: str, known: frozenset[str]) -> list[str]:
    """The full skeletons of the word's spellings that are known names."""
    fulls = [_collapse([s for _, s in _arabic_symbols(r, w)]) for w in _arabic_spellings(r, word)]
    return list(dict.fromkeys(f for f in fulls if f in known))


def _arabic_word_key(r: SimpleNamespace, word: str, known: frozenset[str]) -> str:
    found = _arabic_known(r, word, known)
    return found[0] if found else _reduced(_arabic_symbols(r, _arabic_letters(r, word)))


# --------------------------------------------------------------------------- Latin words


def _ascii(r: SimpleNamespace, word: str) -> str:
    """Lowercase ASCII letters: length marks as double letters, diacritics and ayn signs off."""
    return _ascii_word(word)


@lru_cache(maxsize=1 << 18)
def _ascii_word(word: str) -> str:
    r = _rules()
    for k, v in r.long_letters.items():
        word = word.replace(k, v)
    out = []
    for ch in unicodedata.normalize("NFKD", word.translate(r.apostrophes)):
        if unicodedata.combining(ch):
            continue
        ch = ch.lower()
        ch = r.letters.get(ch, ch)
        out.append(ch if "a" <= ch <= "z" else "")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Segment:
    kind: str  # C consonant, V vowel group
    text: str
    # other Arabic letters the consonant may write (Iraqi "dh" for ظ: Kadhim = كاظم); they
    # count only where they make a known name
    alt: tuple[str, ...] = ()


def _consonantal(w: str, i: int) -> bool:
    """Whether the w or y at i is a consonant: at the start of a word, doubled or before a
    vowel (Yousef, Zakariyya, Nawaf); else it writes a vowel (Fawzi, Husayn)."""
    return i == 0 or (i + 1 < len(w) and (w[i + 1] in _LATIN_VOWELS or w[i + 1] == w[i]))


def _segments(r: SimpleNamespace, w: str) -> list[_Segment]:
    """Consonants (digraphs folded) and vowel groups of a lowercase ASCII word."""
    out: list[_Segment] = []
    i, n = 0, len(w)
    while i < n:
        if w[i] in _LATIN_VOWELS or (w[i] in "wy" and not _consonantal(w, i)):
            j = i
            while j < n and (
                w[j] in _LATIN_VOWELS or (w[j] in "wy" and not _consonantal(w, j))
            ):
                j += 1
            out.append(_Segment("V", w[i:j]))
            i = j
            continue
        for dg, rep in r.digraphs:
            if w.startswith(dg, i):
                out.append(_Segment("C", rep, r.consonants.get(dg, ())))
                i += len(dg)
                break
        else:
            out.append(_Segment("C", r.singles.get(w[i], w[i]), r.consonants.get(w[i], ())))
            i += 1
    return out


@lru_cache(maxsize=4096)
def _group_readings(group: str) -> tuple[tuple[str, int], ...]:
    """Readings of a vowel group inside a word with their rank (0 = likeliest), every way of
    cutting it into the groups of names.toml."""
    r = _rules()
    whole = r.vowels.get(group)
    if whole is not None:  # a group of the table reads only as the table says
        return tuple((option, k) for k, option in enumerate(whole))
    best: dict[str, int] = {}

    def walk(rest: str, reading: str, rank: int, pieces: int) -> None:
        if not rest:
            if reading not in best or rank < best[reading]:
                best[reading] = rank
            return
        for size in range(min(r.vowel_max, len(rest)), 0, -1):
            head = rest[:size]
            options = r.vowels.get(head)
            if options is None:
                continue
            for k, option in enumerate(options):
                walk(rest[size:], reading + option, rank + k + pieces, pieces + 1)

    walk(group, "", 0, 0)
    if not best:
        best[""] = 0
    # at equal rank the longer reading: a long run of vowel letters writes a long vowel
    return tuple(sorted(best.items(), key=lambda kv: (kv[1], -len(kv[0]))))


def _final_mark(r: SimpleNamespace, group: str) -> str:
    """The mark a word-final vowel group leaves (Fatima -> a, Ali -> y, Abdou -> w)."""
    options = r.vowels.get(group)
    if options and options[0]:
        return options[0]
    return r.final.get(group[-1], "")


def _latin_choices(r: SimpleNamespace, segments: list[_Segment]) -> list[list[tuple[str, int]]]:
    """Per segment, its readings with ranks; the reduced skeleton takes rank-0 consonants and
    the marks only."""
    choices: list[list[tuple[str, int]]] = []
    n = len(segments)
    for i, seg in enumerate(segments):
        if seg.kind == "C":
            choices.append([(seg.text, 0)] + [(alt, 2) for alt in seg.alt])
        elif i == n - 1:
            mark = _final_mark(r, seg.text)
            if i == 0:
                mark = "a" + mark
            choices.append([(mark, 0)])
        else:
            readings = list(_group_readings(seg.text))
            doubled = i >= 2 and segments[i - 1].kind == "C" and segments[i - 1] == segments[i - 2]
            if doubled and seg.text in r.after_double:
                readings = [(s, k) for k, s in enumerate(r.after_double[seg.text])]
            if i == 0:
                readings = [("a" + s, k) for s, k in readings]
            choices.append(readings)
    return choices


def _latin_readings(r: SimpleNamespace, w: str) -> list[list[_Segment]]:
    """One or two segmentations: a final -ah/-eh may be teh marbuta (Fatimah) or a real h
    (Saleh); the teh marbuta reading first."""
    segs = _segments(r, w)
    if (
        len(segs) >= 3
        and segs[-1] == _Segment("C", "h")
        and segs[-2].kind == "V"
        and segs[-2].text[-1] in "ae"
    ):
        return [segs[:-1], segs]
    return [segs]


def _reduced_latin(r: SimpleNamespace, segments: list[_Segment]) -> str:
    out: list[str] = []
    n = len(segments)
    for i, seg in enumerate(segments):
        if seg.kind == "C":
            out.append(seg.text)
        elif i == 0 and i == n - 1:
            out.append("a" + _final_mark(r, seg.text))
        elif i == 0:
            out.append("a")
        elif i == n - 1:
            out.append(_final_mark(r, seg.text))
    return _collapse(out)


@lru_cache(maxsize=1 << 16)
def _latin_word_key(word: str) -> str:
    """The skeleton of one Latin word: the reading that is a known Arabic name, or else its
    consonants and vowel marks."""
    r = _rules()
    w = _ascii(r, word)
    if not w:
        return ""
    if w in r.words:
        return _arabic_word_key(r, r.words[w], r.known)
    readings = _latin_readings(r, w)
    known = _latin_readings_known(r, readings)
    return known[0] if known else _reduced_latin(r, readings[0])


def _latin_readings_known(r: SimpleNamespace, readings: list[list[_Segment]]) -> list[str]:
    """The readings of a Latin word that are known Arabic names, the likeliest first."""
    ranked: list[tuple[int, int, int, str]] = []
    for order, segs in enumerate(readings):
        choices = _latin_choices(r, segs)
        for n, combo in enumerate(product(*choices)):
            if n >= _MAX_CANDIDATES:
                break
            skeleton = _collapse([s for s, _ in combo])
            if skeleton in r.known:
                ranked.append((sum(k for _, k in combo), order, n, skeleton))
    ranked.sort()
    return list(dict.fromkeys(s for *_, s in ranked))


@lru_cache(maxsize=1 << 16)
def word_key(word: str) -> str:
    """The skeleton of one word of a name, in Latin symbols, whatever its script."""
    r = _rules()
    if has_arabic(word):
        return _arabic_word_key(r, word, r.known)
    return _latin_word_key(word)


@lru_cache(maxsize=1 << 16)
def word_readings(word: str) -> tuple[str, ...]:
    """Every skeleton one word may have: a Latin spelling may write several known names
    (Hamid: حامد or حميد; Karim: كريم or كرم), an Arabic word writes one. Two spellings that
    share a reading can be one name, where their keys (the likeliest readings) differ."""
    r = _rules()
    if has_arabic(word):
        return tuple(dict.fromkeys([word_key(word), *_arabic_known(r, word, r.known)]))
    w = _ascii(r, word)
    if not w:
        return ()
    if w in r.words:
        return (word_key(word),)
    known = _latin_readings_known(r, _latin_readings(r, w))
    return tuple(known[:_MAX_READINGS]) if known else (word_key(word),)


# --------------------------------------------------------------------------- names into units


@dataclass(frozen=True, slots=True)
class _Word:
    text: str
    start: int
    end: int
    hyphen: bool  # joined to the next word by a hyphen


@dataclass(frozen=True, slots=True)
class Unit:
    """One part of a name as written (a word, or "Abd al-Ghani", "Abu Mohammed", "Nur al-Din")
    with its key; `kind` is name, kunya, title, particle or article."""

    kind: str
    start: int
    end: int
    key: str


@lru_cache(maxsize=1 << 18)
def _words(name: str) -> tuple[_Word, ...]:
    """The words of a name with where they stand (a sign of ayn at a word's end left out)."""
    out: list[_Word] = []
    for m in _WORD.finditer(name):
        text = m.group().rstrip(_APOSTROPHES)  # "Asmaa’": the sign ends the word
        end = m.start() + len(text)
        out.append(_Word(text, m.start(), end, name[m.end() : m.end() + 1] in ("-", "‐", "‑")))
    return tuple(out)


def _folded(r: SimpleNamespace, word: str) -> str:
    return _folded_word(word)


@lru_cache(maxsize=1 << 18)
def _folded_word(word: str) -> str:
    return word.translate(_rules().ar_strip) if has_arabic(word) else _ascii_word(word)


def _is_article(r: SimpleNamespace, words: list[_Word], i: int) -> bool:
    w = words[i]
    if i + 1 >= len(words):
        return False
    if has_arabic(w.text):
        return w.text.translate(r.ar_strip) in r.family_arabic
    return is_article(w.text, words[i + 1].text, w.hyphen)


def _glued_key(r: SimpleNamespace, word: str) -> str | None:
    return _glued_key_of(word)


@lru_cache(maxsize=1 << 18)
def _glued_key_of(word: str) -> str | None:
    """The key of a compound written as one word: Abdulghani, Abdullah, Nasrallah, Nureddin,
    عبدالغني, عبدالله; None for any other word."""
    r = _rules()
    if has_arabic(word):
        w = word.translate(r.ar_strip)
        if w.startswith(r.abd_arabic) and len(w) > len(r.abd_arabic) + 2:
            return r.abd_key + word_key(w[len(r.abd_arabic) :])
        if w.endswith(r.allah_arabic) and len(w) > len(r.allah_arabic) + 1:
            return word_key(w[: -len(r.allah_arabic)]) + r.allah_key
        return None
    w = _ascii(r, word)
    for form in sorted(r.allah, key=len, reverse=True):
        if w.endswith(form) and len(w) - len(form) >= 2:
            head = w[: -len(form)]
            if head in r.abd_words or head == "abd":
                return r.abd_key + r.allah_key
            if len(head) >= 3:
                return word_key(head) + r.allah_key
    for glued in r.din_glued:
        if w.endswith(glued) and len(w) - len(glued) >= 2:
            return word_key(w[: -len(glued)]) + r.din_key
    if w.startswith("abd") and w not in r.abd_words:
        rest = w[3:]
        for glue in r.abd_glue:
            if rest.startswith(glue) and len(rest) - len(glue) >= r.min_rest:
                return r.abd_key + word_key(rest[len(glue) :])
    return None


def _is_abd(r: SimpleNamespace, word: str) -> bool:
    f = _folded(r, word)
    return f == r.abd_arabic or f in r.abd_words


def _is_allah(r: SimpleNamespace, word: str) -> bool:
    f = _folded(r, word)
    return f == r.allah_arabic or f in r.allah


def _is_din(r: SimpleNamespace, word: str) -> bool:
    f = _folded(r, word)
    return f == r.din_arabic or f in r.din


@lru_cache(maxsize=1 << 18)
def units(name: str) -> tuple[Unit, ...]:
    """The parts of a name as written, compounds joined, each with its key (titles, particles
    and articles carry no key)."""
    r = _rules()
    words = list(_words(name))
    if r.laqab_re is not None:  # "X known as Y": Y is a nickname
        at = r.laqab_re.search(name)
        if at is not None:
            head = [w for w in words if w.end <= at.start()]
            tail = [w for w in words if w.start >= at.end()]
            out = list(_units(r, head))
            if tail:
                out.append(Unit("laqab", tail[0].start, tail[-1].end, ""))
            return tuple(out)
    return tuple(_units(r, words))


def _units(r: SimpleNamespace, words: list[_Word]) -> list[Unit]:
    out: list[Unit] = []
    i, n = 0, len(words)
    named = False
    while i < n:
        w = words[i]
        f = _folded(r, w.text)
        if not named and f in r.titles:
            out.append(Unit("title", w.start, w.end, ""))
            i += 1
            continue
        if f in r.particles and named and i + 1 < n:
            out.append(Unit("particle", w.start, w.end, ""))
            i += 1
            continue
        if _is_article(r, words, i):
            out.append(Unit("article", w.start, w.end, ""))
            i += 1
            continue
        if (f in r.kunya_latin or f in r.kunya_arabic) and i + 1 < n:
            head = word_key(w.text)
            rest = _units(r, words[i + 1 :])
            first = next((u for u in rest if u.kind == "name"), None)
            if first is not None:
                out.append(Unit("kunya", w.start, first.end, head + first.key))
                named = True
                out.extend(u for u in rest if u.start >= first.end)
                return out
        key, end, i = _one_name(r, words, i, first=not named)
        out.append(Unit("name", w.start, end, key))
        named = True
    return out


def _without_glued_article(r: SimpleNamespace, word: str) -> str:
    return _without_glued_article_of(word)


@lru_cache(maxsize=1 << 18)
def _without_glued_article_of(word: str) -> str:
    """A family name with the article glued on (Almui, Alhassan, Elkhatib) without it."""
    r = _rules()
    if has_arabic(word):
        return word
    w = _ascii(r, word)
    for article in r.glued_articles:
        rest = w[len(article) :]
        if (
            w.startswith(article)
            and len(rest) >= r.min_rest
            and rest[0] not in _LATIN_VOWELS
            and w not in r.words
            and not _latin_readings_known(r, _latin_readings(r, w))
        ):
            return rest
    return word


def _one_name(
    r: SimpleNamespace, words: list[_Word], i: int, first: bool
) -> tuple[str, int, int]:
    """The key and end of the name unit that starts at word i, and the next word's index:
    Abd + a name, a name + Allah, a name + al-Din form one unit; after the first name a word
    may carry the article glued on."""
    w = words[i]
    n = len(words)
    glued = _glued_key(r, w.text)
    if glued is not None:
        return glued, w.end, i + 1
    if _is_abd(r, w.text) and i + 1 < n:
        j = i + 1
        if _is_article(r, words, j) and j + 1 < n:
            j += 1
        rest = _glued_key(r, words[j].text)
        if rest is None:
            rest = r.allah_key if _is_allah(r, words[j].text) else word_key(words[j].text)
        return r.abd_key + rest, words[j].end, j + 1
    key = word_key(w.text if first else _without_glued_article(r, w.text))
    j = i + 1
    if j < n and _is_allah(r, words[j].text):
        return key + r.allah_key, words[j].end, j + 1
    k = j + 1 if j < n and _is_article(r, words, j) else j
    if k < n and _is_din(r, words[k].text) and (k > j or has_arabic(words[k].text)):
        return key + r.din_key, words[k].end, k + 1
    return key, w.end, j


# --------------------------------------------------------------------------- the public keys


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a name: where it is written, its key and every reading of its key."""

    start: int
    end: int
    key: str
    readings: tuple[str, ...]


@lru_cache(maxsize=1 << 18)
def parts(name: str) -> dict[str, Part]:
    """The parts of a name (model.NAME_PARTS): given, father, grandfather, family (a trinomial
    name reads given, father, family), kunya and laqab where present."""
    out: dict[str, Part] = {}
    found = units(name)
    names = [u for u in found if u.kind == "name"]
    kunyas = [u for u in found if u.kind == "kunya"]
    if kunyas and len(names) >= 2 and kunyas[-1].start > names[-1].start:
        names.append(kunyas.pop())  # "Khaled Ahmad Abu Hamdan": a family name
    family_only = bool(kunyas) and len(names) == 1 and names[0].start > kunyas[0].start
    if kunyas:
        out["kunya"] = Part(kunyas[0].start, kunyas[0].end, kunyas[0].key, (kunyas[0].key,))
    laqab = [u for u in found if u.kind in ("laqab", "title")]
    if laqab:
        out["laqab"] = Part(laqab[0].start, laqab[-1].end, "", ())
    if not names:
        return out
    if family_only:  # "Abu Mohammed Al-Shaiti": the Abu Mohammed of the Shaiti family
        order: tuple[str, ...] = ("family",)
    elif len(names) <= 3:
        order = ORDER[:1] if len(names) == 1 else ("given", "family")
        order = ("given", "father", "family") if len(names) == 3 else order
    else:  # the names between the grandfather's and the family name go with the grandfather
        order = (*ORDER[:3], *["grandfather"] * (len(names) - 4), "family")
    for part, unit in zip(order, names, strict=True):
        start = unit.start
        before = [u for u in found if u.end <= unit.start]
        if before and before[-1].kind == "article":
            start = before[-1].start  # "Al-Mu'i": the article is written with the name
        if part in out:  # a second grandfather's name
            prev = out[part]
            out[part] = Part(prev.start, unit.end, f"{prev.key}{unit.key}", (prev.key + unit.key,))
            continue
        out[part] = Part(start, unit.end, unit.key, _unit_readings(name, unit))
    return out


def _unit_readings(name: str, unit: Unit) -> tuple[str, ...]:
    """The readings of a name unit: those of its word, or its key alone (a compound)."""
    words = [w for w in _words(name) if unit.start <= w.start < unit.end]
    if len(words) != 1:
        return (unit.key,)
    word = words[0].text if words[0].start == 0 else _without_glued_article(_rules(), words[0].text)
    return tuple(dict.fromkeys((unit.key, *word_readings(word))))


def word_readings_known(word: str) -> bool:
    """Whether one word reads as a known personal name, in any spelling or script."""
    known = _rules().known
    return any(reading in known for reading in word_readings(word))


def has_known_name(name: str) -> bool:
    """Whether a word of the name reads as a known personal name (names.toml, the given names
    of lexicons/ar/names.toml), or the name has a kunya or an ʿAbd compound: what tells a
    person's name from capitalised words such as "United States" or "Tal Tamr"."""
    r = _rules()
    for unit in units(name):
        if unit.kind == "kunya" or (unit.kind == "name" and unit.key.startswith(r.abd_key)):
            return True
        if unit.kind == "name":
            words = [w for w in _words(name) if unit.start <= w.start < unit.end]
            if any(reading in r.known for w in words for reading in word_readings(w.text)):
                return True
    return False


def name_parts(name: str) -> dict[str, str]:
    """The parts of a name as written (see `parts`)."""
    return {part: name[p.start : p.end] for part, p in parts(name).items()}


def part_keys(name: str) -> dict[str, str]:
    """The key of each part of a name, for comparison across scripts."""
    return {part: p.key for part, p in parts(name).items() if p.key}


def is_known_key(key: str) -> bool:
    """Whether a key is the skeleton of a known name: two different known names are two names,
    not two spellings of one."""
    return key in _rules().known


def part_readings(name: str) -> dict[str, tuple[str, ...]]:
    """Every reading of each part of a name: parts whose readings meet can be one name."""
    return {part: p.readings for part, p in parts(name).items() if p.readings}


@lru_cache(maxsize=1 << 18)
def latin_key(name: str) -> str:
    """The name's skeletons in Latin symbols, one per part, titles, particles and articles left
    out: "Yousef Jassim Al-Mu'i", "Yusuf al-Jasim al-Moui" and "يوسف جاسم المعي" share one."""
    return " ".join(u.key for u in units(name) if u.key and u.kind in ("name", "kunya"))


@lru_cache(maxsize=1 << 18)
def arabic_skeleton(name: str) -> str:
    """The same skeletons in Arabic letters: the key as an Arabic reader searches it."""
    letters = _rules().letters_ar
    return " ".join(
        "".join(letters.get(ch, ch) for ch in key) for key in latin_key(name).split()
    )
