"""Run every extractor over one report and assemble its claims."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from functools import cache
from typing import Any

from civcas.extract.actors import find_actors
from civcas.extract.casualties import find_casualties
from civcas.extract.dates import find_dates
from civcas.extract.events import find_events
from civcas.extract.incidents import Mentions, build_claims
from civcas.extract.places import find_places
from civcas.extract.sentences import split_sentences
from civcas.extract.victims import find_victim_names
from civcas.knowledge.lexicon import languages
from civcas.model import Claim, Extraction, Report, Span


def detect_language(text: str) -> str:
    """The language of `text` among those civcas has lexicons for, by lingua (a maintained
    n-gram detector, offline); a text with too few letters for it, or one it cannot decide,
    goes by which script most of its letters are written in."""
    sample = text[:2000]
    detector = _detector()
    if detector is not None and sum(ch.isalpha() for ch in sample[:200]) >= _MIN_LETTERS:
        found = detector.detect_language_of(sample)
        if found is not None:
            return found.iso_code_639_1.name.lower()
    return _by_script(sample)


_MIN_LETTERS = 4  # fewer letters than this: the script says more than any model


_AR = "\u0621-\u064a"  # the Arabic letters, hamza to yeh
# The letters of each lexicon language's script.
_SCRIPT_LETTERS = {"ar": re.compile(f"[{_AR}]"), "en": re.compile(r"[A-Za-z\u00c0-\u024f]")}


def _by_script(text: str) -> str:
    """'ar' when most letters are Arabic script, else 'en'."""
    letters = _letters_by_language(text)
    return "ar" if letters["ar"] > letters["en"] else "en"


def _letters_by_language(text: str) -> dict[str, int]:
    """How many letters of `text` are in each lexicon language's script (Arabic, Latin)."""
    return {lang: len(letters.findall(text)) for lang, letters in _SCRIPT_LETTERS.items()}


# Letters of the other script a text needs for a second reading when the first finds nothing:
# an Arabic post inside an English page's furniture ("Copy link to Tweet", "Embed Tweet").
SECOND_READING_LETTERS = 20


@cache
def _detector() -> Any:
    """lingua restricted to the languages with lexicons (None where it is not installed)."""
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        return None
    codes = [getattr(IsoCode639_1, lang.upper(), None) for lang in languages()]
    codes = [c for c in codes if c is not None]
    if len(codes) < 2:
        return None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


# A run of Latin letters touching an Arabic word: "@Levant24_arشنت طائرات", "Qasemqtغارة",
# "Shared with Publicشهداء", where a copied post runs its author's handle or the page's
# furniture into its first word; and the marks of a hashtag ("بمدينة #حلب", "#ريف_إدلب"), which
# would part a place from the words that introduce it. (Digits alone stay: "5قتلى" is a count.)
_GLUED = re.compile(
    f"[A-Za-z0-9_#]*[A-Za-z_#](?=[{_AR}])|(?<=[{_AR}])[A-Za-z_#][A-Za-z0-9_#]*"
)


def matching_text(text: str) -> str:
    """`text` with each run of Latin letters (or hashtag marks) glued to an Arabic word made
    spaces: the same length (evidence offsets hold), the Arabic word whole for every extractor,
    and no cut Latin word left for the place finder to misread ("Publi")."""
    if not _SCRIPT_LETTERS["ar"].search(text) or not _GLUED.search(text):
        return text
    return _GLUED.sub(lambda m: " " * len(m[0]), text)


# Tatweel, the tatweel-dot or tatweel-space, and a dot between two letters, that cut a word
# against moderation filters ("غـ.ـارة", "مقـ.ـتل", "قضـ ـوا", "الحـ.ـر.بي", "د.اع.ش"): not
# matched on (evidence offsets map back to the text). A dot between two words of three letters
# or more is a full stop with the next sentence run into it ("وروسيا.عزاؤنا"), not a cut.
_WORD_CUTS = re.compile(
    f"\u0640+(?:[. \\-_]\u0640+)?"
    f"|(?<![{_AR}]{{3}})(?<=[{_AR}])\\.(?=[{_AR}])"
    f"|(?<=[{_AR}])\\.(?=[{_AR}]{{1,2}}(?![{_AR}]))"
)


