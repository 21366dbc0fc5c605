"""Scoring extraction and linking against gold reports (`civcas eval`, eval/ANNOTATION.md)."""

from civcas.evaluate.report import format_scores
from civcas.evaluate.score import (
    ADMIN1_ALIASES,
    FIELDS,
    Counts,
    FieldScore,
    LinkScore,
    Scores,
    admin1_canonical,
    admin1_right,
    bcubed,
    date_right,
    match_incidents,
    normalise_name,
    place_key,
    place_right,
    places_equal,
    score,
)

__all__ = [
    "ADMIN1_ALIASES",
    "FIELDS",
    "Counts",
    "FieldScore",
    "LinkScore",
    "Scores",
    "admin1_canonical",
    "admin1_right",
    "bcubed",
    "date_right",
    "format_scores",
    "match_incidents",
    "normalise_name",
    "place_key",
    "place_right",
    "places_equal",
    "score",
]
