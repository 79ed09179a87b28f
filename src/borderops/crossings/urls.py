from django.urls import path
from django.views.generic import TemplateView

app_name = "crossings"
urlpatterns = [
    path(f"{name}/", TemplateView.as_view(template_name="base.html"), name=name)
    for name in ["traveller-list", "crossing-list", "shipment-list"]
]
