"""Read reports from files (JSON Lines, JSON, text, HTML, CSV/TSV) into `civcas.model.Report`.

`read_reports` never raises for bad input: a bad file, line or row is yielded as an `IngestError`
naming it, and the rest of the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from civcas.ingest.base import ReadOptions
from civcas.ingest.decode import decode, read_bytes
from civcas.ingest.errors import BadItem, IngestError
from civcas.ingest.registry import READERS, reader_for
from civcas.ingest.sources import count_inputs, expand_inputs, iter_sources
from civcas.model import Report

__all__ = ["READERS", "IngestError", "count_inputs", "expand_inputs", "read_reports"]

DEFAULT_MAX_BYTES = 20_000_000


def read_reports(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    text_column: str | None = None,
) -> Iterator[Report | IngestError]:
    """Reports from files, directories and glob patterns, with an IngestError for each bad item.

    `max_bytes` caps each file; `text_column` names the text column of CSV/TSV files. Reports
    with the same id and text as one already read are skipped (re-ingesting is a no-op); the
    same id with a different text is an error.
    """
    options = ReadOptions(text_column=text_column)
    first_seen: dict[str, tuple[str, str | None]] = {}  # id -> (content hash, source)
    for found in iter_sources(inputs):
        if isinstance(found, IngestError):
            yield found
            continue
        for result in _read_file(found, max_bytes, options):
            if isinstance(result, Report):
                verdict = _check_duplicate(result, first_seen)
                if verdict is None:
                    continue
                result = verdict
            yield result


def _read_file(path: Path, max_bytes: int, options: ReadOptions) -> Iterator[Report | IngestError]:
    item = str(path)
    try:
        text = decode(read_bytes(path, max_bytes))
    except BadItem as exc:
        yield IngestError(item, exc.reason)
        return
    try:
        yield from reader_for(path, text)(text, item, options)
    except Exception as exc:  # a reader bug must not end the batch: report it for this file
        yield IngestError(
            item,
            f"unexpected {type(exc).__name__} while reading ({exc}); the rest of this file "
            "was skipped; please report this as a civcas bug",
        )


def _check_duplicate(
    report: Report, first_seen: dict[str, tuple[str, str | None]]
) -> Report | IngestError | None:
    """The report if its id is new, None for an exact re-read, an error for a clashing id."""
    digest = report.hash
    previous = first_seen.get(report.id)
    if previous is None:
        first_seen[report.id] = (digest, report.source)
        return report
    if previous[0] == digest:
        return None
    return IngestError(
        report.source or report.id,
        f'duplicate id "{report.id}" with different text (first read from {previous[1]}); '
        "give each report its own id",
    )
