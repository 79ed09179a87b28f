"""Travellers, their names and nationalities, and where, when and how they cross."""

from __future__ import annotations

from collections import Counter
from typing import Any

from borderops.core.documents.transliteration import latin_name
from borderops.core.reference.ports import curated_ports
from borderops.core.synth import SynthDataset, generate

Rows = dict[str, list[dict[str, Any]]]


def test_passport_names_are_in_the_mrz_alphabet(rows: Rows) -> None:
    for traveller in rows["travellers"]:
        for part in (traveller["surname"], traveller["given_names"]):
            assert part and set(part) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ ")


def test_non_latin_travellers_keep_their_native_name(rows: Rows) -> None:
    natives = {
        t["nationality"]: t["native_name"]
        for t in rows["travellers"]
        if t["nationality"] in ("RUS", "UKR", "CHN", "JPN", "KOR", "GRC") and t["native_name"]
    }
    assert len(natives) >= 3
    assert all(not name.isascii() for name in natives.values())


def test_russian_surnames_follow_the_icao_transliteration() -> None:
    # given a dataset with many air travellers
    dataset = generate(seed=3, scale=8, violation_rate=0)
    for traveller in dataset.tables["travellers"].to_pylist():
        if traveller["nationality"] == "RUS":
            # then the passport surname is the ICAO reading of the native one
            native_surname = traveller["native_name"].split()[0]
            assert latin_name(native_surname) == traveller["surname"]


def test_the_southern_border_sees_mostly_us_and_mexican_citizens(rows: Rows) -> None:
    south = {p.code for p in curated_ports() if p.border == "US-Mexico"}
    nationality = {t["id"]: t["nationality"] for t in rows["travellers"]}
    mix = Counter(nationality[c["traveller_id"]] for c in rows["crossings"] if c["port"] in south)
    assert (mix["USA"] + mix["MEX"]) / sum(mix.values()) > 0.9
    assert mix["MEX"] > 0.3 * sum(mix.values())


def test_air_ports_see_the_widest_mix_of_nationalities(rows: Rows) -> None:
    nationality = {t["id"]: t["nationality"] for t in rows["travellers"]}
    by_mode: dict[str, set[str]] = {}
    for crossing in rows["crossings"]:
        by_mode.setdefault(crossing["mode"], set()).add(nationality[crossing["traveller_id"]])
    assert len(by_mode["air"]) > len(by_mode["land"])


def test_busy_ports_see_more_crossings_than_quiet_ones(rows: Rows) -> None:
    counts = Counter(crossing["port"] for crossing in rows["crossings"])
    # San Ysidro (26 million a year) against Tecate (1.5 million)
    assert counts["2504"] > 3 * counts["2505"]


def test_how_each_mode_crosses(rows: Rows) -> None:
    for crossing in rows["crossings"]:
        if crossing["mode"] == "land":
            has_vehicle = crossing["vehicle_id"] is not None
            expected = "personal vehicle" if has_vehicle else "pedestrian"
            assert crossing["conveyance"] == expected
        else:
            assert crossing["vehicle_id"] is None
        if crossing["mode"] == "air":
            flight = crossing["conveyance"]
            assert flight[:2].isalnum() and flight[2:].isdigit()
    modes = Counter(crossing["mode"] for crossing in rows["crossings"])
    assert modes["land"] > modes["air"] > modes["sea"] > 0
    conveyances = Counter(c["conveyance"] for c in rows["crossings"] if c["mode"] == "land")
    assert conveyances["personal vehicle"] > conveyances["pedestrian"] > 0


def test_land_crossings_peak_in_the_morning_not_at_night(rows: Rows) -> None:
    hours = Counter(c["crossed_at"].hour for c in rows["crossings"] if c["mode"] == "land")
    assert hours[7] > 3 * hours[3]


def test_every_crossing_points_at_its_travellers_own_document(dataset: SynthDataset) -> None:
    documents = dataset.tables["documents"].to_pylist()
    owner = {document["id"]: document["traveller_id"] for document in documents}
    for crossing in dataset.tables["crossings"].to_pylist():
        assert owner[crossing["document_id"]] == crossing["traveller_id"]


def test_every_traveller_crosses_at_least_once(rows: Rows) -> None:
    crossed = {crossing["traveller_id"] for crossing in rows["crossings"]}
    assert crossed == {traveller["id"] for traveller in rows["travellers"]}


def test_plates_follow_their_country(rows: Rows) -> None:
    countries = Counter(vehicle["plate_country"] for vehicle in rows["vehicles"])
    assert {"US", "MX", "CA"} <= set(countries)
    for vehicle in rows["vehicles"]:
        if vehicle["plate_country"] == "MX":
            letters, digits, last = vehicle["plate"].split("-")
            assert (len(letters), len(digits), len(last)) == (3, 3, 1)
