"""The Harmonized System nomenclature: reading it from CSV, and the built-in demo set.

The layout is the one the public ``harmonized-system`` data package uses:
``section, hscode, description, parent, level`` with chapters (2 digits, parent ``TOTAL``),
headings (4) and subheadings (6), plus a ``sections.csv`` naming sections I to XXI. The package
ends with an aggregate row (``TOTAL``, level 5) and files chapter 99 under section ``TOTAL``;
the aggregate row is skipped and ``TOTAL`` as a section or parent means "none".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from borderops.core.reference.tabular import TableRows, package_table
from borderops.core.reference.types import HsEntry, HsParseResult, HsSection, RowError

SECTION_NUMERALS = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
    "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI",
)  # fmt: skip
LEVEL_NAMES = {2: "chapter", 4: "heading", 6: "subheading", 8: "tariff line", 10: "tariff line"}
NO_PARENT = frozenset({"", "TOTAL"})
HS_COLUMNS = ("section", "hscode", "description", "parent", "level")
SECTION_COLUMNS = ("section", "name")


def read_hs(path: Path | str) -> HsParseResult:
    """Read an HS nomenclature CSV file from disk."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return parse_hs(stream, path=str(path))


def parse_hs(lines: Iterable[str], *, path: str = "<hs>") -> HsParseResult:
    """Parse HS nomenclature rows; every code's parent must be in the same file."""
    table = TableRows(lines, path=path, required=("hscode", "description"))
    entries: list[HsEntry] = []
    first_line: dict[str, int] = {}
    skipped: list[str] = []
    for line, row in table:
        code = row["hscode"]
        if code.upper() == "TOTAL":
            skipped.append(f"line {line}: the aggregate row {row['description']!r}")
            continue
        entry = _entry(table, line, row)
        if entry is None:
            continue
        if entry.code in first_line:
            table.error(line, f"HS code {entry.code} repeats line {first_line[entry.code]}.")
            continue
        first_line[entry.code] = line
        entries.append(entry)
    for entry in entries:
        if entry.parent is not None and entry.parent not in first_line:
            table.error(
                first_line[entry.code],
                f"HS code {entry.code} names parent {entry.parent}, which the file does not hold.",
            )
    errors = sorted(table.errors, key=lambda error: error.line)
    return HsParseResult(
        path=path, entries=tuple(entries), errors=tuple(errors), skipped=tuple(skipped)
    )


def _entry(table: TableRows, line: int, row: dict[str, str]) -> HsEntry | None:
    code = row["hscode"]
    if not code.isascii() or not code.isdigit() or len(code) not in LEVEL_NAMES:
        table.error(line, f"HS code {code!r} is not 2, 4, 6, 8 or 10 digits.")
        return None
    level_text = row.get("level", "")
    if level_text and level_text != str(len(code)):
        table.error(
            line, f"Level {level_text!r} does not match HS code {code} ({len(code)} digits)."
        )
        return None
    parent_text = row.get("parent", "").upper()
    expected_parent = code[:-2] or None
    if parent_text in NO_PARENT:
        parent = None if len(code) == 2 else expected_parent
    else:
        parent = row["parent"]
    if parent != expected_parent:
        table.error(line, f"HS code {code} should have parent {expected_parent}, not {parent}.")
        return None
    section = row.get("section", "").upper()
    if section == "TOTAL":
        section = ""
    if section and section not in SECTION_NUMERALS:
        table.error(line, f"Section {row['section']!r} is not a numeral from I to XXI.")
        return None
    description = row["description"]
    if not description:
        table.error(line, f"HS code {code} has no description.")
        return None
    return HsEntry(
        code=code, description=description, section=section, parent=parent, level=len(code)
    )


def read_hs_sections(path: Path | str) -> tuple[tuple[HsSection, ...], tuple[RowError, ...]]:
    """Read the ``sections.csv`` that names the HS sections."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return parse_hs_sections(stream, path=str(path))


def parse_hs_sections(
    lines: Iterable[str], *, path: str = "<sections>"
) -> tuple[tuple[HsSection, ...], tuple[RowError, ...]]:
    """The sections a ``section, name`` table names, in table order, and its bad rows."""
    table = TableRows(lines, path=path, required=SECTION_COLUMNS)
    sections: dict[str, HsSection] = {}
    for line, row in table:
        numeral = row["section"].upper()
        if numeral not in SECTION_NUMERALS:
            table.error(line, f"Section {row['section']!r} is not a numeral from I to XXI.")
        elif numeral in sections:
            table.error(line, f"Section {numeral} is named twice.")
        elif not row["name"]:
            table.error(line, f"Section {numeral} has no name.")
        else:
            sections[numeral] = HsSection(numeral=numeral, name=row["name"])
    return tuple(sections.values()), tuple(table.errors)


@cache
def builtin_hs() -> HsParseResult:
    """The HS set shipped for the demo: all 97 chapters and the goods officers meet most.

    Beside the chapters it holds headings and subheadings that come up in enforcement:
    narcotics and their precursors, tobacco and alcohol, firearms and ammunition, gold and
    currency, electronics, vehicles and parts, and goods often counterfeited.
    """
    path, lines = package_table("hs_builtin.csv")
    return parse_hs(lines, path=path)


@cache
def builtin_hs_sections() -> dict[str, HsSection]:
    """The 21 HS sections by numeral."""
    path, lines = package_table("hs_sections.csv")
    sections, errors = parse_hs_sections(lines, path=path)
    if errors:
        raise ValueError("; ".join(str(error) for error in errors))
    return {section.numeral: section for section in sections}


def level_name(level: int) -> str:
    """What a code of this many digits is called: chapter, heading or subheading."""
    return LEVEL_NAMES.get(level, f"{level}-digit code")


def ancestors(code: str) -> tuple[str, ...]:
    """The codes above ``code``, chapter first: 010121 → (01, 0101)."""
    return tuple(code[:length] for length in range(2, len(code), 2))
