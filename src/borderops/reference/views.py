"""Pages for browsing the reference data: ports, map, countries, airports, HS codes, patrol."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from borderops.accounts.access import PermissionRequiredMixin
from borderops.accounts.permissions import Resource
from borderops.core.reference.hs import ancestors, builtin_hs_sections, level_name
from borderops.reference.charts import bar_chart
from borderops.reference.choices import CheckpointKind
from borderops.reference.filters import (
    filter_checkpoints,
    filter_ports,
    search_airports,
    search_countries,
    search_hs,
)
from borderops.reference.models import (
    Airport,
    Checkpoint,
    CheckpointActivePeriod,
    Country,
    HsCode,
    PatrolSector,
    PortOfEntry,
    PortTraffic,
)

TRAFFIC_MONTHS = 24
PERMANENT, TACTICAL = CheckpointKind.PERMANENT, CheckpointKind.TACTICAL
MODE_LABELS = {"land": _("land"), "sea": _("sea"), "air": _("air"), "rail": _("rail")}
HS_LEVEL_LABELS = {2: _("chapter"), 4: _("heading"), 6: _("subheading")}


class ReferenceView(PermissionRequiredMixin):
    """Every reference page: signed-in users whose role may view reference data."""

    resource = Resource.REFERENCE


def _text(request: Any, name: str) -> str:
    return str(request.GET.get(name, "")).strip()


# --------------------------------------------------------------------------------------------
# Ports of entry
# --------------------------------------------------------------------------------------------


class PortListView(ReferenceView, ListView[PortOfEntry]):
    """Ports of entry, searchable by code or name and filtered by mode, border, office, state."""

    model = PortOfEntry
    paginate_by = 50
    template_name = "reference/port_list.html"

    def get_queryset(self) -> QuerySet[PortOfEntry]:
        return filter_ports(
            super().get_queryset(),
            text=_text(self.request, "q"),
            mode=_text(self.request, "mode"),
            border=_text(self.request, "border"),
            field_office=_text(self.request, "field_office"),
            state=_text(self.request, "state"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        every_port = PortOfEntry.objects.all()

        def distinct(field: str) -> list[str]:
            values = every_port.exclude(**{field: ""}).values_list(field, flat=True)
            return sorted(set(values))

        return super().get_context_data(
            modes=list(MODE_LABELS.items()),
            borders=distinct("border"),
            field_offices=distinct("field_office"),
            states=distinct("state"),
            **kwargs,
        )


class PortDetailView(ReferenceView, DetailView[PortOfEntry]):
    """One port: its modes, place, field office and recent monthly traffic."""

    model = PortOfEntry
    template_name = "reference/port_detail.html"
    context_object_name = "port"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(_traffic_context(self.object, _text(self.request, "measure")))
        return context


def _traffic_context(port: PortOfEntry, wanted_measure: str) -> dict[str, Any]:
    """The last 24 months of traffic as a table (month × measure) and a chart of one measure."""
    traffic = PortTraffic.objects.filter(port=port)
    latest = traffic.order_by("-month").values_list("month", flat=True).first()
    if latest is None:
        return {"traffic_rows": [], "measures": [], "chart": None, "chart_measure": ""}
    months = _months_back(latest, TRAFFIC_MONTHS)
    counts: dict[tuple[date, str], int] = {
        (month, measure): value
        for month, measure, value in traffic.filter(month__gte=months[0]).values_list(
            "month", "measure", "value"
        )
    }
    totals = (
        traffic.filter(month__gte=months[0])
        .values("measure")
        .annotate(total=Sum("value"))
        .order_by("-total", "measure")
    )
    measures = [row["measure"] for row in totals]
    rows = [
        {"month": month, "counts": [counts.get((month, measure)) for measure in measures]}
        for month in reversed(months)
        if any((month, measure) in counts for measure in measures)
    ]
    chart_measure = wanted_measure if wanted_measure in measures else measures[0]
    chart = bar_chart(
        [(f"{month:%b %Y}", counts.get((month, chart_measure), 0)) for month in months]
    )
    return {
        "traffic_rows": rows,
        "measures": measures,
        "chart": chart,
        "chart_measure": chart_measure,
    }


def _months_back(latest: date, count: int) -> list[date]:
    """The first days of the ``count`` months ending with ``latest``'s month, oldest first."""
    index = latest.year * 12 + latest.month - 1
    return [
        date(position // 12, position % 12 + 1, 1)
        for position in range(index - count + 1, index + 1)
    ]


# --------------------------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------------------------


class MapView(ReferenceView, TemplateView):
    """Ports of entry and checkpoints on a Leaflet map, with the same places listed below."""

    template_name = "reference/map.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ports = list(
            PortOfEntry.objects.filter(latitude__isnull=False, longitude__isnull=False).order_by(
                "code"
            )
        )
        checkpoints = list(Checkpoint.objects.select_related("sector").order_by("sector", "name"))
        map_data = {
            "ports": [
                {
                    "code": port.code,
                    "name": port.name,
                    "lat": port.latitude,
                    "lon": port.longitude,
                    "modes": port.modes,
                    "mode": (port.modes or ["land"])[0],
                    "url": reverse("reference:port-detail", args=[port.code]),
                }
                for port in ports
            ],
            "checkpoints": [
                {
                    "code": checkpoint.code,
                    "name": checkpoint.name,
                    "kind": checkpoint.kind,
                    "sector": checkpoint.sector.name,
                    "road": checkpoint.road,
                    "lat": checkpoint.latitude,
                    "lon": checkpoint.longitude,
                    "url": reverse("reference:checkpoint-detail", args=[checkpoint.code]),
                }
                for checkpoint in checkpoints
            ],
            "tiles": {
                "url": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
            },
            "labels": {
                "details": str(_("Details")),
                "port": str(_("Port of entry")),
                "checkpoint": str(_("Checkpoint")),
                "ports": str(_("Ports of entry")),
                "permanent": str(_("Permanent checkpoints")),
                "tactical": str(_("Tactical checkpoints")),
                "modes": {mode: str(label) for mode, label in MODE_LABELS.items()},
                "kinds": {kind.value: str(kind.label) for kind in CheckpointKind},
            },
        }
        return super().get_context_data(
            map_data=map_data,
            ports=ports,
            checkpoints=checkpoints,
            tiles_configured=bool(settings.MAP_TILE_URL),
            modes=list(MODE_LABELS.items()),
            kinds=CheckpointKind.choices,
            **kwargs,
        )


