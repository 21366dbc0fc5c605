"""Dates of events: absolute ("18 January 2019", "Jan. 18", "18/01/2019") and relative
("yesterday", "on Friday", "two days ago"), resolved against the publication date.

Spans are found by our own patterns, compiled once per language from the `dates` lexicon
(`civcas/data/lexicons/<lang>/dates.toml`) and run in one pass over the text: dateparser misses
dates in running text and is slow (DESIGN.md, "Dependency notes"), so it only reads publication
dates that our patterns cannot. Nothing is guessed: a relative date without a publication date
has no value, and a date counted from the event told before it ("the previous day") is left to
the incident builder (`kind == "anchored"`, with `offset_days`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any

from civcas.extract.numbers import DIGIT, Script, script
from civcas.knowledge.lexicon import languages, load
from civcas.model import Span

# A digit of the scripts our reports use (Latin, Arabic-Indic, Persian); int() reads them all.
_D = f"[{DIGIT}]"
_NEVER = "(?!)"  # the pattern of an empty word list
_END = r"(?!\w)"
# What may stand between a weekday and the full date it names: "Friday, 18 January", "(Friday)".
_BETWEEN = re.compile(r"[\s,،()\-–—]*")
# Punctuation that may close a clause right after a bare year ("in 2019,").
_CLAUSE_END = frozenset(".,;:!?)\"'،؛؟")
YEARS = range(1900, 2101)  # four digits outside this range are a count, not a year
_UNITS = {"days": "day", "weeks": "week", "months": "month", "years": "year"}
_TERMINAL = ""  # trie key marking the end of a phrase
_LEADING_DIGITS = re.compile(f"{_D}+")
_WORD = re.compile(r"\w*")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression, the date it names (None when nothing anchors it) and how precisely.

    kind: absolute ("18 January 2019", "Jan. 18"), month ("January 2019"), year ("in 2019"),
    relative ("yesterday", "two days ago", "last week"), weekday ("on Friday"), anchored
    ("the previous day": `offset_days` from the event told just before, value left None) or
    said: the day a source spoke, right before what it said ("قال ناشطون، اليوم الأحد، إن ..."),
    which is not the date of the events it tells of.
    """

    span: Span
    value: date | None
    precision: str  # day | week | month | year
    relative: bool
    kind: str
    offset_days: int | None = None
    weekday: int | None = None  # a weekday mention's day (Monday = 0), anchored or not
    # a day and month that nothing gives the year of ("6 تشرين الأول" in a report without a
    # publication date): (month, day), value left None
    month_day: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Offset:
    """A distance in one unit from a reference date ("last week": -1 weeks, precision week)."""

    unit: str  # days | weeks | months | years
    amount: int
    precision: str

    def days(self) -> int | None:
        """The distance in days, where the unit has a fixed length."""
        if self.unit == "days":
            return self.amount
        if self.unit == "weeks":
            return 7 * self.amount
        return None


@dataclass(frozen=True, slots=True)
class _Part:
    """A part of a month ("منتصف" = mid-month): the day that stands for it and how precisely."""

    day: int
    precision: str


@dataclass(frozen=True, slots=True)
class _Grammar:
    """One language's compiled pattern and the tables that turn its words into numbers."""

    regex: re.Pattern[str]
    norm: Callable[[str], str]
    months: dict[str, int]
    ambiguous: frozenset[str]
    weekdays: dict[str, int]
    last: tuple[str, ...]  # " last ", " الماضي ": the weekday before the publication day
    numbers: dict[str, int]
    units: dict[str, str]
    relative: dict[str, _Offset]
    anchored: dict[str, _Offset]
    ago: frozenset[str]  # words of "two days ago", "منذ ثلاثة أيام" (the rest count from events)
    directions: dict[str, int]
    ordinals: dict[str, int]  # "الثالث" = 3: a day of the month written as a word
    current: frozenset[str]  # "الجاري": a month of the publication year
    previous: frozenset[str]  # "الماضي": the last such month before the publication month
    parts: dict[str, _Part]  # "منتصف": mid-month
    followers: frozenset[str]
    blockable: frozenset[str]  # relative phrases that a blocker word after them disowns
    blocker: re.Pattern[str] | None
    said: re.Pattern[str] | None  # "، إن", "بأن": what follows a date of speech
    period: re.Pattern[str] | None  # "منذ", "since": what opens a period, searched backwards
    document: re.Pattern[str] | None  # "في تقرير صادر في": the day a document came out


