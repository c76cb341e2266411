import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.dates import Precision, format_date, precision_constraint, to_edtf
from sources.models import Source

from .dates import event_date_label
from .querysets import EventQuerySet, PublishableQuerySet, Status, TreeQuerySet

wikidata_id = RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata ID looks like Q7184."))
geonames_id = RegexValidator(r"^[1-9]\d*$", _("A GeoNames ID is a number."))


def split_lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("international organisation")
    STATE = "state", _("state")
    GOVERNMENT = "government", _("government")
    FORCE = "force", _("armed force or unit")
    MISSION = "mission", _("mission")
    PERSON = "person", _("person")
    COMMUNITY = "community", _("community")
    PARTY = "party", _("political party")


class Actor(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("Full, correct name, e.g. North Atlantic Treaty Organization."))
    short_name = models.CharField(_("acronym or short name"), max_length=50, blank=True, help_text=_("e.g. NATO, KFOR."))
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    aliases = models.TextField(_("aliases"), blank=True, help_text=_("Other names, one per line, in any language (used by search)."))
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        help_text=_("The body this actor belongs to: KFOR within NATO. Its events show under the parent too."),
    )
    wikidata_id = models.CharField(_("Wikidata ID"), max_length=20, blank=True, validators=[wikidata_id])
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("Corrections and remarks; shown to readers."))

    updated_at = models.DateTimeField(auto_now=True)

    objects = TreeQuerySet.as_manager()

    corrections = GenericRelation("Correction")

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        constraints = [models.CheckConstraint(condition=~Q(parent=F("id")), name="actor_not_own_parent")]

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def get_absolute_url(self):
        return reverse("events:actor", kwargs={"slug": self.slug})

    @property
    def alias_list(self):
        return split_lines(self.aliases)


class PlaceKind(models.TextChoices):
    COUNTRY = "country", _("country or territory")
    REGION = "region", _("region")
    MUNICIPALITY = "municipality", _("municipality")
    SETTLEMENT = "settlement", _("city, town or village")
    CROSSING = "crossing", _("border crossing")
    HERITAGE = "heritage", _("religious or cultural site")
    BASE = "base", _("military base")
    OTHER = "other", _("other")


