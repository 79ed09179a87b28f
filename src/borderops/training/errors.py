"""Why the training wing refuses a request, as typed errors that say what to do instead."""

from __future__ import annotations

from enum import StrEnum


class Refusal(StrEnum):
    """The kind of a refusal; it decides the HTTP status an endpoint answers with."""

    INVALID = "invalid"  # the request itself is wrong: fix the input (400)
    NOT_PERMITTED = "not_permitted"  # this user's role or agency may not do it (403)
    NOT_FOUND = "not_found"  # nothing with that id or code is visible (404)
    CONFLICT = "conflict"  # the records' current state does not allow it (409)


HTTP_STATUS = {
    Refusal.INVALID: 400,
    Refusal.NOT_PERMITTED: 403,
    Refusal.NOT_FOUND: 404,
    Refusal.CONFLICT: 409,
}


class TrainingRefused(Exception):
    """A training service refused; the message is meant for the person who asked."""

    def __init__(self, refusal: Refusal, message: str) -> None:
        super().__init__(message)
        self.refusal = refusal

    @property
    def http_status(self) -> int:
        """The HTTP status an endpoint answers this refusal with."""
        return HTTP_STATUS[self.refusal]


def invalid(message: str) -> TrainingRefused:
    """The input is wrong (400)."""
    return TrainingRefused(Refusal.INVALID, message)


def not_permitted(message: str) -> TrainingRefused:
    """The user's role or agency may not do this (403)."""
    return TrainingRefused(Refusal.NOT_PERMITTED, message)


def not_found(message: str) -> TrainingRefused:
    """Nothing visible matches (404)."""
    return TrainingRefused(Refusal.NOT_FOUND, message)


def conflict(message: str) -> TrainingRefused:
    """The current state of the records does not allow this (409)."""
    return TrainingRefused(Refusal.CONFLICT, message)
