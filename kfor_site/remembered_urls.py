"""
Django's {% url %} tag, remembering what it reverses. A page asks for the same few addresses on every request (the
menu, the feed, the search, the downloads), and reversing one costs tens of microseconds. Installed as a template
builtin (settings.TEMPLATES), so it stands in for Django's tag in every template, with the same syntax and output.

An address is remembered under all that reverse reads: the view's name, its arguments, the current application,
the language, the script prefix and the URL configuration. Arguments other than text and numbers (an object, a lazy
text) are reversed each time, as Django's tag does.
"""

import functools

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()


@functools.lru_cache(maxsize=4096)
def remembered_reverse(view_name, args, kwargs, current_app, language, script_prefix, urlconf):
    """reverse(), for the language, script prefix and URL configuration in force, which key it (and reverse reads)."""
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def plain(value):
    """Whether ``value`` is text or a number: what can key an address (a lazy text is not text until rendered)."""
    return isinstance(value, (str, int))


class RememberedURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((name, value.resolve(context)) for name, value in self.kwargs.items()))
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            if plain(view_name) and all(plain(value) for value in (*args, *(value for _, value in kwargs))):
                url = remembered_reverse(view_name, args, kwargs, current_app, get_language(), get_script_prefix(),
                                         get_urlconf())
            else:
                url = reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """{% url %}, as Django's, remembered (RememberedURLNode)."""
    node = django_url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
