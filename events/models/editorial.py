import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .publishable import Reviewed
from .status import Status


class Correction(Reviewed):
    """
    A correction to a published record: an event, actor, place, source or figure.
    Readers see it on the record's page and on the corrections page once it is published:
    an editor's waits for review, like any change to published content.
    """

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REVIEW)

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, limit_choices_to={"app_label__in": ["events", "sources"]})
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    corrected_on = models.DateField(_("corrected on"), default=datetime.date.today)
    text = models.TextField(_("correction"), help_text=_("What was wrong and what is right, in a sentence or two."))
    erratum_of = models.ForeignKey(
        "sources.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="errata",
        verbose_name=_("error of the source"),
        help_text=_("The source whose error this corrects, such as the founding article; empty for a correction of "
                    "this site's own content."),
    )
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


class ReviewerRevision(models.Model):
    """
    A revision of the history saved by a user who could publish at that moment. Its versions may be public
    (events.history), whatever that user's permissions become later: a reviewer who leaves the role does not take
    versions out of the public history, nor renumber them.
    """

    revision = models.OneToOneField("reversion.Revision", on_delete=models.CASCADE, primary_key=True,
                                    related_name="by_reviewer")

    class Meta:
        verbose_name = _("revision by a reviewer")


class ContentVersion(models.Model):
    """
    One row whose number database triggers raise on every write to what public pages show
    (events.content_version): the page cache's key and the pages' ETag. It catches every writer
    (admin, imports, bulk updates, raw SQL) and costs one indexed read per request.
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")


class ProposedChange(models.Model):
    """
    A change to a published record made by a user without the publish permission. The live version stays public
    until a reviewer approves the change, which then applies it; a rejected change is kept, as is an approved one,
    for the history. ``proposal`` holds what the editor's form would have saved: the changed fields by attname, and
    whole lists for the relations changed.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    proposal = models.JSONField(_("proposed change"), encoder=DjangoJSONEncoder)
    summary = models.CharField(_("edit summary"), max_length=200)
    # The record's last change when the editor opened it: a change made on an older version is not applied over a newer one.
    based_on = models.DateTimeField(_("based on the version of"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("proposed by"))
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason for rejecting"), blank=True,
                              help_text=_("What the editor should know to make the change again, or why not to."))

    class Meta:
        abstract = True
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="pending", decided_at__isnull=True) | (~Q(state="pending") & Q(decided_at__isnull=False)),
                name="%(class)s_decided_when_not_pending",
            ),
            models.CheckConstraint(condition=~Q(state="rejected") | ~Q(reason=""), name="%(class)s_rejected_with_reason",
                                   violation_error_message=_("Give the reason for rejecting the change.")),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_state_display()}, {self.proposed_at:%Y-%m-%d %H:%M})"


class EventChange(ProposedChange):
    """A change to a published event: its fields, and its places, actors, citations, claims and corrections."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="proposed_changes",
                              verbose_name=_("event"))

    class Meta(ProposedChange.Meta):
        verbose_name = _("change to a published event")
        verbose_name_plural = _("changes to published events")
        indexes = [models.Index(fields=["state", "event"], name="eventchange_state_event_idx")]

    @property
    def subject(self):
        return self.event


class RecordChange(ProposedChange):
    """
    A change to a public record other than an event: a published figure or legal provision, an actor, a place, an
    event type or a source that published content uses (events.proposals says which are public).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of record"),
                                     limit_choices_to={"app_label__in": ["events", "sources"]})
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")

    class Meta(ProposedChange.Meta):
        verbose_name = _("change to a published record")
        verbose_name_plural = _("changes to published records")
        indexes = [models.Index(fields=["state", "content_type", "object_id"], name="recordchange_state_record_idx")]

    @property
    def subject(self):
        return self.record


class LintOverride(models.Model):
    """
    A reviewer published an event although the strict lint flagged its text (a garbled number, a misnomer):
    who, when, why, and which findings. A finding overridden once does not hold the event back again.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="lint_overrides",
                              verbose_name=_("event"))
    findings = models.JSONField(_("findings"), help_text=_("The lint's findings, each with its field and message."))
    reason = models.TextField(_("reason"))
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                                      verbose_name=_("overridden by"))
    overridden_at = models.DateTimeField(_("overridden at"), auto_now_add=True)

    class Meta:
        ordering = ["-overridden_at", "-id"]
        verbose_name = _("lint override")
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="lintoverride_reason_not_empty")]

    def __str__(self):
        return f"{self.event} ({self.overridden_at:%Y-%m-%d %H:%M})"


class Misnomer(models.Model):
    """A wrong name the content lint looks for, with the right one: the list editors keep of recurring slips."""

    wrong = models.CharField(_("wrong name"), max_length=200, unique=True,
                             help_text=_("As it is miswritten, e.g. National Atlantic Treaty Organization. Case does not matter."))
    right = models.CharField(_("right name"), max_length=200, help_text=_("e.g. North Atlantic Treaty Organization."))
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("Where the slip was seen."))

    class Meta:
        ordering = ["wrong"]
        verbose_name = _("misnomer")
        constraints = [models.CheckConstraint(condition=~Q(wrong=""), name="misnomer_wrong_not_empty")]

    def __str__(self):
        return f"{self.wrong} → {self.right}"
