from django.urls import path

from borderops.lookouts import views

app_name = "lookouts"
urlpatterns = [
    path("", views.WatchlistListView.as_view(), name="watchlist-list"),
    path("<slug:name>/", views.WatchlistDetailView.as_view(), name="watchlist-detail"),
    path("<slug:name>/v<int:number>/", views.VersionEntriesView.as_view(), name="version-entries"),
    path(
        "<slug:name>/diff/<int:old>..<int:new>/",
        views.VersionDiffView.as_view(),
        name="version-diff",
    ),
]
