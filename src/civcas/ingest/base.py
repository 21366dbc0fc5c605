"""What every format reader is: decoded file text in, Reports and IngestErrors out."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from civcas.ingest.errors import IngestError
from civcas.model import Report


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Caller choices a reader may need (only the CSV reader uses one today)."""

    text_column: str | None = None


# reader(text, item, options): `text` is the decoded file, `item` its name for sources and errors.
Reader = Callable[[str, str, ReadOptions], Iterator[Report | IngestError]]
