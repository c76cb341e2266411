import copy
import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sources.dates import Precision, period_end
from sources.models import Source, SourceKind

from .caching import shaped, shaped_held
from .matches import Matches, published_timeline
from .models import Actor, Event, EventType, Outcome, Place
from .selectors import subtree_ids
from .widgets import FastCheckboxInput, FastSelect, FastTextInput

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PeriodField(forms.CharField):
    """A year, a month or a day ("1999", "2004-03", "1999-06-10"); cleans to (first day, last day)."""

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        match = _PERIOD.match(value)
        if not match:
            raise ValidationError(_("Enter a year (1999), a month (2004-03) or a date (1999-06-10)."), code="invalid")
        year, month, day = int(match[1]), match[2] and int(match[2]), match[3] and int(match[3])
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        try:
            first = datetime.date(year, month or 1, day or 1)
        except ValueError:
            raise ValidationError(_("%(value)s is not a real date."), code="invalid", params={"value": value}) from None
        return first, period_end(first, precision)


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField

    def __init__(self, *, edge, **kwargs):
        self.edge = edge
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        first, last = value
        if self.edge == "from":  # the event has not ended before the period starts
            return qs.filter(Q(end__gte=first) | Q(end__isnull=True, start__gte=first))
        return qs.filter(start__lte=last)


class KeptChoices(django_filters.fields.ModelChoiceIterator):
    """A filter's list of records, kept until the content's shape changes: no query for it on each page."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield "", field.empty_label
        model, order = self.queryset.model._meta.label_lower, ",".join(self.queryset.query.order_by)
        yield from shaped(f"choices:{model}:{field.to_field_name}:{order}:{get_language()}", lambda: [
            (field.prepare_value(record), field.label_from_instance(record)) for record in self.queryset.all()])


class KeptModelChoiceField(django_filters.fields.ModelChoiceField):
    """
    A choice of record whose list, and the records it names, are kept: choosing one costs no query. The records
    are kept by model, so only for a queryset of every record (a filtered one is looked up in the database).
    """

    iterator = KeptChoices

    def to_python(self, value):
        empty = value in self.empty_values or (self.null_label is not None and value == self.null_value)
        if empty or self.queryset.query.has_filters():
            return super().to_python(value)
        self.validate_no_null_characters(value)
        key, model = self.to_field_name or "pk", self.queryset.model
        records = shaped_held(f"choice-records:{model._meta.label_lower}:{key}",
                              lambda: {str(getattr(record, key)): record for record in self.queryset.all()})
        try:
            return records[str(getattr(value, key) if isinstance(value, model) else value)]
        except KeyError:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": value}) from None


class KeptModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of record whose list and records are kept until the content's shape changes (KeptModelChoiceField)."""

    field_class = KeptModelChoiceField


