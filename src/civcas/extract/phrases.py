"""Compile lexicon phrase lists into one regular expression each, matched on word boundaries.

One compiled alternation per list keeps matching a single pass over the text; the longest
phrase wins because alternatives are tried longest first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from civcas.model import Span

# Word characters of any script; hyphen and apostrophes join words ("US-led", "Mu’i").
_BOUND_RIGHT = r"(?![\w])"
_WORD_START = re.compile(r"(?<!\w)\w")
_LEADING_WORD = re.compile(r"\w+")


def _fold_key(s: str) -> str:
    return s.lower().replace("’", "'")


_INDEX: list[tuple[str, list[int], list[str]]] = []


def _word_index(text: str) -> tuple[list[int], list[str]]:
    """Where each word of `text` starts and its folded first letters, computed once per text
    (the last few texts are kept) and shared by every phrase list."""
    for cached, starts, heads in _INDEX:
        if cached is text:
            return starts, heads
    starts = []
    heads = []
    for m in _WORD_START.finditer(text):
        starts.append(m.start())
        heads.append(_fold_key(text[m.start() : m.start() + 3]))
    _INDEX.insert(0, (text, starts, heads))
    del _INDEX[4:]
    return starts, heads


def _prefix(phrase: str) -> str:
    """The look-up key of a phrase: up to three first letters of its first word."""
    m = _LEADING_WORD.match(phrase)
    return _fold_key(m.group()[:3]) if m else ""


_STEM_TAIL = r"[\w\-’']*"


def phrase_pattern(phrase: str) -> str:
    """Regex source for one lexicon phrase: spaces match any run of spaces, '*' ends a stem."""
    stem = phrase.endswith("*")
    body = phrase[:-1] if stem else phrase
    parts = [re.escape(p) for p in body.split()]
    source = r"\s+".join(parts)
    source = source.replace("’", "['’]").replace(r"\'", "['’]")
    return source + (_STEM_TAIL if stem else "")


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found in a text: where, and the lexicon key it belongs to."""

    span: Span
    key: str


class Phrases:
    """A set of phrases, each tagged with a key, matched in one pass.

    `case_sensitive` lists phrases that only count written exactly so ("IS" but not "is").
    Phrases are grouped by the first letters of their first word, so only the few phrases that
    can start at a word are tried there: matching costs one dictionary look-up per word, not
    one attempt per phrase per character.
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
        grouped: dict[str, list[str]] = {}
        for phrase in sorted(by_phrase, key=len, reverse=True):
            grouped.setdefault(_prefix(phrase), []).append(phrase)
        self._groups: dict[str, tuple[re.Pattern[str], list[str]]] = {}
        for prefix, phrases in grouped.items():
            sources = []
            for phrase in phrases:
                source = phrase_pattern(phrase)
                if phrase in exact:
                    source = f"(?-i:{source})"
                sources.append(f"({source})")
            regex = re.compile("(?:" + "|".join(sources) + ")" + _BOUND_RIGHT, re.IGNORECASE)
            self._groups[prefix] = (regex, [by_phrase[p] for p in phrases])
        self._lengths = sorted({len(k) for k in self._groups}, reverse=True)
        # first letters of a word -> the phrase groups that may start there
        self._memo: dict[str, tuple[tuple[re.Pattern[str], list[str]], ...]] = {}

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        if not self._groups:
            return
        stop = len(text) if end is None else end
        starts, heads = _word_index(text)
        groups, lengths, memo = self._groups, self._lengths, self._memo
        after = start
        for k in range(bisect_left(starts, start), len(starts)):
            pos = starts[k]
            if pos >= stop:
                break
            if pos < after:
                continue
            candidates = memo.get(heads[k])
            if candidates is None:
                head = heads[k]
                candidates = tuple(groups[head[:n]] for n in lengths if head[:n] in groups)
                memo[head] = candidates
            if not candidates:
                continue
            best: re.Match[str] | None = None
            best_keys: list[str] = []
            for group in candidates:
                m = group[0].match(text, pos, stop)
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
            if not text[hit.span.end : end].strip(" ,\"'“”‘’("):
                last = hit
        return last

    def startswith(self, text: str, start: int, window: int = 40) -> Hit | None:
        """A phrase that starts right after `start` (spaces allowed between)."""
        hit = self.search(text, start, min(len(text), start + window))
        if hit and not text[start : hit.span.start].strip(" ,\"'“”‘’)"):
            return hit
        return None
