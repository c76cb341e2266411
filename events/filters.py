import datetime
import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import DurationField, ExpressionWrapper, F, Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sources.dates import Precision, period_end
from sources.models import Source, SourceKind

from .caching import versioned
from .models import Actor, Event, EventType, Outcome, Place, PlaceKind
from .selectors import public_records, subtree_ids
from .translation import TRANSLATED_FIELDS, localised

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
            # Nor can it have started longer before than the longest event lasts: a bound on the start, which the
            # indexes on it can use, where the condition on the end alone makes the database read every earlier event.
            started_after = first - longest_event()
            return qs.filter(Q(end__gte=first) | Q(end__isnull=True, start__gte=first), start__gte=started_after)
        return qs.filter(start__lte=last)


def longest_event():
    """How long the longest event, published or not, lasts from its start to its end date: kept until content changes."""
    def compute():
        span = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
        return Event.objects.filter(end__isnull=False).aggregate(longest=Max(span))["longest"] or datetime.timedelta(0)

    return versioned("longest-event", compute)


class Select(forms.Select):
    """Django's select, drawn by one template: Django's own renders a template for each option, which cost most of an
    uncached timeline's time with every actor and place to choose from (make bench)."""

    template_name = "events/widgets/select.html"


def record_choices(model):
    """
    The slugs and names of the actors, places or types readers may see, in the reader's language, kept until the
    content changes (publishing an event changes it, and may make its actors, places and type public).
    """
    def compute():
        records = public_records(model).order_by("name")
        translated = "name" in TRANSLATED_FIELDS.get(f"{model._meta.model_name}s", ())
        return [(record.slug, localised(record, "name")[0] if translated else record.name) for record in records]

    return versioned(f"choices:{model._meta.label_lower}:{get_language()}", compute)


def record_ids(model):
    """Each actor's, place's or type's id by slug, kept until the content changes."""
    return versioned(f"ids:{model._meta.label_lower}", lambda: dict(model.objects.values_list("slug", "pk")))


class EventFilter(django_filters.FilterSet):
    """The timeline's filters. Every value lives in the URL, so a filtered view can be shared."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    actor = django_filters.ChoiceFilter(label=_("Actor"), choices=lambda: record_choices(Actor), method="filter_actor",
                                        empty_label=_("Any actor"), widget=Select)
    place = django_filters.ChoiceFilter(label=_("Place"), choices=lambda: record_choices(Place), method="filter_place",
                                        empty_label=_("Any place"), widget=Select)
    type = django_filters.ChoiceFilter(label=_("Type"), choices=lambda: record_choices(EventType), method="filter_type",
                                       empty_label=_("Any type"), widget=Select)
    key = django_filters.BooleanFilter(
        label=_("Key events only"), field_name="key_event", method="filter_key", widget=forms.CheckboxInput,
    )
    plan = django_filters.ChoiceFilter(
        label=_("Plans"), method="filter_plan", empty_label=_("Any event"), widget=Select,
        choices=[("any", _("Plans and decisions")), ("late", _("Carried out later than planned")),
                 ("not-carried-out", _("Never carried out"))],
    )
    mapped = django_filters.ChoiceFilter(
        label=_("On the map"), method="filter_mapped", empty_label=_("Any event"), widget=Select,
        choices=[("yes", _("On the map")), ("no", _("Not on the map"))],
    )
    order = django_filters.ChoiceFilter(
        label=_("Order"), choices=[("oldest", _("Oldest first")), ("newest", _("Newest first"))],
        method="filter_order", empty_label=None, widget=Select,
    )

    class Meta:
        model = Event
        fields = []

    def filter_text(self, qs, name, value):
        if not value.strip():
            return qs
        return qs.filter(pk__in=Event.objects.search(value).values("pk"))

    def filter_actor(self, qs, name, slug):
        return qs.involving(subtree_ids(Actor, record_ids(Actor)[slug])) if slug else qs

    def filter_place(self, qs, name, slug):
        return qs.at(subtree_ids(Place, record_ids(Place)[slug])) if slug else qs

    def filter_type(self, qs, name, slug):
        return qs.filter(event_type=record_ids(EventType)[slug]) if slug else qs

    def filter_key(self, qs, name, value):
        return qs.filter(key_event=True) if value else qs

    def filter_plan(self, qs, name, value):
        if value == "late":
            return qs.filter(start__gt=F("planned_for_end")).exclude(outcome=Outcome.NOT_CARRIED_OUT)
        if value == "not-carried-out":
            return qs.filter(outcome=Outcome.NOT_CARRIED_OUT)
        return qs.filter(planned_on__isnull=False) if value == "any" else qs

    def filter_mapped(self, qs, name, value):
        """
        Events with a point on the map ("yes"), or with none ("no"): no place, only places beyond the map's frame, or
        only a country, which the map draws as an area, not as a point.
        """
        from .maps import EAST, NORTH, SOUTH, WEST

        on_map = Event.places.through.objects.filter(
            place__latitude__range=(SOUTH, NORTH), place__longitude__range=(WEST, EAST)).exclude(
            place__kind=PlaceKind.COUNTRY).values("event_id")
        if value == "yes":
            return qs.filter(pk__in=on_map)
        return qs.exclude(pk__in=on_map) if value == "no" else qs

    def filter_order(self, qs, name, value):
        return qs.chronological(newest_first=value == "newest")

    @property
    def newest_first(self):
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("order") == "newest"

    @property
    def selects_all(self):
        """Whether every published event passes (the order aside): the whole timeline's counts then apply."""
        return not self.is_bound or (self.is_valid() and not self.chosen())

    def chosen(self):
        """The filters given a value, with it: the order selects nothing, and an empty value is no filter."""
        if not self.is_bound or not self.is_valid():
            return []
        return [(name, value) for name, value in self.form.cleaned_data.items() if name != "order" and value]


# The URL says ?from=1999&to=2004, and "from" cannot be a class attribute: add the period here, after "type".
_declared = EventFilter.base_filters
EventFilter.base_filters = {
    **{name: _declared[name] for name in ("q", "actor", "place", "type")},
    "from": PeriodFilter(label=_("From"), edge="from", widget=forms.TextInput(attrs={"placeholder": _("1999 or 2004-03")})),
    "to": PeriodFilter(label=_("To"), edge="to", widget=forms.TextInput(attrs={"placeholder": _("2021 or 2021-10")})),
    **{name: _declared[name] for name in ("key", "plan", "mapped", "order")},
}


class SourceFilter(django_filters.FilterSet):
    """The bibliography's filters: kind, publisher, year and a text query."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SourceKind.choices, empty_label=_("Any kind"))
    publisher = django_filters.ChoiceFilter(label=_("Publisher"), empty_label=_("Any publisher"))
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
