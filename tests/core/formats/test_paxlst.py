"""PAXLST manifests: travellers, legs, documents, the flight rule, errors, GTAS samples."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.core.formats.conftest import FIXTURES, gtas_sample

from borderops.core.formats import compose_paxlst, parse_paxlst
from borderops.core.formats.paxlst_compose import synthetic_manifest
from borderops.core.formats.types import EdifactError, FlightLeg

TWO_LEGS = """UNA:+.? '
UNB+UNOA:4+AIR1+DHS+070218:1545+IC7'
UNH+PAX001+PAXLST:D:05B:UN:IATA'
BGM+745'
TDT+20+AA123+++AA'
LOC+92+ATL'DTM+189:0702191540:201'
LOC+92+ORD'DTM+232:0702191740:201'
TDT+20+AA124+++AA'
LOC+92+ORD'DTM+189:0702191840:201'
LOC+92+JFK'DTM+232:0702191955:201'
NAD+FL+++CLARK:MICHAEL:JAMES'
ATT+2++M'
DTM+329:720907'
LOC+178+ATL'
LOC+179+ORD'
NAT+2+USA'
RFF+AVF:TYR123'
DOC+V:110:111+V123'
DTM+36:101231'
DOC+P:110:111+P456'
DTM+36:120630'
LOC+91+USA'
NAD+FL+++CLARK:CHERYL'
ATT+2++F'
DTM+329:730407'
LOC+179+JFK'
CNT+42:2'
UNT+30+PAX001'
UNZ+1+IC7'
"""


def test_a_d05b_manifest_gives_travellers_with_documents_and_legs() -> None:
    (manifest,) = parse_paxlst(TWO_LEGS)
    assert (manifest.message_reference, manifest.interchange_reference) == ("PAX001", "IC7")
    assert (manifest.syntax_version, manifest.manifest_kind) == ("D05B", "passenger")
    assert (manifest.prepared_at, manifest.flight) == ("2007-02-18T15:45", "AA124")
    assert manifest.legs[0] == FlightLeg(
        "AA", "123", "AA123", "ATL", "ORD", "2007-02-19T15:40", "2007-02-19T17:40"
    )
    michael = manifest.travellers[0]
    assert michael.to_json() == {
        "role": "passenger", "surname": "CLARK", "given_names": "MICHAEL JAMES",
        "birth_date": "1972-09-07", "sex": "M", "nationality": "USA", "document_type": "P",
        "document_number": "P456", "document_expiry": "2012-06-30", "document_issuer": "USA",
        "flight": "AA123", "departure_port": "ATL", "arrival_port": "ORD",
        "departure_time": "2007-02-19T15:40", "arrival_time": "2007-02-19T17:40",
    }  # fmt: skip
    assert [d.type for d in michael.documents] == ["V", "P"]
    assert (michael.references, michael.segment_number) == ((("AVF", "TYR123"),), 14)


def test_traveller_flight_is_the_leg_arriving_at_their_debarkation_else_the_last() -> None:
    (manifest,) = parse_paxlst(TWO_LEGS)
    assert [t.flight for t in manifest.travellers] == ["AA123", "AA124"]
    no_debarkation = TWO_LEGS.replace("LOC+179+ORD'", "LOC+179+XXX'")
    assert parse_paxlst(no_debarkation)[0].travellers[0].flight == "AA124"


def test_custom_separators_and_released_characters_reach_the_traveller() -> None:
    text = (FIXTURES / "manifest_custom_separators.edi").read_text(encoding="utf-8")
    (manifest,) = parse_paxlst(text)
    (traveller,) = manifest.travellers
    assert (traveller.surname, traveller.given_names) == ("O$BRIEN", "MARY ANN")
    assert (traveller.document_number, traveller.birth_date) == ("PA*1234", "1954-10-16")
    assert (traveller.flight, manifest.legs[0].carrier, manifest.legs[0].number) == (
        "TN506", "TN", "506",
    )  # fmt: skip


MALFORMED = [
    # (change to the message, segment number, tag, words of the reason)
    (("DTM+329:720907", "DTM+329:721399"), 16, "DTM", "1972-13-99 is not a calendar day"),
    (("NAD+FL+++CLARK:CHERYL", "NAD+FL+++:CHERYL"), 26, "NAD", "no surname"),
    (("ATT+2++F", "ATT+2++Q"), 27, "ATT", "sex 'Q'"),
    (("BGM+745", "BGM+999"), 3, "BGM", "neither a passenger list"),
    (("DOC+P:110:111+P456", "DOC+P:110:111"), 23, "DOC", "no number"),
    (("CNT+42:2", "CNT+42:3"), 30, "CNT", "CNT counts 3"),
    (("NAD+FL+++CLARK:CHERYL", "NAD+ZZ+++CLARK:CHERYL"), 26, "NAD", "not a traveller"),
]


@pytest.mark.parametrize(("change", "number", "tag", "reason"), MALFORMED)
def test_malformed_manifest_names_the_segment_and_reason(
    change: tuple[str, str], number: int, tag: str, reason: str
) -> None:
    with pytest.raises(EdifactError) as caught:
        parse_paxlst(TWO_LEGS.replace(*change))
    assert (caught.value.segment_number, caught.value.segment_tag) == (number, tag)
    assert reason in caught.value.reason


def test_a_pnrgov_message_is_not_a_manifest() -> None:
    with pytest.raises(EdifactError, match="not PAXLST"):
        parse_paxlst(TWO_LEGS.replace("PAXLST:D:05B", "PNRGOV:11:1"))


def test_crew_list_gives_crew_roles() -> None:
    crew = TWO_LEGS.replace("BGM+745", "BGM+250").replace("NAD+FL", "NAD+FM")
    (manifest,) = parse_paxlst(crew)
    assert manifest.manifest_kind == "crew"
    assert {t.role for t in manifest.travellers} == {"crew"}


def test_composed_manifest_reads_back_the_same_travellers() -> None:
    (original,) = parse_paxlst(synthetic_manifest(40, seed=7))
    assert len(original.travellers) == 40
    again = compose_paxlst(original.travellers, original.legs, reference="R2")
    (manifest,) = parse_paxlst(again)
    assert [replace(t, segment_number=0) for t in manifest.travellers] == [
        replace(t, segment_number=0) for t in original.travellers
    ]


GTAS_PAXLST = [
    # (file, strict result: (messages, travellers) or error words, lenient result)
    ("gtas-parsers__apisMessage.txt", (1, 2), (1, 2)),
    ("gtas-loader__multiple_flight_leg_apis.txt", "after the UNZ trailer", (1, 2)),
    ("gtas-loader__Test1.txt", "UNT counts '0000152'", (1, 8)),
    ("gtas-loader__Test3.txt", "UNT counts '099'", (1, 260)),
    ("gtas-loader__airline2.edi", "UNT counts '121'", (1, 10)),
]


@pytest.mark.parametrize(("name", "strict", "lenient"), GTAS_PAXLST)
def test_gtas_paxlst_samples_parse_or_fail_precisely(
    name: str, strict: tuple[int, int] | str, lenient: tuple[int, int]
) -> None:
    text = gtas_sample("paxlst", name)
    for mode, expected in ((True, strict), (False, lenient)):
        if isinstance(expected, str):
            with pytest.raises(EdifactError, match=expected):
                parse_paxlst(text, strict=mode)
            continue
        manifests = parse_paxlst(text, strict=mode)
        assert (len(manifests), sum(len(m.travellers) for m in manifests)) == expected


def test_gtas_multi_leg_sample_puts_travellers_on_the_leg_into_cdg() -> None:
    (manifest,) = parse_paxlst(
        gtas_sample("paxlst", "gtas-loader__multiple_flight_leg_apis.txt"), strict=False
    )
    assert [(leg.departure_port, leg.arrival_port) for leg in manifest.legs] == [
        ("MIA", "IAD"), ("IAD", "JFK"), ("JFK", "CDG"),
    ]  # fmt: skip
    barrett = manifest.travellers[0]
    assert (barrett.flight, barrett.departure_port, barrett.arrival_time) == (
        "QQ827", "JFK", "2008-08-11T06:30",
    )  # fmt: skip
    assert (barrett.document_number, barrett.document_expiry) == ("YY3478621G", "2008-12-30")


def test_gtas_crew_sample_reads_birth_place_from_the_name_component() -> None:
    (manifest,) = parse_paxlst(gtas_sample("paxlst", "gtas-loader__Test1.txt"), strict=False)
    first = manifest.travellers[0]
    assert (manifest.manifest_kind, first.role, first.surname, first.birth_place) == (
        "crew", "crew", "Steur", "Hartford USA",
    )  # fmt: skip
