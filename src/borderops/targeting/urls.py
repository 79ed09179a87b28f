from django.urls import path

from borderops.targeting import views

app_name = "targeting"
urlpatterns = [
    path("", views.RuleSetListView.as_view(), name="ruleset-list"),
    path("rule-sets/new/", views.RuleSetEditView.as_view(), name="ruleset-new"),
    path("rule-sets/<int:pk>/", views.RuleSetDetailView.as_view(), name="ruleset-detail"),
    path("rule-sets/<int:pk>/edit/", views.RuleSetEditView.as_view(), name="ruleset-edit"),
    path("rule-sets/<int:pk>/compare/", views.CompareView.as_view(), name="compare"),
    path("validate/", views.ValidateView.as_view(), name="validate"),
    path("versions/<int:pk>/", views.VersionDetailView.as_view(), name="version-detail"),
    path("versions/<int:pk>/activate/", views.ActivateView.as_view(), name="activate"),
    path("versions/<int:pk>/backtest/", views.BacktestView.as_view(), name="backtest"),
    path("score/", views.ScoreView.as_view(), name="score"),
    path("worklist/", views.WorklistView.as_view(), name="worklist"),
    path("entries/<int:pk>/", views.EntryDetailView.as_view(), name="entry-detail"),
    path("entries/<int:pk>/examination/", views.ExaminationView.as_view(), name="examination"),
]
