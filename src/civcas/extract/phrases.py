"""Compile lexicon phrase lists into one regular expression each, matched on word boundaries.

One compiled alternation per list keeps matching a single pass over the text; the longest
phrase wins because alternatives are tried longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from civcas.model import Span

# Word characters of any script; hyphen and apostrophes join words ("US-led", "Mu’i").
_BOUND_LEFT = r"(?<![\w])"
_BOUND_RIGHT = r"(?![\w])"
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
        ordered = sorted(by_phrase, key=len, reverse=True)
        self._keys: list[str] = []
        groups: list[str] = []
        for phrase in ordered:
            source = phrase_pattern(phrase)
            if phrase in exact:
                source = f"(?-i:{source})"
            groups.append(f"({source})")
            self._keys.append(by_phrase[phrase])
        if groups:
            self._regex: re.Pattern[str] | None = re.compile(
                _BOUND_LEFT + "(?:" + "|".join(groups) + ")" + _BOUND_RIGHT, re.IGNORECASE
            )
        else:
            self._regex = None

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]], **kw: Iterable[str]) -> Phrases:
        return cls(((k, p) for k, ps in lists.items() for p in ps), **kw)

    @classmethod
    def of(cls, phrases: Iterable[str], key: str = "") -> Phrases:
        return cls((key, p) for p in phrases)

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        if self._regex is None:
            return
        for m in self._regex.finditer(text, start, len(text) if end is None else end):
            yield Hit(Span(m.start(), m.end()), self._keys[m.lastindex - 1])  # type: ignore[operator]

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
