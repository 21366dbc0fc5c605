"""JSON Lines writers: linked claims (contract 3 of DESIGN.md) and incident records."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TextIO

from civcas.export.common import Record, WriteResult

# A report (with at least "id" and "lang") and its claims, each carrying its "incident" id.
ReportClaims = tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _line(stream: TextIO, obj: Any) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False, default=_default) + "\n")


def linked_claim(claim: Mapping[str, Any], names: bool = True) -> dict[str, Any]:
    """A contract-2 claim plus its "incident" id; `names=False` blanks the victims' names."""
    out = dict(claim)
    out["incident"] = claim.get("incident")
    if not names:
        out["victim_names"] = []
        evidence = dict(out.get("evidence") or {})
        evidence.pop("victim_names", None)
        out["evidence"] = evidence
        out.pop("victims", None)  # the details name their person too
    return out


def write_claims(
    records: Iterable[ReportClaims], stream: TextIO, *, names: bool = True
) -> WriteResult:
    """One line per report: {"id", "lang", "incidents": [claim + "incident"]} (contract 3)."""
    written = 0
    for report, claims in records:
        incidents = [linked_claim(c, names) for c in claims]
        _line(stream, {"id": report["id"], "lang": report.get("lang"), "incidents": incidents})
        written += 1
    return WriteResult(written)


def write_incidents(records: Iterable[Record], stream: TextIO) -> WriteResult:
    """One line per incident record, as `Assessment.to_dict()` gives it."""
    written = 0
    for record in records:
        _line(stream, dict(record))
        written += 1
    return WriteResult(written)
