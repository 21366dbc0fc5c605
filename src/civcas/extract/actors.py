"""Perpetrators and how the report attributes them: asserted, alleged, unknown, claimed, denied.

Actor aliases and attribution cues are lexicon data (`actors.toml`, `attribution.toml`); this
module only decides, per actor mention, whether it is the agent of an attack or its target, and
which cue words of its sentence qualify it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from civcas.extract.phrases import Hit, Phrases, fold
from civcas.knowledge.actors import actor_aliases
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
    phrase: Span | None = None  # the attribution phrase, where the language's rules set one

    @property
    def evidence(self) -> Span:
        """Cue and alias together: the words that set the attribution."""
        return self.span if self.cue is None else self.span.cover(self.cue)

    @property
    def quote(self) -> Span:
        """The short phrase of the text that carries the attribution (perpetrator_evidence):
        the attack words and the alias, with the cue where it stands close to them
        ("طائرات حربية مجهولة يرجح أنها تابعة للتحالف الدولي"); cue and alias together where
        the language sets no such rules."""
        return self.phrase if self.phrase is not None else self.evidence


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
    agent_within: Phrases  # attack words an alias holds ("غارة روسية"): it names the attacker
    # a noun of attack whose genitive is its attacker when the weapon follows ("استهداف قوات
    # النظام بصاروخ منزلا"), the one attacked otherwise ("استهداف قوات النظام")
    attack_nouns: Phrases
    instrument_after: Phrases
    # what was attacked, as the word right after the actor with no preposition on it: the
    # actor is then the attack noun's subject (folded single words)
    object_after: frozenset[str]
    epithets: frozenset[str]  # words a source adds after an actor's name ("الإرهابية")
    lead: Phrases  # words before an alias that belong to its phrase ("طائرات حربية تابعة لـ")
    cues_precede: bool  # cues qualify what follows them, except the `trailing` ones
    trailing: Phrases
    window: int | None  # most words between a cue and the phrase for the cue to join it
    joint: frozenset[str]  # what may stand between two actors named together as attackers
    joint_not_after: Phrases  # words before two such actors that make them two sides
    joint_skip: frozenset[str]  # words that end the first name ("regime *forces* and ...")


@cache
def _lexicon(lang: str) -> _Lexicon:
    actors = load(lang, "actors")
    cues = load(lang, "attribution")
    return _Lexicon(
        aliases=Phrases.from_lists(
            actor_aliases(lang), case_sensitive=actors.get("case_sensitive", [])
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
        agent_within=Phrases.of(cues.get("agent_within", []), "agent"),
        attack_nouns=Phrases.of(cues.get("attack_nouns", []), "attack"),
        instrument_after=Phrases.of(cues.get("instrument_after", []), "instrument"),
        object_after=frozenset(fold(w) for w in cues.get("object_after", [])),
        epithets=frozenset(fold(w) for w in cues.get("epithets", [])),
        lead=Phrases.of(cues.get("evidence_lead", []), "lead"),
        cues_precede=cues.get("cues_precede") is True,
        trailing=Phrases.of(cues.get("trailing", []), "trailing"),
        window=_window(cues.get("evidence_window")),
        joint=frozenset(_words(j) for j in cues.get("joint", []) if _words(j)),
        joint_not_after=Phrases.of(cues.get("joint_not_after", []), "sides"),
        joint_skip=frozenset(_words(w) for w in cues.get("joint_skip", [])),
    )


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _window(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


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


SPEECH_REACH = 25  # characters before a date where a verb of speech makes it the day one spoke


def spoken_before(text: str, start: int, lang: str = "en") -> bool:
    """Whether a verb of speech stands just before `start` ("SANA reported on Saturday"): the
    date that follows is the day a source spoke, not the day of the act."""
    lex = _lexicon(lang)
    return lex.speech.search(text, max(0, start - SPEECH_REACH), start) is not None


SIDES_REACH = 25  # characters before the first actor where "between" makes the two sides


_NO_WORDS = str.maketrans({c: " " for c in "#\"“”«»'’‘()"})
_COMMAS = re.compile("[,،]")


def joint_actors(
    text: str, named: ActorMention, mentions: Sequence[ActorMention], lang: str = "en"
) -> list[ActorMention]:
    """The other actors named together with `named` as the attackers ("قوات النظام وروسيا",
    "regime forces and Russian warplanes"): a run of actor names in one sentence with only a
    joining word of the lexicon between each two; none where "between" makes them two sides."""
    lex = _lexicon(lang)
    same = sorted((a for a in mentions if a.sentence == named.sentence), key=lambda a: a.span.start)
    at = next((i for i, a in enumerate(same) if a.span == named.span), None)
    if at is None:
        return []

    def joined(a: ActorMention, b: ActorMention) -> bool:
        if b.target or b.actor == UNKNOWN or b.attribution in ("denied", "claimed"):
            return False
        # hashtags of posts ("قوات النظام و #روسيا"), quotation marks ("النظام و"قسد"") and
        # a gloss in brackets ("قوات سوريا الديمقراطية (قسد)، مدعومة ...") are no words
        # the attack words before the second name are its own ("بإسناد من الطيران المروحي
        # التابع لـ #التحالف_الدولي": the helicopters of the coalition)
        lead = _lead(text, b.span.start, a.span.end, lex)
        between = _PARENTHETICAL.sub(" ", text[a.span.end : lead]).translate(_NO_WORDS)
        words = _words(_COMMAS.sub(r" \g<0> ", between)).split()
        while words and words[0] in lex.joint_skip:
            words.pop(0)
        # a comma before the joining words is no word of its own ("SDF forces, backed by")
        content = [w for w in words if not _COMMAS.fullmatch(w)]
        gap = " ".join(content or words)
        # joining words written on or into the second name ("وروسيا", "بدعم روسي") are in its span
        name = _words(b.span.of(text))
        glued = not gap and any(name.startswith(j) and name != j for j in lex.joint)
        # a name and its abbreviation ('قوات سوريا الديمقراطية "قسد"'): one actor, named twice
        restated = not gap and a.actor == b.actor
        return gap in lex.joint or glued or restated

    head = at
    while head > 0 and joined(same[head - 1], same[head]) and not same[head - 1].target:
        head -= 1
    tail = at
    while tail + 1 < len(same) and joined(same[tail], same[tail + 1]):
        tail += 1
    first = same[head]
    reach = max(first.sentence.start, first.span.start - SIDES_REACH)
    if head == tail or lex.joint_not_after.search(text, reach, first.span.start) is not None:
        return []
    out: list[ActorMention] = []
    for a in same[head : tail + 1]:
        if a.actor != named.actor and all(a.actor != b.actor for b in out):
            out.append(a)
    return out


_PARENTHETICAL = re.compile(r"\s*\([^()]{0,40}\)")


def _gloss(text: str, previous: Span, span: Span) -> bool:
    return text[previous.end : span.start].strip() == "(" and text[span.end : span.end + 1] == ")"


_NEXT_WORD = re.compile(r"[\s\"'“”«»]*(\w+)")


def _word_after(text: str, end: int, skip: frozenset[str] = frozenset()) -> str:
    """The word right after `end` (past up to two words of `skip`: "قسد الإرهابية"), folded
    as lexicons are ('' where none follows)."""
    for _ in range(3):
        m = _NEXT_WORD.match(text, end)
        if m is None:
            return ""
        word = fold(m[1])
        if word not in skip:
            return word
        end = m.end()
    return ""


def _judge(text: str, sentence: Span, hit: Hit, lex: _Lexicon) -> ActorMention:
    s, e = hit.span.start, hit.span.end
    skip = _PARENTHETICAL.match(text, e)
    if skip:
        e = skip.end()
    after = text[e : min(sentence.end, e + 14)].lower()
    target_hit, agent_hit = lex.target_before.endswith(text, s, 30), lex.agent_before.endswith(
        text, s, 30
    )
    pos = s
    if target_hit is None and agent_hit is None:
        # the words that lead the actor's phrase may stand between ("من قبل ميليشيات "قسد"")
        for pos in _lead_steps(text, s, sentence.start, lex):
            target_hit = lex.target_before.endswith(text, pos, 30)
            agent_hit = lex.agent_before.endswith(text, pos, 30)
            if target_hit is not None or agent_hit is not None:
                break
    target = bool(target_hit) or after.startswith(lex.target_after)
    agent = bool(
        agent_hit
        or lex.agent_after.startswith(text, e, 30)
        or lex.agent_within.search(text, s, hit.span.end)
    )
    # "belong to Russia": the agent words hold the target word ("to"); the longer phrase rules
    longer = agent_hit is not None and (
        target_hit is None or agent_hit.span.start < target_hit.span.start
    )
    if agent and (target_hit is None or longer):
        target = False
    if target and lex.attack_nouns.endswith(text, pos, 30) and (
        lex.instrument_after.startswith(text, e, 20)
        or _word_after(text, e, lex.epithets) in lex.object_after
    ):
        # "استهداف قوات النظام بصاروخ", "استهداف قوات النظام مدينة إدلب": the regime's targeting
        agent, target = True, False
    actor = hit.key
    attribution, cue = "asserted", None
    unknown = lex.unknown.endswith(text, s, 20)
    if actor == UNKNOWN or unknown:
        actor, attribution = UNKNOWN, "unknown"
        cue = unknown.span if unknown else None
    else:
        attribution, cue = _attribution(text, sentence, hit.span, lex)
    phrase = _phrase(text, sentence, hit.span, cue, lex) if lex.window is not None else None
    return ActorMention(hit.span, actor, sentence, agent, target, attribution, cue, phrase)


_LEAD_STEPS = 6  # lead phrases taken one after another ("طائرات" "حربية" "مجهولة" "تابعة")


def _phrase(text: str, sentence: Span, alias: Span, cue: Span | None, lex: _Lexicon) -> Span:
    """The attribution phrase of an alias: the attack words right before it, and the cue with
    the words between when at most `window` words stand between them."""
    start = _lead(text, alias.start, sentence.start, lex)
    end = alias.end
    window = lex.window or 0
    if cue is not None:
        if cue.end <= start and len(_WORDS.findall(text[cue.end : start])) <= window:
            start = _lead(text, cue.start, sentence.start, lex)
        elif cue.start >= end and len(_WORDS.findall(text[end : cue.start])) <= window:
            end = cue.end
        elif cue.start < end and cue.end > start:  # the cue overlaps the phrase
            start, end = min(start, cue.start), max(end, cue.end)
    return Span(start, end)


def _lead_steps(text: str, start: int, floor: int, lex: _Lexicon) -> Iterator[int]:
    """Where each of the attack words right before `start` begins, nearest first ("لـ", then
    "تابعة", "حربية", "طائرات"), none before `floor`."""
    for _ in range(_LEAD_STEPS):
        hit = lex.lead.endswith(text, start, 30)
        if hit is None or hit.span.start < floor:
            return
        start = hit.span.start
        yield start


def _lead(text: str, start: int, floor: int, lex: _Lexicon) -> int:
    """Where the attack words right before `start` begin ("طائرات حربية تابعة لـ")."""
    steps = list(_lead_steps(text, start, floor, lex))
    return steps[-1] if steps else start


def _attribution(text: str, sentence: Span, alias: Span, lex: _Lexicon) -> tuple[str, Span | None]:
    """The attribution a sentence gives the actor at `alias`, and the cue that says so."""
    denials = _in_sentence(lex.denied, text, sentence)
    if denials:
        return "denied", denials[0].span
    claim = lex.claimed.search(text, alias.end, min(sentence.end, alias.end + 80))
    if claim and not lex.speech.search(text, sentence.start, alias.start):  # no third party
        return "claimed", claim.span
    hedge = _nearest(lex.alleged, text, sentence, alias, lex)
    if hedge:
        return "alleged", hedge.span
    speech = _nearest(lex.speech, text, sentence, alias, lex)
    if speech and not _actor_speaks(text, alias, speech.span):
        return "alleged", speech.span
    return "asserted", None


# The cue hits of the sentences of the text being read, per cue list: a sentence naming several
# actors is scanned once per list, not once per actor.
_SENTENCE_HITS: dict[tuple[int, int, int], list[Hit]] = {}
_SENTENCE_TEXT: list[str | None] = [None]


def _in_sentence(phrases: Phrases, text: str, sentence: Span) -> list[Hit]:
    if _SENTENCE_TEXT[0] is not text:
        _SENTENCE_HITS.clear()
        _SENTENCE_TEXT[0] = text
    key = (id(phrases), sentence.start, sentence.end)
    hits = _SENTENCE_HITS.get(key)
    if hits is None:
        hits = _SENTENCE_HITS[key] = list(phrases.finditer(text, sentence.start, sentence.end))
    return hits


def _nearest(phrases: Phrases, text: str, sentence: Span, alias: Span, lex: _Lexicon) -> Hit | None:
    hits = [h for h in _in_sentence(phrases, text, sentence) if _scopes(h, alias, text, lex)]
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h.span.start - alias.start))


def _scopes(hit: Hit, alias: Span, text: str, lex: _Lexicon) -> bool:
    """Whether a cue can qualify the actor at `alias`: where the language puts its sources
    first (`cues_precede`), a cue after the actor does only if it is one of the `trailing`
    cues ("..، حسبما نقلت وسائل إعلام"); elsewhere every cue of the sentence can."""
    if not lex.cues_precede or hit.span.start < alias.start:
        return True
    trailing = lex.trailing.startswith(text, hit.span.start, hit.span.end - hit.span.start + 1)
    return trailing is not None and trailing.span.start == hit.span.start


_WORDS = re.compile(r"\w+")


def _actor_speaks(text: str, alias: Span, speech: Span) -> bool:
    """'The coalition said ...': the actor is the speaker when the verb follows it closely."""
    gap = text[alias.end : speech.start]
    return 0 <= speech.start - alias.end <= 25 and len(_WORDS.findall(gap)) <= 3
