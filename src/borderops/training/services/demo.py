"""Loading the synthetic training wing into the database for the demo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from borderops.accounts.choices import OrganisationKind
from borderops.accounts.models import Organisation
from borderops.accounts.services import save_organisation
from borderops.audit.choices import AuditAction
from borderops.audit.services import record
from borderops.core.synth.training import (
    FISCAL_YEAR_TARGETS,
    TRAINING_GENERATOR_VERSION,
    TrainingDataset,
    fiscal_year,
    generate_training,
)
from borderops.reference.models import Country
from borderops.training.choices import (
    AttendanceStatus,
    DeliveryStatus,
    NominationStatus,
    VettingResult,
    VettingState,
)
from borderops.training.models import (
    Attendance,
    BudgetLine,
    Certificate,
    Course,
    CourseDelivery,
    DeliveryInstructor,
    Instructor,
    Nomination,
    Person,
    StatusChange,
    VettingBatch,
    VettingItem,
)
from borderops.training.services.catalogue import create_course
from borderops.training.services.participants import _new_code

BATCH = 1000
Progress = Callable[[str, int, int], None]


def load_demo_training(
    *,
    seed: int = 2015,
    fiscal_years: tuple[int, ...] = tuple(FISCAL_YEAR_TARGETS),
    participants_per_delivery: tuple[int, int] = (12, 24),
    progress: Progress | None = None,
) -> dict[str, int]:
    """Load the synthetic training wing (FY2015 at the seed's scale) once; counts by table.

    Past deliveries arrive finalised with their participants, vetting, attendance, scores and
    certificates; three upcoming ones (draft, pending approval, approved) give the demo
    something to work on. Does nothing when deliveries are already on record.
    """
    if CourseDelivery.objects.exists():
        return {}
    dataset = generate_training(
        seed=seed, fiscal_years=fiscal_years, participants_per_delivery=participants_per_delivery
    )
    with transaction.atomic():
        counts = _load(dataset, progress)
    record(
        action=AuditAction.IMPORT,
        object_type="training.dataset",
        object_repr=f"{TRAINING_GENERATOR_VERSION} seed {seed}",
        details={"counts": counts, "fiscal_years": list(fiscal_years)},
    )
    return counts


def _coordinating_office() -> Organisation:
    office = Organisation.objects.filter(code="oia").first()
    office = office or Organisation.objects.filter(kind=OrganisationKind.AGENCY).first()
    if office is None:
        raise ValueError("Create the agency's organisations before loading training demo data.")
    return office


def _partner_agencies(countries: set[str]) -> dict[str, Organisation]:
    """One partner administration per country: the demo's own where it has one."""
    known: dict[str, Organisation] = {
        str(organisation.country_id): organisation
        for organisation in Organisation.objects.filter(
            kind=OrganisationKind.PARTNER_ADMINISTRATION, country_id__in=countries
        ).order_by("pk")
    }
    names = dict(Country.objects.filter(alpha2__in=countries).values_list("alpha2", "name"))
    missing = sorted(countries - set(names))
    if missing:
        raise ValueError(f"Load the reference countries first; missing {', '.join(missing)}.")
    for country in sorted(countries - set(known)):
        known[country] = save_organisation(
            code=f"partner-{country.lower()}",
            name=f"Customs administration of {names[country]}",
            kind=OrganisationKind.PARTNER_ADMINISTRATION,
            country_id=country,
        )
    return known


def _bulk(model: type[Any], objects: list[Any]) -> list[Any]:
    return list(model.objects.bulk_create(objects, batch_size=BATCH))


def _load(dataset: TrainingDataset, progress: Progress | None) -> dict[str, int]:
    office = _coordinating_office()
    courses: dict[str, Course] = {}
    for spec in dataset.courses:
        course = Course.objects.filter(title=spec.title).first() or create_course(
            title=spec.title,
            programme_area=spec.programme_area,
            environment=spec.environment,
            default_days=spec.default_days,
            modules=spec.modules,
            topics=spec.topics,
            classroom_hours=spec.classroom_hours,
            practical_hours=spec.practical_hours,
            prerequisites=spec.prerequisites,
            languages=spec.languages,
        )
        courses[spec.key] = course
    instructors = {
        name: Instructor.objects.get_or_create(name=name, defaults={"agency": "CBP"})[0]
        for name in dataset.instructors
    }
    nationalities = {p.nationality for p in dataset.participants}
    agencies = _partner_agencies({d.host_country for d in dataset.deliveries} | nationalities)
    posts = {
        post.country_id: post
        for post in Organisation.objects.filter(kind=OrganisationKind.POST).order_by("pk")
    }

    deliveries = _bulk(
        CourseDelivery,
        [
            CourseDelivery(
                course=courses[d.course_key],
                start_date=d.start_date,
                end_date=d.end_date,
                fiscal_year=d.fiscal_year,
                host_country_id=d.host_country,
                venue_type=d.venue_type,
                academy=d.academy,
                venue=d.venue,
                capacity=d.capacity,
                status=DeliveryStatus.FINALISED,
                organisation=office,
                co_delivering_agencies=list(d.co_delivering_agencies),
                funding_source=d.funding_source,
            )
            for d in dataset.deliveries
        ],
    )
    by_key = {d.key: row for d, row in zip(dataset.deliveries, deliveries, strict=True)}
    if progress:
        progress("training deliveries", len(deliveries), len(deliveries))
    _bulk(
        StatusChange,
        [
            StatusChange(delivery=row, from_status="", to_status=DeliveryStatus.FINALISED,
                         note="Loaded from the synthetic demo history.")
            for row in deliveries
        ],
    )  # fmt: skip
    _bulk(
        DeliveryInstructor,
        [
            DeliveryInstructor(delivery=by_key[d.key], instructor=instructors[name])
            for d in dataset.deliveries
            for name in d.instructors
        ],
    )
    _bulk(
        BudgetLine,
        [
            BudgetLine(delivery=by_key[d.key], category=category, estimated=Decimal(estimated),
                       actual=Decimal(actual))
            for d in dataset.deliveries
            for category, estimated, actual in d.budget
        ],
    )  # fmt: skip

    people: dict[tuple[str, str, Any, str], Person] = {}
    for p in dataset.participants:
        key = (p.surname, p.given_names, p.birth_date, p.nationality)
        people.setdefault(
            key,
            Person(surname=p.surname, given_names=p.given_names, birth_date=p.birth_date,
                   nationality_id=p.nationality, agency=agencies[p.nationality]),
        )  # fmt: skip
    _bulk(Person, list(people.values()))
    nominations = _bulk(
        Nomination,
        [
            Nomination(
                delivery=by_key[p.delivery_key],
                person=people[(p.surname, p.given_names, p.birth_date, p.nationality)],
                agency=agencies[p.nationality],
                security_force=p.security_force,
                status=NominationStatus.ENROLLED if p.enrolled else NominationStatus.NOMINATED,
                pre_score=p.pre_score,
                post_score=p.post_score,
            )
            for p in dataset.participants
        ],
    )
    if progress:
        progress("training participants", len(nominations), len(nominations))
    batches: dict[str, VettingBatch] = {}
    for d in dataset.deliveries:
        if any(p.vetting for p in dataset.participants if p.delivery_key == d.key):
            batches[d.key] = VettingBatch(post=posts.get(d.host_country, office),
                                          state=VettingState.RESULTS)  # fmt: skip
    _bulk(VettingBatch, list(batches.values()))
    items, attendance, certificates = [], [], []
    for p, nomination in zip(dataset.participants, nominations, strict=True):
        delivery = by_key[p.delivery_key]
        if p.vetting is not None:
            result, expires = p.vetting
            items.append(
                VettingItem(batch=batches[p.delivery_key], nomination=nomination, result=result,
                            expires=expires if result == VettingResult.APPROVED else None,
                            recorded_at=timezone.now())
            )  # fmt: skip
        present = 0
        for offset, status in enumerate(p.attendance):
            attendance.append(
                Attendance(nomination=nomination, day=delivery.start_date + timedelta(days=offset),
                           status=status)
            )  # fmt: skip
            present += status == AttendanceStatus.PRESENT
        days = len(p.attendance)
        if p.enrolled and days and present >= 0.8 * days:
            certificates.append(Certificate(nomination=nomination, code=_new_code(),
                                            days_present=present, training_days=days))  # fmt: skip
    _bulk(VettingItem, items)
    _bulk(Attendance, attendance)
    _bulk(Certificate, certificates)
    upcoming = _upcoming(courses, office)
    return {
        "courses": len(courses),
        "instructors": len(instructors),
        "deliveries": len(deliveries) + upcoming,
        "people": len(people),
        "nominations": len(nominations),
        "vetting_results": len(items),
        "attendance": len(attendance),
        "certificates": len(certificates),
    }


def _upcoming(courses: dict[str, Course], office: Organisation) -> int:
    """Three deliveries ahead of today, one at each stage before delivery."""
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    plan = [
        ("poe-land", "MX", DeliveryStatus.APPROVED, 2),
        ("poe-airport", "GT", DeliveryStatus.PENDING_APPROVAL, 5),
        ("bulk-currency", "CO", DeliveryStatus.DRAFT, 8),
    ]
    made = 0
    for key, country, status, weeks in plan:
        if key not in courses or not Country.objects.filter(alpha2=country).exists():
            continue
        start = monday + timedelta(weeks=weeks)
        delivery = CourseDelivery.objects.create(
            course=courses[key],
            start_date=start,
            end_date=start + timedelta(days=courses[key].default_days - 1),
            fiscal_year=fiscal_year(start),
            host_country_id=country,
            venue_type="foreign_port",
            venue=f"{country} port of entry",
            capacity=20,
            status=status,
            organisation=office,
            funding_source="inl",
        )
        StatusChange.objects.create(delivery=delivery, from_status="", to_status=status,
                                    note="Demo data.")  # fmt: skip
        made += 1
    return made
