"""How big a dataset is at a scale, and which arguments are refused."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.synth import Violation, dataset_sizes, generate
from borderops.core.synth.types import SynthDataset


@pytest.mark.parametrize("scale", [0.5, 2.0])
def test_row_counts_follow_the_scale(scale: float) -> None:
    # when a dataset is generated at a scale
    counts = generate(seed=5, scale=scale).row_counts()
    # then 1.0 means 1,000 travellers, with crossings, entries and lookouts in proportion
    travellers = round(1000 * scale)
    assert counts["travellers"] == travellers
    assert counts["documents"] == travellers
    assert counts["crossings"] == round(1.5 * travellers)
    assert counts["shipments"] == round(0.5 * travellers)
    assert counts["lookouts"] >= round(0.2 * travellers)
    assert 0 < counts["vehicles"] < travellers


def test_tiny_scales_keep_minimum_sizes() -> None:
    sizes = dataset_sizes(0.01)
    assert (sizes.travellers, sizes.shipments, sizes.lookouts) == (50, 25, 20)


def test_the_smallest_scale_still_has_every_violation_kind(tiny: SynthDataset) -> None:
    kinds = set(tiny.tables["truth"].column("violation").to_pylist())
    assert kinds == {kind.value for kind in Violation}


def test_a_zero_violation_rate_plants_nothing() -> None:
    dataset = generate(seed=5, scale=0.1, violation_rate=0)
    assert dataset.tables["truth"].num_rows == 0
    assert dataset.tables["lookouts"].num_rows >= 20


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"scale": 0}, "scale must be positive"),
        ({"scale": -1}, "scale must be positive"),
        ({"scale": 1, "violation_rate": 1.5}, "violation_rate must be between"),
        ({"scale": 1, "violation_rate": -0.1}, "violation_rate must be between"),
        ({"scale": 1, "days": 0}, "days must be at least 1"),
    ],
)
def test_arguments_out_of_range_are_refused(arguments: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate(seed=1, **arguments)  # type: ignore[arg-type]


def test_crossings_fall_inside_the_window() -> None:
    dataset = generate(seed=9, scale=0.2, start=date(2024, 7, 1), days=7)
    times = dataset.tables["crossings"].column("crossed_at").to_pylist()
    assert min(times).date() >= date(2024, 7, 1)
    assert max(times).date() <= date(2024, 7, 8)
