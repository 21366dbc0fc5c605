"""Perpetrators and how the report attributes them: asserted, alleged, unknown, claimed, denied.

Actor aliases and attribution cues are lexicon data (`actors.toml`, `attribution.toml`); this
module only decides, per actor mention, whether it is the agent of an attack or its target, and
which cue words of its sentence qualify it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from civcas.extract.phrases import Hit, Phrases
from civcas.knowledge.lexicon import load
from civcas.model import Span

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a sentence, with its role and the words that qualify it."""

    span: Span  # the alias as written
    actor: str  # canonical name
    sentence: Span
    agent: bool  # named as the one who attacked
    target: bool  # named as the one attacked (never a perpetrator by that mention)
    attribution: str  # asserted | alleged | unknown | claimed | denied
    cue: Span | None  # the cue words that set the attribution, if any

    @property
    def evidence(self) -> Span:
        """The short phrase carrying the attribution: cue and alias together."""
        return self.span if self.cue is None else self.span.cover(self.cue)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    aliases: Phrases
    alleged: Phrases
    speech: Phrases
    claimed: Phrases
    denied: Phrases
    unknown: Phrases
    target_before: Phrases
    target_after: tuple[str, ...]
    agent_before: Phrases
    agent_after: Phrases


@cache
def _lexicon(lang: str) -> _Lexicon:
    actors = load(lang, "actors")
    cues = load(lang, "attribution")
    return _Lexicon(
        aliases=Phrases.from_lists(
            actors.get("aliases", {}), case_sensitive=actors.get("case_sensitive", [])
        ),
        alleged=Phrases.of(cues.get("alleged", []), "alleged"),
        speech=Phrases.of(cues.get("speech", []), "speech"),
        claimed=Phrases.of(cues.get("claimed", []), "claimed"),
        denied=Phrases.of(cues.get("denied", []), "denied"),
        unknown=Phrases.of(cues.get("unknown", []), "unknown"),
        target_before=Phrases.of(cues.get("target_before", []), "target"),
        target_after=tuple(s.lower() for s in cues.get("target_after", [])),
        agent_before=Phrases.of(cues.get("agent_before", []), "agent"),
        agent_after=Phrases.of(cues.get("agent_after", []), "agent"),
    )


def find_actors(text: str, sentences: list[Span], lang: str = "en") -> list[ActorMention]:
    """Every actor alias in `text`, judged within its sentence."""
    lex = _lexicon(lang)
    out: list[ActorMention] = []
    for sentence in sentences:
        previous = None
        for hit in lex.aliases.finditer(text, sentence.start, sentence.end):
            if previous is not None and _gloss(text, previous, hit.span):
                continue  # "the Islamic State (IS)": the abbreviation repeats the name
            out.append(_judge(text, sentence, hit, lex))
            previous = hit.span
    return out


_PARENTHETICAL = re.compile(r"\s*\([^()]{0,40}\)")


def _gloss(text: str, previous: Span, span: Span) -> bool:
    return text[previous.end : span.start].strip() == "(" and text[span.end : span.end + 1] == ")"


def _judge(text: str, sentence: Span, hit: Hit, lex: _Lexicon) -> ActorMention:
    s, e = hit.span.start, hit.span.end
    skip = _PARENTHETICAL.match(text, e)
    if skip:
        e = skip.end()
    after = text[e : min(sentence.end, e + 14)].lower()
    target = bool(lex.target_before.endswith(text, s, 30)) or after.startswith(lex.target_after)
    agent = bool(lex.agent_before.endswith(text, s, 30) or lex.agent_after.startswith(text, e, 30))
    if agent and lex.target_before.endswith(text, s, 30) is None:
        target = False
    actor = hit.key
    attribution, cue = "asserted", None
    unknown = lex.unknown.endswith(text, s, 20)
    if actor == UNKNOWN or unknown:
        actor, attribution = UNKNOWN, "unknown"
        cue = unknown.span if unknown else None
    else:
        attribution, cue = _attribution(text, sentence, hit.span, lex)
    return ActorMention(hit.span, actor, sentence, agent, target, attribution, cue)


def _attribution(text: str, sentence: Span, alias: Span, lex: _Lexicon) -> tuple[str, Span | None]:
    """The attribution a sentence gives the actor at `alias`, and the cue that says so."""
    denial = lex.denied.search(text, sentence.start, sentence.end)
    if denial:
        return "denied", denial.span
    claim = lex.claimed.search(text, alias.end, min(sentence.end, alias.end + 80))
    third_party = lex.speech.search(text, sentence.start, alias.start)
    if claim and not third_party:
        return "claimed", claim.span
    hedge = _nearest(lex.alleged, text, sentence, alias)
    if hedge:
        return "alleged", hedge.span
    speech = _nearest(lex.speech, text, sentence, alias)
    if speech and not _actor_speaks(text, alias, speech.span):
        return "alleged", speech.span
    return "asserted", None


def _nearest(phrases: Phrases, text: str, sentence: Span, alias: Span) -> Hit | None:
    hits = list(phrases.finditer(text, sentence.start, sentence.end))
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h.span.start - alias.start))


_WORDS = re.compile(r"\w+")


def _actor_speaks(text: str, alias: Span, speech: Span) -> bool:
    """'The coalition said ...': the actor is the speaker when the verb follows it closely."""
    gap = text[alias.end : speech.start]
    return 0 <= speech.start - alias.end <= 25 and len(_WORDS.findall(gap)) <= 3
