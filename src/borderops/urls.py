"""The one URL map."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from borderops.api import api
from borderops.portal import views as portal_views

admin.site.site_header = "BorderOps administration"

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("reference/", include("borderops.reference.urls")),
    path("crossings/", include("borderops.crossings.urls")),
    path("lookouts/", include("borderops.lookouts.urls")),
    path("screening/", include("borderops.lookouts.screening_urls")),
    path("advance/", include("borderops.advance.urls")),
    path("training/", include("borderops.training.urls")),
    path("targeting/", include("borderops.targeting.urls")),
    path("risk/", include("borderops.risk.urls")),
    path("accounts/", include("borderops.accounts.urls")),
    path("audit/", include("borderops.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("borderops.portal.urls")),
]
