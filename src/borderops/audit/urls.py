from django.urls import path

from borderops.audit import views

app_name = "audit"
urlpatterns = [path("", views.AuditEntryListView.as_view(), name="entry-list")]
