"""Facts read out of the free-text Remarks of OFAC's legacy CSV files.

OFAC packs what its CSV has no column for into ``Remarks``, one fact per ``;``-separated
fragment: ``DOB 12 Jan 1970; alt. DOB circa 1971; POB Baghdad, Iraq; nationality Iran;
citizen Iran; Passport A1234567 (Iran) issued 01 Jan 2000; National ID No. 123 (Colombia);
Gender Male; a.k.a. 'ABU X'; Vessel Registration Identification IMO 9187629; Linked To: Y.``

The parser reads the fragments it knows and leaves the rest alone: the whole text stays in the
entry's remarks, so a fragment it cannot read (a date such as ``31 Feb 1970``, a country it
cannot name) loses nothing and is never an error. Aliases written in remarks are OFAC's weak
aliases. It never raises, whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from borderops.core.lists.countries import country_code
from borderops.core.lists.dates import read_date
from borderops.core.lists.entries import T
from borderops.core.lists.types import IdentityDocument, ListedName, NameKind

# Labels of identity documents in remarks, and the kind each one is.
DOCUMENT_LABELS: dict[str, str] = {
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "British National Overseas Passport": "passport",
    "Passport Booklet:": "passport",
    "Passport Booklet": "passport",
    "National ID No.": "national_id",
    "Cedula No.": "national_id",
    "C.U.R.P.": "national_id",
    "C.U.R.P. #": "national_id",
    "D.N.I.": "national_id",
    "Personal ID Card": "national_id",
    "National Foreign ID Number": "national_id",
    "Turkish Identification Number": "national_id",
    "Kenyan ID No.": "national_id",
    "Tazkira National ID Card": "national_id",
    "SSN": "national_id",
    "Identification Number": "other",
    "Driver's License No.": "other",
    "Refugee ID Card": "other",
}

_ALT = r"(?:alt\.\s+)?"
_DOB = re.compile(rf"{_ALT}DOB\s+(.+)")
_POB = re.compile(rf"{_ALT}POB\s+(.+)")
_COUNTRY = re.compile(rf"{_ALT}(?:nationality|citizen)\s+(.+)")
_GENDER = re.compile(r"Gender\s+(Male|Female)", re.IGNORECASE)
_ALIAS = re.compile(r"([afn])\.k\.a\.,?\s+(['\"])(.+)\2")
_IMO = re.compile(
    rf"{_ALT}(?:Vessel Registration Identification|Identification Number)\s+IMO\s+(\d{{7}})"
)
_LINKED = re.compile(r"Linked To:\s*(.+)")
_TAIL = re.compile(rf"{_ALT}Aircraft Tail Number\s+(.+)")
_DOCUMENT = re.compile(
    _ALT
    + "("
    + "|".join(re.escape(label) for label in sorted(DOCUMENT_LABELS, key=len, reverse=True))
    + r")\s+(?:No\.\s*|#\s*)?"
    + r"(\S[^()]*?)"  # the number, up to a (country) or an issued/expires note
    + r"(?:\s*\(([^()]+)\))?"
    + r"(?:\s+(?:issued|expires|expired)\b.*)?"
)
_ALIAS_KINDS = {"a": NameKind.ALIAS, "f": NameKind.FORMER, "n": NameKind.NEW}


@dataclass(frozen=True, slots=True)
class RemarkFacts:
    """What an OFAC remarks text says about an entry, in the contract's terms."""

    birth_dates: tuple[str, ...] = ()
    approximate_birth_dates: tuple[str, ...] = ()
    unparsed_birth_dates: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    unresolved_countries: tuple[str, ...] = ()
    gender: str | None = None
    documents: tuple[IdentityDocument, ...] = ()
    weak_aliases: tuple[ListedName, ...] = ()
    imo_numbers: tuple[str, ...] = ()
    linked_to: tuple[str, ...] = ()
    tail_numbers: tuple[str, ...] = ()


def remark_fragments(text: str) -> list[str]:
    """The ``;``-separated fragments of a remarks text, without OFAC's closing full stop."""
    value = text.strip()
    if value.endswith("."):
        value = value[:-1]
    return [fragment.strip() for fragment in value.split(";") if fragment.strip()]