class EventFilter(django_filters.FilterSet):
    """The timeline's filters. Every value lives in the URL, so a filtered view can be shared."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text", widget=FastTextInput)
    actor = KeptModelChoiceFilter(
        label=_("Actor"), queryset=Actor.objects.order_by("name"), to_field_name="slug", method="filter_actor",
        empty_label=_("Any actor"), widget=FastSelect,
    )
    place = KeptModelChoiceFilter(
        label=_("Place"), queryset=Place.objects.order_by("name"), to_field_name="slug", method="filter_place",
        empty_label=_("Any place"), widget=FastSelect,
    )
    type = KeptModelChoiceFilter(
        label=_("Type"), field_name="event_type", queryset=EventType.objects.order_by("name"), to_field_name="slug",
        empty_label=_("Any type"), widget=FastSelect,
    )
    key = django_filters.BooleanFilter(
        label=_("Key events only"), field_name="key_event", widget=FastCheckboxInput,
        method="filter_key",
    )
    plan = django_filters.ChoiceFilter(
        label=_("Plans"), method="filter_plan", empty_label=_("Any event"), widget=FastSelect,
        choices=[("any", _("Plans and decisions")), ("late", _("Carried out later than planned")),
                 ("not-carried-out", _("Never carried out"))],
    )
    mapped = django_filters.ChoiceFilter(
        label=_("On the map"), method="filter_mapped", empty_label=_("Any event"), widget=FastSelect,
        choices=[("yes", _("On the map")), ("no", _("Not on the map"))],
    )
    order = django_filters.ChoiceFilter(
        label=_("Order"), choices=[("oldest", _("Oldest first")), ("newest", _("Newest first"))],
        method="filter_order", empty_label=None, widget=FastSelect,
    )

    class Meta:
        model = Event
        fields = []

    def filter_text(self, qs, name, value):
        if not value.strip():
            return qs
        return qs.filter(pk__in=Event.objects.search(value).values("pk"))

    def filter_actor(self, qs, name, actor):
        return qs.involving(subtree_ids(Actor, actor.pk)) if actor else qs

    def filter_place(self, qs, name, place):
        return qs.at(subtree_ids(Place, place.pk)) if place else qs

    def filter_key(self, qs, name, value):
        return qs.filter(key_event=True) if value else qs

    def filter_plan(self, qs, name, value):
        if value == "late":
            return qs.filter(start__gt=F("planned_for_end")).exclude(outcome=Outcome.NOT_CARRIED_OUT)
        if value == "not-carried-out":
            return qs.filter(outcome=Outcome.NOT_CARRIED_OUT)
        return qs.filter(planned_on__isnull=False) if value == "any" else qs

    def filter_mapped(self, qs, name, value):
        """Events with a place inside the map's frame ("yes"), or with none ("no": no place, or only places afar)."""
        from .maps import EAST, NORTH, SOUTH, WEST

        on_map = Event.places.through.objects.filter(
            place__latitude__range=(SOUTH, NORTH), place__longitude__range=(WEST, EAST)).values("event_id")
        if value == "yes":
            return qs.filter(pk__in=on_map)
        return qs.exclude(pk__in=on_map) if value == "no" else qs

    def filter_order(self, qs, name, value):
        return qs.chronological(newest_first=value == "newest")

    def get_form_class(self):
        """
        The form, made once for the class. Its fields are the filters', which nothing changes per request, so each
        form shares them (SharedFields) instead of deep-copying them as Django's forms do.
        """
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
            cls._form_class.base_fields = SharedFields(cls._form_class.base_fields)
        return cls._form_class

    def matches(self):
        """
        The published events these filters select, in the order they ask for (events.matches.Matches): the same
        events as ``qs``. Each filter value's events are selected by that filter's own query and kept until the
        content's shape changes; words searched for are looked up on each request.
        """
        timeline = published_timeline()
        if self.is_bound and not self.is_valid():
            return Matches(timeline, 0)
        bits = timeline.everything
        for name, value in self.chosen():
            bits &= self.selected(name, value) if name == "q" else self.kept_bits(name, value)
        return Matches(timeline, bits, newest_first=self.newest_first)

    def chosen(self):
        """The filters given a value, with it: the order selects nothing, and an empty value is no filter."""
        if not self.is_bound or not self.is_valid():
            return []
        return [(name, value) for name, value in self.form.cleaned_data.items() if name != "order" and value]

    def selected(self, name, value):
        """The set of the published events the filter ``name`` selects with ``value``, by its own query."""
        return published_timeline().bits(
            self.filters[name].filter(Event.objects.published(), value).values_list("pk", flat=True))

    def kept_bits(self, name, value):
        """``selected(name, value)``, kept until the content's shape changes."""
        key = "/".join(str(getattr(part, "pk", part)) for part in (value if isinstance(value, tuple) else (value,)))
        return shaped(f"event-filter:{name}:{key}", lambda: self.selected(name, value))

    @property
    def newest_first(self):
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("order") == "newest"

    @property
    def selects_all(self):
        """Whether every published event passes (the order aside): the whole timeline's counts then apply."""
        return not self.is_bound or (self.is_valid() and not self.chosen())


class SharedFields(dict):
    """
    A form class's fields, shared by its forms: Form.__init__ deep-copies base_fields so that a form may change its
    own, and the filters' forms change none. The copy cost as much as validating the form. A shared field's queryset
    is shared too: what reads it reads a copy (``queryset.all()``), so that no result stays cached in it.
    """

    def __deepcopy__(self, memo):
        return dict(self)


class CopiedFilters(dict):
    """
    A FilterSet's filters, which each instance copies (FilterSet.__init__ deep-copies them): here each filter is
    copied alone, its settings (labels, choices, widgets) shared. Nothing changes them after the class is made, and
    the form deep-copies its own fields. A deep copy made every request cost more than the rest of the filtering.
    """

    def __deepcopy__(self, memo):
        return {name: self.copied(filter_) for name, filter_ in self.items()}

    @staticmethod
    def copied(filter_):
        copied = copy.copy(filter_)
        if filter_.method is not None:
            copied.method = filter_.method  # a filter by method holds it bound to itself: bind it to the copy
        return copied


# The URL says ?from=1999&to=2004, and "from" cannot be a class attribute: add the period here, after "type".
_declared = EventFilter.base_filters
EventFilter.base_filters = CopiedFilters({
    **{name: _declared[name] for name in ("q", "actor", "place", "type")},
    "from": PeriodFilter(label=_("From"), edge="from", widget=FastTextInput(attrs={"placeholder": _("1999 or 2004-03")})),
    "to": PeriodFilter(label=_("To"), edge="to", widget=FastTextInput(attrs={"placeholder": _("2021 or 2021-10")})),
    **{name: _declared[name] for name in ("key", "plan", "mapped", "order")},
})


class SourceFilter(django_filters.FilterSet):
    """The bibliography's filters: kind, publisher, year and a text query."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SourceKind.choices, empty_label=_("Any kind"),
                                       widget=FastSelect)
    publisher = django_filters.ChoiceFilter(label=_("Publisher"), empty_label=_("Any publisher"), widget=FastSelect)
    year = django_filters.NumberFilter(label=_("Year"), field_name="published__year", min_value=1, max_value=9999)

    class Meta:
        model = Source
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        publishers = self.queryset.exclude(publisher="").order_by("publisher").values_list("publisher", flat=True).distinct()
        self.filters["publisher"].extra["choices"] = [(p, p) for p in publishers]

    def filter_text(self, qs, name, value):
        return qs.filter(pk__in=Source.objects.search(value).values("pk")) if value.strip() else qs
