"""Participants: nominations, human-rights vetting, enrolment with a waiting list, attendance,
test scores, certificates and train-the-trainer follow-up."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from borderops.accounts.choices import OrganisationKind, Role
from borderops.accounts.models import Organisation
from borderops.reference.models import Country
from borderops.training.choices import (
    AttendanceStatus,
    DeliveryStatus,
    NominationStatus,
    VettingResult,
    VettingStanding,
    VettingState,
)
from borderops.training.errors import conflict, invalid, not_permitted
from borderops.training.models import (
    Attendance,
    Certificate,
    CourseDelivery,
    Nomination,
    Person,
    TrainerFollowUp,
    VettingBatch,
    VettingItem,
)

PARTNER_KINDS = (OrganisationKind.PARTNER_ADMINISTRATION, OrganisationKind.PARTNER_AGENCY)
# Share of the delivery's training days a participant must be present on to be certified.
CERTIFICATE_ATTENDANCE = 0.8
# Unambiguous letters and digits for codes read aloud or typed from paper.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
OPEN_FOR_NOMINATIONS = (
    DeliveryStatus.DRAFT,
    DeliveryStatus.PENDING_APPROVAL,
    DeliveryStatus.APPROVED,
    DeliveryStatus.DELIVERED,
)
# Enrolment, attendance and scores need an approved delivery that is not yet finalised.
RUNNING = (DeliveryStatus.APPROVED, DeliveryStatus.DELIVERED)
_VETTING_ORDER = list(VettingState.values)


# ---------------------------------------------------------------------------------------------
# Nominations
# ---------------------------------------------------------------------------------------------


def _agency_for(*, user: Any, agency: str | None) -> Organisation:
    """The nominating agency: a partner official's own; others name one by code or name."""
    home: Organisation | None = getattr(user, "organisation", None)
    name = (agency or "").strip()
    if getattr(user, "role", "") == Role.PARTNER:
        if home is None:
            raise not_permitted("Your account belongs to no agency, so you cannot nominate.")
        if not name:
            return home
        named = Organisation.objects.filter(
            Q(code__iexact=name) | Q(name__iexact=name), path__startswith=home.path
        ).first()
        if named is None:
            raise not_permitted(
                f"You may nominate only for your own agency ({home.name}), not {name!r}."
            )
        return named
    if not name:
        raise invalid("Name the nominating partner agency by its organisation code or name.")
    matches = list(
        Organisation.objects.filter(
            Q(code__iexact=name) | Q(name__iexact=name), kind__in=PARTNER_KINDS
        )[:2]
    )
    if not matches:
        raise invalid(f"No partner agency has the code or name {name!r}.")
    if len(matches) > 1:
        raise invalid(f"More than one partner agency is called {name!r}; use its code.")
    return matches[0]


def _open_for_nominations(delivery: CourseDelivery, today: date) -> None:
    if delivery.status not in OPEN_FOR_NOMINATIONS:
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.status}; it takes no more nominations."
        )
    if today > delivery.end_date:
        raise conflict(
            f"Nominations for delivery {delivery.pk} closed on its last day, {delivery.end_date}."
        )


@transaction.atomic
def nominate(
    *,
    delivery: CourseDelivery,
    surname: str,
    given_names: str,
    birth_date: date,
    nationality: str,
    user: Any,
    agency: str | None = None,
    security_force: bool = False,
    position: str = "",
    today: date | None = None,
) -> Nomination:
    """Nominate an official for a delivery; accepted until its last day.

    A partner official nominates for their own agency only. The same person (surname, given
    names, birth date, nationality) is one record across deliveries.
    """
    today = today or timezone.localdate()
    _open_for_nominations(delivery, today)
    organisation = _agency_for(user=user, agency=agency)
    surname, given_names = " ".join(surname.split()), " ".join(given_names.split())
    if not surname:
        raise invalid("The nominee's surname is missing.")
    if not given_names:
        raise invalid("The nominee's given names are missing.")
    if birth_date >= today:
        raise invalid(f"The birth date {birth_date} is not in the past.")
    country = Country.objects.filter(alpha2=(nationality or "").strip().upper()).first()
    if country is None:
        raise invalid(f"{nationality!r} is not a known ISO 3166 alpha-2 nationality.")
    person = Person.objects.filter(
        surname__iexact=surname,
        given_names__iexact=given_names,
        birth_date=birth_date,
        nationality=country,
    ).first()
    if person is None:
        person = Person.objects.create(
            surname=surname,
            given_names=given_names,
            birth_date=birth_date,
            nationality=country,
            agency=organisation,
            position=position,
        )
    elif person.agency_id != organisation.pk:
        person.agency = organisation
        person.save(update_fields=["agency"])
    if Nomination.objects.filter(delivery=delivery, person=person).exists():
        raise conflict(f"{person} is already nominated for delivery {delivery.pk}.")
    return Nomination.objects.create(
        delivery=delivery,
        person=person,
        agency=organisation,
        security_force=security_force,
        nominated_by=user if getattr(user, "pk", None) else None,
    )


