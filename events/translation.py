"""
Content in the reader's language. Events carry their title and summary, actors and
places their names, in Albanian and Serbian (Latin script) beside the English; where
a translation is missing, readers see the English, marked as such.
"""

from django.utils.translation import get_language

TRANSLATED_LANGUAGES = ("sq", "sr")


def reader_language():
    return (get_language() or "en")[:2]


def localised(record, field):
    """(text, fell_back): ``field`` of ``record`` in the reader's language, and whether English stands in for it."""
    language = reader_language()
    english = getattr(record, field)
    if language not in TRANSLATED_LANGUAGES:
        return english, False
    translated = getattr(record, f"{field}_{language}", "")
    return (translated, False) if translated else (english, bool(english))
