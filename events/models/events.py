from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext

from sources.dates import EdtfOf, Precision, date_range_label, precision_constraint
from sources.models import Source

from .entities import Actor, EventType, Place
from .publishable import Publishable
from .querysets import EventQuerySet


class Event(Publishable):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Part of the address; do not change once published."))
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences shown in lists."))
    # Translations shown on the Albanian and Serbian pages; where one is empty, readers see the English, marked so.
    title_sq = models.CharField(_("title in Albanian"), max_length=255, blank=True)
    title_sr = models.CharField(_("title in Serbian"), max_length=255, blank=True, help_text=_("Latin script."))
    summary_sq = models.TextField(_("summary in Albanian"), blank=True)
    summary_sr = models.TextField(_("summary in Serbian"), blank=True, help_text=_("Latin script."))
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown. Raw HTML is removed."))
    start = models.DateField(_("start date"), help_text=_("For a month or a year, enter the 1st of the month or 1 January."))
    start_precision = models.CharField(_("start precision"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    end = models.DateField(_("end date"), null=True, blank=True)
    end_precision = models.CharField(_("end precision"), max_length=5, choices=Precision.choices, blank=True)
    approximate = models.BooleanField(_("approximate"), default=False, help_text=_("The date is approximate (c.)."))
    display_date = models.CharField(
        _("display date"), max_length=100, blank=True, help_text=_("Overrides the shown date, e.g. \"by 20 June 1999\"."),
    )
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events", verbose_name=_("type"))
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events", blank=True)
    places = models.ManyToManyField(Place, related_name="events", blank=True)
    legal_bases = models.ManyToManyField(
        "LegalProvision", related_name="events", blank=True, verbose_name=_("legal bases"),
        help_text=_("The mandates and agreements, or their provisions, the event acts under."),
    )
    key_event = models.BooleanField(_("key event"), default=False, help_text=_("A turning point, highlighted in the timeline."))
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
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("status changed by"),
    )
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
        ]
        indexes = [
            models.Index(fields=["status", "start"], name="event_status_start_idx"),
            models.Index(fields=["start", "end"], name="event_dates_idx"),
            models.Index(fields=["status", "updated_at"], name="event_status_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

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
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="event_roles")
    role = models.CharField(_("role"), max_length=20, choices=ActorRole.choices, default=ActorRole.PARTICIPANT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("actor of an event")
        verbose_name_plural = _("actors of events")
        constraints = [models.UniqueConstraint(fields=["event", "actor", "role"], name="event_actor_role_unique")]

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
