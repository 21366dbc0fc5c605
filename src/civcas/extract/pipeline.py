"""Run every extractor over one report and assemble its claims."""

from __future__ import annotations

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
from civcas.model import Extraction, Report


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


def _by_script(text: str) -> str:
    """'ar' when most letters are Arabic script, else 'en'."""
    arabic = latin = 0
    for ch in text:
        if "\u0600" <= ch <= "\u06ff":
            arabic += 1
        elif ch.isalpha():
            latin += 1
    return "ar" if arabic > latin else "en"


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


def find_mentions(report: Report, lang: str) -> Mentions:
    """Every mention of every extractor in the report's text."""
    text = report.text
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
    )


def extract_report(report: Report) -> Extraction:
    """The claims of one report (contract 2). Never raises on odd text."""
    lang = report.lang or detect_language(report.text)
    claims = build_claims(find_mentions(report, lang))
    return Extraction(report=report, lang=lang, claims=claims)
