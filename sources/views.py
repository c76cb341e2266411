from django.views.generic import DetailView

from .models import Source


class SourceDetailView(DetailView):
    template_name = "sources/source_detail.html"
    context_object_name = "source"
    slug_field = "key"
    slug_url_kwarg = "key"
    model = Source
