from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.dates import EdtfOf, Precision, format_date, precision_constraint
from sources.models import Source

from .events import Event
from .publishable import Publishable


class FigureSeries(models.TextChoices):
    KFOR_TROOPS = "kfor-troops", _("KFOR troop strength")
    FATALITIES = "fatalities", _("reported fatalities")
    INJURED = "injured", _("reported injured")


class Figure(Publishable):
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

    updated_at = models.DateTimeField(auto_now=True)

    date_edtf = EdtfOf("date", "date_precision", "approximate")

    class Meta(Publishable.Meta):
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
    def date_label(self):
        return format_date(self.date, self.date_precision)
