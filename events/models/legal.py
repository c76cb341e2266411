from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.models import Source

from .publishable import Reviewed


class LegalProvision(Reviewed):
    """
    A mandate or an agreement, or one of its paragraphs, articles or points, that events act under:
    UN Security Council Resolution 1244 and its paragraphs, the Military-Technical Agreement and its
    articles, the First Agreement's points. Its page lists the events under it. Readers see it, and
    events name it, once a reviewer has published it.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    instrument = models.CharField(_("instrument"), max_length=200,
                                  help_text=_("The resolution or agreement, e.g. UN Security Council Resolution 1244 (1999)."))
    provision = models.CharField(_("provision"), max_length=100, blank=True,
                                 help_text=_("Its part, e.g. paragraph 7 or Article II; empty for the whole instrument."))
    summary = models.TextField(_("summary"), help_text=_("What it says, in a sentence or two."))
    text = models.TextField(_("text"), blank=True, help_text=_("The provision word for word, where it is short enough."))
    source = models.ForeignKey(Source, on_delete=models.PROTECT, null=True, blank=True, related_name="provisions",
                               verbose_name=_("source"), help_text=_("The document the instrument is published in."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Its place within the instrument."))

    updated_at = models.DateTimeField(auto_now=True)

    class Meta(Reviewed.Meta):
        ordering = ["instrument", "order", "provision"]
        verbose_name = _("legal provision")
        constraints = [models.CheckConstraint(condition=~Q(instrument="") & ~Q(summary=""), name="provision_text_set")]

    def __str__(self):
        return f"{self.instrument}, {self.provision}" if self.provision else self.instrument

    def get_absolute_url(self):
        return reverse("events:provision", kwargs={"slug": self.slug})