class _Reading:
    """The facts found so far in one remarks text."""

    def __init__(self) -> None:
        self.births: list[str] = []
        self.approximate: list[str] = []
        self.unparsed: list[str] = []
        self.places: list[str] = []
        self.countries: list[str] = []
        self.unresolved: list[str] = []
        self.documents: list[IdentityDocument] = []
        self.aliases: list[ListedName] = []
        self.imos: list[str] = []
        self.linked: list[str] = []
        self.tails: list[str] = []
        self.gender: str | None = None

    def birth_date(self, fragment: str) -> None:
        if found := _DOB.fullmatch(fragment):
            reading = read_date(found.group(1))
            if reading is None:
                self.unparsed.append(found.group(1))
            else:
                self.births.extend(reading.dates)
                if reading.approximate:
                    self.approximate.extend(reading.dates)

    def birth_place(self, fragment: str) -> None:
        if found := _POB.fullmatch(fragment):
            self.places.append(found.group(1).strip())

    def country(self, fragment: str) -> None:
        if found := _COUNTRY.fullmatch(fragment):
            code = country_code(found.group(1))
            if code:
                self.countries.append(code)
            else:
                self.unresolved.append(found.group(1).strip())

    def gender_of(self, fragment: str) -> None:
        if found := _GENDER.fullmatch(fragment):
            self.gender = "M" if found.group(1).casefold() == "male" else "F"

    def alias(self, fragment: str) -> None:
        found = _ALIAS.fullmatch(fragment)
        if found and found.group(3).strip():
            kind = _ALIAS_KINDS[found.group(1)]
            self.aliases.append(ListedName(found.group(3).strip(), kind, weak=True))

    def identifier(self, fragment: str) -> None:
        if found := _IMO.fullmatch(fragment):
            self.imos.append(found.group(1))
        elif found := _DOCUMENT.fullmatch(fragment):
            self.document(found)

    def document(self, found: re.Match[str]) -> None:
        label, number, country_text = found.groups()
        number = number.strip()
        if not any(char.isdigit() for char in number):
            return
        country = country_code(country_text) if country_text else None
        if country_text and country is None:
            self.unresolved.append(country_text.strip())
        self.documents.append(IdentityDocument(number, DOCUMENT_LABELS[label], country))

    def linked_to(self, fragment: str) -> None:
        if found := _LINKED.fullmatch(fragment):
            self.linked.append(found.group(1).strip())

    def tail_number(self, fragment: str) -> None:
        if found := _TAIL.fullmatch(fragment):
            self.tails.append(found.group(1).strip())

    def facts(self) -> RemarkFacts:
        return RemarkFacts(
            birth_dates=_once(self.births),
            approximate_birth_dates=_once(self.approximate),
            unparsed_birth_dates=tuple(self.unparsed),
            birth_places=_once(self.places),
            nationalities=_once(self.countries),
            unresolved_countries=_once(self.unresolved),
            gender=self.gender,
            documents=_once(self.documents),
            weak_aliases=_once(self.aliases),
            imo_numbers=_once(self.imos),
            linked_to=tuple(self.linked),
            tail_numbers=_once(self.tails),
        )


def _once(values: list[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(values)) if values else ()


# Which reader a fragment goes to, by its first word (after any "alt.").
_READERS: dict[str, Callable[[_Reading, str], None]] = {
    "DOB": _Reading.birth_date,
    "POB": _Reading.birth_place,
    "nationality": _Reading.country,
    "citizen": _Reading.country,
    "Gender": _Reading.gender_of,
    "a.k.a.": _Reading.alias,
    "f.k.a.": _Reading.alias,
    "n.k.a.": _Reading.alias,
    "a.k.a.,": _Reading.alias,
    "Linked": _Reading.linked_to,
    "Aircraft": _Reading.tail_number,
    **{label.split(" ", 1)[0]: _Reading.identifier for label in DOCUMENT_LABELS},
    "Vessel": _Reading.identifier,
}
NOTHING = RemarkFacts()


def parse_remarks(text: str) -> RemarkFacts:
    """The dates, places, nationalities, documents, weak aliases and IMO numbers in remarks."""
    reading: _Reading | None = None  # made only when a fragment looks like a known fact
    for fragment in remark_fragments(text) if text else ():
        head = fragment[5:].lstrip() if fragment.startswith("alt. ") else fragment
        reader = _READERS.get(head.split(" ", 1)[0])
        if reader is not None:
            reading = reading or _Reading()
            reader(reading, fragment)
    return reading.facts() if reading is not None else NOTHING
