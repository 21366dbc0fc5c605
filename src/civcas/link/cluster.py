"""Claims to incidents: score the candidate pairs, then merge clusters by average linkage.

Greedy average-linkage agglomeration: the two clusters whose scored pairs have the highest mean
score merge first, while that mean reaches the threshold and no pair between them is ruled out
(`_Cluster.cannot_link`: one report, dates or places too far apart). A mean, unlike a single
link, keeps a chain of near-matches from joining different strikes at one place a few days
apart. Incidents already in the ledger stay whole; two of them merge only through new claims
and with a margin. Ids are deterministic: the same claims give the same incidents every time.
"""

from __future__ import annotations

import hashlib
import heapq
import time
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np

from civcas.knowledge.gazetteer import haversine_km
from civcas.link.blocking import Candidates, Columns, candidate_pairs, unique_ints
from civcas.link.compare import Features, days_apart_in_year, features, score
from civcas.link.lineage import copy_families
from civcas.link.settings import LinkSettings, default_settings
from civcas.model import Link, SourcedClaim


@dataclass(slots=True)
class LinkResult:
    """Claim id -> incident id (every claim passed), the links kept, incidents merged away."""

    incidents: dict[str, str]
    links: Sequence[Link]
    merged: list[tuple[str, str]]  # (incident id merged away, incident id it went into)
    stats: dict[str, int] = field(default_factory=dict)
    # report id -> the id of its copy family's first report (link_claims(find_copies=True))
    lineages: dict[str, str] = field(default_factory=dict)