# --------------------------------------------------------------------------- lexicon reading
def _strings(value: Any) -> list[str]:
    """The strings of a lexicon list (anything else is ignored: user files may be odd)."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def _table(value: Any) -> dict[str, Any]:
    return (
        {k.strip(): v for k, v in value.items() if k.strip()} if isinstance(value, Mapping) else {}
    )


def _ints(value: Any, norm: Callable[[str], str]) -> dict[str, int]:
    return {
        norm(k): v
        for k, v in _table(value).items()
        if isinstance(v, int) and not isinstance(v, bool)
    }


def _offset(value: Any) -> _Offset | None:
    """{ days = -1 } -> _Offset("days", -1, "day"); an optional `precision` overrides."""
    if not isinstance(value, Mapping):
        return None
    found = [(u, value[u]) for u in _UNITS if isinstance(value.get(u), int)]
    if len(found) != 1:
        return None
    unit, amount = found[0]
    precision = value.get("precision", _UNITS[unit])
    if precision not in _UNITS.values():
        precision = _UNITS[unit]
    return _Offset(unit, int(amount), precision)


def _parts(value: Any, norm: Callable[[str], str]) -> dict[str, _Part]:
    """{ day = 15, precision = "week" } entries (others ignored: user files may be odd)."""
    out: dict[str, _Part] = {}
    for k, v in _table(value).items():
        day = v.get("day") if isinstance(v, Mapping) else None
        if isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= 28:
            precision = v.get("precision", "day")
            out[norm(k)] = _Part(day, precision if precision in _UNITS.values() else "day")
    return out


def _offsets(value: Any, norm: Callable[[str], str]) -> dict[str, _Offset]:
    out: dict[str, _Offset] = {}
    for k, v in _table(value).items():
        off = _offset(v)
        if off is not None:
            out[norm(k)] = off
    return out


# --------------------------------------------------------------------------- pattern building
def _words(phrases: Iterable[str], sc: Script) -> str:
    """One regex for a list of phrases, shaped as a trie of their letters: at each position
    the engine tests one letter per list, not every phrase (the speed of the whole finder).
    Letter variants and vowel marks follow the language's script; spaces match any run."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for i, word in enumerate(phrase.split()):
            if i:
                node = node.setdefault(" ", (r"\s+", {}))[1]
            for ch in word:
                key, source = sc.char(ch)
                node = node.setdefault(key, (source, {}))[1]
        node[_TERMINAL] = ("", {})
    return _emit(root) or _NEVER


def _emit(node: dict[str, Any]) -> str:
    branches = [src + _emit(child) for key, (src, child) in node.items() if key != _TERMINAL]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _TERMINAL in node else body


