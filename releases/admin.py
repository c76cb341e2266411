from django.contrib import admin

from .models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are made by ``manage.py make_release`` and never edited: the admin only lists them."""

    list_display = ["number", "released_at", "size", "sha256", "change_counts"]
    fields = ["number", "released_at", "file_name", "size", "sha256", "counts", "change_counts", "changes"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