@transaction.atomic
def withdraw(*, nomination: Nomination, user: Any) -> Nomination:
    """Withdraw a nominee; a place they held goes to the first eligible on the waiting list."""
    delivery = CourseDelivery.objects.select_for_update().get(pk=nomination.delivery_id)
    current = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if current.status == NominationStatus.WITHDRAWN:
        raise conflict(f"Nomination {current.pk} is already withdrawn.")
    if delivery.status not in OPEN_FOR_NOMINATIONS or delivery.status == DeliveryStatus.DELIVERED:
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.status}; its participants can no longer change."
        )
    held_a_place = current.status == NominationStatus.ENROLLED
    current.status = NominationStatus.WITHDRAWN
    current.withdrawn_at = timezone.now()
    current.save(update_fields=["status", "withdrawn_at"])
    if held_a_place:
        _promote_from_waiting_list(delivery)
    return current


def _promote_from_waiting_list(delivery: CourseDelivery) -> Nomination | None:
    """Give a free place to the longest-waiting nominee whose vetting still allows it."""
    enrolled = delivery.nominations.filter(status=NominationStatus.ENROLLED).count()
    if enrolled >= delivery.capacity:
        return None
    waiting = delivery.nominations.select_for_update().filter(status=NominationStatus.WAITLISTED)
    for candidate in waiting.order_by("waitlisted_at", "pk"):
        if vetting_standing(candidate) in (VettingStanding.NOT_REQUIRED, VettingStanding.APPROVED):
            candidate.status = NominationStatus.ENROLLED
            candidate.enrolled_at = timezone.now()
            candidate.save(update_fields=["status", "enrolled_at"])
            return candidate
    return None


# ---------------------------------------------------------------------------------------------
# Vetting
# ---------------------------------------------------------------------------------------------


def vetting_standing(nomination: Nomination) -> VettingStanding:
    """Where the nominee's vetting stands for this delivery's first day.

    The latest result decides; an approval must still be valid on the first day. Vetting is
    required of security-force members, but a result on anyone else counts too.
    """
    items = list(nomination.vetting_items.all())
    decided = sorted(
        (item for item in items if item.result), key=lambda item: (item.recorded_at, item.pk)
    )
    if decided:
        latest = decided[-1]
        if latest.result == VettingResult.APPROVED:
            start = nomination.delivery.start_date
            if latest.expires is not None and latest.expires >= start:
                return VettingStanding.APPROVED
            return VettingStanding.EXPIRED
        return VettingStanding(latest.result)
    if items:
        return VettingStanding.PENDING
    return (
        VettingStanding.NOT_SUBMITTED if nomination.security_force else VettingStanding.NOT_REQUIRED
    )


def _post_for(
    *, user: Any, nominations: Sequence[Nomination], post: Organisation | None
) -> Organisation:
    if post is not None:
        if post.kind != OrganisationKind.POST:
            raise invalid(f"{post.name} is not a post abroad.")
        return post
    home: Organisation | None = getattr(user, "organisation", None)
    if home is not None and home.kind == OrganisationKind.POST:
        return home
    # The post in the host country of the course runs the vetting.
    country = nominations[0].delivery.host_country_id
    in_country = Organisation.objects.filter(kind=OrganisationKind.POST, country_id=country).first()
    if in_country is not None:
        return in_country
    if home is None:
        raise invalid("Name the post that runs the vetting; your account belongs to none.")
    return home


