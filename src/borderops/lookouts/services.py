"""Importing watchlists, comparing versions, and screening subjects against what is in force.

The only place that changes lookout state; views, API endpoints and CLI commands call these.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from borderops.audit.choices import AuditAction
from borderops.audit.context import current_actor
from borderops.audit.services import record
from borderops.core.lists import load_list
from borderops.core.lists.diff import ListDiff, diff_lists
from borderops.core.lists.types import ListEntry, ListFormat, LoadedList
from borderops.lookouts.choices import HitStatus
from borderops.lookouts.models import ListedEntry, ListVersion, ScreeningHit, Watchlist
from borderops.lookouts.serialisation import entry_from_json, entry_to_json

BATCH = 2000


def source_digest(path: Path) -> str:
    """SHA-256 over a list file, or over every file of a list folder in name order."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class ImportOutcome:
    """The version an import produced, and whether it was new."""

    version: ListVersion
    created: bool


def import_list(
    *, fmt: ListFormat | str, path: Path, list_name: str | None = None
) -> ImportOutcome:
    """Import a list file as a new version of its watchlist.

    The file is read completely before anything is stored: a malformed file raises
    ``ListFormatError`` and leaves the version in force untouched. Importing content identical
    to the version in force makes no new version.
    """
    fmt = ListFormat(fmt)
    digest = source_digest(path)
    loaded = load_list(fmt, path, list_name=list_name)
    name = list_name or loaded.list_name
    with transaction.atomic():
        watchlist, _ = Watchlist.objects.get_or_create(name=name, defaults={"format": fmt.value})
        current = watchlist.current_version
        if current is not None and current.sha256 == digest:
            return ImportOutcome(version=current, created=False)
        version = ListVersion.objects.create(
            watchlist=watchlist,
            number=(current.number + 1) if current else 1,
            imported_by=current_actor().name,
            source=str(path)[:500],
            sha256=digest,
            published=loaded.published or "",
            entry_count=len(loaded.entries),
        )
        _store_entries(version, loaded)
        record(
            action=AuditAction.IMPORT,
            object_type="lookouts.listversion",
            object_id=version.pk,
            object_repr=str(version),
            details={"entries": len(loaded.entries), "source": str(path), "format": fmt.value},
        )
    _index_cache.invalidate()
    return ImportOutcome(version=version, created=True)


def _store_entries(version: ListVersion, loaded: LoadedList) -> None:
    rows = [
        ListedEntry(
            version=version,
            entry_id=entry.entry_id[:100],
            entity_type=entry.entity_type.value,
            primary_name=entry.primary_name[:500],
            data=entry_to_json(entry),
        )
        for entry in loaded.entries
    ]
    ListedEntry.objects.bulk_create(rows, batch_size=BATCH)


def entries_of(version: ListVersion) -> list[ListEntry]:
    """The entries of a stored version, as the engines read them."""
    return [
        entry_from_json(data)
        for data in version.entries.order_by("pk")
        .values_list("data", flat=True)
        .iterator(chunk_size=BATCH)
    ]


def diff_versions(*, old: ListVersion, new: ListVersion) -> ListDiff:
    """Entries added, removed and changed from one version of a list to another."""
    if old.watchlist_id != new.watchlist_id:
        raise ValueError(f"{old} and {new} are versions of different lists.")
    return diff_lists(entries_of(old), entries_of(new))


def versions_in_force() -> list[ListVersion]:
    """The current version of every active watchlist."""
    versions = []
    for watchlist in Watchlist.objects.filter(is_active=True).order_by("name"):
        version = watchlist.current_version
        if version is not None:
            versions.append(version)
    return versions


