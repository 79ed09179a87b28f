"""The contract between list loaders and the screening engine.

Every loader turns its source format into ``ListEntry`` records; the matcher and the
database both read only these. Entries keep the source list's own identifier.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """What a listed entry or a screened subject is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    VEHICLE = "vehicle"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"


class NameKind(StrEnum):
    """How a name belongs to an entry."""

    PRIMARY = "primary"
    ALIAS = "alias"  # a.k.a.
    FORMER = "former"  # f.k.a.
    NEW = "new"  # n.k.a.


class ListFormat(StrEnum):
    """The file formats ``borderops screen --list FORMAT:PATH`` accepts."""

    OFAC_CSV = "ofac-csv"
    OFAC_XML = "ofac-xml"
    UN_XML = "un-xml"
    FTM = "ftm"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class ListedName:
    """One name of an entry. ``weak`` marks low-quality aliases (UN 'Low', OFAC weak a.k.a.)."""

    text: str
    kind: NameKind = NameKind.PRIMARY
    weak: bool = False


@dataclass(frozen=True, slots=True)
class IdentityDocument:
    """A passport, national identity card or other document number on an entry."""

    number: str
    kind: str = "passport"  # passport, national_id, other
    country: str | None = None  # ISO 3166 alpha-2, upper case


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One entry of a watchlist or lookout list, in the form every engine reads.

    Dates are ISO strings, possibly partial (``1970`` or ``1970-05``), since lists often know
    only a year. Countries are ISO 3166 alpha-2, upper case.
    """

    list_name: str
    entry_id: str
    entity_type: EntityType
    names: tuple[ListedName, ...]
    birth_dates: tuple[str, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: str | None = None  # "M", "F" or None
    documents: tuple[IdentityDocument, ...] = ()
    programs: tuple[str, ...] = ()
    remarks: str = ""
    plates: tuple[str, ...] = ()
    vins: tuple[str, ...] = ()
    imo_numbers: tuple[str, ...] = ()
    # Lookouts the agency writes itself carry these; public lists leave them empty.
    owner: str = ""
    reason: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    handling: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def primary_name(self) -> str:
        """The entry's main name (its first)."""
        return self.names[0].text if self.names else ""


@dataclass(frozen=True, slots=True)
class ListProblem:
    """A part of a list file that could not be read: where, and why."""

    path: str
    location: str  # "line 12", "element INDIVIDUAL[DATAID=6908555]", "record 3"
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.location}: {self.reason}"


class ListFormatError(Exception):
    """A list file that cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[ListProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(problem) for problem in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{len(problems)} problem(s) in the list file:\n{shown}{more}")


@dataclass(frozen=True)
class LoadedList:
    """The entries read from one list file, with the name the list is known by."""

    list_name: str
    format: ListFormat
    source: str
    entries: tuple[ListEntry, ...]
    published: str | None = None  # the list's own publication date, when it says
