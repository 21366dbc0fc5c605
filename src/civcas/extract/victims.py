"""Named victims as written, from lists ("the names documented are: ...") and phrases
("named ...", "X and his wife").

Scripts with capital letters (English) tell a name by its capitals. Arabic has none: there a name
is told by its words (`lexicons/ar/names.toml`): it starts with a given name, or with a particle
and the word after it (عبد الغني, أبو محمد), and goes on with given names, particles and family
names written with the article ("رغد أحمد العلي الزرير"). A list ends a name at punctuation,
at a relation ("وزوجته", "وأبناؤه") and where "و" joins the next name ("ويوسف ..."); a
كنية given as another name of the same person ("..، وتدعى أم عبد الرحمن") is not another
victim. Evidence spans cover the name as written, without the proclitic "و" before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from civcas.extract.phrases import Phrases, fold, proclitic_readings
from civcas.knowledge.gazetteer import load_gazetteer
from civcas.knowledge.lexicon import load
from civcas.knowledge.names import has_known_name, word_readings_known
from civcas.model import Span


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name as written in the report."""

    span: Span
    name: str


@dataclass(frozen=True, slots=True)
class _Words:
    """What makes a name in a script without capitals (names.toml), folded as script.toml."""

    given: frozenset[str]
    not_given: frozenset[str]  # as written, marks dropped: على is not علي
    particles: frozenset[str]  # start a name with the word after them: عبد, أبو, أم
    inner: frozenset[str]  # stand between the parts of a name: بن, بنت, آل
    not_family: frozenset[str]  # article words that end a name: الذي, اليوم, المصاب
    stop: frozenset[str]  # words that never stand in a name
    article: str
    max_words: int
    unknown_in_list: int
    max_family_letters: int


@dataclass(frozen=True, slots=True)
class _Lexicon:
    cues: Phrases
    person_cues: Phrases
    copulas: frozenset[str]
    relations: Phrases
    aliases: Phrases
    name: re.Pattern[str]
    not_names: frozenset[str]
    place_words: tuple[str, ...]
    words: _Words | None  # set for a script without capitals
    require_known: bool = False  # a capitalised name must hold a known personal name
    titles: frozenset[str] = frozenset()  # ranks and offices written before a name


def _folded(values: object) -> frozenset[str]:
    if not isinstance(values, list):
        return frozenset()
    return frozenset(fold(v) for v in values if isinstance(v, str) and v.strip())


def _strings(values: object) -> list[str]:
    return [v for v in values if isinstance(v, str)] if isinstance(values, list) else []


def relation_phrases(data: dict[str, Any]) -> list[str]:
    """The relation words of a victims lexicon as written after a name: each word of its
    `relations` table, behind each of its `possessives` where the language writes them apart
    ("his wife"); the one table serves ending names and reading relations."""
    table = data.get("relations")
    words = [w for w in table if isinstance(w, str)] if isinstance(table, dict) else []
    possessives = _strings(data.get("possessives"))
    if not possessives:
        return words
    return [f"{p} {w}" for p in possessives for w in words]


