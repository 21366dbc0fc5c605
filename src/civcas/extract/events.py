"""The kind of attack, from the words of the report (event_type vocabulary of DESIGN.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from civcas.extract.phrases import Phrases
from civcas.knowledge.lexicon import load
from civcas.model import EVENT_TYPES, Span


@dataclass(frozen=True, slots=True)
class EventMention:
    """A word naming an attack, and the event type it names."""

    span: Span
    event_type: str


@cache
def _triggers(lang: str) -> tuple[Phrases, tuple[str, ...]]:
    data = load(lang, "events")
    triggers = {k: v for k, v in data.get("triggers", {}).items() if k in EVENT_TYPES}
    priority = tuple(data.get("priority", EVENT_TYPES))
    return Phrases.from_lists(triggers), priority


def find_events(
    text: str, lang: str = "en", start: int = 0, end: int | None = None
) -> list[EventMention]:
    """Every attack word of `text` (or of its slice start:end)."""
    phrases, _ = _triggers(lang)
    return [EventMention(h.span, h.key) for h in phrases.finditer(text, start, end)]


def pick_event_type(
    mentions: list[EventMention], near: int, lang: str = "en"
) -> EventMention | None:
    """The event type of an incident: the highest-priority type among the mentions closest to
    `near` (a casualty count or attack verb), so "a drone strike" beats a later "strike"."""
    if not mentions:
        return None
    _, priority = _triggers(lang)
    rank = {t: i for i, t in enumerate(priority)}
    closest = min(abs(m.span.start - near) for m in mentions)
    window = [m for m in mentions if abs(m.span.start - near) <= closest + 120]
    return min(window, key=lambda m: (rank.get(m.event_type, len(rank)), abs(m.span.start - near)))
