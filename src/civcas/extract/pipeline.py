"""Run every extractor over one report and assemble its claims."""

from __future__ import annotations

from civcas.extract.actors import find_actors
from civcas.extract.casualties import find_casualties
from civcas.extract.dates import find_dates
from civcas.extract.events import find_events
from civcas.extract.incidents import Mentions, build_claims
from civcas.extract.places import find_places
from civcas.extract.sentences import split_sentences
from civcas.extract.victims import find_victim_names
from civcas.model import Extraction, Report


def detect_language(text: str) -> str:
    """'ar' when most letters are Arabic script, else 'en' (a stand-in until the Arabic issue
    brings a real detector)."""
    arabic = latin = 0
    for ch in text[:2000]:
        if "\u0600" <= ch <= "\u06ff":
            arabic += 1
        elif ch.isalpha():
            latin += 1
    return "ar" if arabic > latin else "en"


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
    )


def extract_report(report: Report) -> Extraction:
    """The claims of one report (contract 2). Never raises on odd text."""
    lang = report.lang or detect_language(report.text)
    claims = build_claims(find_mentions(report, lang))
    return Extraction(report=report, lang=lang, claims=claims)
