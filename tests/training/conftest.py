"""Training fixtures: partner countries and agencies, a course, deliveries at any stage, and an
API client per user."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

COUNTRIES = [
    ("GT", "GTM", "Guatemala"),
    ("TH", "THA", "Thailand"),
    ("HU", "HUN", "Hungary"),
    ("BW", "BWA", "Botswana"),
    ("SV", "SLV", "El Salvador"),
    ("GH", "GHA", "Ghana"),
    ("CO", "COL", "Colombia"),
]


@pytest.fixture
def today() -> date:
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def partners(organisation_tree: dict[str, Any]) -> dict[str, Any]:
    """Countries, two partner agencies (Mexican customs' training unit, Guatemalan customs)
    and the post in Guatemala City."""
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import save_organisation
    from borderops.reference.models import Country

    for alpha2, alpha3, name in COUNTRIES:
        Country.objects.get_or_create(alpha2=alpha2, defaults={"alpha3": alpha3, "name": name})
    mx_training = save_organisation(
        code="mx-anam-training",
        name="ANAM Training Unit",
        kind=OrganisationKind.PARTNER_AGENCY,
        parent=organisation_tree["partner"],
        country_id="MX",
    )
    gt = save_organisation(
        code="gt-sat",
        name="Superintendencia de Administración Tributaria",
        kind=OrganisationKind.PARTNER_ADMINISTRATION,
        country_id="GT",
    )
    post = save_organisation(
        code="post-guatemala",
        name="Attaché Office, Guatemala City",
        kind=OrganisationKind.POST,
        parent=organisation_tree["agency"],
        country_id="GT",
    )
    return {"mx": organisation_tree["partner"], "mx_training": mx_training, "gt": gt, "post": post}


@pytest.fixture
def course(db: Any) -> Any:
    from borderops.training import services

    return services.create_course(
        title="Port of Entry Interdiction Training: Land Border",
        programme_area="export_control",
        environment="land",
        modules=["Border enforcement", "Concealment methods", "X-ray systems"],
        topics=["anti_narcotics"],
        classroom_hours=20,
        practical_hours=16,
    )


@pytest.fixture
def coordinator(make_user: Any) -> Any:
    return make_user("coordinator")


@pytest.fixture
def make_delivery(course: Any, coordinator: Any, partners: Any, today: date) -> Callable[..., Any]:
    """A delivery in Guatemala at a given status, starting ``starts_in`` days from today."""
    from borderops.training import services
    from borderops.training.models import CourseDelivery

    def make(
        status: str = "approved",
        starts_in: int = 14,
        days: int = 5,
        capacity: int = 20,
        **extra: Any,
    ) -> Any:
        start = today + timedelta(days=starts_in)
        delivery = services.create_delivery(
            course=course,
            start_date=start,
            end_date=start + timedelta(days=days - 1),
            host_country=extra.pop("host_country", "GT"),
            venue_type=extra.pop("venue_type", "foreign_port"),
            capacity=capacity,
            user=coordinator,
            **extra,
        )
        # Tests start where they need to; the workflow itself is tested on its own.
        CourseDelivery.objects.filter(pk=delivery.pk).update(status=status)
        delivery.refresh_from_db()
        return delivery

    return make


class Api:
    """A JSON client for one user's bearer token."""

    def __init__(self, client: Any, token: str | None) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, url: str) -> Any:
        return self.client.get(f"/api/training{url}", headers=self.headers)

    def post(self, url: str, body: Any = None) -> Any:
        return self.client.post(
            f"/api/training{url}",
            data=json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self.headers,
        )


@pytest.fixture
def api(client: Any, api_token_for: Any) -> Callable[[Any], Api]:
    """``api(user)`` is a client that calls /api/training as that user; ``api(None)`` anonymously."""

    def for_user(user: Any) -> Api:
        return Api(client, api_token_for(user) if user is not None else None)

    return for_user


def person(surname: str = "LOPEZ", **extra: Any) -> dict[str, Any]:
    """A nominee's identity as the API takes it."""
    return {
        "surname": surname,
        "given_names": extra.pop("given_names", "ANA MARIA"),
        "birth_date": extra.pop("birth_date", "1984-03-09"),
        "nationality": extra.pop("nationality", "GT"),
        "agency": extra.pop("agency", "gt-sat"),
        **extra,
    }


@pytest.fixture
def nominate(coordinator: Any) -> Callable[..., Any]:
    """Nominate someone for a delivery through the service, as the coordinator."""
    from borderops.training import services

    counter = {"n": 0}

    def make(
        delivery: Any, security_force: bool = False, agency: str = "gt-sat", **extra: Any
    ) -> Any:
        counter["n"] += 1
        return services.nominate(
            delivery=delivery,
            surname=extra.pop("surname", f"PEREZ{counter['n']}"),
            given_names=extra.pop("given_names", "JUAN"),
            birth_date=extra.pop("birth_date", date(1980, 1, counter["n"] % 28 + 1)),
            nationality=extra.pop("nationality", "GT"),
            agency=agency,
            security_force=security_force,
            user=extra.pop("user", coordinator),
        )

    return make


@pytest.fixture
def vetted(coordinator: Any) -> Callable[..., Any]:
    """Vet a nomination with a result (approved by default, valid for a year)."""
    from borderops.training import services
    from borderops.training.services.participants import VettingOutcome

    def vet(nomination: Any, result: str = "approved", expires: date | None = None) -> Any:
        batch = services.submit_for_vetting(nominations=[nomination], user=coordinator)
        expiry = expires or nomination.delivery.start_date + timedelta(days=365)
        services.record_vetting_results(
            batch=batch,
            results=[VettingOutcome(nomination.pk, result, expiry)],
            user=coordinator,
        )
        return batch

    return vet
