"""The synthetic training wing: the seed's FY2015 figures, several years, determinism."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date

import pytest

from borderops.core.synth.training import (
    ACADEMY_COUNTRIES,
    FISCAL_YEAR_TARGETS,
    OVERSEAS_ENFORCEMENT_MODULES,
    TrainingDataset,
    fiscal_year,
    fiscal_year_bounds,
    generate_training,
)


@pytest.fixture(scope="module")
def dataset() -> TrainingDataset:
    return generate_training(seed=2015)


def test_fiscal_year_2015_is_at_the_seeds_scale(dataset: TrainingDataset) -> None:
    assert dataset.figures(2015) == (222, 52, 22)


def test_every_fiscal_year_meets_its_targets(dataset: TrainingDataset) -> None:
    assert len(FISCAL_YEAR_TARGETS) >= 3
    for year, target in FISCAL_YEAR_TARGETS.items():
        assert dataset.figures(year) == target, year


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2014, 10, 1), 2015),
        (date(2015, 9, 30), 2015),
        (date(2014, 9, 30), 2014),
        (date(2015, 12, 31), 2016),
    ],
)
def test_fiscal_years_run_october_to_september(day: date, year: int) -> None:
    assert fiscal_year(day) == year


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(2015) == (date(2014, 10, 1), date(2015, 9, 30))


def test_deliveries_start_in_their_fiscal_year_and_academies_sit_in_their_countries(
    dataset: TrainingDataset,
) -> None:
    for delivery in dataset.deliveries:
        assert fiscal_year(delivery.start_date) == delivery.fiscal_year
        assert delivery.end_date >= delivery.start_date
        if delivery.venue_type == "academy":
            assert delivery.academy in ACADEMY_COUNTRIES
            assert delivery.host_country == ACADEMY_COUNTRIES[delivery.academy]
        else:
            assert delivery.academy is None


def test_no_instructor_teaches_in_two_places_at_once(dataset: TrainingDataset) -> None:
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for delivery in dataset.deliveries:
        assert delivery.instructors
        for name in delivery.instructors:
            spans[name].append((delivery.start_date, delivery.end_date))
    for taken in spans.values():
        taken.sort()
        for (_, first_end), (second_start, _) in itertools.pairwise(taken):
            assert second_start > first_end


def test_the_same_seed_gives_the_same_wing_and_another_seed_does_not() -> None:
    first = generate_training(seed=7, fiscal_years=(2015,), participants_per_delivery=(2, 3))
    again = generate_training(seed=7, fiscal_years=(2015,), participants_per_delivery=(2, 3))
    other = generate_training(seed=8, fiscal_years=(2015,), participants_per_delivery=(2, 3))
    assert first == again
    assert first.deliveries != other.deliveries


def test_participants_follow_the_rules(dataset: TrainingDataset) -> None:
    deliveries = {d.key: d for d in dataset.deliveries}
    per_delivery: dict[str, int] = defaultdict(int)
    for person in dataset.participants:
        delivery = deliveries[person.delivery_key]
        per_delivery[person.delivery_key] += 1
        if person.security_force:
            assert person.vetting is not None
            assert person.enrolled == (person.vetting[0] == "approved")
            assert person.vetting[1] >= delivery.start_date
        if person.enrolled:
            assert len(person.attendance) == (delivery.end_date - delivery.start_date).days + 1
            assert person.pre_score is not None and person.post_score is not None
            assert 0 <= person.pre_score <= person.post_score <= 100
    assert all(count <= deliveries[key].capacity for key, count in per_delivery.items())


def test_the_catalogue_carries_the_overseas_enforcement_curriculum(
    dataset: TrainingDataset,
) -> None:
    overseas = next(c for c in dataset.courses if c.key == "overseas-enforcement")
    assert overseas.modules == OVERSEAS_ENFORCEMENT_MODULES
    assert {c.programme_area for c in dataset.courses} == {
        "academies", "export_control", "trade_enforcement", "private_sector",
        "fraudulent_documents", "anti_corruption",
    }  # fmt: skip


def test_unknown_fiscal_years_are_refused() -> None:
    with pytest.raises(ValueError, match="no targets"):
        generate_training(seed=1, fiscal_years=(1999,))
