from django.urls import path
from django.views.generic import TemplateView

# Replaced by the reference app's real views.
app_name = "reference"
urlpatterns = [
    path(f"{name}/", TemplateView.as_view(template_name="base.html"), name=name)
    for name in ["port-list", "map", "checkpoint-list", "country-list", "airport-list", "hs-list"]
]
