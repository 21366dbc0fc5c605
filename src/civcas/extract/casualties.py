"""Casualty counts: how many people a report says were killed or injured, and who they were.

A count is read as [bound] number [noun] ("more than 20 civilians", "a dozen", "a woman") and
is kept only where an outcome cue stands right before it ("killing ..."), right after it
("... were killed"), or where its noun names the outcome itself ("7 dead"): a number next to no
harm word is a date, a weight or a distance, never a toll. Counts joined by "including",
"among them" or "and" share their outcome and are linked, so that "20 civilians, including 9
children" yields a total and its breakdown. Bounds follow eval/ANNOTATION.md.

All words come from the lexicons `casualties` and `numbers` (civcas/data/lexicons/<lang>/);
this module builds its patterns from them once per language. Speed: one scan of the
lower-cased text finds where counts may start; everything else looks only near those places.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from civcas.extract.numbers import DIGIT, DIGITS, Amount, NumberReader, phrase_pattern, reader
from civcas.extract.numbers import script as number_script
from civcas.knowledge.actors import actor_aliases
from civcas.knowledge.lexicon import load
from civcas.model import Span

# "killed_or_injured": one number for both ("killing and wounding 70"); the annotation guide
# leaves killed and injured null for it, so a consumer reading only "killed"/"injured" is right.
OUTCOMES: tuple[str, ...] = ("killed", "injured", "killed_or_injured")
GROUPS: tuple[str, ...] = (
    "people",
    "civilians",
    "children",
    "women",
    "men",
    "combatants",
    "family",
)
PERSON_GROUPS = frozenset({"women", "children", "men"})  # victims told by who they are
_BOUND_KINDS = ("at_least", "more_than", "about", "up_to", "less_than", "between", "exact")
_OUTCOME_ORDER = ("killed_or_injured", "killed", "injured")  # longest cues first

_LEFT_WINDOW = 60  # characters before a count searched for its cue
_TOLL_WINDOW = 100  # "the death toll from Monday's strikes has risen to"
_BOUND_WINDOW = 30
_MAX_COUNT = 10_000_000  # more is a phone number or an amount of money, not people
_BOUNDARY = r"(?<![\w.,/:\-‐‑])"  # a count does not start inside a word, "F-15", "3.5", "1,2"
_PUNCT = "\"'“”‘’«»()[]{},;:!?؟،"
_WORD_END = r"(?![\w'’\-‐‑])"
_SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """One count of people harmed, as the text writes it.

    span: the count phrase ("at least 16 civilians were killed", "12 women"); number: the
    number words alone; outcome: killed | injured | killed_or_injured; group: who (see
    GROUPS; "combatants" are never civilians); min/max: bounds by eval/ANNOTATION.md (None:
    open); approximate: "about 30"; vague: a plural with no count ("dozens" -> 24, open);
    cue: the words that give the outcome; breakdown_of: index, in the returned list, of the
    count this one breaks down ("including 9 children").
    """

    span: Span
    number: Span
    outcome: str
    group: str
    min: int | None
    max: int | None
    approximate: bool = False
    vague: bool = False
    cue: Span | None = None
    breakdown_of: int | None = None


@dataclass(slots=True)
class _Cand:
    """A count found in the text, before its outcome and links are settled."""

    start: int
    end: int  # end of the phrase (noun and post bound included)
    lead: int  # where the words before the count end: its start, before a joined proclitic
    num_start: int
    num_end: int
    value: int = 0
    value2: int | None = None  # upper number of a range
    bound: str = ""
    vague: bool = False
    group: str | None = None
    noun_outcome: str | None = None
    noun_span: tuple[int, int] | None = None
    partitive: bool = False
    year_like: bool = False
    own: str | None = None  # outcome from a cue of its own
    cue: tuple[int, int] | None = None
    left_cue: bool = False
    right_end: int = -1  # end of a right-hand cue, if the outcome came from one
    link: str | None = None  # "breakdown" | "sibling": how it joins the count before it
    parent: int | None = None
    outcome: str | None = None
    before: tuple[str, ...] | None = None  # the word before the phrase, normalised

    @property
    def bare(self) -> bool:
        return self.group is None and self.noun_outcome is None

    @property
    def tail(self) -> int:
        return max(self.end, self.right_end)


def _strings(value: Any) -> list[str]:
    """The strings of a lexicon list, lower-cased (other items are ignored)."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [v.lower() for v in value if isinstance(v, str) and v.strip()]
    return []


