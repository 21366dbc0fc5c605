"""What a report says of each named victim: relation to another named person, sex, age, age
group, civilian or combatant status, and the kin it counts without naming ("and his family").

Read from the words around each name found by `civcas.extract.victims`, with the cue words of
`lexicons/<lang>/victims.toml` (and the women's names of `names.toml`):
- the words right before a name describe that person ("and his wife Noura Ahmad", "the
  12-year-old girl ...", "الطفلة ...", "وزوجته ..."); a relation there is to the person named
  just before;
- the words right after a name describe it up to its first relation word ("X, 34, a civilian",
  "X (12 عاماً)", "X (Y's wife)", "X, wife of Y", "X زوجة Y");
- relation words after a name that no name of their own follows count unnamed victims of it
  ("X and his three children", "X وأطفاله الثلاثة", "X وطفليه").
Every value carries the span of the words it was read from; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from civcas.extract.numbers import DIGITS, Amount, reader
from civcas.extract.phrases import Phrases, fold
from civcas.extract.victims import NameMention
from civcas.knowledge.lexicon import load
from civcas.model import AGE_GROUPS, RELATIONS, SEXES, VICTIM_STATUSES, Span, Victim

_VALUES: dict[str, tuple[str, ...]] = {
    "sex": SEXES,
    "age_group": AGE_GROUPS,
    "status": VICTIM_STATUSES,
}


@dataclass(slots=True)
class VictimFacts:
    """What the report says of one name, each value with its evidence; `of` indexes the names
    that `describe_victims` was given."""

    relation: str | None = None
    of: int | None = None
    sex: str | None = None
    age: int | None = None
    age_group: str | None = None
    status: str | None = None
    evidence: dict[str, Span] = field(default_factory=dict)

    def put(self, detail: str, value: Any, span: Span) -> None:
        """Set a detail once: the words nearest the name, read first, win."""
        if value is not None and getattr(self, detail) is None:
            setattr(self, detail, value)
            self.evidence[detail] = span


@dataclass(frozen=True, slots=True)
class UnnamedMention:
    """Kin counted without names ("and his family"); `of` indexes the names given."""

    relation: str
    span: Span
    count: int | None
    of: int | None


@dataclass(frozen=True, slots=True)
class _Relation:
    relation: str
    sex: str | None
    count: int | None
    construct: bool  # names its owner after it ("زوجة سالم")


@dataclass(frozen=True, slots=True)
class _Token:
    """Words next to a name that say something of a person (or only join or pad the phrase)."""

    kind: str  # relation, word, age, filler, joiner
    span: Span
    core: Span  # the cue itself, without an owner's name around it
    relation: _Relation | None = None
    pronoun: bool = False  # "his wife", "وزوجته": the owner is the person named before
    owner: Span | None = None  # the owner's name as written ("Y's wife", "wife of Y")
    count: int | None = None
    details: tuple[tuple[str, str], ...] = ()
    age: int | None = None


@dataclass(frozen=True, slots=True)
class _Lexicon:
    relations: dict[str, _Relation]
    relation_words: Phrases
    possessive: re.Pattern[str] | None
    words: dict[str, tuple[tuple[str, str], ...]]
    word_phrases: Phrases
    age_before: Phrases
    age_after: Phrases
    age_max: int
    fillers: Phrases
    joiners: Phrases
    female: frozenset[str]
    article: str


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _name_key(word: str) -> str:
    """A given name as compared with the women's names: folded, without apostrophes."""
    return fold(re.sub(r"[’'ʼ`\-]", "", word)).casefold()


