from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext

from sources.dates import (
    EdtfOf, Precision, date_range_label, format_date, period_end, precision_constraint, shift_date,
)
from sources.chains import chain_reaches
from sources.models import Source

from .entities import Actor, EventType, Place, wikidata_id
from .publishable import Publishable
from ..translation import add_translations
from .querysets import EventQuerySet


class Outcome(models.TextChoices):
    CARRIED_OUT = "carried-out", _("carried out")
    NOT_CARRIED_OUT = "not-carried-out", _("never carried out")


offset_validator = RegexValidator(r"^-?P[1-9]\d*[DMY]$", _("Write the offset as P3D, P5M or P1Y, with - before it for before the anchor."))


class Event(Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Part of the address; do not change once published."))
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences shown in lists."))
    translations_reviewed = models.JSONField(
        _("translations reviewed"), null=True, blank=True,
        help_text=_("Languages whose translation a native speaker has checked, e.g. [\"sq\"]; readers see the others "
                    "marked as not yet reviewed."),
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown. Raw HTML is removed."))
    start = models.DateField(_("start date"), help_text=_("For a month or a year, enter the 1st of the month or 1 January."))
    start_precision = models.CharField(_("start precision"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    end = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(_("end precision"), max_length=5, choices=Precision.choices, blank=True)
    approximate = models.BooleanField(_("approximate"), default=False, help_text=_("The date is approximate (c.)."))
    display_date = models.CharField(
        _("display date"), max_length=100, blank=True, help_text=_("Overrides the shown date, e.g. \"by 20 June 1999\"."),
    )
    # Indexed by event_type_start_idx, whose first column it is.
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events", verbose_name=_("type"),
                                   db_index=False)
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events", blank=True, verbose_name=_("actors"))
    places = models.ManyToManyField(Place, related_name="events", blank=True, verbose_name=_("places"))
    legal_bases = models.ManyToManyField(
        "LegalProvision", related_name="events", blank=True, verbose_name=_("legal bases"),
        help_text=_("The mandates and agreements, or their provisions, the event acts under."),
    )
    key_event = models.BooleanField(_("key event"), default=False, help_text=_("A turning point, highlighted in the timeline."))
    wikidata_id = models.CharField(
        _("Wikidata ID"), max_length=20, blank=True, validators=[wikidata_id],
        help_text=_("The Wikidata item about this event, as Q followed by digits; only an item you have checked."),
    )
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("Corrections of the sources and remarks; shown to readers."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    revised_at = models.DateTimeField(
        _("last editorial change"), null=True, blank=True, editable=False,
        help_text=_("When an editor last changed the event or moved it in the workflow; imports do not count."),
    )
    # A plan or decision and its outcome: "authorised 29 October 2010, declared 28 February 2011". The event's own
    # dates are the outcome's; a plan never carried out keeps the plan's date as its start.
    planned_on = models.DateField(_("planned or decided on"), null=True, blank=True)
    planned_on_precision = models.CharField(_("precision"), max_length=5, choices=Precision.choices, blank=True)
    planned_by = models.ForeignKey(Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("planned or decided by"))
    plan_source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("source of the plan"))
    plan_locator = models.CharField(_("locator"), max_length=100, blank=True)
    planned_for = models.DateField(_("planned for"), null=True, blank=True,
                                   help_text=_("When it was meant to happen, if the plan says; a later outcome came late."))
    planned_for_precision = models.CharField(_("precision"), max_length=5, choices=Precision.choices, blank=True)
    planned_for_end = models.DateField(null=True, blank=True, editable=False)  # derived: the last day it could be on time
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True,
                               help_text=_("For a plan: whether it was carried out."))
    # A date given relative to another event or to a source's date: "three days after Resolution 1244", "last month"
    # in a source of 5 October 2021. The start is worked out from the anchor on save, and again when the anchor moves.
    relative_to = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="anchored",
                                    verbose_name=_("date relative to the event"))
    relative_to_source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                           verbose_name=_("date relative to the source's date"))
    relative_offset = models.CharField(_("offset"), max_length=12, blank=True, validators=[offset_validator],
                                       help_text=_("From the anchor, as P3D, P5M, P1Y, or -P1M for before it."))
    relative_phrase = models.CharField(_("as the source puts it"), max_length=100, blank=True,
                                       help_text=_("e.g. five months later; shown with the anchor."))
    # Kept up to date by a PostgreSQL trigger (migration 0003); unused, and empty, on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    start_edtf = EdtfOf("start", "start_precision", "approximate")
    end_edtf = EdtfOf("end", "end_precision")

    class Meta(Publishable.Meta):
        ordering = ["start", "slug"]
        verbose_name = _("event")
        permissions = [("publish_event", _("Can publish and unpublish events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="event_end_not_before_start",
                violation_error_message=_("The end date is before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True, end_precision="") | Q(end__isnull=False) & ~Q(end_precision=""),
                name="event_end_precision_set",
                violation_error_message=_("Give a precision with the end date, and none without it."),
            ),
            precision_constraint("start", "start_precision", "event_start_matches_precision"),
            precision_constraint("end", "end_precision", "event_end_matches_precision"),
            models.CheckConstraint(condition=~Q(title="") & ~Q(slug=""), name="event_title_and_slug_set"),
            models.CheckConstraint(
                condition=Q(relative_to__isnull=True) | Q(relative_to_source__isnull=True),
                name="event_relative_to_one_anchor",
                violation_error_message=_("Give the date relative to an event or to a source, not both."),
            ),
            models.CheckConstraint(
                condition=(Q(relative_to__isnull=True, relative_to_source__isnull=True, relative_offset="")
                           | ~Q(relative_offset="") & (Q(relative_to__isnull=False) | Q(relative_to_source__isnull=False))),
                name="event_relative_offset_with_anchor",
                violation_error_message=_("An anchor needs an offset, and an offset an anchor."),
            ),
            models.CheckConstraint(condition=~Q(relative_to=F("id")), name="event_not_relative_to_itself"),
            precision_constraint("planned_on", "planned_on_precision", "event_planned_on_matches_precision"),
            precision_constraint("planned_for", "planned_for_precision", "event_planned_for_matches_precision"),
        ]
        indexes = [
            models.Index(fields=["status", "start"], name="event_status_start_idx"),
            models.Index(fields=["start", "end"], name="event_dates_idx"),
            models.Index(fields=["event_type", "start"], name="event_type_start_idx"),  # the type filter, by period
            models.Index(fields=["status", "updated_at"], name="event_status_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def translation_reviewed(self, language):
        return language in (self.translations_reviewed or ())

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.start, self.start_precision = self.resolved_start()
        self.planned_for_end = period_end(self.planned_for, self.planned_for_precision) if self.planned_for else None
        super().save(*args, **kwargs)

    def clean(self):
        if chain_reaches(self.relative_to, self, "relative_to"):
            raise ValidationError({"relative_to": _("This would date the event relative to itself.")})
        if self.relative_offset and (self.relative_to or self.relative_to_source):
            anchor = self.relative_to or self.relative_to_source
            if getattr(anchor, "start", None) is None and getattr(anchor, "published", None) is None:
                raise ValidationError({"relative_to_source": _("The source has no date to count from.")})

    def resolved_start(self):
        """The start as its anchor gives it, for a date relative to another event or to a source; else as it is."""
        anchor = self.relative_to or self.relative_to_source
        if anchor is None or not self.relative_offset:
            return self.start, self.start_precision
        if self.relative_to is not None:
            date, precision = anchor.start, anchor.start_precision
        else:
            date, precision = anchor.published, anchor.published_precision
        if date is None:
            return self.start, self.start_precision
        return shift_date(date, precision, self.relative_offset)

    @property
    def plan_label(self):
        return format_date(self.planned_on, self.planned_on_precision) if self.planned_on else ""

    @property
    def planned_for_label(self):
        return format_date(self.planned_for, self.planned_for_precision) if self.planned_for else ""

    @property
    def came_late(self):
        return bool(self.planned_for_end and self.outcome != Outcome.NOT_CARRIED_OUT and self.start > self.planned_for_end)

    @property
    def last_revised(self):
        """What readers see as "last updated": the last editorial change, else the first publication."""
        return self.revised_at or self.published_at or self.created_at

    @property
    def date_label(self):
        """The date as readers see it: the display date if an editor gave one, else the range at its precision."""
        if self.display_date:
            return self.display_date
        label = date_range_label(self.start, self.start_precision, self.end, self.end_precision)
        return f"{pgettext('circa', 'c.')} {label}" if self.approximate else label


# Shown on the Albanian and Serbian pages; where one is empty, readers see the English, marked so.
add_translations(Event, "title", models.CharField, max_length=255)
add_translations(Event, "summary", models.TextField)


class ActorRole(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    DECISION_MAKER = "decision-maker", _("decision-maker")
    SIGNATORY = "signatory", _("signatory")
    MEDIATOR = "mediator", _("mediator")
    HOST = "host", _("host")
    TARGET = "target", _("target")
    SUPPORTER = "supporter", _("supporter")
    OPPONENT = "opponent", _("opponent")
    SUBJECT = "subject", _("subject")


class EventActor(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_actors")
    # Indexed by event_actor_actor_event_idx, whose first column it is.
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="event_roles", db_index=False)
    role = models.CharField(_("role"), max_length=20, choices=ActorRole.choices, default=ActorRole.PARTICIPANT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("actor of an event")
        verbose_name_plural = _("actors of events")
        constraints = [models.UniqueConstraint(fields=["event", "actor", "role"], name="event_actor_role_unique")]
        # The actor filter's semi-join (events of these actors) read from the index alone, without the rows.
        indexes = [models.Index(fields=["actor", "event"], name="event_actor_actor_event_idx")]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display()})"


class Citation(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    locator = models.CharField(_("locator"), max_length=100, blank=True, help_text=_("Page, paragraph or section: \"para. 4\", \"p. 12\"."))
    quote = models.TextField(_("quote"), blank=True, help_text=_("The passage that supports the event, word for word."))
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("citation")
        indexes = [models.Index(fields=["event", "order"], name="citation_event_order_idx")]

    def __str__(self):
        return f"{self.source} {self.locator}".strip()
