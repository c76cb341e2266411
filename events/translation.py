"""
Content in the reader's language. Events carry their title and summary, actors and
places their names, in Albanian and Serbian (Latin script) beside the English; where
a translation is missing, readers see the English, marked as such. Readers of Serbian in
Cyrillic script see the Serbian transliterated (kfor_site/cyrillic.py); the English stays Latin.
"""

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from kfor_site.cyrillic import in_reader_script

# The languages content is translated into, besides English: the one place a language is added.
LANGUAGE_NAMES = {"sq": _("Albanian"), "sr": _("Serbian")}
TRANSLATED_LANGUAGES = tuple(LANGUAGE_NAMES)
# What each kind of record carries translated.
TRANSLATED_FIELDS = {"events": ("title", "summary"), "actors": ("name",), "places": ("name",)}


def translations(field):
    """The names of the translations of ``field``: title_sq, title_sr."""
    return [f"{field}_{code}" for code in TRANSLATED_LANGUAGES]


def with_translations(*fields):
    """``fields``, each followed by its translations: for lists of fields to read, export or search."""
    return [name for field in fields for name in (field, *translations(field))]


def _in_language(label, language):
    return gettext("%(field)s in %(language)s") % {"field": label, "language": language}


# A translation's label, "title in Albanian", put together in the reader's language when it is shown (public history).
in_language = lazy(_in_language, str)


def add_translations(model, field, field_class, **options):
    """Give ``model`` a column for each translation of ``field`` (title_sq, title_sr), empty where not translated."""
    english = model._meta.get_field(field)
    for code, language in LANGUAGE_NAMES.items():
        help_text = {"help_text": _("Latin script.")} if code == "sr" else {}
        field_class(in_language(english.verbose_name, language), blank=True, **options, **help_text
                    ).contribute_to_class(model, f"{field}_{code}")


def reader_language():
    return (get_language() or "en")[:2]


def localised(record, field):
    """(text, fell_back): ``field`` of ``record`` in the reader's language, and whether English stands in for it."""
    language = reader_language()
    english = getattr(record, field)
    if language not in TRANSLATED_LANGUAGES:
        return english, False
    translated = getattr(record, f"{field}_{language}", "")
    return (in_reader_script(translated), False) if translated else (english, bool(english))
