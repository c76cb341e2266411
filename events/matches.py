"""
The published events a timeline's filters select, as sets of bits.

The published events are numbered in the timeline's order (start, then slug), and a set of them is a Python int
whose bit n stands for the n-th. The events of each filter value (an actor and those under it, a type, a period)
are selected once, by that filter's own query (EventFilter), and kept as such a set until the content's shape
changes. A page ANDs the sets its filters name, then counts, counts per year and per place, and finds its page of
events with bit operations, whose cost grows with the number of published events divided by the machine word, not
with the number that match. Words searched for are the one filter run for each request: their events are too many
kinds of set to keep.
"""

import datetime
import hashlib
from array import array
from collections import namedtuple

from .caching import shaped_held
from .models import Event
from .selectors import all_mapped_places

CHUNK = 4096  # bits read at a time when listing the positions of a set


# A row of a list of events, as EventQuerySet.for_listing gives it.
Listed = namedtuple("Listed", ["pk", "slug", "start"])


def published_timeline():
    """The published events in the timeline's order (Timeline), kept until the shape changes and held in memory."""
    return shaped_held("published-timeline", lambda: Timeline(
        Event.objects.published().chronological().values_list("pk", "slug", "start", "key_event")))


class Timeline:
    """
    The published events in the timeline's order: their ids, slugs and dates (what a list shows of them before
    its kept items), the position at which each year starts, and the set of the key events (which the band marks).
    """

    def __init__(self, rows):
        self.pks, self.days, self.slugs = array("q"), array("l"), []
        self.years, key = [], []  # years: (year, first position), ascending; key: positions
        for position, (pk, slug, start, key_event) in enumerate(rows):
            self.pks.append(pk)
            if key_event:
                key.append(position)
            self.days.append(start.toordinal())
            self.slugs.append(slug)
            if not self.years or self.years[-1][0] != start.year:
                self.years.append((start.year, position))
        self.everything = (1 << len(self.pks)) - 1
        self._positions = None
        self.key = bits_at(key, len(self.pks))

    def row(self, position):
        return Listed(self.pks[position], self.slugs[position], datetime.date.fromordinal(self.days[position]))

    def __len__(self):
        return len(self.pks)

    def __getstate__(self):
        return {**self.__dict__, "_positions": None}  # made again where needed, not stored

    @property
    def positions(self):
        """Each event's position, by id."""
        if self._positions is None:
            self._positions = {pk: position for position, pk in enumerate(self.pks)}
        return self._positions

    def bits(self, pks):
        """The set of the events ``pks`` (ids); those not in the timeline (drafts, say) are left out."""
        positions = self.positions
        return bits_at((positions[pk] for pk in pks if pk in positions), len(self.pks))


def bits_at(positions, size):
    """The set (an int of ``size`` bits) whose bits at ``positions`` are set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def place_bits():
    """For each mapped place (selectors.all_mapped_places), the set of the published events at it."""

    def compute():
        timeline, events = published_timeline(), {}
        places = Event.places.through.objects.filter(place__in=[place.pk for place in all_mapped_places()])
        for place_id, event_id in places.values_list("place_id", "event_id"):
            events.setdefault(place_id, []).append(event_id)
        return {place_id: timeline.bits(ids) for place_id, ids in events.items()}

    return shaped_held("mapped-place-bits", compute)


class Matches:
    """
    The events of the set ``bits``, oldest first or newest first: a sequence that Paginator pages. An index or a
    slice gives rows of ids, slugs and dates (Listed), as EventQuerySet.for_listing does, from the timeline held.
    """

    def __init__(self, timeline, bits, *, newest_first=False):
        self.timeline, self.bits, self.newest_first = timeline, bits, newest_first
        self.count = bits.bit_count()

    def __len__(self):
        return self.count

    def __and__(self, bits):
        return Matches(self.timeline, self.bits & bits, newest_first=self.newest_first)

    def __getitem__(self, index):
        if isinstance(index, slice):
            first, stop, step = index.indices(self.count)
            if step != 1:
                raise ValueError("Matches are sliced with a step of 1.")
            return self.rows(first, stop)
        if not -self.count <= index < self.count:
            raise IndexError(index)
        return self.rows(index % self.count, index % self.count + 1)[0]

    def positions(self, first=0, stop=None):
        """The positions in the timeline of the matches from ``first`` to ``stop``, in this order."""
        stop = self.count if stop is None else min(stop, self.count)
        if first >= stop:
            return []
        if not self.newest_first:
            return self._positions(first, stop - first)
        return self._positions(self.count - stop, stop - first)[::-1]  # the same matches, found oldest first

    def pks(self, first=0, stop=None):
        """The ids of the matches from ``first`` to ``stop``, in this order."""
        return [self.timeline.pks[position] for position in self.positions(first, stop)]

    def rows(self, first, stop):
        """The rows of the matches from ``first`` to ``stop``, in this order (Listed: pk, slug, start)."""
        return [self.timeline.row(position) for position in self.positions(first, stop)]

    def digest(self):
        """A digest of which events match: the same for the same events, whatever their order."""
        return hashlib.sha256(self.bits.to_bytes((len(self.timeline) + 7) // 8, "little")).hexdigest()

    def year_counts(self):
        """Each year with matches and their number, oldest first."""
        years, counts = self.timeline.years, []
        for (year, first), (_, stop) in zip(years, [*years[1:], (None, len(self.timeline))]):
            n = ((self.bits >> first) & ((1 << (stop - first)) - 1)).bit_count()
            if n:
                counts.append((year, n))
        return counts

    def places(self):
        """The mapped places of the matches (as selectors.mapped_places gives them), each with num_events."""
        bits, places = place_bits(), []
        for place in all_mapped_places():
            n = (self.bits & bits.get(place.pk, 0)).bit_count()
            if n:
                # A copy with its own count that shares the held record's fields: copy.copy would pickle the model
                # and unpickle it, which cost as much as counting.
                counted = object.__new__(type(place))
                counted.__dict__.update(place.__dict__, num_events=n)
                places.append(counted)
        return places

    def _position(self, rank):
        """The position of the match of ``rank`` (0 for the oldest)."""
        low, high = 0, len(self.timeline) - 1
        while low < high:  # the lowest position with more than ``rank`` matches up to and including it
            middle = (low + high) // 2
            if (self.bits & ((2 << middle) - 1)).bit_count() > rank:
                high = middle
            else:
                low = middle + 1
        return low

    def _positions(self, first, count):
        """The positions of ``count`` matches from the one of rank ``first`` on, oldest first."""
        found, offset = [], self._position(first)
        rest = self.bits >> offset
        while rest and len(found) < count:
            digits = bin(rest & ((1 << CHUNK) - 1))[:1:-1]  # lowest bit first
            at = digits.find("1")
            while at != -1 and len(found) < count:
                found.append(offset + at)
                at = digits.find("1", at + 1)
            rest >>= CHUNK
            offset += CHUNK
        return found
