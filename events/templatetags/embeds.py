"""The "Embed" box and the oEmbed discovery link, for the timeline and event pages."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..embedding import embed_path, embed_title, iframe_html

register = template.Library()


@register.inclusion_tag("events/_embed_code.html", takes_context=True)
def embed_code(context, event=None):
    """The iframe code of this page's embed: the event's, or the timeline's with the page's filters."""
    request = context["request"]
    src = request.build_absolute_uri(embed_path(event=event, query=context.get("query", "")))
    kind = "event" if event is not None else "timeline"
    return {"code": iframe_html(src=src, title=embed_title(event), kind=kind), "embed_url": src}


@register.simple_tag(takes_context=True)
def oembed_link(context, event=None):
    """<link rel="alternate" type="application/json+oembed">: where an oEmbed consumer asks for this page's iframe."""
    request = context["request"]
    if event is not None:
        page = event.get_absolute_url()
    else:
        query = context.get("query", "")
        page = reverse("events:timeline") + (f"?{query}" if query else "")
    href = reverse("oembed") + "?" + urlencode({"url": request.build_absolute_uri(page), "format": "json"})
    return format_html('<link rel="alternate" type="application/json+oembed" href="{}" title="{}">',
                       request.build_absolute_uri(href), embed_title(event))
