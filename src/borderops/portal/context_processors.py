from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from borderops.portal.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The signed-in user's menu and the installation's mode, for the base layout."""
    user = getattr(request, "user", None)
    return {
        "menu": menu_for(user) if user is not None and user.is_authenticated else [],
        "demo_mode": settings.DEMO_MODE,
    }
