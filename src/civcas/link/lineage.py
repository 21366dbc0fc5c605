"""Copy families (lineages): reports that copy one another count as one source.

A wire story run by ten outlets, a repost under a new headline or with a few lines added, is
one account, not ten: assessment counts independent sources by lineage. Each report's text is
cut into word shingles and MinHashed; two reports are copies when the estimated Jaccard
similarity of their shingle sets reaches the threshold. A family is named after its first
report: earliest published, then smallest id. Two ways to find the pairs to compare:

- `find_lineages` / `LineageIndex`: among all reports given, MinHashLSH proposing the reports
  that may be alike (no all-pairs comparison, but an index of about 5 KB a report, and
  candidates that grow with boilerplate shared across outlets);
- `copy_families`: among given pairs only. Linking (`link_claims(find_copies=True)`) gives it
  the reports of its candidate pairs, the only ones whose copies change a link: near-linear,
  256 bytes a report (a one-permutation MinHash signature), no index.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from datasketch import MinHash, MinHashLSH

from civcas.link.blocking import expand_ranges
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


# ----------------------------------------------------------------- copies among candidate pairs
#
# LineageIndex looks for copies among ALL reports (an LSH index of about 5 KB a report, and
# candidates that grow with boilerplate shared across outlets). Linking needs copies only where
# two reports' claims may be one incident, that is among the candidate pairs of blocking (near
# in time and on the map). `copy_families` compares just those pairs: a one-permutation MinHash
# signature per report (one hash per shingle, the smallest per bin: `num_perm` bins of 4 bytes),
# the estimated Jaccard similarity of each pair from its two signatures, and union-find.

EMPTY = np.uint32(0xFFFFFFFF)  # a bin no shingle fell into
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every bit of the input moves every bit of the output."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signatures(
    texts: Sequence[str], bins: int = 64, words: int = 3, chunk: int = 4096
) -> np.ndarray:
    """One-permutation MinHash of each text's shingles (runs of `words` words, folded): a row
    of `bins` uint32 values per text, the smallest hash of the shingles that fall in each bin
    (EMPTY where none does). Deterministic across processes (crc32 of each word)."""
    out = np.full((len(texts), bins), EMPTY, dtype=np.uint32)
    word_hash: dict[str, int] = {}
    for first in range(0, len(texts), chunk):
        flat: list[int] = []
        lengths = np.zeros(min(chunk, len(texts) - first), dtype=np.int64)
        for k, text in enumerate(texts[first : first + chunk]):
            tokens = _WORD.findall(text.lower())
            for t in tokens:
                if t not in word_hash:
                    word_hash[t] = zlib.crc32(t.encode("utf-8"))
            flat += [word_hash[t] for t in tokens]
            lengths[k] = len(tokens)
        if len(word_hash) > 1 << 21:  # a bounded memo: the words of the last chunk are enough
            word_hash.clear()
        if not flat:
            continue
        hashes = np.asarray(flat, dtype=np.uint64) + np.uint64(1)  # 0: no word
        ends = np.cumsum(lengths)
        # a text of fewer than `words` words is one shingle of all of them
        count = np.where(lengths > 0, np.maximum(lengths - words + 1, 1), 0)
        pos = expand_ranges(ends - lengths, count)
        end = np.repeat(ends, count)
        h = np.zeros(len(pos), dtype=np.uint64)
        for k in range(words):
            at = pos + k
            h = h * _GOLDEN + np.where(at < end, hashes[np.minimum(at, len(hashes) - 1)], 0)
        h = _mix(h)
        cell = np.repeat(np.arange(len(lengths), dtype=np.int64) * bins, count) + (
            h % np.uint64(bins)
        ).astype(np.int64)
        value = np.minimum(h >> np.uint64(32), np.uint64(EMPTY - 1)).astype(np.uint32)
        block = out[first : first + len(lengths)]
        np.minimum.at(block.reshape(-1), cell, value)
    return out


def similarity(sig: np.ndarray, a: np.ndarray, b: np.ndarray, chunk: int = 1 << 16) -> np.ndarray:
    """Estimated Jaccard similarity of the shingles of rows a[k] and b[k] of `sig`: the share of
    bins, among those not empty in both, where the two agree (0 where both texts are empty)."""
    out = np.zeros(len(a), dtype=np.float64)
    bins = sig.shape[1]
    for first in range(0, len(a), chunk):
        x, y = sig[a[first : first + chunk]], sig[b[first : first + chunk]]
        same = ((x == y) & (x != EMPTY)).sum(axis=1)
        both_empty = ((x == EMPTY) & (y == EMPTY)).sum(axis=1)
        out[first : first + chunk] = same / np.maximum(bins - both_empty, 1)
    return out


def copy_families(
    reports: Sequence[Report], a: np.ndarray, b: np.ndarray, settings: LinkSettings | None = None
) -> np.ndarray:
    """For each report, the position of the first report (earliest published, then smallest
    id) of its copy family, comparing only the pairs (reports[a[k]], reports[b[k]]): two reports
    are copies when the estimated Jaccard similarity of their word shingles reaches the
    lineage threshold (as find_lineages, without looking beyond these pairs)."""
    s = settings or default_settings()
    n = len(reports)
    first = np.arange(n, dtype=np.int64)
    if len(a) == 0:
        return first
    used = np.zeros(n, dtype=bool)
    used[a] = used[b] = True
    at = np.flatnonzero(used)
    row = np.zeros(n, dtype=np.int64)
    row[at] = np.arange(len(at))  # report position -> its row of signatures
    sig = signatures([reports[r].text for r in at.tolist()], s.num_perm, s.shingle_words)
    alike = similarity(sig, row[a], row[b]) >= s.lineage_threshold
    del sig
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for x, y in zip(a[alike].tolist(), b[alike].tolist(), strict=True):
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    families: dict[int, list[int]] = {}
    for x in parent:
        families.setdefault(root(x), []).append(x)
    for r, members in families.items():
        members.append(r)
        head = min(members, key=lambda m: _first_key(reports[m]))
        first[members] = head
    return first
