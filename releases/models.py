"""A numbered, dated release of the published dataset: its ZIP's checksum, its counts and its manifest."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """
    One release, made by ``manage.py make_release`` (releases.builder). The ZIP lives in KFOR_RELEASES_DIR; the
    manifest (each record's key with a hash of its content) is what the next release's changelog compares with.
    """

    number = models.PositiveIntegerField(_("number"), unique=True)
    released_at = models.DateTimeField(_("released"))
    file_name = models.CharField(_("file name"), max_length=100, unique=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("The ZIP's checksum, in hexadecimal."))
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Records of each kind: {kind: number}."))
    manifest = models.JSONField(_("manifest"), default=dict, help_text=_("{kind: {record key: content hash}}."))
    changes = models.JSONField(_("changes"), default=dict,
                               help_text=_("Since the previous release: {added|changed|withdrawn: [kind/key]}."))
    # What /data/ shows of the changes, so that the list reads neither the manifests nor the lists of keys.
    change_counts = models.JSONField(_("numbers of changes"), default=dict,
                                     help_text=_("{added|changed|withdrawn: number}."))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [models.CheckConstraint(condition=models.Q(number__gte=1), name="release_number_positive")]

    def __str__(self):
        return f"Release {self.number} ({self.released_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("releases:download", kwargs={"number": self.number})

    @property
    def date(self):
        return self.released_at.date()
