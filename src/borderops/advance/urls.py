from django.urls import path

from borderops.advance import views

app_name = "advance"
urlpatterns = [
    path("", views.FlightListView.as_view(), name="flight-list"),
    path("upload/", views.MessageUploadView.as_view(), name="upload"),
    path("document-check/", views.DocumentCheckView.as_view(), name="document-check"),
    path("flights/<int:pk>/", views.FlightDetailView.as_view(), name="flight-detail"),
]