@cache
def _grammar(lang: str) -> _Grammar:
    """Compile the pattern of `lang` once. Forms that start alike share one alternative (all
    that start with a month name, all that start with a count), so that at each word the
    engine tries a few letters, not every form; it runs on lower-cased text."""
    data = load(lang, "dates")
    sc = script(lang)

    def norm(s: str) -> str:
        return sc.normalize(s).rstrip(".")

    def strings(key: str) -> list[str]:
        return [w.lower() for w in _strings(data.get(key))]

    def keys(key: str) -> list[str]:
        return [w.lower() for w in _table(data.get(key))]

    def words(key: str) -> str:
        return _words(strings(key), sc)

    abbreviations = _ints(data.get("abbreviations"), norm)
    months = {**_ints(data.get("months"), norm), **abbreviations}
    units = {norm(k): v for k, v in _table(data.get("units")).items() if v in _UNITS}
    relative = _offsets(data.get("relative"), norm)
    anchored = _offsets(data.get("anchored"), norm)
    directions = {
        **_ints(data.get("anchored_before"), norm),
        **_ints(data.get("anchored_after"), norm),
    }
    fixed = keys("relative") + keys("anchored") + strings("not_dates")
    # "الشهر الجاري", "last month": phrases that a day or a part of a month may count from
    month_phrases = [
        k for k in keys("relative") if getattr(relative.get(norm(k)), "unit", "") == "months"
    ]

    # A period after an abbreviation belongs to the date only when a number follows ("Jan. 18").
    full_names = [k for k in keys("months") if norm(k) not in abbreviations]
    one_month = (
        f"(?:{_words(full_names, sc)}|(?:{_words(keys('abbreviations'), sc)})(?:\\.(?=\\s*{_D}))?)"
    )
    # "كانون الثاني/يناير", "يناير (كانون الثاني)": the second name repeats the first.
    twin = rf"(?:\s*[/\\]\s*{one_month}|\s*\(\s*{one_month}\s*\))?"
    day = rf"{_D}{{1,2}}(?!{_D})(?:(?:{words('day_suffixes')}){_END})?"
    days = rf"{day}(?:\s*[-–]\s*{day})?"  # "18-19 January": the first day is the date
    year = rf"{_D}{{4}}(?!{_D})(?:\s?(?:{words('year_suffixes')}))?"
    count = rf"(?:{_D}{{1,3}}(?!{_D})|{_words(keys('numbers'), sc)})"
    unit = _words(keys("units"), sc)
    dm_join = rf"(?:\s+(?:{words('day_month_joiners')}))?"
    my_join = rf"(?:(?:{words('month_year_joiners')})\s+)?"
    joiner = words("day_month_joiners")
    in_month = _words(month_phrases, sc)
    ordinal = rf"{_words(keys('ordinal_days'), sc)}{_END}"
    lead = rf"(?:(?:{words('month_leads')})\s+)?"  # "شهر تموز"
    qualifier = _words(strings("month_current") + strings("month_last"), sc)

    def month_tail(p: str) -> str:
        """After a month name: its year, or a word that counts it from publication."""
        return rf"(?:[,،]?\s+{my_join}(?P<{p}_y>{year})|\s+(?P<{p}_q>{qualifier}){_END})"

    last = strings("weekday_last")
    last_after = strings("weekday_last_after")
    leads = strings("weekday_leads")
    before_weekday = _sequences(leads, last, strings("day_parts_before"), leads)
    after_weekday = _sequences(last_after, strings("day_parts_after"))
    parts = [
        # phrases first, longest first: "the day before yesterday", "اليوم التالي", "Black
        # September" win over the shorter forms inside them
        rf"(?P<fixed>{_words(fixed, sc)}){_END}",
        # forms that start with a number
        rf"(?={_D})(?:"
        # 2019-01-18 (also in a timestamp: 2019-01-18T10:00)
        rf"(?P<iso_y>{_D}{{4}})(?P<iso_s>[-/.])(?P<iso_m>{_D}{{1,2}})(?P=iso_s)"
        rf"(?P<iso_d>{_D}{{1,2}})(?!{_D})(?!(?!t{_D})\w)"
        # 18/01/2019, 18.01.2019, 18-01-2019: day first
        rf"|(?P<num_a>{_D}{{1,2}})(?P<num_s>[-/.])(?P<num_b>{_D}{{1,2}})(?P=num_s)"
        rf"(?P<num_y>{_D}{{4}}){_END}"
        # 18 January 2019, 18th of January, 18 كانون الثاني/يناير ٢٠١٩
        rf"|(?P<dmy_d>{days}){dm_join}\s+(?P<dmy_m>{one_month}){twin}"
        rf"{month_tail('dmy')}?{_END}"
        # 18 من الشهر الجاري
        rf"|(?P<dr_d>{day})\s+(?:{joiner})\s+(?P<dr_r>{in_month}){_END})",
        # January 18, 2019; Jan. 18; January 2019; شهر آذار الماضي
        rf"{lead}(?P<md_m>{one_month}){twin}(?:\s+(?P<md_d>{days})(?!:{_D})"
        rf"(?:[,،]?\s+(?P<md_y>{year}))?|[,،]?\s+{my_join}(?P<my_y>{year})"
        rf"|\s+(?P<md_q>{qualifier})){_END}",
        # الثالث من شهر كانون الثاني الجاري; العاشر من آذار; الخامس من الشهر الماضي
        rf"(?P<od_d>{ordinal})(?:{dm_join}\s+(?P<od_m>{one_month}){twin}{month_tail('od')}?"
        rf"|\s+(?:{joiner})\s+(?P<od_r>{in_month})){_END}",
        # منتصف شهر تموز الجاري; منتصف آذار 2019; منتصف الشهر الماضي
        rf"(?P<mp_p>{_words(keys('month_parts'), sc)})\s+{lead}"
        rf"(?:(?P<mp_m>{one_month}){twin}{month_tail('mp')}?|(?P<mp_r>{in_month})){_END}",
        # two days ago; three days after
        rf"(?P<n_n>{count})\s+(?P<n_u>{unit})\s+"
        rf"(?P<n_w>{_words(strings('ago_after') + keys('anchored_after'), sc)}){_END}",
        # منذ ثلاثة أيام; بعد ثلاثة أيام
        rf"(?P<w_w>{_words(strings('ago_before') + keys('anchored_before'), sc)})"
        rf"\s+(?P<w_n>{count})\s+(?P<w_u>{unit}){_END}",
        # on Friday, last Friday, Monday evening, مساء يوم الجمعة الماضي
        rf"(?:(?P<wd_pre>{_words(before_weekday, sc)})\s+)?"
        rf"(?P<wd_day>{_words(keys('weekdays'), sc)})"
        rf"(?:\s+(?P<wd_post>{_words(after_weekday, sc)}))?{_END}",
        # in 2019, in early 2019, عام 2019 (what follows is checked in _year)
        rf"(?:(?:{words('year_leads')})\s+){{1,2}}(?P<yr_y>{year}){_END}"
        rf"(?=[ \t]*(?P<yr_next>\S*))",
    ]
    body = "(?P<body>" + "|".join(f"(?:{p})" for p in parts) + ")"
    clitics = _words(strings("proclitics"), sc)
    head = r"(?<!\w)" + (f"(?:{clitics})?" if clitics != _NEVER else "")
    ago = tuple(norm(w) for w in strings("ago_before"))
    blockers = strings("relative_blockers")
    said = strings("said_after")
    head_clitics = f"(?:{clitics})?" if clitics != _NEVER else ""
    return _Grammar(
        regex=re.compile(head + body),
        norm=norm,
        months=months,
        ambiguous=frozenset(norm(w) for w in _strings(data.get("ambiguous_months"))),
        weekdays=_ints(data.get("weekdays"), norm),
        last=tuple(f" {norm(w)} " for w in last + last_after),
        numbers=_ints(data.get("numbers"), norm),
        units=units,
        relative=relative,
        anchored=anchored,
        ago=frozenset(norm(w) for w in strings("ago_before") + strings("ago_after")),
        directions=directions,
        ordinals=_ints(data.get("ordinal_days"), norm),
        current=frozenset(norm(w) for w in _strings(data.get("month_current"))),
        previous=frozenset(norm(w) for w in _strings(data.get("month_last"))),
        parts=_parts(data.get("month_parts"), norm),
        followers=frozenset(norm(w) for w in _strings(data.get("year_followers"))),
        blockable=frozenset(k for k in relative if ago and k.startswith(ago)),
        blocker=re.compile(rf"\s+(?:{_words(blockers, sc)}){_END}") if blockers else None,
        said=re.compile(rf"[\s,،]*(?:{words('said_after')}){_END}") if said else None,
        period=re.compile(
            rf"(?<!\w){head_clitics}(?:{words('period_before')})"
            rf"(?:(?:\s+(?:{words('period_fillers')}))?"
            # "منذ احتلالها لمقاطعة كري سبي في 9 تشرين الأول": since the event told on that day
            rf"|(?:\s+(?:{words('period_fillers')}))?\s+(?:{words('period_events')})\w*"
            rf"(?:\s+[^\s.،,;:!?]+){{0,{PERIOD_EVENT_WORDS}}}\s+(?:{words('period_event_leads')}))"
            rf"\s+$"
        ) if strings("period_before") else None,
        document=re.compile(rf"(?<!\w){head_clitics}(?:{words('document_before')})\s+$")
        if strings("document_before") else None,
    )


