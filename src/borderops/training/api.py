"""API: the course catalogue, deliveries and their workflow, nominations, vetting, enrolment,
attendance, tests and certificates. Refusals are 4xx with ``{"detail": ...}`` saying why:
403 for the wrong role or agency, 409 when the records' state does not allow it, 400 for bad
input, 404 for what does not exist or is not visible."""

# No ``from __future__ import annotations``: django-ninja reads the parameter annotations of
# paginated routes at runtime.
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from borderops.accounts.models import Organisation
from borderops.accounts.permissions import Action, Resource, can, require, scoped
from borderops.audit.services import record_read
from borderops.training import services
from borderops.training.choices import NominationStatus
from borderops.training.errors import TrainingRefused
from borderops.training.models import (
    Attendance,
    Course,
    CourseDelivery,
    Instructor,
    Nomination,
    Person,
    VettingBatch,
    VettingItem,
)
from borderops.training.services.participants import VettingOutcome

router = Router(tags=["international training"])


@contextmanager
def refusals() -> Iterator[None]:
    """Turn a service's refusal into the HTTP error it stands for."""
    try:
        yield
    except TrainingRefused as error:
        raise HttpError(error.http_status, str(error)) from error


# ---------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------


class CourseIn(Schema):
    title: str
    programme_area: str = Field(..., description="e.g. export_control, academies")
    environment: str = Field(..., description="land, seaport, rail, airport or green_border")
    default_days: int = 5
    modules: list[str] = Field(default_factory=list, description="Module titles, in order.")
    topics: list[str] = Field(default_factory=list)
    classroom_hours: int = 0
    practical_hours: int = 0
    prerequisites: str = ""
    languages: list[str] = Field(default_factory=list)
    description: str = ""


class CourseOut(Schema):
    id: int
    title: str
    programme_area: str
    environment: str
    default_days: int
    modules: list[str]
    topics: list[str]
    classroom_hours: int
    practical_hours: int
    prerequisites: str
    languages: list[str]

    @staticmethod
    def resolve_modules(obj: Course) -> list[str]:
        return [link.module.title for link in obj.course_modules.all()]


class DeliveryIn(Schema):
    course_id: int
    start_date: dt.date
    end_date: dt.date | None = Field(None, description="Defaults from the course's length.")
    host_country: str | None = Field(None, description="ISO 3166 alpha-2; implied by an academy.")
    venue_type: str = Field(..., description="academy, foreign_port or home_port")
    academy: str | None = Field(
        None, description="Bangkok, Budapest, Gaborone, San Salvador, Ghana"
    )
    capacity: int = 25
    venue: str = ""
    port: str | None = Field(None, description="Port of entry code, for a home port.")
    funding_source: str = ""
    co_delivering_agencies: list[str] = Field(default_factory=list)
    language: str = ""
    instructor_ids: list[int] = Field(default_factory=list)


class DeliveryOut(Schema):
    id: int
    course_id: int
    course_title: str
    start_date: dt.date
    end_date: dt.date
    fiscal_year: int
    host_country: str
    venue_type: str
    academy: str | None
    venue: str
    capacity: int
    status: str
    enrolled: int
    waitlisted: int
    co_delivering_agencies: list[str]
    funding_source: str
    instructors: list[str]

    @staticmethod
    def resolve_course_title(obj: CourseDelivery) -> str:
        return obj.course.title

    @staticmethod
    def resolve_host_country(obj: CourseDelivery) -> str:
        return obj.host_country_id

    @staticmethod
    def resolve_enrolled(obj: Any) -> int:
        return int(
            getattr(obj, "enrolled_total", None)
            or obj.nominations.filter(status=NominationStatus.ENROLLED).count()
        )

    @staticmethod
    def resolve_waitlisted(obj: Any) -> int:
        return int(
            getattr(obj, "waitlisted_total", None)
            or obj.nominations.filter(status=NominationStatus.WAITLISTED).count()
        )

    @staticmethod
    def resolve_instructors(obj: CourseDelivery) -> list[str]:
        return [str(link.instructor) for link in obj.instructor_assignments.all()]


