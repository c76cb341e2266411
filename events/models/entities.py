from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.formatting import split_lines

from ..translation import add_translations
from .querysets import TreeQuerySet

# [0-9] and \A...\Z, not \d and ^...$: those would let in other scripts' digits and a trailing newline.
wikidata_id = RegexValidator(r"\AQ[1-9][0-9]*\Z", _("A Wikidata ID looks like Q7184."))
geonames_id = RegexValidator(r"^[1-9]\d*$", _("A GeoNames ID is a number."))


class TreeNode(models.Model):
    """
    What actors and places share: a slug as import key, a name, a parent in a
    tree (KFOR within NATO; Jarinje within northern Kosovo), a Wikidata ID, the
    editors' notes and corrections. A record's events show under its parent too.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(
        _("name"), max_length=200,
        help_text=_("Full, correct name in English, e.g. North Atlantic Treaty Organization."),
    )
    translations_reviewed = models.JSONField(
        _("translations reviewed"), null=True, blank=True,
        help_text=_("Languages whose translation a native speaker has checked, e.g. [\"sq\"]; readers see the others "
                    "marked as not yet reviewed."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("part of"),
        help_text=_("What this belongs to: KFOR within NATO, Jarinje within northern Kosovo. "
                    "Its events show under the parent too."),
    )
    wikidata_id = models.CharField(_("Wikidata ID"), max_length=20, blank=True, validators=[wikidata_id])
    notes = models.TextField(_("editor's notes"), blank=True, help_text=_("Corrections and remarks; shown to readers."))

    updated_at = models.DateTimeField(auto_now=True)

    objects = TreeQuerySet.as_manager()

    corrections = GenericRelation("Correction")

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(parent=F("id")), name="%(class)s_not_own_parent")]

    def __str__(self):
        return self.name

    def translation_reviewed(self, language):
        return language in (self.translations_reviewed or ())

    def get_absolute_url(self):
        return reverse(f"events:{self._meta.model_name}", kwargs={"slug": self.slug})


# Shown on the Albanian and Serbian pages; where one is empty, readers see the English name, marked so.
add_translations(TreeNode, "name", models.CharField, max_length=200)


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("international organisation")
    STATE = "state", _("state")
    GOVERNMENT = "government", _("government")
    FORCE = "force", _("armed force or unit")
    MISSION = "mission", _("mission")
    PERSON = "person", _("person")
    COMMUNITY = "community", _("community")
    PARTY = "party", _("political party")


class Actor(TreeNode):
    short_name = models.CharField(_("acronym or short name"), max_length=50, blank=True, help_text=_("e.g. NATO, KFOR."))
    kind = models.CharField(_("kind"), max_length=20, choices=ActorKind.choices)
    aliases = models.TextField(_("aliases"), blank=True, help_text=_("Other names, one per line, in any language (used by search)."))
    description = models.TextField(_("description"), blank=True)

    class Meta(TreeNode.Meta):
        verbose_name = _("actor")

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

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


class Place(TreeNode):
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    geonames_id = models.CharField(_("GeoNames ID"), max_length=20, blank=True, validators=[geonames_id])

    class Meta(TreeNode.Meta):
        verbose_name = _("place")
        constraints = [
            *TreeNode.Meta.constraints,
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                # isnull=False is needed: a CHECK that evaluates to NULL passes.
                | Q(latitude__isnull=False, longitude__isnull=False, latitude__gte=-90, latitude__lte=90,
                    longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_valid",
                violation_error_message=_("Give both latitude (-90 to 90) and longitude (-180 to 180), or neither."),
            ),
        ]


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
