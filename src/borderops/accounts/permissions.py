"""The one permission layer: which role may do what to which resource, and where.

Every view, API endpoint and CLI command asks this module; none decides on its own.
A decision has two parts:

* the **policy** – may this role perform this action on this kind of resource at all;
* the **reach** – over which records: the whole agency (``NATIONAL``) or only the records
  of the user's organisation and the units under it (``ORGANISATION``).

Apps register how their querysets relate to organisations with :func:`register_scope`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from borderops.accounts.choices import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borderops.accounts.models import User


class Action(StrEnum):
    """What a user does to a resource."""

    VIEW = "view"
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


class Resource(StrEnum):
    """A kind of record the permission layer guards."""

    REFERENCE = "reference"
    TRAFFIC = "traffic"
    TRAVELLER = "traveller"
    CROSSING = "crossing"
    SHIPMENT = "shipment"
    GROUND_TRUTH = "ground_truth"
    AUDIT_LOG = "audit_log"
    USER = "user"
    ORGANISATION = "organisation"
    WATCHLIST = "watchlist"
    SCREENING = "screening"
    HIT_REVIEW = "hit_review"
    ADVANCE_DATA = "advance_data"
    COURSE = "course"
    COURSE_DELIVERY = "course_delivery"
    NOMINATION = "nomination"
    VETTING = "vetting"
    RULE_SET = "rule_set"
    TARGETING_SCORE = "targeting_score"
    EXAMINATION = "examination"
    RISK_MODEL = "risk_model"


class Reach(StrEnum):
    """Over which records a role's permissions apply."""

    NATIONAL = "national"
    ORGANISATION = "organisation"


V, A, C, D = Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE
ALL = frozenset(Action)

POLICY: dict[Role, dict[Resource, frozenset[Action]]] = {
    Role.OFFICER: {
        Resource.REFERENCE: frozenset({V}),
        Resource.TRAFFIC: frozenset({V}),
        Resource.TRAVELLER: frozenset({V}),
        Resource.CROSSING: frozenset({V, A, C}),
        Resource.SHIPMENT: frozenset({V}),
        Resource.WATCHLIST: frozenset({V}),
        Resource.SCREENING: frozenset({A}),
        Resource.HIT_REVIEW: frozenset({V}),
        Resource.ADVANCE_DATA: frozenset({V}),
        Resource.TARGETING_SCORE: frozenset({V}),
        Resource.EXAMINATION: frozenset({V, A, C}),
    },
    Role.SUPERVISOR: {
        Resource.REFERENCE: frozenset({V}),
        Resource.TRAFFIC: frozenset({V}),
        Resource.TRAVELLER: frozenset({V, C}),
        Resource.CROSSING: ALL,
        Resource.SHIPMENT: frozenset({V, C}),
        Resource.GROUND_TRUTH: frozenset({V}),
        Resource.USER: frozenset({V}),
        Resource.ORGANISATION: frozenset({V}),
        Resource.WATCHLIST: frozenset({V}),
        Resource.SCREENING: frozenset({A}),
        Resource.HIT_REVIEW: frozenset({V, C}),
        Resource.ADVANCE_DATA: frozenset({V}),
        Resource.RULE_SET: frozenset({V}),
        Resource.RISK_MODEL: frozenset({V}),
        Resource.TARGETING_SCORE: frozenset({V}),
        Resource.EXAMINATION: frozenset({V, A, C}),
        Resource.COURSE: frozenset({V}),
        Resource.COURSE_DELIVERY: frozenset({V, C}),
    },
    Role.ANALYST: {
        Resource.REFERENCE: frozenset({V}),
        Resource.TRAFFIC: frozenset({V}),
        Resource.TRAVELLER: frozenset({V}),
        Resource.CROSSING: frozenset({V}),
        Resource.SHIPMENT: frozenset({V, C}),
        Resource.GROUND_TRUTH: frozenset({V}),
        Resource.WATCHLIST: frozenset({V, A, C}),
        Resource.SCREENING: frozenset({A}),
        Resource.HIT_REVIEW: frozenset({V, C}),
        Resource.ADVANCE_DATA: frozenset({V, A}),
        # Analysts write rule sets and put a version in force after comparing it on history.
        Resource.RULE_SET: frozenset({V, A, C}),
        # Analysts train or upload risk models and put them in force per port or mode.
        Resource.RISK_MODEL: frozenset({V, A, C}),
        Resource.TARGETING_SCORE: frozenset({V, A}),
        Resource.EXAMINATION: frozenset({V}),
    },
    Role.AGENT: {
        Resource.REFERENCE: frozenset({V}),
        Resource.TRAFFIC: frozenset({V}),
        Resource.SCREENING: frozenset({A}),
    },
    Role.COORDINATOR: {
        Resource.REFERENCE: frozenset({V}),
        Resource.ORGANISATION: frozenset({V}),
        Resource.COURSE: frozenset({V, A, C}),
        Resource.COURSE_DELIVERY: frozenset({V, A, C}),
        Resource.NOMINATION: frozenset({V, A, C}),
        Resource.VETTING: frozenset({V, A, C}),
    },
    Role.ATTACHE: {
        Resource.REFERENCE: frozenset({V}),
        Resource.ORGANISATION: frozenset({V}),
        Resource.COURSE: frozenset({V}),
        Resource.COURSE_DELIVERY: frozenset({V}),
        Resource.NOMINATION: frozenset({V}),
        Resource.VETTING: frozenset({V, A, C}),
    },
    Role.PARTNER: {
        Resource.REFERENCE: frozenset({V}),
        Resource.COURSE: frozenset({V}),
        Resource.COURSE_DELIVERY: frozenset({V}),
        Resource.NOMINATION: frozenset({V, A}),
    },
    # Auditors read everything and change nothing; only they search the audit log.
    Role.AUDITOR: {
        Resource.REFERENCE: frozenset({V}),
        Resource.TRAFFIC: frozenset({V}),
        Resource.TRAVELLER: frozenset({V}),
        Resource.CROSSING: frozenset({V}),
        Resource.SHIPMENT: frozenset({V}),
        Resource.GROUND_TRUTH: frozenset({V}),
        Resource.AUDIT_LOG: frozenset({V}),
        Resource.USER: frozenset({V}),
        Resource.ORGANISATION: frozenset({V}),
        Resource.WATCHLIST: frozenset({V}),
        Resource.HIT_REVIEW: frozenset({V}),
        Resource.ADVANCE_DATA: frozenset({V}),
        Resource.COURSE: frozenset({V}),
        Resource.COURSE_DELIVERY: frozenset({V}),
        Resource.NOMINATION: frozenset({V}),
        Resource.VETTING: frozenset({V}),
        Resource.RULE_SET: frozenset({V}),
        Resource.RISK_MODEL: frozenset({V}),
        Resource.TARGETING_SCORE: frozenset({V}),
        Resource.EXAMINATION: frozenset({V}),
    },
    # Administrators run the installation; separation of duties keeps them out of the
    # audit log and out of personal data.
    Role.ADMIN: {
        Resource.REFERENCE: ALL,
        Resource.TRAFFIC: ALL,
        Resource.USER: ALL,
        Resource.ORGANISATION: ALL,
        Resource.COURSE: frozenset({V}),
        Resource.COURSE_DELIVERY: frozenset({V, C}),
    },
}

