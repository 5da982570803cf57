from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.no_organisation, name="no_organisation"),
    path("accounts/", include("allauth.urls")),
    path("mapping/", include("mapping.urls")),
    path("plans/", include("pathways.urls")),
    path("training/", include("training.urls")),
    path("badges/", include("badges.urls")),
    path("admin/", admin.site.urls),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

handler400 = "rexvet.errors.bad_request"
handler403 = "rexvet.errors.permission_denied"
handler404 = "rexvet.errors.page_not_found"
handler500 = "rexvet.errors.server_error"
