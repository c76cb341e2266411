"""
Django's own messages that readers of the public pages may meet (a filter's value
refused, for instance), listed so that makemessages keeps them in our catalogues:
Django's Serbian catalogue is in Cyrillic script, and ours, which comes first, gives
them in Latin script like the rest of the Serbian site.
"""

from django.utils.translation import gettext_noop

READER_MESSAGES = [
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Null characters are not allowed."),
]