@cache
def _lexicon(lang: str) -> _Lexicon:
    data = load(lang, "victims")
    relations: dict[str, _Relation] = {}
    for word, entry in (data.get("relations") or {}).items():
        if not isinstance(entry, dict) or entry.get("relation") not in RELATIONS:
            continue
        sex = entry.get("sex") if entry.get("sex") in SEXES else None
        count = entry.get("count")
        relations[word] = _Relation(
            entry["relation"],
            sex,
            count if isinstance(count, int) and not isinstance(count, bool) else None,
            bool(entry.get("construct")),
        )
    possessives = _strings(data.get("possessives"))
    possessive = None
    if possessives:
        alternatives = "|".join(re.escape(p) for p in possessives)
        # "his", "his three", "his twenty-three": the number is checked by the number reader
        possessive = re.compile(
            rf"(?<![\w'’])(?:{alternatives})\s+(?:(?P<num>[^\W_][\w\-]*(?:\s+[^\W_][\w\-]*)?)\s+)?$",
            re.IGNORECASE,
        )
    words: dict[str, tuple[tuple[str, str], ...]] = {}
    for word, entry in (data.get("words") or {}).items():
        if isinstance(entry, dict):
            said = tuple((k, v) for k, v in entry.items() if v in _VALUES.get(k, ()))
            if said:
                words[word] = said
    names = load(lang, "names")
    female = _strings(data.get("female_names")) + _strings(names.get("female"))
    article = load(lang, "script").get("article", "")
    age_max = data.get("age_max")
    return _Lexicon(
        relations=relations,
        relation_words=Phrases((w, w) for w in relations),
        possessive=possessive,
        words=words,
        word_phrases=Phrases((w, w) for w in words),
        age_before=Phrases.of(_strings(data.get("age_before")), "age"),
        age_after=Phrases.of(_strings(data.get("age_after")), "age"),
        age_max=age_max if isinstance(age_max, int) else 115,
        fillers=Phrases.of(_strings(data.get("fillers")), "filler"),
        joiners=Phrases.of(_strings(data.get("joiners")), "joiner"),
        female=frozenset(_name_key(n) for n in female),
        article=article if isinstance(article, str) else "",
    )


# --- numbers next to a cue --------------------------------------------------------------------

_DIGITS_AT = re.compile(DIGITS)
_DIGITS_END = re.compile(rf"(?:{DIGITS})$")
_WORD_STARTS = re.compile(r"(?<![\w\-])[^\W_]")


def _number_after(text: str, pos: int, lang: str, lex: _Lexicon, limit: int = 40) -> Amount | None:
    """The number that starts at `pos` past spaces, a bracket or the article ("الثلاثة")."""
    end = min(len(text), pos + limit)
    while pos < end and text[pos] in " \t\u00a0(-":
        pos += 1
    for skip in (0, len(lex.article)):
        at = pos + skip
        if skip and not (lex.article and text.startswith(lex.article, pos)):
            continue
        while skip and at < end and text[at] in "\u0640 ":
            at += 1  # "الـ3"
        m = _DIGITS_AT.match(text, at, end)
        if m is not None:
            return reader(lang).read(text, m.start(), m.end())
        amount = reader(lang).read(text, at, end)
        if amount is not None and amount.start == at and not amount.vague:
            return amount
    return None


def _number_before(text: str, end: int, lang: str, limit: int = 40) -> Amount | None:
    """The number that ends at `end`, past spaces or a hyphen ("12-year-old", "اثني عشر عاماً")."""
    while end > 0 and text[end - 1] in " \t\u00a0-‐":
        end -= 1
    lo = max(0, end - limit)
    m = _DIGITS_END.search(text, lo, end)
    if m is not None:
        return reader(lang).read(text, m.start(), m.end())
    starts = [w.start() for w in _WORD_STARTS.finditer(text, lo, end)][-4:]
    for start in starts:  # the farthest start that reads to `end` ("twenty three")
        amount = reader(lang).read(text, start, end)
        if amount is not None and amount.start == start and amount.end == end:
            return None if amount.vague else amount
    return None


# --- tokens -----------------------------------------------------------------------------------

_PRONOUN = "ه"
_TAA_MARBUTA = "ة"
_CAPITALISED = re.compile(r"[^\W\d_a-z][\w’'ʼ\-]*(?:\s+[^\W\d_a-z][\w’'ʼ\-]*){1,4}")
_OWNER_WORD = re.compile(r"[^\W\d_][\w’'ʼ\-]*$")


