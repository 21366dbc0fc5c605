"""Small helpers every part of the ledger's storage shares."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from civcas.store.schema import HistoryRow


def now() -> datetime:
    """The time stamp of a change (UTC, stored naive: SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """`items` in slices of `size`: IN (...) lists stay under the databases' parameter limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def history_row(
    at: datetime, run_id: str | None, entity: str, entity_id: str, action: str, detail: Any
) -> HistoryRow:
    return HistoryRow(
        at=at, run_id=run_id, entity=entity, entity_id=entity_id, action=action, detail=detail
    )
