"""An analyst edits targeting rules in a real browser, puts them in force and reads the
worklist they produce."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

DAY = date(2026, 11, 2)
RULES = """\
name: port-cargo
version: "1"
channels: {red: 80, yellow: 40}
random_sample: 0
rules:
  - id: BANANA-EC
    title: Bananas from Ecuador
    category: narcotics
    when: hs_code LIKE '0803%' AND origin = 'EC'
    weight: 60
"""


@pytest.fixture
def shipments(organisation_tree: dict[str, Any]) -> list[Any]:
    """Two shipments at San Ysidro on DAY: bananas from Ecuador and smartphones."""
    from borderops.crossings.models import Shipment
    from borderops.reference.models import Country

    Country.objects.get_or_create(alpha2="EC", defaults={"alpha3": "ECU", "name": "Ecuador"})
    made = []
    for n, (hs_code, origin) in enumerate([("080390", "EC"), ("851712", "MX")], start=1):
        made.append(
            Shipment.objects.create(
                reference=f"E{n:06d}",
                mode="land",
                port_id="2504",
                organisation=organisation_tree["san_ysidro"],
                arrival_date=DAY,
                hs_code=hs_code,
                description="Goods",
                value=Decimal("1000.00"),
                currency="USD",
                gross_kg=120.0,
                net_kg=100.0,
                quantity=10,
                origin=origin,
                export_country=origin,
                shipper="SHIPPER",
                consignee="CONSIGNEE",
            )
        )
    return made


def test_an_analyst_edits_activates_scores_and_reads_the_explanation(
    sign_in: Any, make_user: Any, shipments: list[Any]
) -> None:
    from borderops.targeting import services

    services.activate_version(version=services.save_version(source=RULES, user=None), user=None)
    page = sign_in(make_user("analyst"))

    # edit: a typo is reported as it is typed, then fixed
    page.click("nav >> text=Rule sets")
    page.click("text=port-cargo")
    page.click("text=Edit the rules")
    page.fill("textarea[name=source]", RULES.replace("origin = 'EC'", "origine = 'EC'"))
    problems = page.locator("#problems .problem")
    problems.first.wait_for()
    assert "BANANA-EC" in problems.first.inner_text() and "origine" in problems.first.inner_text()
    page.fill("textarea[name=source]", RULES.replace("weight: 60", "weight: 85"))
    page.locator("#problems .rules-ok").wait_for()

    # save and activate
    page.click("#save")
    assert "Saved as version 2 of port-cargo" in page.inner_text("main")
    page.click("#activate")
    assert "Version 2 of port-cargo is now active." in page.inner_text("main")

    # score the day at San Ysidro
    page.click("nav >> text=Score shipments")
    page.select_option("select[name=port]", "2504")
    page.fill("input[name=date_from]", DAY.isoformat())
    page.click("#score")
    assert "Scored 2 entries with port-cargo@2: 1 red, 0 yellow, 1 green." in page.inner_text(
        "main"
    )
    rows = page.locator("#worklist tbody tr")
    assert rows.count() == 1
    assert "Bananas from Ecuador" in rows.first.inner_text()

    # the entry's explanation
    rows.first.locator("a").click()
    fired = page.inner_text("#fired-rules")
    assert "BANANA-EC" in fired and "+85" in fired
    assert "hs_code LIKE '0803%' AND origin = 'EC'" in fired
    assert "port-cargo@2" in page.inner_text("#score-summary")