# --------------------------------------------------------------------------------------------
# Countries and airports
# --------------------------------------------------------------------------------------------


class CountryListView(ReferenceView, ListView[Country]):
    """Countries and territories, searchable by name or code."""

    model = Country
    paginate_by = 100
    template_name = "reference/country_list.html"

    def get_queryset(self) -> QuerySet[Country]:
        return search_countries(super().get_queryset(), text=_text(self.request, "q"))


class AirportListView(ReferenceView, ListView[Airport]):
    """Airports, searchable by IATA or ICAO code, name, city or country."""

    model = Airport
    paginate_by = 50
    template_name = "reference/airport_list.html"

    def get_queryset(self) -> QuerySet[Airport]:
        return search_airports(
            super().get_queryset(),
            text=_text(self.request, "q"),
            country=_text(self.request, "country"),
        )


# --------------------------------------------------------------------------------------------
# HS nomenclature
# --------------------------------------------------------------------------------------------


class HsListView(ReferenceView, ListView[HsCode]):
    """HS codes: the chapters by section, or the codes matching a code prefix or words."""

    model = HsCode
    paginate_by = 50
    template_name = "reference/hs_list.html"

    def searching(self) -> bool:
        return bool(_text(self.request, "q") or _text(self.request, "prefix"))

    def get_queryset(self) -> QuerySet[HsCode]:
        codes = super().get_queryset()
        if not self.searching():
            return codes.filter(level=2).order_by("code")
        return search_hs(codes, text=_text(self.request, "q"), prefix=_text(self.request, "prefix"))

    def get_paginate_by(self, queryset: QuerySet[HsCode]) -> int | None:
        # The chapter index is one page of 97 rows, grouped by section.
        return self.paginate_by if self.searching() else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        shown = list(context["object_list"])
        context["searching"] = self.searching()
        context["results"] = _with_hierarchy(shown)
        if not context["searching"]:
            context["sections"] = _chapters_by_section(shown)
        return context