def _int(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


@cache
def _lexicon(lang: str) -> _Lexicon:
    data = load(lang, "victims")
    particles = "|".join(re.escape(p) for p in data.get("particles", []))
    # A name word: capitalised (any script's upper case), may carry an apostrophe or a
    # hyphenated particle ("Al-Mu’i", "Abd Al-Ghani"); particles may stand lower-case.
    word = r"(?:(?:" + particles + r")[-\s])?[^\W\d_a-z][\w’'ʼ]*(?:-[^\W\d_][\w’'ʼ]*)*"
    name = re.compile(rf"(?:{word})(?:\s+(?:{word})){{1,4}}")
    names = load(lang, "names")
    given = _strings(names.get("given")) + _strings(names.get("female"))
    words = None
    if given:
        article = load(lang, "script").get("article", "")
        words = _Words(
            given=_folded(given),
            not_given=frozenset(_bare(v) for v in names.get("not_given", []) if isinstance(v, str)),
            particles=_folded(names.get("particles")),
            inner=_folded(names.get("inner")),
            not_family=_folded(names.get("not_family")),
            # a stop word that folds to a given name (على ~ علي) is told by `not_given`
            stop=_folded(names.get("stop")) - _folded(given),
            article=fold(article) if isinstance(article, str) else "",
            max_words=_int(names.get("max_words"), 6),
            unknown_in_list=_int(names.get("unknown_in_list"), 0),
            max_family_letters=_int(names.get("max_family_letters"), 12),
        )
    return _Lexicon(
        cues=Phrases((p, p) for p in data.get("list_cues", []) if isinstance(p, str)),
        person_cues=Phrases.of(data.get("person_cues", []), "person"),
        copulas=_folded(data.get("copulas")),
        relations=Phrases.of(relation_phrases(data), "relation"),
        aliases=Phrases.of(data.get("alias_cues", []), "alias"),
        name=name,
        not_names=frozenset(data.get("not_names", [])),
        place_words=tuple(f" {w.lower()} " for w in data.get("place_prepositions", [])),
        words=words,
        require_known=data.get("require_known_name") is True,
        titles=frozenset(w.casefold() for w in _strings(data.get("titles"))),
    )


def find_victim_names(
    text: str, lang: str = "en", sentences: list[Span] | None = None
) -> list[NameMention]:
    """Names that follow a list cue, up to the end of the list (its sentence or bracket)."""
    lex = _lexicon(lang)
    if lex.words is not None:
        return _find_by_words(text, lex, lex.words)
    out: list[NameMention] = []
    seen: set[str] = set()
    for cue in lex.cues.finditer(text):
        end = _list_end(text, cue.span.end)
        for m in lex.name.finditer(text, cue.span.end, end):
            name = _trim(m.group(), lex.not_names, lex.titles)
            if name is None:
                continue
            start = m.start() + m.group().index(name)
            if text[max(0, start - 8) : start].lower().endswith(lex.place_words) or name in seen:
                continue
            if _POSSESSIVE.search(name):
                continue  # "X's wife": X is named for whose kin the victim is
            if lex.require_known and not has_known_name(name):
                continue  # "United States", "Revolutionary Youth": no person's name
            if _is_place(name):
                continue  # "Tal Tamr", "Ayn Issa": a place named after a list cue
            seen.add(name)
            out.append(NameMention(Span(start, start + len(name)), name))
    return out


_LIST_STOP = re.compile(r"[)\n]|\.(?:\s|$)")
# A list written one item a line: "1- X", "2. Y", "- Z", "• W" (the number may be a range of
# people counted together: "4-5-6 ...").
_ITEM_LINE = re.compile(r"[ \t]*(?:[0-9\u0660-\u0669]{1,3}(?:\s*[-–.)]\s*[0-9\u0660-\u0669]{1,3})*"
                        r"\s*[-–.)]|[-–•*▪●])[ \t]*\S[^\n]*")
# At most this much between a cue and the line break of its list: the rest of a heading
# ("أسماء الشهداء نتيجة القصف الذي استهدف مدينة أريحا بريف إدلب").
_HEAD_BEFORE_LINES = 120
_KICKER_LINE_WORDS = 2  # a line this short between the heading and the items ("#تحديث")


def _list_end(text: str, start: int) -> int:
    """A list runs to the end of its bracket or sentence, at most 600 characters; a cue that
    ends its line ("the names of the victims:") opens a list of numbered or bulleted lines."""
    limit = min(len(text), start + 600)
    m = _LIST_STOP.search(text, start, limit)
    if m is None:
        return limit
    if text[m.start()] == "\n" and m.start() - start <= _HEAD_BEFORE_LINES:
        end = _item_lines_end(text, m.start())
        if end is not None:
            return end
    return m.end()


def _item_lines_end(text: str, pos: int) -> int | None:
    """The end of the run of item lines that starts after `pos` (blank lines between them)."""
    end = None
    limit = min(len(text), pos + 3000)
    while pos < limit:
        while pos < limit and text[pos] in "\n\r \t":
            pos += 1
        m = _ITEM_LINE.match(text, pos, limit)
        if m is None and end is None:
            line_end = text.find("\n", pos, limit)
            if line_end != -1 and len(text[pos:line_end].split()) <= _KICKER_LINE_WORDS:
                pos = line_end  # one short line before the first item: "#تحديث", "(محدث)"
                m = _ITEM_LINE.match(text, pos + 1, limit)
                pos += 1
        if m is None:
            break
        end = pos = m.end()
    return end


_POSSESSIVE = re.compile(r"[’'ʼ]s$")


def _is_place(name: str) -> bool:
    """A name whose first word is no personal name and that the gazetteer knows as a place
    (alone or with its second word: "Tel Tamr Military Council")."""
    words = name.split()
    if word_readings_known(words[0]):
        return False
    gazetteer = load_gazetteer()
    return any(gazetteer.lookup(" ".join(words[:n])) for n in {2, len(words)})


def _trim(
    candidate: str, not_names: frozenset[str], titles: frozenset[str] = frozenset()
) -> str | None:
    """Drop leading and trailing words that are not names, and ranks or offices before a name
    (they stay in the text for what is said of the victim); a name has at least two words."""
    words = candidate.split()
    while words and (words[0] in not_names or words[0].casefold() in titles):
        words.pop(0)
    while words and words[-1] in not_names:
        words.pop()
    if len(words) < 2 or any(w in not_names for w in words):
        return None
    return " ".join(words) if " ".join(words) in candidate else None


# --- scripts without capitals (Arabic) ------------------------------------------------------

_MARKS = "\u0640\u064b-\u065f\u0670"
_MARKS_RE = re.compile(f"[{_MARKS}]")
_WORD = re.compile(rf"[^\W\d_][\w{_MARKS}]*")
_COPULA_GAP = re.compile(r"[\s\"'“”«»(:]*")
_NAME_GAP = re.compile(r"[ \u00a0]+")
# What may end one item of a list: a list mark, a bracket, a number (an age), the text's end.
_ITEM_END = re.compile(r"\s*(?:[,،؛;:.)(\-–_\n\"“”«»]|[0-9\u0660-\u0669]|$)")
_ALIAS_GAP = " \t\n,،؛;:()\"'“”«»-–"
_CONJUNCTION = "و"


def _bare(word: str) -> str:
    return _MARKS_RE.sub("", word)


def _find_by_words(text: str, lex: _Lexicon, w: _Words) -> list[NameMention]:
    """Names of a script without capitals: in the list after a cue, and right after a word
    for a person ("الطفل ..."), in text order, each once."""
    found: dict[int, NameMention] = {}
    for cue in lex.cues.finditer(text):
        if not _cue_as_written(text, cue.span, cue.key):
            continue  # "لهم" ("for them") is not the cue "هم" ("they are")
        end = _list_end(text, cue.span.end)
        for name in _names_in(text, cue.span.end, end, lex, w):
            found.setdefault(name.span.start, name)
    for cue in lex.person_cues.finditer(text):
        start = _after_copula(text, cue.span.end, lex)
        end = _list_end(text, start)
        name = _name_at(text, start, end, lex, w, in_list=True)
        if name is not None:
            found.setdefault(name.span.start, name)
    for hit in lex.relations.finditer(text):  # "... وابنه محمد خالد العبد الله"
        start = _NAME_GAP.match(text, hit.span.end)
        if start is None or not _named_before(found, hit.span.start):
            continue
        end = _list_end(text, start.end())
        name = _name_at(text, start.end(), end, lex, w, in_list=True)
        if name is not None:
            found.setdefault(name.span.start, name)
    out: list[NameMention] = []
    seen: set[str] = set()
    for name in sorted(found.values(), key=lambda n: n.span.start):
        if out and out[-1].span.end > name.span.start:
            continue  # inside a longer name found from another cue
        if out and _alias_between(text, out[-1].span.end, name.span.start, lex):
            continue  # another name of the victim just named (its كنية)
        before = " " + text[max(0, name.span.start - 8) : name.span.start].lower()
        if before.endswith(lex.place_words):
            continue  # "في بلدة أبو حمام": a place, not a person
        key = fold(name.name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _named_before(found: dict[int, NameMention], pos: int) -> bool:
    """A victim is named before `pos`: a relation word after it names their kin."""
    return any(start < pos for start in found)


def _cue_as_written(text: str, span: Span, phrase: str) -> bool:
    """The cue stands alone or behind the conjunction only, not behind another proclitic."""
    written = fold(text[span.start : span.end])
    cue = fold(phrase)
    return written == cue or written == _CONJUNCTION + cue


def _after_copula(text: str, pos: int, lex: _Lexicon) -> int:
    """Where a name after a person word starts: past quotes, brackets and a copula
    ("السيدة هي (...)")."""
    gap = _COPULA_GAP.match(text, pos)
    pos = gap.end() if gap else pos
    m = _WORD.match(text, pos)
    if m is not None and fold(m.group()) in lex.copulas:
        gap = _COPULA_GAP.match(text, m.end())
        pos = gap.end() if gap else m.end()
    return pos


def _names_in(text: str, start: int, end: int, lex: _Lexicon, w: _Words) -> list[NameMention]:
    """Every name in text[start:end], scanning word by word."""
    out: list[NameMention] = []
    pos = start
    while pos < end:
        m = _WORD.search(text, pos, end)
        if m is None:
            break
        name = _name_at(text, m.start(), end, lex, w, in_list=True)
        if name is None:
            pos = m.end()
        else:
            out.append(name)
            pos = name.span.end
    return out


def _name_at(
    text: str, start: int, end: int, lex: _Lexicon, w: _Words, in_list: bool = False
) -> NameMention | None:
    """The name whose first word is the word at `start` (behind a proclitic "و"), if any.

    In a list, up to `unknown_in_list` words not known as names may end it when a list mark
    follows them ("فهد أحمد شحود،")."""
    m = _WORD.match(text, start, end)
    if m is None:
        return None
    first = _first_word(m.group(), w)
    if first is None:
        return None
    cut, needs_next = first
    words = [m]
    pending = [needs_next]  # whether each word waits for the next (a particle)
    while len(words) < w.max_words:
        nxt = _next_word(text, words[-1].end(), end)
        if nxt is None or not _continues(nxt.group(), pending[-1], lex, w, text, nxt.start()):
            break
        words.append(nxt)
        pending.append(_waits(fold(nxt.group()), w))
    while words and pending[-1]:  # a particle with no word after it: "أبو" alone
        words.pop()
        pending.pop()
    if not words:
        return None
    if in_list and w.unknown_in_list:
        words += _unknown_tail(text, words[-1].end(), end, lex, w, w.max_words - len(words))
    if len(words) < 2:
        return None
    begin = m.start() + cut
    return NameMention(Span(begin, words[-1].end()), text[begin : words[-1].end()])


def _next_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    gap = _NAME_GAP.match(text, pos, end)
    return _WORD.match(text, gap.end(), end) if gap is not None else None


def _waits(key: str, w: _Words) -> bool:
    return key in w.particles or key in w.inner


def _unknown_tail(
    text: str, pos: int, end: int, lex: _Lexicon, w: _Words, room: int
) -> list[re.Match[str]]:
    """Words not known as names that end a list item: kept only when a list mark, a
    relation or the next name joined by "و" comes right after them."""
    tail: list[re.Match[str]] = []
    while len(tail) < min(room, w.unknown_in_list):
        nxt = _next_word(text, pos, end)
        if nxt is None or not _plain_word(nxt.group(), lex, w, text, nxt.start()):
            break
        tail.append(nxt)
        pos = nxt.end()
        if _item_ends(text, pos, end, lex, w):
            return tail
    return []


def _plain_word(word: str, lex: _Lexicon, w: _Words, text: str, at: int) -> bool:
    """A word that may be an unknown family name: Arabic letters only, no list word."""
    key = fold(word)
    if word.isascii() or any(c.isascii() for c in word) or key.startswith(_CONJUNCTION):
        return False
    if key in w.stop or key in w.not_family or key in w.particles or key in w.inner:
        return False
    if len(_bare(word)) > w.max_family_letters:
        return False
    return lex.relations.startswith(text, at, len(word) + 1) is None


def _item_ends(text: str, pos: int, end: int, lex: _Lexicon, w: _Words) -> bool:
    if pos >= end or _ITEM_END.match(text, pos, end):
        return True
    nxt = _next_word(text, pos, end)
    if nxt is None:
        return False
    word = nxt.group()
    if lex.relations.startswith(text, nxt.start(), len(word) + 1) is not None:
        return True
    return fold(word).startswith(_CONJUNCTION) and _first_word(word, w) is not None


def _first_word(word: str, w: _Words) -> tuple[int, bool] | None:
    """How a name starts at `word`: (letters of a proclitic to skip, whether the next word
    belongs to this one, as after عبد / أبو), or None when no name starts there."""
    for cut, reading in proclitic_readings(word):
        if cut and (reading.startswith(w.article) or fold(word[:cut]) != _CONJUNCTION):
            continue  # only the conjunction stands before a name ("ولاية" is not و + ل + آية)
        if _bare(reading) in w.not_given:
            continue
        key = fold(reading)
        if key in w.given:
            return cut, False
        if key in w.particles:
            return cut, True
    return None


def _continues(
    word: str, after_particle: bool, lex: _Lexicon, w: _Words, text: str, at: int
) -> bool:
    """Whether `word` goes on the name: a given name, a particle, a family name written with
    the article; after a particle also the article word that completes it (عبد الله, أبو
    الليث). A word joined by "و" starts the next item of a list unless it is a name by itself
    (وليد, وائل); a relation ("وزوجته") ends the name."""
    key = fold(word)
    if any(c.isascii() for c in word) or _bare(word) in w.not_given or key in w.stop:
        return False
    if lex.relations.startswith(text, at, len(word) + 1) is not None and key not in w.given:
        return False
    if key in w.given or key in w.particles or key in w.inner:
        return True
    if not key.startswith(w.article) or len(key) <= len(w.article) + 1:
        return False
    if len(_bare(word)) > w.max_family_letters:
        return False  # two words run together ("الأحمدووفقا")
    return after_particle or key not in w.not_family


def _alias_between(text: str, end: int, start: int, lex: _Lexicon) -> bool:
    """Only an alias cue stands between two names ("..)، وتدعى أم علي")."""
    gap = text[end:start]
    if len(gap) > 40:
        return False
    hit = lex.aliases.search(gap)
    if hit is None:
        return False
    rest = gap[: hit.span.start] + gap[hit.span.end :]
    return not rest.strip(_ALIAS_GAP)
