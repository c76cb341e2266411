"""The filters' select, written in Python, gives the markup Django's own Select gives, escaped alike."""

import pytest
from django import forms

from events.widgets import FastSelect

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
