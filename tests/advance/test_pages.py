from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from borderops.advance import services
from borderops.advance.choices import ReceivedThrough
from borderops.advance.models import ExpectedFlight, ExpectedTraveller


def _upload(client: Any, text: str, name: str = "ba117.edi") -> Any:
    return client.post(
        "/advance/upload/",
        {"message": SimpleUploadedFile(name, text.encode(), content_type="text/plain")},
    )


def test_an_analyst_uploads_a_manifest_and_lands_on_the_screened_flight(
    client: Any, make_user: Any, kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    client.force_login(make_user("analyst"))

    response = _upload(client, manifest_text)

    flight = ExpectedFlight.objects.get()
    assert response.status_code == 302 and response.url == f"/advance/flights/{flight.pk}/"
    page = client.get(response.url).content.decode()
    assert "SIDOROV" in page and "L1" in page
    assert "document.lost_stolen" in page and "document.expired" in page
    assert '<strong id="referral-count">3</strong>' in page


def test_a_malformed_upload_is_refused_with_the_segment_and_nothing_stored(
    client: Any, make_user: Any, kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    client.force_login(make_user("analyst"))

    response = _upload(client, manifest_text.replace("DTM+329:800101'", "DTM+329:80AB01'"))

    assert response.status_code == 400
    assert "nothing was stored" in response.content.decode()
    assert "segment" in response.content.decode()
    assert not ExpectedTraveller.objects.exists()


def test_officers_may_look_but_not_upload(
    client: Any, jfk_officer: Any, lookouts: Any, manifest_text: str
) -> None:
    client.force_login(jfk_officer)

    assert client.get("/advance/upload/").status_code == 403
    assert _upload(client, manifest_text).status_code == 403
    assert not ExpectedFlight.objects.exists()


def test_an_officer_sees_only_flights_arriving_at_their_port(
    client: Any, make_user: Any, jfk_officer: Any, lookouts: Any, manifest_text: str
) -> None:
    services.receive_message(text=manifest_text, through=ReceivedThrough.API)
    flight = ExpectedFlight.objects.get()
    elsewhere = make_user("officer")  # San Ysidro

    client.force_login(jfk_officer)
    assert "BA117" in client.get("/advance/").content.decode()
    assert client.get(f"/advance/flights/{flight.pk}/").status_code == 200
    client.force_login(elsewhere)
    assert "BA117" not in client.get("/advance/").content.decode()
    assert client.get(f"/advance/flights/{flight.pk}/").status_code == 404


def test_the_flight_view_logs_each_traveller_shown(
    client: Any, jfk_officer: Any, lookouts: Any, manifest_text: str
) -> None:
    from borderops.audit.models import AuditEntry

    services.receive_message(text=manifest_text, through=ReceivedThrough.API)
    flight = ExpectedFlight.objects.get()
    client.force_login(jfk_officer)

    client.get(f"/advance/flights/{flight.pk}/?show=referrals")

    reads = AuditEntry.objects.filter(action="view", object_type="advance.expectedtraveller")
    assert reads.count() == 3
    assert {entry.actor for entry in reads} == {jfk_officer.username}