def _owner_before(text: str, start: int, names: list[NameMention]) -> Span | None:
    """The name written right before "'s" at `start` ("Salim Khalaf's wife"), if any."""
    m = re.search(r"[’'ʼ]s\s+$", text[max(0, start - 6) : start])
    if m is None:
        return None
    end = start - (len(text[max(0, start - 6) : start]) - m.start())
    for name in names:
        if name.span.end == end:
            return name.span
    words: list[int] = []
    pos = end
    while len(words) < 5:
        w = _OWNER_WORD.search(text, max(0, pos - 40), pos)
        if w is None or not (w.group()[0].isupper() or w.group().lower() in ("al", "bin", "abu")):
            break
        words.append(w.start())
        gap = text[max(0, w.start() - 2) : w.start()]
        if not gap.endswith(" ") or gap.strip():
            break
        pos = w.start() - 1
    return Span(words[-1], end) if words else None


def _owner_after(text: str, end: int, names: list[NameMention]) -> Span | None:
    """The name written right after "of" at `end` ("wife of Salim Khalaf"), if it is a name."""
    m = re.match(r"\s+of\s+", text[end : end + 8], re.IGNORECASE)
    if m is None:
        return None
    pos = end + m.end()
    found = _name_starting(text, pos, names)
    if found is not None:
        return found
    written = _CAPITALISED.match(text, pos)  # a name the list does not hold ("of" ends lists)
    return Span(pos, written.end()) if written else None


def _name_starting(text: str, pos: int, names: list[NameMention]) -> Span | None:
    """The span of a victim's name that starts at `pos` past spaces; also a later mention of a
    name already listed ("... زوجة نادر علي الحمد"), which the name list holds only once."""
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    for name in names:
        if name.span.start == pos:
            return name.span
    for name in names:
        if text.startswith(name.name, pos):
            return Span(pos, pos + len(name.name))
    return None


def _relation_tokens(text: str, lang: str, lex: _Lexicon, names: list[NameMention]) -> list[_Token]:
    out: list[_Token] = []
    for hit in lex.relation_words.finditer(text):
        rel = lex.relations[hit.key]
        core = hit.span
        if hit.key.endswith(_PRONOUN) and text[core.end - 1 : core.end] == _TAA_MARBUTA:
            continue  # "الطفلة" ("the girl") folds onto "طفله" ("his child")
        start, end, count = core.start, core.end, rel.count
        if lex.possessive is not None:  # a script that writes "his" apart from "wife"
            m = lex.possessive.search(text, max(0, start - 40), start)
            if m is not None and m.group("num"):
                amount = reader(lang).read(text, m.start("num"), m.end("num"))
                if amount is None or amount.end != m.end("num") or amount.vague:
                    m = None
                else:
                    count = amount.value
            if m is not None:
                out.append(_Token("relation", Span(m.start(), end), core, rel, True, None, count))
                continue
            owner = _owner_before(text, start, names)
            if owner is not None:
                out.append(_Token("relation", Span(owner.start, end), core, rel, False, owner, 1))
                continue
            owner = _owner_after(text, end, names)
            if owner is not None:
                out.append(_Token("relation", Span(start, owner.end), core, rel, False, owner, 1))
            continue  # a bare "wife" or "mother of three" says nothing of a named person
        if rel.construct:
            owner = _name_starting(text, end, names)
            span = Span(start, owner.end) if owner else core
            out.append(_Token("relation", span, core, rel, False, owner, 1))
            continue
        if count is None:  # "وأطفاله الثلاثة"
            amount = _number_after(text, end, lang, lex, limit=12)
            if amount is not None:
                count, end = amount.value, amount.end
                if text[end : end + 1] == ")":
                    end += 1
        out.append(_Token("relation", Span(start, end), core, rel, True, None, count))
    return out


