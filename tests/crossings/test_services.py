"""Loading a synthetic data set: all of it, once, or nothing with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from borderops.crossings.models import Crossing, GroundTruth, Shipment, Traveller
from borderops.crossings.services import DatasetError, load_synthetic_dataset


@pytest.fixture
def reference_and_tree(db: Any) -> None:
    from borderops.accounts.services import build_agency_tree
    from borderops.reference.services import load_builtin_reference

    load_builtin_reference()
    build_agency_tree()


@pytest.fixture(scope="module")
def small_dataset(tmp_path_factory: Any) -> Path:
    from borderops.core.synth import generate, write_dataset

    out = tmp_path_factory.mktemp("synth") / "set"
    write_dataset(generate(seed=7, scale=0.1), out, fmt="csv")
    return out


def test_a_data_set_loads_with_every_record_at_its_ports_unit(
    reference_and_tree: None, small_dataset: Path
) -> None:
    report = load_synthetic_dataset(directory=small_dataset)
    assert report.counts["crossings"] == Crossing.objects.count() > 0
    assert report.counts["travellers"] == Traveller.objects.count()
    assert Shipment.objects.count() > 0
    assert GroundTruth.objects.exists()
    for crossing in Crossing.objects.select_related("organisation")[:50]:
        assert crossing.organisation.port_id == crossing.port_id


def test_loading_the_same_data_set_twice_changes_nothing(
    reference_and_tree: None, small_dataset: Path
) -> None:
    load_synthetic_dataset(directory=small_dataset)
    before = (Traveller.objects.count(), Crossing.objects.count(), GroundTruth.objects.count())
    load_synthetic_dataset(directory=small_dataset)
    after = (Traveller.objects.count(), Crossing.objects.count(), GroundTruth.objects.count())
    assert before == after


def test_a_bad_row_loads_nothing_and_names_file_and_row(
    reference_and_tree: None, small_dataset: Path, tmp_path: Path
) -> None:
    # given a copy of the data set whose second crossing names an unknown port
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in small_dataset.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    lines = (broken / "crossings.csv").read_text().splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index('"port"')] = '"9999"'
    lines[2] = ",".join(cells)
    (broken / "crossings.csv").write_text("\n".join(lines) + "\n")
    # when it is loaded
    with pytest.raises(DatasetError) as error:
        load_synthetic_dataset(directory=broken)
    # then the message names the file and row, and nothing was kept
    assert "crossings" in str(error.value) and "row 2" in str(error.value)
    assert not Traveller.objects.exists()


def test_a_folder_that_is_not_a_data_set_is_refused(
    reference_and_tree: None, tmp_path: Path
) -> None:
    with pytest.raises(DatasetError, match=r"manifest\.json"):
        load_synthetic_dataset(directory=tmp_path)