class BudgetLineOut(Schema):
    category: str
    estimated: Decimal
    actual: Decimal | None


class SessionOut(Schema):
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    kind: str
    title: str


class StatusChangeOut(Schema):
    from_status: str
    to_status: str
    changed_at: dt.datetime
    changed_by: str | None
    note: str

    @staticmethod
    def resolve_changed_by(obj: Any) -> str | None:
        return obj.changed_by.get_username() if obj.changed_by else None


class DeliveryDetailOut(DeliveryOut):
    budget: list[BudgetLineOut]
    timetable: list[SessionOut]
    status_log: list[StatusChangeOut]
    training_days: list[dt.date]

    @staticmethod
    def resolve_budget(obj: CourseDelivery) -> Any:
        return obj.budget_lines.all()

    @staticmethod
    def resolve_timetable(obj: CourseDelivery) -> Any:
        return obj.sessions.all()

    @staticmethod
    def resolve_status_log(obj: CourseDelivery) -> Any:
        return obj.status_changes.select_related("changed_by")

    @staticmethod
    def resolve_training_days(obj: CourseDelivery) -> list[dt.date]:
        return services.training_days(obj)


class StatusIn(Schema):
    status: str
    note: str = ""


class InstructorIn(Schema):
    name: str
    agency: str = ""
    email: str = ""


class InstructorOut(Schema):
    id: int
    name: str
    agency: str


class AssignmentIn(Schema):
    instructor_id: int
    role: str = ""


class BudgetLineIn(Schema):
    category: str
    estimated: Decimal
    actual: Decimal | None = None


class SessionIn(Schema):
    day: dt.date
    starts_at: dt.time
    ends_at: dt.time
    kind: str
    title: str


class PersonIn(Schema):
    surname: str
    given_names: str
    birth_date: dt.date
    nationality: str = Field(..., description="ISO 3166 alpha-2")
    agency: str | None = Field(
        None,
        description=(
            "The nominating partner agency's organisation code or name. A partner official's "
            "own agency is used when omitted; naming another agency is refused (403)."
        ),
    )
    position: str = ""


class NominationIn(Schema):
    person: PersonIn
    security_force: bool = False


class PersonOut(Schema):
    surname: str
    given_names: str
    birth_date: dt.date
    nationality: str
    agency: str

    @staticmethod
    def resolve_nationality(obj: Person) -> str:
        return obj.nationality_id

    @staticmethod
    def resolve_agency(obj: Person) -> str:
        return obj.agency.name


class NominationOut(Schema):
    id: int
    delivery_id: int
    status: str
    security_force: bool
    person: PersonOut
    agency: str
    agency_code: str
    vetting: str
    pre: int | None
    post: int | None
    gain: int | None
    certificate_code: str | None

    @staticmethod
    def resolve_agency(obj: Nomination) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_agency_code(obj: Nomination) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_vetting(obj: Nomination) -> str:
        return str(services.vetting_standing(obj))

    @staticmethod
    def resolve_pre(obj: Nomination) -> int | None:
        return obj.pre_score

    @staticmethod
    def resolve_post(obj: Nomination) -> int | None:
        return obj.post_score

    @staticmethod
    def resolve_certificate_code(obj: Nomination) -> str | None:
        certificate = getattr(obj, "certificate", None)
        return certificate.code if certificate is not None else None


class BatchIn(Schema):
    nomination_ids: list[int]
    post: str | None = Field(None, description="Code of the post abroad that runs the vetting.")


class VettingItemOut(Schema):
    nomination_id: int
    result: str | None
    expires: dt.date | None

    @staticmethod
    def resolve_result(obj: VettingItem) -> str | None:
        return obj.result or None


class BatchOut(Schema):
    id: int
    post: str
    state: str
    submitted_at: dt.datetime
    items: list[VettingItemOut]

    @staticmethod
    def resolve_post(obj: VettingBatch) -> str:
        return obj.post.code

    @staticmethod
    def resolve_items(obj: VettingBatch) -> Any:
        return obj.items.all()