@transaction.atomic
def submit_for_vetting(
    *, nominations: Sequence[Nomination], user: Any, post: Organisation | None = None
) -> VettingBatch:
    """Submit nominees to a post for human-rights vetting as one batch."""
    if not nominations:
        raise invalid("A vetting batch needs at least one nomination.")
    ids = [nomination.pk for nomination in nominations]
    if len(set(ids)) != len(ids):
        raise invalid("A nomination is listed twice; list each once.")
    for nomination in nominations:
        if nomination.status == NominationStatus.WITHDRAWN:
            raise conflict(f"Nomination {nomination.pk} is withdrawn; it needs no vetting.")
        open_item = nomination.vetting_items.filter(result="").select_related("batch").first()
        if open_item is not None:
            raise conflict(
                f"Nomination {nomination.pk} is already awaiting results in vetting batch "
                f"{open_item.batch_id}."
            )
    batch = VettingBatch.objects.create(
        post=_post_for(user=user, nominations=nominations, post=post),
        submitted_by=user if getattr(user, "pk", None) else None,
    )
    VettingItem.objects.bulk_create(
        [VettingItem(batch=batch, nomination=nomination) for nomination in nominations]
    )
    return batch


@transaction.atomic
def advance_vetting(*, batch: VettingBatch, state: str, user: Any) -> VettingBatch:
    """Move a batch on one step: submitted → courtesy checks → vetting.

    It reaches "results" only when every nominee's result is recorded.
    """
    if state not in VettingState.values:
        raise invalid(
            f"Unknown vetting state {state!r}; use one of {', '.join(VettingState.values)}."
        )
    locked = VettingBatch.objects.select_for_update().get(pk=batch.pk)
    if state == VettingState.RESULTS:
        raise conflict("A batch reaches results when every nominee's result is recorded.")
    if _VETTING_ORDER.index(state) != _VETTING_ORDER.index(locked.state) + 1:
        raise conflict(
            f"Vetting batch {locked.pk} is at {locked.state}; it cannot move to {state}."
        )
    locked.state = state
    locked.state_changed_at = timezone.now()
    locked.save(update_fields=["state", "state_changed_at"])
    return locked


@dataclass(frozen=True)
class VettingOutcome:
    """One nominee's result as reported by the post."""

    nomination_id: int
    result: str
    expires: date | None


@transaction.atomic
def record_vetting_results(
    *, batch: VettingBatch, results: Sequence[VettingOutcome], user: Any
) -> VettingBatch:
    """Record results for nominees of the batch; all or nothing.

    A result for a nomination never submitted in this batch is refused, as is an approval
    without an expiry date.
    """
    locked = VettingBatch.objects.select_for_update().get(pk=batch.pk)
    if not results:
        raise invalid("Send at least one result.")
    items = {item.nomination_id: item for item in locked.items.all()}
    seen: set[int] = set()
    for outcome in results:
        if outcome.nomination_id not in items:
            raise invalid(
                f"Nomination {outcome.nomination_id} was never submitted in vetting batch "
                f"{locked.pk}; nothing was recorded."
            )
        if outcome.nomination_id in seen:
            raise invalid(f"Nomination {outcome.nomination_id} has two results; send one.")
        seen.add(outcome.nomination_id)
        if outcome.result not in VettingResult.values:
            raise invalid(
                f"Unknown result {outcome.result!r} for nomination {outcome.nomination_id}; use "
                f"one of {', '.join(VettingResult.values)}."
            )
        if outcome.result == VettingResult.APPROVED and outcome.expires is None:
            raise invalid(
                f"The approval of nomination {outcome.nomination_id} needs an expiry date."
            )
    now = timezone.now()
    for outcome in results:
        item = items[outcome.nomination_id]
        item.result = outcome.result
        item.expires = outcome.expires
        item.recorded_at = now
        item.recorded_by = user if getattr(user, "pk", None) else None
        item.save(update_fields=["result", "expires", "recorded_at", "recorded_by"])
    if all(item.result for item in items.values()):
        locked.state = VettingState.RESULTS
        locked.state_changed_at = now
        locked.save(update_fields=["state", "state_changed_at"])
    return locked


# ---------------------------------------------------------------------------------------------
# Enrolment
# ---------------------------------------------------------------------------------------------

