from django.contrib import admin

from kfor_site.admin import ReadOnlyAdminMixin

from .models import Release


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Releases are made by ``manage.py make_release`` and never edited: the admin only lists them."""

    list_display = ["number", "released_at", "size", "sha256", "change_counts"]
    fields = ["number", "released_at", "file_name", "size", "sha256", "counts", "change_counts", "changes"]
    readonly_fields = fields