class BatchStateIn(Schema):
    state: str


class ResultIn(Schema):
    nomination_id: int
    result: str
    expires: dt.date | None = None


class ResultsIn(Schema):
    results: list[ResultIn]


class AttendanceIn(Schema):
    nomination_id: int
    date: dt.date
    status: str


class AttendanceOut(Schema):
    nomination_id: int
    date: dt.date
    status: str

    @staticmethod
    def resolve_date(obj: Attendance) -> dt.date:
        return obj.day


class ScoresIn(Schema):
    pre: int | None = None
    post: int | None = None


class ResultOut(Schema):
    nomination_id: int
    surname: str
    given_names: str
    pre: int | None
    post: int | None
    gain: int | None
    days_present: int
    training_days: int
    certificate_code: str | None


class CertificateOut(Schema):
    code: str
    url: str
    pdf_url: str


class VerificationOut(Schema):
    code: str
    genuine: bool
    participant: str
    agency: str
    course: str
    host_country: str
    start_date: dt.date
    end_date: dt.date
    issued_on: dt.date


class NotGenuineOut(Schema):
    code: str
    genuine: bool
    detail: str


class FollowUpIn(Schema):
    taught_on: dt.date
    course_title: str
    country: str
    place: str = ""
    participants: int = 0


class FollowUpOut(Schema):
    id: int
    taught_on: dt.date
    course_title: str
    country: str
    place: str
    participants: int

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country_id)


class ImportOut(Schema):
    imported: int
    nomination_ids: list[int]


class ImportErrorsOut(Schema):
    detail: str
    errors: list[str]


# ---------------------------------------------------------------------------------------------
# Lookups that respect the permission layer
# ---------------------------------------------------------------------------------------------


def _deliveries(request: HttpRequest) -> QuerySet[CourseDelivery]:
    return scoped(request.user, Resource.COURSE_DELIVERY, CourseDelivery.objects.all())


def _delivery(request: HttpRequest, delivery_id: int) -> CourseDelivery:
    require(request.user, Action.VIEW, Resource.COURSE_DELIVERY)
    delivery = (
        _deliveries(request)
        .select_related("course", "host_country")
        .prefetch_related("instructor_assignments__instructor")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        raise HttpError(404, f"No course delivery {delivery_id}.")
    return delivery


def _nominations(request: HttpRequest) -> QuerySet[Nomination]:
    return (
        scoped(request.user, Resource.NOMINATION, Nomination.objects.all())
        .select_related(
            "person__agency", "person__nationality", "agency", "delivery", "certificate"
        )
        .prefetch_related("vetting_items")
    )


def _nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    nomination = _nominations(request).filter(pk=nomination_id).first()
    if nomination is None:
        raise HttpError(404, f"No nomination {nomination_id} that you may see.")
    return nomination


def _batch(request: HttpRequest, batch_id: int) -> VettingBatch:
    batch = (
        scoped(request.user, Resource.VETTING, VettingBatch.objects.all())
        .select_related("post")
        .filter(pk=batch_id)
        .first()
    )
    if batch is None:
        raise HttpError(404, f"No vetting batch {batch_id} that you may see.")
    return batch


def _shown(nominations: list[Nomination]) -> list[Nomination]:
    """Log the people on these nominations as read, then hand the nominations back."""
    if nominations:
        record_read(records=[n.person for n in nominations], model=Person, purpose="api")
    return nominations


# ---------------------------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------------------------


def _courses() -> QuerySet[Course]:
    return Course.objects.prefetch_related("course_modules__module").order_by("title")


# The catalogue and the deliveries are answered as plain JSON arrays, as their contract reads;
# `limit` and `offset` page through them when a client wants pages.
MAX_LIMIT = 10_000


def _page(limit: int, offset: int) -> slice:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT:,}.")
    if offset < 0:
        raise HttpError(400, "offset must be 0 or more.")
    return slice(offset, offset + limit)


