"""The HS nomenclature parser and the built-in demo set."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderops.core.reference.hs import (
    ancestors,
    builtin_hs,
    builtin_hs_sections,
    parse_hs,
    parse_hs_sections,
    read_hs,
    read_hs_sections,
)

HEADER = "section,hscode,description,parent,level\n"
GOOD = (
    HEADER
    + "I,01,Animals; live,TOTAL,2\n"
    + 'I,0101,"Horses, asses, mules and hinnies; live",01,4\n'
    + "I,010121,Horses; live; pure-bred breeding animals,0101,6\n"
    + "TOTAL,99,Commodities not specified according to kind,TOTAL,2\n"
    + "TOTAL,TOTAL,Total of all HS2022 commodities,TOTAL,5\n"
)


def test_hs_reads_chapters_headings_and_subheadings_with_their_parents() -> None:
    result = parse_hs(GOOD.splitlines(keepends=True), path="hs.csv")

    assert result.errors == ()
    assert [(e.code, e.parent, e.level, e.section) for e in result.entries] == [
        ("01", None, 2, "I"),
        ("0101", "01", 4, "I"),
        ("010121", "0101", 6, "I"),
        ("99", None, 2, ""),
    ]


def test_hs_skips_the_aggregate_total_row() -> None:
    result = parse_hs(GOOD.splitlines(keepends=True), path="hs.csv")

    assert len(result.skipped) == 1
    assert "line 6" in result.skipped[0]


BAD_ROWS = [
    ("I,1X,Animals,TOTAL,2", "is not 2, 4, 6, 8 or 10 digits"),
    ("I,0102,Bovine animals; live,01,6", "does not match HS code 0102"),
    ("I,0102,Bovine animals; live,02,4", "should have parent 01, not 02"),
    ("XXX,0102,Bovine animals; live,01,4", "is not a numeral from I to XXI"),
    ("I,0102,,01,4", "has no description"),
    ("I,0101,Horses again,01,4", "repeats line 3"),
    ("I,030617,Shrimps; frozen,0306,6", "names parent 0306, which the file does not hold"),
    ("I,01,too,many,fields,here", "Has 6 fields; expected 5"),
]


@pytest.mark.parametrize(("row", "reason"), BAD_ROWS)
def test_hs_bad_row_is_reported_with_its_line_and_reason(row: str, reason: str) -> None:
    text = HEADER + "I,01,Animals; live,TOTAL,2\n" + "I,0101,Horses; live,01,4\n" + row + "\n"

    result = parse_hs(text.splitlines(keepends=True), path="hs.csv")

    assert [(error.path, error.line) for error in result.errors] == [("hs.csv", 4)]
    assert reason in result.errors[0].reason


def test_hs_file_without_codes_column_is_rejected_on_line_one() -> None:
    result = parse_hs(["code,text\n", "01,x\n"], path="hs.csv")

    assert [(error.line, "hscode" in error.reason) for error in result.errors] == [(1, True)]


def test_hs_sections_are_read_with_their_numerals() -> None:
    text = "\ufeffsection,name\nI,Live animals; animal products\nII,Vegetable products\nII,Again\n"

    sections, errors = parse_hs_sections(text.splitlines(keepends=True), path="sections.csv")

    assert [(s.numeral, s.name) for s in sections] == [
        ("I", "Live animals; animal products"),
        ("II", "Vegetable products"),
    ]
    assert [(error.line, error.reason) for error in errors] == [(4, "Section II is named twice.")]


def test_builtin_hs_has_all_97_chapters_and_no_errors() -> None:
    result = builtin_hs()

    chapters = [entry.code for entry in result.entries if entry.level == 2]
    assert result.errors == ()
    assert chapters == [f"{number:02d}" for number in range(1, 98)]
    assert all(entry.description for entry in result.entries)
    assert all(entry.section in builtin_hs_sections() for entry in result.entries)


ENFORCEMENT_CODES = [
    "0803", "0901", "1211", "2203", "2402", "2939", "3004", "6109", "6403", "7108", "8471",
    "8517", "8703", "9302", "9303", "9306", "8542", "2710", "4011", "8708", "3926", "9503",
    "6204", "0306", "2106", "293972", "851713",
]  # fmt: skip


@pytest.mark.parametrize("code", ENFORCEMENT_CODES)
def test_builtin_hs_holds_the_codes_officers_meet_most(code: str) -> None:
    codes = {entry.code: entry for entry in builtin_hs().entries}

    assert code in codes
    assert codes[code].parent == (code[:-2] or None)


def test_builtin_hs_sections_are_the_21_sections() -> None:
    assert list(builtin_hs_sections()) == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
        "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "above"), [("01", ()), ("0101", ("01",)), ("010121", ("01", "0101"))]
)
def test_hs_ancestors_run_from_the_chapter_down(code: str, above: tuple[str, ...]) -> None:
    assert ancestors(code) == above


SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
HS_FILE = SHARED_DATA / "harmonized-system" / "harmonized-system.csv"
SECTIONS_FILE = SHARED_DATA / "harmonized-system" / "sections.csv"


@pytest.mark.skipif(not HS_FILE.exists(), reason="the shared HS data file is not present")
def test_hs_reads_the_published_nomenclature_without_errors() -> None:
    result = read_hs(HS_FILE)
    sections, section_errors = read_hs_sections(SECTIONS_FILE)

    levels = [entry.level for entry in result.entries]
    assert result.errors == ()
    assert (levels.count(2), levels.count(4), levels.count(6)) == (97, 1229, 5613)
    assert len(result.skipped) == 1
    assert section_errors == ()
    assert len(sections) == 21
