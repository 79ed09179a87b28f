"""Fixtures for the list loaders: hand-written samples, the shared public lists, synth lookouts.

The public lists live in ``<repo root>/../shared/data`` (see its SOURCES.md); a test that
needs one is skipped cleanly when that folder is not there. Loaded lists are made once per
session, since the full SDN list takes about a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from borderops.core.lists import LoadedList, load_list

FIXTURES = Path(__file__).parent / "fixtures"
# tests/core/lists/conftest.py → the repository root, whose sibling holds the shared data.
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _shared(relative: str) -> Path:
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared test data not present: {path}")
    return path


@pytest.fixture
def fixtures() -> Path:
    """The folder of small hand-written list files."""
    return FIXTURES


@pytest.fixture(scope="session")
def sdn_2024() -> LoadedList:
    """The full OFAC SDN list of 2024-05-03 (sdn.csv only)."""
    return load_list("ofac-csv", _shared("ofac-sdn/2024-05-03"))


@pytest.fixture(scope="session")
def sdn_2021() -> LoadedList:
    """The OFAC SDN list of 2021-04-25 with its alt.csv and add.csv."""
    return load_list("ofac-csv", _shared("ofac-sdn/2021-04-25"))


@pytest.fixture(scope="session")
def ofac_consolidated_xml() -> Path:
    """OFAC's consolidated (non-SDN) list of 2018-04-06 in the sdnList XML schema."""
    return _shared("ofac-consolidated-nonsdn/consolidated.xml")


@pytest.fixture(scope="session")
def ofac_consolidated_csv() -> Path:
    """The same consolidated list as legacy CSV files (cons_prim.csv and companions)."""
    return _shared("ofac-consolidated-nonsdn")


@pytest.fixture(scope="session")
def un_consolidated() -> Path:
    """The UN Security Council Consolidated List of 2018-10-29."""
    return _shared("un-sc-consolidated/consolidated.xml")


@pytest.fixture(scope="session")
def synth_lookouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``lookouts.csv`` that ``borderops synth`` writes for seed 1 at scale 0.2."""
    from borderops.core.synth import generate, write_dataset

    folder = tmp_path_factory.mktemp("synth") / "dataset"
    paths = write_dataset(generate(seed=1, scale=0.2), folder, fmt="csv")
    return paths["lookouts"]
