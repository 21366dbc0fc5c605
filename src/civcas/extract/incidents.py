"""Group a report's sentences into the distinct incidents it describes and fill one claim each.

A sentence that reports harm (a casualty count, or an attack word with a harm word) anchors an
incident. Anchors join the incident whose place and date they share; a new place or a new date
starts another one. Mentions of the other extractors then fill each incident's claim, and each
value keeps the span it was read from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache

from rapidfuzz import fuzz

from civcas.extract.actors import UNKNOWN, ActorMention, joint_actors, spoken_before
from civcas.extract.casualties import PERSON_GROUPS, CasualtyMention
from civcas.extract.dates import DateMention
from civcas.extract.events import EventMention, pick_event_type
from civcas.extract.numbers import DIGIT
from civcas.extract.phrases import Hit, Phrases
from civcas.extract.places import PlaceMention, names_origin
from civcas.extract.victim_details import apply as apply_facts
from civcas.extract.victim_details import describe_victims
from civcas.extract.victims import NameMention
from civcas.knowledge.gazetteer import has_arabic, normalise
from civcas.knowledge.lexicon import load
from civcas.knowledge.names import name_parts
from civcas.model import Claim, CoPerpetrator, Span, UnnamedVictims, Victim

DATELINE_CHARS = 300  # how far into the text a printed publication date may stand
CIVILIAN_GROUPS = frozenset({"civilians", "children", "women", "family"})
NON_COMBATANT_GROUPS = frozenset({"people", "civilians", "children", "women", "men", "family"})


@dataclass(slots=True)
class Mentions:
    """Everything the extractors found in one report, in text order. `text` is what they
    matched on (pipeline.find_mentions: the report's text, or its matching view, whose
    offsets the pipeline maps back to the report's text)."""

    text: str
    sentences: list[Span]
    dates: list[DateMention]
    places: list[PlaceMention]
    casualties: list[CasualtyMention]
    actors: list[ActorMention]
    events: list[EventMention]
    names: list[NameMention]
    lang: str = "en"
    published: date | None = None
    title: str | None = None
    hashtags: list[Span] = field(default_factory=list)  # where the report's hashtags stand


@dataclass(slots=True)
class _Group:
    """The sentences (by index) that speak of one incident, and its distinguishing keys."""

    sentences: list[int] = field(default_factory=list)
    place: PlaceMention | None = None
    date: DateMention | None = None
    killed: int | None = None
    fighters: bool | None = None  # whether its toll counts fighters only
    toll: int | None = None  # its first count of the dead, a group's ("a woman") included
    injured: int | None = None  # its first count of the wounded, a total
    headline: bool = True  # all its sentences so far are headline lines
    another: bool = False  # it starts with words of another attack ("another massacre")


@dataclass(frozen=True, slots=True)
class _Cues:
    harm: Phrases
    general: Phrases
    another: Phrases
    related: Phrases
    comments: re.Pattern[str] | None  # where the readers' comments begin


@cache
def _cues(lang: str) -> _Cues:
    data = load(lang, "incidents")
    return _Cues(
        harm=Phrases.of(data.get("harm", []), "harm"),
        general=Phrases.of(data.get("general", []), "general"),
        another=Phrases.of(data.get("another", []), "another"),
        related=Phrases.of(data.get("related", []), "related"),
        comments=re.compile("|".join(map(re.escape, data["comments"])))
        if data.get("comments") else None,
    )


def _comments_start(text: str, cues: _Cues) -> int:
    """Where the readers' comments under a post begin (the end of the text where none do)."""
    found = cues.comments.search(text) if cues.comments is not None else None
    return found.start() if found is not None else len(text)


class _Index:
    """Which sentence each mention falls in, by its start offset."""

    def __init__(self, sentences: list[Span]) -> None:
        self._starts = [s.start for s in sentences]

    def of(self, span: Span) -> int:
        return max(0, bisect_right(self._starts, span.start) - 1)


def _by_sentence(items: list, index: _Index, n: int) -> list[list]:  # type: ignore[type-arg]
    out: list[list] = [[] for _ in range(n)]  # type: ignore[type-arg]
    for item in items:
        out[index.of(item.span)].append(item)
    return out


_KIND_RANK = {
    "neighbourhood": 0,
    "village": 0,
    "town": 0,
    "city": 1,
    "subdistrict": 2,
    "district": 3,
    "governorate": 4,
    "country": 5,
}


def _place_key(p: PlaceMention) -> str:
    return p.place.id


def _contextual(p: PlaceMention) -> bool:
    """Named with locative words around it ("the village of X", "near X", "X town")."""
    return p.phrase != p.span or p.relation is not None


def _reference(p: PlaceMention) -> bool:
    """A place named only to locate another ("near X", "east of X", "the X countryside")."""
    relation = p.relation or ""
    return relation in ("near", "countryside") or relation.endswith(" of")


def _capital_as_governorate(p: PlaceMention) -> bool:
    """A bare governorate capital ("Deir Ezzor", "Raqqa") usually means the governorate; so
    does one with only a direction ("شرقي دير الزور": eastern Deir ez-Zor) when no word calls
    it a city."""
    if p.place.kind != "city" or normalise(p.place.name) != normalise(p.place.admin1 or ""):
        return False
    if not _contextual(p):
        return True
    return p.kind_word is None and (p.relation or "").endswith(" of")  # "east of", ...


def _exact(p: PlaceMention) -> bool:
    return p.geo_precision in ("exact", "district") and not _capital_as_governorate(p)


def _best_place(places: list[PlaceMention], focus: int = 0) -> PlaceMention | None:
    """The most specific, best attested place: locative words first, then the finer kind,
    then the one nearest the incident's count."""
    exact = [p for p in places if _exact(p)]
    if not exact:
        return None
    return min(
        exact,
        key=lambda p: (
            _reference(p),
            not _contextual(p),
            _KIND_RANK.get(p.place.kind, 3),
            p.guessed,
            abs(p.span.start - focus),
        ),
    )


def _title_case(text: str) -> bool:
    """A headline In Title Case capitalises every word, so capitals say nothing of names."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _plausible_places(m: Mentions, index: _Index) -> list[PlaceMention]:
    """Place mentions that can stand for an incident's place, homonyms settled by the
    governorates the report names. A bare capitalised word is too weak when it opens a sentence
    (Latin script only), stands in brackets ("(Qasioun)", an outlet) or sits in a Title Case
    headline."""
    title_case: dict[int, bool] = {}

    def headline(i: int) -> bool:  # asked of the few sentences that hold a place
        if i not in title_case:
            title_case[i] = _title_case(m.sentences[i].of(m.text))
        return title_case[i]

    named = Counter(
        p.place.admin1
        for p in m.places
        if p.place.kind == "governorate" or _capital_as_governorate(p)
    )
    out = []
    for p in m.places:
        i = index.of(p.span)
        if not _contextual(p):
            before = m.text[max(0, p.span.start - 1) : p.span.start]
            # Arabic has no capitals: a name opening a sentence is no capitalised common word
            opens = p.span.start == m.sentences[i].start and not has_arabic(p.span.of(m.text))
            if opens or before == "(" or (headline(i) and not _unmistakable(p, m.text)):
                continue
        elif p.phrase.of(m.text).istitle() and headline(i) and not _unmistakable(p, m.text):
            continue  # "Airstrikes Hit Camp": every word capitalised, no locative word
        if p.place.kind != "country" and p.span.of(m.text).lower() in _country_names():
            continue  # a country's name read as a village of the same spelling key
        if names_origin(p):
            continue  # "took off from Hmeimim airbase": where the attackers came from
        out.append(_in_named_governorate(p, named))
    return out


def _unmistakable(p: PlaceMention, text: str) -> bool:
    """A name no English word shares, read from a spelling the gazetteer writes ("Atmeh" in
    "US Raid In Atmeh Kills Two"): a place even in a Title Case headline."""
    words = re.findall(r"[^\W\d_]+", p.span.of(text).lower())
    return not p.guessed and bool(words) and _english_words().isdisjoint(words)


@cache
def _english_words() -> frozenset[str]:
    """Frequent English words that share a spelling key with some place (common_words.toml),
    or are spelled as one (`title_case_words` of en/places.toml: "Hit")."""
    words = [*load("en", "common_words").get("words", []),
             *load("en", "places").get("title_case_words", [])]
    return frozenset(w.lower() for w in words)


@cache
def _country_names() -> frozenset[str]:
    """Names of the countries of the gazetteer, as written, lower-cased."""
    from civcas.knowledge.gazetteer import load_gazetteer

    return frozenset(
        name.lower()
        for place in load_gazetteer().places
        if place.kind == "country"
        for name in place.all_names
    )


def _in_named_governorate(p: PlaceMention, named: Counter[str | None]) -> PlaceMention:
    """Of several places of one name, the one in the governorate the report names most."""
    if not named or p.place.admin1 in named or len(p.candidates) < 2:
        return p
    inside = [c for c in p.candidates if c.admin1 in named]
    if not inside:
        return p
    return replace(p, place=max(inside, key=lambda c: named[c.admin1]))


def _mid_month(d: DateMention) -> bool:
    """A date told to within a few days ("منتصف شهر تموز") tells incidents apart as a day does."""
    return d.precision == "week" and not d.relative


def _dateline(d: DateMention, m: Mentions) -> bool:
    """The publication date printed at the head of the page is not an incident's date."""
    return (
        m.published is not None
        and d.value == m.published
        and not d.relative
        and d.span.start < DATELINE_CHARS
    )


def _date_nearby(
    g: _Group, m: Mentions, dates: list[list[DateMention]], single: bool, taken: set[int]
) -> DateMention | None:
    """An incident's date stated just before its first sentence, or just after its last in a
    sentence of no other incident ("... أُصيب ستة مدنيين. ونشر ناشطون تسجيلاً للحظة القصف
    اليوم، الاثنين 30 من آب"), or, when the report tells of one incident only, the one event
    date that the report gives."""
    first = g.sentences[0]
    before = [d for d in dates[first - 1] if d.value is not None] if first > 0 else []
    if before:
        return before[-1]
    after = g.sentences[-1] + 1
    if after < len(dates) and after not in taken:
        days = [
            d for d in dates[after]
            if d.value is not None and d.precision == "day" and not _dateline(d, m)
            and d.kind != "said"
        ]
        if days:
            return days[0]
    if not single:
        return None
    found = {
        d.value: d
        for ds in dates
        for d in ds
        if d.value is not None
        and d.precision == "day"
        and not d.relative
        and d.value != m.published
        and (m.published is None or d.value <= m.published)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _merge(groups: list[_Group]) -> list[_Group]:
    """Join groups that cannot be told apart: no place, date or count differs between them
    (a headline and its body, or a place named in one sentence and the toll in the next)."""
    out: list[_Group] = []
    for g in groups:
        for h in out:
            if _compatible(h, g):
                h.sentences = sorted(set(h.sentences) | set(g.sentences))
                h.place = h.place or g.place
                h.date = h.date or g.date
                if h.killed is None:
                    h.killed, h.fighters = g.killed, g.fighters
                h.injured = h.injured if h.injured is not None else g.injured
                break
        else:
            out.append(g)
    return out


def _compatible(a: _Group, b: _Group) -> bool:
    if a.place is not None and b.place is not None and _place_key(a.place) != _place_key(b.place):
        return False
    if a.date is not None and b.date is not None and a.date.value != b.date.value:
        return False
    if a.fighters is not None and b.fighters is not None and a.fighters != b.fighters:
        return False
    if (a.another or b.another) and None not in (a.toll, b.toll) and a.toll != b.toll:
        return False  # "another massacre killed 8" after "a woman was killed"
    dated = a.date is not None or b.date is not None
    if dated and None not in (a.injured, b.injured) and a.injured != b.injured:
        return False  # as in _place_sentence: other wounded on a day of their own
    return a.killed is None or b.killed is None or a.killed == b.killed


def _resolve_anchored(m: Mentions) -> list[DateMention]:
    """'The previous day', 'a week before': counted from the last event date told before."""
    out: list[DateMention] = []
    last: date | None = None
    for d in m.dates:
        if d.kind == "anchored" and d.offset_days is not None and last is not None:
            d = replace(d, value=last + timedelta(days=d.offset_days))
        elif d.value is not None and d.precision == "day" and not _dateline(d, m):
            last = d.value
        out.append(d)
    return out


def build_claims(m: Mentions) -> list[Claim]:
    """One claim per distinct incident of the report; [] when it names no concrete incident."""
    n = len(m.sentences)
    if n == 0:
        return []
    m.dates = _resolve_anchored(m)
    cues = _cues(m.lang)
    index = _Index(m.sentences)
    end = _comments_start(m.text, cues)

    def own(items: list) -> list:  # type: ignore[type-arg]
        return [x for x in items if x.span.start < end]  # not what readers wrote under it

    dates = _by_sentence(own(m.dates), index, n)
    places = _by_sentence(own(_plausible_places(m, index)), index, n)
    counts = _by_sentence(own(m.casualties), index, n)
    actors = _by_sentence(own(m.actors), index, n)
    events = _by_sentence(own(m.events), index, n)
    harm = _by_sentence(own(list(cues.harm.finditer(m.text))), index, n)
    # menus and lists of other articles' headlines say nothing
    for i in _link_lists(m, cues.related):
        dates[i], places[i], counts[i], actors[i], events[i], harm[i] = [], [], [], [], [], []

    groups: list[_Group] = []
    for i, sentence in enumerate(m.sentences):
        harmful_counts = [
            c
            for c in counts[i]
            if c.outcome in ("killed", "injured") and not (c.group == "combatants" and c.vague)
        ]
        agents = [a for a in actors[i] if a.agent and not a.target]
        attack = bool(events[i]) and (bool(agents) or bool(harm[i]))
        anchored = bool(harmful_counts) or (attack and bool(places[i] or dates[i]))
        if not anchored:
            continue
        general = cues.general.search(m.text, sentence.start, sentence.end)
        day_dates = [
            d
            for d in dates[i]
            if d.value is not None
            and (d.precision == "day" or d.kind == "anchored" or _mid_month(d))
            and d.kind != "said"  # the day a source spoke: the incident's only if nothing else
            and not _dateline(d, m)
        ]
        if general and not day_dates and not [p for p in places[i] if _exact(p)]:
            continue
        focus = (harmful_counts or events[i] or [sentence])[0]
        _place_sentence(
            groups, i, places[i], day_dates, harmful_counts, m.text, cues, sentence, focus
        )

    kept: list[tuple[_Group, Claim]] = []
    merged = _merge(groups)
    taken = {i for g in merged for i in g.sentences}
    for g in merged:
        if g.date is None:
            g.date = _date_nearby(g, m, dates, single=len(merged) == 1, taken=taken)
        claim = _fill(g, m, dates, places, counts, actors, events, harm, taken)
        if claim is not None:
            kept.append((g, claim))
    _day_told_before([claim for _, claim in kept])
    _assign_names(kept, m)
    return [claim for _, claim in kept]


_DAY_FIELDS = ("date", "date_precision", "weekday", "month_day")


def _day_told_before(claims: list[Claim]) -> None:
    """A claim that tells nothing of its day is of the day the report told last: a roundup
    ("today, Tuesday: shelling on A killed two ... B was hit too") gives it once, up front."""
    told: Claim | None = None
    for claim in claims:
        if any(getattr(claim, name) is not None for name in _DAY_FIELDS):
            told = claim
        elif told is not None:
            for name in _DAY_FIELDS:
                value = getattr(told, name)
                if value is not None:
                    claim.set(name, value, told.evidence[name])


def _totals(counts: list[CasualtyMention], outcome: str) -> list[CasualtyMention]:
    """The counts of `outcome` that are totals: exact, not a breakdown, not of a group that a
    total breaks down into (children, women)."""
    return [
        c
        for c in counts
        if c.outcome == outcome
        and c.min is not None
        and not c.vague
        and c.breakdown_of is None
        and c.group not in ("children", "women")
    ]


def _place_sentence(
    groups: list[_Group],
    i: int,
    places: list[PlaceMention],
    dates: list[DateMention],
    counts: list[CasualtyMention],
    text: str,
    cues: _Cues,
    sentence: Span,
    focus_on: CasualtyMention | EventMention | Span,
) -> None:
    """Put sentence i into the incident it speaks of, or start a new one. `focus_on` is the
    count or attack word the sentence turns on: the place and date nearest it are its own."""
    # The tolls that tell incidents apart: totals, not breakdowns ("including 3 women").
    totals = _totals(counts, "killed")
    killed = totals[0].min if totals else None
    fighters = all(c.group == "combatants" for c in totals) if totals else None
    wounded = _totals(counts, "injured")
    hurt = wounded[0].min if wounded else None
    tolls = [c for c in counts if c.outcome == "killed" and c.min is not None and not c.vague]
    toll = tolls[0].min if tolls else None
    focus = focus_on.start if isinstance(focus_on, Span) else focus_on.span.start
    place = _best_place(places, focus)
    date = min(dates, key=lambda d: abs(d.span.start - focus)) if dates else None
    another = cues.another.search(text, sentence.start, sentence.end) is not None

    def within(g: _Group) -> bool:
        """The sentence tells more closely of the place a headline named: it names that place
        too, around its own ("حي الحمرة بمركز ناحية تل تمر" after "... مركز ناحية تل تمر")."""
        return g.headline and g.place is not None and any(
            _place_key(p) == _place_key(g.place) for p in places
        )

    def fits(g: _Group) -> bool:
        if place is not None and g.place is not None and _place_key(place) != _place_key(g.place):
            if not within(g):
                return False
        if date is not None and g.date is not None and date.value != g.date.value:
            return False
        # A different toll told with a date or place of its own is another incident.
        news = another or date is not None
        if news and killed is not None and g.killed is not None and killed != g.killed:
            return False
        # ... and so is a different count of the wounded ("وفي 18 من آب ... وأُصيب أربعة" after
        # "أُصيب ستة مدنيين"): an earlier attack told as background
        if news and hurt is not None and g.injured is not None and hurt != g.injured:
            return False
        # "Another massacre killed 8" after "a woman was killed": another toll, not its total.
        if another and killed is not None and g.toll is not None and killed != g.toll:
            return False
        # Fighters killed in clashes and civilians killed in a strike are two incidents.
        if fighters is not None and g.fighters is not None and fighters != g.fighters:
            return False
        return True

    target: _Group | None = None
    if place is None and date is None:
        target = groups[-1] if groups else None
        if target is not None and not fits(target):
            target = None
    else:
        for g in reversed(groups):
            if fits(g):
                target = g
                break
    if target is None:
        target = _Group(another=another)
        groups.append(target)
    if place is not None and target.place is not None and within(target):
        target.place = place  # the body's closer place is the incident's
    target.sentences.append(i)
    target.headline = target.headline and _headline(sentence, text)
    if target.place is None and place is not None:
        target.place = place
    if target.date is None and date is not None:
        target.date = date
    if target.killed is None and killed is not None:
        target.killed = killed
        target.fighters = fighters
    if target.toll is None and toll is not None:
        target.toll = toll
    if target.injured is None and hurt is not None:
        target.injured = hurt


def _fill(
    g: _Group,
    m: Mentions,
    dates: list[list[DateMention]],
    places: list[list[PlaceMention]],
    counts: list[list[CasualtyMention]],
    actors: list[list[ActorMention]],
    events: list[list[EventMention]],
    harm: list[list[Hit]],
    taken: set[int],
) -> Claim | None:
    claim = Claim()
    own_counts = [c for i in g.sentences for c in counts[i]]
    own_places = [p for i in g.sentences for p in places[i]]
    own_events = [e for i in g.sentences for e in events[i]]
    own_actors = [a for i in g.sentences for a in actors[i]]
    own_dates = [
        d for i in g.sentences for d in dates[i] if d.value is not None and not _dateline(d, m)
    ]
    own_dates.sort(key=lambda d: d.kind == "said")  # an event's own date first
    focus = m.sentences[g.sentences[0]].start

    _fill_counts(claim, own_counts, m.text, m.lang)
    place = g.place or _best_place(own_places)
    first = g.sentences[0]
    if place is None and first > 0 and first - 1 not in taken:
        # The place is often named in the sentence just before the toll, as the attacker is.
        place = _best_place(places[first - 1], m.sentences[first].start)
    if place is not None:
        _fill_place(claim, place, m.text)
    else:
        _fill_region(claim, own_places or [p for ps in places for p in ps])
    date = g.date or (own_dates[0] if own_dates else None)
    if date is not None and date.value is not None:
        claim.set("date", date.value, date.span)
        claim.set("date_precision", date.precision, date.span)
    else:
        day = _undated(g, m, dates, lambda d: d.month_day is not None)
        weekday = _undated(g, m, dates, lambda d: d.kind == "weekday" and d.weekday is not None)
        dated = None
        if day is not None and day.month_day is not None:
            month, dom = day.month_day
            if weekday is not None and weekday.weekday is not None:
                dated = _dated_by_weekday(m.text, month, dom, weekday.weekday)
            if dated is not None:
                # "اليوم الجمعة 6 تشرين الأول" in a report that writes 2023 elsewhere: of the
                # years it writes, the one whose 6 October is a Friday
                claim.set("date", dated, day.span)
                claim.set("date_precision", "day", day.span)
            else:
                claim.set("month_day", f"--{month:02d}-{dom:02d}", day.span)
        if weekday is not None and dated is None:
            claim.set("weekday", weekday.weekday, weekday.span)
    if own_counts:
        focus = own_counts[0].span.start
    event = pick_event_type(own_events, focus, m.lang)
    if event is not None:
        claim.set("event_type", event.event_type, event.span)
    else:
        words = [h for i in g.sentences for h in harm[i]]
        if words:
            claim.set("event_type", "other", words[0].span)
    _fill_perpetrator(claim, own_actors, actors, m, g)

    concrete = claim.killed_min is not None or claim.injured_min is not None
    concrete = concrete or (place is not None and _exact(place) and claim.event_type is not None)
    return claim if concrete else None


def _fill_counts(claim: Claim, counts: list[CasualtyMention], text: str, lang: str) -> None:
    """Totals from the first top-level count (with the people told right after it: "a woman
    and a young man"); breakdowns from the counts that break it down."""
    killed = [c for c in counts if c.outcome == "killed" and c.min is not None]
    top = [c for c in killed if c.breakdown_of is None and c.group in NON_COMBATANT_GROUPS]
    if not top:
        top = [c for c in killed if c.breakdown_of is None]
    top = [c for c in top if not c.vague] + [c for c in top if c.vague]
    chain = _people_told_together(top[0], killed, text, lang) if top else []
    if chain:
        span = chain[0].span.cover(chain[-1].span)
        highs = [c.max for c in chain]
        claim.set("killed_min", sum(c.min or 0 for c in chain), span)
        claim.set("killed_max", None if None in highs else sum(h or 0 for h in highs), span)
    killed = [c for c in killed if not c.vague] + [c for c in killed if c.vague]
    for c in killed:
        if c.group == "civilians" and claim.civilians_killed_min is None:
            claim.set("civilians_killed_min", c.min, c.span)
    civilians = [c for c in chain if c.group in CIVILIAN_GROUPS]
    if claim.civilians_killed_min is None and civilians:
        span = civilians[0].span.cover(civilians[-1].span)
        claim.set("civilians_killed_min", sum(c.min or 0 for c in civilians), span)
    for c in killed:
        if c.group == "children" and claim.children_killed_min is None:
            claim.set("children_killed_min", c.min, c.span)
        elif c.group == "women" and claim.women_killed_min is None:
            claim.set("women_killed_min", c.min, c.span)
    injured = [c for c in counts if c.outcome == "injured" and c.min is not None]
    top_injured = [c for c in injured if c.breakdown_of is None] or injured
    if top_injured:
        hurt = _people_told_together(top_injured[0], injured, text, lang)
        span = hurt[0].span.cover(hurt[-1].span)
        claim.set("injured_min", sum(c.min or 0 for c in hurt), span)


@cache
def _sum_joiners(lang: str) -> frozenset[str]:
    return frozenset(load(lang, "casualties").get("sum_joiners", []))


def _people_told_together(
    first: CasualtyMention, counts: list[CasualtyMention], text: str, lang: str
) -> list[CasualtyMention]:
    """`first` and the people told right after it with the same outcome ("طفل وامرأة", "a woman
    and her child"): a toll told person by person. A total ("3 civilians") is its own toll."""
    chain = [first]
    if first.vague or first.group not in PERSON_GROUPS:
        return chain
    joiners = _sum_joiners(lang)
    for c in counts[counts.index(first) + 1 :]:
        gap = text[chain[-1].span.end : c.span.start].strip().lower()
        if c.vague or c.breakdown_of is not None or c.group not in PERSON_GROUPS:
            break
        if gap not in joiners:
            break
        chain.append(c)
    return chain


def _fill_place(claim: Claim, mention: PlaceMention, text: str) -> None:
    place = mention.place
    claim.set("place", mention.span.of(text), mention.span)
    claim.set("place_std", place.name, mention.phrase)
    claim.set("geo_precision", mention.geo_precision, mention.phrase)
    for name in ("admin1", "country", "lat", "lon", "pcode"):
        value = getattr(place, name, None)
        if value not in (None, ""):
            claim.set(name, value, mention.span)


def _fill_region(claim: Claim, places: list[PlaceMention]) -> None:
    """No village or town named: the governorate and country, at that precision."""
    for p in places:
        if p.place.admin1 and p.place.kind != "country":
            claim.set("admin1", p.place.admin1, p.span)
            claim.set("country", p.place.country, p.span)
            claim.set("geo_precision", "governorate", p.phrase)
            return
    for p in places:
        if p.place.kind == "country":
            claim.set("country", p.place.country, p.span)
            claim.set("geo_precision", "country", p.span)
            return


_YEAR = re.compile(f"(?<![{DIGIT}])(?:20|٢٠|۲۰)[{DIGIT}]{{2}}(?![{DIGIT}])")


def _dated_by_weekday(text: str, month: int, dom: int, weekday: int) -> date | None:
    """The day of a day and month without a year, from the years the report writes: the one
    year among them whose day falls on the weekday the report gives; None when none or two do
    (a wrong year agrees with a weekday one time in seven)."""
    fits: set[date] = set()
    for found in _YEAR.finditer(text):
        try:
            day = date(int(found.group()), month, dom)
        except ValueError:
            continue
        if day.weekday() == weekday:
            fits.add(day)
    return fits.pop() if len(fits) == 1 else None


def _undated(
    g: _Group, m: Mentions, dates: list[list[DateMention]], wanted: Callable[[DateMention], bool]
) -> DateMention | None:
    """What a report gives of the day of an incident it cannot date: the weekday ("Today,
    Friday, warplanes ...", "شنت (الجمعة) غارات"), a day and month without a year ("اليوم
    الجمعة 6 تشرين الأول"); not the day a source spoke ("SANA reported on Saturday")."""
    for i in g.sentences:
        for d in dates[i]:
            if wanted(d) and d.kind != "said" and not _dateline(d, m):
                if not spoken_before(m.text, d.span.start, m.lang):
                    return d
    return None


def _fill_perpetrator(
    claim: Claim,
    own: list[ActorMention],
    actors: list[list[ActorMention]],
    m: Mentions,
    g: _Group,
) -> None:
    """The actor named as the attacker in the first account of the act, and how the report
    attributes it."""
    candidates = [a for a in own if not a.target]
    if not candidates:
        # The attacker is often named in the sentence just before the count.
        first = g.sentences[0]
        if first > 0:
            candidates = [a for a in actors[first - 1] if not a.target]
    if not candidates:
        # a post's hashtag tags all of it: "#العدوان_الروسي", "#قصف_روسي"
        candidates = [a for ss in actors for a in ss if a.agent and _hashtag(a, m)]
    if not candidates:
        return
    # The first account of the act names the attacker in the report's own words; a headline
    # (a line without a full stop) only announces it.
    best = min(candidates, key=lambda a: (not a.agent, _headline(a.sentence, m.text), a.span.start))
    if best.actor == UNKNOWN:
        # "unidentified warplanes, believed to belong to the coalition": the hedge names them
        named = [
            a
            for a in candidates
            if a.actor != UNKNOWN
            and a.sentence == best.sentence
            and a.attribution == "alleged"
            and a.cue is not None
            and best.span.end <= a.cue.start < a.span.start
        ]
        if named:
            best = named[0]
    attribution, evidence, quote = best.attribution, best.evidence, best.quote
    # A denial or a claim by the actor about this incident is what the report carries.
    for a in m.actors:
        if a.actor == best.actor and a.attribution in ("denied", "claimed"):
            if attribution != "denied" and _about(a.sentence, g, m, claim):
                attribution, evidence = a.attribution, a.evidence
                quote = evidence
    joint = joint_actors(m.text, best, m.actors, m.lang) if best.actor != UNKNOWN else []
    partners = joint
    if not joint and best.actor != UNKNOWN:
        # another account of the act names the attacker with its partner ("من قبل قوات النظام
        # وروسيا" after "من قبل قوات النظام"): the partner is named at those words
        accounts = (a for a in candidates if a is not best and a.actor == best.actor and a.agent)
        partners = next(
            (found for a in accounts if (found := joint_actors(m.text, a, m.actors, m.lang))), []
        )
    if joint and quote == best.quote:
        # the words that name the attackers name them all: "بقصف مدفعي لقوات النظام وروسيا"
        quote = quote.cover(min(joint, key=lambda a: a.span.start).span).cover(
            max(joint, key=lambda a: a.span.end).span
        )
    claim.set("perpetrator", best.actor, best.span)
    claim.set("attribution", attribution, evidence)
    claim.set("perpetrator_evidence", quote.of(m.text), quote)
    claim.co_perpetrators = [CoPerpetrator(a.actor, a.span) for a in partners]


def _hashtag(a: ActorMention, m: Mentions) -> bool:
    """Whether the actor is named inside one of the report's hashtags ("#العدوان_الروسي")."""
    return any(h.start <= a.span.start and a.span.end <= h.end for h in m.hashtags)


_FULL_STOPS = ".!?؟…:؛"


HEADLINE_WORDS = 25  # a headline is a short line


# A link, as pages and posts write it: "https://...", "www.", "pic.twitter.com/FPW2", "t.me/...";
# the matching view blanks a "pic" glued to an Arabic word ("#قسدpic.twitter.com/FPW2").
_LINK = r"(?:https?://|www\.|(?:pic)?\.twitter\.com/|t\.me/)\S*"
# A link a post ends with, glued or not to its last full stop: "... #قسد.pic.twitter.com/FPW2".
_TRAILING_LINK = re.compile(_LINK + r"\s*\Z")


_LIST_ITEM = re.compile(r"\s*\d{1,3}\s*[-.)_ـ–]")


def _headline(sentence: Span, text: str) -> bool:
    """A short line of its own that ends without a full stop: a headline or a caption (a post
    that ends with a link ends where the link starts)."""
    line = sentence.of(text)
    if _LIST_ITEM.match(line):
        return False  # an item of a numbered list: "1- قمر بلال حافظ", a name, not a headline
    words = _TRAILING_LINK.sub("", line.rstrip()).rstrip().rstrip("\"'”»)")
    if not words or words[-1] in _FULL_STOPS or len(words.split()) > HEADLINE_WORDS:
        return False
    rest = (line[len(line.rstrip(" \t")) :] + text[sentence.end : sentence.end + 3]).lstrip(" \t")
    # the line's own start, or after a kicker of a word or two ("بالأسماء..", "Breaking:")
    lead = text[text.rfind("\n", 0, sentence.start) + 1 : sentence.start]
    return (not rest or rest[0] == "\n") and len(lead.split()) <= KICKER_WORDS


KICKER_WORDS = 2  # words before a headline on its line ("بالأسماء..", "Breaking:")
LINK_RUN = 5  # this many headline-like lines in a row are a list of links, not the report
# A line this long that the title repeats nearly (rapidfuzz partial ratio) is the report's own.
TITLE_LIKE_CHARS = 20
TITLE_LIKE_RATIO = 90.0


def _link_lists(m: Mentions, related: Phrases) -> set[int]:
    """Sentences in a run of LINK_RUN or more short lines without full stops: site menus and
    lists of other articles' headlines ("related", "most read") that web pages carry around
    the report. A post of a few short lines is a shorter run; the report's own headline (its
    first line, or a line its title repeats) is never one of them. After a heading of such a
    list ("مقالات ذات صلة", "Related News": `related` in incidents.toml) a run of any length is
    one."""
    out: set[int] = set()
    run: list[int] = []
    listed = False  # the run follows a heading of related articles
    title = " ".join(m.title.split()) if m.title else ""
    for i, sentence in enumerate([*m.sentences, None]):
        line = sentence is not None and _headline(sentence, m.text)
        heading = (
            sentence is not None
            and (line or sentence.of(m.text).rstrip().endswith(":"))
            and _is_heading(sentence, m.text, related)
        )
        if line and not heading:
            run.append(i)
            continue
        if len(run) >= LINK_RUN or listed:
            out.update(k for k in run if k and not _in_title(m.sentences[k], m.text, title))
        run, listed = [], heading
        if heading:
            out.add(i)
    return out


def _is_heading(sentence: Span, text: str, related: Phrases) -> bool:
    """The line is nothing but a heading of a list of other articles ("Read more:")."""
    line = sentence.of(text).strip().rstrip(":").rstrip()
    return any(
        hit.span.start == 0 and hit.span.end == len(line) for hit in related.finditer(line)
    )


def _in_title(sentence: Span, text: str, title: str) -> bool:
    """The line is the title's words, or nearly: links aside (a post's title shortens them),
    a line of some length that the title repeats with a letter or two changed."""
    line = " ".join(sentence.of(text).split())
    if not title or len(line) <= 3:
        return False
    if line in title:
        return True
    line, title = _title_words(line), _title_words(title)
    return len(line) >= TITLE_LIKE_CHARS and (line in title or fuzz.partial_ratio(
        line, title, score_cutoff=TITLE_LIKE_RATIO) > 0)


_URL = re.compile(_LINK)
_TAG_MARKS = str.maketrans("#_…", "   ")


def _title_words(line: str) -> str:
    """A line or a title without its links, hashtag marks and the ellipsis that shortens a
    post's title ("مدينة #إعزاز ... #قسد… "): what the two have in common to compare."""
    return " ".join(_URL.sub(" ", line).translate(_TAG_MARKS).split())


def _about(sentence: Span, g: _Group, m: Mentions, claim: Claim) -> bool:
    """A statement speaks of the incident when it is among or right after its sentences, or
    names its place or its date; a blanket denial elsewhere in the report does not."""
    index = next((i for i, s in enumerate(m.sentences) if s == sentence), -1)
    if min(g.sentences) <= index <= max(g.sentences) + 1:
        return True
    words = sentence.of(m.text)
    if claim.place and claim.place in words:
        return True
    return any(
        d.value == claim.date and sentence.start <= d.span.start < sentence.end
        for d in m.dates
        if claim.date is not None
    )


def _assign_names(kept: list[tuple[_Group, Claim]], m: Mentions) -> None:
    """Each named victim goes to the incident last reported before the name."""
    if not kept or not m.names:
        return
    starts = [m.sentences[g.sentences[0]].start for g, _ in kept]

    def claim_at(pos: int) -> Claim:
        return kept[max(0, bisect_right(starts, pos) - 1)][1]

    placed: list[tuple[Claim, Victim]] = []
    for name in m.names:
        claim = claim_at(name.span.start)
        victim = claim.add_victim(name.name, name.span)
        if not victim.parts:
            victim.parts = name_parts(name.name)
        placed.append((claim, victim))
    # what the report says of each victim, and the kin it counts without names
    facts, unnamed = describe_victims(m.text, m.lang, m.names)
    for (claim, victim), fact in zip(placed, facts, strict=True):
        of = None
        if fact.of is not None and placed[fact.of][0] is claim:
            of = _victim_index(claim, placed[fact.of][1])
        apply_facts(victim, fact, of)
    for group in unnamed:
        claim = placed[group.of][0] if group.of is not None else claim_at(group.span.start)
        of = _victim_index(claim, placed[group.of][1]) if group.of is not None else None
        claim.unnamed_victims.append(UnnamedVictims(group.relation, group.span, group.count, of))


def _victim_index(claim: Claim, victim: Victim) -> int | None:
    """Where a victim stands in the claim's list (by identity: two may share a name's words)."""
    return next((k for k, v in enumerate(claim.victims) if v is victim), None)
