"""
The editors' admin: events and their parts (events.py, parts.py), the records
they refer to (records.py), changes to published events awaiting review
(changes.py), readers' suggestions (suggestions.py), and the change-list filters behind the dashboard (filters.py).
"""

from . import changes, events, parts, records, suggestions  # noqa: F401  (each registers its admins)