_STANDING_REFUSAL = {
    VettingStanding.NOT_SUBMITTED: (
        "is a security-force member and has not been submitted for vetting"
    ),
    VettingStanding.PENDING: "is awaiting vetting results",
    VettingStanding.EXPIRED: "has a vetting approval that expires before the course starts",
    VettingStanding.SUSPENDED: "has a suspended vetting result",
    VettingStanding.REJECTED: "was rejected in vetting",
}


@transaction.atomic
def enrol(*, nomination: Nomination, user: Any) -> Nomination:
    """Give a nominee a place, or a place on the waiting list when the delivery is full.

    Needs an approved delivery and, where vetting is required, an approval valid on the
    first day. The delivery row is locked so two enrolments cannot take the last place.
    """
    delivery = CourseDelivery.objects.select_for_update().get(pk=nomination.delivery_id)
    current = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if delivery.status not in RUNNING:
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.status}; enrolment needs an approved delivery."
        )
    if current.status == NominationStatus.ENROLLED:
        raise conflict(f"{current.person} is already enrolled in delivery {delivery.pk}.")
    if current.status == NominationStatus.WAITLISTED:
        raise conflict(
            f"{current.person} is already on the waiting list of delivery {delivery.pk}."
        )
    if current.status == NominationStatus.WITHDRAWN:
        raise conflict(f"Nomination {current.pk} was withdrawn; nominate the person again.")
    standing = vetting_standing(current)
    if standing not in (VettingStanding.NOT_REQUIRED, VettingStanding.APPROVED):
        raise conflict(
            f"{current.person} cannot be enrolled: they {_STANDING_REFUSAL[standing]} "
            f"(first day {delivery.start_date})."
        )
    enrolled = delivery.nominations.filter(status=NominationStatus.ENROLLED).count()
    now = timezone.now()
    if enrolled < delivery.capacity:
        current.status = NominationStatus.ENROLLED
        current.enrolled_at = now
    else:
        current.status = NominationStatus.WAITLISTED
        current.waitlisted_at = now
    current.save(update_fields=["status", "enrolled_at", "waitlisted_at"])
    return current


# ---------------------------------------------------------------------------------------------
# During and after the course
# ---------------------------------------------------------------------------------------------


def _enrolled_in(nomination: Nomination, delivery: CourseDelivery) -> None:
    if nomination.delivery_id != delivery.pk:
        raise invalid(f"Nomination {nomination.pk} is not for delivery {delivery.pk}.")
    if nomination.status != NominationStatus.ENROLLED:
        raise conflict(
            f"{nomination.person} is not enrolled in delivery {delivery.pk} "
            f"(their nomination is {nomination.status})."
        )


def _running(delivery: CourseDelivery, what: str) -> None:
    if delivery.status == DeliveryStatus.FINALISED:
        raise conflict(
            f"Delivery {delivery.pk} is finalised and locked; {what} can no longer change."
        )
    if delivery.status not in RUNNING:
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.status}; {what} needs an approved delivery."
        )


@transaction.atomic
def record_attendance(
    *,
    delivery: CourseDelivery,
    nomination: Nomination,
    day: date,
    status: str,
    user: Any,
    today: date | None = None,
) -> tuple[Attendance, bool]:
    """Record whether an enrolled participant was present on a day; again for a day updates.

    Returns the record and whether it is new.
    """
    today = today or timezone.localdate()
    if status not in AttendanceStatus.values:
        raise invalid(
            f"Unknown attendance {status!r}; use one of {', '.join(AttendanceStatus.values)}."
        )
    _running(delivery, "attendance")
    if not delivery.start_date <= day <= delivery.end_date:
        raise invalid(
            f"{day} is outside the delivery, which runs {delivery.start_date} to "
            f"{delivery.end_date}."
        )
    if day > today:
        raise invalid(f"{day} is in the future; record attendance on or after the day.")
    _enrolled_in(nomination, delivery)
    return Attendance.objects.update_or_create(
        nomination=nomination,
        day=day,
        defaults={
            "status": status,
            "recorded_by": user if getattr(user, "pk", None) else None,
            "recorded_at": timezone.now(),
        },
    )


