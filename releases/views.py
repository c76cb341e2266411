"""/data/: every data release, and each release's ZIP, served by Django from KFOR_RELEASES_DIR (not by whitenoise)."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import condition
from django.views.generic import ListView

from events.exchange.spec import LICENSE

from .builder import release_path
from .models import Release


class ReleaseListView(ListView):
    template_name = "releases/release_list.html"
    context_object_name = "releases"

    def get_queryset(self):
        return Release.objects.defer("manifest", "changes")


def _release_etag(request, number):
    return Release.objects.filter(number=number).values_list("sha256", flat=True).first()


@condition(etag_func=_release_etag)
def release_download(request, number):
    release = get_object_or_404(Release.objects.only("number", "file_name"), number=number)
    try:
        handle = release_path(release).open("rb")
    except FileNotFoundError:
        raise Http404("This release's file is missing from the server.") from None
    response = FileResponse(handle, as_attachment=True, filename=release.file_name, content_type="application/zip")
    response["Link"] = f'<{LICENSE}>; rel="license"'
    return response
