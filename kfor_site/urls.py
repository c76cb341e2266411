from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from events.caching import public_page
from events.sitemaps import SITEMAPS
from events.views.embeds import oembed
from events.views.pages import favicon, robots_txt


urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("oembed", public_page(oembed), name="oembed"),
    path("", include("api.urls")),
]
# The public site in each language: English at /, Albanian at /sq/, Serbian at /sr/ (in Cyrillic at /sr-cyrl/).
urlpatterns += i18n_patterns(path("", include("events.urls")), path("", include("releases.urls")),
                             prefix_default_language=False)
