from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from borderops.advance import services
from borderops.advance.choices import ReceivedThrough
from borderops.advance.models import AdvanceMessage, ExpectedFlight, ExpectedTraveller

TESTS = Path(__file__).resolve().parents[1]


def _receive(text: str, user: Any = None) -> services.ReceiptOutcome:
    return services.receive_message(text=text, through=ReceivedThrough.API, user=user)


def test_a_manifest_creates_the_flight_at_the_port_that_serves_the_airport(
    kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    outcome = _receive(manifest_text)

    assert outcome.created and outcome.travellers == 4
    flight = ExpectedFlight.objects.get()
    assert (flight.flight, flight.departure_port, flight.arrival_port) == ("BA117", "LHR", "JFK")
    assert str(flight.service_date) == "2026-12-01"
    assert flight.port_id == "4701" and flight.organisation == kennedy
    assert set(flight.travellers.values_list("surname", flat=True)) == {
        "SIDOROV",
        "GARCIA LOPEZ",
        "SMITH",
        "OKAFOR",
    }


def test_every_traveller_is_screened_and_their_document_checked(
    kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    outcome = _receive(manifest_text)

    travellers = {t.surname: t for t in ExpectedTraveller.objects.all()}
    wanted = travellers["SIDOROV"]
    assert [hit["entry_id"] for hit in wanted.hits] == ["L1"]
    assert wanted.hits[0]["list_version"] == lookouts.number
    assert wanted.referral_advised
    stolen = travellers["GARCIA LOPEZ"]
    assert "document.lost_stolen" in [finding["rule"] for finding in stolen.findings]
    expired = travellers["SMITH"]
    assert [finding["rule"] for finding in expired.findings] == ["document.expired"]
    assert "2020-01-01" in expired.findings[0]["reason"]
    clean = travellers["OKAFOR"]
    assert clean.hits == [] and clean.findings == [] and not clean.referral_advised
    assert clean.list_versions == {"lookouts": lookouts.number}
    assert outcome.referrals == 3


def test_the_same_message_received_twice_changes_nothing(
    kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    first = _receive(manifest_text)
    before = list(ExpectedTraveller.objects.order_by("pk").values())

    second = _receive(manifest_text)

    assert not second.created and second.message == first.message
    assert AdvanceMessage.objects.count() == 1
    assert list(ExpectedTraveller.objects.order_by("pk").values()) == before


def test_an_updated_manifest_updates_travellers_instead_of_duplicating_them(
    kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    _receive(manifest_text)
    amended = manifest_text.replace("533112233", "533112234").replace("200101'", "350101'")

    outcome = _receive(amended)

    assert outcome.created
    assert ExpectedTraveller.objects.count() == 4
    smith = ExpectedTraveller.objects.get(surname="SMITH")
    assert smith.document_number == "533112234"
    assert smith.findings == [] and smith.messages.count() == 2


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda text: text.replace("DTM+329:800101'", "DTM+329:80AB01'"), "segment"),
        (lambda text: text.replace("UNT+47+1'\n", ""), "segment"),
        (lambda text: text.replace("NAD+FL+++SMITH:JOHN'", "NAD+FL+++:JOHN'"), "segment"),
        (lambda text: text.replace("UNH+1+PAXLST", "UNH+1+PNRGOX"), "PAXLST or PNRGOV"),
        (lambda text: "", "PAXLST or PNRGOV"),
    ],
)
def test_a_malformed_message_is_rejected_whole_with_where_and_why(
    kennedy: Any, lookouts: Any, manifest_text: str, damage: Any, expected: str
) -> None:
    with pytest.raises(services.MessageRejected) as rejected:
        _receive(damage(manifest_text))

    assert expected in str(rejected.value)
    assert not AdvanceMessage.objects.exists()
    assert not ExpectedFlight.objects.exists()
    assert not ExpectedTraveller.objects.exists()


def test_a_flight_to_an_airport_without_a_port_of_entry_goes_to_the_receiving_unit(
    kennedy: Any, lookouts: Any, manifest_text: str, make_user: Any, organisation_tree: Any
) -> None:
    analyst = make_user("analyst")

    _receive(manifest_text.replace("LOC+87+JFK'", "LOC+87+XYZ'"), user=analyst)

    flight = ExpectedFlight.objects.get()
    assert flight.port is None and flight.organisation == organisation_tree["agency"]


def test_hits_go_to_the_review_queue_of_the_receiving_analysts_unit(
    kennedy: Any, lookouts: Any, manifest_text: str, make_user: Any
) -> None:
    from borderops.lookouts.models import ScreeningHit

    analyst = make_user("analyst")

    _receive(manifest_text, user=analyst)

    queued = ScreeningHit.objects.filter(entry_id="L1").get()
    assert queued.organisation == analyst.organisation and queued.subject_name.endswith("SIDOROV")


def test_receiving_is_audited(kennedy: Any, lookouts: Any, manifest_text: str) -> None:
    from borderops.audit.models import AuditEntry

    outcome = _receive(manifest_text)

    entry = AuditEntry.objects.get(action="import", object_type="advance.advancemessage")
    assert entry.object_id == str(outcome.message.pk)
    assert entry.details["travellers"] == 4


def test_a_wrong_control_count_is_read_with_a_warning(
    kennedy: Any, lookouts: Any, manifest_text: str
) -> None:
    outcome = _receive(manifest_text.replace("UNT+47+1'", "UNT+45+1'"))

    assert outcome.created and outcome.travellers == 4
    assert "UNT" in outcome.message.warning and "45" in outcome.message.warning


PNR_FIXTURE = TESTS / "core" / "formats" / "fixtures" / "pnrgov_small.edi"


def test_a_pnr_push_announces_its_passengers_with_their_booking(
    kennedy: Any, lookouts: Any
) -> None:
    outcome = _receive(PNR_FIXTURE.read_text(encoding="utf-8"))

    assert outcome.created and outcome.message.kind == "pnrgov"
    flight = ExpectedFlight.objects.get()
    assert (flight.flight, flight.departure_port, flight.arrival_port) == ("DL324", "LHR", "JFK")
    smith = ExpectedTraveller.objects.get(given_names__startswith="JOHN")
    assert smith.record_locator == "MFN4TI"
    assert smith.document_number == "123456789"
    assert smith.booking["itinerary"][0]["flight"]
    assert all("4111111111111186" not in str(p) for p in smith.booking["payments"])


def test_the_gtas_pnr_samples_are_received_or_rejected_with_a_reason(
    kennedy: Any, lookouts: Any
) -> None:
    samples = TESTS.parents[1] / "shared" / "data" / "edifact-samples" / "pnrgov" / "gtas"
    if not samples.is_dir():
        pytest.skip("../shared/data/edifact-samples is not present")
    received = 0
    for path in sorted(samples.iterdir()):
        try:
            outcome = _receive(path.read_text(encoding="utf-8", errors="replace"))
        except services.MessageRejected as rejected:
            assert str(rejected)
        else:
            received += outcome.created
    assert received >= 20
