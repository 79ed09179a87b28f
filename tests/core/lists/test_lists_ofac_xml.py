"""OFAC lists in the sdnList XML schema."""

from __future__ import annotations

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
    return {
        entry.entry_id: entry for entry in load_list("ofac-xml", fixtures / "sdn_small.xml").entries
    }


def test_ofac_xml_reads_each_sdn_entry_with_its_uid_and_the_publish_date(fixtures: Path) -> None:
    loaded = load_list("ofac-xml", fixtures / "sdn_small.xml", list_name="ofac-test")

    assert loaded.format is ListFormat.OFAC_XML
    assert loaded.list_name == "ofac-test"
    assert loaded.published == "2018-04-06"
    assert [entry.entry_id for entry in loaded.entries] == ["15960", "15036", "4632"]
    assert [entry.entity_type for entry in loaded.entries] == [
        EntityType.PERSON,
        EntityType.VESSEL,
        EntityType.ORGANIZATION,
    ]


def test_ofac_xml_person_names_are_written_surname_first_with_weak_aliases(fixtures: Path) -> None:
    person = _sample(fixtures)["15960"]

    assert person.names == (
        ListedName("GHALEBANI, Ahmad"),
        ListedName("GHALEBANI, Ahmed", NameKind.ALIAS),
        ListedName("ABU AHMAD", NameKind.ALIAS, weak=True),
    )


def test_ofac_xml_person_gets_dates_places_countries_documents_and_gender(fixtures: Path) -> None:
    person = _sample(fixtures)["15960"]

    assert person.birth_dates == ("1953-01-12", "1955", "1956", "1951")
    assert person.extra["approximate_birth_dates"] == "1951"
    assert person.extra["unparsed_birth_dates"] == "in the 1950s"
    assert person.birth_places == ("Tehran, Iran",)
    assert person.nationalities == ("IR", "KP")
    assert person.documents == (IdentityDocument("H20676140", "passport", "IR"),)
    assert person.gender == "M"
    assert person.programs == ("IRAN", "IFSR")
    assert person.extra["identifiers"] == "Tax ID No. 123456"
    assert person.extra["address_countries"] == "AE"


def test_ofac_xml_vessel_gets_imo_from_its_registration_id_and_vessel_info(fixtures: Path) -> None:
    vessel = _sample(fixtures)["15036"]

    assert vessel.imo_numbers == ("9187629",)
    assert ListedName("ABADAN", NameKind.FORMER) in vessel.names
    assert (vessel.extra["flag"], vessel.extra["call_sign"], vessel.extra["mmsi"]) == (
        "TZ",
        "T2EU4",
        "572469210",
    )


def test_a_truncated_ofac_xml_is_refused_with_the_line_and_last_entry(
    fixtures: Path, tmp_path: Path
) -> None:
    # given the sample cut off in the middle of its second entry
    text = (fixtures / "sdn_small.xml").read_text()
    broken = tmp_path / "sdn.xml"
    broken.write_text(text[: text.index("<callSign>")])

    # when it is loaded
    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", broken)

    # then the problem says where the file breaks and which entry was read last
    (problem,) = raised.value.problems
    assert problem.path == str(broken)
    assert problem.location.startswith(
        f"line {text[: text.index('<callSign>')].count(chr(10)) + 1},"
    )
    assert "after element sdnEntry[uid=15960]" in problem.reason


def test_every_bad_ofac_xml_entry_is_reported_by_element(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "sdn_small.xml").read_text()
    text = text.replace("<sdnType>Vessel</sdnType>", "<sdnType>Submarine</sdnType>")
    text = text.replace("<uid>4632</uid>", "<uid>15960</uid>")
    broken = tmp_path / "sdn.xml"
    broken.write_text(text)

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", broken)

    assert [(p.location, p.reason) for p in raised.value.problems] == [
        ("element sdnEntry[uid=15036]", "Unknown sdnType 'Submarine'."),
        ("element sdnEntry[uid=15960]", "The uid is used by an earlier entry."),
    ]


def test_an_ofac_xml_entry_without_sdn_type_is_refused(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "sdn_small.xml").read_text().replace("<sdnType>Entity</sdnType>", "")
    broken = tmp_path / "sdn.xml"
    broken.write_text(text)

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", broken)

    assert [(p.location, p.reason) for p in raised.value.problems] == [
        ("element sdnEntry[uid=4632]", "No sdnType.")
    ]


def test_a_record_count_that_disagrees_with_the_entries_is_refused(
    fixtures: Path, tmp_path: Path
) -> None:
    text = (fixtures / "sdn_small.xml").read_text().replace("<Record_Count>3<", "<Record_Count>4<")
    broken = tmp_path / "sdn.xml"
    broken.write_text(text)

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", broken)

    assert "Record_Count says 4 entries but the file holds 3" in raised.value.problems[0].reason


def test_xml_declaring_entities_is_refused_for_safety(tmp_path: Path) -> None:
    bomb = tmp_path / "sdn.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><sdnList>&a;</sdnList>')

    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", bomb)

    assert "Refused for safety" in raised.value.problems[0].reason


def test_another_xml_document_is_not_taken_for_an_ofac_list(fixtures: Path) -> None:
    with pytest.raises(ListFormatError) as raised:
        load_list("ofac-xml", fixtures / "un_small.xml")

    assert "not sdnList" in raised.value.problems[0].reason


def test_ofac_consolidated_xml_loads_all_639_entries(ofac_consolidated_xml: Path) -> None:
    loaded = load_list("ofac-xml", ofac_consolidated_xml)

    assert len(loaded.entries) == 639
    assert loaded.list_name == "ofac-consolidated"
    assert loaded.published == "2018-04-06"
    entries = {entry.entry_id: entry for entry in loaded.entries}
    assert ListedName("BIM", NameKind.ALIAS, weak=True) in entries["4637"].names
    assert entries["15036"].imo_numbers == ("9187629",)
    assert sum(entry.entity_type is EntityType.VESSEL for entry in loaded.entries) == 74


def test_ofac_xml_and_csv_of_one_list_agree_on_ids(
    ofac_consolidated_xml: Path, ofac_consolidated_csv: Path
) -> None:
    from_xml = load_list("ofac-xml", ofac_consolidated_xml)
    from_csv = load_list("ofac-csv", ofac_consolidated_csv)

    assert {e.entry_id for e in from_xml.entries} == {e.entry_id for e in from_csv.entries}
    primary = {e.entry_id: e.primary_name for e in from_csv.entries}
    assert all(primary[e.entry_id] == e.primary_name for e in from_xml.entries)
