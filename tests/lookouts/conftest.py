from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

HEADER = (
    "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason\n"
)
ROWS = [
    "L1,wanted_persons,person,Ivan Petrovich SIDOROV,Ivan SIDOROFF,1971-04-12,RUS,,,,,fugitive warrant\n",
    "L2,denied_parties,organization,Zenith Export Trading LLC,,,,,,,,export-control denial\n",
    "L3,lost_stolen_documents,person,Maria GARCIA LOPEZ,,1985-09-30,MEX,G12345678,,,,reported stolen\n",
]


def write_lookouts(folder: Path, rows: list[str]) -> Path:
    """A lookout list in the agency's CSV format."""
    path = folder / "lookouts.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


@pytest.fixture
def lookout_rows() -> list[str]:
    return list(ROWS)


@pytest.fixture
def write_lookout_list() -> Any:
    return write_lookouts


@pytest.fixture
def lookout_file(tmp_path: Path) -> Path:
    return write_lookouts(tmp_path, ROWS)


@pytest.fixture
def imported(db: Any, lookout_file: Path) -> Any:
    from borderops.lookouts.services import import_list

    return import_list(fmt="csv", path=lookout_file, list_name="lookouts").version
