from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from borderops.accounts.permissions import Action, Resource, can
from borderops.reference.models import (
    Airport,
    Checkpoint,
    CheckpointActivePeriod,
    Country,
    Currency,
    HsCode,
    PatrolSector,
    PortOfEntry,
    PortTraffic,
)


class ReferenceAdmin(admin.ModelAdmin[Any]):
    """Reference tables in the admin, guarded by the permission layer rather than Django's."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, Action.VIEW, Resource.REFERENCE)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can(request.user, Action.ADD, Resource.REFERENCE)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, Action.CHANGE, Resource.REFERENCE)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can(request.user, Action.DELETE, Resource.REFERENCE)


@admin.register(Country)
class CountryAdmin(ReferenceAdmin):
    list_display = ["alpha2", "alpha3", "name", "official_name"]
    search_fields = ["alpha2", "alpha3", "name", "official_name"]


@admin.register(Currency)
class CurrencyAdmin(ReferenceAdmin):
    list_display = ["code", "name", "numeric"]
    search_fields = ["code", "name"]


@admin.register(PortOfEntry)
class PortOfEntryAdmin(ReferenceAdmin):
    list_display = ["code", "name", "land", "sea", "air", "rail", "border", "state", "field_office"]
    list_filter = ["land", "sea", "air", "rail", "border", "field_office"]
    search_fields = ["code", "name"]


@admin.register(PortTraffic)
class PortTrafficAdmin(ReferenceAdmin):
    list_display = ["port", "month", "measure", "value", "source"]
    list_filter = ["measure", "source"]
    search_fields = ["port__code", "port__name"]
    raw_id_fields = ["port"]
    date_hierarchy = "month"


@admin.register(Airport)
class AirportAdmin(ReferenceAdmin):
    list_display = ["icao", "iata", "name", "city", "country"]
    search_fields = ["icao", "iata", "name", "city"]
    raw_id_fields = ["country"]


@admin.register(HsCode)
class HsCodeAdmin(ReferenceAdmin):
    list_display = ["code", "level", "section", "description"]
    list_filter = ["level", "section"]
    search_fields = ["code", "description"]
    raw_id_fields = ["parent"]


class ActivePeriodInline(admin.TabularInline[CheckpointActivePeriod, Checkpoint]):
    model = CheckpointActivePeriod
    extra = 0


@admin.register(PatrolSector)
class PatrolSectorAdmin(ReferenceAdmin):
    list_display = ["code", "name", "border", "headquarters"]
    search_fields = ["code", "name"]


@admin.register(Checkpoint)
class CheckpointAdmin(ReferenceAdmin):
    list_display = ["code", "name", "sector", "kind", "road"]
    list_filter = ["kind", "sector"]
    search_fields = ["code", "name", "road"]
    inlines = [ActivePeriodInline]
