"""FollowTheMoney entities as JSON lines (the OpenSanctions export format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from borderops.core.lists import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    ListFormatError,
    NameKind,
    load_list,
)


def _sample(fixtures: Path) -> dict[str, ListEntry]:
    loaded = load_list("ftm", fixtures / "sanctions.ftm.json")
    return {entry.entry_id: entry for entry in loaded.entries}


def test_ftm_lists_the_screenable_schemata_and_names_the_list_after_the_file(
    fixtures: Path,
) -> None:
    loaded = load_list("ftm", fixtures / "sanctions.ftm.json")

    assert loaded.format is ListFormat.FTM
    assert loaded.list_name == "sanctions"
    assert [(entry.entry_id, entry.entity_type) for entry in loaded.entries] == [
        ("ofac-6905", EntityType.PERSON),
        ("ofac-306", EntityType.ORGANIZATION),
        ("ofac-4243", EntityType.VESSEL),
        ("lookout-car-1", EntityType.VEHICLE),
        ("ofac-9001", EntityType.AIRCRAFT),
        ("ofac-7001", EntityType.ORGANIZATION),
    ]


def test_ftm_person_names_dates_countries_and_documents(fixtures: Path) -> None:
    person = _sample(fixtures)["ofac-6905"]

    assert person.names == (
        ListedName("Zayn al-Abidin Muhammad Husayn"),
        ListedName("Abu Zubaydah", NameKind.ALIAS),
        ListedName("Abu Zubaida", NameKind.ALIAS, weak=True),
        ListedName("Hani Muhammad", NameKind.FORMER),
    )
    assert person.birth_dates == ("1971-03-12",)
    assert person.birth_places == ("Riyadh, Saudi Arabia",)
    assert person.nationalities == ("PS", "SA")
    assert person.extra["unresolved_countries"] == "suhh; zz"
    assert person.gender == "M"
    assert person.extra["topics"] == "sanction; crime.terror"


def test_ftm_passport_and_sanction_entities_join_their_holder(fixtures: Path) -> None:
    entries = _sample(fixtures)

    assert entries["ofac-6905"].documents == (
        IdentityDocument("484824", "passport"),
        IdentityDocument("1001234567", "national_id"),
        IdentityDocument("C389664", "passport", "EG"),
    )
    assert entries["ofac-6905"].programs == ("SDGT",)
    assert entries["ofac-306"].programs == ("CUBA", "Cuban Assets Control Regulations")


def test_ftm_conveyances_get_imo_numbers_and_plates(fixtures: Path) -> None:
    entries = _sample(fixtures)

    assert entries["ofac-4243"].imo_numbers == ("7406784",)
    assert entries["ofac-4243"].extra["flag"] == "PA"
    assert entries["lookout-car-1"].plates == ("TKP-580-E",)
    assert entries["ofac-9001"].plates == ()
    assert entries["ofac-9001"].extra["registration_numbers"] == "EP-ABC"


def test_ftm_organisation_nationality_is_its_jurisdiction(fixtures: Path) -> None:
    entries = _sample(fixtures)

    assert entries["ofac-306"].nationalities == ("CU",)
    assert entries["ofac-7001"].nationalities == ()  # "country" is not nationality


def test_every_bad_ftm_line_is_reported_with_its_line_number(
    fixtures: Path, tmp_path: Path
) -> None:
    # given the sample with four bad lines added after its ten good ones and a blank line
    bad_lines = [
        "{not json",
        json.dumps({"id": "x1", "schema": "Persn", "properties": {}}),
        json.dumps({"schema": "Person", "properties": {"name": ["No Id"]}}),
        json.dumps({"id": "ofac-306", "schema": "Company", "properties": {"name": ["Again"]}}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "x2", "schema": "Person", "properties": {"birthDate": ["1970"]}}),
    ]
    broken = tmp_path / "broken.ftm.json"
    good = (fixtures / "sanctions.ftm.json").read_text()
    broken.write_text(good + "\n".join(bad_lines) + "\n")

    # when it is loaded
    with pytest.raises(ListFormatError) as raised:
        load_list("ftm", broken)

    # then each bad line is named, and no entry is returned
    assert [problem.location for problem in raised.value.problems] == [
        "line 12",
        "line 13",
        "line 14",
        "line 15",
        "line 16",
        "line 17",
    ]
    reasons = [problem.reason for problem in raised.value.problems]
    assert reasons[0].startswith("Not JSON")
    assert reasons[1] == "Unknown FtM schema 'Persn'."
    assert reasons[2] == "The entity has no id."
    assert "used by an earlier entity" in reasons[3]
    assert "Not a JSON object" in reasons[4]
    assert "no name and no identifier" in reasons[5]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"id": "a", "schema": "Person", "properties": {"name": ["Jos\xe9"]}}\n')

    with pytest.raises(ListFormatError) as raised:
        load_list("ftm", latin)

    assert "Not UTF-8" in raised.value.problems[0].reason