def new_incident_id(smallest_claim_id: str) -> str:
    """The id of a new incident: from its smallest claim id, so a re-run gives the same one."""
    return "inc-" + hashlib.sha256(smallest_claim_id.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class _Cluster:
    """Members and what cannot-link needs of them, kept up to date as clusters merge."""

    members: list[int]
    existing: set[str]
    reports: set[str]
    # the days its claims may be about (dated: the days their dates cover; undated: the weeks
    # before their report came out), latest first day and earliest last day
    max_when: int | None
    min_when: int | None
    # the days of the year its claims give (a day date's, or "3 January" of no year)
    year_days: set[int]
    points: list[tuple[float, float]]

    @classmethod
    def of(cls, members: list[int], feats: Sequence[Features], existing: set[str]) -> _Cluster:
        fs = [feats[m] for m in members]
        whens = [f.when for f in fs if f.when is not None]
        points = {(f.lat, f.lon) for f in fs if f.exact and f.lat is not None and f.lon is not None}
        return cls(
            members=list(members),
            existing=set(existing),
            reports={f.report for f in fs},
            max_when=max(w[0] for w in whens) if whens else None,
            min_when=min(w[1] for w in whens) if whens else None,
            year_days={f.year_day for f in fs if f.year_day is not None},
            points=sorted(points),
        )

    def absorb(self, other: _Cluster) -> None:
        self.members += other.members
        self.existing |= other.existing
        self.reports |= other.reports
        self.max_when = _either(max, self.max_when, other.max_when)
        self.min_when = _either(min, self.min_when, other.min_when)
        self.year_days |= other.year_days
        self.points = sorted(set(self.points) | set(other.points))

    def cannot_link(self, other: _Cluster, s: LinkSettings) -> bool:
        """Whether some pair across the two can never be one incident: two claims of one report
        (distinct incidents by construction), dates further apart than the window (coarse
        dates: the days they cover; undated claims: the weeks before their report came out; a
        day and month of no year: that day in any year), exactly placed claims more than
        cannot_link km apart."""
        if self.reports & other.reports:
            return True
        for a, b in ((self, other), (other, self)):
            if a.max_when is not None and b.min_when is not None and a.max_when - b.min_when > (
                s.date_window
            ):
                return True
        if any(days_apart_in_year(x, y) > s.date_window for x in self.year_days
               for y in other.year_days):
            return True
        return any(
            haversine_km(p[0], p[1], q[0], q[1]) > s.cannot_link_km
            for p in self.points
            for q in other.points
        )


def _either(f: Callable[[int, int], int], a: int | None, b: int | None) -> int | None:
    """f(a, b), or whichever of the two is not None."""
    if a is None or b is None:
        return b if a is None else a
    return f(a, b)


def _agglomerate(
    nodes: list[int],
    edges: list[tuple[int, int, float]],
    feats: Sequence[Features],
    groups: Mapping[int, str],
    s: LinkSettings,
) -> list[_Cluster]:
    """Greedy average linkage over one connected part of the candidate graph."""
    start: dict[str | int, list[int]] = {}  # existing incident id, or the node of a new claim
    for n in nodes:
        start.setdefault(groups.get(n, n), []).append(n)
    clusters: dict[int, _Cluster] = {}
    home: dict[int, int] = {}
    for key, members in start.items():
        cid = min(members)
        clusters[cid] = _Cluster.of(members, feats, {key} if isinstance(key, str) else set())
        for m in members:
            home[m] = cid
    adj: dict[int, dict[int, list[float]]] = {cid: {} for cid in clusters}
    for i, j, value in edges:
        a, b = home[i], home[j]
        if a != b:
            stat = adj[a].setdefault(b, [0.0, 0.0])
            stat[0] += value
            stat[1] += 1
            adj[b][a] = stat
    heap = [(-st[0] / st[1], a, b) for a in adj for b, st in adj[a].items() if a < b]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        stat = adj.get(a, {}).get(b)
        if stat is None or stat[0] / stat[1] != -neg:
            continue  # merged away or changed since: a newer entry stands for it
        if -neg < s.threshold:
            break
        ca, cb = clusters[a], clusters[b]
        if ca.existing and cb.existing and -neg < s.threshold + s.existing_merge_margin:
            continue
        if ca.cannot_link(cb, s):
            del adj[a][b], adj[b][a]
            continue
        ca.absorb(cb)
        del clusters[b], adj[a][b]
        for n, st in adj.pop(b).items():
            if n == a:
                continue
            del adj[n][b]
            merged = adj[a].setdefault(n, [0.0, 0.0])
            merged[0] += st[0]
            merged[1] += st[1]
            adj[n][a] = merged
            heapq.heappush(heap, (-merged[0] / merged[1], min(a, n), max(a, n)))
    return list(clusters.values())


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Root of each node after joining a[k] with b[k] for every k (union-find)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    return np.asarray([find(x) for x in range(n)], dtype=np.int64)


class Links(Sequence[Link]):
    """The links kept (scored pairs at or above the threshold), held as arrays: a run over a
    million claims keeps over a million, and a `Link` with its dict of reasons costs some 500
    bytes where a row here costs about 30. Each `Link` is made when it is asked for; a `Links`
    equals the list of the same links."""

    __slots__ = ("_ids", "_a", "_b", "_score", "_codes", "_offsets", "_reasons")

    def __init__(
        self, ids: Sequence[str], a: np.ndarray, b: np.ndarray, score: np.ndarray,
        codes: np.ndarray, offsets: np.ndarray, reasons: Sequence[tuple[str, float]],
    ) -> None:
        self._ids, self._a, self._b, self._score = ids, a, b, score
        # the reasons of link k: reasons[c] for c in codes[offsets[k]:offsets[k + 1]]
        self._codes, self._offsets, self._reasons = codes, offsets, reasons

    def __len__(self) -> int:
        return len(self._a)

    @overload
    def __getitem__(self, k: int) -> Link: ...

    @overload
    def __getitem__(self, k: slice) -> list[Link]: ...

    def __getitem__(self, k: int | slice) -> Link | list[Link]:
        if isinstance(k, slice):
            return [self[x] for x in range(*k.indices(len(self)))]
        k = range(len(self))[k]
        codes = self._codes[self._offsets[k] : self._offsets[k + 1]].tolist()
        return Link(
            self._ids[self._a[k]], self._ids[self._b[k]], float(self._score[k]),
            dict(self._reasons[c] for c in codes),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Links({len(self)} links)"


_CHUNK = 1 << 18  # pairs scored per round: their ids as Python ints only for a round


def _score_all(
    ids: Sequence[str], feats: Sequence[Features], i: np.ndarray, j: np.ndarray,
    s: LinkSettings,
) -> tuple[np.ndarray, Links]:
    """Scores of the pairs (as an array: millions of them) and the links at the threshold."""
    reasons = [(reason, weight) for table in s.levels.values() for reason, weight in table.values()]
    code_of = {reason: c for c, (reason, _) in enumerate(reasons)}
    totals = array("d")
    kept = array("q")
    codes = array("H")
    offsets = array("q", [0])
    threshold = s.threshold
    for first in range(0, len(i), _CHUNK):
        xs, ys = i[first : first + _CHUNK].tolist(), j[first : first + _CHUNK].tolist()
        for k, (x, y) in enumerate(zip(xs, ys, strict=True), first):
            total, why = score(feats[x], feats[y], s)
            totals.append(total)
            if total >= threshold:
                kept.append(k)
                codes.extend([code_of[r] for r in why])
                offsets.append(len(codes))
    scores = np.frombuffer(totals, dtype=np.float64)
    at = np.frombuffer(kept, dtype=np.int64)
    links = Links(
        ids, i[at], j[at], scores[at], np.frombuffer(codes, dtype=np.uint16),
        np.frombuffer(offsets, dtype=np.int64), reasons,
    )
    return scores, links


def _copies(
    ordered: Sequence[SourcedClaim], report: np.ndarray, cands: Candidates, s: LinkSettings
) -> list[str]:
    """The copy family (its first report's id) of each claim's report, looked for among the
    reports of candidate pairs only (lineage.copy_families)."""
    _, first_claim = np.unique(report, return_index=True)
    reports = [ordered[k].report for k in first_claim.tolist()]
    r = len(reports)
    a, b = report[cands.i], report[cands.j]
    pair = unique_ints(np.minimum(a, b) * r + np.maximum(a, b))
    first = copy_families(reports, pair // r, pair % r, s)
    heads = [reports[f].id for f in first.tolist()]
    return [heads[k] for k in report.tolist()]


def link_claims(
    claims: Sequence[SourcedClaim],
    existing: Mapping[str, str] | None = None,
    settings: LinkSettings | None = None,
    *,
    find_copies: bool = False,
) -> LinkResult:
    """Link claims into incidents (DESIGN.md contract 3).

    `existing`: claim id -> incident id of claims already in the ledger; those incidents are
    kept whole, and pairs of two such claims are not re-scored (the ledger decided them).
    Copies count as such through each claim's `lineage` (set it beforehand with
    lineage.find_lineages), or, with `find_copies`, through the copy families found among the
    reports of the candidate pairs (each claim's `lineage` is then not read; the families are
    in `result.lineages`). `result.stats` says how blocking went and the milliseconds of each
    step.
    """
    s = settings or default_settings()
    existing = existing or {}
    clock = _Clock()
    ordered = sorted({sc.id: sc for sc in reversed(claims)}.values(), key=lambda sc: sc.id)
    ids = [sc.id for sc in ordered]
    feats = features(ordered, s)
    cols = Columns.of(feats)
    clock.lap("features")
    cands = candidate_pairs(cols, s)
    clock.lap("blocking")
    lineages: dict[str, str] = {}
    if find_copies:
        heads = _copies(ordered, cols.report, cands, s)
        for f, head in zip(feats, heads, strict=True):
            f.lineage = head
            lineages[f.report] = head
        clock.lap("copies")
    old = np.asarray([sc.id in existing for sc in ordered], dtype=bool)
    fresh = ~(old[cands.i] & old[cands.j])
    pi, pj = cands.i[fresh], cands.j[fresh]
    totals, links = _score_all(ids, feats, pi, pj, s)
    clock.lap("scoring")

    # connected parts of the graph of links and ledger incidents: clusters merge only inside one
    groups = {k: existing[sc.id] for k, sc in enumerate(ordered) if sc.id in existing}
    firsts: dict[str, int] = {}
    ledger = np.asarray(
        [(k, firsts.setdefault(inc, k)) for k, inc in groups.items()], dtype=np.int64
    ).reshape(-1, 2)
    strong = totals >= s.threshold
    n = len(ordered)
    root = _components(
        n, np.concatenate([pi[strong], ledger[:, 0]]), np.concatenate([pj[strong], ledger[:, 1]])
    )
    # the scored pairs inside each part (weak ones too: average linkage counts them), by part
    inner = np.flatnonzero(root[pi] == root[pj])
    inner = inner[np.argsort(root[pi[inner]], kind="stable")]
    inner_root = root[pi[inner]]
    # the parts: their claims side by side, in claim order within each
    order = np.argsort(root, kind="stable")
    starts = np.flatnonzero(np.r_[True, root[order][1:] != root[order][:-1]]) if n else order
    ends = np.r_[starts[1:], n][: len(starts)]

    sizes = Counter(existing.values())
    incidents: dict[str, str] = {}
    merged: list[tuple[str, str]] = []
    n_incidents = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        n_incidents += 1
        if end - start == 1:
            k = int(order[start])
            incidents[ids[k]] = groups[k] if k in groups else new_incident_id(ids[k])
            continue
        part = order[start:end].tolist()
        r = int(root[part[0]])
        e = inner[np.searchsorted(inner_root, r) : np.searchsorted(inner_root, r, "right")]
        edges = list(zip(pi[e].tolist(), pj[e].tolist(), totals[e].tolist(), strict=True))
        clusters = _agglomerate(part, edges, feats, groups, s)
        n_incidents += len(clusters) - 1
        for cluster in clusters:
            if cluster.existing:
                kept, *others = sorted(cluster.existing, key=lambda inc: (-sizes[inc], inc))
                merged += [(o, kept) for o in others]
            else:
                kept = new_incident_id(ids[min(cluster.members)])
            for m in cluster.members:
                incidents[ids[m]] = kept
    clock.lap("clustering")
    stats = dict(cands.stats)
    stats.update(
        scored_pairs=len(totals), links=len(links), incidents=n_incidents,
        copies=sum(1 for r, head in lineages.items() if r != head),
    )
    stats.update(clock.laps)
    return LinkResult(
        incidents={sc.id: incidents[sc.id] for sc in claims},
        links=links,
        merged=sorted(merged),
        stats=stats,
        lineages=lineages,
    )


class _Clock:
    """Milliseconds of each step, for the stats."""

    def __init__(self) -> None:
        self.laps: dict[str, int] = {}
        self._last = time.perf_counter()

    def lap(self, step: str) -> None:
        now = time.perf_counter()
        self.laps[f"ms_{step}"] = round((now - self._last) * 1000)
        self._last = now