def _sequences(*slots: list[str]) -> list[str]:
    """Every phrase made of at most one word from each slot, in order ("on", "last",
    "early on", "last ... evening"): the words that may stand around a weekday."""
    out = [""]
    for slot in slots:
        out = out + [f"{head} {w}".strip() for head in out for w in slot]
    return sorted({p for p in out if p})


# --------------------------------------------------------------------------- date arithmetic
def _number(s: str) -> int:
    """The number a day or year starts with: "18th" -> 18, "2019م" -> 2019."""
    return int(_LEADING_DIGITS.match(s).group())  # type: ignore[union-attr]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _on_or_before(month: int, day: int, limit: date) -> date | None:
    """Day `day` of `month` in the latest year that puts it on or before `limit` (a 29 February
    goes back to a leap year)."""
    for y in range(limit.year, limit.year - 9, -1):
        value = _safe(y, month, day)
        if value is not None and value <= limit:
            return value
    return None


def _nearest(month: int, day: int, anchor: date) -> date | None:
    """Day `day` of `month` in the year that puts it nearest `anchor` ("on 30 December 2018 ...
    then on January 2": 2019)."""
    found = [_safe(y, month, day) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    dates = [d for d in found if d is not None]
    return min(dates, key=lambda d: abs(d - anchor)) if dates else None


def _shift(published: date, off: _Offset) -> date | None:
    """The date `off` away from publication; month and year precision name their first day."""
    try:
        if off.unit in ("days", "weeks"):
            return published + timedelta(days=off.days() or 0)
        if off.unit == "months":
            total = published.year * 12 + published.month - 1 + off.amount
            return date(total // 12, total % 12 + 1, 1)
        return date(published.year + off.amount, 1, 1)
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- finding
def find_dates(text: str, lang: str = "en", published: date | None = None) -> list[DateMention]:
    """Every date expression of `text`, in text order, resolved where something anchors it:
    relative ones against `published` only, a day and month without a year against `published`
    or else the last date given in full before it."""
    if isinstance(published, datetime):
        published = published.date()
    g = _grammar(lang)
    low = _lower(text)
    out: list[DateMention] = []
    anchor: date | None = None
    for m in g.regex.finditer(low):
        mention = _read(m, g, text, published, anchor)
        if mention is None or _opens_or_closes_a_period(mention, low, g):
            continue
        if mention.kind == "absolute" and mention.value is not None:
            anchor = mention.value
        out.append(mention)
    return _said(_documents(_without_named_weekdays(out, text), low, g), low, g)


def _documents(found: list[DateMention], low: str, g: _Grammar) -> list[DateMention]:
    """The day a report or statement came out ("في تقرير صادر في 18 من تشرين الثاني", "a
    report published on 18 November") is no date of what it tells: dated as speech is."""
    if g.document is None:
        return found
    return [
        replace(d, kind="said")
        if d.kind != "said" and g.document.search(low, max(0, d.span.start - 40), d.span.start)
        else d
        for d in found
    ]


PERIOD_EVENT_WORDS = 4  # words after the event a period starts from ("occupation" of "X" on)


def _opens_or_closes_a_period(d: DateMention, low: str, g: _Grammar) -> bool:
    """A date given in full right after "since" or "until" ("منذ آذار عام 2020", "حتى 24
    كانون الأول") bounds a period: the date of no event (relative ones stay: "منذ يومين")."""
    if g.period is None or d.relative or d.kind not in ("absolute", "month", "year"):
        return False
    return g.period.search(low, max(0, d.span.start - 80), d.span.start) is not None


def _said(found: list[DateMention], low: str, g: _Grammar) -> list[DateMention]:
    """Dates of speech: a date right before the words that open what a source said ("أفاد
    المرصد، اليوم الأحد، بأن ..."), with the date words just before it ("اليوم الأحد")."""
    if g.said is None:
        return found
    out = list(found)
    said_next: DateMention | None = None
    for i in range(len(out) - 1, -1, -1):
        d = out[i]
        joined = said_next is not None and _BETWEEN.fullmatch(low, d.span.end, said_next.span.start)
        if g.said.match(low, d.span.end) or joined:
            out[i] = d = replace(d, kind="said")
            said_next = d
        else:
            said_next = None
    return out


def _lower(text: str) -> str:
    """`text` in lower case, letter for letter (offsets stay valid): the patterns are written
    in lower case, which matches twice as fast as ignoring case."""
    low = text.lower()
    if len(low) != len(text):  # "İ" is the one letter whose lower case is two characters
        low = text.replace("\u0130", "i").lower()
    return low


def _read(
    m: re.Match[str], g: _Grammar, text: str, published: date | None, anchor: date | None
) -> DateMention | None:
    """The mention of one match (of the lower-cased text; `text` is the original), or None
    when the words turn out not to be a date."""
    start, end = m.span("body")
    if text[end - 1] == ".":  # "18 Jan." closing a sentence: the period is not the date's
        end -= 1
    span = Span(start, end)
    if m["fixed"] is not None:
        return _fixed(span, g.norm(m["fixed"]), g, text, published)
    if m["iso_y"] is not None:
        return _full(span, int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if m["num_a"] is not None:
        a, b, y = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
        # day first, as the region writes it; a month over 12 shows a month-first date
        return _full(span, y, b, a) if b <= 12 else _full(span, y, a, b)
    if m["dmy_d"] is not None:
        ambiguous = _ambiguous(m, "dmy_m", g, text)
        day = _number(m["dmy_d"])
        return _named_month(span, g, m, "dmy", day, "day", ambiguous, published, anchor)
    if m["dr_d"] is not None:
        return _in_month_phrase(span, g, m["dr_r"], _number(m["dr_d"]), "day", published)
    if m["md_m"] is not None:
        month = g.months[g.norm(m["md_m"])]
        ambiguous = _ambiguous(m, "md_m", g, text)
        if m["my_y"] is not None:
            y = _number(m["my_y"])
            if ambiguous or y not in YEARS:
                return None
            return DateMention(span, date(y, month, 1), "month", False, "month")
        if m["md_q"] is not None:
            return _counted_month(span, g, month, 1, "month", m["md_q"], published, anchor)
        day = _number(m["md_d"])
        year = _number(m["md_y"]) if m["md_y"] is not None else None
        return _day_month(span, month, day, year, ambiguous, published, anchor)
    if m["od_d"] is not None:
        day = g.ordinals[g.norm(m["od_d"])]
        if m["od_r"] is not None:
            return _in_month_phrase(span, g, m["od_r"], day, "day", published)
        return _named_month(span, g, m, "od", day, "day", False, published, anchor)
    if m["mp_p"] is not None:
        part = g.parts[g.norm(m["mp_p"])]
        if m["mp_r"] is not None:
            return _in_month_phrase(span, g, m["mp_r"], part.day, part.precision, published)
        return _named_month(span, g, m, "mp", part.day, part.precision, False, published, anchor)
    if m["n_n"] is not None:
        return _counted(span, g, m["n_n"], m["n_u"], m["n_w"], published)
    if m["w_n"] is not None:
        if g.norm(m["w_w"]) in g.ago and g.blocker is not None and g.blocker.match(text, end):
            return None  # "قبل ثلاثة أيام من الهجوم": three days before the attack
        return _counted(span, g, m["w_n"], m["w_u"], m["w_w"], published)
    if m["wd_day"] is not None:
        around = f" {g.norm(m['wd_pre'] or '')} {g.norm(m['wd_post'] or '')} "
        last = any(w in around for w in g.last)
        weekday = g.weekdays[g.norm(m["wd_day"])]
        return DateMention(
            span, _weekday(weekday, last, published), "day", True, "weekday", weekday=weekday
        )
    if m["yr_y"] is not None:
        return _year(m, g, text)
    return None


def _ambiguous(m: re.Match[str], group: str, g: _Grammar, text: str) -> bool:
    """A month name that is also a common word ("may", "march"), written in lower case."""
    return g.norm(m[group]) in g.ambiguous and not text[m.start(group)].isupper()


def _fixed(
    span: Span, key: str, g: _Grammar, text: str, published: date | None
) -> DateMention | None:
    """A phrase of the lexicon: relative to publication, anchored, or not a date at all."""
    if key in g.relative:
        if key in g.blockable and g.blocker is not None and g.blocker.match(text, span.end):
            return None
        off = g.relative[key]
        value = _shift(published, off) if published is not None else None
        return DateMention(span, value, off.precision, True, "relative")
    if key in g.anchored:
        off = g.anchored[key]
        if off.days() is None:
            return None
        return DateMention(span, None, off.precision, True, "anchored", off.days())
    return None  # not a date ("Black September")


def _full(span: Span, y: int, month: int, day: int) -> DateMention | None:
    """A date written with its year; None for a day that does not exist (31/02/2019)."""
    value = _safe(y, month, day) if y in YEARS else None
    return DateMention(span, value, "day", False, "absolute") if value else None


def _kind(precision: str) -> str:
    """A day of a month is an absolute date; a part of a month or the whole one is a month."""
    return "absolute" if precision == "day" else "month"


def _named_month(
    span: Span,
    g: _Grammar,
    m: re.Match[str],
    group: str,
    day: int,
    precision: str,
    ambiguous: bool,
    published: date | None,
    anchor: date | None,
) -> DateMention | None:
    """A day or part (`day`) of the month named in `<group>_m`, with its year in `<group>_y`, a
    word counting it from publication in `<group>_q` ("الجاري", "الماضي"), or neither."""
    month = g.months[g.norm(m[f"{group}_m"])]
    if m[f"{group}_q"] is not None:
        word = m[f"{group}_q"]
        return _counted_month(span, g, month, day, precision, word, published, anchor)
    year = _number(m[f"{group}_y"]) if m[f"{group}_y"] is not None else None
    return _day_month(span, month, day, year, ambiguous, published, anchor, precision)


def _counted_month(
    span: Span,
    g: _Grammar,
    month: int,
    day: int,
    precision: str,
    word: str,
    published: date | None,
    anchor: date | None,
) -> DateMention | None:
    """A month counted from publication: "كانون الثاني الجاري" is in the publication year,
    "آذار الماضي" the last March before the publication month (last year's when the report is
    of March or earlier). Without a publication date, as a month named without a year: the
    year that puts it nearest the last full date told before."""
    value = None
    if published is not None:
        year = published.year
        if g.norm(word) in g.previous and month >= published.month:
            year -= 1
        value = _safe(year, month, day)
    elif anchor is not None:
        value = _nearest(month, day, anchor)
    unknown_year = (month, day) if value is None and precision == "day" else None
    return DateMention(span, value, precision, False, _kind(precision), month_day=unknown_year)


def _in_month_phrase(
    span: Span, g: _Grammar, phrase: str, day: int, precision: str, published: date | None
) -> DateMention | None:
    """A day or part of the month a relative phrase names: "الثالث من الشهر الجاري"."""
    off = g.relative.get(g.norm(phrase))
    if off is None:
        return None
    first = _shift(published, off) if published is not None else None
    value = _safe(first.year, first.month, day) if first is not None else None
    if day > 28 and first is not None and value is None:
        return None  # "the 31st of this month" in a month of 30 days
    return DateMention(span, value, precision, False, _kind(precision))


def _day_month(
    span: Span,
    month: int,
    day: int,
    year: int | None,
    ambiguous: bool,
    published: date | None,
    anchor: date | None,
    precision: str = "day",
) -> DateMention | None:
    """A day (or part, at a coarser `precision`) of a month; without a year, the latest such
    day not after publication, or else the one nearest the last full date told before."""
    if year is not None:
        value = _safe(year, month, day) if year in YEARS else None
        return DateMention(span, value, precision, False, _kind(precision)) if value else None
    if ambiguous:
        return None  # "the toll may 2", "a march 18 km long"
    if _safe(2000, month, day) is None:  # a leap year: no such day in any year
        return None
    value = None
    if published is not None:
        # one day of grace: a report dated in one time zone may tell of "today" in another
        grace = published + timedelta(days=1) if published < date.max else published
        value = _on_or_before(month, day, grace)
    elif anchor is not None:
        value = _nearest(month, day, anchor)
    unknown_year = (month, day) if value is None and precision == "day" else None
    return DateMention(span, value, precision, False, _kind(precision), month_day=unknown_year)


def _counted(
    span: Span, g: _Grammar, n: str, unit: str, word: str, published: date | None
) -> DateMention | None:
    """A count of units from publication ("two days ago") or from the event told before
    ("three days after")."""
    key, name = g.norm(n), g.units[g.norm(unit)]
    count = g.numbers[key] if key in g.numbers else int(key)
    if g.norm(word) in g.ago:
        off = _Offset(name, -count, _UNITS[name])
        value = _shift(published, off) if published is not None else None
        return DateMention(span, value, off.precision, True, "relative")
    off = _Offset(name, count * g.directions[g.norm(word)], _UNITS[name])
    if off.days() is None:
        return None  # "two months later": no day to count to
    return DateMention(span, None, off.precision, True, "anchored", off.days())


def _weekday(weekday: int, last: bool, published: date | None) -> date | None:
    """The latest such weekday on or before publication (strictly before after "last")."""
    if published is None:
        return None
    back = (published.weekday() - weekday) % 7 or (7 if last else 0)
    try:
        return published - timedelta(days=back)
    except OverflowError:
        return None


def _year(m: re.Match[str], g: _Grammar, text: str) -> DateMention | None:
    """A bare year, when it stands as the date of something: not "resulted in 2000 deaths"."""
    y = _number(m["yr_y"])
    if y not in YEARS:
        return None
    following = text[m.start("yr_next") : m.end("yr_next")]
    if following and following[0] not in _CLAUSE_END:
        word = _WORD.match(following).group()  # type: ignore[union-attr]
        if word and word[0].islower() and g.norm(word) not in g.followers:
            return None
    start, end = m.span("body")
    return DateMention(Span(start, end), date(y, 1, 1), "year", False, "year")


def _without_named_weekdays(found: list[DateMention], text: str) -> list[DateMention]:
    """A weekday written beside the full date it names ("Friday, 18 January 2019") is part
    of that date, not a second one; beside a day and month of unknown year ("اليوم الجمعة 6
    تشرين الأول") it is kept: it tells which years that day can be of."""
    if len(found) < 2:
        return found
    out: list[DateMention] = []
    for i, d in enumerate(found):
        if d.kind == "weekday" and any(
            0 <= j < len(found)
            and found[j].kind == "absolute"
            and found[j].month_day is None
            and _BETWEEN.fullmatch(
                text,
                min(d.span.end, found[j].span.end),
                max(d.span.start, found[j].span.start),
            )
            for j in (i - 1, i + 1)
        ):
            continue
        out.append(d)
    return out


# --------------------------------------------------------------------------- publication dates
_ISO_HEAD = re.compile(rf"\s*({_D}{{4}})-({_D}{{1,2}})-({_D}{{1,2}})(?!{_D})")


def parse_published(value: str | date | None) -> date | None:
    """A publication date as written in page metadata or a dateline, in English or Arabic
    ("2019-01-30T10:00:00Z", "January 30, 2019", "23 نوفمبر 2025", "18 كانون الثاني 2019");
    None when it names no single day (never a guess: no year means no date)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    head = _ISO_HEAD.match(value)  # also the first of several stamps: "2019-01-30T10:00 ..."
    if head:
        y, mo, d = (int(p) for p in head.groups())
        return _safe(y, mo, d) if y in YEARS else None
    text = " ".join(value.split())
    if not text or len(text) > 200:
        return None
    for lang in _date_languages():
        for mention in find_dates(text, lang):
            if mention.kind == "absolute" and mention.value is not None:
                return mention.value
    return _dateparser(text)


@cache
def _date_languages() -> tuple[str, ...]:
    return tuple(lang for lang in languages() if load(lang, "dates"))


@lru_cache(maxsize=1024)
def _dateparser(text: str) -> date | None:
    """dateparser for forms our patterns do not know; strict, so it never fills in a missing
    day, month or year from today."""
    import dateparser  # slow to import; only odd publication dates need it

    settings = {
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "STRICT_PARSING": True,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(text, languages=list(_date_languages()), settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; unparseable is fine
        return None
    return parsed.date() if parsed is not None else None
