from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A reader's text is bounded, so one post cannot fill the queue's table.
SUGGESTION_MAX_LENGTH = 2000


class Suggestion(models.Model):
    """
    A reader's report that an event's page is wrong, from the form on that page. It waits in the reviewers' queue
    and is never shown to readers: a reviewer accepts or declines it, with a note, and where the page was wrong an
    editor writes a correction, which goes through review like any other (events.suggestions.suggestion_decide).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="suggestions",
                              verbose_name=_("event"))
    text = models.TextField(_("what is wrong"), max_length=SUGGESTION_MAX_LENGTH)
    source_url = models.URLField(_("source"), max_length=500, blank=True,
                                 help_text=_("A page the reader gave as showing what is right; not yet read by us."))
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Only to ask the reader a question; never shown."))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    note = models.TextField(_("reviewer's note"), blank=True,
                            help_text=_("Why it was accepted or declined; seen by editors only."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    correction = models.ForeignKey(
        "events.Correction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("draft correction"), help_text=_("The correction drafted from it, which waits for review."),
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("reader's suggestion")
        verbose_name_plural = _("readers' suggestions")
        indexes = [models.Index(fields=["state", "received_at"], name="suggestion_state_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="suggestion_text_not_empty"),
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True) | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="suggestion_decided_when_not_pending",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.text[:60]}"
