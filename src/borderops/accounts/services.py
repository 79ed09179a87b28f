"""State changes for organisations, users and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borderops.accounts.choices import OrganisationKind, Role
from borderops.accounts.models import ApiToken, Organisation, User
from borderops.audit.choices import AuditAction
from borderops.audit.services import record


def _path_for(organisation: Organisation) -> str:
    parent_path = organisation.parent.path if organisation.parent else "/"
    return f"{parent_path}{organisation.pk}/"


@transaction.atomic
def save_organisation(
    *,
    code: str,
    name: str,
    kind: OrganisationKind | str,
    parent: Organisation | None = None,
    country_id: str | None = None,
    port_id: str | None = None,
) -> Organisation:
    """Create or update the organisation with this code, keeping tree paths right."""
    if parent is not None and parent.code == code:
        raise ValueError(f"Organisation {code} cannot be its own parent.")
    organisation = Organisation.objects.filter(code=code).first()
    if organisation is not None and parent is not None and parent.is_within(organisation):
        raise ValueError(f"Moving {code} under {parent.code} would make a cycle.")
    old_path = organisation.path if organisation else ""
    if organisation is None:
        organisation = Organisation(code=code)
    organisation.name = name
    organisation.kind = kind
    organisation.parent = parent
    organisation.country_id = country_id
    organisation.port_id = port_id
    organisation.save()
    new_path = _path_for(organisation)
    if new_path != organisation.path:
        Organisation.objects.filter(pk=organisation.pk).update(path=new_path)
        organisation.path = new_path
        if old_path:
            # Re-root every descendant in place; their ids do not change, only the prefix.
            for child in Organisation.objects.filter(path__startswith=old_path).exclude(
                pk=organisation.pk
            ):
                Organisation.objects.filter(pk=child.pk).update(
                    path=new_path + child.path[len(old_path) :]
                )
    return organisation


def create_user(
    *,
    username: str,
    password: str,
    role: Role | str,
    organisation: Organisation | None = None,
    email: str = "",
    is_demo_account: bool = False,
) -> User:
    """Create a user; administrators also get the Django admin."""
    role = Role(role)
    user = User(
        username=username,
        email=email,
        role=role,
        organisation=organisation,
        is_demo_account=is_demo_account,
        is_staff=role is Role.ADMIN,
        is_superuser=role is Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def issue_token(*, user: User) -> tuple[str, ApiToken]:
    """A new bearer token for the user; the raw token is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        digest=ApiToken.digest_of(raw),
        prefix=raw[:8],
        created_at=now,
        expires_at=now + timedelta(hours=settings.API_TOKEN_LIFETIME_HOURS),
    )
    record(
        action=AuditAction.TOKEN_ISSUED,
        object_type="accounts.apitoken",
        object_id=token.pk,
        object_repr=str(token),
    )
    return raw, token


def authenticate_token(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None if unknown, expired or revoked."""
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=ApiToken.digest_of(raw))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    if token.user.is_demo_account and not settings.DEMO_MODE:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def revoke_token(*, raw: str | None = None, token: ApiToken | None = None) -> bool:
    """Revoke a token by its raw value or record; False when it was unknown or already revoked."""
    if token is None and raw is not None:
        token = ApiToken.objects.filter(digest=ApiToken.digest_of(raw)).first()
    if token is None or token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        action=AuditAction.TOKEN_REVOKED,
        object_type="accounts.apitoken",
        object_id=token.pk,
        object_repr=str(token),
    )
    return True


AGENCY_CODE = "agency"
BORDER_PATROL_CODE = "usbp"


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


@transaction.atomic
def build_agency_tree(*, agency_name: str = "Customs and Border Protection") -> Organisation:
    """Create the agency's own organisation tree from the reference data, idempotently.

    Agency → field offices → one unit per port of entry, and Border Patrol → one unit per
    patrol sector. Running it again after new ports arrive adds only what is missing.
    """
    from borderops.reference.models import PatrolSector, PortOfEntry

    agency = save_organisation(
        code=AGENCY_CODE,
        name=agency_name,
        kind=OrganisationKind.AGENCY,
        country_id=_country_or_none("US"),
    )
    offices: dict[str, Organisation] = {}
    existing = {o.code: o for o in Organisation.objects.filter(path__startswith=agency.path)}
    for port in PortOfEntry.objects.order_by("code"):
        office_name = port.field_office or "Unassigned ports"
        office_code = f"ofo-{_slug(office_name)}"
        if office_code not in offices:
            offices[office_code] = existing.get(office_code) or save_organisation(
                code=office_code,
                name=f"{office_name} Field Office",
                kind=OrganisationKind.FIELD_OFFICE,
                parent=agency,
            )
        port_code = f"port-{port.code}"
        if port_code not in existing:
            save_organisation(
                code=port_code,
                name=f"Port of {port.name}",
                kind=OrganisationKind.PORT,
                parent=offices[office_code],
                port_id=port.code,
            )
    patrol = existing.get(BORDER_PATROL_CODE) or save_organisation(
        code=BORDER_PATROL_CODE, name="Border Patrol", kind=OrganisationKind.UNIT, parent=agency
    )
    for sector in PatrolSector.objects.all():
        sector_code = f"sector-{sector.code.lower()}"
        if sector_code not in existing:
            save_organisation(
                code=sector_code,
                name=f"{sector.name} Sector",
                kind=OrganisationKind.SECTOR,
                parent=patrol,
            )
    return agency


def _country_or_none(alpha2: str) -> str | None:
    from borderops.reference.models import Country

    return alpha2 if Country.objects.filter(alpha2=alpha2).exists() else None


def port_organisations() -> dict[str, Organisation]:
    """The unit that runs each port of entry, by port code."""
    return {
        organisation.port_id: organisation
        for organisation in Organisation.objects.filter(
            kind=OrganisationKind.PORT, port__isnull=False
        )
        if organisation.port_id
    }
