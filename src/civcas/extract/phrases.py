"""Compile lexicon phrase lists into one regular expression each, matched on word boundaries.

One compiled alternation per list keeps matching a single pass over the text; the longest
phrase wins because alternatives are tried longest first.

How words vary in writing is lexicon data too (`civcas/data/lexicons/<lang>/script.toml`,
read for every language at once, since a phrase list does not say its language and the
scripts do not overlap): letters that stand for one another (Arabic hamza forms of alef,
taa marbuta, alef maqsura) and marks that may be left out (vowel marks, tatweel) are folded
for matching only, and a phrase is also found behind the proclitics of its script
("وبالقصف", "للتحالف"). Evidence spans point into the text as written and cover whole words:
a phrase found behind proclitics starts where its word starts ("للتحالف الدولي", not
"لتحالف الدولي"), so that the span reads as the report wrote it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from civcas.knowledge.lexicon import languages, load
from civcas.model import Span

_BOUND_RIGHT = r"(?![\w])"
_LEADING_WORD = re.compile(r"\w+")
_STEM_TAIL = r"[\w\-’']*"


def _script_of(ch: str) -> str:
    """The first word of a character's Unicode name: ARABIC, LATIN, ..."""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [v for v in value if isinstance(v, str) and v]
    return []


@dataclass(frozen=True, slots=True)
class _Writing:
    """The writing rules of every language with a `script.toml`, merged (see module doc)."""

    fold: dict[int, str | None]  # str.translate table: variants -> first form, marks -> gone
    classes: dict[str, str]  # letter -> regex class of the letters that stand for it
    marks: dict[str, str]  # script -> regex source of the marks that may follow its letters
    word_start: re.Pattern[str]
    word_rest: re.Pattern[str]  # the rest of a word, marks included
    chains: dict[str, tuple[tuple[str, bool], ...]]  # first letter -> (proclitics, article?)
    articles: dict[str, str]  # script -> its definite article (folded)
    min_stem: int

    def key(self, s: str) -> str:
        return s.lower().replace("’", "'").translate(self.fold)


@cache
def _writing() -> _Writing:
    fold: dict[int, str | None] = {}
    classes: dict[str, str] = {}
    marks: dict[str, str] = {}
    chains: dict[str, list[tuple[str, bool]]] = {}
    articles: dict[str, str] = {}
    ignorable_all = ""
    min_stem = 1
    for lang in languages():
        data = load(lang, "script")
        for group in _strings(data.get("equivalent")):
            for ch in group:
                classes[ch] = "[" + "".join(re.escape(c) for c in group) + "]"
                if ch != group[0]:
                    fold[ord(ch)] = group[0]
        ignorable = "".join(_strings(data.get("ignorable")))
        ignorable_all += ignorable
        for ch in ignorable:
            fold[ord(ch)] = None
            marks.setdefault(_script_of(ch), "")
        for script_name in {_script_of(ch) for ch in ignorable}:
            marks[script_name] = "[" + "".join(re.escape(c) for c in ignorable) + "]*"
        article = "".join(_strings(data.get("article")))
        after = data.get("article_after", {})
        after = after if isinstance(after, Mapping) else {}
        sequences = [""]
        for slot in data.get("proclitics", []):
            sequences = sequences + [s + c for s in sequences for c in _strings(slot)]
        for seq in sequences:
            forms = [(seq, False)] if seq else []
            if article:
                written = after.get(seq[-1:]) if seq else None
                forms.append((seq + (written if isinstance(written, str) else article), True))
            for form, has_article in forms:
                chains.setdefault(form[0], []).append((form, has_article))
        if article:
            articles[_script_of(article[0])] = article
        if isinstance(data.get("min_stem"), int):
            min_stem = max(min_stem, int(data["min_stem"]))
    marks_class = "".join(re.escape(c) for c in sorted(set(ignorable_all)))
    return _Writing(
        fold=fold,
        classes=classes,
        marks=marks,
        word_start=re.compile(rf"(?<![\w{marks_class}])\w" if marks_class else r"(?<!\w)\w"),
        word_rest=re.compile(rf"[\w{marks_class}]*"),
        chains={k: tuple(sorted(v, key=lambda f: -len(f[0]))) for k, v in chains.items()},
        articles=articles,
        min_stem=min_stem,
    )


def _head(text: str, pos: int, fold: dict[int, str | None]) -> str:
    """The folded first three letters at `pos` (marks skipped: they are not letters)."""
    s = text[pos : pos + 3]
    if s.isascii():
        return s.lower()
    s = text[pos : pos + 12].lower().replace("’", "'").translate(fold)
    return s[:3]


# One text's words: where each starts and its first letters, and for words behind
# proclitics the further places a phrase may start: (position, first letters, article?).
_Extra = tuple[tuple[int, str, bool], ...]
_INDEX: list[tuple[str, list[int], list[str], dict[int, _Extra]]] = []


