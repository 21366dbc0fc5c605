"""Publication dates of reports: one parser for the whole project, the date extractor's
(English and Arabic, both month-name systems; no guessing)."""

from __future__ import annotations

from civcas.extract.dates import parse_published

__all__ = ["parse_published"]
