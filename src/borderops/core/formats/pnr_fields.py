"""The free-text fields of a PNRGOV message: SSR DOCS/DOCO/DOCA, contacts, seats, cards.

Airlines write these inside single EDIFACT components with their own slash-separated
layouts (IATA Reservations Interline Message Procedures), so they get their own readers.
Each raises ``ValueError`` with a short reason; the PNRGOV reader adds the segment.
"""

from __future__ import annotations

import re

from borderops.core.formats.dates import ddmmmyy
from borderops.core.formats.types import Contact, PnrDocument

DOCS_SEXES = {"M": "M", "F": "F", "MI": "M", "FI": "F", "X": "X", "U": None, "": None}
INFANT_SEXES = {"MI", "FI"}
_SEAT = re.compile(r"0*([1-9][0-9]{0,2})([A-K])")
_CONTACT = re.compile(r"\bCTC\s?([A-Z])\b\s*(.*)")
_TITLES = re.compile(r"\s+(MR|MRS|MS|MISS|MSTR|DR|PROF)$")


def _field(fields: list[str], index: int) -> str | None:
    value = fields[index].strip() if index < len(fields) else ""
    return value or None


def _fields(text: str) -> list[str]:
    text = text.strip()
    return (text[1:] if text.startswith("/") else text).split("/")


def read_docs(text: str, *, past_of: int | None) -> tuple[PnrDocument, bool]:
    """SSR DOCS free text (``/P/GBR/123/GBR/12JUL64/M/23AUG19/SMITH/JOHN/ROBERT``) and
    whether it describes an infant (sex MI or FI)."""
    fields = _fields(text)
    sex_code = (_field(fields, 5) or "").upper()
    if sex_code not in DOCS_SEXES:
        raise ValueError(f"DOCS sex {sex_code!r} is not M, F, MI, FI, X or U")
    birth, expiry = _field(fields, 4), _field(fields, 6)
    given = " ".join(f for f in (_field(fields, 8), _field(fields, 9)) if f)
    document = PnrDocument(
        kind="DOCS",
        type=_field(fields, 0),
        issuer=_field(fields, 1),
        number=_field(fields, 2),
        nationality=_field(fields, 3),
        birth_date=ddmmmyy(birth, past_of=past_of) if birth else None,
        sex=DOCS_SEXES[sex_code],
        expiry=ddmmmyy(expiry) if expiry else None,
        issue_date=None,
        place_of_issue=None,
        surname=_field(fields, 7),
        given_names=given or None,
    )
    return document, sex_code in INFANT_SEXES


def read_doco(text: str) -> PnrDocument:
    """SSR DOCO free text: place of birth / type / number / place of issue / issue date /
    country where valid."""
    fields = _fields(text)
    issued = _field(fields, 4)
    return PnrDocument(
        kind="DOCO",
        type=_field(fields, 1),
        number=_field(fields, 2),
        issuer=None,
        nationality=None,
        birth_date=None,
        sex=None,
        expiry=None,
        issue_date=ddmmmyy(issued) if issued else None,
        place_of_issue=_field(fields, 3),
        surname=None,
        given_names=None,
    )


def read_doca(text: str) -> str:
    """SSR DOCA free text (``/R/USA/1 MAIN ST/TOWN/ST/12345``) as one address line."""
    return ", ".join(part.strip() for part in _fields(text)[1:] if part.strip())


def decode_email(text: str) -> str:
    """An IATA-encoded email address (``//`` for @, ``..`` for _, ``./`` for -)."""
    return text.strip().replace("//", "@").replace("..", "_").replace("./", "-")


def read_contact(text: str) -> Contact | None:
    """A ``CTCE``/``CTCM``/``CTC M``… contact element, or None when the text is not one."""
    match = _CONTACT.search(text.upper())
    if not match:
        return None
    kind, value = match.group(1), match.group(2).strip()
    if not value:
        return None
    if kind == "E":
        return Contact(kind="email", value=decode_email(value), qualifier=None)
    return Contact(kind="phone", value=value, qualifier=kind)


def seat(text: str) -> str | None:
    """A seat number without leading zeros (``074E`` → ``74E``); None for placeholders
    such as ``XXX``."""
    match = _SEAT.fullmatch(text.strip().upper())
    return f"{match.group(1)}{match.group(2)}" if match else None


def card_last_digits(number: str) -> str | None:
    """The last four digits of a (possibly masked) card number; the rest is never kept."""
    digits = "".join(char for char in number if char in "0123456789")
    return digits[-4:] if len(digits) >= 4 else None


def strip_title(given_names: str) -> str:
    """``ISABELLE MRS`` → ``ISABELLE``; a title glued to the name (``JOHNMR``) stays."""
    return _TITLES.sub("", given_names.strip())


def name_key(text: str | None) -> str:
    """Letters only, upper case, for comparing names written differently."""
    return "".join(char for char in (text or "").upper() if char.isalpha())
