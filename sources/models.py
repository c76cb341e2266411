from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .chains import chain_reaches
from .dates import EdtfOf, Precision, precision_constraint
from .formatting import split_lines
from .links import normalise_url
from .search import search


class SourceKind(models.TextChoices):
    NEWS = "news", _("news article")
    STATEMENT = "statement", _("official statement or press release")
    UN_DOCUMENT = "un-document", _("UN document")
    AGREEMENT = "agreement", _("agreement or treaty")
    REPORT = "report", _("report")
    BOOK = "book", _("book")
    WEB_PAGE = "web-page", _("web page")
    DATASET = "dataset", _("dataset")


class Derivation(models.TextChoices):
    PARAPHRASE = "paraphrase", _("paraphrase")
    TRANSLATION = "translation", _("translation")
    COPY = "copy", _("press copy or reprint")
    SUMMARY = "summary", _("summary")


DEAD = models.Q(link_checked_at__isnull=False) & (~models.Q(link_error="") | models.Q(link_status__gte=400))


class SourceQuerySet(models.QuerySet):
    def dead_links(self):
        """Sources whose link failed its last check: readers are sent to the archived copy."""
        return self.exclude(url="").filter(DEAD)

    def alive_links(self):
        return self.exclude(url="").filter(link_checked_at__isnull=False).exclude(DEAD)

    def search(self, text):
        return search(self, text, fields=["title", "publisher", "authors", "notes", "url"], headline_field="title")


language_code = RegexValidator(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", _("Use an ISO 639 code such as en, sq or sr-Latn."))


class Source(models.Model):
    """A citable document: what a claim on the site rests on."""

    key = models.SlugField(
        _("key"), max_length=80, unique=True,
        help_text=_("Stable identifier used by imports and exports, e.g. euronews-2021-10-03. Do not change it once published."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices, default=SourceKind.NEWS)
    title = models.CharField(_("title"), max_length=500, help_text=_("The title exactly as published, errors included."))
    authors = models.TextField(
        _("authors"), blank=True,
        help_text=_("One author per line, family name first (\"Smith, Jane\"). An institution may be an author."),
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True, help_text=_("Outlet, organisation or press."))
    published = models.DateField(_("publication date"), null=True, blank=True)
    published_precision = models.CharField(
        _("precision of the publication date"), max_length=5, choices=Precision.choices, blank=True,
        help_text=_("For a month or a year, enter the 1st of the month or 1 January and choose the precision."),
    )
    url = models.URLField(
        _("URL"), max_length=1000, blank=True,
        help_text=_("Stored normalised: lower-case host, no #fragment, no tracking parameters. Leave empty for print sources."),
    )
    archive_url = models.URLField(_("archived copy"), max_length=1000, blank=True, help_text=_("e.g. a Wayback Machine snapshot."))
    archived_on = models.DateField(_("archived on"), null=True, blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True, help_text=_("When an editor last read the source."))
    language = models.CharField(_("language"), max_length=20, default="en", validators=[language_code])
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("Corrections and remarks; shown to readers."))
    derived_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="derivatives", verbose_name=_("derived from"),
        help_text=_("The source this one repeats: an article paraphrasing an official page, a translation, a press copy. "
                    "Two sources with one origin count as one independent source."),
    )
    derivation = models.CharField(_("derivation"), max_length=20, choices=Derivation.choices, blank=True,
                                  help_text=_("How it repeats its origin; required with “derived from”."))
    # The end of the chain of derived_from, kept by sources.services.sources_refresh_origins; null for an origin.
    origin = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                               related_name="+", verbose_name=_("origin"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    link_checked_at = models.DateTimeField(_("link checked"), null=True, blank=True, editable=False)
    link_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True, editable=False)
    link_error = models.CharField(_("link error"), max_length=200, blank=True, editable=False)
    link_final_url = models.URLField(_("final URL"), max_length=1000, blank=True, editable=False,
                                     help_text=_("Where the link led after redirects."))
    # Kept up to date by a PostgreSQL trigger (migration 0002); unused, and empty, on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = SourceQuerySet.as_manager()

    published_edtf = EdtfOf("published", "published_precision")

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["url"], condition=~models.Q(url=""), name="source_unique_url",
                violation_error_message=_("Another source already has this URL."),
            ),
            precision_constraint("published", "published_precision", "source_published_matches_precision"),
            models.CheckConstraint(
                condition=models.Q(published__isnull=True, published_precision="")
                | models.Q(published__isnull=False) & ~models.Q(published_precision=""),
                name="source_published_precision_set",
                violation_error_message=_("Give a precision with the publication date, and none without it."),
            ),
            models.CheckConstraint(condition=~models.Q(title=""), name="source_title_not_empty"),
            models.CheckConstraint(condition=~models.Q(derived_from=models.F("id")), name="source_not_derived_from_itself"),
            models.CheckConstraint(
                condition=models.Q(derived_from__isnull=True, derivation="")
                | models.Q(derived_from__isnull=False) & ~models.Q(derivation=""),
                name="source_derivation_set",
                violation_error_message=_("Say how the source derives from its origin, and give no derivation without one."),
            ),
        ]
        indexes = [models.Index(fields=["published"], name="source_published_idx")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.url = normalise_url(self.url)
        super().save(*args, **kwargs)

    def clean(self):
        self.url = normalise_url(self.url)
        if chain_reaches(self.derived_from, self, "derived_from"):
            raise ValidationError({"derived_from": _("This would make the source derive from itself.")})

    @property
    def origin_key(self):
        """The primary key of the independent source this one goes back to (itself if it is an origin)."""
        return self.origin_id or self.pk

    @property
    def link_is_dead(self):
        return bool(self.url and self.link_checked_at and (self.link_error or (self.link_status or 0) >= 400))

    @property
    def author_list(self):
        return split_lines(self.authors)

