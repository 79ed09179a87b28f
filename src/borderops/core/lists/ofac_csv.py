"""OFAC's legacy CSV files: ``sdn.csv`` (or ``cons_prim.csv``) with ``alt.csv`` and ``add.csv``.

The path is the folder holding them (or the primary file itself). The files have no header,
write ``-0-`` (often ``-0- ``) for an empty value, end lines with CRLF and the file with a
``^Z`` byte, and are Latin-1 (UTF-8 is read as such when the bytes are valid UTF-8).

* primary, 12 columns: ``ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type,
  Tonnage, GRT, Vess_flag, Vess_owner, Remarks``. ``SDN_Type`` is ``individual`` (a person),
  ``vessel``, ``aircraft`` or empty (an organisation). Names stay as OFAC writes them
  (``SURNAME, Given``). The remarks are kept whole and read by ``remarks.parse_remarks``.
* ``alt.csv``, 5 columns: ``ent_num, alt_num, alt_type, alt_name, alt_remarks``; the type is
  ``aka``, ``fka`` or ``nka`` (dotted or not); an alias whose remarks say weak is weak.
* ``add.csv``, 6 columns: ``ent_num, Add_num, Address, City/State/Province/Postal Code,
  Country, Add_remarks``. Countries of address go to ``extra["address_countries"]`` only:
  where an entry has offices says nothing about its nationality.

The entry id is ``ent_num``. The list is ``ofac-sdn`` for ``sdn.csv`` and
``ofac-consolidated`` for ``cons_prim.csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from borderops.core.lists.countries import country_code
from borderops.core.lists.csvrows import csv_records
from borderops.core.lists.entries import put_extra, unique_names
from borderops.core.lists.ofac import OFAC_ENTITY_TYPES, list_name_for, name_kind, split_programs
from borderops.core.lists.problems import ProblemLog, read_bytes, refuse
from borderops.core.lists.remarks import parse_remarks
from borderops.core.lists.types import ListedName, ListEntry, ListFormat, LoadedList

NULL = "-0-"
END_OF_FILE = "\x1a"
# The primary file of each kind of folder, with its alias and address files.
FILE_SETS: dict[str, tuple[str, str]] = {
    "sdn.csv": ("alt.csv", "add.csv"),
    "cons_prim.csv": ("cons_alt.csv", "cons_add.csv"),
}
PRIMARY_COLUMNS = 12
ALIAS_COLUMNS = 5
ADDRESS_COLUMNS = 6
# Primary columns after ent_num and SDN_Name that land in ``extra``, by position.
VESSEL_EXTRA = {
    4: "title",
    5: "call_sign",
    6: "vessel_type",
    7: "tonnage",
    8: "gross_registered_tonnage",
    10: "vessel_owner",
}
FLAG_COLUMN = 9


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.rstrip().rstrip(END_OF_FILE)


def csv_rows(path: Path, log: ProblemLog) -> Iterator[tuple[int, list[str]]]:
    """Each non-blank row of an OFAC file with the line it starts on, ``-0-`` made empty."""
    for line, row in csv_records(_decode(read_bytes(path)), path, log):
        yield line, ["" if (value := cell.strip()) == NULL else value for cell in row]


def has_width(row: list[str], columns: int, where: tuple[Path, int], log: ProblemLog) -> bool:
    """Whether the row has the file's number of columns; a problem is noted when not."""
    if len(row) == columns:
        return True
    path, line = where
    log.add(f"line {line}", f"Expected {columns} columns, found {len(row)}.", path=path)
    return False


def _files(path: Path) -> tuple[Path, Path | None, Path | None]:
    try:
        return _find_files(path)
    except OSError as error:
        refuse(path, "path", f"The folder cannot be read: {error.strerror or error}.")


def _find_files(path: Path) -> tuple[Path, Path | None, Path | None]:
    if path.is_file():
        folder, primary = path.parent, path
    elif path.is_dir():
        folder = path
        present = {child.name.casefold(): child for child in path.iterdir()}
        found = [present[name] for name in FILE_SETS if name in present]
        if not found:
            refuse(path, "folder", "No sdn.csv or cons_prim.csv here; is this an OFAC CSV folder?")
        if len(found) > 1:
            refuse(path, "folder", "Both sdn.csv and cons_prim.csv are here; give the file itself.")
        primary = found[0]
    else:
        refuse(path, "path", "No such file or folder; check the path.")
    kind = "cons_prim.csv" if primary.name.casefold().startswith("cons") else "sdn.csv"
    companions = {child.name.casefold(): child for child in folder.iterdir() if child.is_file()}
    alias_name, address_name = FILE_SETS[kind]
    return primary, companions.get(alias_name), companions.get(address_name)


