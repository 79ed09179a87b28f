"""International training in a real browser: plan a delivery, take it through approval,
nominate, vet, enrol, mark attendance, record tests, issue and verify a certificate."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(organisation_tree: dict[str, Any]) -> Any:
    """Guatemala, its customs administration and one course."""
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import save_organisation
    from borderops.reference.models import Country
    from borderops.training import services

    Country.objects.get_or_create(alpha2="GT", defaults={"alpha3": "GTM", "name": "Guatemala"})
    save_organisation(code="gt-sat", name="SAT Guatemala", kind=OrganisationKind.PARTNER_ADMINISTRATION,
                      country_id="GT")  # fmt: skip
    return services.create_course(
        title="Port of Entry Interdiction Training: Land Border",
        programme_area="export_control",
        environment="land",
        modules=["Border enforcement", "Concealment methods"],
    )


def test_a_delivery_from_planning_to_a_verified_certificate(
    sign_in: Any, make_user: Any, catalogue: Any, live_server: Any
) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    start = today - timedelta(days=4)
    coordinator, supervisor = make_user("coordinator"), make_user("supervisor")

    # the coordinator plans a five-day delivery that ends today and submits it
    page = sign_in(coordinator)
    page.click("nav >> text=Course deliveries")
    page.click("text=Plan a delivery")
    page.select_option("#id_course", label=catalogue.title)
    page.fill("#id_start_date", start.isoformat())
    page.select_option("#id_venue_type", "foreign_port")
    page.fill("#id_host_country", "GT")
    page.fill("#id_capacity", "20")
    page.click("button:has-text('Plan delivery')")
    expect(page.locator("#delivery-status")).to_have_text("Draft")
    delivery_url = page.url
    page.click("[data-move=pending_approval]")
    expect(page.locator("#delivery-status")).to_have_text("Pending approval")
    page.click("text=Sign out")

    # a supervisor approves it
    page = sign_in(supervisor)
    page.goto(delivery_url)
    page.click("[data-move=approved]")
    expect(page.locator("#delivery-status")).to_have_text("Approved")
    page.click("text=Sign out")

    # the coordinator nominates a security-force member and submits her for vetting
    page = sign_in(coordinator)
    page.goto(delivery_url)
    page.click("#nominate-link")
    page.fill("#id_surname", "LOPEZ")
    page.fill("#id_given_names", "ANA MARIA")
    page.fill("#id_birth_date", "1984-03-09")
    page.fill("#id_nationality", "GT")
    page.fill("#id_agency", "gt-sat")
    page.check("#id_security_force")
    page.click("button:has-text('Nominate')")
    row = page.locator("#nominations tr", has_text="LOPEZ")
    expect(row.locator(".vetting")).to_have_text("Not submitted")
    row.locator("input[type=checkbox]").check()
    page.click("#submit-vetting")

    # the results come back: approved, valid well past the first day
    page.select_option("select[name^=result-]", "approved")
    page.fill("input[name^=expires-]", (start + timedelta(days=365)).isoformat())
    page.click("#save-results")
    expect(page.locator("#batch-state")).to_have_text("Results")

    # enrol her
    page.goto(delivery_url)
    row = page.locator("#nominations tr", has_text="LOPEZ")
    expect(row.locator(".vetting")).to_have_text("Approved")
    row.locator("button:has-text('Enrol')").click()
    expect(page.locator("#nominations tr", has_text="LOPEZ").locator(".status")).to_have_text(
        "Enrolled"
    )

    # present on every day of the attendance sheet
    page.click("text=Attendance sheet")
    for offset in range(5):
        day = (start + timedelta(days=offset)).isoformat()
        page.select_option("select[name=day]", day)
        page.click("form.filters button")
        page.locator("#attendance tr", has_text="LOPEZ").locator("input[value=present]").check()
        page.click("button:has-text('Save attendance')")
        expect(page.locator(".messages")).to_contain_text("Attendance recorded for 1")

    # pre- and post-test scores, and the gain
    page.goto(delivery_url)
    page.click("text=Tests and certificates")
    page.fill("input[name^=pre-]", "40")
    page.fill("input[name^=post-]", "85")
    page.click("button:has-text('Save scores')")
    expect(page.locator("#results .gain")).to_have_text("45")

    # delivered, then the certificate
    page.goto(delivery_url)
    page.click("[data-move=delivered]")
    expect(page.locator("#delivery-status")).to_have_text("Delivered")
    page.click("text=Tests and certificates")
    page.click("button:has-text('Issue certificate')")
    code = page.locator("#results .certificate a").first.inner_text()
    page.click("text=Sign out")

    # anyone can check the certificate, without signing in
    page.goto(f"{live_server.url}/training/certificates/{code}/")
    expect(page.locator("#verdict")).to_contain_text("Genuine")
    expect(page.locator("#holder")).to_have_text("ANA MARIA LOPEZ")
    expect(page.locator("#course")).to_have_text(catalogue.title)
    page.goto(f"{live_server.url}/training/certificates/FAKE-FAKE-FAKE-FAKE/")
    expect(page.locator("#verdict")).to_contain_text("Not genuine")


def test_an_instructor_clash_is_shown_with_the_other_delivery(
    sign_in: Any, make_user: Any, catalogue: Any, live_server: Any
) -> None:
    from django.utils import timezone

    from borderops.training import services

    coordinator = make_user("coordinator")
    start = timezone.localdate() + timedelta(days=30)
    first = services.create_delivery(course=catalogue, start_date=start, host_country="GT",
                                     venue_type="foreign_port", user=coordinator)  # fmt: skip
    second = services.create_delivery(course=catalogue, start_date=start + timedelta(days=2),
                                      host_country="GT", venue_type="foreign_port", user=coordinator)  # fmt: skip
    instructor = services.create_instructor(name="Dana Reyes", agency="CBP")
    services.assign_instructor(delivery=first, instructor=instructor, user=coordinator)

    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/training/deliveries/{second.pk}/")
    page.select_option("#id_instructor", label="Dana Reyes (CBP)")
    page.click("button:has-text('Assign instructor')")

    expect(page.locator(".messages")).to_contain_text(f"they teach on delivery {first.pk}")
