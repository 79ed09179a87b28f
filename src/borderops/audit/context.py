"""Who is acting right now, carried from the request (or CLI command) to the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True, slots=True)
class Actor:
    """The person or process on whose behalf records are read or changed."""

    name: str
    user_id: int | None = None
    role: str = ""
    channel: str = ""
    method: str = ""
    path: str = ""
    ip_address: str | None = None


SYSTEM = Actor(name="system", channel="cli")
_actor: ContextVar[Actor | None] = ContextVar("borderops_audit_actor", default=None)
_request: ContextVar[HttpRequest | None] = ContextVar("borderops_audit_request", default=None)


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from (the proxy's, unless a trusted proxy is configured)."""
    return request.META.get("REMOTE_ADDR") or None


def actor_from_request(request: HttpRequest) -> Actor:
    """The actor of a web or API request, read when the entry is written.

    Reading late matters: API requests are authenticated by their bearer token inside the
    endpoint, after the middleware has run.
    """
    user: Any = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return Actor(
        name=user.get_username() if signed_in else "anonymous",
        user_id=user.pk if signed_in else None,
        role=getattr(user, "role", "") if signed_in else "",
        channel="api" if request.path.startswith("/api/") else "web",
        method=request.method or "",
        path=request.get_full_path()[:500],
        ip_address=client_address(request),
    )


def current_actor() -> Actor:
    """The actor of the current request or command; ``system`` when none was set."""
    explicit = _actor.get()
    if explicit is not None:
        return explicit
    request = _request.get()
    if request is not None:
        return actor_from_request(request)
    return SYSTEM


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Attribute everything audited inside the block to ``actor``."""
    token = _actor.set(actor)
    try:
        yield actor
    finally:
        _actor.reset(token)


@contextmanager
def serving(request: HttpRequest) -> Iterator[None]:
    """Attribute everything audited while handling ``request`` to its user."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)