def _score(name: str, value: int | None) -> None:
    if value is not None and not 0 <= value <= 100:
        raise invalid(f"The {name}-test score must be between 0 and 100, not {value}.")


@transaction.atomic
def record_scores(
    *, nomination: Nomination, user: Any, pre: int | None = None, post: int | None = None
) -> Nomination:
    """Record an enrolled participant's pre- and post-test scores (0-100); the gain follows."""
    if pre is None and post is None:
        raise invalid("Send a pre-test score, a post-test score or both.")
    _score("pre", pre)
    _score("post", post)
    delivery = CourseDelivery.objects.get(pk=nomination.delivery_id)
    _running(delivery, "test scores")
    _enrolled_in(nomination, delivery)
    if pre is not None:
        nomination.pre_score = pre
    if post is not None:
        nomination.post_score = post
    nomination.save(update_fields=["pre_score", "post_score"])
    return nomination


def training_days(delivery: CourseDelivery) -> list[date]:
    """The days that count for attendance: the timetabled days, or every calendar day.

    A delivery with a timetable counts only the days that have sessions (so a weekend inside
    a ten-day course does not count); without one, every day from first to last counts.
    """
    timetabled = sorted(set(delivery.sessions.values_list("day", flat=True)))
    return timetabled or delivery.calendar_days


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[n : n + 4] for n in range(0, 16, 4))


@transaction.atomic
def issue_certificate(*, nomination: Nomination, user: Any) -> tuple[Certificate, bool]:
    """Certify a participant of a delivered course who was present on at least 80% of its
    training days. Issuing again returns the same certificate; the flag says if it is new."""
    existing = Certificate.objects.filter(nomination=nomination).first()
    if existing is not None:
        return existing, False
    # Read afresh: the caller's copy of the delivery may predate its last status change.
    delivery = CourseDelivery.objects.get(pk=nomination.delivery_id)
    if delivery.status not in (DeliveryStatus.DELIVERED, DeliveryStatus.FINALISED):
        raise conflict(
            f"Delivery {delivery.pk} is {delivery.status}; certificates are issued once it is "
            "delivered."
        )
    _enrolled_in(nomination, delivery)
    days = training_days(delivery)
    present = nomination.attendance.filter(status=AttendanceStatus.PRESENT, day__in=days).count()
    if present < CERTIFICATE_ATTENDANCE * len(days):
        raise conflict(
            f"{nomination.person} was present on {present} of {len(days)} training days "
            f"({present / len(days):.0%}); a certificate needs {CERTIFICATE_ATTENDANCE:.0%}."
        )
    certificate = Certificate.objects.create(
        nomination=nomination,
        code=_new_code(),
        issued_by=user if getattr(user, "pk", None) else None,
        days_present=present,
        training_days=len(days),
    )
    return certificate, True


def verify_certificate(*, code: str) -> Certificate | None:
    """The certificate with this code, with whose it is and for which course; None if none."""
    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 16 and "-" not in normalised:
        normalised = "-".join(normalised[n : n + 4] for n in range(0, 16, 4))
    return (
        Certificate.objects.select_related(
            "nomination__person", "nomination__delivery__course", "nomination__agency"
        )
        .filter(code=normalised)
        .first()
    )


def record_follow_up(
    *,
    nomination: Nomination,
    taught_on: date,
    course_title: str,
    country: str,
    user: Any,
    place: str = "",
    participants: int = 0,
) -> TrainerFollowUp:
    """Record that a graduate went on to teach: what, when, where and to how many."""
    if nomination.status != NominationStatus.ENROLLED:
        raise conflict(
            f"{nomination.person} did not take part in delivery {nomination.delivery_id}."
        )
    if taught_on < nomination.delivery.start_date:
        raise invalid(f"{taught_on} is before the course they learnt it on began.")
    if not course_title.strip():
        raise invalid("Say what the graduate taught.")
    if participants < 0:
        raise invalid("The number of participants cannot be negative.")
    where = Country.objects.filter(alpha2=country.strip().upper()).first()
    if where is None:
        raise invalid(f"{country!r} is not a known ISO 3166 alpha-2 country code.")
    return TrainerFollowUp.objects.create(
        nomination=nomination,
        taught_on=taught_on,
        course_title=course_title.strip(),
        country=where,
        place=place,
        participants=participants,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
