"""Travel documents: valid ICAO 9303 zones, plausible validity, and frauds that show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from borderops.core.documents.mrz import (
    LINE_LENGTHS,
    detect_format,
    failed_check_digits,
    icao_state_code,
)
from borderops.core.synth import SynthDataset
from borderops.core.synth.ground_truth import detail_fields

Rows = dict[str, list[dict[str, Any]]]


def _frauds(rows: Rows) -> dict[str, str]:
    """Each fraudulent document's id and kind of fraud, from the truth."""
    frauds = {}
    for truth in rows["truth"]:
        if truth["violation"] == "fraudulent_document":
            fields = detail_fields(truth["detail"])
            frauds[fields["document"]] = fields["kind"]
    return frauds


def test_every_mrz_verifies_except_documents_forged_at_a_check_digit(rows: Rows) -> None:
    # given the documents, and those the truth says were forged in the zone itself
    frauds = _frauds(rows)
    forged = {d for d, kind in frauds.items() if kind in ("bad_check_digit", "tampered_expiry")}
    # when every zone's check digits are verified
    failing = {
        document["id"]
        for document in rows["documents"]
        if failed_check_digits(document["mrz"].split("\n"))
    }
    # then exactly the forged ones fail
    assert forged
    assert failing == forged


def test_every_mrz_has_the_shape_of_its_format(rows: Rows) -> None:
    for document in rows["documents"]:
        lines = document["mrz"].split("\n")
        assert tuple(map(len, lines)) == LINE_LENGTHS[detect_format(lines)]
        assert lines[0].startswith(document["document_code"].ljust(2, "<"))


def test_each_zone_carries_the_document_number_and_issuing_state(rows: Rows) -> None:
    for document in rows["documents"]:
        mrz = document["mrz"].replace("\n", "")
        assert document["document_number"] in mrz
        assert mrz[2:5] == icao_state_code(document["issuing_state"]).ljust(3, "<")


def test_honest_documents_are_valid_throughout_the_window(
    dataset: SynthDataset, rows: Rows
) -> None:
    frauds = _frauds(rows)
    end = dataset.start + timedelta(days=dataset.days)
    for document in rows["documents"]:
        if document["id"] in frauds:
            continue
        assert document["issue_date"] < dataset.start
        assert document["expiry_date"] > end
        years = (document["expiry_date"] - document["issue_date"]).days / 365.25
        assert 2.9 < years < 10.1


def test_a_tampered_expiry_hides_a_document_that_had_expired(
    dataset: SynthDataset, rows: Rows
) -> None:
    # given documents whose expiry the truth says was tampered with
    tampered = [t for t in rows["truth"] if "kind=tampered_expiry" in (t["detail"] or "")]
    assert tampered
    documents = {d["id"]: d for d in rows["documents"]}
    for truth in tampered:
        fields = detail_fields(truth["detail"])
        # then the face shows a later date than the true one, which lies before the window
        assert fields["true_expiry"] < dataset.start.isoformat()
        assert documents[fields["document"]]["expiry_date"].isoformat() > fields["true_expiry"]


def test_land_crossers_carry_card_documents_as_well_as_passports(rows: Rows) -> None:
    codes = {document["document_code"] for document in rows["documents"]}
    assert {"P", "IC", "IV"} <= codes
    for document in rows["documents"]:
        expected_lines = 2 if document["document_code"] == "P" else 3
        assert document["mrz"].count("\n") + 1 == expected_lines
