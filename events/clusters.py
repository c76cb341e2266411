"""
Points of a map that would overlap, drawn as one cluster with their total: a reader can then see and select every
mark. Pure geometry, in the map's own units; the points come from ``maps.place_map``.
"""

import math
from dataclasses import dataclass, field

GAP = 4  # marks closer than their radii and this many SVG units are one cluster
MIN_RADIUS = 11  # a cluster's circle holds its count, written inside it


@dataclass
class Cluster:
    """
    Two or more points drawn as one circle at the centre of their events, sized by their total: the sum of each
    place's events, in which an event at two of its places counts twice (the size is a picture; the number the
    cluster shows is of places, which is exact).
    """

    points: list = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    r: float = 0.0
    labelled: bool = False

    @property
    def count(self):
        return sum(point.count for point in self.points)

    @property
    def largest(self):
        return max(self.points, key=lambda point: (point.count, point.label))

    def add(self, point, radius):
        """Take ``point`` in; the centre is weighted by events (a place without any weighs as one)."""
        self.points.append(point)
        weights = [max(p.count, 1) for p in self.points]
        total = sum(weights)
        self.x = round(sum(p.x * w for p, w in zip(self.points, weights)) / total, 1)
        self.y = round(sum(p.y * w for p, w in zip(self.points, weights)) / total, 1)
        self.r = max(MIN_RADIUS, radius(self.count))


def _overlap(a, b):
    return math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + GAP


def clustered(points, radius):
    """
    ``points`` as (single points, clusters): a point joins the first mark it would overlap, the places with most
    events first, and marks that overlap after growing are merged until none do. ``radius(count)`` sizes a cluster.
    A highlighted point (the place a page is about) is never hidden in a cluster.
    """
    marks = []
    for point in sorted(points, key=lambda p: (-p.count, p.label)):
        target = None if point.highlighted else next(
            (mark for mark in marks if not getattr(mark, "highlighted", False) and _overlap(mark, point)), None)
        if target is None:
            marks.append(point)
            continue
        if not isinstance(target, Cluster):
            cluster = Cluster()
            cluster.add(target, radius)
            marks[marks.index(target)] = target = cluster
        target.add(point, radius)
    merged = True
    while merged:  # a grown cluster may now overlap another mark
        merged = False
        clusters = [mark for mark in marks if isinstance(mark, Cluster)]
        for cluster in clusters:
            other = next((mark for mark in marks if mark is not cluster and not getattr(mark, "highlighted", False)
                          and _overlap(mark, cluster)), None)
            if other is not None:
                marks.remove(other)
                for point in other.points if isinstance(other, Cluster) else [other]:
                    cluster.add(point, radius)
                merged = True
                break
    singles = [mark for mark in marks if not isinstance(mark, Cluster)]
    return singles, [mark for mark in marks if isinstance(mark, Cluster)]
