"""Datasets shared by the synth tests: generation takes a second or two, so each is made once."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.core.synth import SynthDataset, generate

SEED = 20250303


@pytest.fixture(scope="session")
def dataset() -> SynthDataset:
    """A dataset big enough for every kind of port, document and violation to show up."""
    return generate(seed=SEED, scale=3, violation_rate=0.03)


@pytest.fixture(scope="session")
def rows(dataset: SynthDataset) -> dict[str, list[dict[str, Any]]]:
    """The dataset's tables as lists of row dictionaries."""
    return {name: table.to_pylist() for name, table in dataset.tables.items()}


@pytest.fixture(scope="session")
def tiny() -> SynthDataset:
    """The smallest useful dataset."""
    return generate(seed=SEED, scale=0.05)
