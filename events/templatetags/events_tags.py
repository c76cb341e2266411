import markdown as markdown_lib
import nh3
from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.caching import kept_per_event
from events.models import Event
from events.translation import TRANSLATED_LANGUAGES, reader_language
from events.translation import localised as localised_text
from events.widgets import filter_fields

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


register.simple_tag(filter_fields)


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


# Rendered parts that depend on the language and on nothing else (include_per_language).
_PER_LANGUAGE = {}


@register.simple_tag
def include_per_language(template_name):
    """
    A template that shows the same in every page of a language, such as the site's menu and footer (links and
    words, no data): rendered once per language and process, then reused. Its links start with the script prefix
    the site is served under, so that is part of the key too.
    """
    key = (template_name, get_language(), get_script_prefix())
    html = _PER_LANGUAGE.get(key)
    if html is None:
        html = _PER_LANGUAGE[key] = mark_safe(get_template(template_name).render())
    return html


@register.simple_tag(takes_context=True)
def event_items(context, events):
    """
    Each event as a list item (events/_event_item.html), kept per event (caching.kept_per_event): the same event
    on another page, in another list or under other filters costs a cache read, and an edit to it renders it afresh.
    """
    item = get_template("events/_event_item.html").template

    def render(missing):
        made = {}
        for pk, event in Event.objects.with_listing_data().in_bulk(missing).items():
            with context.push(event=event):  # as {% include %} renders it
                made[pk] = item.render(context)
        return made

    # events as EventQuerySet.for_listing gives them: ids and dates
    return mark_safe("".join(kept_per_event("event-item", [event.pk for event in events], render)))  # escaped by the template
