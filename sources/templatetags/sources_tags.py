from django import template

from sources.formatting import format_entry

register = template.Library()


@register.filter
def bibliography_entry(source):
    """The source as one bibliography entry in the site's style (escaped HTML)."""
    return format_entry(source)
