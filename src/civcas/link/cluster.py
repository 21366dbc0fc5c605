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
from array import array
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from civcas.knowledge.gazetteer import haversine_km
from civcas.link.blocking import candidate_pairs
from civcas.link.compare import Features, features, score
from civcas.link.settings import LinkSettings, default_settings
from civcas.model import Link, SourcedClaim


@dataclass(slots=True)
class LinkResult:
    """Claim id -> incident id (every claim passed), the links kept, incidents merged away."""

    incidents: dict[str, str]
    links: list[Link]
    merged: list[tuple[str, str]]  # (incident id merged away, incident id it went into)
    stats: dict[str, int] = field(default_factory=dict)


def new_incident_id(smallest_claim_id: str) -> str:
    """The id of a new incident: from its smallest claim id, so a re-run gives the same one."""
    return "inc-" + hashlib.sha256(smallest_claim_id.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class _Cluster:
    """Members and what cannot-link needs of them, kept up to date as clusters merge."""

    members: list[int]
    existing: set[str]
    reports: set[str]
    max_lo: int | None
    min_hi: int | None
    points: list[tuple[float, float]]

    @classmethod
    def of(cls, members: list[int], feats: Sequence[Features], existing: set[str]) -> _Cluster:
        fs = [feats[m] for m in members]
        los = [f.lo for f in fs if f.lo is not None]
        his = [f.hi for f in fs if f.hi is not None]
        points = {(f.lat, f.lon) for f in fs if f.exact and f.lat is not None and f.lon is not None}
        return cls(
            members=list(members),
            existing=set(existing),
            reports={f.report for f in fs},
            max_lo=max(los) if los else None,
            min_hi=min(his) if his else None,
            points=sorted(points),
        )

    def absorb(self, other: _Cluster) -> None:
        self.members += other.members
        self.existing |= other.existing
        self.reports |= other.reports
        self.max_lo = _either(max, self.max_lo, other.max_lo)
        self.min_hi = _either(min, self.min_hi, other.min_hi)
        self.points = sorted(set(self.points) | set(other.points))

    def cannot_link(self, other: _Cluster, s: LinkSettings) -> bool:
        """Whether some pair across the two can never be one incident: two claims of one report
        (distinct incidents by construction), dates further apart than the window (coarse
        dates: the days they cover), exactly placed claims more than cannot_link km apart."""
        if self.reports & other.reports:
            return True
        for a, b in ((self, other), (other, self)):
            if a.max_lo is not None and b.min_hi is not None and a.max_lo - b.min_hi > (
                s.date_window
            ):
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


def _groups(labels: np.ndarray) -> list[np.ndarray]:
    """Positions of each distinct label, in order of the labels."""
    if len(labels) == 0:
        return []
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    return np.split(order, cuts)


def _score_all(
    ordered: Sequence[SourcedClaim], feats: Sequence[Features], i: np.ndarray, j: np.ndarray,
    s: LinkSettings,
) -> tuple[np.ndarray, list[Link]]:
    """Scores of the pairs (as an array: millions of them) and the links at the threshold."""
    totals = array("d")
    links: list[Link] = []
    for x, y in zip(i.tolist(), j.tolist(), strict=True):
        total, reasons = score(feats[x], feats[y], s)
        totals.append(total)
        if total >= s.threshold:
            links.append(Link(ordered[x].id, ordered[y].id, total, reasons))
    return np.frombuffer(totals, dtype=np.float64), links


def link_claims(
    claims: Sequence[SourcedClaim],
    existing: Mapping[str, str] | None = None,
    settings: LinkSettings | None = None,
) -> LinkResult:
    """Link claims into incidents (DESIGN.md contract 3).

    `existing`: claim id -> incident id of claims already in the ledger; those incidents are
    kept whole, and pairs of two such claims are not re-scored (the ledger decided them). Set
    each claim's `lineage` (lineage.find_lineages) beforehand for copies to count as such.
    """
    s = settings or default_settings()
    existing = existing or {}
    ordered = sorted({sc.id: sc for sc in reversed(claims)}.values(), key=lambda sc: sc.id)
    feats = features(ordered, s)
    cands = candidate_pairs(feats, s)
    old = np.asarray([sc.id in existing for sc in ordered], dtype=bool)
    fresh = ~(old[cands.i] & old[cands.j])
    pi, pj = cands.i[fresh], cands.j[fresh]
    totals, links = _score_all(ordered, feats, pi, pj, s)

    # connected parts of the graph of links and ledger incidents: clusters merge only inside one
    groups = {k: existing[sc.id] for k, sc in enumerate(ordered) if sc.id in existing}
    firsts: dict[str, int] = {}
    ledger = np.asarray(
        [(k, firsts.setdefault(inc, k)) for k, inc in groups.items()], dtype=np.int64
    ).reshape(-1, 2)
    strong = totals >= s.threshold
    root = _components(
        len(ordered), np.concatenate([pi[strong], ledger[:, 0]]),
        np.concatenate([pj[strong], ledger[:, 1]]),
    )
    inner = np.flatnonzero(root[pi] == root[pj])
    part_edges: dict[int, list[tuple[int, int, float]]] = {}
    for positions in _groups(root[pi[inner]]):
        e = inner[positions]
        part_edges[int(root[pi[e[0]]])] = list(
            zip(pi[e].tolist(), pj[e].tolist(), totals[e].tolist(), strict=True)
        )

    sizes = Counter(existing.values())
    incidents: dict[str, str] = {}
    merged: list[tuple[str, str]] = []
    n_incidents = 0
    for nodes in _groups(root):
        part = nodes.tolist()
        if len(part) == 1:
            found = [(part, {groups[part[0]]} if part[0] in groups else set())]
        else:
            clusters = _agglomerate(part, part_edges.get(int(root[part[0]]), []), feats, groups, s)
            found = [(c.members, c.existing) for c in clusters]
        for members, ids in found:
            n_incidents += 1
            if ids:
                kept, *others = sorted(ids, key=lambda inc: (-sizes[inc], inc))
                merged += [(o, kept) for o in others]
            else:
                kept = new_incident_id(ordered[min(members)].id)
            for m in members:
                incidents[ordered[m].id] = kept
    stats = dict(cands.stats)
    stats.update(scored_pairs=len(totals), links=len(links), incidents=n_incidents)
    return LinkResult(
        incidents={sc.id: incidents[sc.id] for sc in claims},
        links=links,
        merged=sorted(merged),
        stats=stats,
    )
