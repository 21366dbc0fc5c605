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
themselves by key the same way. Work and pairs grow with
the number of claims times these caps: near-linear, never all pairs.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from civcas.link.compare import Features
from civcas.link.settings import LinkSettings

KM_PER_DEGREE = 111.32
SHIFT = 1 << 20  # above any date ordinal we meet (year 2870): key * SHIFT + day sorts by both


@dataclass(slots=True)
class Entries:
    """Block keys of claims, one entry per (claim, key)."""

    claim: list[int] = field(default_factory=list)
    key: list[int] = field(default_factory=list)
    # governorate keys pair a claim only with one that has no finer coordinates
    restricted: list[bool] = field(default_factory=list)
    codes: dict[tuple[object, ...], int] = field(default_factory=dict)

    def add(self, claim: int, key: tuple[object, ...], restricted: bool = False) -> None:
        self.claim.append(claim)
        self.key.append(self.codes.setdefault(key, len(self.codes)))
        self.restricted.append(restricted)


def grid_cells(lat: float, lon: float, km: float) -> list[tuple[object, ...]]:
    """The four cells (one per shifted grid, 2×km wide) of a point: two points within km of
    each other share at least one."""
    size = 2 * km / KM_PER_DEGREE  # degrees of latitude
    cells: list[tuple[object, ...]] = []
    for shift_y in (0, 1):
        row = math.floor(lat / size + shift_y / 2)
        edge = max(abs((row - shift_y / 2) * size), abs((row + 1 - shift_y / 2) * size))
        width = size / max(math.cos(math.radians(min(edge, 89.0))), 1e-6)
        for shift_x in (0, 1):
            col = math.floor(lon / width + shift_x / 2)
            cells.append(("g", shift_y, shift_x, row, col))
    return cells


def block_keys(feats: Sequence[Features], s: LinkSettings) -> Entries:
    """Every claim's block keys. A claim without a day-precision date gets only its place key
    (or, placed no finer than a governorate and dated, that governorate): wide dates need
    narrow keys."""
    out = Entries()
    for i, f in enumerate(feats):
        place = f.pcode or f.place_key
        if place:
            out.add(i, ("p", place))
        if not f.day:
            if f.lo is not None and f.admin1 and not place:
                out.add(i, ("a", f.admin1), restricted=True)
            continue
        if f.lat is not None and f.lon is not None:
            for cell in grid_cells(f.lat, f.lon, s.geo_km):
                out.add(i, cell)
        if f.admin1:
            out.add(i, ("a", f.admin1), restricted=True)
    return out


@dataclass(slots=True)
class Candidates:
    """Candidate pairs (i < j, by claim index) and how blocking went."""

    i: np.ndarray
    j: np.ndarray
    stats: dict[str, int]

    def __len__(self) -> int:
        return len(self.i)


def _sweep(
    claim: np.ndarray, key: np.ndarray, day: np.ndarray, restricted: np.ndarray,
    placed: np.ndarray, place: np.ndarray, s: LinkSettings,
) -> tuple[list[np.ndarray], list[np.ndarray], int]:
    """Pairs of day-precision entries of one key within the window, by growing offsets. Within
    a day, claims of one place sit side by side: where a crowded block is cut short, the
    claims most alike are the ones kept."""
    order = np.lexsort((claim, place[claim], day, key))
    claim, key, day, restricted = claim[order], key[order], day[order], restricted[order]
    left: list[np.ndarray] = []
    right: list[np.ndarray] = []
    for k in range(1, s.max_neighbours + 2):
        if k >= len(claim):
            return left, right, 0
        within = (key[k:] == key[:-k]) & (day[k:] - day[:-k] <= s.date_window)
        if not within.any():
            return left, right, 0
        if k > s.max_neighbours:  # one offset more than allowed: these claims were cut short
            return left, right, int(within.sum())
        a, b = claim[:-k], claim[k:]
        ok = within & (~restricted[k:] | ~placed[a] | ~placed[b])
        left.append(a[ok])
        right.append(b[ok])
    return left, right, 0


