"""
Records that point to another of their kind (a source derived from another, an actor
within another, an event dated from another) form chains, which must not loop.
"""

LIMIT = 100  # steps: far longer than any real chain, and a bound on a broken one


def chain_reaches(start, record, link):
    """Whether following ``link`` from ``start`` comes back to ``record``: the same object, or a saved one with its key."""
    node, steps = start, 0
    while node is not None and steps < LIMIT:
        if node is record or (record.pk is not None and node.pk == record.pk):
            return True
        node, steps = getattr(node, link), steps + 1
    return False
