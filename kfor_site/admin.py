from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ReadOnlyAdminMixin:
    """Records written by the site itself (releases, decided changes, lint overrides): listed, never added, edited or
    deleted in the admin, so that their history stays as it was written."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KforAdminSite(admin.AdminSite):
    site_header = "KFOR Timeline editors"
    site_title = "KFOR Timeline"
    index_title = "Editing"

    def index(self, request, extra_context=None):
        """The front page shows the editors' dashboard: what needs attention, one click away."""
        from events.dashboard import dashboard_items

        extra_context = {**(extra_context or {})}
        if request.user.has_perm("events.view_event"):
            extra_context["dashboard"] = dashboard_items(request.user)
        return super().index(request, extra_context)


class KforAdminConfig(AdminConfig):
    default_site = "kfor_site.admin.KforAdminSite"
