"""Candidate pairs without comparing all pairs: near in time AND near on the map.

Every claim gets block keys: its place key, four grid cells (cells 2×geo_km wide on four
shifted grids, so any two claims within geo_km share a cell on at least one) where it has
coordinates finer than a governorate's, and its governorate (paired only where one of the two
claims has no such coordinates). Claims with a day-precision date are sorted by (key, day) and
paired with the next ones of the same key while the days stay within the window: one sweep of
array offsets, vectorised. In a crowded block (a big city on a busy day) each claim meets at
most `max_neighbours` claims on each side per key; how many were cut short is counted in the
stats. Claims with a coarse date (week, month, year) or none have only their place key (or
their governorate where they name no place) and look up the day-precision claims of it whose
days fit (undated ones: the weeks before their report was published, else any day, the
earliest first), at most `max_interval` of them; coarse and undated claims are paired among
themselves by key the same way.

Finally no claim keeps more than `max_pairs` pairs (those of its own place first, then the
nearest in date): work and pairs grow with the number of claims times these caps,
near-linear, never all pairs. Everything here is arrays (`Columns`, one entry per claim), not
objects.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from civcas.link.compare import Features
from civcas.link.settings import LinkSettings

KM_PER_DEGREE = 111.32
SHIFT = 1 << 22  # above any date ordinal we meet (year 11,000): key * SHIFT + day sorts by both
_GRID = 1 << 20  # grid rows and columns are offset by this to be non-negative
_TAG = 1 << 50  # kinds of block key: place, governorate, grid cell (one per shifted grid)


def unique_ints(x: np.ndarray) -> np.ndarray:
    """The distinct values of an int array, sorted; x is sorted in place (sorting is quicker
    than numpy 2's hashed np.unique on tens of millions of pair codes)."""
    x.sort()
    return x[np.r_[True, x[1:] != x[:-1]]] if len(x) else x


def _codes(values: Sequence[str | None]) -> np.ndarray:
    """A small int per distinct value (None: -1), in order of first appearance."""
    seen: dict[str | None, int] = {None: -1}
    return np.asarray([seen.setdefault(v, len(seen) - 1) for v in values], dtype=np.int64)


@dataclass(slots=True)
class Columns:
    """What blocking (and clustering) needs of every claim, as arrays indexed by claim."""

    day: np.ndarray  # bool: a day-precision date
    lo: np.ndarray  # int64: the first day its date may stand for (ordinal), -1: undated
    hi: np.ndarray  # int64: the last day, -1: undated
    when_lo: np.ndarray  # int64: the days it may be about (Features.when), -1: unknown
    when_hi: np.ndarray
    place: np.ndarray  # int64: code of its P-code, else of its place key less any twin
    # qualifier (twin villages share a block); -1: none
    admin1: np.ndarray  # int64: code of its governorate, -1: none
    lat: np.ndarray  # float64: where placed below a governorate, else NaN
    lon: np.ndarray
    report: np.ndarray  # int64: code of its report

    @classmethod
    def of(cls, feats: Sequence[Features]) -> Columns:
        def ints(values: list[int | None]) -> np.ndarray:
            return np.asarray([-1 if v is None else v for v in values], dtype=np.int64)

        def floats(values: list[float | None]) -> np.ndarray:
            return np.asarray([math.nan if v is None else v for v in values], dtype=np.float64)

        whens = [f.when or (-1, -1) for f in feats]
        return cls(
            day=np.asarray([f.day for f in feats], dtype=bool),
            lo=ints([f.lo for f in feats]),
            hi=ints([f.hi for f in feats]),
            when_lo=np.asarray([w[0] for w in whens], dtype=np.int64),
            when_hi=np.asarray([w[1] for w in whens], dtype=np.int64),
            place=_codes([f.pcode or f.twin_key for f in feats]),
            admin1=_codes([f.admin1 for f in feats]),
            lat=floats([f.lat for f in feats]),
            lon=floats([f.lon for f in feats]),
            report=_codes([f.report for f in feats]),
        )

    def __len__(self) -> int:
        return len(self.day)


def grid_rows_cols(
    lat: np.ndarray, lon: np.ndarray, km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of each point on the four shifted grids (columns 0..3: shift_y, shift_x
    = (0, 0), (0, 1), (1, 0), (1, 1)) of cells 2×km wide: two points within km of each other
    share the cell of at least one grid."""
    size = 2 * km / KM_PER_DEGREE  # degrees of latitude
    rows, cols = [], []
    for shift_y in (0, 1):
        row = np.floor(lat / size + shift_y / 2)
        edge = np.maximum(
            np.abs((row - shift_y / 2) * size), np.abs((row + 1 - shift_y / 2) * size)
        )
        width = size / np.maximum(np.cos(np.radians(np.minimum(edge, 89.0))), 1e-6)
        for shift_x in (0, 1):
            rows.append(row)
            cols.append(np.floor(lon / width + shift_x / 2))
    return np.stack(rows, axis=1).astype(np.int64), np.stack(cols, axis=1).astype(np.int64)


def grid_cells(lat: float, lon: float, km: float) -> list[tuple[object, ...]]:
    """The four cells (one per shifted grid, 2×km wide) of a point: two points within km of
    each other share at least one."""
    rows, cols = grid_rows_cols(np.asarray([lat]), np.asarray([lon]), km)
    return [
        ("g", g // 2, g % 2, int(rows[0, g]), int(cols[0, g])) for g in range(4)
    ]


@dataclass(slots=True)
class Entries:
    """Block keys of claims, one entry per (claim, key): key codes are dense (0, 1, ...)."""

    claim: np.ndarray
    key: np.ndarray
    # governorate keys pair a claim only with one that has no finer coordinates
    restricted: np.ndarray
    keys: int  # how many distinct keys


def block_keys(cols: Columns, s: LinkSettings) -> Entries:
    """Every claim's block keys. A claim without a day-precision date gets only its place key
    (or, placed no finer than a governorate and dated, that governorate): wide dates need
    narrow keys."""
    n = len(cols)
    idx = np.arange(n, dtype=np.int64)
    has_place = cols.place >= 0
    placed = ~np.isnan(cols.lat) & ~np.isnan(cols.lon)
    gov = (cols.admin1 >= 0) & (cols.day | ((cols.lo >= 0) & ~has_place))
    on_grid = cols.day & placed
    rows, columns = grid_rows_cols(cols.lat[on_grid], cols.lon[on_grid], s.geo_km)
    grid = np.repeat(np.arange(4, dtype=np.int64), on_grid.sum()).reshape(4, -1).T
    claim = [idx[has_place], idx[gov], np.repeat(idx[on_grid], 4)]
    key = [
        cols.place[has_place],
        _TAG + cols.admin1[gov],
        (2 + grid.reshape(-1)) * _TAG + ((rows.reshape(-1) + _GRID) << 21)
        + columns.reshape(-1) + _GRID,
    ]
    restricted = [np.zeros(has_place.sum(), bool), np.ones(gov.sum(), bool),
                  np.zeros(4 * on_grid.sum(), bool)]
    all_keys = np.concatenate(key)
    unique, dense = np.unique(all_keys, return_inverse=True)
    return Entries(np.concatenate(claim), dense.reshape(-1).astype(np.int64),
                   np.concatenate(restricted), len(unique))


@dataclass(slots=True)
class Candidates:
    """Candidate pairs (i < j, by claim index) and how blocking went."""

    i: np.ndarray
    j: np.ndarray
    stats: dict[str, int]

    def __len__(self) -> int:
        return len(self.i)


class _Pairs:
    """The pairs found so far, as codes i * n + j (i < j), two claims of one report left out
    (one int64 a pair: at a million claims, tens of millions are found before duplicates go)."""

    def __init__(self, report: np.ndarray) -> None:
        self.report = report
        self.codes: list[np.ndarray] = []
        self.found = 0

    def add(self, a: np.ndarray, b: np.ndarray) -> None:
        keep = self.report[a] != self.report[b]
        a, b = a[keep], b[keep]
        self.codes.append(np.minimum(a, b) * len(self.report) + np.maximum(a, b))
        self.found += len(a)

    def unique(self) -> np.ndarray:
        """The distinct codes, sorted."""
        codes = np.concatenate(self.codes) if self.codes else np.zeros(0, dtype=np.int64)
        self.codes = []
        return unique_ints(codes)


def _sweep(
    claim: np.ndarray, key: np.ndarray, day: np.ndarray, restricted: np.ndarray,
    placed: np.ndarray, place: np.ndarray, s: LinkSettings, pairs: _Pairs,
) -> int:
    """Pairs of day-precision entries of one key within the window, by growing offsets. Within
    a day, claims of one place sit side by side: where a crowded block is cut short, the
    claims most alike are the ones kept."""
    order = np.lexsort((claim, place[claim], day, key))
    claim, key, day, restricted = claim[order], key[order], day[order], restricted[order]
    for k in range(1, s.max_neighbours + 2):
        if k >= len(claim):
            return 0
        within = (key[k:] == key[:-k]) & (day[k:] - day[:-k] <= s.date_window)
        if not within.any():
            return 0
        if k > s.max_neighbours:  # one offset more than allowed: these claims were cut short
            return int(within.sum())
        a, b = claim[:-k], claim[k:]
        ok = within & (~restricted[k:] | ~placed[a] | ~placed[b])
        pairs.add(a[ok], b[ok])
    return 0


def expand_ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """start[0], start[0]+1, ... (count[0] of them), start[1], ...: the positions of ranges."""
    total = int(count.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + offsets


def _intervals(
    cols: Columns, entries: Entries, placed: np.ndarray, s: LinkSettings, found: _Pairs
) -> int:
    """Pairs of coarse-dated and undated claims: with day-precision claims whose days fit,
    found by binary search per key, and with one another."""
    claim, key, restricted = entries.claim, entries.key, entries.restricted
    is_day = cols.day[claim]
    day_claims, day_keys = claim[is_day], key[is_day]
    comp = day_keys * SHIFT + cols.lo[day_claims]
    order = np.argsort(comp, kind="stable")
    comp, day_claims = comp[order], day_claims[order]

    q = np.flatnonzero(~is_day)
    if len(q) == 0:
        return 0
    q_claim, q_key, q_restricted = claim[q], key[q], restricted[q]
    known = cols.when_lo[q_claim] >= 0
    lo = np.where(known, np.maximum(cols.when_lo[q_claim] - s.date_window, 0), 0)
    hi = np.where(known, cols.when_hi[q_claim] + s.date_window, SHIFT - 1)
    start = np.searchsorted(comp, q_key * SHIFT + lo, side="left")
    end = np.searchsorted(comp, q_key * SHIFT + np.minimum(hi, SHIFT - 1), side="right")
    count = np.minimum(end - start, s.max_interval)
    cut = int((end - start - count).sum())
    pos = expand_ranges(start, count)
    a = np.repeat(q_claim, count)
    b = day_claims[pos]
    ok = ~np.repeat(q_restricted, count) | ~placed[a] | ~placed[b]
    found.add(a[ok], b[ok])

    # coarse and undated claims among themselves, per key (few: a short loop). In order of
    # their first day (wholly undated first): once one starts past x's last day plus the
    # window, so do all after it.
    groups: dict[int, list[int]] = defaultdict(list)
    for c, k in zip(q_claim.tolist(), q_key.tolist(), strict=True):
        groups[k].append(c)
    when_lo, when_hi = cols.when_lo, cols.when_hi
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        spans = {
            c: (int(when_lo[c]), int(when_hi[c])) if when_lo[c] >= 0 else (-1, SHIFT)
            for c in members
        }
        members.sort(key=lambda c: (spans[c][0], c))
        firsts = [spans[c][0] for c in members]
        for at, x in enumerate(members):
            stop = bisect_right(firsts, spans[x][1] + s.date_window)
            later = members[at + 1 : stop]
            if len(later) > s.max_interval:
                cut += len(later) - s.max_interval
                later = later[: s.max_interval]
            pairs += [(x, y) for y in later]
    if pairs:
        arr = np.asarray(pairs, dtype=np.int64)
        found.add(arr[:, 0], arr[:, 1])
    return cut


def _cap(
    cols: Columns, i: np.ndarray, j: np.ndarray, most: int
) -> tuple[np.ndarray, np.ndarray, int]:
    """The pairs (i, j) less those that make a claim's pairs more than `most`: such a claim
    keeps the pairs of its own place first, then those nearest in date (then by partner)."""
    n = len(cols)
    over = np.bincount(np.concatenate([i, j]), minlength=n) > most
    touch = np.flatnonzero(over[i] | over[j])
    if len(touch) == 0:
        return i, j, 0
    a, b = i[touch], j[touch]
    # the days each claim may be about (undated: its report's weeks, else any day)
    first = np.where(cols.lo >= 0, cols.lo, np.where(cols.when_lo >= 0, cols.when_lo, 0))
    last = np.where(cols.hi >= 0, cols.hi, np.where(cols.when_hi >= 0, cols.when_hi, SHIFT))
    gap = np.maximum(np.maximum(first[a], first[b]) - np.minimum(last[a], last[b]), 0)
    elsewhere = (cols.place[a] < 0) | (cols.place[a] != cols.place[b])
    rank_key = elsewhere * SHIFT + np.minimum(gap, SHIFT - 1)
    # each pair twice, once under each of its claims, ranked among that claim's pairs
    end, other = np.concatenate([a, b]), np.concatenate([b, a])
    order = np.lexsort((other, np.concatenate([rank_key, rank_key]), end))
    end = end[order]
    start = np.flatnonzero(np.r_[True, end[1:] != end[:-1]])
    rank = np.arange(len(order)) - np.repeat(start, np.diff(np.r_[start, len(order)]))
    drop = np.zeros(len(touch), dtype=bool)
    drop[order[(rank >= most) & over[end]] % len(touch)] = True
    keep = np.ones(len(i), dtype=bool)
    keep[touch[drop]] = False
    return i[keep], j[keep], int(drop.sum())


def candidate_pairs(feats: Sequence[Features] | Columns, s: LinkSettings) -> Candidates:
    """Candidate pairs of claims (by index), unique, never two claims of one report."""
    cols = feats if isinstance(feats, Columns) else Columns.of(feats)
    n = len(cols)
    entries = block_keys(cols, s)
    placed = ~np.isnan(cols.lat)
    on_day = cols.day[entries.claim]
    day_claim = entries.claim[on_day]
    found = _Pairs(cols.report)
    cut_sweep = _sweep(
        day_claim, entries.key[on_day], cols.lo[day_claim], entries.restricted[on_day],
        placed, cols.place, s, found,
    )
    cut_interval = _intervals(cols, entries, placed, s, found)
    pair = found.unique()
    i, j = pair // n, pair % n
    i, j, cut_max = _cap(cols, i, j, s.max_pairs)
    per_claim = np.bincount(np.concatenate([i, j]), minlength=n) if n else np.zeros(1, int)
    stats = {
        "claims": n,
        "block_keys": entries.keys,
        "pairs_found": found.found,
        "candidate_pairs": len(i),
        "max_pairs_per_claim": int(per_claim.max()),
        "cut_in_crowded_blocks": cut_sweep,
        "cut_coarse_or_undated": cut_interval,
        "cut_over_max_pairs": cut_max,
    }
    return Candidates(i, j, stats)