class Place(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name in English"), max_length=200)
    name_sq = models.CharField(_("name in Albanian"), max_length=200, blank=True)
    name_sr = models.CharField(_("name in Serbian"), max_length=200, blank=True, help_text=_("Latin script."))
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    wikidata_id = models.CharField(_("Wikidata ID"), max_length=20, blank=True, validators=[wikidata_id])
    geonames_id = models.CharField(_("GeoNames ID"), max_length=20, blank=True, validators=[geonames_id])
    notes = models.TextField(_("editor's notes"), blank=True)

    updated_at = models.DateTimeField(auto_now=True)

    objects = TreeQuerySet.as_manager()

    corrections = GenericRelation("Correction")

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                # isnull=False is needed: a CHECK that evaluates to NULL passes.
                | Q(latitude__isnull=False, longitude__isnull=False, latitude__gte=-90, latitude__lte=90,
                    longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_valid",
                violation_error_message=_("Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."),
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="place_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:place", kwargs={"slug": self.slug})


class EventType(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("When editors should use this type."))

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("event type")

    def __str__(self):
        return self.name


class Event(models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, help_text=_("Part of the address; do not change once published."))
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences shown in lists."))
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
    key_event = models.BooleanField(_("key event"), default=False, help_text=_("A turning point, highlighted in the timeline."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("Corrections of the sources and remarks; shown to readers."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("status changed by"),
    )
    # Kept up to date by a PostgreSQL trigger (migration 0003); unused, and empty, on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    corrections = GenericRelation("Correction")

    class Meta:
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
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def start_edtf(self):
        return to_edtf(self.start, self.start_precision, self.approximate)

    @property
    def end_edtf(self):
        return to_edtf(self.end, self.end_precision)

    @property
    def date_label(self):
        """The date as readers see it; ranges and precision are formatted in events.dates."""
        return event_date_label(self)


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


class FigureSeries(models.TextChoices):
    KFOR_TROOPS = "kfor-troops", _("KFOR troop strength")
    FATALITIES = "fatalities", _("reported fatalities")


class Figure(models.Model):
    """A sourced number at a point in time, such as KFOR's troop strength."""

    series = models.CharField(_("series"), max_length=40, choices=FigureSeries.choices)
    date = models.DateField(_("date"))
    date_precision = models.CharField(_("date precision"), max_length=5, choices=Precision.choices, default=Precision.DAY)
    approximate = models.BooleanField(_("approximate"), default=False)
    best = models.PositiveIntegerField(_("best estimate"))
    low = models.PositiveIntegerField(_("low estimate"), null=True, blank=True)
    high = models.PositiveIntegerField(_("high estimate"), null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="figures")
    locator = models.CharField(_("locator"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("How the number was read from the source; corrections."))
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="figures",
        help_text=_("The event the number belongs to, e.g. the fatalities of one clash. Empty for a series over time."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    objects = PublishableQuerySet.as_manager()

    updated_at = models.DateTimeField(auto_now=True)

    corrections = GenericRelation("Correction")

    class Meta:
        ordering = ["series", "date"]
        verbose_name = _("figure")
        permissions = [("publish_figure", _("Can publish and unpublish figures"))]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "date", "source"], condition=Q(event__isnull=True), name="figure_unique_per_source",
                violation_error_message=_("This source already gives a figure for this series and date."),
            ),
            models.UniqueConstraint(
                fields=["series", "event"], condition=Q(event__isnull=False), name="figure_unique_per_event",
                violation_error_message=_("This event already has a figure in this series."),
            ),
            precision_constraint("date", "date_precision", "figure_date_matches_precision"),
            models.CheckConstraint(condition=Q(best__gt=0), name="figure_best_positive",
                                   violation_error_message=_("The value must be positive.")),
            models.CheckConstraint(
                condition=(Q(low__isnull=True) | Q(low__gt=0, low__lte=F("best")))
                & (Q(high__isnull=True) | Q(high__gte=F("best"))),
                name="figure_range_contains_best",
                violation_error_message=_("Low must be positive and at most the best value; high at least the best value."),
            ),
        ]

    def __str__(self):
        return f"{self.get_series_display()}, {format_date(self.date, self.date_precision)}: {self.best:,}"

    def get_absolute_url(self):
        return reverse("events:figures") + f"#figure-{self.pk}"

    @property
    def date_edtf(self):
        return to_edtf(self.date, self.date_precision, self.approximate)

    @property
    def date_label(self):
        return format_date(self.date, self.date_precision)


class Correction(models.Model):
    """
    A correction to a published record: an event, actor, place, source or figure.
    Readers see it on the record's page and on the corrections page.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to={"app_label__in": ["events", "sources"]})
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    corrected_on = models.DateField(_("corrected on"), default=datetime.date.today)
    text = models.TextField(_("correction"), help_text=_("What was wrong and what is right, in a sentence or two."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-corrected_on", "order", "id"]
        verbose_name = _("correction")
        indexes = [models.Index(fields=["content_type", "object_id"], name="correction_record_idx"),
                   models.Index(fields=["corrected_on"], name="correction_date_idx")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty")]

    def __str__(self):
        return f"{self.corrected_on}: {self.text[:60]}"


class ContentVersion(models.Model):
    """
    One row whose number database triggers raise on every write to what public
    pages show (migration 0007): the page cache's key and the pages' ETag. It
    catches every writer (admin, imports, bulk updates, raw SQL) and costs one
    indexed read per request.
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")


def public_corrections():
    """Corrections readers may see: not those of drafts, unpublished figures or sources nobody public cites."""
    types = ContentType.objects.get_for_models(Event, Figure, Source)
    return (
        Correction.objects.exclude(content_type=types[Event], object_id__in=Event.objects.exclude(status=Status.PUBLISHED).values("pk"))
        .exclude(content_type=types[Figure], object_id__in=Figure.objects.exclude(status=Status.PUBLISHED).values("pk"))
        .exclude(Q(content_type=types[Source]) & ~Q(object_id__in=public_sources().values("pk")))
    )


def public_sources():
    """Sources that readers may see: cited by a published event or by a published figure."""
    cited = Citation.objects.filter(source=models.OuterRef("pk"), event__status=Status.PUBLISHED)
    charted = Figure.objects.filter(source=models.OuterRef("pk"), status=Status.PUBLISHED)
    return Source.objects.filter(models.Exists(cited) | models.Exists(charted))
