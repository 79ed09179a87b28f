"""The ICAO Doc 9303 specimens, regenerated from their fields, match the published lines."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from borderops.core.documents.mrz import make_mrva, make_mrvb, make_td1, make_td2, make_td3

SPECIMENS = Path("/work/shared/data/mrz-icao-specimens/icao9303_specimens.csv")
MAKERS = {"TD1": make_td1, "TD2": make_td2, "TD3": make_td3, "MRV-A": make_mrva, "MRV-B": make_mrvb}


def _specimens() -> list[dict[str, str]]:
    if not SPECIMENS.exists():
        return []
    with SPECIMENS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(yymmdd: str, *, future: bool) -> date:
    # The MRZ keeps two digits of the year, so the century only has to be plausible.
    year = int(yymmdd[:2])
    century = 2000 if future and year < 50 else 1900
    return date(century + year, int(yymmdd[2:4]), int(yymmdd[4:]))


@pytest.mark.parametrize("row", _specimens() or [None], ids=lambda row: row and row["format"])
def test_specimen_is_regenerated_exactly_from_its_fields(row: dict[str, str] | None) -> None:
    if row is None:
        pytest.skip(f"ICAO specimens not found at {SPECIMENS}")
    # given the fields of a published specimen
    make = MAKERS[row["format"]]
    # when its MRZ is composed from them
    lines = make(
        document_code=row["document_code"],
        issuing_state=row["issuing_state"],
        surname=row["primary_identifier"],
        given_names=row["secondary_identifier"],
        document_number=row["document_number"],
        nationality=row["nationality"],
        birth_date=_date(row["birth_date_yymmdd"], future=False),
        sex=row["sex"],
        expiry_date=_date(row["expiry_date_yymmdd"], future=True),
        optional_data=row["optional_data"],
    )
    # then every line is the published one
    published = tuple(row[key] for key in ("line1", "line2", "line3") if row[key])
    assert lines == published
