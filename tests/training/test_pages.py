"""The training pages: catalogue, deliveries and their workflow buttons, nominations, vetting,
attendance sheet, results, exports, imports and the public certificate page."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from borderops.audit.models import AuditEntry
from borderops.training import services
from borderops.training.models import Attendance, CourseDelivery, Nomination, VettingBatch


def test_the_catalogue_lists_courses_with_their_modules(
    client: Any, make_user: Any, course: Any, partners: Any
) -> None:
    client.force_login(make_user("partner"))

    page = client.get("/training/").content.decode()

    assert course.title in page
    assert "Concealment methods" in page
    assert "Add a course" not in page


def test_a_coordinator_adds_a_course_on_the_web(client: Any, coordinator: Any) -> None:
    client.force_login(coordinator)

    response = client.post(
        "/training/courses/new/",
        {"title": "Rail Interdiction", "programme_area": "export_control", "environment": "rail",
         "default_days": 5, "classroom_hours": 20, "practical_hours": 16,
         "modules": "Border enforcement\nX-ray systems", "languages": "en, es"},
    )  # fmt: skip

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "X-ray systems" in page and "en, es" in page


def test_a_coordinator_plans_a_delivery_and_submits_it(
    client: Any, coordinator: Any, course: Any, partners: Any, today: Any
) -> None:
    client.force_login(coordinator)

    response = client.post(
        "/training/deliveries/new/",
        {"course": course.pk, "start_date": (today + timedelta(days=20)).isoformat(),
         "venue_type": "academy", "academy": "Gaborone", "capacity": 25, "co_delivering_agencies": "DEA, ICE"},
    )  # fmt: skip
    delivery = CourseDelivery.objects.get()
    page = client.get(response.url).content.decode()
    moved = client.post(
        f"/training/deliveries/{delivery.pk}/status/", {"status": "pending_approval"}
    )

    assert delivery.host_country_id == "BW" and delivery.co_delivering_agencies == ["DEA", "ICE"]
    assert 'data-move="pending_approval"' in page and 'data-move="approved"' not in page
    assert moved.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "pending_approval"


def test_a_refused_delivery_form_says_why(
    client: Any, coordinator: Any, course: Any, partners: Any
) -> None:
    client.force_login(coordinator)

    response = client.post(
        "/training/deliveries/new/",
        {
            "course": course.pk,
            "start_date": "2030-01-07",
            "venue_type": "foreign_port",
            "capacity": 5,
        },
    )

    assert response.status_code == 400
    assert "Name the host country" in response.content.decode()


def test_the_supervisor_sees_the_approve_button_and_a_wrong_move_shows_the_reason(
    client: Any, make_user: Any, make_delivery: Any
) -> None:
    delivery = make_delivery(status="pending_approval")
    client.force_login(make_user("supervisor"))

    page = client.get(f"/training/deliveries/{delivery.pk}/").content.decode()
    refused = client.post(
        f"/training/deliveries/{delivery.pk}/status/", {"status": "delivered"}, follow=True
    )

    assert 'data-move="approved"' in page
    assert "Illegal move" in refused.content.decode()


def test_the_delivery_page_logs_each_nominee_shown(
    client: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery()
    nomination = nominate(delivery)
    client.force_login(coordinator)

    page = client.get(f"/training/deliveries/{delivery.pk}/").content.decode()

    assert nomination.person.surname in page
    assert AuditEntry.objects.filter(
        action="view", object_type="training.person", object_id=str(nomination.person_id)
    ).exists()


def test_a_partner_sees_only_their_agencys_nominees_on_the_delivery_page(
    client: Any, make_user: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery()
    ours = nominate(delivery, agency="mx-anam", nationality="MX", surname="OURS")
    nominate(delivery, surname="THEIRS")
    client.force_login(make_user("partner"))

    page = client.get(f"/training/deliveries/{delivery.pk}/").content.decode()

    assert ours.person.surname in page and "THEIRS" not in page
    assert "Enrol" not in page


def test_a_partner_nominates_on_the_web_for_their_own_agency(
    client: Any, make_user: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()
    client.force_login(make_user("partner"))

    response = client.post(
        f"/training/deliveries/{delivery.pk}/nominate/",
        {"surname": "SOTO", "given_names": "LUIS", "birth_date": "1980-02-02", "nationality": "MX",
         "security_force": "on"},
    )  # fmt: skip
    refused = client.post(
        f"/training/deliveries/{delivery.pk}/nominate/",
        {"surname": "MEJIA", "given_names": "LUIS", "birth_date": "1980-02-02", "nationality": "GT",
         "agency": "gt-sat"},
    )  # fmt: skip

    assert response.status_code == 302
    assert Nomination.objects.get().agency.code == "mx-anam"
    assert refused.status_code == 400 and "own agency" in refused.content.decode()


def test_vetting_enrolment_attendance_scores_and_certificate_on_the_web(
    client: Any, coordinator: Any, make_delivery: Any, nominate: Any, partners: Any
) -> None:
    delivery = make_delivery(status="approved", starts_in=-4, days=5)
    nomination = nominate(delivery, security_force=True)
    client.force_login(coordinator)

    client.post("/training/vetting/new/", {"nomination": [nomination.pk], "delivery": delivery.pk})
    batch = VettingBatch.objects.get()
    expires = (delivery.start_date + timedelta(days=90)).isoformat()
    client.post(
        f"/training/vetting/{batch.pk}/",
        {f"result-{nomination.pk}": "approved", f"expires-{nomination.pk}": expires},
    )
    client.post(f"/training/nominations/{nomination.pk}/enrol/")
    for day in delivery.calendar_days:
        client.post(
            f"/training/deliveries/{delivery.pk}/attendance/",
            {"day": day.isoformat(), f"status-{nomination.pk}": "present"},
        )
    client.post(
        f"/training/deliveries/{delivery.pk}/results/",
        {f"pre-{nomination.pk}": "35", f"post-{nomination.pk}": "80"},
    )
    services.change_status(delivery=delivery, status="delivered", user=coordinator)
    client.post(
        f"/training/nominations/{nomination.pk}/certificate/",
        {"next": f"/training/deliveries/{delivery.pk}/results/"},
    )

    nomination.refresh_from_db()
    assert batch.items.get().result == "approved"
    assert nomination.status == "enrolled"
    assert Attendance.objects.filter(nomination=nomination, status="present").count() == 5
    assert nomination.gain == 45
    code = nomination.certificate.code
    results = client.get(f"/training/deliveries/{delivery.pk}/results/").content.decode()
    assert code in results and '<td class="gain">45</td>' in results
    pdf = client.get(f"/training/certificates/{code}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_certificate_page_is_public(
    client: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    delivery = make_delivery(status="approved", starts_in=0, days=1)
    nomination = services.enrol(nomination=nominate(delivery), user=coordinator)
    services.record_attendance(delivery=delivery, nomination=nomination, day=delivery.start_date,
                               status="present", user=coordinator)  # fmt: skip
    services.change_status(delivery=delivery, status="delivered", user=coordinator)
    certificate, _ = services.issue_certificate(nomination=nomination, user=coordinator)

    genuine = client.get(f"/training/certificates/{certificate.code}/")
    forged = client.get("/training/certificates/NOPE-NOPE-NOPE-NOPE/")
    pdf_anonymous = client.get(f"/training/certificates/{certificate.code}/pdf/")

    assert genuine.status_code == 200
    assert (
        "Genuine" in genuine.content.decode()
        and nomination.person.surname in genuine.content.decode()
    )
    assert forged.status_code == 404 and "Not genuine" in forged.content.decode()
    assert pdf_anonymous.status_code == 302


def test_exports_in_xlsx_and_pdf(
    client: Any, coordinator: Any, make_delivery: Any, nominate: Any
) -> None:
    from openpyxl import load_workbook

    delivery = make_delivery(status="approved", starts_in=-2)
    nomination = nominate(delivery, surname="EXPORTED")
    services.enrol(nomination=nomination, user=coordinator)
    client.force_login(coordinator)

    for kind in ("roster", "attendance", "results"):
        xlsx = client.get(f"/training/deliveries/{delivery.pk}/export/{kind}.xlsx")
        pdf = client.get(f"/training/deliveries/{delivery.pk}/export/{kind}.pdf")
        assert xlsx.status_code == 200 and pdf.status_code == 200, kind
        assert pdf.content.startswith(b"%PDF")
        cells = [
            c
            for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True)
            for c in row
        ]
        assert any("EXPORTED" in str(c) for c in cells), kind
    assert client.get(f"/training/deliveries/{delivery.pk}/export/secrets.xlsx").status_code == 404


def _upload(client: Any, delivery: Any, name: str, content: bytes) -> Any:
    return client.post(
        f"/training/deliveries/{delivery.pk}/nominations/import/",
        {"file": SimpleUploadedFile(name, content)},
    )


def test_a_nominations_file_is_imported_whole(
    client: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()
    client.force_login(coordinator)
    csv = (
        "surname,given_names,birth_date,nationality,agency,security_force\n"
        "LOPEZ,ANA,1984-03-09,GT,gt-sat,yes\n"
        "RUIZ,PEDRO,1979-11-30,GT,gt-sat,no\n"
    )

    response = _upload(client, delivery, "nominees.csv", csv.encode())

    assert response.status_code == 302
    assert sorted(Nomination.objects.values_list("person__surname", "security_force")) == [
        ("LOPEZ", True),
        ("RUIZ", False),
    ]


def test_a_bad_nominations_file_reports_every_bad_row_and_imports_nothing(
    client: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()
    client.force_login(coordinator)
    csv = (
        "surname,given_names,birth_date,nationality,agency,security_force\n"
        "LOPEZ,ANA,1984-03-09,GT,gt-sat,yes\n"
        "RUIZ,PEDRO,30/11/1979,GT,gt-sat,no\n"
        ",MARIA,1990-01-01,GT,gt-sat,no\n"
        "SOTO,LUIS,1980-01-01,ZZ,gt-sat,no\n"
        "LOPEZ,ANA,1984-03-09,GT,gt-sat,yes\n"
        "VEGA,ROSA,1980-01-01,GT,nowhere,maybe\n"
    )

    response = _upload(client, delivery, "nominees.csv", csv.encode())

    page = response.content.decode()
    assert response.status_code == 400
    for line in ("line 3:", "line 4:", "line 5:", "line 6:", "line 7:"):
        assert line in page
    assert "line 2:" not in page
    assert not Nomination.objects.exists()


def test_an_xlsx_nominations_file_is_imported(
    client: Any, coordinator: Any, make_delivery: Any
) -> None:
    from datetime import date

    from openpyxl import Workbook

    delivery = make_delivery()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Surname", "Given names", "Birth date", "Nationality", "Agency", "Security force"]
    )
    sheet.append(["LOPEZ", "ANA", date(1984, 3, 9), "GT", "gt-sat", "no"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)

    response = _upload(client, delivery, "nominees.xlsx", buffer.getvalue())

    assert response.status_code == 302
    assert Nomination.objects.get().person.birth_date == date(1984, 3, 9)


def test_the_import_api_reports_rows(
    api: Any, client: Any, coordinator: Any, make_delivery: Any, api_token_for: Any
) -> None:
    delivery = make_delivery()
    response = client.post(
        f"/api/training/deliveries/{delivery.pk}/nominations/import",
        {
            "file": SimpleUploadedFile(
                "n.csv", b"surname,given_names,birth_date,nationality\nX,Y,bad,GT\n"
            )
        },
        headers={"Authorization": f"Bearer {api_token_for(coordinator)}"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        "line 2: birth_date 'bad' is not a date in the form YYYY-MM-DD."
    ]


def test_fiscal_year_figures_on_the_delivery_list(
    client: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery()
    client.force_login(coordinator)

    page = client.get(f"/training/deliveries/?fy={delivery.fiscal_year}").content.decode()

    assert "1 sessions in 1 countries, 0 at the academies." in page


def test_the_budget_shows_estimated_against_actual_with_totals(
    client: Any, coordinator: Any, make_delivery: Any
) -> None:
    delivery = make_delivery(status="approved")
    client.force_login(coordinator)

    for category, estimated, actual in (("airfare", "12000", "11250.50"), ("lodging", "8000", "")):
        client.post(
            f"/training/deliveries/{delivery.pk}/budget/",
            {"category": category, "estimated": estimated, "actual": actual},
        )
    page = client.get(f"/training/deliveries/{delivery.pk}/").content.decode()

    assert '<th id="budget-estimated">20000.00</th>' in page
    assert '<th id="budget-actual">11250.50</th>' in page