def _age_tokens(text: str, lang: str, lex: _Lexicon) -> list[_Token]:
    out: list[_Token] = []
    for hit in lex.age_before.finditer(text):
        amount = _number_after(text, hit.span.end, lang, lex, limit=16)
        if amount is None or not 0 <= amount.value <= lex.age_max:
            continue
        end = amount.end
        after = lex.age_after.startswith(text, end, 12)
        if after is not None and not text[end : after.span.start].strip(" -"):
            end = after.span.end
        span = Span(hit.span.start, end)
        out.append(_Token("age", span, span, age=amount.value))
    for hit in lex.age_after.finditer(text):
        amount = _number_before(text, hit.span.start, lang)
        if amount is None or not 0 <= amount.value <= lex.age_max:
            continue
        span = Span(amount.start, hit.span.end)
        out.append(_Token("age", span, span, age=amount.value))
    return out


def _tokens(text: str, lang: str, lex: _Lexicon, names: list[NameMention]) -> list[_Token]:
    """Every cue of the text, overlaps resolved: relations, then ages, then words, longest first."""
    ranked = [
        *_relation_tokens(text, lang, lex, names),
        *_age_tokens(text, lang, lex),
        *(
            _Token("word", h.span, h.span, details=lex.words[h.key])
            for h in lex.word_phrases.finditer(text)
        ),
        *(_Token("filler", h.span, h.span) for h in lex.fillers.finditer(text)),
        *(_Token("joiner", h.span, h.span) for h in lex.joiners.finditer(text)),
    ]
    taken: list[Span] = [n.span for n in names]
    out: list[_Token] = []
    order = {"relation": 0, "age": 1, "word": 2, "filler": 3, "joiner": 4}
    for token in sorted(ranked, key=lambda t: (order[t.kind], t.span.start - t.span.end)):
        claimed = token.span if token.owner is None else token.core  # an owner may be a victim
        if not any(_overlaps(claimed, s) for s in taken):
            taken.append(claimed)
            out.append(token)
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# --- reading around each name -------------------------------------------------------------------

_GAP_BEFORE = " \t\u00a0:"
_GAP_AFTER = " \t\u00a0,،:()-–"


def describe_victims(
    text: str, lang: str, names: list[NameMention]
) -> tuple[list[VictimFacts], list[UnnamedMention]]:
    """What the report says of each of `names` (in text order), and the unnamed kin it counts."""
    facts = [VictimFacts() for _ in names]
    unnamed: list[UnnamedMention] = []
    if not names:
        return facts, unnamed
    lex = _lexicon(lang)
    tokens = _tokens(text, lang, lex, names)
    by_end = {t.span.end: t for t in tokens}
    by_start = {t.span.start: t for t in tokens}
    chains = [_chain_before(text, n.span.start, by_end) for n in names]
    heads: list[int] = list(range(len(names)))  # whose kin "his ..." after a name counts
    reached: list[int | None] = [None] * len(names)  # where the cues after each name run to
    for i, name in enumerate(names):
        chain_start, before = chains[i]
        limit = len(text)
        if i + 1 < len(names):
            limit = min(chains[i + 1][0], names[i + 1].span.start)
        after, reached_limit = _walk_after(text, name.span.end, limit, by_start, lex)
        reached[i] = limit if reached_limit else None
        fact = facts[i]
        for token in before:  # nearest first
            if token.kind == "relation":
                # "X and his wife Y": Y is X's wife when only cues stand between them
                owner = heads[i - 1] if i and reached[i - 1] == chain_start else None
                if owner is not None:
                    heads[i] = owner
                _put_relation(fact, token, owner)
        _put_details(fact, [t for t in before if t.kind != "relation"])
        seen_relation = False
        for token in after:
            if token.kind != "relation" or token.relation is None:
                if not seen_relation:  # cues after kin words speak of the kin
                    _put_details(fact, [token])
                continue
            seen_relation = True
            if token.pronoun:
                unnamed.append(
                    UnnamedMention(token.relation.relation, token.span, token.count, heads[i])
                )
            else:
                owner = _owner_index(text, token.owner, names)
                _put_relation(fact, token, owner if owner != i else None)
        _put_name_sex(fact, text, name, lex)
    return facts, unnamed


