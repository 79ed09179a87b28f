"""Loading reference data: idempotent bulk loads, all-or-nothing files, one audit entry each."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from borderops.audit.models import AuditEntry
from borderops.core.reference.types import RowError
from borderops.reference import services
from borderops.reference.models import (
    Airport,
    Checkpoint,
    CheckpointActivePeriod,
    Country,
    Currency,
    HsCode,
    PatrolSector,
    PortOfEntry,
    PortTraffic,
)

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
REFERENCE_MODELS = [
    Country,
    Currency,
    PortOfEntry,
    Airport,
    HsCode,
    PatrolSector,
    Checkpoint,
    CheckpointActivePeriod,
]


def _table_sizes() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in REFERENCE_MODELS}


def test_loading_the_builtin_reference_twice_changes_nothing(db: Any) -> None:
    first = services.load_builtin_reference()
    sizes = _table_sizes()

    second = services.load_builtin_reference()

    assert _table_sizes() == sizes
    assert all(report.changed for report in first)
    assert not any(report.changed for report in second)
    for before, after in zip(first, second, strict=True):
        for label, counts in after.counts.items():
            assert counts.unchanged == before.counts[label].created
            assert (counts.created, counts.updated) == (0, 0)


def test_builtin_reference_fills_every_table(db: Any) -> None:
    services.load_builtin_reference()

    sizes = _table_sizes()
    assert sizes["Country"] >= 249
    assert sizes["Currency"] >= 150
    assert sizes["PortOfEntry"] >= 60
    assert sizes["Airport"] > 20_000
    assert HsCode.objects.filter(level=2).count() == 97
    assert sizes["PatrolSector"] == 20
    assert Checkpoint.objects.filter(kind="tactical").exists()
    assert Airport.objects.get(icao="KLAX").country_id == "US"


def test_builtin_reference_reports_progress_by_stage(db: Any) -> None:
    seen: list[tuple[str, int, int]] = []

    services.load_builtin_reference(progress=lambda *step: seen.append(step))

    assert seen[-1] == ("Reference data", 6, 6)
    assert [done for _, done, _ in seen] == [1, 2, 3, 4, 5, 6]


def test_each_load_writes_one_import_entry_with_its_counts(db: Any) -> None:
    services.load_sectors_and_checkpoints()

    entries = AuditEntry.objects.filter(action="import")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_type == "reference.checkpoint"
    assert entry.details["counts"]["reference.patrolsector"]["created"] == 20
    assert entry.details["file"].endswith("checkpoints.csv")
    assert not AuditEntry.objects.filter(action="create").exists()


def test_a_bts_file_loads_ports_and_monthly_counts(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    path = write_bts(
        bts_row("3016", "01/01/2019", "Trucks", '"4,556"'),
        bts_row("3016", "02/01/2019", "Trucks", "17"),
        bts_row("106", "01/01/2019", "Buses", "3", name="Houlton", state="ME",
                location="MAINE\n(46.13, -67.78)"),
    )  # fmt: skip

    report = services.load_bts(path)

    assert report.counts["reference.portofentry"].created == 2
    assert report.counts["reference.porttraffic"].created == 3
    laurier = PortOfEntry.objects.get(code="3016")
    assert (laurier.name, laurier.state, laurier.border, laurier.land) == (
        "Laurier", "WA", "US-Canada", True
    )  # fmt: skip
    assert (laurier.latitude, laurier.longitude) == (49.0, -118.22)
    assert laurier.field_office == "Seattle"
    assert PortOfEntry.objects.get(code="0106").name == "Houlton"
    assert PortTraffic.objects.get(port_id="3016", month=date(2019, 1, 1)).value == 4556


def test_loading_the_same_bts_file_twice_changes_nothing(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    path = write_bts(bts_row("3016", "01/01/2019", "Trucks", "5"))
    services.load_bts(path)

    report = services.load_bts(path)

    assert not report.changed
    assert report.counts["reference.porttraffic"].unchanged == 1
    assert PortTraffic.objects.count() == 1


def test_a_corrected_count_updates_the_month_in_place(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    services.load_bts(write_bts(bts_row("3016", "01/01/2019", "Trucks", "5"), name="a.csv"))

    report = services.load_bts(
        write_bts(bts_row("3016", "01/01/2019", "Trucks", "6"), name="b.csv")
    )

    assert report.counts["reference.porttraffic"].updated == 1
    assert PortTraffic.objects.get().value == 6


def test_bts_load_keeps_curated_ports_and_merges_the_land_mode(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    services.load_curated_ports()
    curated = PortOfEntry.objects.get(code="3604")
    jfk = PortOfEntry.objects.get(code="4701")
    assert (jfk.air, jfk.land) == (True, False)

    services.load_bts(
        write_bts(
            bts_row("3604", "01/01/2019", "Trucks", "5", name="International Falls-Ranier",
                    state="MN", location="MINNESOTA\n(48.61, -93.4)"),
            bts_row("4701", "01/01/2019", "Trucks", "5", name="Somewhere Else", state="NY",
                    location="NEW YORK\n(41.0, -74.0)"),
        )
    )  # fmt: skip

    after = PortOfEntry.objects.get(code="3604")
    assert (after.name, after.latitude, after.field_office) == (
        curated.name, curated.latitude, curated.field_office
    )  # fmt: skip
    jfk.refresh_from_db()
    assert (jfk.name, jfk.air, jfk.land) == ("John F. Kennedy International Airport", True, True)
    assert PortOfEntry.objects.count() == len(services.curated_ports())


def test_bts_load_never_deletes_ports_the_file_does_not_name(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    services.load_curated_ports()
    before = PortOfEntry.objects.count()

    services.load_bts(write_bts(bts_row("3016", "01/01/2019", "Trucks", "5")))

    assert PortOfEntry.objects.count() == before + 1


def test_a_bts_file_with_one_bad_row_loads_nothing_and_names_file_line_and_reason(
    db: Any, write_bts: Callable[..., Path], bts_row: Callable[..., str]
) -> None:
    path = write_bts(
        bts_row("3016", "01/01/2019", "Trucks", "5"),  # lines 2-3
        bts_row("3016", "02/01/2019", "Trucks", "five"),  # lines 4-5
        bts_row("3016", "03/01/2019", "Trucks", "7"),  # lines 6-7
    )

    with pytest.raises(services.ImportRejected) as rejected:
        services.load_bts(path)

    assert rejected.value.errors == [
        RowError(str(path), 4, "Value 'five' is not a whole number of crossings.")
    ]
    assert f"{path}:4: Value 'five'" in str(rejected.value)
    assert not PortOfEntry.objects.filter(code="3016").exists()
    assert not PortTraffic.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_rejection_lists_the_first_20_errors_and_the_total() -> None:
    errors = [RowError("f.csv", line, "Bad.") for line in range(2, 32)]

    message = str(services.ImportRejected(errors))

    assert "30 bad row(s)" in message
    assert "f.csv:21: Bad." in message
    assert "f.csv:22: Bad." not in message
    assert "and 10 more" in message


def test_an_hs_file_with_one_bad_row_loads_nothing(db: Any, tmp_path: Path) -> None:
    path = tmp_path / "hs.csv"
    path.write_text(
        "section,hscode,description,parent,level\n"
        "I,01,Animals; live,TOTAL,2\n"
        "I,0101,Horses; live,01,4\n"
        "I,01012,Horses; odd,0101,5\n",
        encoding="utf-8",
    )

    with pytest.raises(services.ImportRejected) as rejected:
        services.load_hs(path)

    assert [(e.path, e.line) for e in rejected.value.errors] == [(str(path), 4)]
    assert not HsCode.objects.exists()


def test_an_hs_file_loads_its_hierarchy_over_the_builtin_set(db: Any, tmp_path: Path) -> None:
    services.load_hs()
    path = tmp_path / "hs.csv"
    path.write_text(
        "section,hscode,description,parent,level\n"
        "II,08,Edible fruit and nuts,TOTAL,2\n"
        "II,0803,Bananas; fresh or dried,08,4\n"
        "II,080310,Plantains; fresh or dried,0803,6\n",
        encoding="utf-8",
    )

    report = services.load_hs(path)

    counts = report.counts["reference.hscode"]
    assert (counts.created, counts.updated, counts.unchanged) == (1, 2, 0)
    assert HsCode.objects.get(code="080310").parent_id == "0803"
    assert HsCode.objects.filter(level=2).count() == 97


def test_airports_without_a_loaded_country_are_loaded_unlinked(db: Any) -> None:
    report = services.load_airports()

    assert report.counts["reference.airport"].created > 20_000
    assert Airport.objects.get(icao="KLAX").country_id is None
    assert report.notes


BTS_FILE = SHARED_DATA / "bts-border-crossing" / "Border_Crossing_Entry_Data.csv"
HS_FILE = SHARED_DATA / "harmonized-system" / "harmonized-system.csv"


@pytest.mark.skipif(not BTS_FILE.exists(), reason="the shared BTS data file is not present")
def test_the_published_bts_file_loads_completely_and_quickly(db: Any) -> None:
    services.load_curated_ports()
    ticks: list[tuple[int, int]] = []

    started = time.perf_counter()
    report = services.load_bts(BTS_FILE, progress=lambda done, total: ticks.append((done, total)))
    seconds = time.perf_counter() - started

    assert report.counts["reference.porttraffic"].created == 344_369
    assert report.counts["reference.portofentry"].total == 117
    assert PortTraffic.objects.count() == 344_369
    assert PortOfEntry.objects.get(code="0106").name == "Houlton"
    assert ticks[-1] == (344_369, 344_369)
    assert any("repeated" in note for note in report.notes)
    if connection.vendor == "sqlite":  # about 5 s; PostgreSQL's speed depends on its server
        assert seconds < 60


@pytest.mark.skipif(not HS_FILE.exists(), reason="the shared HS data file is not present")
def test_the_published_hs_nomenclature_loads(db: Any) -> None:
    report = services.load_hs(HS_FILE)

    assert report.counts["reference.hscode"].created == 6939
    assert HsCode.objects.get(code="010121").parent_id == "0101"
    assert HsCode.objects.get(code="99").section == ""
    assert any("aggregate row" in note for note in report.notes)
