"""The rules comparing the presented document with the advance data for the same traveller.

Each compares one field only when both sides have it: a value the manifest left out is not
a disagreement. Dates compare exactly, countries after ICAO's own codes are mapped
(``D`` is ``DEU``), document numbers without fillers, spaces or dashes, names tolerantly.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from borderops.core.documents.checks.codes import canonical_state
from borderops.core.documents.checks.names import names_agree
from borderops.core.documents.checks.types import CheckContext, Outcome, PresentedDocument
from borderops.core.screening.normalise import normalise_identifier

KNOWN_SEXES = frozenset({"M", "F"})


def same_number(first: str | None, second: str | None) -> bool:
    """Two document numbers are the same once fillers, spaces and dashes are removed."""
    return bool(first and second) and _number_key(first) == _number_key(second)


def _number_key(number: str | None) -> str:
    return normalise_identifier((number or "").replace("<", ""))


def _date_mismatch(
    field: str, label: str, presented: date | None, announced: date | None
) -> Iterator[Outcome]:
    if presented is not None and announced is not None and presented != announced:
        yield Outcome(
            f"The {label} on the document, {presented}, differs from the advance data's "
            f"{announced}.",
            {"document": presented.isoformat(), "advance": announced.isoformat(), "field": field},
        )


def _country_mismatch(
    field: str, label: str, presented: str | None, announced: str | None
) -> Iterator[Outcome]:
    if presented and announced and canonical_state(presented) != canonical_state(announced):
        yield Outcome(
            f"The {label} on the document, {presented}, differs from the advance data's "
            f"{announced}.",
            {"document": presented, "advance": announced, "field": field},
        )


def _same_document(document: PresentedDocument, context: CheckContext) -> bool:
    # Expiry and issuer compare only when the number agrees (or is missing): of another
    # document they differ as a matter of course, which the number rule already says.
    advance = context.advance
    return advance is not None and (
        not document.document_number
        or not advance.document_number
        or _number_agrees(document, advance.document_number)
    )


def _number_agrees(document: PresentedDocument, announced: str) -> bool:
    # The airline may have read the MRZ without repairing it: the number as printed agrees too.
    return same_number(document.document_number, announced) or same_number(
        document.number_as_printed, announced
    )


def name_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The name on the document is not the name in the advance data, allowing for spelling."""
    advance = context.advance
    if advance is None:
        return
    presented = (document.surname, document.given_names)
    announced = (advance.surname or "", advance.given_names or "")
    if names_agree(presented, announced) is False:
        shown = ", ".join(part for part in presented if part)
        listed = ", ".join(part for part in announced if part)
        yield Outcome(
            f"The name on the document, {shown}, differs from the advance data's {listed}.",
            {"document": shown, "advance": listed, "field": "name"},
        )


def birth_date_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The birth date on the document is not the one in the advance data."""
    if context.advance is not None:
        announced = context.advance.birth_date
        yield from _date_mismatch("birth_date", "birth date", document.birth_date, announced)


def document_number_mismatch(
    document: PresentedDocument, context: CheckContext
) -> Iterator[Outcome]:
    """The document number is not the one in the advance data (fillers and spaces aside)."""
    advance = context.advance
    if advance is None or not advance.document_number or not document.document_number:
        return
    if not _number_agrees(document, advance.document_number):
        yield Outcome(
            f"The document number {document.document_number} differs from the advance "
            f"data's {advance.document_number}.",
            {
                "document": document.document_number,
                "advance": advance.document_number,
                "field": "document_number",
            },
        )


def nationality_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The nationality on the document is not the one in the advance data."""
    if context.advance is not None:
        announced = context.advance.nationality
        yield from _country_mismatch("nationality", "nationality", document.nationality, announced)


def sex_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The sex on the document is not the one in the advance data (unspecified matches any)."""
    if context.advance is None:
        return
    presented = (document.sex or "").upper()[:1]
    announced = (context.advance.sex or "").upper()[:1]
    if presented in KNOWN_SEXES and announced in KNOWN_SEXES and presented != announced:
        yield Outcome(
            f"The sex on the document, {presented}, differs from the advance data's {announced}.",
            {"document": presented, "advance": announced, "field": "sex"},
        )


def expiry_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The document's expiry date is not the one the advance data gives for the same number."""
    if context.advance is not None and _same_document(document, context):
        announced = context.advance.document_expiry
        yield from _date_mismatch("expiry_date", "expiry date", document.expiry_date, announced)


def issuer_mismatch(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """The issuing state is not the one the advance data gives for the same document number."""
    if context.advance is not None and _same_document(document, context):
        announced = context.advance.document_issuer
        yield from _country_mismatch(
            "issuing_state", "issuing state", document.issuing_state, announced
        )


def not_on_manifest(document: PresentedDocument, context: CheckContext) -> Iterator[Outcome]:
    """Advance data was due for this crossing but none was received for the traveller."""
    if context.advance_expected and context.advance is None:
        number = document.document_number or "unknown"
        yield Outcome(
            f"Advance data was due for this arrival, but the traveller (document {number}) "
            "is not on the manifest.",
            {"document_number": document.document_number or ""},
        )
