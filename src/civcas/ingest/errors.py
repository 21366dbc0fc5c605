"""The one value ingest yields for a bad item, so one bad file never stops a batch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class IngestError:
    """A bad input item: where it is (`file`, `file:LINE`, `file:row N`) and what to do about it.

    It is yielded, not raised, so callers can log it and go on with the rest of the batch.
    """

    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.item}: {self.reason}"


class BadItem(Exception):
    """Raised inside ingest where an item cannot be read; turned into an `IngestError`."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
