from django.urls import path

from borderops.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
