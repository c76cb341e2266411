import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from events.translation import localised as localised_text

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
        return format_html('<span lang="en" class="untranslated" title="{}">{}</span>', _("Not yet translated: in English"), text)
    return text


@register.filter
def in_language(record, field):
    """The same text as plain text, for attributes and titles where no markup may go."""
    return localised_text(record, field)[0]