@router.get("/courses", response=list[CourseOut], summary="The course catalogue")
def list_courses(
    request: HttpRequest,
    programme_area: str = "",
    environment: str = "",
    limit: int = 1000,
    offset: int = 0,
) -> Any:
    require(request.user, Action.VIEW, Resource.COURSE)
    page = _page(limit, offset)
    courses = _courses()
    if programme_area:
        courses = courses.filter(programme_area=programme_area)
    if environment:
        courses = courses.filter(environment=environment)
    return courses[page]


@router.post("/courses", response={201: CourseOut}, summary="Add a course to the catalogue")
def create_course(request: HttpRequest, payload: CourseIn) -> Status[Course]:
    require(request.user, Action.ADD, Resource.COURSE)
    with refusals():
        course = services.create_course(user=request.user, **payload.dict())
    return Status(201, _courses().get(pk=course.pk))


@router.get("/courses/{course_id}", response=CourseOut, summary="One course")
def get_course(request: HttpRequest, course_id: int) -> Course:
    require(request.user, Action.VIEW, Resource.COURSE)
    course = _courses().filter(pk=course_id).first()
    if course is None:
        raise HttpError(404, f"No course {course_id}.")
    return course


@router.get("/instructors", response=list[InstructorOut], summary="Instructors")
@paginate(LimitOffsetPagination)
def list_instructors(request: HttpRequest) -> Any:
    require(request.user, Action.VIEW, Resource.COURSE_DELIVERY)
    return Instructor.objects.order_by("name", "pk")


@router.post("/instructors", response={201: InstructorOut}, summary="Add an instructor")
def create_instructor(request: HttpRequest, payload: InstructorIn) -> Status[Instructor]:
    require(request.user, Action.ADD, Resource.COURSE_DELIVERY)
    with refusals():
        instructor = services.create_instructor(user=request.user, **payload.dict())
    return Status(201, instructor)


# ---------------------------------------------------------------------------------------------
# Deliveries
# ---------------------------------------------------------------------------------------------