REACH: dict[Role, Reach] = {
    Role.OFFICER: Reach.ORGANISATION,
    Role.SUPERVISOR: Reach.ORGANISATION,
    Role.ANALYST: Reach.NATIONAL,
    Role.AGENT: Reach.ORGANISATION,
    Role.COORDINATOR: Reach.NATIONAL,
    Role.ATTACHE: Reach.ORGANISATION,
    Role.PARTNER: Reach.ORGANISATION,
    Role.AUDITOR: Reach.NATIONAL,
    Role.ADMIN: Reach.NATIONAL,
}

M = TypeVar("M", bound=Model)
ScopeFilter = Callable[[QuerySet[Any], str], QuerySet[Any]]
_SCOPES: dict[Resource, ScopeFilter] = {}


def register_scope(resource: Resource, scope_filter: ScopeFilter) -> None:
    """Declare how to keep only a resource's records under an organisation path."""
    _SCOPES[resource] = scope_filter


def organisation_field_scope(field: str) -> ScopeFilter:
    """A scope filter for models whose ``field`` is a foreign key to Organisation."""

    def scope_filter(queryset: QuerySet[Any], path: str) -> QuerySet[Any]:
        return queryset.filter(**{f"{field}__path__startswith": path})

    return scope_filter


def signed_in_or_none(user: Any) -> Any:
    """The user when signed in; None otherwise, so records made by a command or the demo
    name no user rather than the anonymous one."""
    return user if getattr(user, "is_authenticated", False) else None


def role_of(user: User | AnonymousUser | None) -> Role | None:
    """The role of a signed-in, active user; None for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return Role(user.role)
    except ValueError:
        return None


def can(user: User | AnonymousUser | None, action: Action, resource: Resource) -> bool:
    """The user's role allows this action on this kind of resource."""
    role = role_of(user)
    if role is None:
        return False
    return action in POLICY.get(role, {}).get(resource, frozenset())


def require(user: User | AnonymousUser | None, action: Action, resource: Resource) -> None:
    """Raise PermissionDenied unless the user may perform the action on the resource."""
    if not can(user, action, resource):
        raise PermissionDenied(f"Your role may not {action} {resource.replace('_', ' ')} records.")


def reach_of(user: User | AnonymousUser | None) -> Reach | None:
    """How far the user's permissions reach."""
    role = role_of(user)
    return REACH[role] if role is not None else None


def scoped(
    user: User | AnonymousUser | None,
    resource: Resource,
    queryset: QuerySet[M],
    action: Action = Action.VIEW,
) -> QuerySet[M]:
    """Only the records of ``queryset`` this user may act on; empty when none."""
    if not can(user, action, resource):
        return queryset.none()
    if reach_of(user) is Reach.NATIONAL:
        return queryset
    organisation = getattr(user, "organisation", None)
    scope_filter = _SCOPES.get(resource)
    if scope_filter is None:
        # Resources with no organisation (reference data) are the same for everyone.
        return queryset
    if organisation is None or not organisation.path:
        return queryset.none()
    return scope_filter(queryset, organisation.path)


def can_access(
    user: User | AnonymousUser | None, action: Action, resource: Resource, obj: Model
) -> bool:
    """The user may perform the action on this one record."""
    model = type(obj)
    return scoped(user, resource, model._default_manager.filter(pk=obj.pk), action).exists()