class _Aliases:
    """The aliases and countries of address of each ent_num, from the companion files."""

    def __init__(self) -> None:
        self.names: dict[str, list[ListedName]] = {}
        self.address_countries: dict[str, list[str]] = {}

    def read_aliases(self, path: Path, known: set[str], log: ProblemLog) -> None:
        for line, row in csv_rows(path, log):
            if not has_width(row, ALIAS_COLUMNS, (path, line), log):
                continue
            ent_num, _, alt_type, alt_name, alt_remarks = row
            kind = name_kind(alt_type)
            if ent_num not in known:
                log.add(
                    f"line {line}", f"ent_num {ent_num!r} is not in the primary file.", path=path
                )
            elif kind is None:
                log.add(
                    f"line {line}",
                    f"Unknown alt_type {alt_type!r}; expected aka, fka or nka.",
                    path=path,
                )
            elif not alt_name:
                log.add(f"line {line}", "The alias has no alt_name.", path=path)
            else:
                weak = "weak" in alt_remarks.casefold()
                self.names.setdefault(ent_num, []).append(ListedName(alt_name, kind, weak=weak))

    def read_addresses(self, path: Path, known: set[str], log: ProblemLog) -> None:
        for line, row in csv_rows(path, log):
            if not has_width(row, ADDRESS_COLUMNS, (path, line), log):
                continue
            ent_num, country = row[0], row[4]
            if ent_num not in known:
                log.add(
                    f"line {line}", f"ent_num {ent_num!r} is not in the primary file.", path=path
                )
            elif country and (code := country_code(country)):
                self.address_countries.setdefault(ent_num, []).append(code)


def _entry(row: list[str], list_name: str, aliases: _Aliases) -> ListEntry:
    ent_num, name, sdn_type, program = row[:4]
    facts = parse_remarks(row[11])
    extra = {key: row[index] for index, key in VESSEL_EXTRA.items() if row[index]}
    if row[FLAG_COLUMN]:
        extra["flag"] = country_code(row[FLAG_COLUMN]) or row[FLAG_COLUMN]
    put_extra(extra, "address_countries", aliases.address_countries.get(ent_num, ()))
    put_extra(extra, "linked_to", facts.linked_to)
    put_extra(extra, "tail_numbers", facts.tail_numbers)
    put_extra(extra, "approximate_birth_dates", facts.approximate_birth_dates)
    put_extra(extra, "unparsed_birth_dates", facts.unparsed_birth_dates)
    put_extra(extra, "unresolved_countries", facts.unresolved_countries)
    names = [ListedName(name), *aliases.names.get(ent_num, ()), *facts.weak_aliases]
    return ListEntry(
        list_name=list_name,
        entry_id=ent_num,
        entity_type=OFAC_ENTITY_TYPES[sdn_type.casefold()],
        names=unique_names(names),
        birth_dates=facts.birth_dates,
        birth_places=facts.birth_places,
        nationalities=facts.nationalities,
        gender=facts.gender,
        documents=facts.documents,
        programs=split_programs(program),
        remarks=row[11],
        imo_numbers=facts.imo_numbers,
        extra=extra,
    )


def load_ofac_csv(path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read an OFAC legacy CSV folder (``sdn.csv`` or ``cons_prim.csv`` and companions)."""
    primary, alias_file, address_file = _files(path)
    log = ProblemLog(primary)
    name = list_name or list_name_for(primary.stem) or "ofac-csv"
    rows: dict[str, list[str]] = {}
    refused: set[str] = set()  # rows already reported; their aliases are not reported again
    for line, row in csv_rows(primary, log):
        refused.add(row[0])
        if not has_width(row, PRIMARY_COLUMNS, (primary, line), log):
            continue
        ent_num, sdn_name, sdn_type = row[:3]
        if not ent_num.isdigit():
            log.add(f"line {line}", f"ent_num {ent_num!r} is not a number.")
        elif ent_num in rows:
            log.add(f"line {line}", f"ent_num {ent_num} is used by an earlier row.")
        elif not sdn_name:
            log.add(f"line {line}", f"Entry {ent_num} has no SDN_Name.")
        elif sdn_type.casefold() not in OFAC_ENTITY_TYPES:
            log.add(f"line {line}", f"Entry {ent_num} has an unknown SDN_Type {sdn_type!r}.")
        else:
            rows[ent_num] = row
            refused.discard(ent_num)
    aliases = _Aliases()
    known = set(rows) | refused
    if alias_file is not None:
        aliases.read_aliases(alias_file, known, log)
    if address_file is not None:
        aliases.read_addresses(address_file, known, log)
    log.require_entries(len(rows))
    log.raise_if_any()
    entries = tuple(_entry(row, name, aliases) for row in rows.values())
    return LoadedList(name, ListFormat.OFAC_CSV, str(path), entries)
