"""{% url %} remembers what it reverses, and writes what Django's own tag writes."""

import pytest
from django.template import Context, Engine, engines
from django.urls import NoReverseMatch, set_script_prefix
from django.utils import translation

from kfor_site.remembered_urls import RememberedURLNode

CASES = [
    "{% url 'events:search' %}",
    "{% url 'events:detail' 'kfor-deploys' %}",
    "{% url 'events:detail' slug=slug %}",
    "{% url 'events:event-export' slug 'ris' %}",
    "{% url 'events:detail' slug as link %}[{{ link }}]",
    "{% url 'events:no-such-page' as missing %}[{{ missing }}]",
    "{% url name slug %}",
]
DJANGOS = Engine()  # Django's builtins only


def ours(source, values):
    return engines["django"].from_string(source).render(values)


@pytest.mark.parametrize("language", ["en-gb", "sq"])
@pytest.mark.parametrize("source", CASES)
def test_the_tag_writes_what_djangos_writes(source, language):
    values = {"slug": "kfor-deploys", "name": "events:detail"}
    with translation.override(language):
        expected = DJANGOS.from_string(source).render(Context(values))
        assert ours(source, values) == expected  # reversed
        assert ours(source, values) == expected  # remembered


def test_every_template_uses_it_and_a_missing_route_still_fails():
    assert isinstance(engines["django"].from_string("{% url 'events:map' %}").template.nodelist[0], RememberedURLNode)
    with pytest.raises(NoReverseMatch):
        ours("{% url 'events:no-such-page' %}", {})


def test_an_address_is_remembered_for_each_language_and_script_prefix():
    source = "{% url 'events:map' %}"
    assert ours(source, {}) == "/map/"
    with translation.override("sq"):
        assert ours(source, {}) == "/sq/map/"
    set_script_prefix("/kfor/")
    try:
        assert ours(source, {}) == "/kfor/map/"
    finally:
        set_script_prefix("/")
    assert ours(source, {}) == "/map/"
