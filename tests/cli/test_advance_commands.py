"""`paxlst parse` and `pnr parse`: JSON Lines out, or one error line and exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from borderops.core.formats.paxlst_compose import synthetic_manifest

pytestmark = pytest.mark.nodb
PAXLST_KEYS = {
    "role", "surname", "given_names", "birth_date", "sex", "nationality", "document_type",
    "document_number", "document_expiry", "document_issuer", "flight", "departure_port",
    "arrival_port", "departure_time", "arrival_time",
}  # fmt: skip
PNR_KEYS_AT_LEAST = {
    "record_locator", "surname", "given_names", "birth_date", "sex", "nationality",
    "document_type", "document_number", "document_expiry", "document_issuer", "itinerary",
    "bags", "contacts", "payment", "seats",
}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [sys.executable, "-m", "borderops.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _pnr_text() -> str:
    from tests.core.formats.test_pnrgov import PNR as TEXT

    return TEXT


def test_paxlst_parse_prints_one_object_per_traveller_with_exactly_the_contract_keys(
    tmp_path: Path,
) -> None:
    path = tmp_path / "manifest.edi"
    path.write_text(synthetic_manifest(5), encoding="utf-8")
    result = run("paxlst", "parse", str(path))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(obj) for obj in objects] == [PAXLST_KEYS] * 5
    assert {obj["flight"] for obj in objects} == {"UA988"}


def test_malformed_manifest_prints_nothing_and_exits_2_with_the_segment(tmp_path: Path) -> None:
    path = tmp_path / "broken.edi"
    path.write_text(
        synthetic_manifest(5).replace("DTM+329:19", "DTM+329:1913", 1), encoding="utf-8"
    )
    result = run("paxlst", "parse", str(path))
    assert (result.returncode, result.stdout) == (2, "")
    assert f"error: {path}: segment 12 (DTM):" in result.stderr


def test_a_wrong_segment_count_is_read_with_a_warning_unless_strict(tmp_path: Path) -> None:
    path = tmp_path / "count.edi"
    path.write_text(synthetic_manifest(2).replace("UNT+", "UNT+9"), encoding="utf-8")

    tolerant = run("paxlst", "parse", str(path))
    strict = run("paxlst", "parse", "--strict", str(path))

    assert tolerant.returncode == 0 and len(tolerant.stdout.splitlines()) == 2
    assert f"warning: {path}: segment" in tolerant.stderr and "(UNT)" in tolerant.stderr
    assert strict.returncode == 2 and strict.stdout == ""


def test_pnr_parse_prints_one_object_per_passenger_with_masked_payment(tmp_path: Path) -> None:
    path = tmp_path / "pnr.edi"
    path.write_text(_pnr_text(), encoding="utf-8")
    result = run("pnr", "parse", str(path))
    assert result.returncode == 0, result.stderr
    adult, infant = (json.loads(line) for line in result.stdout.splitlines())
    assert set(adult) >= PNR_KEYS_AT_LEAST
    assert (adult["record_locator"], adult["surname"], infant["travel_type"]) == (
        "MFN4TI", "SMITH", "infant",
    )  # fmt: skip
    assert adult["itinerary"][0]["flight"] == "DL324"
    assert adult["payment"][0]["card_last_digits"] == "1186"
    assert "4111111111111186" not in result.stdout


def test_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    for group in ("paxlst", "pnr"):
        result = run(group, "parse", str(tmp_path / "missing.edi"))
        assert result.returncode != 0 and result.stdout == ""
        assert "missing.edi" in result.stderr
