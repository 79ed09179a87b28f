"""The API contract for nominations, vetting, enrolment, attendance, tests and certificates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from tests.training.conftest import person

from borderops.audit.models import AuditEntry
from borderops.training.models import Attendance, Nomination

# --- nominations ------------------------------------------------------------------------------


def test_a_coordinator_nominates_for_an_agency_named_by_code_or_name(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()

    by_code = api(coordinator).post(
        f"/deliveries/{delivery.pk}/nominations",
        {"person": person("LOPEZ"), "security_force": True},
    )
    by_name = api(coordinator).post(
        f"/deliveries/{delivery.pk}/nominations",
        {"person": person("RUIZ", agency="Superintendencia de Administración Tributaria")},
    )

    assert by_code.status_code == 201
    body = by_code.json()
    assert body["status"] == "nominated" and body["security_force"] is True
    assert body["person"]["surname"] == "LOPEZ" and body["person"]["nationality"] == "GT"
    assert body["agency_code"] == "gt-sat"
    assert body["vetting"] == "not_submitted"
    assert by_name.status_code == 201 and by_name.json()["agency_code"] == "gt-sat"


def test_a_partner_official_nominates_for_their_own_agency_only(
    api: Any, make_user: Any, make_delivery: Any, partners: Any
) -> None:
    delivery = make_delivery()
    partner = make_user("partner")  # Mexican customs administration
    url = f"/deliveries/{delivery.pk}/nominations"

    own = api(partner).post(url, {"person": person("SOTO", agency=None, nationality="MX")})
    sub_unit = api(partner).post(
        url, {"person": person("VEGA", agency="ANAM Training Unit", nationality="MX")}
    )
    other = api(partner).post(url, {"person": person("MEJIA", agency="gt-sat")})

    assert own.status_code == 201 and own.json()["agency_code"] == "mx-anam"
    assert sub_unit.status_code == 201 and sub_unit.json()["agency_code"] == "mx-anam-training"
    assert other.status_code == 403
    assert "own agency" in other.json()["detail"]


def test_a_partner_official_sees_only_their_own_agencys_nominations(
    api: Any, make_user: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery()
    ours = nominate(delivery, agency="mx-anam", nationality="MX")
    nominate(delivery, agency="gt-sat")
    partner = make_user("partner")

    listed = api(partner).get(f"/deliveries/{delivery.pk}/nominations")
    theirs = Nomination.objects.exclude(pk=ours.pk).get()

    assert [n["id"] for n in listed.json()] == [ours.pk]
    assert api(partner).get(f"/nominations/{theirs.pk}").status_code == 404
    assert (
        len(api(make_user("coordinator")).get(f"/deliveries/{delivery.pk}/nominations").json()) == 2
    )


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"agency": "nowhere"}, 400, "No partner agency"),
        ({"agency": None}, 400, "Name the nominating partner agency"),
        ({"nationality": "ZZ"}, 400, "not a known ISO 3166"),
        ({"surname": " "}, 400, "surname is missing"),
        ({"birth_date": "2999-01-01"}, 400, "not in the past"),
    ],
)
def test_a_bad_nomination_is_refused(
    api: Any, coordinator: Any, make_delivery: Any, change: dict[str, Any], status: int, words: str
) -> None:
    delivery = make_delivery()

    response = api(coordinator).post(
        f"/deliveries/{delivery.pk}/nominations", {"person": person(**change)}
    )

    assert response.status_code == status
    assert words in response.json()["detail"]


def test_the_same_person_cannot_be_nominated_twice_for_a_delivery(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()
    url = f"/deliveries/{delivery.pk}/nominations"

    api(coordinator).post(url, {"person": person("LOPEZ")})
    again = api(coordinator).post(url, {"person": person("lopez", given_names="ana  maria")})

    assert again.status_code == 409
    assert "already nominated" in again.json()["detail"]


def test_nominations_close_after_the_last_day_and_on_cancelled_deliveries(
    api: Any, coordinator: Any, make_delivery: Any
) -> None:
    ended = make_delivery(status="delivered", starts_in=-10, days=5)
    last_day = make_delivery(status="delivered", starts_in=-4, days=5, host_country="CO")
    cancelled = make_delivery(status="cancelled")

    late = api(coordinator).post(f"/deliveries/{ended.pk}/nominations", {"person": person()})
    on_time = api(coordinator).post(f"/deliveries/{last_day.pk}/nominations", {"person": person()})
    refused = api(coordinator).post(f"/deliveries/{cancelled.pk}/nominations", {"person": person()})

    assert late.status_code == 409 and "closed on its last day" in late.json()["detail"]
    assert on_time.status_code == 201
    assert refused.status_code == 409 and "cancelled" in refused.json()["detail"]


def test_reading_nominations_is_audited_per_person(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery()
    first, second = nominate(delivery), nominate(delivery)

    api(coordinator).get(f"/deliveries/{delivery.pk}/nominations")

    reads = AuditEntry.objects.filter(action="view", object_type="training.person")
    assert sorted(reads.values_list("object_id", flat=True)) == sorted(
        [str(first.person_id), str(second.person_id)]
    )
    assert reads.first().actor == coordinator.username


# --- vetting ----------------------------------------------------------------------------------


def test_vetting_a_batch_from_submission_to_results(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any, partners: Any
) -> None:
    delivery = make_delivery()
    first, second = nominate(delivery, security_force=True), nominate(delivery, security_force=True)
    expires = (delivery.start_date + timedelta(days=200)).isoformat()

    created = api(coordinator).post("/vetting-batches", {"nomination_ids": [first.pk, second.pk]})
    batch = created.json()
    checks = api(coordinator).post(
        f"/vetting-batches/{batch['id']}/state", {"state": "courtesy_checks"}
    )
    vetting = api(coordinator).post(f"/vetting-batches/{batch['id']}/state", {"state": "vetting"})
    partial = api(coordinator).post(
        f"/vetting-batches/{batch['id']}/results",
        {"results": [{"nomination_id": first.pk, "result": "approved", "expires": expires}]},
    )
    done = api(coordinator).post(
        f"/vetting-batches/{batch['id']}/results",
        {"results": [{"nomination_id": second.pk, "result": "rejected", "expires": expires}]},
    )

    assert created.status_code == 201
    assert batch["state"] == "submitted" and batch["post"] == "post-guatemala"
    assert checks.json()["state"] == "courtesy_checks" and vetting.json()["state"] == "vetting"
    assert partial.status_code == 200 and partial.json()["state"] == "vetting"
    assert done.json()["state"] == "results"
    standing = {
        n["id"]: n["vetting"]
        for n in api(coordinator).get(f"/deliveries/{delivery.pk}/nominations").json()
    }
    assert standing == {first.pk: "approved", second.pk: "rejected"}


def test_a_result_for_a_nomination_never_submitted_in_the_batch_is_refused(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery()
    submitted, outsider = (
        nominate(delivery, security_force=True),
        nominate(delivery, security_force=True),
    )
    batch = api(coordinator).post("/vetting-batches", {"nomination_ids": [submitted.pk]}).json()

    response = api(coordinator).post(
        f"/vetting-batches/{batch['id']}/results",
        {"results": [
            {"nomination_id": submitted.pk, "result": "approved", "expires": "2099-01-01"},
            {"nomination_id": outsider.pk, "result": "approved", "expires": "2099-01-01"},
        ]},
    )  # fmt: skip

    assert response.status_code == 400
    assert f"Nomination {outsider.pk} was never submitted" in response.json()["detail"]
    # all or nothing: the good result was not kept either
    assert api(coordinator).get(f"/nominations/{submitted.pk}").json()["vetting"] == "pending"


@pytest.mark.parametrize(
    ("result", "words"),
    [
        ({"result": "maybe", "expires": "2099-01-01"}, "Unknown result"),
        ({"result": "approved"}, "needs an expiry date"),
    ],
)
def test_a_malformed_result_is_refused(
    api: Any,
    coordinator: Any,
    make_delivery: Any,
    nominate: Any,
    result: dict[str, Any],
    words: str,
) -> None:
    nomination = nominate(make_delivery(), security_force=True)
    batch = api(coordinator).post("/vetting-batches", {"nomination_ids": [nomination.pk]}).json()

    response = api(coordinator).post(
        f"/vetting-batches/{batch['id']}/results",
        {"results": [{"nomination_id": nomination.pk, **result}]},
    )

    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_batch_refusals(api: Any, coordinator: Any, make_delivery: Any, nominate: Any) -> None:
    nomination = nominate(make_delivery(), security_force=True)
    api(coordinator).post("/vetting-batches", {"nomination_ids": [nomination.pk]})

    empty = api(coordinator).post("/vetting-batches", {"nomination_ids": []})
    twice = api(coordinator).post("/vetting-batches", {"nomination_ids": [nomination.pk]})
    unknown = api(coordinator).post("/vetting-batches", {"nomination_ids": [987654]})
    batch_id = Nomination.objects.get().vetting_items.get().batch_id
    skip = api(coordinator).post(f"/vetting-batches/{batch_id}/state", {"state": "vetting"})
    results_by_hand = api(coordinator).post(
        f"/vetting-batches/{batch_id}/state", {"state": "results"}
    )

    assert empty.status_code == 400
    assert twice.status_code == 409 and "already awaiting results" in twice.json()["detail"]
    assert unknown.status_code == 400
    assert skip.status_code == 409
    assert results_by_hand.status_code == 409


def test_partners_may_not_vet_and_an_attache_sees_only_their_posts_batches(
    api: Any, make_user: Any, coordinator: Any, make_delivery: Any, nominate: Any, partners: Any
) -> None:
    nomination = nominate(make_delivery(), security_force=True)
    batch = api(coordinator).post("/vetting-batches", {"nomination_ids": [nomination.pk]}).json()
    guatemala_attache = make_user("attache", organisation=partners["post"])
    other_attache = make_user("attache", organisation=make_user("officer").organisation)

    assert (
        api(make_user("partner"))
        .post("/vetting-batches", {"nomination_ids": [nomination.pk]})
        .status_code
        == 403
    )
    assert api(guatemala_attache).get(f"/vetting-batches/{batch['id']}").status_code == 200
    assert api(guatemala_attache).get(f"/nominations/{nomination.pk}").status_code == 200
    assert api(other_attache).get(f"/vetting-batches/{batch['id']}").status_code == 404


# --- enrolment --------------------------------------------------------------------------------


def test_enrolment_needs_an_approved_delivery(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    for status in ("draft", "pending_approval", "cancelled", "finalised"):
        nomination = nominate(make_delivery(status="draft"))
        nomination.delivery.status = status
        nomination.delivery.save()

        response = api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

        assert response.status_code == 409, status
        assert "needs an approved delivery" in response.json()["detail"]


@pytest.mark.parametrize(
    ("vetting", "words"),
    [
        (None, "has not been submitted for vetting"),
        ("pending", "awaiting vetting results"),
        ("rejected", "was rejected in vetting"),
        ("suspended", "suspended vetting result"),
        ("expired", "expires before the course starts"),
    ],
)
def test_a_security_force_member_needs_vetting_valid_on_the_first_day(
    api: Any,
    coordinator: Any,
    make_delivery: Any,
    nominate: Any,
    vetted: Any,
    vetting: str | None,
    words: str,
) -> None:
    from borderops.training import services

    nomination = nominate(make_delivery(), security_force=True)
    start = nomination.delivery.start_date
    if vetting == "pending":
        services.submit_for_vetting(nominations=[nomination], user=coordinator)
    elif vetting == "expired":
        vetted(nomination, expires=start - timedelta(days=1))
    elif vetting:
        vetted(nomination, result=vetting)

    response = api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

    assert response.status_code == 409
    assert words in response.json()["detail"]


def test_an_approval_valid_on_the_first_day_admits(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any, vetted: Any
) -> None:
    nomination = nominate(make_delivery(), security_force=True)
    vetted(nomination, expires=nomination.delivery.start_date)

    response = api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

    assert response.status_code == 200
    assert response.json()["status"] == "enrolled"


def test_duplicate_enrolment_is_refused(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    nomination = nominate(make_delivery())
    api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

    again = api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

    assert again.status_code == 409
    assert "already enrolled" in again.json()["detail"]


def test_over_capacity_goes_to_the_waiting_list_and_a_withdrawal_promotes_the_first(
    api: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery(capacity=1)
    holder, first_waiting, second_waiting = (
        nominate(delivery),
        nominate(delivery),
        nominate(delivery),
    )
    for nomination in (holder, first_waiting, second_waiting):
        api(coordinator).post(f"/nominations/{nomination.pk}/enrol")

    statuses = {n.pk: n.status for n in Nomination.objects.all()}
    waiting_again = api(coordinator).post(f"/nominations/{first_waiting.pk}/enrol")
    withdrawn = api(coordinator).post(f"/nominations/{holder.pk}/withdraw")
    withdrawn_again = api(coordinator).post(f"/nominations/{holder.pk}/withdraw")

    assert statuses == {
        holder.pk: "enrolled",
        first_waiting.pk: "waitlisted",
        second_waiting.pk: "waitlisted",
    }
    assert waiting_again.status_code == 409 and "waiting list" in waiting_again.json()["detail"]
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn_again.status_code == 409
    assert Nomination.objects.get(pk=first_waiting.pk).status == "enrolled"
    assert Nomination.objects.get(pk=second_waiting.pk).status == "waitlisted"


def test_a_partner_official_withdraws_their_own_nominee_but_does_not_enrol(
    api: Any, make_user: Any, make_delivery: Any, nominate: Any
) -> None:
    nomination = nominate(make_delivery(), agency="mx-anam", nationality="MX")
    partner = make_user("partner")

    assert api(partner).post(f"/nominations/{nomination.pk}/enrol").status_code == 403
    assert api(partner).post(f"/nominations/{nomination.pk}/withdraw").status_code == 200


# --- attendance, tests, certificates ----------------------------------------------------------


@pytest.fixture
def running(make_delivery: Any, nominate: Any, coordinator: Any) -> Any:
    """A five-day delivery that began four days ago (today is its last day), one enrolled."""
    from borderops.training import services

    delivery = make_delivery(status="approved", starts_in=-4, days=5)
    participant = nominate(delivery)
    services.enrol(nomination=participant, user=coordinator)
    return participant


def _attend(api: Any, user: Any, nomination: Any, day: Any, status: str = "present") -> Any:
    return api(user).post(
        f"/deliveries/{nomination.delivery_id}/attendance",
        {"nomination_id": nomination.pk, "date": day.isoformat(), "status": status},
    )


def test_attendance_is_recorded_once_a_day_and_updated(
    api: Any, coordinator: Any, running: Any
) -> None:
    day = running.delivery.start_date

    first = _attend(api, coordinator, running, day, "absent")
    again = _attend(api, coordinator, running, day, "excused")

    assert first.status_code == 201
    assert again.status_code == 200 and again.json()["status"] == "excused"
    assert Attendance.objects.get().status == "excused"
    assert api(coordinator).get(f"/deliveries/{running.delivery_id}/attendance").json() == [
        {"nomination_id": running.pk, "date": day.isoformat(), "status": "excused"}
    ]


def test_attendance_refusals(
    api: Any, coordinator: Any, running: Any, nominate: Any, make_delivery: Any, today: Any
) -> None:
    delivery = running.delivery
    not_enrolled = nominate(delivery)
    future_delivery = make_delivery(status="approved", starts_in=3, host_country="CO")
    future_participant = nominate(future_delivery)
    from borderops.training import services

    services.enrol(nomination=future_participant, user=coordinator)

    before = _attend(api, coordinator, running, delivery.start_date - timedelta(days=1))
    after = _attend(api, coordinator, running, delivery.end_date + timedelta(days=1))
    future = _attend(api, coordinator, future_participant, future_delivery.start_date)
    stranger = _attend(api, coordinator, not_enrolled, today)
    bad_status = api(coordinator).post(
        f"/deliveries/{delivery.pk}/attendance",
        {"nomination_id": running.pk, "date": today.isoformat(), "status": "asleep"},
    )
    wrong_delivery = api(coordinator).post(
        f"/deliveries/{future_delivery.pk}/attendance",
        {
            "nomination_id": running.pk,
            "date": future_delivery.start_date.isoformat(),
            "status": "present",
        },
    )

    assert before.status_code == 400 and "outside the delivery" in before.json()["detail"]
    assert after.status_code == 400 and "outside the delivery" in after.json()["detail"]
    assert future.status_code == 400 and "in the future" in future.json()["detail"]
    assert stranger.status_code == 409 and "not enrolled" in stranger.json()["detail"]
    assert bad_status.status_code == 400
    assert wrong_delivery.status_code in (400, 409)
    assert not Attendance.objects.exists()


def test_test_scores_and_the_gain(api: Any, coordinator: Any, running: Any) -> None:
    recorded = api(coordinator).post(f"/nominations/{running.pk}/tests", {"pre": 40, "post": 85})
    results = api(coordinator).get(f"/deliveries/{running.delivery_id}/results").json()

    assert recorded.status_code == 200
    assert (recorded.json()["pre"], recorded.json()["post"], recorded.json()["gain"]) == (
        40,
        85,
        45,
    )
    assert results[0]["gain"] == 45


@pytest.mark.parametrize("scores", [{"pre": -1, "post": 50}, {"pre": 10, "post": 101}, {}])
def test_scores_outside_0_to_100_are_refused(
    api: Any, coordinator: Any, running: Any, scores: dict[str, int]
) -> None:
    response = api(coordinator).post(f"/nominations/{running.pk}/tests", scores)
    assert response.status_code == 400


def test_scores_for_someone_not_enrolled_are_refused(
    api: Any, coordinator: Any, running: Any, nominate: Any
) -> None:
    stranger = nominate(running.delivery)
    response = api(coordinator).post(f"/nominations/{stranger.pk}/tests", {"pre": 10, "post": 20})
    assert response.status_code == 409


def _attend_days(api: Any, user: Any, nomination: Any, present: int) -> None:
    for offset, day in enumerate(nomination.delivery.calendar_days):
        _attend(api, user, nomination, day, "present" if offset < present else "absent")


def test_a_certificate_is_issued_at_80_percent_and_verified_publicly(
    api: Any, coordinator: Any, running: Any
) -> None:
    _attend_days(api, coordinator, running, present=4)  # 4 of 5 days = 80%
    api(coordinator).post(f"/deliveries/{running.delivery_id}/status", {"status": "delivered"})

    issued = api(coordinator).post(f"/nominations/{running.pk}/certificate")
    again = api(coordinator).post(f"/nominations/{running.pk}/certificate")
    code = issued.json()["code"]
    verified = api(None).get(f"/certificates/{code}")
    forged = api(None).get("/certificates/AAAA-BBBB-CCCC-DDDD")

    assert issued.status_code == 201
    assert issued.json()["url"].endswith(f"/training/certificates/{code}/")
    assert again.status_code == 200 and again.json()["code"] == code
    assert verified.status_code == 200
    body = verified.json()
    assert body["genuine"] is True
    assert body["participant"] == f"{running.person.given_names} {running.person.surname}"
    assert body["course"] == running.delivery.course.title
    assert forged.status_code == 404 and forged.json()["genuine"] is False
    assert AuditEntry.objects.filter(
        action="view", object_type="training.person", actor="anonymous"
    ).exists()


def test_no_certificate_below_80_percent_attendance(
    api: Any, coordinator: Any, running: Any
) -> None:
    _attend_days(api, coordinator, running, present=3)
    api(coordinator).post(f"/deliveries/{running.delivery_id}/status", {"status": "delivered"})

    response = api(coordinator).post(f"/nominations/{running.pk}/certificate")

    assert response.status_code == 409
    assert "present on 3 of 5 training days (60%)" in response.json()["detail"]


def test_no_certificate_before_the_delivery_is_delivered(
    api: Any, coordinator: Any, running: Any
) -> None:
    _attend_days(api, coordinator, running, present=5)

    response = api(coordinator).post(f"/nominations/{running.pk}/certificate")

    assert response.status_code == 409
    assert "once it is delivered" in response.json()["detail"]


def test_a_timetable_makes_only_its_days_count(api: Any, coordinator: Any, running: Any) -> None:
    from datetime import time

    from borderops.training import services

    delivery = running.delivery
    for day in delivery.calendar_days[:2]:
        services.add_session(delivery=delivery, day=day, starts_at=time(9), ends_at=time(12),
                             kind="classroom", title="Concealment", user=coordinator)  # fmt: skip
    _attend_days(api, coordinator, running, present=2)  # both timetabled days, nothing after
    api(coordinator).post(f"/deliveries/{delivery.pk}/status", {"status": "delivered"})

    assert api(coordinator).post(f"/nominations/{running.pk}/certificate").status_code == 201


def test_a_finalised_delivery_locks_attendance_and_scores(
    api: Any, coordinator: Any, running: Any
) -> None:
    _attend_days(api, coordinator, running, present=5)
    for status in ("delivered", "finalised"):
        api(coordinator).post(f"/deliveries/{running.delivery_id}/status", {"status": status})

    attendance = _attend(api, coordinator, running, running.delivery.start_date, "absent")
    scores = api(coordinator).post(f"/nominations/{running.pk}/tests", {"pre": 1, "post": 2})

    assert attendance.status_code == 409 and "locked" in attendance.json()["detail"]
    assert scores.status_code == 409
    assert api(coordinator).post(f"/nominations/{running.pk}/certificate").status_code == 201


def test_train_the_trainer_follow_up(api: Any, coordinator: Any, running: Any, today: Any) -> None:
    response = api(coordinator).post(
        f"/nominations/{running.pk}/follow-ups",
        {"taught_on": today.isoformat(), "course_title": "Concealment methods", "country": "GT",
         "place": "Tecún Umán", "participants": 18},
    )  # fmt: skip

    assert response.status_code == 201
    assert (
        api(coordinator).get(f"/nominations/{running.pk}/follow-ups").json()[0]["participants"]
        == 18
    )


def test_the_partner_sees_the_certificate_verification_but_not_others_participants(
    api: Any, make_user: Any, running: Any
) -> None:
    partner = make_user("partner")
    assert api(partner).get(f"/nominations/{running.pk}").status_code == 404
    assert api(partner).post(f"/nominations/{running.pk}/certificate").status_code == 403
