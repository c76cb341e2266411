"""
Readers' corrections: the "suggest a correction" form of an event's page. What a reader sends lands in the
reviewers' queue (Suggestion, in the admin) and is never shown on any public page.

The event's page is served to every reader from one cached copy (events.caching), which cannot carry a reader's own
CSRF token. So the page links to a form page of its own, never cached, whose form carries the token; the POST is
CSRF-checked like any other. Posting is throttled per client address and guarded by a honeypot field.
"""

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from kfor_site.throttle import seconds_to_wait

from ..models import Event, Suggestion
from ..models.suggestions import SUGGESTION_MAX_LENGTH
from ..translation import with_translations

HOUR = 60 * 60


class WebAddressField(forms.URLField):
    """A web page's address: http or https only (no ftp, no javascript:), with one message when it is not one."""

    default_validators = [URLValidator(schemes=["http", "https"])]
    # Plain text with a URL keyboard: an <input type="url"> given back a reader's bad value would not be valid HTML.
    widget = forms.TextInput(attrs={"inputmode": "url"})


class SuggestionForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong?"), max_length=SUGGESTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Say what the page gets wrong and what is right, as exactly as you can."),
    )
    source_url = WebAddressField(
        label=_("A source that shows what is right (optional)"), required=False, max_length=500, assume_scheme="https",
        help_text=_("The address of a web page, beginning with https://."),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"), required=False,
        help_text=_("Only if a reviewer may ask you a question. It is never shown or passed on."),
    )
    # The honeypot: hidden from people (and screen readers) by the stylesheet; bots that fill every field fill it.
    homepage = forms.CharField(label=_("Leave this field empty"), required=False)


def over_the_limit(request):
    """Counts this post against its client's hourly allowance (KFOR_SUGGESTIONS_PER_HOUR): the seconds to wait, or 0."""
    return seconds_to_wait(request, "suggest", limit=settings.KFOR_SUGGESTIONS_PER_HOUR, window=HOUR)


def published_event(slug):
    fields = ("pk", "slug", "status", *with_translations("title"))
    return get_object_or_404(Event.objects.published().only(*fields), slug=slug)


@never_cache  # the form carries this reader's CSRF token
@require_http_methods(["GET", "HEAD", "POST"])
def suggest(request, slug):
    """The form (GET); a post lands in the queue and is answered with the thank-you page, or the form again."""
    event = published_event(slug)
    if request.method != "POST":
        return render(request, "events/suggest.html", {"event": event, "form": SuggestionForm()})
    wait = over_the_limit(request)
    if wait:
        response = render(request, "events/suggest.html", {"event": event, "form": None, "throttled": True}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form = SuggestionForm(request.POST)
    if not form.is_valid():
        return render(request, "events/suggest.html", {"event": event, "form": form}, status=400)
    data = form.cleaned_data
    if not data["homepage"]:  # a filled honeypot is dropped, and answered as if it were kept
        Suggestion.objects.create(event=event, text=data["text"], source_url=data["source_url"], email=data["email"])
    return redirect("events:suggest-thanks", slug=event.slug)


def thanks(request, slug):
    return render(request, "events/suggest_thanks.html", {"event": published_event(slug)})
