"""Plain text and Markdown files: one report a file.

The report text is the whole file content (normalised only as `normalize_text` says), title line
included, so evidence offsets into it are offsets into the file as read.
"""

from __future__ import annotations

from collections.abc import Iterator

from civcas.ingest.base import ReadOptions
from civcas.ingest.errors import IngestError
from civcas.ingest.normalize import clean_field, normalize_text
from civcas.model import Report


def read_plain(text: str, item: str, options: ReadOptions) -> Iterator[Report | IngestError]:
    """The whole file as one report; its first non-empty line is the title."""
    body = normalize_text(text)
    yield Report(text=body, title=_first_line(body), source=item)


def _first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return clean_field(line.strip().lstrip("#").strip() or line)  # "# Title" in Markdown
    return None
