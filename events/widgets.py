"""Form widgets for the public filters, written in Python where Django's templates cost too much."""

import functools
import html

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .caching import content_state


def conditional_escape(value):
    """django.utils.html.conditional_escape, without the check for lazy arguments that costs more than escaping."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attrs(attrs):
    """Attributes as Django's widgets/attrs.html writes them: True as a bare name, False left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(value)}"'
        for name, value in attrs.items() if value is not False
    )


class FastSelect(forms.Select):
    """
    A select that writes the same markup as Django's, in Python. Django renders each option through a
    template of its own: for the filters' lists of actors and places that costs several milliseconds a page,
    on every uncached timeline.
    """

    def render(self, name, value, attrs=None, renderer=None):
        # What Select.get_context and optgroups give the template, without a dict for each option.
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        values, has_selected = set(self.format_value(value)), False
        parts = [f'<select name="{conditional_escape(name)}"{_attrs(attrs)}>']
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped and option_value:
                parts.append(f'\n  <optgroup label="{conditional_escape(option_value)}">')
            for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(sub_value) in values
                has_selected |= selected
                parts.append(_option(str(sub_value), str(sub_label), hasattr(sub_label, "__html__"), selected))
            if grouped and option_value:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value above is escaped


@functools.lru_cache(maxsize=4096)
def _option(value, label, label_is_safe, selected):
    """
    One option's markup, remembered: the filters' lists (every actor, every place) are the same on every page,
    and escaping each of their values and labels cost more than the rest of the form.
    """
    label = label if label_is_safe else html.escape(label)
    return f'\n  <option value="{html.escape(value)}"{" selected" if selected else ""}>{label}</option>\n'


class FastInput:
    """For an input widget: the markup of Django's widgets/input.html, written in Python (as FastSelect's)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else f' value="{conditional_escape(str(widget["value"]))}"'
        return mark_safe(f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
                         f'{value}{_attrs(widget["attrs"])}>')  # every value is escaped


class FastTextInput(FastInput, forms.TextInput):
    pass


class FastCheckboxInput(FastInput, forms.CheckboxInput):
    pass


def filter_fields(form):
    """
    The fields of the timeline's filters, each in its box with its label and errors, as the loop of
    _filters.html wrote them: written in Python, as FastSelect is, because that loop cost more than the
    widgets inside it on every filtered page.

    A valid form's field shows no error, so its box depends only on its name, the value the URL gives it, the
    language and (for the lists of records) the content's shape: kept under those in this process, as each filter
    value's events are kept, so that a new combination of values seen before costs no rendering.
    """
    keep = form.is_bound and form.is_valid()
    if keep:
        state, language, data = content_state(), get_language(), form.data
    parts = []
    for field in form:
        key = None
        if keep:
            given = data.getlist(field.html_name) if hasattr(data, "getlist") else [data.get(field.html_name)]
            key = (state.shape, language, field.html_name, tuple(given))
        box = _kept_boxes.get(key) if key else None
        if box is None:
            box = _field_box(field)
            if key:
                if len(_kept_boxes) >= KEPT_BOXES:
                    _kept_boxes.clear()  # the values read in URLs are the readers': bounded, and rebuilt on demand
                _kept_boxes[key] = box
        parts.append(box)
    return mark_safe("".join(parts))  # every value is escaped; the widgets escape their own


KEPT_BOXES = 2048
_kept_boxes = {}  # (shape, language, field, values in the URL): the field's box, for valid forms (filter_fields)


def _field_box(field):
    """One field of the filters in its box: label, widget (with the attributes the form adds) and errors."""
    errors = field.errors
    label = f'<label for="{conditional_escape(field.id_for_label)}">{conditional_escape(field.label)}</label>'
    widget = str(field)  # the widget, with the attributes the form adds (aria-invalid, aria-describedby)
    checkbox = getattr(field.field.widget, "input_type", None) == "checkbox"
    messages = "".join(f'<p class="error" id="{conditional_escape(field.auto_id)}_error" role="alert">'
                       f"{conditional_escape(error)}</p>" for error in errors)
    return (f'\n    <div class="field field--{conditional_escape(field.name)}{" field--error" if errors else ""}">'
            f"\n      \n        {f'{widget} {label}' if checkbox else f'{label} {widget}'}\n      \n      "
            f"{messages}\n    </div>\n    ")