@router.get("/deliveries", response=list[DeliveryOut], summary="Course deliveries, newest first")
def list_deliveries(
    request: HttpRequest,
    fiscal_year: int | None = None,
    status: str = "",
    host_country: str = "",
    course_id: int | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> Any:
    require(request.user, Action.VIEW, Resource.COURSE_DELIVERY)
    page = _page(limit, offset)
    deliveries = _deliveries(request).select_related("course")
    if fiscal_year is not None:
        deliveries = deliveries.filter(fiscal_year=fiscal_year)
    if status:
        deliveries = deliveries.filter(status=status)
    if host_country:
        deliveries = deliveries.filter(host_country_id=host_country.upper())
    if course_id is not None:
        deliveries = deliveries.filter(course_id=course_id)
    return (
        deliveries.prefetch_related("instructor_assignments__instructor")
        .annotate(
            enrolled_total=Count("nominations", filter=Q(nominations__status="enrolled")),
            waitlisted_total=Count("nominations", filter=Q(nominations__status="waitlisted")),
        )
        .order_by("-start_date", "pk")[page]
    )


@router.post("/deliveries", response={201: DeliveryDetailOut}, summary="Plan a delivery")
def create_delivery(request: HttpRequest, payload: DeliveryIn) -> Status[CourseDelivery]:
    require(request.user, Action.ADD, Resource.COURSE_DELIVERY)
    course = Course.objects.filter(pk=payload.course_id).first()
    if course is None:
        raise HttpError(400, f"No course {payload.course_id} in the catalogue.")
    instructors = list(Instructor.objects.filter(pk__in=payload.instructor_ids))
    unknown = set(payload.instructor_ids) - {i.pk for i in instructors}
    if unknown:
        raise HttpError(400, f"No instructors with ids {sorted(unknown)}.")
    with refusals():
        delivery = services.create_delivery(
            course=course,
            start_date=payload.start_date,
            end_date=payload.end_date,
            host_country=payload.host_country,
            venue_type=payload.venue_type,
            academy=payload.academy,
            capacity=payload.capacity,
            venue=payload.venue,
            port_code=payload.port,
            funding_source=payload.funding_source,
            co_delivering_agencies=payload.co_delivering_agencies,
            language=payload.language,
            instructors=instructors,
            user=request.user,
        )
    return Status(201, _delivery(request, delivery.pk))


@router.get("/deliveries/{delivery_id}", response=DeliveryDetailOut, summary="One delivery")
def get_delivery(request: HttpRequest, delivery_id: int) -> CourseDelivery:
    return _delivery(request, delivery_id)


@router.post(
    "/deliveries/{delivery_id}/status",
    response=DeliveryDetailOut,
    summary="Move a delivery along its workflow",
    description=(
        "draft → pending_approval (coordinator) → approved (supervisor or administrator) → "
        "delivered (coordinator, on or after the first day) → finalised (coordinator; locks "
        "it); draft, pending_approval or approved → cancelled; pending_approval → draft "
        "(returned). 403 for the wrong role, 409 for an illegal move, 400 for an unknown status."
    ),
)
def change_status(request: HttpRequest, delivery_id: int, payload: StatusIn) -> CourseDelivery:
    require(request.user, Action.CHANGE, Resource.COURSE_DELIVERY)
    delivery = _delivery(request, delivery_id)
    with refusals():
        services.change_status(
            delivery=delivery, status=payload.status, note=payload.note, user=request.user
        )
    return _delivery(request, delivery_id)


@router.post(
    "/deliveries/{delivery_id}/instructors",
    response={201: DeliveryDetailOut},
    summary="Assign an instructor; refused when they teach elsewhere on those days",
)
def assign_instructor(
    request: HttpRequest, delivery_id: int, payload: AssignmentIn
) -> Status[CourseDelivery]:
    require(request.user, Action.CHANGE, Resource.COURSE_DELIVERY)
    delivery = _delivery(request, delivery_id)
    instructor = Instructor.objects.filter(pk=payload.instructor_id).first()
    if instructor is None:
        raise HttpError(400, f"No instructor {payload.instructor_id}.")
    with refusals():
        services.assign_instructor(
            delivery=delivery, instructor=instructor, role=payload.role, user=request.user
        )
    return Status(201, _delivery(request, delivery_id))


@router.post(
    "/deliveries/{delivery_id}/budget",
    response=BudgetLineOut,
    summary="Set one budget category, estimated and actual",
)
def set_budget_line(request: HttpRequest, delivery_id: int, payload: BudgetLineIn) -> Any:
    require(request.user, Action.CHANGE, Resource.COURSE_DELIVERY)
    delivery = _delivery(request, delivery_id)
    with refusals():
        return services.set_budget_line(delivery=delivery, user=request.user, **payload.dict())


@router.post(
    "/deliveries/{delivery_id}/timetable",
    response={201: SessionOut},
    summary="Add a classroom or practical session to the timetable",
)
def add_session(request: HttpRequest, delivery_id: int, payload: SessionIn) -> Status[Any]:
    require(request.user, Action.CHANGE, Resource.COURSE_DELIVERY)
    delivery = _delivery(request, delivery_id)
    with refusals():
        session = services.add_session(delivery=delivery, user=request.user, **payload.dict())
    return Status(201, session)


# ---------------------------------------------------------------------------------------------
# Nominations
# ---------------------------------------------------------------------------------------------


@router.get(
    "/deliveries/{delivery_id}/nominations",
    response=list[NominationOut],
    summary="Nominations for a delivery (a partner official sees their own agency's only)",
)
def list_nominations(request: HttpRequest, delivery_id: int) -> list[Nomination]:
    require(request.user, Action.VIEW, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    return _shown(list(_nominations(request).filter(delivery=delivery)))


@router.post(
    "/deliveries/{delivery_id}/nominations",
    response={201: NominationOut},
    summary="Nominate an official; accepted until the delivery's last day",
)
def create_nomination(
    request: HttpRequest, delivery_id: int, payload: NominationIn
) -> Status[Nomination]:
    require(request.user, Action.ADD, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    person = payload.person
    with refusals():
        nomination = services.nominate(
            delivery=delivery,
            surname=person.surname,
            given_names=person.given_names,
            birth_date=person.birth_date,
            nationality=person.nationality,
            agency=person.agency,
            position=person.position,
            security_force=payload.security_force,
            user=request.user,
        )
    return Status(201, _nomination(request, nomination.pk))


@router.post(
    "/deliveries/{delivery_id}/nominations/import",
    response={201: ImportOut, 400: ImportErrorsOut},
    summary="Import nominations from a CSV or XLSX file; nothing is stored if any row is bad",
    description=(
        "Columns: surname, given_names, birth_date (YYYY-MM-DD), nationality (alpha-2), "
        "agency (code or name; a partner official's own when empty), security_force (yes/no)."
    ),
)
def import_nominations(
    request: HttpRequest,
    delivery_id: int,
    file: File[UploadedFile],
) -> Status[dict[str, Any]]:
    require(request.user, Action.ADD, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    try:
        created = services.import_nominations(
            delivery=delivery, content=file.read(), filename=file.name or "", user=request.user
        )
    except services.ImportRefused as error:
        return Status(
            400,
            {
                "detail": f"Nothing was imported: {len(error.errors)} problem(s) in the file.",
                "errors": error.errors,
            },
        )
    return Status(201, {"imported": len(created), "nomination_ids": [n.pk for n in created]})


@router.get("/nominations/{nomination_id}", response=NominationOut, summary="One nomination")
def get_nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    require(request.user, Action.VIEW, Resource.NOMINATION)
    return _shown([_nomination(request, nomination_id)])[0]


@router.post(
    "/nominations/{nomination_id}/enrol",
    response=NominationOut,
    summary="Enrol a nominee, or put them on the waiting list when the delivery is full",
    description=(
        "409 unless the delivery is approved (or delivered) and, for security-force members, "
        "vetting is approved and still valid on the first day; 409 for a duplicate enrolment."
    ),
)
def enrol(request: HttpRequest, nomination_id: int) -> Nomination:
    require(request.user, Action.CHANGE, Resource.NOMINATION)
    with refusals():
        services.enrol(nomination=_nomination(request, nomination_id), user=request.user)
    return _nomination(request, nomination_id)


@router.post(
    "/nominations/{nomination_id}/withdraw",
    response=NominationOut,
    summary="Withdraw a nominee; their place goes to the first on the waiting list",
)
def withdraw(request: HttpRequest, nomination_id: int) -> Nomination:
    # The nominating agency may withdraw its own nominee, as may the coordinator.
    if not (
        can(request.user, Action.CHANGE, Resource.NOMINATION)
        or can(request.user, Action.ADD, Resource.NOMINATION)
    ):
        require(request.user, Action.CHANGE, Resource.NOMINATION)
    with refusals():
        services.withdraw(nomination=_nomination(request, nomination_id), user=request.user)
    return _nomination(request, nomination_id)


@router.post(
    "/nominations/{nomination_id}/tests",
    response=NominationOut,
    summary="Record pre- and post-test scores (0-100); the gain is post minus pre",
)
def record_scores(request: HttpRequest, nomination_id: int, payload: ScoresIn) -> Nomination:
    require(request.user, Action.CHANGE, Resource.NOMINATION)
    with refusals():
        services.record_scores(
            nomination=_nomination(request, nomination_id),
            pre=payload.pre,
            post=payload.post,
            user=request.user,
        )
    return _nomination(request, nomination_id)


def _certificate_links(request: HttpRequest, code: str) -> dict[str, str]:
    return {
        "code": code,
        "url": request.build_absolute_uri(reverse("training:certificate-verify", args=[code])),
        "pdf_url": request.build_absolute_uri(reverse("training:certificate-pdf", args=[code])),
    }


@router.post(
    "/nominations/{nomination_id}/certificate",
    response={200: CertificateOut, 201: CertificateOut},
    summary="Issue a certificate once the delivery is delivered",
    description=(
        "409 unless the delivery is delivered or finalised, the participant is enrolled and "
        "was present on at least 80% of the training days (the timetabled days, or every "
        "calendar day from first to last when there is no timetable). Issuing again returns "
        "the same certificate with 200."
    ),
)
def issue_certificate(request: HttpRequest, nomination_id: int) -> Status[dict[str, str]]:
    require(request.user, Action.CHANGE, Resource.NOMINATION)
    with refusals():
        certificate, created = services.issue_certificate(
            nomination=_nomination(request, nomination_id), user=request.user
        )
    return Status(201 if created else 200, _certificate_links(request, certificate.code))


@router.get(
    "/certificates/{code}",
    auth=None,
    response={200: VerificationOut, 404: NotGenuineOut},
    summary="Public: is this certificate genuine, whose is it and for which course",
)
def verify_certificate(request: HttpRequest, code: str) -> Status[dict[str, Any]]:
    certificate = services.verify_certificate(code=code)
    if certificate is None:
        return Status(
            404,
            {
                "code": code,
                "genuine": False,
                "detail": f"No certificate has the code {code}: it is not genuine.",
            },
        )
    nomination = certificate.nomination
    record_read(records=[nomination.person], model=Person, purpose="certificate verification")
    delivery = nomination.delivery
    return Status(
        200,
        {
            "code": certificate.code,
            "genuine": True,
            "participant": f"{nomination.person.given_names} {nomination.person.surname}",
            "agency": nomination.agency.name,
            "course": delivery.course.title,
            "host_country": delivery.host_country_id,
            "start_date": delivery.start_date,
            "end_date": delivery.end_date,
            "issued_on": certificate.issued_at.date(),
        },
    )


@router.get(
    "/nominations/{nomination_id}/follow-ups",
    response=list[FollowUpOut],
    summary="Train-the-trainer follow-up: what a graduate went on to teach",
)
def list_follow_ups(request: HttpRequest, nomination_id: int) -> Any:
    require(request.user, Action.VIEW, Resource.NOMINATION)
    return list(_nomination(request, nomination_id).follow_ups.all())


@router.post(
    "/nominations/{nomination_id}/follow-ups",
    response={201: FollowUpOut},
    summary="Record that a graduate taught a course",
)
def record_follow_up(request: HttpRequest, nomination_id: int, payload: FollowUpIn) -> Status[Any]:
    require(request.user, Action.CHANGE, Resource.NOMINATION)
    with refusals():
        follow_up = services.record_follow_up(
            nomination=_nomination(request, nomination_id), user=request.user, **payload.dict()
        )
    return Status(201, follow_up)


# ---------------------------------------------------------------------------------------------
# Vetting
# ---------------------------------------------------------------------------------------------


def _batches(request: HttpRequest) -> QuerySet[VettingBatch]:
    return (
        scoped(request.user, Resource.VETTING, VettingBatch.objects.all())
        .select_related("post")
        .prefetch_related("items")
    )


@router.get("/vetting-batches", response=list[BatchOut], summary="Vetting batches, newest first")
@paginate(LimitOffsetPagination)
def list_batches(request: HttpRequest, state: str = "") -> Any:
    require(request.user, Action.VIEW, Resource.VETTING)
    batches = _batches(request)
    return batches.filter(state=state) if state else batches


@router.post(
    "/vetting-batches",
    response={201: BatchOut},
    summary="Submit nominees for human-rights vetting as one batch",
)
def create_batch(request: HttpRequest, payload: BatchIn) -> Status[VettingBatch]:
    require(request.user, Action.ADD, Resource.VETTING)
    visible = {n.pk: n for n in _nominations(request).filter(pk__in=payload.nomination_ids)}
    missing = [pk for pk in payload.nomination_ids if pk not in visible]
    if missing:
        raise HttpError(400, f"No nominations {missing} that you may see.")
    post = None
    if payload.post:
        post = Organisation.objects.filter(code=payload.post).first()
        if post is None:
            raise HttpError(400, f"No post with code {payload.post!r}.")
    with refusals():
        batch = services.submit_for_vetting(
            nominations=[visible[pk] for pk in payload.nomination_ids],
            post=post,
            user=request.user,
        )
    return Status(201, _batches(request).get(pk=batch.pk))


@router.get("/vetting-batches/{batch_id}", response=BatchOut, summary="One vetting batch")
def get_batch(request: HttpRequest, batch_id: int) -> VettingBatch:
    require(request.user, Action.VIEW, Resource.VETTING)
    return _batch(request, batch_id)


@router.post(
    "/vetting-batches/{batch_id}/state",
    response=BatchOut,
    summary="Move a batch on: submitted → courtesy_checks → vetting",
)
def advance_batch(request: HttpRequest, batch_id: int, payload: BatchStateIn) -> VettingBatch:
    require(request.user, Action.CHANGE, Resource.VETTING)
    with refusals():
        services.advance_vetting(
            batch=_batch(request, batch_id), state=payload.state, user=request.user
        )
    return _batch(request, batch_id)


@router.post(
    "/vetting-batches/{batch_id}/results",
    response=BatchOut,
    summary="Record vetting results; a result for a nomination not in the batch is refused",
)
def record_results(request: HttpRequest, batch_id: int, payload: ResultsIn) -> VettingBatch:
    require(request.user, Action.CHANGE, Resource.VETTING)
    with refusals():
        services.record_vetting_results(
            batch=_batch(request, batch_id),
            results=[
                VettingOutcome(nomination_id=r.nomination_id, result=r.result, expires=r.expires)
                for r in payload.results
            ],
            user=request.user,
        )
    return _batch(request, batch_id)


# ---------------------------------------------------------------------------------------------
# Attendance and results
# ---------------------------------------------------------------------------------------------


@router.get(
    "/deliveries/{delivery_id}/attendance",
    response=list[AttendanceOut],
    summary="Daily attendance of a delivery's participants",
)
def list_attendance(request: HttpRequest, delivery_id: int) -> list[Attendance]:
    require(request.user, Action.VIEW, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    nominations = _shown(list(_nominations(request).filter(delivery=delivery)))
    return list(
        Attendance.objects.filter(nomination__in=nominations).order_by("day", "nomination_id")
    )


@router.post(
    "/deliveries/{delivery_id}/attendance",
    response={200: AttendanceOut, 201: AttendanceOut},
    summary="Record a participant's attendance on one day; recording again updates it",
    description=(
        "400 for a date outside the delivery or in the future, 409 for someone not enrolled "
        "or a delivery that is not approved (or is finalised)."
    ),
)
def record_attendance(
    request: HttpRequest, delivery_id: int, payload: AttendanceIn
) -> Status[Attendance]:
    require(request.user, Action.CHANGE, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    nomination = _nominations(request).filter(pk=payload.nomination_id).first()
    if nomination is None:
        raise HttpError(400, f"No nomination {payload.nomination_id} that you may see.")
    with refusals():
        attendance, created = services.record_attendance(
            delivery=delivery,
            nomination=nomination,
            day=payload.date,
            status=payload.status,
            user=request.user,
        )
    return Status(201 if created else 200, attendance)


@router.get(
    "/deliveries/{delivery_id}/results",
    response=list[ResultOut],
    summary="Each enrolled participant's test scores, gain, attendance and certificate",
)
def list_results(request: HttpRequest, delivery_id: int) -> list[dict[str, Any]]:
    require(request.user, Action.VIEW, Resource.NOMINATION)
    delivery = _delivery(request, delivery_id)
    days = services.training_days(delivery)
    nominations = _shown(
        list(
            _nominations(request)
            .filter(delivery=delivery, status=NominationStatus.ENROLLED)
            .prefetch_related(
                Prefetch("attendance", queryset=Attendance.objects.filter(day__in=days))
            )
        )
    )
    return [
        {
            "nomination_id": n.pk,
            "surname": n.person.surname,
            "given_names": n.person.given_names,
            "pre": n.pre_score,
            "post": n.post_score,
            "gain": n.gain,
            "days_present": sum(1 for a in n.attendance.all() if a.status == "present"),
            "training_days": len(days),
            "certificate_code": getattr(getattr(n, "certificate", None), "code", None),
        }
        for n in nominations
    ]
