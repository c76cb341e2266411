"""The event's admin form: one field for its dates, typed as editors say them, and the lint's hold on publishing."""

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext, gettext_lazy as _

from sources.dates import DateError, Period, parse_period, to_edtf
from sources.editorial import EditorialForm

from ..lint import TEXT_FIELDS
from ..models import Status
from ..services import event_lint_findings, status_on_save

EXAMPLES = "2023, 2023-05, 2023-05-29, ~1999, 2023-05-29/2023-06-02, 1999-06/1999-09"
MESSAGES = {
    "format": _("“%(value)s” is not a date this field reads. Write it as year, year-month or year-month-day, e.g. %(examples)s."),
    "uncertain": _("“%(value)s”: a doubtful date (? or %%) cannot be stored; mark an approximate date with ~, e.g. ~1999."),
    "approximate": _("“%(value)s”: only the start of a period may be approximate, e.g. ~1999/2001."),
    "year": _("“%(value)s”: there is no year 0."),
    "real": _("“%(value)s” is not a real date: check the month and the day."),
    "order": _("“%(value)s”: the end is before the start."),
}
# The event's fields the one date field stands for.
DATE_FIELDS = ["start", "start_precision", "end", "end_precision", "approximate"]


help_text = lazy(lambda: gettext("Year, month or day: %(examples)s. ~ marks an approximate date; a / joins the start "
                                  "and end of a period.") % {"examples": EXAMPLES}, str)


class PeriodField(forms.CharField):
    """
    A date or a period in one box: its precision, whether it is approximate and its end come from what was typed
    (sources.dates.parse_period). Cleans to a Period.
    """

    default_error_messages = {"required": _("Give the date, e.g. 2023-05-29, 2023-05 or 2023.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", help_text())  # translated when shown, in the editor's language
        super().__init__(max_length=50, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except DateError as exc:
            raise ValidationError(MESSAGES[exc.code], code=exc.code, params={"value": text, "examples": EXAMPLES})


def period_text(event) -> str:
    """An event's dates as the date field shows them: ``~1999-06/1999-09``."""
    if event.start is None:
        return ""
    text = ("~" if event.approximate else "") + to_edtf(event.start, event.start_precision)
    return f"{text}/{to_edtf(event.end, event.end_precision)}" if event.end else text


class EventAdminForm(EditorialForm):
    dates = PeriodField(label=_("Date"))
    lint_override = forms.CharField(
        label=_("Publish despite the lint"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the lint's finding is wrong (a quotation, a name as the source wrote it): say why. "
                    "Your reason is kept with the event."),
    )
    user = None  # who fills in the form: EventAdmin.get_form sets it

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["dates"].initial = period_text(self.instance)

    @cached_property
    def changed_data(self):
        # The history and a change kept for review name the event's own fields, not the box that sets them.
        changed = super().changed_data
        return [*(name for name in changed if name != "dates"), *(DATE_FIELDS if "dates" in changed else ())]

    def clean(self):
        cleaned = super().clean()
        period = cleaned.get("dates")
        if isinstance(period, Period):
            start, end = period.start, period.end
            values = {"start": start.date, "start_precision": start.precision, "approximate": start.approximate,
                      "end": end.date if end else None, "end_precision": end.precision if end else ""}
            cleaned.update(values)
            for name, value in values.items():
                setattr(self.instance, name, value)
        self.lint_findings = self.held_by_lint(cleaned)
        if self.lint_findings and not (cleaned.get("lint_override") or "").strip():
            self.add_error("lint_override", ValidationError(
                _("The lint holds back publishing: %(findings)s. Correct the text, or give the reason to publish it "
                  "as it is."), params={"findings": "; ".join(f"{w.field}: {w.message}" for w in self.lint_findings)}))
        return cleaned

    def held_by_lint(self, cleaned):
        """The strict findings that hold back this save, when it publishes the event (services.event_lint_findings)."""
        if self.user is None or "status" not in cleaned:
            return []
        current = type(self.instance)._base_manager.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        if status_on_save(user=self.user, current=current, proposed=cleaned["status"]) != Status.PUBLISHED:
            return []
        values = {name: cleaned.get(name, getattr(self.instance, name, "")) for name in TEXT_FIELDS["events"]}
        return event_lint_findings(self.instance, values=values)


class ReasonActionForm(ActionForm):
    """The admin's action bar with a reason: for rejecting changes, and for publishing despite the lint."""

    reason = forms.CharField(label=_("Reason:"), required=False, max_length=500)