def _with_hierarchy(codes: list[HsCode]) -> list[dict[str, Any]]:
    """Each code with its level name and the chapter and heading above it."""
    above = {code for item in codes for code in ancestors(item.code)}
    descriptions = dict(HsCode.objects.filter(code__in=above).values_list("code", "description"))
    return [
        {
            "code": item,
            "level": _hs_level(item.level),
            "path": [(code, descriptions.get(code, "")) for code in ancestors(item.code)],
        }
        for item in codes
    ]


def _hs_level(level: int) -> Any:
    return HS_LEVEL_LABELS.get(level, level_name(level))


def _chapters_by_section(chapters: list[HsCode]) -> list[dict[str, Any]]:
    names = builtin_hs_sections()
    grouped: dict[str, list[HsCode]] = {}
    for chapter in chapters:
        grouped.setdefault(chapter.section, []).append(chapter)
    return [
        {
            "numeral": numeral,
            "name": names[numeral].name if numeral in names else "",
            "chapters": chapters_of_section,
        }
        for numeral, chapters_of_section in grouped.items()
    ]


class HsDetailView(ReferenceView, DetailView[HsCode]):
    """One HS code with the chapter and heading above it and the codes under it."""

    model = HsCode
    template_name = "reference/hs_detail.html"
    context_object_name = "hs"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        hs: HsCode = self.object
        section = builtin_hs_sections().get(hs.section)
        context.update(
            level=_hs_level(hs.level),
            path=_with_hierarchy([hs])[0]["path"],
            children=[
                {"code": child, "level": _hs_level(child.level)}
                for child in hs.children.order_by("code")
            ],
            section_name=section.name if section else "",
        )
        return context


# --------------------------------------------------------------------------------------------
# Border Patrol sectors and checkpoints
# --------------------------------------------------------------------------------------------


class SectorListView(ReferenceView, ListView[PatrolSector]):
    """Border Patrol sectors with their headquarters and how many checkpoints each has."""

    model = PatrolSector
    template_name = "reference/sector_list.html"

    def get_queryset(self) -> QuerySet[PatrolSector]:
        sectors: QuerySet[PatrolSector] = super().get_queryset()
        return sectors.annotate(
            permanent=Count("checkpoints", filter=Q(checkpoints__kind=PERMANENT)),
            tactical=Count("checkpoints", filter=Q(checkpoints__kind=TACTICAL)),
        ).order_by("border", "name")


class CheckpointListView(ReferenceView, ListView[Checkpoint]):
    """Checkpoints, filtered by kind (permanent or tactical) and sector, with active periods."""

    model = Checkpoint
    paginate_by = 100
    template_name = "reference/checkpoint_list.html"

    def get_queryset(self) -> QuerySet[Checkpoint]:
        checkpoints = (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch(
                    "active_periods", queryset=CheckpointActivePeriod.objects.order_by("-starts_on")
                )
            )
        )
        return filter_checkpoints(
            checkpoints, kind=_text(self.request, "kind"), sector=_text(self.request, "sector")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            kinds=CheckpointKind.choices,
            sectors=PatrolSector.objects.order_by("name"),
            **kwargs,
        )


class CheckpointDetailView(ReferenceView, DetailView[Checkpoint]):
    """One checkpoint: where it stands, its sector and when it is staffed."""

    model = Checkpoint
    template_name = "reference/checkpoint_detail.html"
    context_object_name = "checkpoint"

    def get_queryset(self) -> QuerySet[Checkpoint]:
        return super().get_queryset().select_related("sector")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["periods"] = self.object.active_periods.order_by("-starts_on")
        return context
