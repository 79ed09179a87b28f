"""The ground truth: complete, consistent with the lookouts, and invisible to an officer."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from borderops.core.synth import TABLE_NAMES, LookoutList, SynthDataset, Violation
from borderops.core.synth.ground_truth import detail_fields
from borderops.core.synth.population import REPORTING_THRESHOLD_USD

Rows = dict[str, list[dict[str, Any]]]
OBSERVABLE = ("travellers", "documents", "vehicles", "crossings", "shipments", "lookouts")


def test_every_violation_kind_is_present(dataset: SynthDataset) -> None:
    kinds = set(dataset.tables["truth"].column("violation").to_pylist())
    assert kinds == {kind.value for kind in Violation}


def test_every_truth_record_exists_in_its_table(rows: Rows) -> None:
    ids = {
        "crossing": {row["id"] for row in rows["crossings"]},
        "shipment": {row["id"] for row in rows["shipments"]},
    }
    for truth in rows["truth"]:
        assert truth["record_id"] in ids[truth["record_type"]], truth


def test_lookouts_named_in_the_truth_exist_on_the_right_list(rows: Rows) -> None:
    lists = {row["id"]: row["list"] for row in rows["lookouts"]}
    expected = {
        "lookout": {
            "wanted_person_alias": LookoutList.WANTED_PERSONS,
            "fraudulent_document": LookoutList.LOST_STOLEN_DOCUMENTS,
            "denied_party": LookoutList.DENIED_PARTIES,
        },
        "vehicle_lookout": {"concealed_narcotics": LookoutList.VEHICLES_OF_INTEREST},
        "vessel_lookout": {"concealed_narcotics": LookoutList.VEHICLES_OF_INTEREST},
    }
    seen = 0
    for truth in rows["truth"]:
        for key, lookout in detail_fields(truth["detail"]).items():
            if key in expected:
                assert lists[lookout] == expected[key][truth["violation"]]
                seen += 1
    assert seen


def test_observable_tables_carry_no_trace_of_the_truth(rows: Rows) -> None:
    # given the words and values the truth is written in
    kinds = {kind.value for kind in Violation}
    truth_words = re.compile(r"violation|truth|flag|label|suspect|fraud", re.IGNORECASE)
    for name in OBSERVABLE:
        # then no observable column is named for the truth
        assert not any(truth_words.search(column) for column in rows[name][0])
        # and no observable value names a kind of violation
        for row in rows[name]:
            assert not kinds & {value for value in row.values() if isinstance(value, str)}


def test_crossings_show_only_what_the_traveller_declared(rows: Rows) -> None:
    columns = set(rows["crossings"][0])
    assert "currency_declared_usd" in columns
    assert not {"currency_carried_usd", "carried", "quantity"} & columns


def test_unreported_currency_exceeds_the_threshold_and_was_not_fully_declared(rows: Rows) -> None:
    crossings = {row["id"]: row for row in rows["crossings"]}
    for truth in rows["truth"]:
        if truth["violation"] == "unreported_currency":
            declared = crossings[truth["record_id"]]["currency_declared_usd"]
            assert truth["unit"] == "USD"
            assert truth["quantity"] > REPORTING_THRESHOLD_USD
            assert declared < truth["quantity"]
            assert declared == int(detail_fields(truth["detail"])["declared_usd"])


def test_honest_declarations_never_fall_between_zero_and_the_threshold(rows: Rows) -> None:
    declared = [row["currency_declared_usd"] for row in rows["crossings"]]
    assert all(amount == 0 or amount > REPORTING_THRESHOLD_USD for amount in declared)


def test_a_wanted_person_crosses_under_a_variant_of_the_listed_name(rows: Rows) -> None:
    crossings = {row["id"]: row for row in rows["crossings"]}
    travellers = {row["id"]: row for row in rows["travellers"]}
    lookouts = {row["id"]: row for row in rows["lookouts"]}
    for truth in rows["truth"]:
        if truth["violation"] != "wanted_person_alias":
            continue
        fields = detail_fields(truth["detail"])
        traveller = travellers[crossings[truth["record_id"]]["traveller_id"]]
        listed = lookouts[fields["lookout"]]
        presented = f"{traveller['surname']}, {traveller['given_names'].title()}"
        # not the listed name, but a birth date that is the listed one, possibly day/month swapped
        assert presented != listed["name"]
        born, listed_born = traveller["birth_date"], listed["birth_date"]
        assert (born.year, {born.month, born.day}) == (
            listed_born.year,
            {listed_born.month, listed_born.day},
        )
        assert traveller["nationality"] == listed["nationality"]


def test_person_level_violations_mark_every_crossing_of_that_person(rows: Rows) -> None:
    crossings = {row["id"]: row for row in rows["crossings"]}
    per_traveller = Counter(row["traveller_id"] for row in rows["crossings"])
    marked: Counter[str] = Counter()
    for truth in rows["truth"]:
        if truth["violation"] in ("wanted_person_alias", "fraudulent_document"):
            marked[crossings[truth["record_id"]]["traveller_id"]] += 1
    assert marked
    assert all(marked[traveller] == per_traveller[traveller] for traveller in marked)


def test_every_lookout_list_holds_decoys_that_never_turn_up(rows: Rows) -> None:
    hit = {
        lookout
        for truth in rows["truth"]
        for key, lookout in detail_fields(truth["detail"]).items()
        if key.endswith("lookout")
    }
    by_list = Counter(row["list"] for row in rows["lookouts"])
    hits_by_list = Counter(row["list"] for row in rows["lookouts"] if row["id"] in hit)
    for lookout_list in LookoutList:
        assert by_list[lookout_list.value] > 2 * hits_by_list[lookout_list.value]


def test_narcotics_are_recorded_with_drug_and_kilograms(rows: Rows) -> None:
    seizures = [t for t in rows["truth"] if t["violation"] == "concealed_narcotics"]
    assert {t["record_type"] for t in seizures} == {"crossing", "shipment"}
    for truth in seizures:
        assert truth["unit"] == "kg"
        assert truth["quantity"] > 0
        assert detail_fields(truth["detail"])["drug"]


def test_truth_is_written_as_its_own_table(dataset: SynthDataset) -> None:
    assert set(dataset.tables) == set(TABLE_NAMES)
    assert dataset.tables["truth"].schema.names == [
        "record_type", "record_id", "violation", "detail", "quantity", "unit",
    ]  # fmt: skip