def _expand(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """start[0], start[0]+1, ... (count[0] of them), start[1], ...: the positions of ranges."""
    total = int(count.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(start, count) + offsets


def _intervals(
    feats: Sequence[Features], entries: Entries, day_precise: np.ndarray, placed: np.ndarray,
    s: LinkSettings,
) -> tuple[list[np.ndarray], list[np.ndarray], int]:
    """Pairs of coarse-dated and undated claims: with day-precision claims whose days fit,
    found by binary search per key, and with one another."""
    claim = np.asarray(entries.claim, dtype=np.int64)
    key = np.asarray(entries.key, dtype=np.int64)
    restricted = np.asarray(entries.restricted, dtype=bool)
    is_day = day_precise[claim]
    day_claims, day_keys = claim[is_day], key[is_day]
    days = np.asarray([feats[c].lo for c in day_claims], dtype=np.int64)
    comp = day_keys * SHIFT + days
    order = np.argsort(comp, kind="stable")
    comp, day_claims = comp[order], day_claims[order]

    q = np.flatnonzero(~is_day)
    if len(q) == 0:
        return [], [], 0
    q_claim, q_key, q_restricted = claim[q], key[q], restricted[q]
    when = [feats[c].when or (0, SHIFT) for c in q_claim]
    lo = np.asarray([max(w[0] - s.date_window, 0) for w in when], dtype=np.int64)
    hi = np.asarray([w[1] + s.date_window for w in when], dtype=np.int64)
    start = np.searchsorted(comp, q_key * SHIFT + lo, side="left")
    end = np.searchsorted(comp, q_key * SHIFT + np.minimum(hi, SHIFT - 1), side="right")
    count = np.minimum(end - start, s.max_interval)
    cut = int((end - start - count).sum())
    pos = _expand(start, count)
    a = np.repeat(q_claim, count)
    b = day_claims[pos]
    ok = ~np.repeat(q_restricted, count) | ~placed[a] | ~placed[b]
    left, right = [a[ok]], [b[ok]]

    # coarse and undated claims among themselves, per key (few: a short loop). In order of
    # their first day (wholly undated first): once one starts past x's last day plus the
    # window, so do all after it.
    groups: dict[int, list[int]] = defaultdict(list)
    for c, k in zip(q_claim.tolist(), q_key.tolist(), strict=True):
        groups[k].append(c)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        spans = {c: feats[c].when or (-1, SHIFT) for c in members}
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
        left.append(arr[:, 0])
        right.append(arr[:, 1])
    return left, right, cut


def candidate_pairs(feats: Sequence[Features], s: LinkSettings) -> Candidates:
    """Candidate pairs of claims (by index), unique, never two claims of one report."""
    n = len(feats)
    entries = block_keys(feats, s)
    placed = np.asarray([f.lat is not None for f in feats], dtype=bool)
    day_precise = np.asarray([f.day for f in feats], dtype=bool)
    claim = np.asarray(entries.claim, dtype=np.int64)
    key = np.asarray(entries.key, dtype=np.int64)
    restricted = np.asarray(entries.restricted, dtype=bool)
    on_day = day_precise[claim] if len(claim) else np.zeros(0, dtype=bool)
    day = np.asarray([feats[c].lo for c in claim[on_day]], dtype=np.int64)
    places: dict[str | None, int] = {None: -1}
    place = np.asarray(
        [places.setdefault(f.pcode or f.place_key, len(places)) for f in feats], dtype=np.int64
    )
    left, right, cut_sweep = _sweep(
        claim[on_day], key[on_day], day, restricted[on_day], placed, place, s
    )
    more_left, more_right, cut_interval = _intervals(feats, entries, day_precise, placed, s)
    left += more_left
    right += more_right
    if left:
        a = np.concatenate(left)
        b = np.concatenate(right)
    else:
        a = b = np.zeros(0, dtype=np.int64)
    i, j = np.minimum(a, b), np.maximum(a, b)
    reports: dict[str, int] = {}
    report = np.asarray([reports.setdefault(f.report, len(reports)) for f in feats], dtype=np.int64)
    keep = (i != j) & (report[i] != report[j]) if len(i) else np.zeros(0, dtype=bool)
    pair = np.unique(i[keep] * n + j[keep])
    stats = {
        "claims": n,
        "block_keys": len(entries.codes),
        "candidate_pairs": len(pair),
        "cut_in_crowded_blocks": cut_sweep,
        "cut_coarse_or_undated": cut_interval,
    }
    return Candidates(pair // n, pair % n, stats)
