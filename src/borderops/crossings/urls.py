from django.urls import path

from borderops.crossings import views

app_name = "crossings"
urlpatterns = [
    path("travellers/", views.TravellerListView.as_view(), name="traveller-list"),
    path("travellers/<int:pk>/", views.TravellerDetailView.as_view(), name="traveller-detail"),
    path("", views.CrossingListView.as_view(), name="crossing-list"),
    path("<int:pk>/", views.CrossingDetailView.as_view(), name="crossing-detail"),
    path("shipments/", views.ShipmentListView.as_view(), name="shipment-list"),
    path("shipments/<int:pk>/", views.ShipmentDetailView.as_view(), name="shipment-detail"),
]