def _word_index(text: str) -> tuple[list[int], list[str], dict[int, _Extra]]:
    """Where each word of `text` starts and its folded first letters, computed once per text
    (the last few texts are kept) and shared by every phrase list."""
    for cached, starts, heads, extras in _INDEX:
        if cached is text:
            return starts, heads, extras
    w = _writing()
    fold, chains = w.fold, w.chains
    starts = []
    heads = []
    extras: dict[int, _Extra] = {}
    for m in w.word_start.finditer(text):
        pos = m.start()
        head = _head(text, pos, fold)
        if chains and head[:1] in chains:
            found = _behind_clitics(text, pos, chains[head[:1]], w)
            if found:
                extras[len(starts)] = found
        starts.append(pos)
        heads.append(head)
    _INDEX.insert(0, (text, starts, heads, extras))
    del _INDEX[4:]
    return starts, heads, extras


def _behind_clitics(
    text: str, pos: int, chains: tuple[tuple[str, bool], ...], w: _Writing
) -> _Extra:
    """The places inside the word at `pos` where a phrase may start behind proclitics."""
    raw = text[pos : w.word_rest.match(text, pos).end()]  # type: ignore[union-attr]
    found = _clitic_points(raw)
    if not found or not pos:
        return found
    return tuple((pos + at, head, article) for at, head, article in found)


@lru_cache(maxsize=1 << 16)
def _clitic_points(raw: str) -> _Extra:
    """`_behind_clitics` for one word as written, offsets from its start: the same for every
    text, and words repeat, so it is kept."""
    w = _writing()
    chains = w.chains.get(raw.lower().translate(w.fold)[:1], ())
    fold, min_stem = w.fold, w.min_stem
    # the folded word, and for each folded letter where it stands in the word
    letters: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(raw):
        f = ch.lower().translate(fold)
        if f:
            letters.append(f)
            where.append(i)
    word = "".join(letters)
    out = []
    for chain, article in chains:
        n = len(chain)
        if len(word) - n >= min_stem and word.startswith(chain):
            out.append((where[n], word[n : n + 3], article))
    return tuple(out)


def fold(word: str) -> str:
    """A word as lexicon entries are compared: lower case, the letter variants of script.toml
    folded to one form and its optional marks (vowel marks, tatweel) dropped."""
    return _writing().key(word)


@cache
def proclitic_readings(word: str) -> tuple[tuple[int, str], ...]:
    """How one word reads without the proclitics of its script (script.toml): (characters cut
    from its front, the word without them), the word itself first as (0, word).

    Where a proclitic comes before the article, the article stays with the word ("بالباغوز":
    (1, "الباغوز")); where it merged with it ("للرقة" = ل + الرقة), the article is given back
    ("الرقة") and the cut is where the word's own letters start. Each reading keeps at least
    `min_stem` letters; fewer letters cut come first ("ولبنان": "لبنان" before "بنان")."""
    w = _writing()
    out: list[tuple[int, str]] = [(0, word)]
    chains = w.chains.get(word[:1].lower().translate(w.fold) or " ") if word else None
    if not chains:
        return tuple(out)
    letters: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(word):
        f = ch.lower().translate(w.fold)
        if f:
            letters.append(f)
            where.append(i)
    folded = "".join(letters)
    seen = {word}
    for chain, has_article in chains:
        n = len(chain)
        if len(folded) - n < w.min_stem or not folded.startswith(chain):
            continue
        article = w.articles.get(_script_of(chain[0]), "") if has_article else ""
        if article and chain.endswith(article):
            if n == len(article):
                continue  # the article alone: the word as written
            cut = where[n - len(article)]
            reading = word[cut:]
        else:
            cut = where[n]
            reading = article + word[cut:]
        if reading not in seen:
            seen.add(reading)
            out.append((cut, reading))
    return (out[0], *sorted(out[1:], key=lambda r: r[0]))


def _prefix(phrase: str) -> str:
    """The look-up key of a phrase: up to three first letters of its first word."""
    m = _LEADING_WORD.match(phrase)
    return _writing().key(m.group())[:3] if m else ""


@cache
def _char(ch: str) -> str:
    """Regex source for one letter of a phrase: its variants, then the marks that may follow."""
    w = _writing()
    source = w.classes.get(ch) or w.classes.get(ch.lower()) or re.escape(ch)
    if ch.isalpha() and w.marks:
        source += w.marks.get(_script_of(ch), "")
    return source


def phrase_pattern(phrase: str) -> str:
    """Regex source for one lexicon phrase: spaces match any run of spaces, '*' ends a stem."""
    stem = phrase.endswith("*")
    body = phrase[:-1] if stem else phrase
    parts = []
    for word in body.split():
        if word.isascii():
            parts.append(re.escape(word))
        else:
            parts.append("".join(_char(ch) for ch in word))
    source = r"\s+".join(parts)
    source = source.replace("’", "['’]").replace(r"\'", "['’]")
    return source + (_STEM_TAIL if stem else "")