def _uncut_words(text: str) -> tuple[str, list[int]] | None:
    """`text` without tatweel and the separators it cuts words with, and the offset in `text`
    of each character of the result (one more for its end); None where there is none."""
    first = _WORD_CUTS.search(text)
    if first is None:
        return None
    pieces: list[str] = []
    back: list[int] = []
    at = 0
    for m in _WORD_CUTS.finditer(text, first.start()):
        pieces.append(text[at : m.start()])
        back.extend(range(at, m.start()))
        at = m.end()
    pieces.append(text[at:])
    back.extend(range(at, len(text)))
    back.append(len(text))
    return "".join(pieces), back


def _mapped_back(value: Any, back: list[int]) -> Any:
    """`value` (a claim, its victims, a span, lists and maps of them) with every span moved
    from the matching view's offsets to the report's text."""
    if isinstance(value, Span):
        start = back[value.start]
        end = back[value.end - 1] + 1 if value.end > value.start else start
        return Span(start, end)
    if isinstance(value, list):
        return [_mapped_back(v, back) for v in value]
    if isinstance(value, dict):
        return {k: _mapped_back(v, back) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _mapped_back(getattr(value, f.name), back)
            for f in fields(value)
            if isinstance(getattr(value, f.name), Span | list | dict)
            or is_dataclass(getattr(value, f.name))
        }
        return replace(value, **changes) if changes else value
    return value


def _quoted_from(claim: Claim, text: str) -> Claim:
    """A claim read on the matching view, its evidence already on the report's text, with its
    quotations (the place as written, the perpetrator's words) in the report's own words."""
    for name in ("place", "perpetrator_evidence"):
        span = claim.evidence.get(name)
        if getattr(claim, name) is not None and span is not None:
            setattr(claim, name, span.of(text))
    return claim


def find_mentions(report: Report, lang: str, view: str | None = None) -> Mentions:
    """Every mention of every extractor in `view` (default: the report's matching text: glued
    Latin runs blanked, offsets those of the report's text)."""
    text = matching_text(report.text) if view is None else view
    sentences = split_sentences(text)
    return Mentions(
        text=text,
        sentences=sentences,
        dates=find_dates(text, lang, report.published),
        places=find_places(text, lang),
        casualties=find_casualties(text, lang),
        actors=find_actors(text, sentences, lang),
        events=find_events(text, lang),
        names=find_victim_names(text, lang),
        lang=lang,
        published=report.published,
        title=report.title,
        hashtags=_hashtags(report.text) if len(text) == len(report.text) else [],
    )


_HASHTAG = re.compile(r"#\w+")


def _hashtags(text: str) -> list[Span]:
    """Where the report's hashtags stand ("#العدوان_الروسي"): the matching view blanks their
    marks, and a post's hashtags tag all of it."""
    return [Span(m.start(), m.end()) for m in _HASHTAG.finditer(text)]


def extract_report(report: Report) -> Extraction:
    """The claims of one report (contract 2). Never raises on odd text.

    A report read in its language (given and known to civcas, else detected) that yields no
    claim is read again in the language of its other script where that holds enough letters:
    pages copied from social media put an Arabic post among English buttons and notices, which
    decide the detector.
    Words cut with tatweel ("غـ.ـارة") are read whole; the evidence is on the report's text."""
    view = matching_text(report.text)
    cut = _uncut_words(view)
    reading = cut[0] if cut else view
    # a language without lexicons ("und", "ku") is read as the text's own
    lang = report.lang if report.lang in _known_languages() else detect_language(report.text)
    claims = _claims(report, lang, reading)
    if not claims:
        letters = _letters_by_language(report.text)
        for other in sorted(letters, key=letters.__getitem__, reverse=True):
            if other != lang and letters[other] >= SECOND_READING_LETTERS:
                claims = _claims(report, other, reading)
                if claims:
                    lang = other
                    break
    if cut is not None:
        claims = [_mapped_back(c, cut[1]) for c in claims]
    if reading is not report.text:
        claims = [_quoted_from(c, report.text) for c in claims]
    return Extraction(report=report, lang=lang, claims=claims)


@cache
def _known_languages() -> frozenset[str]:
    return frozenset(languages())


def _claims(report: Report, lang: str, view: str) -> list[Claim]:
    return build_claims(find_mentions(report, lang, view))
