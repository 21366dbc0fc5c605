"""Split a report into sentences, keeping character offsets into the original text."""

from __future__ import annotations

import re

from civcas.model import Span

# A sentence ends at . ! ? ؟ (not after a single capital letter or common abbreviation,
# which is checked below) or at a line break. Arabic web text often runs the next sentence
# into the full stop ("السورية.وقال"): a stop between two Arabic words also ends one, but not
# the dots that cut a word ("د.اع.ش", short pieces).
_END = re.compile(r"(?<=[.!?؟])[\"”’)]*\s+|\n+|(?<=[ء-ؿف-ي]{3}[.!؟])(?=[ء-ؿف-ي]{3})")
_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Dr|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|U\.S|U\.K|Gen|Col|Lt|vs))\.$"
)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, stripped of surrounding spaces, in order."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        if "\n" not in m.group() and _ABBREV.search(text, max(0, m.start() - 6), m.start()):
            continue
        _add(text, start, m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
