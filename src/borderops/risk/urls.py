from django.urls import path

from borderops.risk import views

app_name = "risk"
urlpatterns = [
    path("", views.ModelListView.as_view(), name="model-list"),
    path("models/upload/", views.UploadView.as_view(), name="upload"),
    path("models/train/", views.TrainView.as_view(), name="train"),
    path("models/<int:pk>/", views.ModelDetailView.as_view(), name="model-detail"),
    path("models/<int:pk>/evaluate/", views.EvaluateView.as_view(), name="evaluate"),
    path("models/<int:pk>/activate/", views.ActivateView.as_view(), name="activate"),
    path("activations/<int:pk>/end/", views.EndActivationView.as_view(), name="end-activation"),
]
