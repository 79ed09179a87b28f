"""The ICAO Doc 9303 codes and limits the document checks read, as conservative tables.

Every table errs towards saying nothing: a code missing here makes a check stay silent
(unknown document kind, no validity limit) rather than raise a false finding.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from borderops.core.documents.icao9303 import MrzFormat
from borderops.core.lists.countries import code_to_alpha2


class DocumentKind(StrEnum):
    """What a travel document is, whatever vocabulary (MRZ, PAXLST, a form) named it."""

    PASSPORT = "passport"
    ID_CARD = "id_card"
    VISA = "visa"
    OTHER = "other"


KIND_WORDS: dict[DocumentKind, str] = {
    DocumentKind.PASSPORT: "passport",
    DocumentKind.ID_CARD: "identity card",
    DocumentKind.VISA: "visa",
    DocumentKind.OTHER: "document",
}

# Doc 9303 document codes by their first character (Parts 4–7); PAXLST (code list 1001) and
# the agency's forms use the same letters, so one table reads both. I, A and C are the
# card codes (identity cards, residence permits, crew member certificates).
_KIND_BY_LETTER = {
    "P": DocumentKind.PASSPORT,
    "V": DocumentKind.VISA,
    "I": DocumentKind.ID_CARD,
    "A": DocumentKind.ID_CARD,
    "C": DocumentKind.ID_CARD,
}
_KIND_BY_WORD = {kind.value.upper(): kind for kind in DocumentKind} | {
    "IDCARD": DocumentKind.ID_CARD,
    "ID": DocumentKind.ID_CARD,
    "IDENTITY_CARD": DocumentKind.ID_CARD,
    "NATIONAL_ID": DocumentKind.ID_CARD,
}
# When the code says nothing, the MRZ's size does: booklets are passports, cards are cards.
_KIND_BY_FORMAT = {
    MrzFormat.TD3: DocumentKind.PASSPORT,
    MrzFormat.TD1: DocumentKind.ID_CARD,
    MrzFormat.TD2: DocumentKind.ID_CARD,
    MrzFormat.MRV_A: DocumentKind.VISA,
    MrzFormat.MRV_B: DocumentKind.VISA,
}


def document_kind(code: str | None, mrz_format: MrzFormat | None = None) -> DocumentKind:
    """The kind of document a Doc 9303 or PAXLST code (``P``, ``PD``, ``ID``, ``V``) names."""
    text = (code or "").strip().upper().replace("<", "")
    if text in _KIND_BY_WORD and len(text) > 2:
        return _KIND_BY_WORD[text]
    if text[:1] in _KIND_BY_LETTER:
        return _KIND_BY_LETTER[text[0]]
    if mrz_format is not None:
        return _KIND_BY_FORMAT[mrz_format]
    return DocumentKind.OTHER


# National passports: ordinary (P, P<, PP), diplomatic (PD), official (PO), service (PS).
# States issue these to their own nationals only. Other second letters are left out on
# purpose: states use them for emergency, alien's, refugee and stateless travel documents,
# which are issued to people of another or no nationality.
NATIONAL_PASSPORT_CODES = frozenset({"P", "PP", "PD", "PO", "PS"})

# Doc 9303 Part 3 codes of organisations that issue travel documents (laissez-passer and
# the like) to people who keep their own nationality, and UNMIK's code for Kosovo.
ORGANISATION_CODES: dict[str, str] = {
    "UNO": "United Nations Organization",
    "UNA": "a specialized agency of the United Nations",
    "UNK": "UNMIK, for residents of Kosovo",
    "EUE": "European Union",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XDC": "Southern African Development Community",
    "XEC": "Economic Community of West African States",
    "XES": "Organisation of Eastern Caribbean States",
    "XOM": "Sovereign Military Order of Malta",
    "XPO": "Interpol",
}
# Doc 9303 Part 3 nationality codes of people who hold no state's nationality.
NO_STATE_CODES: dict[str, str] = {
    "XXA": "stateless person (1954 Convention)",
    "XXB": "refugee (1951 Convention)",
    "XXC": "refugee (other than the 1951 Convention)",
    "XXX": "person of unspecified nationality",
}
# Doc 9303 Part 3: the classes of British nationality, all written in passports GBR issues.
BRITISH_CLASSES = frozenset({"GBD", "GBN", "GBO", "GBP", "GBS"})
# Where a document writes a state other than by its ISO 3166 alpha-3 code: Doc 9303's D for
# Germany, and the RKS that Kosovo's own passports carry (lists write XKX or XK).
STATE_EQUIVALENTS: dict[str, str] = {"D": "DEU", "RKS": "XKX"}


@lru_cache(maxsize=1024)
def canonical_state(code: str | None) -> str | None:
    """One spelling per state: ICAO's ``D`` as ``DEU``, alpha-2 as alpha-3; others as given."""
    if not code:
        return None
    text = code.strip().upper().rstrip("<")
    text = STATE_EQUIVALENTS.get(text, text)
    if len(text) == 2:
        # PAXLST and the lookout lists may write alpha-2; compare on alpha-2 either way.
        return code_to_alpha2(text) or text
    if len(text) == 3 and text not in ORGANISATION_CODES and text not in NO_STATE_CODES:
        return code_to_alpha2(text) or text
    return text or None


def is_known_state(code: str) -> bool:
    """Whether the code names a state (ISO 3166, or ICAO's ``D``/``RKS``), not noise."""
    text = code.strip().upper().rstrip("<")
    text = STATE_EQUIVALENTS.get(text, text)
    if text in BRITISH_CLASSES or text in ORGANISATION_CODES or text in NO_STATE_CODES:
        return True
    return len(text) in (2, 3) and code_to_alpha2(text) is not None


def passport_may_name_other_nationality(issuer: str, nationality: str) -> bool:
    """Whether a national passport issued by ``issuer`` may name ``nationality`` legitimately."""
    special = ORGANISATION_CODES.keys() | NO_STATE_CODES.keys()
    if issuer in special or nationality in special:
        return True
    if issuer == "GBR" and nationality in BRITISH_CLASSES:
        return True
    return canonical_state(issuer) == canonical_state(nationality)


# The longest a document of each kind is issued for, in years (passports and visas 10,
# identity cards 15). Kinds not listed have no limit the checks know.
VALIDITY_YEARS: dict[DocumentKind, int] = {
    DocumentKind.PASSPORT: 10,
    DocumentKind.ID_CARD: 15,
    DocumentKind.VISA: 10,
}
# Some states add the unused months of the previous document (the UK up to nine), so the
# limit tolerates a year more before a finding.
VALIDITY_GRACE_MONTHS = 12
