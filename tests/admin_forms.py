"""Posting admin change forms as a browser would: every field and inline as the page shows it."""


def _value(bound):
    value = bound.value()
    if value is None:
        return None
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value)


def form_data(response, **changes):
    """The data a browser would post back from an admin add or change page, with ``changes`` applied."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = _value(form[name])
        if value is not None:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                value = _value(subform[name])
                if value is not None:
                    data[subform.add_prefix(name)] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
