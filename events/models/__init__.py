"""
The timeline's records: events with their actors, places and citations
(events.py), the actors, places and event types they refer to (entities.py),
sourced numbers (figures.py), and what the editors keep beside them
(editorial.py: corrections, changes proposed for review), and readers' suggestions waiting for review (suggestions.py). Reads live in querysets.py; the workflow's states in status.py.
"""

from .claims import Claim
from .editorial import (
    ContentVersion, Correction, EventChange, LintOverride, Misnomer, RecordChange, ReviewerRevision,
)
from .entities import Actor, ActorKind, EventType, Place, PlaceKind
from .events import ActorRole, Citation, Event, EventActor, Outcome
from .figures import Figure, FigureSeries
from .legal import LegalProvision
from .status import Status
from .suggestions import Suggestion

__all__ = [
    "Actor", "ActorKind", "ActorRole", "Citation", "Claim", "ContentVersion", "Correction", "Event", "EventActor",
    "EventChange", "EventType", "Figure", "FigureSeries", "LegalProvision", "LintOverride", "Misnomer", "Outcome", "Place", "PlaceKind", "RecordChange",
    "ReviewerRevision", "Status", "Suggestion",
]
