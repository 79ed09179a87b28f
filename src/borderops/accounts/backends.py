"""Authentication that knows about demo accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class RoleAwareBackend(ModelBackend):
    """Django's model backend, refusing demo accounts outside demo mode and users without a role."""

    def user_can_authenticate(self, user: Any) -> bool:
        if not super().user_can_authenticate(user):
            return False
        if getattr(user, "is_demo_account", False) and not settings.DEMO_MODE:
            return False
        return bool(getattr(user, "role", ""))
