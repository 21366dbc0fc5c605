"""Extraction: from one report's text to evidence-backed claims, one per incident it names.

Small components, each finding one kind of mention (dates, places, counts, actors, attack
words, names); `incidents` groups them into claims. Nothing here needs a network or a model.
The pipeline is imported lazily so that one component can be used without loading the rest.
"""

from __future__ import annotations

from typing import Any

__all__ = ["detect_language", "extract_report"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from civcas.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