class _IndexCache:
    """The screening index over the versions in force, rebuilt when they change.

    Building takes seconds for a large list, so one index is shared by every request of a
    process; the key is the tuple of version ids, so a new import is picked up on next use.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[int, ...] | None = None
        self._index: Any = None

    def get(self) -> tuple[Any, list[ListVersion]]:
        versions = versions_in_force()
        key = tuple(version.pk for version in versions)
        with self._lock:
            if key != self._key:
                from borderops.core.screening.index import build_index

                entries = [entry for version in versions for entry in entries_of(version)]
                self._index = build_index(entries)
                self._key = key
            return self._index, versions

    def invalidate(self) -> None:
        with self._lock:
            self._key = None
            self._index = None


_index_cache = _IndexCache()


# --------------------------------------------------------------------------------------------
# Screening subjects against the lists in force
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningOutcome:
    """Hits for the subjects screened, the list versions that produced them, and subjects
    that could not be screened (no usable name or document), with the reason."""

    hits: list[Any]
    list_versions: dict[str, int]
    unusable: list[tuple[str, str]]


def subject_key(subject: Any) -> str:
    """Who a subject is, for remembering review decisions: name and birth date, normalised."""
    name = " ".join(sorted(str(subject.name).casefold().split()))
    return f"{name}|{subject.birth_date or ''}"[:200]


def screen_subjects(
    *, subjects: list[Any], user: Any, threshold: float | None = None, for_review: bool = False
) -> ScreeningOutcome:
    """Screen subjects against every active list's version in force.

    Hits an analyst already dismissed for the same subject and list entry are left out. With
    ``for_review`` the remaining hits are stored in the review queue of the user's unit.
    """
    from borderops.core import screening

    index, versions = _index_cache.get()
    by_list = {version.watchlist.name: version for version in versions}
    limit = threshold if threshold is not None else screening.DEFAULT_THRESHOLD
    result = screening.screen(index, subjects, threshold=limit)
    dismissed = set(
        ScreeningHit.objects.filter(
            status=HitStatus.DISMISSED,
            subject_key__in={subject_key(subject) for subject in subjects},
        ).values_list("subject_key", "version__watchlist__name", "entry_id")
    )
    subjects_by_id = {subject.id: subject for subject in subjects}
    hits = [
        hit
        for hit in result.hits
        if (subject_key(subjects_by_id[hit.query_id]), hit.list_name, hit.entry_id) not in dismissed
    ]
    record(
        action=AuditAction.VIEW,
        object_type="lookouts.screening",
        object_repr=f"{len(subjects)} subject(s) screened",
        details={"subjects": len(subjects), "hits": len(hits)},
    )
    if for_review and hits:
        _queue_for_review(hits, subjects_by_id, by_list, user)
    return ScreeningOutcome(
        hits=hits,
        list_versions={name: version.number for name, version in by_list.items()},
        unusable=[(problem.query_id, problem.message) for problem in result.unusable],
    )


def _queue_for_review(
    hits: list[Any], subjects: dict[str, Any], versions: dict[str, ListVersion], user: Any
) -> None:
    organisation = getattr(user, "organisation", None)
    if organisation is None:
        raise ValueError("Only users who belong to a unit can queue hits for review.")
    for hit in hits:
        subject = subjects[hit.query_id]
        ScreeningHit.objects.get_or_create(
            subject_key=subject_key(subject),
            version=versions[hit.list_name],
            entry_id=hit.entry_id,
            status=HitStatus.PENDING,
            defaults={
                "organisation": organisation,
                "subject_name": str(subject.name)[:300],
                "subject": {k: v for k, v in dataclasses.asdict(subject).items() if v is not None},
                "matched_name": hit.matched_name[:500],
                "score": hit.score,
                "algorithm": hit.algorithm,
                "explanation": hit.explanation,
            },
        )


def decide_hit(*, hit: ScreeningHit, decision: str, user: Any, note: str) -> ScreeningHit:
    """Confirm or dismiss a pending hit; the reason is required and kept with the decision."""
    if hit.status != HitStatus.PENDING:
        raise ValueError(f"This hit was already {hit.get_status_display().lower()}.")
    if decision not in {HitStatus.CONFIRMED, HitStatus.DISMISSED}:
        raise ValueError("The decision must be 'confirmed' or 'dismissed'.")
    if not note.strip():
        raise ValueError("Say why: a decision needs a reason.")
    hit.status = decision
    hit.decided_by = user
    hit.decided_at = timezone.now()
    hit.note = note.strip()
    hit.save(update_fields=["status", "decided_by", "decided_at", "note"])
    return hit
