from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from borderops.accounts.choices import Role
from borderops.accounts.models import ApiToken, Organisation, User


def _administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "role", "") == Role.ADMIN)


# The Django admin is for administrators only, whatever staff flag an account carries.
admin.site.has_permission = _administrators_only  # type: ignore[method-assign]


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = [
        "username",
        "role",
        "organisation",
        "is_active",
        "is_demo_account",
        "last_login",
    ]
    list_filter = ["role", "is_active", "is_demo_account"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (_("BorderOps"), {"fields": ("role", "organisation", "is_demo_account")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "code", "kind", "parent", "country"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["prefix", "user", "created_at", "expires_at", "revoked_at", "last_used_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are issued through the API so the raw value is shown only to its owner.
        return False
