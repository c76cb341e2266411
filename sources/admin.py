from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "publisher", "published", "language", "has_url", "has_archive"]
    list_filter = ["kind", "language", "publisher"]
    search_fields = ["title", "key", "publisher", "authors", "url"]
    date_hierarchy = "published"
    prepopulated_fields = {"key": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "key", "kind", "authors", "publisher", ("published", "published_precision"), "language"]}),
        (_("Link"), {"fields": ["url", ("archive_url", "archived_on"), "accessed_on"]}),
        (_("Editorial"), {"fields": ["notes", ("created_at", "updated_at")]}),
    ]

    @admin.display(boolean=True, description=_("link"))
    def has_url(self, obj):
        return bool(obj.url)

    @admin.display(boolean=True, description=_("archived"))
    def has_archive(self, obj):
        return bool(obj.archive_url)
