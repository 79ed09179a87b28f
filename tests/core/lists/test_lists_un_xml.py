"""The UN Security Council Consolidated List XML."""

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
        entry.entry_id: entry for entry in load_list("un-xml", fixtures / "un_small.xml").entries
    }


def test_un_xml_reads_individuals_and_entities_by_dataid(fixtures: Path) -> None:
    loaded = load_list("un-xml", fixtures / "un_small.xml")

    assert loaded.format is ListFormat.UN_XML
    assert loaded.list_name == "un-sc"
    assert loaded.published == "2018-10-29"
    assert [(e.entry_id, e.entity_type) for e in loaded.entries] == [
        ("6908555", EntityType.PERSON),
        ("6908434", EntityType.PERSON),
        ("6908629", EntityType.ORGANIZATION),
    ]


def test_un_name_parts_are_joined_in_order_and_trimmed(fixtures: Path) -> None:
    entries = _sample(fixtures)

    assert entries["6908555"].primary_name == "RI WON HO"
    assert entries["6908629"].primary_name == "PROPAGANDA AND AGITATION DEPARTMENT (PAD)"


def test_un_low_quality_aliases_are_weak_and_original_script_is_an_alias(fixtures: Path) -> None:
    person = _sample(fixtures)["6908434"]

    assert person.names == (
        ListedName("ABD AL-KHALIQ AL-HOUTHI"),
        ListedName("عبدالخالق الحوثي", NameKind.ALIAS),
        ListedName("Abd-al-Khaliq al-Huthi", NameKind.ALIAS),
        ListedName("Abu-Yunus", NameKind.ALIAS, weak=True),
        ListedName("Muhamad Ardhan", NameKind.ALIAS),
    )


def test_un_entity_fka_aliases_are_former_names(fixtures: Path) -> None:
    entity = _sample(fixtures)["6908629"]

    assert entity.names[1:] == (
        ListedName("PAD", NameKind.ALIAS),
        ListedName("Propaganda Department", NameKind.FORMER),
    )
    assert entity.extra["address_countries"] == "KP"
    assert entity.nationalities == ()


def test_un_birth_dates_follow_their_type_of_date(fixtures: Path) -> None:
    person = _sample(fixtures)["6908434"]

    # APPROXIMATELY 1984, BETWEEN 1985 and 1986, a note "Nov. 1973", an alias's own date
    assert person.birth_dates == ("1984", "1985", "1986", "1973-11", "1980-08-08")
    assert person.extra["approximate_birth_dates"] == "1984; 1985; 1986"
    assert person.extra["unparsed_birth_dates"] == "24/06/1402 (Hijri Calendar)"


def test_un_documents_places_nationality_and_gender(fixtures: Path) -> None:
    entries = _sample(fixtures)
    person = entries["6908434"]

    assert person.documents == (
        IdentityDocument("28940000602", "national_id", "QA"),
        IdentityDocument("D 000974", "passport", "AF"),
    )
    assert entries["6908555"].documents == (IdentityDocument("381310014", "passport", None),)
    assert person.birth_places == ("Dahyan, Sadah, Yemen",)
    assert person.nationalities == ("YE",)
    assert person.extra["unresolved_countries"] == "Possibly Ethiopian"
    assert person.gender == "M"
    assert person.programs == ("Yemen",)
    assert person.extra["reference_number"] == "YEi.002"


def test_a_truncated_un_xml_is_refused_and_nothing_is_returned(
    fixtures: Path, tmp_path: Path
) -> None:
    text = (fixtures / "un_small.xml").read_text()
    broken = tmp_path / "consolidated.xml"
    broken.write_text(text[: text.index("<ENTITIES>") + 40])

    with pytest.raises(ListFormatError) as raised:
        load_list("un-xml", broken)

    (problem,) = raised.value.problems
    assert problem.location.startswith("line ")
    assert "after element INDIVIDUAL[DATAID=6908434]" in problem.reason


def test_un_records_without_dataid_or_name_are_reported(fixtures: Path, tmp_path: Path) -> None:
    text = (fixtures / "un_small.xml").read_text()
    text = text.replace("<DATAID>6908555</DATAID>", "<DATAID/>")
    text = text.replace("<FIRST_NAME> PROPAGANDA AND AGITATION DEPARTMENT (PAD)</FIRST_NAME>", "")
    broken = tmp_path / "consolidated.xml"
    broken.write_text(text)

    with pytest.raises(ListFormatError) as raised:
        load_list("un-xml", broken)

    assert [(p.location, p.reason) for p in raised.value.problems] == [
        ("element INDIVIDUAL #1", "The record has no DATAID."),
        ("element ENTITY[DATAID=6908629]", "The record has no name (FIRST_NAME)."),
    ]


def test_un_consolidated_loads_703_individuals_and_390_entities(un_consolidated: Path) -> None:
    loaded = load_list("un-xml", un_consolidated)

    people = [e for e in loaded.entries if e.entity_type is EntityType.PERSON]
    organisations = [e for e in loaded.entries if e.entity_type is EntityType.ORGANIZATION]
    assert (len(people), len(organisations)) == (703, 390)
    assert loaded.published == "2018-10-29"
    weak = [name for entry in people for name in entry.names if name.weak]
    # 595 aliases are of QUALITY Low; one ("Abu Hamza") is also a Good alias of its entry
    assert len(weak) == 594
    # 408 document numbers; three people list the same passport three times over
    assert sum(len(entry.documents) for entry in people) == 402
    entries = {entry.entry_id: entry for entry in loaded.entries}
    assert entries["6908408"].documents == (IdentityDocument("C389664", "passport", "SA"),)
