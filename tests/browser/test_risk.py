"""An analyst puts a risk model in force for one port in a real browser, measures it on the
port's examined history, and reads an entry's model reasons."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

DAY = date(2026, 11, 2)


@pytest.fixture
def examined_shipments(organisation_tree: dict[str, Any]) -> list[Any]:
    """Thirty examined shipments at San Ysidro over a week; the undervalued ones had a
    finding."""
    from borderops.crossings.models import Shipment
    from borderops.reference.models import Country
    from borderops.targeting.models import ExaminationResult

    Country.objects.get_or_create(alpha2="CN", defaults={"alpha3": "CHN", "name": "China"})
    made = []
    for n in range(30):
        undervalued = n % 5 == 0
        shipment = Shipment.objects.create(
            reference=f"E{n:06d}",
            mode="land",
            port_id="2504",
            organisation=organisation_tree["san_ysidro"],
            arrival_date=DAY - timedelta(days=n % 7),
            hs_code="851712",
            description="Smartphones",
            value=Decimal("800.00" if undervalued else "12000.00"),
            currency="USD",
            gross_kg=110.0,
            net_kg=100.0,
            quantity=50,
            origin="CN",
            export_country="CN",
            shipper=f"SHIPPER {n % 4}",
            consignee=f"CONSIGNEE {n % 6}",
        )
        ExaminationResult.objects.create(
            shipment=shipment,
            finding=undervalued,
            category="undervaluation" if undervalued else "",
        )
        made.append(shipment)
    return made


def test_an_analyst_moves_a_model_to_one_port_measures_it_and_reads_reasons(
    sign_in: Any, make_user: Any, examined_shipments: list[Any]
) -> None:
    from borderops.risk import services as risk
    from borderops.targeting import services

    services.install_demo_rules()  # example rules in force, demo model for every port
    page = sign_in(make_user("analyst"))

    page.click("nav >> text=Risk models")
    listed = page.inner_text("#risk-models")
    assert "cargo-risk@1" in listed and "every port" in listed
    page.click("#risk-models >> text=cargo-risk@1")
    assert "Precision and recall on the calibration slice" in page.inner_text("main")

    # from every port to San Ysidro alone, at 10 %
    page.click("#activations >> button.end-activation")
    assert "no longer in force for every port" in page.inner_text("main")
    page.select_option("#activate-form select[name=port]", "2504")
    page.fill("#activate-form input[name=share]", "10")
    page.click("#activate")
    assert "cargo-risk@1 is in force for port 2504." in page.inner_text("main")
    assert risk.active_activations()[0].scope == "port:2504"

    # measured on the port's examined week, beside the rules and random selection
    page.click("text=Measure on history against the rules")
    page.fill("input[name=date_from]", (DAY - timedelta(days=6)).isoformat())
    page.fill("input[name=date_to]", DAY.isoformat())
    page.select_option("select[name=port]", "2504")
    page.click("#run-history")
    table = page.inner_text("#evaluation-table")
    assert "cargo-risk@1" in table and "example-cargo@1" in table
    page.locator("figure[data-drawn=true]").wait_for()
    assert page.locator("figure svg path.curve").count() == 3

    # scored with the model in force: the entry shows its probability and reasons
    page.click("nav >> text=Score shipments")
    page.select_option("select[name=port]", "2504")
    page.fill("input[name=date_from]", DAY.isoformat())
    page.click("#score")
    assert page.locator("#worklist td.model-score strong").count() >= 1
    page.locator("#worklist tbody tr a").first.click()
    section = page.inner_text("#model-score")
    assert "probability of a violation" in section and "in force for port 2504" in section
