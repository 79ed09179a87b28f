"""Course deliveries: creating them, their instructors, budget and timetable, and the workflow
draft → pending approval → approved → delivered → finalised (or cancelled)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from borderops.accounts.choices import Role
from borderops.accounts.models import Organisation
from borderops.core.synth.training import fiscal_year
from borderops.reference.models import Country, PortOfEntry
from borderops.training.choices import (
    ACADEMY_COUNTRY,
    Academy,
    BudgetCategory,
    DeliveryStatus,
    FundingSource,
    SessionKind,
    VenueType,
)
from borderops.training.errors import conflict, invalid, not_permitted
from borderops.training.models import (
    BudgetLine,
    Course,
    CourseDelivery,
    DeliveryInstructor,
    Instructor,
    StatusChange,
    TimetableSession,
)

S = DeliveryStatus
_CANCELLERS = frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN})
# Every legal move and the roles that may make it; anything else is refused.
TRANSITIONS: dict[tuple[str, str], frozenset[Role]] = {
    (S.DRAFT, S.PENDING_APPROVAL): frozenset({Role.COORDINATOR}),
    (S.PENDING_APPROVAL, S.APPROVED): frozenset({Role.SUPERVISOR, Role.ADMIN}),
    (S.PENDING_APPROVAL, S.DRAFT): frozenset({Role.COORDINATOR, Role.SUPERVISOR, Role.ADMIN}),
    (S.APPROVED, S.DELIVERED): frozenset({Role.COORDINATOR}),
    (S.DELIVERED, S.FINALISED): frozenset({Role.COORDINATOR}),
    (S.DRAFT, S.CANCELLED): _CANCELLERS,
    (S.PENDING_APPROVAL, S.CANCELLED): _CANCELLERS,
    (S.APPROVED, S.CANCELLED): _CANCELLERS,
}
_ROLE_NAMES = {
    Role.COORDINATOR: "a training coordinator",
    Role.SUPERVISOR: "a supervisor",
    Role.ADMIN: "an administrator",
}
# Deliveries whose instructors are taken for their dates.
_ACTIVE = (S.DRAFT, S.PENDING_APPROVAL, S.APPROVED, S.DELIVERED, S.FINALISED)


def _role(user: Any) -> Role | None:
    try:
        return Role(getattr(user, "role", ""))
    except ValueError:
        return None


def _unlocked(delivery: CourseDelivery) -> None:
    if delivery.is_locked:
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.get_status_display().lower()} and can no "
            "longer be changed."
        )


@transaction.atomic
def create_delivery(
    *,
    course: Course,
    start_date: date,
    host_country: str | None,
    venue_type: str,
    user: Any,
    end_date: date | None = None,
    academy: str | None = None,
    capacity: int = 25,
    venue: str = "",
    port_code: str | None = None,
    funding_source: str = "",
    co_delivering_agencies: Sequence[str] = (),
    language: str = "",
    organisation: Organisation | None = None,
    instructors: Sequence[Instructor] = (),
) -> CourseDelivery:
    """Plan a delivery of a course as a draft; the last day defaults from the course length.

    A delivery at an academy is hosted by the academy's country (given or not); instructors
    are checked for clashes with their other deliveries.
    """
    if end_date is None:
        end_date = start_date + timedelta(days=course.default_days - 1)
    if end_date < start_date:
        raise invalid(f"The last day {end_date} is before the first day {start_date}.")
    if venue_type not in VenueType.values:
        raise invalid(
            f"Unknown venue_type {venue_type!r}; use one of {', '.join(VenueType.values)}."
        )
    if venue_type == VenueType.ACADEMY:
        if academy not in Academy.values:
            raise invalid(f"A delivery at an academy names it: one of {', '.join(Academy.values)}.")
        expected = ACADEMY_COUNTRY[academy]
        if host_country and host_country.upper() != expected:
            raise invalid(f"The academy in {academy} is hosted by {expected}, not {host_country}.")
        host_country = expected
    elif academy:
        raise invalid(f"Only a delivery at an academy names one; this one is at a {venue_type}.")
    if not host_country:
        raise invalid("Name the host country as an ISO 3166 alpha-2 code, e.g. 'GT'.")
    country = Country.objects.filter(alpha2=host_country.upper()).first()
    if country is None:
        raise invalid(f"{host_country!r} is not a known ISO 3166 alpha-2 country code.")
    if capacity < 1:
        raise invalid("A delivery needs at least one place.")
    if funding_source and funding_source not in FundingSource.values:
        raise invalid(
            f"Unknown funding_source {funding_source!r}; "
            f"use one of {', '.join(FundingSource.values)}."
        )
    port = None
    if port_code:
        port = PortOfEntry.objects.filter(code=port_code).first()
        if port is None:
            raise invalid(f"No port of entry with code {port_code!r}.")
    owner = organisation or getattr(user, "organisation", None)
    if owner is None:
        raise invalid("The delivery needs a coordinating office; your account has none.")
    delivery = CourseDelivery.objects.create(
        course=course,
        start_date=start_date,
        end_date=end_date,
        fiscal_year=fiscal_year(start_date),
        host_country=country,
        venue_type=venue_type,
        academy=academy if venue_type == VenueType.ACADEMY else None,
        port=port,
        venue=venue,
        capacity=capacity,
        organisation=owner,
        co_delivering_agencies=[name.strip() for name in co_delivering_agencies if name.strip()],
        funding_source=funding_source,
        language=language,
        created_by=user if getattr(user, "pk", None) else None,
    )
    StatusChange.objects.create(
        delivery=delivery, from_status="", to_status=S.DRAFT, changed_by=delivery.created_by
    )
    for instructor in instructors:
        assign_instructor(delivery=delivery, instructor=instructor, user=user)
    return delivery


def create_instructor(
    *, name: str, agency: str = "", email: str = "", user: Any = None
) -> Instructor:
    """Add someone who teaches on deliveries."""
    if not name.strip():
        raise invalid("An instructor needs a name.")
    return Instructor.objects.create(name=name.strip(), agency=agency.strip(), email=email.strip())


def find_instructor_clash(
    *,
    instructor: Instructor,
    start_date: date,
    end_date: date,
    exclude: CourseDelivery | None = None,
) -> CourseDelivery | None:
    """Another live delivery this instructor teaches on whose dates overlap these."""
    others = CourseDelivery.objects.filter(
        instructor_assignments__instructor=instructor,
        status__in=_ACTIVE,
        start_date__lte=end_date,
        end_date__gte=start_date,
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.select_related("course").order_by("start_date", "pk").first()


@transaction.atomic
def assign_instructor(
    *, delivery: CourseDelivery, instructor: Instructor, user: Any, role: str = ""
) -> DeliveryInstructor:
    """Put an instructor on a delivery, refused when they teach elsewhere on those days."""
    _unlocked(delivery)
    # Lock the instructor so two deliveries cannot take the same days at once.
    Instructor.objects.select_for_update().filter(pk=instructor.pk).first()
    if DeliveryInstructor.objects.filter(delivery=delivery, instructor=instructor).exists():
        raise conflict(f"{instructor} already teaches on this delivery.")
    clash = find_instructor_clash(
        instructor=instructor,
        start_date=delivery.start_date,
        end_date=delivery.end_date,
        exclude=delivery,
    )
    if clash is not None:
        raise conflict(
            f"{instructor} cannot teach here: they teach on delivery {clash.pk} "
            f"({clash.course.title}, {clash.host_country_id}, {clash.start_date} to "
            f"{clash.end_date}), whose dates overlap {delivery.start_date} to {delivery.end_date}."
        )
    return DeliveryInstructor.objects.create(delivery=delivery, instructor=instructor, role=role)


def set_budget_line(
    *,
    delivery: CourseDelivery,
    category: str,
    estimated: Decimal,
    user: Any,
    actual: Decimal | None = None,
) -> BudgetLine:
    """Set what one category of the budget is estimated to cost and, later, what it cost."""
    _unlocked(delivery)
    if category not in BudgetCategory.values:
        raise invalid(
            f"Unknown budget category {category!r}; use one of {', '.join(BudgetCategory.values)}."
        )
    if estimated < 0 or (actual is not None and actual < 0):
        raise invalid("Budget amounts cannot be negative.")
    line, _ = BudgetLine.objects.update_or_create(
        delivery=delivery, category=category, defaults={"estimated": estimated, "actual": actual}
    )
    return line


def add_session(
    *,
    delivery: CourseDelivery,
    day: date,
    starts_at: time,
    ends_at: time,
    kind: str,
    title: str,
    user: Any,
) -> TimetableSession:
    """Add a classroom or practical session to the delivery's timetable."""
    _unlocked(delivery)
    if not delivery.start_date <= day <= delivery.end_date:
        raise invalid(
            f"{day} is outside the delivery, which runs {delivery.start_date} to "
            f"{delivery.end_date}."
        )
    if ends_at <= starts_at:
        raise invalid("A session must end after it starts.")
    if kind not in SessionKind.values:
        raise invalid(f"Unknown session kind {kind!r}; use one of {', '.join(SessionKind.values)}.")
    if not title.strip():
        raise invalid("A session needs a title.")
    overlapping = delivery.sessions.filter(day=day, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.exists():
        raise conflict(f"The session overlaps {overlapping.first()} on the timetable.")
    return TimetableSession.objects.create(
        delivery=delivery, day=day, starts_at=starts_at, ends_at=ends_at, kind=kind, title=title
    )


def allowed_moves(*, delivery: CourseDelivery, user: Any) -> list[str]:
    """The statuses this user may move the delivery to now (the workflow buttons)."""
    role = _role(user)
    return [
        target
        for (source, target), roles in TRANSITIONS.items()
        if source == delivery.status and role in roles
    ]


@transaction.atomic
def change_status(
    *,
    delivery: CourseDelivery,
    status: str,
    user: Any,
    note: str = "",
    today: date | None = None,
) -> CourseDelivery:
    """Move a delivery along its workflow, refusing illegal moves and moves by the wrong role.

    A coordinator submits, a supervisor or administrator approves, the coordinator marks it
    delivered on or after its first day and finalises it, which locks it.
    """
    if status not in S.values:
        raise invalid(f"Unknown status {status!r}; use one of {', '.join(S.values)}.")
    locked = CourseDelivery.objects.select_for_update().get(pk=delivery.pk)
    current = locked.status
    if current == status:
        raise conflict(f"Delivery {locked.pk} is already {current}.")
    roles = TRANSITIONS.get((current, status))
    if roles is None:
        onward = [target for (source, target) in TRANSITIONS if source == current]
        hint = (
            f"from {current} it can move to {', '.join(onward)}"
            if onward
            else (f"{current} is final")
        )
        raise conflict(
            f"Illegal move: delivery {locked.pk} cannot go from {current} to {status}; {hint}."
        )
    if _role(user) not in roles:
        who = " or ".join(_ROLE_NAMES[role] for role in sorted(roles, key=list(Role).index))
        raise not_permitted(f"Only {who} may move a delivery from {current} to {status}.")
    today = today or timezone.localdate()
    if status == S.DELIVERED and today < locked.start_date:
        raise conflict(
            f"Delivery {locked.pk} starts on {locked.start_date}; it can be marked delivered on "
            "or after that day."
        )
    locked.status = status
    locked.save(update_fields=["status"])
    StatusChange.objects.create(
        delivery=locked, from_status=current, to_status=status, changed_by=user, note=note[:500]
    )
    delivery.status = status
    return locked
