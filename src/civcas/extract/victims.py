"""Named victims as written, from lists ("the names documented are: ...") and phrases
("named ...", "X and his wife")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from civcas.extract.phrases import Phrases
from civcas.knowledge.lexicon import load
from civcas.model import Span


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name as written in the report."""

    span: Span
    name: str


@dataclass(frozen=True, slots=True)
class _Lexicon:
    cues: Phrases
    relations: Phrases
    name: re.Pattern[str]
    not_names: frozenset[str]
    place_words: tuple[str, ...]


@cache
def _lexicon(lang: str) -> _Lexicon:
    data = load(lang, "victims")
    particles = "|".join(re.escape(p) for p in data.get("particles", []))
    # A name word: capitalised (any script's upper case), may carry an apostrophe or a
    # hyphenated particle ("Al-Mu’i", "Abd Al-Ghani"); particles may stand lower-case.
    word = r"(?:(?:" + particles + r")[-\s])?[^\W\d_a-z][\w’'ʼ]*(?:-[^\W\d_][\w’'ʼ]*)*"
    name = re.compile(rf"(?:{word})(?:\s+(?:{word})){{1,4}}")
    return _Lexicon(
        cues=Phrases.of(data.get("list_cues", []), "cue"),
        relations=Phrases.of(data.get("relations", []), "relation"),
        name=name,
        not_names=frozenset(data.get("not_names", [])),
        place_words=tuple(f" {w.lower()} " for w in data.get("place_prepositions", [])),
    )


def find_victim_names(
    text: str, lang: str = "en", sentences: list[Span] | None = None
) -> list[NameMention]:
    """Names that follow a list cue, up to the end of the list (its sentence or bracket)."""
    lex = _lexicon(lang)
    out: list[NameMention] = []
    seen: set[str] = set()
    for cue in lex.cues.finditer(text):
        end = _list_end(text, cue.span.end)
        for m in lex.name.finditer(text, cue.span.end, end):
            name = _trim(m.group(), lex.not_names)
            if name is None:
                continue
            start = m.start() + m.group().index(name)
            if text[max(0, start - 8) : start].lower().endswith(lex.place_words) or name in seen:
                continue
            seen.add(name)
            out.append(NameMention(Span(start, start + len(name)), name))
    return out


_LIST_STOP = re.compile(r"[)\n]|\.(?:\s|$)")


def _list_end(text: str, start: int) -> int:
    """A list runs to the end of its bracket or sentence, at most 600 characters."""
    limit = min(len(text), start + 600)
    m = _LIST_STOP.search(text, start, limit)
    return m.end() if m else limit


def _trim(candidate: str, not_names: frozenset[str]) -> str | None:
    """Drop leading and trailing words that are not names; a name has at least two words."""
    words = candidate.split()
    while words and words[0] in not_names:
        words.pop(0)
    while words and words[-1] in not_names:
        words.pop()
    if len(words) < 2 or any(w in not_names for w in words):
        return None
    return " ".join(words) if " ".join(words) in candidate else None
