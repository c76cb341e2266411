"""The filters' select, written in Python, gives the markup Django's own Select gives, escaped alike."""

import pytest
from django import forms

from django.http import QueryDict
from django.template import Context, Template
from django.utils import translation

from events.filters import EventFilter
from events.models import Event
from events.widgets import FastCheckboxInput, FastSelect, FastTextInput, filter_fields
from tests.factories import make_actor

CHOICES = [("", "Any actor"), ("nato", "NATO"), ("kfor", 'Kosovo Force <"KFOR"> & co'), ("eu", "EU")]
GROUPED = [("Bodies", [("nato", "NATO"), ("eu", "EU")]), ("Forces", [("kfor", "KFOR")])]


@pytest.mark.parametrize("choices, value, attrs", [
    (CHOICES, "kfor", {"id": "id_actor", "aria-describedby": "help"}),
    (CHOICES, None, {"id": "id_actor", "required": True, "disabled": False}),
    (GROUPED, "eu", {"id": "id_group"}),
])
def test_the_fast_select_writes_what_djangos_select_writes(choices, value, attrs):
    expected = forms.Select(choices=choices).render("actor", value, attrs=attrs)
    assert FastSelect(choices=choices).render("actor", value, attrs=attrs) == expected
    assert "&lt;&quot;KFOR&quot;&gt; &amp; co" in expected or choices is not CHOICES


@pytest.mark.parametrize("widget, fast, value, attrs", [
    (forms.TextInput, FastTextInput, 'a "quoted" <word> & co', {"id": "id_q", "placeholder": "1999 or 2004-03"}),
    (forms.TextInput, FastTextInput, None, {"id": "id_q", "required": True, "disabled": False}),
    (forms.CheckboxInput, FastCheckboxInput, True, {"id": "id_key"}),
    (forms.CheckboxInput, FastCheckboxInput, False, {"id": "id_key"}),
])
def test_the_fast_inputs_write_what_djangos_inputs_write(widget, fast, value, attrs):
    expected = widget(attrs={"class": "x&y"}).render("q", value, attrs=attrs)
    assert fast(attrs={"class": "x&y"}).render("q", value, attrs=attrs) == expected


# The loop _filters.html ran before filter_fields wrote the same in Python.
FILTER_LOOP = """{% for field in filter.form %}
    <div class="field field--{{ field.name }}{% if field.errors %} field--error{% endif %}">
      {% if field.field.widget.input_type == "checkbox" %}
        {{ field }} <label for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% else %}
        <label for="{{ field.id_for_label }}">{{ field.label }}</label> {{ field }}
      {% endif %}
      {% for error in field.errors %}<p class="error" id="{{ field.auto_id }}_error" role="alert">{{ error }}</p>{% endfor %}
    </div>
    {% endfor %}"""


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "actor=nato&from=2004&key=on&order=newest", "from=not-a-year&actor=nobody&q=%3Cb%3E"])
def test_filter_fields_write_what_the_template_loop_wrote(query):
    make_actor(slug="nato", name='NATO <"North Atlantic">')
    filters = EventFilter(QueryDict(query) if query else None, queryset=Event.objects.published())
    expected = Template(FILTER_LOOP).render(Context({"filter": filters}))
    assert filter_fields(filters.form) == expected
    assert ("field--error" in expected) == ("nobody" in query)


@pytest.mark.django_db
def test_a_valid_forms_fields_are_kept_by_value_and_language():
    make_actor(slug="nato", name="NATO")
    query = QueryDict("actor=nato&from=2004&key=on")

    def fields(language):
        with translation.override(language):
            return filter_fields(EventFilter(query, queryset=Event.objects.published()).form)

    english, albanian = fields("en"), fields("sq")
    assert fields("en") == english and fields("sq") == albanian  # kept, and the same as when first written
    assert "Any actor" in english and "Çdo aktor" in albanian and "Any actor" not in albanian
    with translation.override("en"):
        fresh = EventFilter(QueryDict("actor=nato&from=2005&key=on"), queryset=Event.objects.published())
        assert 'value="2005"' in filter_fields(fresh.form)  # another value of a field is its own box
