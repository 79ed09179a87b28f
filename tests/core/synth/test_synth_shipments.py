"""Customs entries: the canonical columns, real HS subheadings, and valid container numbers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from borderops.core.reference.ports import curated_ports
from borderops.core.synth import SynthDataset
from borderops.core.synth.check_digits import container_is_valid
from borderops.core.synth.commodities import COMMODITIES
from borderops.core.synth.trade_routes import PLACES

Rows = dict[str, list[dict[str, Any]]]
CANONICAL = [
    "id", "mode", "port", "arrival_date", "hs_code", "description", "value", "currency",
    "gross_kg", "net_kg", "quantity", "origin", "export_country", "route", "shipper",
    "consignee", "declarant", "conveyance", "containers",
]  # fmt: skip
HS_NOMENCLATURE = Path("/work/shared/data/harmonized-system/harmonized-system.csv")


def test_shipment_columns_are_exactly_the_canonical_ones(dataset: SynthDataset) -> None:
    assert dataset.tables["shipments"].schema.names == CANONICAL


def test_every_container_number_has_a_valid_iso_6346_check_digit(rows: Rows) -> None:
    numbers = [
        number
        for entry in rows["shipments"]
        if entry["containers"]
        for number in entry["containers"].split(";")
    ]
    assert numbers
    assert all(container_is_valid(number) for number in numbers)


def test_sea_cargo_comes_in_containers_and_air_cargo_does_not(rows: Rows) -> None:
    for entry in rows["shipments"]:
        if entry["mode"] == "sea":
            assert entry["containers"]
        if entry["mode"] == "air":
            assert entry["containers"] is None


def test_entries_use_six_digit_codes_from_the_built_in_table(rows: Rows) -> None:
    for entry in rows["shipments"]:
        assert len(entry["hs_code"]) == 6 and entry["hs_code"].isdigit()
        assert COMMODITIES[entry["hs_code"]].description == entry["description"]


def test_countries_are_iso_alpha_2_and_routes_are_locodes(rows: Rows) -> None:
    for entry in rows["shipments"]:
        assert entry["origin"] in PLACES and entry["export_country"] in PLACES
        stops = entry["route"].split(";")
        assert all(len(stop) == 5 and stop.isalpha() and stop.isupper() for stop in stops)


def test_entries_arrive_at_ports_that_take_their_mode(rows: Rows) -> None:
    modes = {port.code: port.modes for port in curated_ports()}
    for entry in rows["shipments"]:
        assert entry["mode"] in modes[entry["port"]]


def test_weights_values_and_quantities_are_positive(rows: Rows) -> None:
    for entry in rows["shipments"]:
        assert entry["gross_kg"] >= entry["net_kg"] > 0
        assert entry["value"] > 0
        assert entry["quantity"] >= 1
        assert entry["currency"] == "USD"


def test_trading_parties_recur_across_entries(rows: Rows) -> None:
    entries = rows["shipments"]
    assert len({e["consignee"] for e in entries}) < len(entries) / 2
    assert len({e["declarant"] for e in entries}) < len(entries) / 5


def test_built_in_hs_codes_exist_in_the_hs_2022_nomenclature() -> None:
    if not HS_NOMENCLATURE.exists():
        pytest.skip(f"HS nomenclature not found at {HS_NOMENCLATURE}")
    with HS_NOMENCLATURE.open(newline="", encoding="utf-8") as handle:
        subheadings = {row["hscode"] for row in csv.DictReader(handle) if row["level"] == "6"}
    assert set(COMMODITIES) <= subheadings
    covers = {commodity.cover for commodity in COMMODITIES.values() if commodity.cover}
    assert covers <= set(COMMODITIES)