def _without_article(phrase: str) -> str | None:
    """The phrase as found after an article-bearing proclitic ("للتحالف"): without its own
    article if it has one ("التحالف" -> "تحالف"), else as it is ("قصف" in "بالقصف"); None
    for a phrase of a script without an article."""
    w = _writing()
    if not w.articles or not phrase:
        return None
    article = w.articles.get(_script_of(phrase[0]))
    if article is None:
        return None
    folded = w.key(phrase)
    if folded.startswith(w.key(article)):
        rest = phrase[len(article) :]
        return rest if len(w.key(rest).split(" ")[0]) >= w.min_stem else None
    return phrase


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found in a text: where, and the lexicon key it belongs to."""

    span: Span
    key: str


_Group = tuple[re.Pattern[str], list[str]]


def _compile(phrases: list[str], keys: dict[str, str], exact: set[str]) -> dict[str, _Group]:
    """Phrases grouped by their first letters, each group one alternation, longest first."""
    grouped: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=len, reverse=True):
        grouped.setdefault(_prefix(phrase), []).append(phrase)
    groups: dict[str, _Group] = {}
    for prefix, members in grouped.items():
        sources = []
        for phrase in members:
            source = phrase_pattern(phrase)
            if phrase in exact:
                source = f"(?-i:{source})"
            sources.append(f"({source})")
        regex = re.compile("(?:" + "|".join(sources) + ")" + _BOUND_RIGHT, re.IGNORECASE)
        groups[prefix] = (regex, [keys[p] for p in members])
    return groups


class Phrases:
    """A set of phrases, each tagged with a key, matched in one pass.

    `case_sensitive` lists phrases that only count written exactly so ("IS" but not "is").
    Phrases are grouped by the first letters of their first word, so only the few phrases that
    can start at a word are tried there: matching costs one dictionary look-up per word, not
    one attempt per phrase per character. Words behind proclitics are also tried from where
    the proclitics end (see the module doc); the hit still starts where the word starts.
    """

    def __init__(
        self,
        tagged: Iterable[tuple[str, str]],
        *,
        case_sensitive: Iterable[str] = (),
    ) -> None:
        exact = set(case_sensitive)
        by_phrase: dict[str, str] = {}
        for key, phrase in tagged:
            by_phrase.setdefault(phrase, key)
        self._groups = _compile(list(by_phrase), by_phrase, exact)
        # the same phrases as found right after an article-bearing proclitic
        bare: dict[str, str] = {}
        for phrase, key in by_phrase.items():
            rest = _without_article(phrase)
            if rest:
                bare.setdefault(rest, key)
        self._bare = _compile(list(bare), bare, set())
        self._lengths = sorted({len(k) for k in self._groups}, reverse=True)
        self._bare_lengths = sorted({len(k) for k in self._bare}, reverse=True)
        # first letters of a word -> the phrase groups that may start there
        self._memo: dict[str, tuple[_Group, ...]] = {}
        self._bare_memo: dict[str, tuple[_Group, ...]] = {}

    def _candidates(self, head: str, bare: bool) -> tuple[_Group, ...]:
        memo = self._bare_memo if bare else self._memo
        found = memo.get(head)
        if found is None:
            groups, lengths = (
                (self._bare, self._bare_lengths) if bare else (self._groups, self._lengths)
            )
            found = tuple(groups[head[:n]] for n in lengths if head[:n] in groups)
            memo[head] = found
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        if not self._groups:
            return
        stop = len(text) if end is None else end
        starts, heads, extras = _word_index(text)
        memo = self._memo
        after = start
        for k in range(bisect_left(starts, start), len(starts)):
            pos = starts[k]
            if pos >= stop:
                break
            if pos < after:
                continue
            candidates = memo.get(heads[k])
            if candidates is None:
                candidates = self._candidates(heads[k], False)
            best: re.Match[str] | None = None
            best_keys: list[str] = []
            for group in candidates:
                m = group[0].match(text, pos, stop)
                if m is not None and (best is None or m.end() > best.end()):
                    best, best_keys = m, group[1]
            more = extras.get(k) if extras else None
            if more:
                for inner, head, article in more:
                    for group in self._candidates(head, article):
                        m = group[0].match(text, inner, stop)
                        if m is not None and (best is None or m.end() > best.end()):
                            best, best_keys = m, group[1]
            if best is not None:
                after = best.end()
                yield Hit(Span(pos, best.end()), best_keys[best.lastindex - 1])  # type: ignore[operator]

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]], **kw: Iterable[str]) -> Phrases:
        return cls(((k, p) for k, ps in lists.items() for p in ps), **kw)

    @classmethod
    def of(cls, phrases: Iterable[str], key: str = "") -> Phrases:
        return cls((key, p) for p in phrases)

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        return next(self.finditer(text, start, end), None)

    def endswith(self, text: str, end: int, window: int = 40) -> Hit | None:
        """A phrase that ends right before `end` (spaces allowed between)."""
        lo = max(0, end - window)
        last = None
        for hit in self.finditer(text, lo, end):
            if not text[hit.span.end : end].strip(" ,\"'“”‘’«»("):
                last = hit
        return last

    def startswith(self, text: str, start: int, window: int = 40) -> Hit | None:
        """A phrase that starts right after `start` (spaces allowed between)."""
        hit = self.search(text, start, min(len(text), start + window))
        if hit and not text[start : hit.span.start].strip(" ,\"'“”‘’«»)"):
            return hit
        return None
