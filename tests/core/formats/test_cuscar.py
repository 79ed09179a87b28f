"""CUSCAR cargo reports read into targeting entries, one per consignment."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.core.formats.conftest import FIXTURES, GTAS

from borderops.core.formats.cuscar import CargoEntry, parse_cuscar
from borderops.core.formats.edifact import read_tolerantly
from borderops.core.formats.types import EdifactError

CUSCAR_SAMPLES = GTAS / "cuscar"


def _fixture() -> str:
    return (FIXTURES / "cuscar_two_bills.edi").read_text(encoding="utf-8")


def _sample(name: str) -> str:
    path = CUSCAR_SAMPLES / name
    if not path.exists():
        pytest.skip(f"shared test data not present: {path}")
    return path.read_text(encoding="utf-8")


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


def test_each_consignment_becomes_one_entry_with_its_goods_summed() -> None:
    # given a sea cargo report with two bills of lading, the first with two goods items
    # when
    first, second = parse_cuscar(_fixture())
    # then
    assert first == CargoEntry(
        id="MEDU1234567",
        mode="sea",
        port="USMIA",
        arrival_date=date(2025, 3, 5),
        hs_code="080390",
        description="FRESH BANANAS; PLANTAIN CHIPS",
        value=13300.0,
        currency="USD",
        gross_kg=24500.0,
        net_kg=22000.5,
        quantity=1210,
        origin="CO",
        export_country="CO",
        route="COCTG;PABLB;USMIA",
        shipper="FRUTAS DEL SUR SA",
        consignee="ACME IMPORTS INC",
        declarant="PORT BROKERS LLC",
        conveyance="BLUE DAWN (9074729)",
        containers="CSQU3054383;MSKU9070323",
    )
    assert second.id == "MEDU7654321"
    assert second.shipper == "EXPORTADORA ANDINA + CIA"  # the released '+' is text
    assert second.gross_kg == pytest.approx(22046.2 * 0.45359237)  # pounds converted
    assert second.declarant == "MEDITERRANEAN SHIPPING CO"  # no broker: the carrier
    assert (second.port, second.conveyance) == (first.port, first.conveyance)  # from header
    assert second.containers == "TGHU4027352"


# File, then per entry: id, mode, port, arrival date, gross kg, packages, export country,
# route, shipper, declarant, conveyance, containers.
SAMPLES: list[tuple[str, list[tuple[Any, ...]]]] = [
    (
        "milyn_d03b_cbp_ace_cuscar_message_01.edi",
        [
            ("KH041122106", "land", "0901", date(2004, 12, 30), 750.0, 158, None,
             "U0107;0901", "KATHY SMITH", "LOCK", "10000324", None),
        ],
    ),
    (
        "milyn_zubairov_95b_cuscar.edi",
        [
            ("XXA0037WXXA2042137", None, None, date(2010, 6, 14), 1434.0, 573, "LK",
             "LKCMB", None, None, None, "XXX2042137;XXXX2042137"),
        ],
    ),
    (
        "milyn_zubairov_99a_cuscar.edi",
        [
            ("MOL-EU2-HFA-012W-XXXX8896514-01", None, None, date(2010, 4, 29), 10062.5, 4375,
             "CN", "CNYTN;XXXXX", None, None, "3EPF4 (02)", None),
            ("MOL-EU2-HFA-012W-XXXX5086746-01", None, None, date(2010, 4, 29), 19950.0, 19,
             "TW", "KRPUS;XXXXX", None, None, "3EPF4 (02)", None),
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), SAMPLES, ids=[name for name, _ in SAMPLES])
def test_the_public_samples_are_read(name: str, expected: list[tuple[Any, ...]]) -> None:
    entries, _ = read_tolerantly(parse_cuscar, _sample(name))
    got = [
        (e.id, e.mode, e.port, e.arrival_date, e.gross_kg, e.quantity, e.export_country,
         e.route, e.shipper, e.declarant, e.conveyance, e.containers)
        for e in entries
    ]  # fmt: skip
    assert got == expected


def test_the_95b_samples_wrong_control_count_is_a_warning_not_a_failure() -> None:
    text = _sample("milyn_zubairov_95b_cuscar.edi")
    with pytest.raises(EdifactError, match="UNT counts"):
        parse_cuscar(text)
    entries, warning = read_tolerantly(parse_cuscar, text)
    assert len(entries) == 1
    assert warning is not None and warning.segment_tag == "UNT"


def test_the_ace_descriptions_lines_are_joined_and_its_trailer_is_not_a_container() -> None:
    (entry,) = parse_cuscar(_sample("milyn_d03b_cbp_ace_cuscar_message_01.edi"))
    assert entry.description == "IRON COIL SHEET METAL"
    assert entry.consignee == "KATHY SMITH"
    assert entry.containers is None  # SGP points at the EQD+BI trailer


BROKEN = [
    ("DTM+132:202503051400:203", "DTM+132:202513051400:203", "DTM 132", "DTM"),
    ("MEA+WT+G+KGM:500", "MEA+WT+G+KGM:5OO", "is not a number", "MEA"),
    ("MEA+WT+G+KGM:500", "MEA+WT+G+FTQ:500", "not a mass", "MEA"),
    ("GID+1+800:CT", "GID+1+8X0:CT", "number of packages", "GID"),
]


@pytest.mark.parametrize(("old", "new", "reason", "tag"), BROKEN)
def test_an_unreadable_value_is_refused_with_its_segment(
    old: str, new: str, reason: str, tag: str
) -> None:
    with pytest.raises(EdifactError, match=reason) as raised:
        parse_cuscar(_replace(_fixture(), old, new))
    assert raised.value.segment_tag == tag
    assert raised.value.segment_number is not None


def test_a_passenger_manifest_is_not_a_cargo_report() -> None:
    text = _replace(_fixture(), "CUSCAR:D:03B:UN", "PAXLST:D:05B:UN")
    with pytest.raises(EdifactError, match="not CUSCAR"):
        parse_cuscar(text)


def test_goods_outside_any_consignment_make_one_entry_for_the_message() -> None:
    text = _replace(_fixture(), "CNI+1+MEDU1234567'\n", "")
    text = _replace(text, "UNT+38+M1", "UNT+37+M1")
    text = text.split("CNI+2")[0] + "UNT+26+M1'\nUNZ+1+CC000123'\n"
    (entry,) = parse_cuscar(text)
    assert entry.id == "VOY0424N"  # the BGM document number
    assert entry.quantity == 1210


def test_consignments_without_a_document_number_are_numbered_within_the_message() -> None:
    text = _replace(_fixture(), "CNI+1+MEDU1234567", "CNI+1")
    text = _replace(text, "CNI+2+MEDU7654321", "CNI+2")
    assert [entry.id for entry in parse_cuscar(text)] == ["VOY0424N/1", "VOY0424N/2"]
