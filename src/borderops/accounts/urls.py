from django.urls import path

from borderops.accounts import views

app_name = "accounts"
urlpatterns = [
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
]
