from django.urls import path

from borderops.lookouts import screening_views as views

app_name = "screening"
urlpatterns = [
    path("", views.ScreenSubjectView.as_view(), name="screen"),
    path("review/", views.ReviewQueueView.as_view(), name="review"),
    path("review/<int:pk>/decide/", views.DecideHitView.as_view(), name="decide"),
]
