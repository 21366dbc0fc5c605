"""Copy families (lineages): reports that copy one another count as one source.

A wire story run by ten outlets, a repost under a new headline or with a few lines added, is
one account, not ten: assessment counts independent sources by lineage. Each report's text is
cut into word shingles and MinHashed; MinHashLSH proposes reports that may be alike (no
all-pairs comparison), and a candidate joins the family only when the estimated Jaccard
similarity of the two shingle sets reaches the threshold. A family is named after its first
report: earliest published, then smallest id.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from civcas.link.settings import LinkSettings, default_settings
from civcas.model import Report

_WORD = re.compile(r"\w+")


def shingles(text: str, words: int) -> list[bytes]:
    """The text's runs of `words` consecutive words (folded), as bytes for hashing."""
    tokens = _WORD.findall(text.casefold())
    if len(tokens) <= words:
        return [" ".join(tokens).encode("utf-8")] if tokens else []
    return [
        " ".join(tokens[i : i + words]).encode("utf-8") for i in range(len(tokens) - words + 1)
    ]


def _first_key(report: Report) -> tuple[date, str]:
    return (report.published or date.max, report.id)


class LineageIndex:
    """Reports added so far, grouped into copy families; new reports are added against them."""

    def __init__(
        self, settings: LinkSettings | None = None, threshold: float | None = None
    ) -> None:
        s = settings or default_settings()
        self.threshold = s.lineage_threshold if threshold is None else float(threshold)
        self.words = s.shingle_words
        # crc32 is enough: MinHash mixes every value before permuting it (and it is stable
        # across processes, unlike hash())
        self._template = MinHash(num_perm=s.num_perm, hashfunc=zlib.crc32)
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=s.num_perm)
        self._hashes: dict[str, np.ndarray] = {}  # report id -> its MinHash values
        self._parent: dict[str, str] = {}
        self._first: dict[str, tuple[date, str]] = {}  # family root -> its first report's key

    def __len__(self) -> int:
        return len(self._parent)

    def _root(self, rid: str) -> str:
        parent = self._parent
        while parent[rid] != rid:
            parent[rid] = parent[parent[rid]]
            rid = parent[rid]
        return rid

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra == rb:
            return
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._first[ra] = min(self._first[ra], self._first.pop(rb))

    def add(self, report: Report) -> str:
        """Add one report (again: no-op); the id of its family's first report."""
        rid = report.id
        if rid in self._parent:
            return self.lineage(rid)
        self._parent[rid] = rid
        self._first[rid] = _first_key(report)
        grams = shingles(report.text, self.words)
        if not grams:
            return rid
        mh = self._template.copy()
        mh.update_batch(grams)
        values = mh.hashvalues
        for other in sorted(self._lsh.query(mh)):
            # the estimated Jaccard similarity (as MinHash.jaccard), from the values kept
            if np.count_nonzero(values == self._hashes[other]) >= self.threshold * len(values):
                self._union(rid, other)
        self._lsh.insert(rid, mh)
        self._hashes[rid] = values
        return self.lineage(rid)

    def update(self, reports: Iterable[Report]) -> None:
        """Add many reports."""
        for r in reports:
            self.add(r)

    def lineage(self, report_id: str) -> str:
        """The id of the first report of `report_id`'s family (its own id when alone)."""
        return self._first[self._root(report_id)][1]

    def lineages(self) -> dict[str, str]:
        """Every report id -> the id of its family's first report."""
        return {rid: self.lineage(rid) for rid in self._parent}


def find_lineages(reports: Sequence[Report], threshold: float | None = None) -> dict[str, str]:
    """Every report id -> the id of the first report (earliest published, then id) of its copy
    family. `threshold`: the estimated Jaccard similarity of word shingles that makes a copy
    (data/linking.toml when None)."""
    index = LineageIndex(threshold=threshold)
    index.update(sorted(reports, key=_first_key))
    return index.lineages()