def _table(value: Any) -> dict[str, list[str]]:
    """A lexicon table of lists (key -> phrases); anything else reads as empty."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): _strings(v) for k, v in value.items()}


def _lower(text: str) -> str:
    """`text` lower-cased with every offset kept (a few letters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class _Grammar:
    """Compiled patterns of one language (built once: see `_grammar`). All patterns are lower
    case and are matched on the lower-cased text."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        lex = load(lang, "casualties")
        self.numbers: NumberReader = reader(lang)
        self.norm: Callable[[str], str] = number_script(lang).normalize
        aliases = [
            a
            for key, names in _table(actor_aliases(lang)).items()
            if key != "unknown"
            for a in names
        ]
        fills = {"actor": phrase_pattern(aliases, lang)}

        def pat(phrases: Iterable[str]) -> str:
            return phrase_pattern(list(phrases), lang, fills)

        def named(prefix: str, table: Mapping[str, list[str]], order: Iterable[str]) -> str:
            parts = [f"(?P<{prefix}{k}>{pat(table[k])})" for k in order if table.get(k)]
            return "(?:" + "|".join(parts) + ")" if parts else "(?!)"

        def lasts(*lists: Iterable[str]) -> frozenset[str]:
            """Last words of phrases: what the word before a count must be for them to end
            there (a cheap test before a costly window search)."""
            out = set()
            for phrases in lists:
                for p in phrases:
                    words = self.norm(p).split()
                    if words:
                        out.add(words[-1])
            return frozenset(out)

        groups = _table(lex.get("groups", {}))
        singular = _table(lex.get("singular", {}))
        dual = _table(lex.get("dual", {}))
        nouns = _table(lex.get("outcome_nouns", {}))
        cues = lex.get("cues", {}) if isinstance(lex.get("cues"), Mapping) else {}
        left = _table(cues.get("left", {}))
        right = _table(cues.get("right", {}))
        bounds = _table(lex.get("bounds", {}))
        post = _table(lex.get("post_bounds", {}))
        toll = _table(lex.get("toll", {}))
        labels = _table(lex.get("labels", {}))
        links = _table(lex.get("links", {}))
        articles = _strings(lex.get("articles", []))
        self.articles = bool(articles)
        fillers = _strings(lex.get("left_fillers", []))
        negators = _strings(lex.get("negators", []))
        blockers = _strings(lex.get("range_blockers", []))

        self._groups = self._classifier(groups, pat)
        self._singular = self._classifier(singular, pat)
        self._dual = self._classifier(dual, pat)
        self._nouns = self._classifier(nouns, pat)

        nums = self.numbers
        # The scan: where a count may start (digits, number words, nouns counted by
        # themselves), only at the start of a word or after a joined proclitic ("و8").
        singles = [w for ws in singular.values() for w in ws]
        duals = [w for ws in dual.values() for w in ws]
        starts = [
            w for w in nums.first_words + nums.vague_words + singles + duals if w[:1] not in "{*"
        ]
        proc = f"(?:{nums.proclitic})??" if nums.proclitics else ""
        self.scan = re.compile(rf"{_BOUNDARY}{proc}(?P<x>[{DIGIT}]+|{pat(starts)})(?!\w)")
        self.look_back = frozenset(self.norm(w) for w in singles) | nums.scale_words
        self.article_words = frozenset(self.norm(w) for w in articles)
        self.proclitics = frozenset(self.norm(w) for w in nums.proclitics)
        # proclitics that hold the article: a singular outcome noun behind one is a title
        # ("الشهيد محمد", "مدرسة الشهيد ..."), which names a person and counts no one
        self.definite = frozenset(self.norm(w) for w in _strings(lex.get("definite_proclitics")))
        self.plain = number_script(lang).plain  # no marks or letter variants to fold
        self.article_before = re.compile(
            rf"(?<!\w)(?:{pat(articles)})\s+(?:{self._mod(lex, aliases, pat)}\s+){{0,2}}\Z"
        )

        mod = self._mod(lex, aliases, pat)
        sing = pat(singles)
        single = (
            rf"|(?P<s>{pat(articles)})\s+(?:{mod}\s+){{0,2}}(?P<sn>{sing}){_WORD_END}"
            if articles
            else rf"|(?P<sn>{sing}){_WORD_END}"
        )
        # A headline drops the article: "Woman and two children killed in ...": a capitalised
        # singular noun that opens a line is a count of one (languages with articles only).
        self.bare_single = re.compile(rf"(?P<sb>{sing}){_WORD_END}") if articles else None
        self.anchor = re.compile(
            rf"(?P<d>{DIGITS})(?![\w]|[.,٫٬][{DIGIT}]|[-‐‑][^\W\d_]|\s?[%٪])"
            rf"|(?P<v>{nums.vague})(?!\w)"
            rf"|(?P<w>{nums.words})(?![\w]|[-‐‑][^\W\d_])"
            rf"{single}"
            rf"|(?P<u>{pat(duals)})(?!\w)"
        )
        number = rf"(?:{DIGITS}|{nums.words})"
        self.range_tail = re.compile(
            rf"\s*(?:{pat(_strings(lex.get('range_joiners', [])))})\s*{proc}"
            rf"(?P<n>{number})(?![\w]|[.,٫٬][{DIGIT}]|[-‐‑][^\W\d_])"
        )
        self.between_tail = re.compile(
            rf"\s*(?:{pat(_strings(lex.get('between_joiners', [])))})\s*{proc}"
            rf"(?P<n>{number})(?![\w]|[.,٫٬][{DIGIT}])"
        )
        self.range_block = re.compile(rf"(?<!\w)(?:{pat(blockers)})\s+\Z")
        families = _strings(lex.get("family_before", []))
        # "a family of four", "عائلة مؤلفة من 5 أشخاص": the count is of one family's members
        self.family_before = (
            re.compile(rf"(?<!\w)(?:{pat(families)})\s+\Z") if families else None
        )
        group_noun = pat(w for ws in groups.values() for w in ws)
        outcome_noun = pat(w for ws in nouns.values() for w in ws)
        linkers = pat(_strings(lex.get("linkers", [])))
        noun_part = (
            rf"\s+(?:(?:{pat(_strings(lex.get('copulas', [])))})\s+)?"
            rf"(?:{mod}\s+){{0,3}}(?:(?P<oa>{outcome_noun})\s+)?"
            rf"(?:(?P<g>{group_noun})|(?P<o>{outcome_noun})"
            rf"(?:\s+(?:{linkers})\s+(?P<g2>{group_noun}))?)"
            rf"{_WORD_END}(?:\s+(?:{pat(_strings(lex.get('post_modifiers', [])))})(?!\w))?"
        )
        self.group_slot = re.compile(
            rf"(?:\s*(?P<part>{pat(_strings(lex.get('partitives', [])))})(?!\w))?"
            rf"(?:(?:\s+(?:{linkers}))?{noun_part})?"
        )
        self.post_bound = re.compile(rf"\s+{named('p_', post, ('at_least', 'about'))}(?!\w)")
        self.pre_bound = re.compile(rf"(?<!\w){proc}{named('b_', bounds, _BOUND_KINDS)}\s+\Z")
        gap_words = lex.get("right_gap_words", 6)
        gap_words = gap_words if isinstance(gap_words, int) and 0 < gap_words < 20 else 6
        gap = (
            rf"(?:(?:{pat(_strings(lex.get('right_gap_starts', [])))})"
            rf"(?:\s+[^\W\d][\w'’\-‐‑]*){{0,{gap_words - 1}}}?\s+)?"
        )
        aux = pat(_strings(lex.get("auxiliaries", [])))
        adv = pat(_strings(lex.get("adverbs", [])))
        # No joined proclitic here: "… 5 أطفال وجرح 12" starts a new clause ("and wounded").
        self.right = re.compile(
            rf"(?:\s*[,،])?\s+{gap}(?:(?:{aux})\s+)?(?:(?:{adv})\s+){{0,2}}"
            rf"{named('k_', right, _OUTCOME_ORDER)}(?!\w)"
        )
        self.left = re.compile(
            rf"(?<!\w){proc}{named('k_', left, _OUTCOME_ORDER)}(?:\s+(?:{pat(fillers)}))*\s*\Z"
        )
        self.toll = re.compile(
            rf"(?<!\w){named('t_', toll, ('killed', 'injured'))}"
            rf"(?:\s+[^\s.;!?؟]+){{0,5}}?\s+(?:{pat(toll.get('links', []))})"
            rf"(?:\s+(?:{pat(toll.get('adverbs', []))}))?\s*\Z"
        )
        # A toll told as a label: "Death toll: 12", "الشهداء: 4، الجرحى: 10".
        self.label = re.compile(
            rf"(?<!\w){proc}{named('l_', labels, ('killed', 'injured'))}\s*:\s*\Z"
        )
        self.label_last = lasts(*labels.values())
        self.unit = re.compile(rf"\s*(?:[%٪]|(?:{pat(_strings(lex.get('units', [])))})(?![\w'’]))")
        self.negated = re.compile(rf"(?<!\w)(?:{pat(negators)})\s+\Z")
        self.left_last = lasts(*left.values(), fillers)
        self.toll_last = lasts(toll.get("links", []), toll.get("adverbs", []))
        self.bound_last = lasts(*bounds.values())
        self.negator_last = lasts(negators)
        self.blocker_last = lasts(blockers)
        link_fillers = pat(links.get("fillers", []))
        tail = rf"(?:\s*(?:{link_fillers})(?=\s))?\s*"
        self.breakdown_link = re.compile(
            rf"[\s,،;:(\-–—]*(?:{pat(links.get('breakdown', []))})[\s:,،]*?{tail}"
        )
        # a toll, a colon, then who they were: "killed 5: three children and two women"
        self.colon_link = re.compile(r"\s*[:：]\s*")
        sibling = pat(links.get("sibling", []))
        self.sibling_link = re.compile(  # a comma or a conjunction: "3 women, 5 children and"
            rf"(?:\s*[,،][\s,،]*(?:(?:{sibling})(?=\s|\w|$))?|\s*(?:{sibling})(?=\s|\w|$)){tail}"
        )
        open_end = _strings(lex.get("open_end", []))
        self.open_end = re.compile(rf"(?<!\w)(?:{pat(open_end)})(?!\w)")
        # Words every open-end phrase holds one of: a substring test skips most sentences.
        self.open_end_keys = tuple(lasts(open_end))

    @staticmethod
    def _mod(lex: Mapping[str, Any], aliases: list[str], pat: Callable[..., str]) -> str:
        """A word between a number and its noun: "other", "Syrian", an actor, "7-year-old"."""
        # Actor names stand between number and noun where the lexicon says so ("5 ISIS
        # fighters"); Arabic puts them after the noun ("عناصر داعش").
        if not lex.get("actor_modifiers", False):
            aliases = []
        words = pat(_strings(lex.get("modifiers", [])) + aliases)
        return rf"(?:{words}|[{DIGIT}]+(?:[-‐‑][^\W\d_]+)+)"

    def _classifier(
        self, table: Mapping[str, list[str]], pat: Callable[..., str]
    ) -> tuple[dict[str, str], list[tuple[str, re.Pattern[str]]]]:
        """Phrase -> key by lookup, and per key a pattern for phrases with placeholders."""
        exact: dict[str, str] = {}
        fuzzy: list[tuple[str, re.Pattern[str]]] = []
        for key, phrases in table.items():
            wild = [p for p in phrases if "{" in p or "*" in p]
            for p in phrases:
                if p not in wild:
                    exact.setdefault(self.norm(p), key)
            if wild:
                fuzzy.append((key, re.compile(pat(wild))))
        return exact, fuzzy

    def classify(
        self, which: tuple[dict[str, str], list[tuple[str, re.Pattern[str]]]], words: str
    ) -> str | None:
        """The key (group, outcome) of a noun phrase as matched in the text."""
        exact, fuzzy = which
        key = exact.get(self.norm(words))
        if key is not None:
            return key
        for k, regex in fuzzy:
            if regex.fullmatch(words):
                return k
        return None

    def word_before(self, low: str, pos: int) -> tuple[str, ...]:
        """The word right before `pos`, normalised, also without a joined proclitic; test it
        with `frozenset.isdisjoint`."""
        j = pos
        while j > 0 and low[j - 1].isspace():
            j -= 1
        k = max(low.rfind(" ", 0, j), low.rfind("\n", 0, j), j - 40) + 1
        word = low[k:j].strip(_PUNCT)
        if not self.proclitics:  # no letter variants either: `low` is normal already
            return (word,) if self.plain else (self.norm(word),)
        word = self.norm(word)
        return (word, *(word[n:] for n in (1, 2) if word[:n] in self.proclitics))


@cache
def _grammar(lang: str) -> _Grammar:
    """The grammar of `lang`, compiled on first use (0.1-0.3 s) and kept for the process."""
    return _Grammar(lang)


def _first_named(m: re.Match[str], prefix: str) -> tuple[str, int, int] | None:
    """The key and span of the named group `prefix<key>` that matched (patterns built with
    `named` hold no other named group, so it is the match's last group)."""
    name = m.lastgroup
    if name is None or not name.startswith(prefix):
        return None
    start, end = m.span(name)
    return name[len(prefix) :], start, end


def _read_anchor(g: _Grammar, low: str, m: re.Match[str], lead: int) -> _Cand | None:
    """The count that starts at an anchor match: number, range, noun and bounds. Cheap tests
    come first: most numbers of a text ("10 km", "24 hours") are dropped before the costly
    ones run."""
    kind = m.lastgroup
    if kind in ("sn", "sb", "u"):  # "a woman", "Woman ... killed", "طفلين": the noun is the count
        group = g.classify(g._dual if kind == "u" else g._singular, m.group(kind))
        if group is None:
            return None
        num = m.span("s") if kind == "sn" and g.articles and m.group("s") else m.span(kind)
        c = _Cand(num[0], m.end(), min(lead, num[0]), num[0], num[1])
        c.value = 2 if kind == "u" else 1
        c.group = group
        # "شهيدان", "جريحين", "شهيد بقصف ...", "شهيدة": the noun tells the outcome too
        title = kind != "u" and g.norm(low[lead : num[0]]) in g.definite
        c.noun_outcome = None if title else g.classify(g._nouns, m.group(kind))
        c.noun_span = m.span(kind) if c.noun_outcome else None
        return c
    if kind is None:
        return None
    amount: Amount | None = g.numbers.read(low, m.start(kind), m.end(kind))
    if amount is None or amount.value > _MAX_COUNT:
        return None
    c = _Cand(amount.start, amount.end, min(lead, amount.start), amount.start, amount.end)
    c.value = amount.value
    c.vague = amount.vague
    c.year_like = kind == "d" and amount.end - amount.start == 4 and 1900 <= amount.value <= 2100
    # A range: "10-15", "5 to 7"; "10 and 15" only after "between" (checked below).
    r = between = None
    if not c.vague:
        r = g.range_tail.match(low, c.num_end)
        if r is None:
            between = g.between_tail.match(low, c.num_end)
    num_end = c.num_end
    second = None
    if r is not None or between is not None:
        rr = r if r is not None else between
        assert rr is not None
        second = g.numbers.read(low, rr.start("n"), rr.end("n"))
        if second is not None and second.value > c.value:
            num_end = second.end
        else:
            r = between = second = None
    # The noun: "civilians", "of them children", "dead", "قتيلا من المدنيين".
    end = num_end
    s = g.group_slot.match(low, num_end)
    if s is not None and s.end() > num_end:
        part, noun, onoun, oadj = s.group("part", "g", "o", "oa")
        if part is not None:
            c.partitive = True
            end = s.end("part")
        if noun is not None:
            c.group = g.classify(g._groups, noun)
            end = s.end()
        elif onoun is not None:
            c.noun_outcome = g.classify(g._nouns, onoun)
            c.noun_span = s.span("o")
            g2 = s.group("g2")
            c.group = g.classify(g._groups, g2) if g2 else None
            end = s.end()
        if oadj is not None and c.noun_outcome is None:
            c.noun_outcome = g.classify(g._nouns, oadj)
            c.noun_span = s.span("oa")
    if c.group is None and c.noun_outcome is None and g.unit.match(low, end) is not None:
        return None  # "10 km", "24 hours", "12 percent"
    if c.group is None and c.noun_outcome is None and _apposition(low, c.lead, end):
        return None  # "Ahmed al-Ali, 35, was killed": an age, not a toll
    before = c.before = g.word_before(low, c.lead)
    if not g.negator_last.isdisjoint(before):
        if g.negated.search(low, max(0, c.lead - 20), c.lead):
            return None  # "no one was killed"
    # A bound before the number: "at least", "more than", "between" (also "وأكثر من").
    if not g.bound_last.isdisjoint(before):
        b = g.pre_bound.search(low, max(0, c.lead - _BOUND_WINDOW), c.lead)
        named = _first_named(b, "b_") if b is not None else None
        if b is not None and named is not None:
            c.bound = named[0]
            c.start, c.lead = named[1], b.start()
            c.before = g.word_before(low, c.lead)
    # "between 10 and 15" needs its "between"; "from 12 to 20" is a change, not a range.
    if between is not None and c.bound != "between":
        second = None
    if r is not None and not g.blocker_last.isdisjoint(before):
        if g.range_block.search(low, max(0, c.lead - 12), c.lead):
            second = None
    if second is not None:
        c.value2, c.num_end = second.value, second.end
    elif num_end != c.num_end:  # the second number was no range: read the noun again
        return _reread(g, low, c)
    if c.bound == "between" and c.value2 is None:
        c.bound = ""
    if (
        c.group in (None, "people")
        and g.family_before is not None
        and g.family_before.search(low, max(0, c.lead - 40), c.lead)
    ):
        c.group = "family"
    c.end = end
    if not c.bound:
        p = g.post_bound.match(low, c.end)
        named = _first_named(p, "p_") if p is not None else None
        if p is not None and named is not None:
            c.bound = named[0]
            c.end = p.end()
    return c


def _reread(g: _Grammar, low: str, c: _Cand) -> _Cand | None:
    """A count whose second number turned out to be no range end ("from 12 to 20"): its noun
    is read again after the first number (rare)."""
    c.group = c.noun_outcome = c.noun_span = None
    c.partitive = False
    c.end = c.num_end
    s = g.group_slot.match(low, c.num_end)
    if s is not None and s.end() > c.num_end:
        if s.group("g") is not None:
            c.group = g.classify(g._groups, s.group("g"))
            c.end = s.end()
        elif s.group("o") is not None:
            c.noun_outcome = g.classify(g._nouns, s.group("o"))
            c.noun_span = s.span("o")
            c.end = s.end()
    if c.bound == "between":
        c.bound = ""
    return c


def _own_outcome(g: _Grammar, low: str, c: _Cand, next_start: int, next_bare: bool) -> None:
    """The outcome a count gets from its own words: its noun, or a cue right before or after."""
    if c.noun_outcome is not None and c.noun_span is not None:
        c.own, c.cue = c.noun_outcome, c.noun_span
        return
    right = g.right.match(low, c.end)
    told = _first_named(right, "k_") if right is not None else None
    if right is not None and told is not None and told[0] == "killed_or_injured" and (
        not low[c.end : told[1]].strip()
        and (right.end() <= next_start or next_bare or told[1] <= next_start)
    ):
        # "أصيب 13 مدنياً بين قتيل وجريح": the words right after the count say what they are
        c.own, c.cue, c.right_end = told[0], (told[1], told[2]), right.end()
        return
    before = c.before if c.before is not None else g.word_before(low, c.lead)
    if not g.left_last.isdisjoint(before):
        m = g.left.search(low, max(0, c.lead - _LEFT_WINDOW), c.lead)
        named = _first_named(m, "k_") if m is not None else None
        if named is not None:
            c.own, c.cue, c.left_cue = named[0], (named[1], named[2]), True
            return
    if not g.toll_last.isdisjoint(before):
        m = g.toll.search(low, max(0, c.lead - _TOLL_WINDOW), c.lead)
        named = _first_named(m, "t_") if m is not None else None
        if m is not None and named is not None:
            c.own, c.left_cue = named[0], True
            c.cue = (named[1], named[1] + len(m.group().rstrip()))
            return
    if not g.label_last.isdisjoint(before) or low[max(0, c.lead - 4) : c.lead].rstrip()[-1:] == ":":
        m = g.label.search(low, max(0, c.lead - _LEFT_WINDOW), c.lead)  # "الشهداء : 4" too
        named = _first_named(m, "l_") if m is not None else None
        if m is not None and named is not None:
            c.own, c.cue, c.left_cue = named[0], (named[1], named[2]), True
            if c.value == 1 and not c.group:
                _numbered_list(low, c)  # "الشهداء: 1- قمر 2- زكريا": two, not one
            return
    # The gap before a right-hand cue may not hold another count of people.
    if right is not None and told is not None and (right.end() <= next_start or next_bare):
        c.own, c.cue, c.right_end = told[0], (told[1], told[2]), right.end()


# A list item's number: "1- قمر بلال", "2.زكريا", "١.عيسى", "3_ يوسف" (not "1-3", a range).
_LIST_MARK = re.compile(rf"(?<![{DIGIT}])([{DIGIT}]{{1,3}})\s*[-_.)–]\s*(?![\s{DIGIT}])")
_LIST_ITEM_REACH = 120  # characters from one item's number to the next one's


def _numbered_list(low: str, c: _Cand) -> None:
    """A label followed by a numbered list ("الشهداء: 1- قمر بلال 2- زكريا أحمد 3- ..."):
    the list tells one by one as many as its last number, not one."""
    first = _LIST_MARK.match(low, c.num_start)
    if first is None:
        return
    n, at = 1, first.end()
    while (item := _LIST_MARK.search(low, at, at + _LIST_ITEM_REACH)) and (
        int(item.group(1)) == n + 1
    ):
        n, at = n + 1, item.end()
    if n > 1:
        c.value, c.end = n, at


def _bounds(c: _Cand) -> tuple[int | None, int | None, bool]:
    """min, max and approximate by eval/ANNOTATION.md."""
    v = c.value
    if c.value2 is not None:
        return v, c.value2, c.bound == "about"
    if c.vague:
        return (None, v, True) if c.bound in ("up_to", "less_than") else (v, None, True)
    if c.bound == "at_least":
        return v, None, False
    if c.bound == "more_than":
        return v + 1, None, False
    if c.bound == "about":
        return v, v, True
    if c.bound == "up_to":
        return None, v, False
    if c.bound == "less_than":
        return None, max(v - 1, 0), False
    return v, v, False


def find_casualties(text: str, lang: str = "en") -> list[CasualtyMention]:
    """Every count of people killed, injured or both in `text`, in text order."""
    if not text:
        return []
    g = _grammar(lang)
    low = _lower(text)
    cands: list[_Cand] = []
    last = 0
    for hit in g.scan.finditer(low):
        pos = hit.start("x")
        if pos < last:
            continue
        m = None
        word = hit.group("x")
        if (
            not word[0].isdigit()
            and (word if g.plain and " " not in word else g.norm(word)) in g.look_back
        ):
            # "a woman", "a dozen", "a 7-year-old boy": the count starts at the article.
            before = g.word_before(low, pos)
            at = low.rfind(before[0], max(last, pos - 40), pos) if g.plain else -1
            if at >= 0 and not g.article_words.isdisjoint(before):
                m = g.anchor.match(low, at)
            elif g.article_words:
                a = g.article_before.search(low, max(last, pos - 40), pos)
                if a is not None:
                    m = g.anchor.match(low, a.start())
        if m is None:
            m = g.anchor.match(low, pos)
        c = _read_anchor(g, low, m, min(hit.start(), m.start())) if m is not None else None
        if c is None and g.bare_single is not None and _opens_headline(text, low, pos):
            m = g.bare_single.match(low, pos)
            c = _read_anchor(g, low, m, pos) if m is not None else None
        if c is None or (cands and c.start < cands[-1].end):
            continue
        cands.append(c)
        last = c.end
    if not cands:
        return []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        _own_outcome(g, low, c, nxt.start if nxt else len(low), nxt.bare if nxt else True)
    # a numbered list read as one count holds the numbers and nouns of its items, and the
    # words after a count that say what they are ("بين قتيل وجريح") count no one again
    kept: list[_Cand] = []
    reach = -1
    for c in cands:
        if c.start >= reach:
            kept.append(c)
        reach = max(reach, c.tail)
    cands = kept
    _link(g, low, cands)
    return _emit(g, low, cands)


def _apposition(low: str, start: int, end: int) -> bool:
    """A bare number set off by commas after a word ("Ahmed, 35, was killed", "his son, 12.")."""
    return low[max(0, start - 2) : start] == ", " and low[end : end + 1] in (",", ".", ")")


_HEADLINE_LEAD = re.compile(r"[\s|:–—\-]*\Z")
_NEXT_WORD = re.compile(r"\w+ (\w)")


def _opens_headline(text: str, low: str, pos: int) -> bool:
    """A capitalised word that opens a line or follows a headline's "|" ("Russian bombardment |
    Woman and two children killed"), a word after it ("Woman, 35, from ..." is a caption)."""
    if not text[pos : pos + 1].isupper():
        return False
    after = _NEXT_WORD.match(low, pos)
    if after is None or after.group(1)[0].isdigit():
        return False
    line = text.rfind("\n", 0, pos) + 1
    head = text[line:pos]
    return _HEADLINE_LEAD.match(head[head.rfind("|") + 1 :] if "|" in head else head) is not None


# Counts that a breakdown after a colon may break down: a bare toll or one of people.
_TOTALS = frozenset({None, "people", "civilians"})


def _link(g: _Grammar, low: str, cands: list[_Cand]) -> None:
    """Join counts written together ("20 civilians, including 9 children and 8 women") and
    give each chain the outcome of the cue before its first count or after its last."""
    for i in range(1, len(cands)):
        prev, c = cands[i - 1], cands[i]
        if prev.tail > c.start or c.left_cue:
            continue  # a cue of its own before it starts a new chain
        if g.breakdown_link.fullmatch(low, prev.tail, c.start) or (
            prev.group in _TOTALS and g.colon_link.fullmatch(low, prev.tail, c.start)
        ):
            c.link, c.parent = "breakdown", i - 1
        elif g.sibling_link.fullmatch(low, prev.tail, c.start):
            if c.partitive:
                c.link, c.parent = "breakdown", i - 1
            else:
                c.link, c.parent = "sibling", prev.parent
    i = 0
    while i < len(cands):
        j = i + 1
        while j < len(cands) and cands[j].link is not None:
            j += 1
        chain = cands[i:j]
        source: _Cand | None = chain[0] if chain[0].own is not None else None
        if source is None and chain[-1].right_end >= 0:
            source = chain[-1]  # "3 women and 5 children were killed"
            if len(chain) > 1:
                chain[-1].right_end = -1  # the cue is the chain's, not its last count's
        if source is None:
            # "a woman and two children killed, ten injured": people told one by one take the
            # outcome of the first of them that has a cue
            k = next((n for n, c in enumerate(chain) if c.own is not None), None)
            if k and all(c.group in PERSON_GROUPS for c in chain[: k + 1]):
                source = chain[k]
        for c in chain:
            if c.own is not None:
                source = c  # "5 killed and 12 wounded": a later cue rules what follows
            elif source is not None:
                c.outcome, c.cue = source.own, source.cue
            c.outcome = c.own or c.outcome
        i = j
    for i, c in enumerate(cands):
        if c.parent is None:
            continue
        parent = cands[c.parent]
        if c.link == "sibling" and cands[i - 1].outcome != c.outcome:
            c.parent = None
        elif parent.outcome != c.outcome or c.value > max(parent.value, parent.value2 or 0):
            c.parent = None


def _emit(g: _Grammar, low: str, cands: list[_Cand]) -> list[CasualtyMention]:
    """The counts that have an outcome, as mentions; breakdown links become list indices."""
    keep: dict[int, int] = {}
    out: list[CasualtyMention] = []
    for i, c in enumerate(cands):
        if c.outcome is None:
            continue
        if c.bare and c.own is None and c.link != "breakdown":
            continue  # a bare number needs a cue of its own: "killing 5", "7 dead"
        if c.year_like and not c.bound and not c.left_cue:
            continue  # "in 2019 civilians were killed": a year, not a toll
        lo, hi, approx = _bounds(c)
        keep[i] = len(out)
        out.append(
            CasualtyMention(
                span=Span(c.start, max(c.end, c.right_end)),
                number=Span(c.num_start, c.num_end),
                outcome=c.outcome,
                group=c.group or "people",
                min=lo,
                max=hi,
                approximate=approx,
                vague=c.vague,
                cue=Span(*c.cue) if c.cue is not None else None,
                breakdown_of=keep.get(c.parent) if c.parent is not None else None,
            )
        )
    return _open_ended(g, low, out) if out else out


def _open_ended(g: _Grammar, low: str, out: list[CasualtyMention]) -> list[CasualtyMention]:
    """ "8 so far", "the toll is likely to rise": the max of the killed count is open. The
    statement counts for the killed of its own sentence (and for any count it directly
    follows), or, where its sentence has no count, for the killed of the sentence before."""
    found: dict[int, re.Match[str]] = {}
    if not g.plain:  # letter variants ("الآن" = "الان"): no substring test, one search
        found = {m.start(): m for m in g.open_end.finditer(low)}
    for key in g.open_end_keys if g.plain else ():  # substring tests find the few places
        at = low.find(key)
        while at >= 0:
            for m in g.open_end.finditer(low, max(0, at - 40), at + len(key) + 1):
                found[m.start()] = m
            at = low.find(key, at + len(key))
    if not found:
        return out
    opened: set[int] = set()
    starts = [c.span.start for c in out]
    for _, m in sorted(found.items()):
        s0, s1 = _sentence(low, m.start())
        here = range(bisect_left(starts, s0), bisect_left(starts, s1))
        for i in here:
            right_after = 0 <= m.start() - out[i].span.end <= 3
            if out[i].outcome == "killed" or right_after:
                opened.add(i)
        if not here and s0 > 0:
            p0, p1 = _sentence(low, s0 - 1)
            for i in range(bisect_left(starts, p0), bisect_left(starts, p1)):
                if out[i].outcome == "killed":
                    opened.add(i)
    if not opened:
        return out
    return [
        replace(c, max=None) if i in opened and c.min is not None else c for i, c in enumerate(out)
    ]


def _sentence(low: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos`: it ends after . ! ? ؟ followed by a space, or a line break."""
    start = 0
    for m in _SENTENCE_END.finditer(low, max(0, pos - 600), pos):
        if m.group() == "\n" or low[m.end() : m.end() + 1].isspace():
            start = m.end()
    end = len(low)
    for m in _SENTENCE_END.finditer(low, pos):
        if m.group() == "\n" or m.end() == len(low) or low[m.end()].isspace():
            end = m.end()
            break
    return start, end
