"""The API contract for courses, deliveries and the delivery workflow, with every refusal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from borderops.training.models import CourseDelivery, StatusChange


def test_a_coordinator_adds_a_course_and_it_lists_with_its_modules(
    api: Any, coordinator: Any
) -> None:
    body = {
        "title": "Bulk Currency Smuggling",
        "programme_area": "trade_enforcement",
        "environment": "airport",
        "modules": ["Bulk currency smuggling", "Concealment methods"],
        "classroom_hours": 24,
        "practical_hours": 12,
        "languages": ["en", "es"],
        "prerequisites": "Two years at a port of entry.",
    }

    created = api(coordinator).post("/courses", body)
    listed = api(coordinator).get("/courses")

    assert created.status_code == 201
    course = created.json()
    assert course["default_days"] == 5
    assert course["modules"] == ["Bulk currency smuggling", "Concealment methods"]
    assert {"id", "title", "programme_area", "environment", "default_days", "modules"} <= set(
        course
    )
    assert [c["title"] for c in listed.json()] == ["Bulk Currency Smuggling"]


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"programme_area": "astrology"}, 400, "Unknown programme area"),
        ({"environment": "space"}, 400, "Unknown environment"),
        ({"default_days": 0}, 400, "between 1 and 60"),
        ({"modules": ["X-ray systems", "x-ray systems"]}, 400, "listed twice"),
        ({"title": "  "}, 400, "needs a title"),
    ],
)
def test_a_bad_course_is_refused_saying_why(
    api: Any, coordinator: Any, change: dict[str, Any], status: int, words: str
) -> None:
    body = {"title": "Rail", "programme_area": "export_control", "environment": "rail", **change}

    response = api(coordinator).post("/courses", body)

    assert response.status_code == status
    assert words in response.json()["detail"]


def test_a_duplicate_course_title_is_a_conflict(api: Any, coordinator: Any, course: Any) -> None:
    response = api(coordinator).post(
        "/courses",
        {"title": course.title.upper(), "programme_area": "academies", "environment": "land"},
    )
    assert response.status_code == 409


def test_only_the_coordinator_adds_courses(api: Any, make_user: Any, partners: Any) -> None:
    body = {"title": "Rail", "programme_area": "export_control", "environment": "rail"}
    for role in ("partner", "supervisor", "auditor", "officer"):
        response = api(make_user(role)).post("/courses", body)
        assert response.status_code == 403, role
        assert "detail" in response.json()


def test_a_delivery_at_an_academy_is_hosted_by_its_country(
    api: Any, coordinator: Any, course: Any, partners: Any, today: Any
) -> None:
    start = today + timedelta(days=30)

    response = api(coordinator).post(
        "/deliveries",
        {"course_id": course.pk, "start_date": start.isoformat(), "venue_type": "academy",
         "academy": "San Salvador", "capacity": 24},
    )  # fmt: skip

    assert response.status_code == 201
    body = response.json()
    assert body["host_country"] == "SV"
    assert body["academy"] == "San Salvador"
    assert body["status"] == "draft"
    assert body["end_date"] == (start + timedelta(days=4)).isoformat()
    assert body["course_id"] == course.pk and body["capacity"] == 24
    assert body["status_log"][0]["to_status"] == "draft"


def test_the_fiscal_year_runs_october_to_september(
    api: Any, coordinator: Any, course: Any, partners: Any
) -> None:
    def fy(start: str) -> int:
        response = api(coordinator).post(
            "/deliveries",
            {
                "course_id": course.pk,
                "start_date": start,
                "venue_type": "foreign_port",
                "host_country": "GT",
            },
        )
        return int(response.json()["fiscal_year"])

    assert fy("2014-10-01") == 2015
    assert fy("2015-09-30") == 2015
    assert fy("2014-09-30") == 2014


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"venue_type": "academy"}, "names it"),
        ({"venue_type": "academy", "academy": "Bangkok", "host_country": "GT"}, "hosted by TH"),
        ({"academy": "Bangkok"}, "Only a delivery at an academy"),
        ({"venue_type": "moon_base"}, "Unknown venue_type"),
        ({"host_country": "XX"}, "not a known ISO 3166"),
        ({"host_country": None}, "Name the host country"),
        ({"end_date": "2030-01-01", "start_date": "2030-01-05"}, "before the first day"),
        ({"capacity": 0}, "at least one place"),
        ({"course_id": 999999}, "No course"),
        ({"funding_source": "lottery"}, "Unknown funding_source"),
    ],
)
def test_a_bad_delivery_is_refused_with_a_400_saying_why(
    api: Any, coordinator: Any, course: Any, partners: Any, change: dict[str, Any], words: str
) -> None:
    body = {"course_id": course.pk, "start_date": "2030-01-07", "venue_type": "foreign_port",
            "host_country": "GT", **change}  # fmt: skip

    response = api(coordinator).post("/deliveries", body)

    assert response.status_code == 400
    assert words in response.json()["detail"]
    assert not CourseDelivery.objects.exists()


def _move(api: Any, user: Any, delivery: Any, status: str) -> Any:
    return api(user).post(f"/deliveries/{delivery.pk}/status", {"status": status})


def test_the_workflow_from_draft_to_finalised_records_each_move(
    api: Any, make_user: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery(status="draft", starts_in=-2)
    supervisor = make_user("supervisor")

    steps = [
        (coordinator, "pending_approval"),
        (supervisor, "approved"),
        (coordinator, "delivered"),
        (coordinator, "finalised"),
    ]
    for user, status in steps:
        response = _move(api, user, delivery, status)
        assert response.status_code == 200, response.json()
        assert response.json()["status"] == status

    log = list(
        StatusChange.objects.filter(delivery=delivery).values_list("from_status", "to_status")
    )
    assert log == [("", "draft"), ("draft", "pending_approval"), ("pending_approval", "approved"),
                   ("approved", "delivered"), ("delivered", "finalised")]  # fmt: skip
    assert [entry["to_status"] for entry in response.json()["status_log"]][-1] == "finalised"


def test_an_administrator_may_approve(api: Any, make_user: Any, make_delivery: Any) -> None:
    delivery = make_delivery(status="pending_approval")
    assert _move(api, make_user("admin"), delivery, "approved").status_code == 200


# (status now, move to, role, expected HTTP status, words in the detail)
WORKFLOW_REFUSALS = [
    ("draft", "approved", "supervisor", 409, "Illegal move"),
    ("draft", "delivered", "coordinator", 409, "cannot go from draft to delivered"),
    ("pending_approval", "approved", "coordinator", 403, "Only a supervisor or an administrator"),
    ("draft", "pending_approval", "supervisor", 403, "Only a training coordinator"),
    ("approved", "delivered", "supervisor", 403, "Only a training coordinator"),
    ("finalised", "draft", "coordinator", 409, "finalised is final"),
    ("cancelled", "approved", "supervisor", 409, "cancelled is final"),
    ("approved", "approved", "supervisor", 409, "already approved"),
    ("approved", "teleported", "coordinator", 400, "Unknown status"),
    ("delivered", "cancelled", "coordinator", 409, "Illegal move"),
]


@pytest.mark.parametrize(("current", "target", "role", "status", "words"), WORKFLOW_REFUSALS)
def test_an_illegal_move_or_the_wrong_role_is_refused(
    api: Any,
    make_user: Any,
    make_delivery: Any,
    current: str,
    target: str,
    role: str,
    status: int,
    words: str,
) -> None:
    delivery = make_delivery(status=current, starts_in=-1)

    response = _move(api, make_user(role), delivery, target)

    assert response.status_code == status
    assert words in response.json()["detail"]
    delivery.refresh_from_db()
    assert delivery.status == current


def test_a_delivery_is_marked_delivered_only_on_or_after_its_first_day(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    future = make_delivery(status="approved", starts_in=1)
    starting = make_delivery(status="approved", starts_in=0, host_country="CO")

    early = _move(api, coordinator, future, "delivered")

    assert early.status_code == 409
    assert "on or after" in early.json()["detail"]
    assert _move(api, coordinator, starting, "delivered").status_code == 200


def test_roles_without_the_delivery_permission_cannot_move_it(
    api: Any, make_user: Any, make_delivery: Any
) -> None:
    delivery = make_delivery(status="pending_approval")
    for role in ("partner", "attache", "auditor"):
        assert _move(api, make_user(role), delivery, "approved").status_code == 403


def test_deliveries_filter_by_fiscal_year_and_status(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    make_delivery(status="approved")
    make_delivery(status="draft", host_country="CO")

    everything = api(coordinator).get("/deliveries").json()
    drafts = api(coordinator).get("/deliveries?status=draft").json()

    assert len(everything) == 2
    assert [d["host_country"] for d in drafts] == ["CO"]
    first = everything[0]
    assert {"id", "course_id", "start_date", "end_date", "host_country", "venue_type", "academy",
            "capacity", "status"} <= set(first)  # fmt: skip


def test_an_instructor_cannot_be_in_two_places_at_once(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    guatemala = make_delivery(status="approved", starts_in=10)
    colombia = make_delivery(status="draft", starts_in=12, host_country="CO")
    later = make_delivery(status="draft", starts_in=30, host_country="CO")
    instructor = (
        api(coordinator).post("/instructors", {"name": "Dana Reyes", "agency": "CBP"}).json()
    )

    first = api(coordinator).post(
        f"/deliveries/{guatemala.pk}/instructors", {"instructor_id": instructor["id"]}
    )
    clash = api(coordinator).post(
        f"/deliveries/{colombia.pk}/instructors", {"instructor_id": instructor["id"]}
    )
    fine = api(coordinator).post(
        f"/deliveries/{later.pk}/instructors", {"instructor_id": instructor["id"]}
    )

    assert first.status_code == 201
    assert clash.status_code == 409
    assert f"delivery {guatemala.pk}" in clash.json()["detail"]
    assert "overlap" in clash.json()["detail"]
    assert fine.status_code == 201
    assert fine.json()["instructors"] == ["Dana Reyes (CBP)"]


def test_a_cancelled_delivery_frees_its_instructors(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    from borderops.training import services

    instructor = services.create_instructor(name="Sam Ortiz")
    cancelled = make_delivery(status="draft", starts_in=10)
    services.assign_instructor(delivery=cancelled, instructor=instructor, user=coordinator)
    services.change_status(delivery=cancelled, status="cancelled", user=coordinator)
    other = make_delivery(status="draft", starts_in=10, host_country="CO")

    response = api(coordinator).post(
        f"/deliveries/{other.pk}/instructors", {"instructor_id": instructor.pk}
    )

    assert response.status_code == 201


def test_budget_by_category_and_timetable(api: Any, coordinator: Any, make_delivery: Any) -> None:
    delivery = make_delivery(status="draft", starts_in=10)
    day = delivery.start_date.isoformat()

    budget = api(coordinator).post(
        f"/deliveries/{delivery.pk}/budget",
        {"category": "lodging", "estimated": "12000", "actual": "11250.50"},
    )
    bad_budget = api(coordinator).post(
        f"/deliveries/{delivery.pk}/budget", {"category": "casino", "estimated": 1}
    )
    session = api(coordinator).post(
        f"/deliveries/{delivery.pk}/timetable",
        {
            "day": day,
            "starts_at": "09:00",
            "ends_at": "12:00",
            "kind": "classroom",
            "title": "Concealment methods",
        },
    )
    overlap = api(coordinator).post(
        f"/deliveries/{delivery.pk}/timetable",
        {
            "day": day,
            "starts_at": "11:00",
            "ends_at": "13:00",
            "kind": "practical",
            "title": "Vehicle search",
        },
    )
    outside = api(coordinator).post(
        f"/deliveries/{delivery.pk}/timetable",
        {
            "day": "2001-01-01",
            "starts_at": "09:00",
            "ends_at": "10:00",
            "kind": "practical",
            "title": "X",
        },
    )
    detail = api(coordinator).get(f"/deliveries/{delivery.pk}").json()

    assert budget.status_code == 200 and budget.json()["actual"] == "11250.50"
    assert bad_budget.status_code == 400
    assert session.status_code == 201
    assert overlap.status_code == 409
    assert outside.status_code == 400 and "outside the delivery" in outside.json()["detail"]
    assert detail["budget"][0]["category"] == "lodging"
    assert detail["timetable"][0]["title"] == "Concealment methods"
    assert detail["training_days"] == [day]


def test_a_finalised_delivery_is_locked(api: Any, coordinator: Any, make_delivery: Any) -> None:
    delivery = make_delivery(status="finalised", starts_in=-10)

    response = api(coordinator).post(
        f"/deliveries/{delivery.pk}/budget", {"category": "other", "estimated": 5}
    )

    assert response.status_code == 409
    assert "can no longer be changed" in response.json()["detail"]


def test_the_api_needs_a_token(api: Any, db: Any) -> None:
    assert api(None).get("/courses").status_code == 401
    assert api(None).get("/deliveries").status_code == 401


def test_the_delivery_list_pages_with_limit_and_offset(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    make_delivery(status="approved")
    for country in ("CO", "GT"):
        make_delivery(status="draft", host_country=country)

    everything = api(coordinator).get("/deliveries").json()
    second = api(coordinator).get("/deliveries?limit=1&offset=1").json()
    refused = api(coordinator).get("/deliveries?limit=0")

    assert len(everything) == 3 and second == everything[1:2]
    assert refused.status_code == 400 and "limit" in refused.json()["detail"]