def _owner_index(text: str, owner: Span | None, names: list[NameMention]) -> int | None:
    """Which of the names an owner's name is: the one written there, or the same words."""
    if owner is None:
        return None
    for i, name in enumerate(names):
        if name.span == owner:
            return i
    return next((i for i, n in enumerate(names) if n.name == owner.of(text)), None)


def _chain_before(text: str, start: int, by_end: dict[int, _Token]) -> tuple[int, list[_Token]]:
    """The cues written right before a name, nearest first ("the 12-year-old girl", "وزوجته"),
    and where they start. Only spaces or a colon stand between them: a comma ends the chain
    ("his sister-in-law, Yousef ..." does not call Yousef a sister-in-law)."""
    out: list[_Token] = []
    pos = start
    while True:
        at = pos
        while at > 0 and text[at - 1] in _GAP_BEFORE:
            at -= 1
        token = by_end.get(at)
        if token is None or token.kind == "joiner":
            break
        if token.kind == "relation" and not token.pronoun:
            break  # "زوجة سالم": the owner is after the word, not the victim before it
        out.append(token)
        pos = token.span.start
    return pos, out


_BARE_AGE = re.compile(rf"\s*[(,،]\s*({DIGITS})\s*(?=[),،])")


def _walk_after(
    text: str, pos: int, limit: int, by_start: dict[int, _Token], lex: _Lexicon
) -> tuple[list[_Token], bool]:
    """The cues after a name, in order, up to the first word that is none (or `limit`, the
    next name's own cues); also whether the walk reached `limit`."""
    out: list[_Token] = []
    m = _BARE_AGE.match(text, pos, limit)
    if m is not None:
        value = int(m.group(1))
        if 0 <= value <= lex.age_max:
            span = Span(m.start(1), m.end(1))
            out.append(_Token("age", span, span, age=value))
            pos = m.end(1)
    while pos < limit:
        while pos < limit and text[pos] in _GAP_AFTER:
            pos += 1
        if pos >= limit:
            break
        token = by_start.get(pos)
        if token is None or token.span.end > limit:
            return out, False
        out.append(token)
        pos = token.span.end
    return out, True


def _put_relation(fact: VictimFacts, token: _Token, owner: int | None) -> None:
    rel = token.relation
    if rel is None or fact.relation is not None:
        return
    fact.put("relation", rel.relation, token.span)
    if owner is not None:
        fact.of = owner
    fact.put("sex", rel.sex, token.core)


def _put_details(fact: VictimFacts, tokens: list[_Token]) -> None:
    for token in tokens:
        if token.kind == "age":
            fact.put("age", token.age, token.span)
        for detail, value in token.details:
            fact.put(detail, value, token.span)


def _put_name_sex(fact: VictimFacts, text: str, name: NameMention, lex: _Lexicon) -> None:
    """A woman's given name as the name's first word says the victim's sex."""
    m = re.match(r"[^\s]+", text[name.span.start : name.span.end])
    if m is None or fact.sex is not None:
        return
    if _name_key(m.group()) in lex.female:
        fact.put("sex", "female", Span(name.span.start, name.span.start + m.end()))


def apply(victim: Victim, fact: VictimFacts, of: int | None) -> None:
    """Copy what a mention says onto the claim's victim, where the victim has nothing yet;
    `of` is the owner's index among the claim's victims (None where it is not one of them)."""
    if victim.relation is None and fact.relation is not None:
        victim.relation = fact.relation
        victim.evidence["relation"] = fact.evidence["relation"]
        victim.of = of
    for detail in ("sex", "age", "age_group", "status"):
        value = getattr(fact, detail)
        if value is not None and getattr(victim, detail) is None:
            setattr(victim, detail, value)
            victim.evidence[detail] = fact.evidence[detail]
