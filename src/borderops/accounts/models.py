"""Organisations, users and API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderops.accounts.choices import OrganisationKind, Role


class Organisation(models.Model):
    """A unit of the agency or of a partner administration; organisations form a tree.

    ``path`` holds the ids from the root down (``/1/4/17/``) so that "this unit and
    everything under it" is one indexed prefix query.
    """

    name = models.CharField(
        verbose_name=_("name"),
        max_length=200,
    )
    code = models.SlugField(
        verbose_name=_("code"),
        max_length=60,
        unique=True,
        help_text=_("Short stable identifier, e.g. 'ofo-san-diego' or 'port-2504'."),
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=30,
        choices=OrganisationKind.choices,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    country = models.ForeignKey(
        "reference.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    port = models.ForeignKey(
        "reference.PortOfEntry",
        verbose_name=_("port of entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("For a port organisation, the port of entry it runs."),
    )
    path = models.CharField(
        verbose_name=_("tree path"),
        max_length=255,
        editable=False,
        db_index=True,
        default="",
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def is_within(self, other: Organisation) -> bool:
        """This organisation is ``other`` or lies under it."""
        return self.path.startswith(other.path)


class User(AbstractUser):
    """A person who signs in; their role and organisation decide what they see."""

    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=Role.choices,
        default=Role.OFFICER,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    is_demo_account = models.BooleanField(
        verbose_name=_("demo account"),
        default=False,
        help_text=_("Demo accounts can sign in only while the installation is in demo mode."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="accounts_user_role_valid",
            ),
        ]


class ApiToken(models.Model):
    """A bearer token for the HTTP API; only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    digest = models.CharField(
        verbose_name=_("digest"),
        max_length=64,
        unique=True,
        editable=False,
    )
    prefix = models.CharField(
        verbose_name=_("prefix"),
        max_length=8,
        help_text=_("First characters of the token, to tell tokens apart."),
    )
    created_at = models.DateTimeField(
        verbose_name=_("created"),
        default=timezone.now,
    )
    expires_at = models.DateTimeField(
        verbose_name=_("expires"),
    )
    revoked_at = models.DateTimeField(
        verbose_name=_("revoked"),
        null=True,
        blank=True,
    )
    last_used_at = models.DateTimeField(
        verbose_name=_("last used"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="accounts_apitoken_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def digest_of(raw_token: str) -> str:
        """The stored form of a raw token."""
        return hashlib.sha256(raw_token.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        """The token is neither revoked nor expired."""
        return self.revoked_at is None and self.expires_at > timezone.now()
