import markdown as markdown_lib
import nh3
from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from events.translation import TRANSLATED_LANGUAGES, reader_language
from events.translation import localised as localised_text
from kfor_site.cyrillic import CYRILLIC_SERBIAN, in_reader_script, reading_cyrillic

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}


def render_markdown(text):
    """Markdown to HTML, then sanitised: raw HTML, scripts and javascript: links never survive."""
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow",
    )


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))


@register.simple_tag
def localised(record, field):
    """A record's text in the reader's language; English where no translation exists yet, marked and with lang="en"."""
    text, fell_back = localised_text(record, field)
    if fell_back:
        return format_html('<span lang="en" class="untranslated" title="{}">{}</span> <small class="untranslated-note">({})</small>',
                           _("Not yet translated: in English"), text, _("in English"))
    return text


@register.simple_tag
def translation_note(record, *fields):
    """On an Albanian or Serbian page, a visible note when ``fields`` of ``record`` show a translation no native speaker
    has reviewed yet."""
    language = reader_language()
    if language not in TRANSLATED_LANGUAGES or record.translation_reviewed(language):
        return ""
    if not any(getattr(record, f"{field}_{language}", "") for field in fields):
        return ""
    return format_html('<p class="translation-note">{}</p>', _("Translation not yet reviewed by a native speaker."))


@register.filter
def in_language(record, field):
    """The same text as plain text, for attributes and titles where no markup may go."""
    return localised_text(record, field)[0]


@register.filter
def serbian(text):
    """Serbian text (Latin, as stored) in the reader's script: Cyrillic on the Cyrillic pages."""
    return in_reader_script(text)


@register.simple_tag
def serbian_tag():
    """The lang attribute of Serbian text as ``serbian`` shows it."""
    return settings.LANGUAGE_TAGS[CYRILLIC_SERBIAN if reading_cyrillic() else "sr"]


@register.filter
def hreflang(code):
    """A language code as lang and hreflang give it (settings.LANGUAGE_TAGS: sr is sr-Latn); x-default as it is."""
    return settings.LANGUAGE_TAGS.get(code, code)
