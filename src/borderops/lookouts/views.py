"""Pages for watchlists: versions, entries, and what changed between versions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from borderops.accounts.access import AuditedReadMixin, PermissionRequiredMixin
from borderops.accounts.permissions import Resource
from borderops.lookouts import services
from borderops.lookouts.models import ListedEntry, ListVersion, Watchlist


class WatchlistListView(PermissionRequiredMixin, ListView[Watchlist]):
    """Every watchlist with its version in force."""

    resource = Resource.WATCHLIST
    model = Watchlist
    template_name = "lookouts/watchlist_list.html"

    def get_queryset(self) -> QuerySet[Watchlist]:
        watchlists: QuerySet[Watchlist] = super().get_queryset()
        return watchlists.annotate(version_count=Count("versions"))


class WatchlistDetailView(PermissionRequiredMixin, DetailView[Watchlist]):
    """A watchlist's versions, newest first."""

    resource = Resource.WATCHLIST
    model = Watchlist
    slug_field = "name"
    slug_url_kwarg = "name"
    template_name = "lookouts/watchlist_detail.html"


class VersionEntriesView(AuditedReadMixin, PermissionRequiredMixin, ListView[ListedEntry]):
    """The entries of one list version, searchable by name or entry id."""

    resource = Resource.WATCHLIST
    model = ListedEntry
    paginate_by = 100
    template_name = "lookouts/version_entries.html"

    def get_queryset(self) -> QuerySet[ListedEntry]:
        self.version = get_object_or_404(
            ListVersion.objects.select_related("watchlist"),
            watchlist__name=self.kwargs["name"],
            number=self.kwargs["number"],
        )
        entries = super().get_queryset().filter(version=self.version)
        text = self.request.GET.get("q", "").strip()
        if text:
            entries = entries.filter(primary_name__icontains=text) | entries.filter(entry_id=text)
        return entries.order_by("primary_name", "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(version=self.version, **kwargs)


class VersionDiffView(PermissionRequiredMixin, TemplateView):
    """Entries added, removed and changed between two versions of a list."""

    resource = Resource.WATCHLIST
    template_name = "lookouts/version_diff.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        watchlist = get_object_or_404(Watchlist, name=self.kwargs["name"])
        try:
            old = watchlist.versions.get(number=self.kwargs["old"])
            new = watchlist.versions.get(number=self.kwargs["new"])
        except ListVersion.DoesNotExist as error:
            raise Http404("No such version of this list.") from error
        context = super().get_context_data(**kwargs)
        context.update(
            watchlist=watchlist,
            old_version=old,
            new_version=new,
            diff=services.diff_versions(old=old, new=new),
        )
        return context
