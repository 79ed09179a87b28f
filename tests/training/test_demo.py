"""The demo loader puts the synthetic training wing into the database once."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from borderops.audit.models import AuditEntry
from borderops.training.models import CourseDelivery, Nomination


def _countries(db: Any) -> None:
    import pycountry

    from borderops.reference.models import Country

    Country.objects.bulk_create(
        [Country(alpha2=c.alpha_2, alpha3=c.alpha_3, name=c.name) for c in pycountry.countries],
        ignore_conflicts=True,
    )


def test_the_demo_has_fy2015_at_the_seeds_scale(organisation_tree: Any) -> None:
    from borderops.training.services import load_demo_training

    _countries(None)

    counts = load_demo_training(
        seed=2015, fiscal_years=(2014, 2015), participants_per_delivery=(2, 4)
    )
    again = load_demo_training(seed=2015, fiscal_years=(2014, 2015))

    fy2015 = CourseDelivery.objects.filter(fiscal_year=2015)
    assert fy2015.count() == 222
    assert fy2015.values("host_country").distinct().count() == 52
    assert fy2015.filter(venue_type="academy").count() == 22
    assert CourseDelivery.objects.filter(fiscal_year=2014).count() == 205
    assert counts["nominations"] == Nomination.objects.count() > 0
    assert counts["certificates"] > 0
    assert again == {}
    assert AuditEntry.objects.filter(action="import", object_type="training.dataset").count() == 1
    # the upcoming deliveries give the demo something to approve and enrol in
    statuses = dict(
        CourseDelivery.objects.exclude(status="finalised")
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    assert set(statuses) == {"draft", "pending_approval", "approved"}
