"""Deployment checks: ``borderops serve`` refuses to start a production server with these."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Unsafe settings for an installation that is not a demo."""
    if settings.DEMO_MODE:
        return []
    errors = []
    if not settings.SECRET_KEY_CONFIGURED or len(settings.SECRET_KEY) < 50:
        errors.append(
            Error(
                "BORDEROPS_SECRET_KEY is not set or shorter than 50 characters.",
                hint="Set it to a long random value, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`.",
                id="borderops.E001",
            )
        )
    if settings.DEBUG:
        errors.append(
            Error(
                "BORDEROPS_DEBUG is on outside demo mode; "
                "it shows stack traces and settings to users.",
                hint="Unset BORDEROPS_DEBUG.",
                id="borderops.E002",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "BORDEROPS_ALLOWED_HOSTS must list the host names the server answers to.",
                hint="e.g. BORDEROPS_ALLOWED_HOSTS=borderops.example.gov",
                id="borderops.E003",
            )
        )
    if not settings.SESSION_COOKIE_SECURE:
        errors.append(
            Error(
                "Session cookies would be sent over plain HTTP.",
                hint="Serve over HTTPS and leave BORDEROPS_SECURE_COOKIES on.",
                id="borderops.E004",
            )
        )
    return errors
