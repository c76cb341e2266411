from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sources.dates import EdtfOf, Precision, format_date, precision_constraint
from sources.models import Source


class Claim(models.Model):
    """
    What one source says of a value that sources give differently: an event's date, or a figure's
    number. The editors mark the claim the site adopts, and say why; the others are shown beside it.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="claims",
                              verbose_name=_("event"), help_text=_("For a date: when the event began, as this source says."))
    figure = models.ForeignKey("events.Figure", on_delete=models.CASCADE, null=True, blank=True, related_name="claims",
                               verbose_name=_("figure"), help_text=_("For a number: the figure as this source gives it."))
    date = models.DateField(_("date"), null=True, blank=True)
    date_precision = models.CharField(_("date precision"), max_length=5, choices=Precision.choices, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims", verbose_name=_("source"))
    locator = models.CharField(_("locator"), max_length=100, blank=True)
    adopted = models.BooleanField(_("adopted"), default=False, help_text=_("The value the site shows, of all the claims."))
    reason = models.TextField(_("why"), blank=True, help_text=_("On the adopted claim: why the site follows this source."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    date_edtf = EdtfOf("date", "date_precision")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("claim")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, figure__isnull=True, date__isnull=False, number__isnull=True)
                | Q(event__isnull=True, figure__isnull=False, date__isnull=True, number__isnull=False),
                name="claim_is_a_date_of_an_event_or_a_number_of_a_figure",
                violation_error_message=_("A claim gives a date for an event or a number for a figure."),
            ),
            models.CheckConstraint(condition=Q(date__isnull=True, date_precision="") | Q(date__isnull=False)
                                   & ~Q(date_precision=""), name="claim_date_precision_set"),
            precision_constraint("date", "date_precision", "claim_date_matches_precision"),
            models.UniqueConstraint(fields=["event"], condition=Q(adopted=True, event__isnull=False),
                                    name="claim_one_adopted_per_event",
                                    violation_error_message=_("Only one claim of an event can be adopted.")),
            models.UniqueConstraint(fields=["figure"], condition=Q(adopted=True, figure__isnull=False),
                                    name="claim_one_adopted_per_figure",
                                    violation_error_message=_("Only one claim of a figure can be adopted.")),
        ]

    def __str__(self):
        return f"{self.source.publisher or self.source.title}: {self.value_label}"

    @property
    def value(self):
        return self.date if self.event_id else self.number

    @property
    def value_label(self):
        return format_date(self.date, self.date_precision) if self.date else f"{self.number:,}"
