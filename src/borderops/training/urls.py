from django.urls import path

from borderops.training import views

app_name = "training"
urlpatterns = [
    path("", views.CourseListView.as_view(), name="course-list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course-create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course-detail"),
    path("deliveries/", views.DeliveryListView.as_view(), name="delivery-list"),
    path("deliveries/new/", views.DeliveryCreateView.as_view(), name="delivery-create"),
    path("deliveries/<int:pk>/", views.DeliveryDetailView.as_view(), name="delivery-detail"),
    path("deliveries/<int:pk>/status/", views.DeliveryStatusView.as_view(), name="delivery-status"),
    path(
        "deliveries/<int:pk>/instructors/",
        views.InstructorAssignView.as_view(),
        name="delivery-instructor",
    ),
    path("deliveries/<int:pk>/budget/", views.BudgetLineView.as_view(), name="delivery-budget"),
    path("deliveries/<int:pk>/timetable/", views.SessionAddView.as_view(), name="delivery-session"),
    path("deliveries/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path(
        "deliveries/<int:pk>/nominations/import/",
        views.NominationImportView.as_view(),
        name="nomination-import",
    ),
    path("deliveries/<int:pk>/attendance/", views.AttendanceSheetView.as_view(), name="attendance"),
    path("deliveries/<int:pk>/results/", views.ResultsView.as_view(), name="results"),
    path(
        "deliveries/<int:pk>/export/<str:kind>.<str:fmt>",
        views.ExportView.as_view(),
        name="export",
    ),
    path(
        "nominations/<int:pk>/<str:action>/",
        views.NominationActionView.as_view(),
        name="nomination-action",
    ),
    path("vetting/", views.BatchListView.as_view(), name="batch-list"),
    path("vetting/new/", views.BatchCreateView.as_view(), name="batch-create"),
    path("vetting/<int:pk>/", views.BatchDetailView.as_view(), name="batch-detail"),
    path(
        "certificates/<str:code>/", views.CertificateVerifyView.as_view(), name="certificate-verify"
    ),
    path(
        "certificates/<str:code>/pdf/", views.CertificatePdfView.as_view(), name="certificate-pdf"
    ),
]
