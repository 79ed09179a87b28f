"""Check digits of VINs, ISO 6346 container numbers and IMO ship numbers."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.core.synth.check_digits import (
    container_check_digit,
    container_is_valid,
    imo_check_digit,
    imo_is_valid,
    vin_check_digit,
    vin_is_valid,
)

# Published examples: the VIN check-digit worked example, the ISO 6346 and BIC specimen
# containers, and the IMO number used to explain its check digit.
VINS = [
    ("1M8GDM9AXKP042788", "X"),
    ("11111111111111111", "1"),
    ("1HGCM82633A004352", "3"),
]
CONTAINERS = [("CSQU305438", "3"), ("BICU123456", "5")]
IMOS = [("907472", "9")]


@pytest.mark.parametrize(("vin", "digit"), VINS)
def test_vin_check_digit_is_position_nine(vin: str, digit: str) -> None:
    assert vin_check_digit(vin) == digit
    assert vin_is_valid(vin)


@pytest.mark.parametrize("vin", ["1M8GDM9A1KP042788", "1M8GDM9AXKP04278", "IM8GDM9AXKP042788"])
def test_a_wrong_short_or_misspelt_vin_is_invalid(vin: str) -> None:
    assert not vin_is_valid(vin)


@pytest.mark.parametrize(("prefix", "digit"), CONTAINERS)
def test_container_check_digit_follows_iso_6346(prefix: str, digit: str) -> None:
    assert container_check_digit(prefix) == digit
    assert container_is_valid(prefix + digit)
    assert not container_is_valid(prefix + str((int(digit) + 1) % 10))


@pytest.mark.parametrize(("prefix", "digit"), IMOS)
def test_imo_check_digit_weights_seven_down_to_two(prefix: str, digit: str) -> None:
    assert imo_check_digit(prefix) == digit
    assert imo_is_valid(f"IMO {prefix}{digit}")


def test_every_generated_vehicle_has_a_valid_vin(rows: dict[str, list[dict[str, Any]]]) -> None:
    vehicles = rows["vehicles"]
    assert vehicles
    assert all(vin_is_valid(vehicle["vin"]) for vehicle in vehicles)


def test_every_listed_vessel_has_a_valid_imo_number(rows: dict[str, list[dict[str, Any]]]) -> None:
    numbers = [row["imo"] for row in rows["lookouts"] if row["imo"]]
    assert numbers
    assert all(imo_is_valid(number) for number in numbers)
