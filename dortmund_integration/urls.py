from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from dortmund_integration.api import api_router
from dortmund_integration.health import healthz
from dortmund_integration.password_throttle import throttled
from pages.uploads import serve_media
from pages.usage_view import PageUsageView
from pages.views import favicon, robots_txt
from feedback import views as feedback_views
from search import views as search_views

urlpatterns = [
    # Before Wagtail's own view of the same URL: one page of a page's usage in a fixed number of queries.
    path(f"{settings.ADMIN_PATH}/pages/<int:page_id>/usage/", PageUsageView.as_view(), name="page_usage"),
    path(f"{settings.ADMIN_PATH}/", include(wagtailadmin_urls)),
    # Before Wagtail's own views of the same URLs: a limit on wrong passwords for protected pages and collections.
    path(
        "dokumente/authenticate_with_password/<int:restriction_id>/",
        throttled("collection", wagtaildocs_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttled("page", wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path("dokumente/", include(wagtaildocs_urls)),
    path("suche/", search_views.search, name="search"),
    path("barriere-melden/", feedback_views.report_barrier, name="report_barrier"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("api/v2/", api_router.urls),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploaded files when the application serves them (development, production without S3; the view decides):
# image renditions (originals for editors), never a document's file: /dokumente/ serves those after checking access.
urlpatterns += [
    re_path(r"^media/(?P<path>.+)$", serve_media, name="media"),
    path("", include(wagtail_urls)),
]

handler500 = "dortmund_integration.errors.server_error"
