"""Named victims against the reported toll: "21 killed, 6 named, 15 unnamed".

A monitor checks a count by its names; the gap between them is the work left (or a sign that
reports count different people). The toll is the incident's killed range across sources.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """An incident's named persons beside its killed range."""

    killed_low: int | None
    killed_high: int | None
    named: int
    implied: int  # people the reports count without names ("and his three children")
    unnamed_low: int | None
    unnamed_high: int | None

    @property
    def named_exceed_toll(self) -> bool:
        """More persons named than the highest toll: the count or the names need a look."""
        return self.killed_high is not None and self.named > self.killed_high

    @property
    def text(self) -> str:
        killed = _span(self.killed_low, self.killed_high)
        if killed is None:
            return f"no toll given, {self.named} named"
        unnamed = _span(self.unnamed_low, self.unnamed_high)
        out = f"{killed} killed, {self.named} named, {unnamed} unnamed"
        if self.implied:
            out += f" ({self.implied} of them counted by relation)"
        if self.named_exceed_toll:
            out += "; more named than the highest toll"
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "killed_low": self.killed_low,
            "killed_high": self.killed_high,
            "named": self.named,
            "implied": self.implied,
            "unnamed_low": self.unnamed_low,
            "unnamed_high": self.unnamed_high,
            "text": self.text,
        }


def reconcile(
    counts: Mapping[str, Any], named: int, implied: Sequence[int | None] = ()
) -> Reconciliation:
    """Named persons against `counts["killed"]` (an Assessment's low/high range)."""
    killed = counts.get("killed") or {}
    low, high = killed.get("low"), killed.get("high")
    if high is None:
        high = low
    return Reconciliation(
        killed_low=low,
        killed_high=high,
        named=named,
        implied=sum(n for n in implied if n),
        unnamed_low=None if low is None else max(0, low - named),
        unnamed_high=None if high is None else max(0, high - named),
    )


def _span(low: int | None, high: int | None) -> str | None:
    if low is None:
        return None
    return str(low) if high in (None, low) else f"{low}–{high}"
