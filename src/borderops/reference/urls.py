from django.urls import path

from borderops.reference import views

app_name = "reference"
urlpatterns = [
    path("ports/", views.PortListView.as_view(), name="port-list"),
    path("ports/<str:pk>/", views.PortDetailView.as_view(), name="port-detail"),
    path("map/", views.MapView.as_view(), name="map"),
    path("countries/", views.CountryListView.as_view(), name="country-list"),
    path("airports/", views.AirportListView.as_view(), name="airport-list"),
    path("hs/", views.HsListView.as_view(), name="hs-list"),
    path("hs/<str:pk>/", views.HsDetailView.as_view(), name="hs-detail"),
    path("sectors/", views.SectorListView.as_view(), name="sector-list"),
    path("checkpoints/", views.CheckpointListView.as_view(), name="checkpoint-list"),
    path("checkpoints/<str:pk>/", views.CheckpointDetailView.as_view(), name="checkpoint-detail"),
]
