"""Collecting every problem in a list file before refusing it, and reading list files safely.

A loader never returns part of a list: it notes each problem where it finds it, reads on to
the end, and then raises one ``ListFormatError`` carrying all of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from borderops.core.lists.types import ListFormatError, ListProblem


class ProblemLog:
    """The problems found so far in one list file."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.problems: list[ListProblem] = []

    def add(self, location: str, reason: str, *, path: Path | str | None = None) -> None:
        """Note a problem at a place in the file (``line 12``, ``element X[id=1]``)."""
        self.problems.append(ListProblem(str(path or self.path), location, reason))

    def require_entries(self, count: int) -> None:
        """Note an empty list: importing it would silently replace a list with nothing."""
        if count == 0 and not self.problems:
            self.add("document", "The file holds no entries; is it the right file and format?")

    def raise_if_any(self) -> None:
        """Refuse the file if anything was noted."""
        if self.problems:
            raise ListFormatError(self.problems)


def refuse(path: Path | str, location: str, reason: str) -> NoReturn:
    """Refuse a file for one problem that stops reading altogether."""
    raise ListFormatError([ListProblem(str(path), location, reason)])


def require_file(path: Path) -> None:
    """Refuse a path that is not a readable file."""
    if not path.exists():
        refuse(path, "path", "No such file; check the path.")
    if not path.is_file():
        refuse(path, "path", "This is a folder; this list format is read from a single file.")


def read_bytes(path: Path) -> bytes:
    """The bytes of a list file, or a refusal saying why it cannot be read."""
    require_file(path)
    try:
        return path.read_bytes()
    except OSError as error:
        refuse(path, "path", f"The file cannot be read: {error.strerror or error}.")


def decode_utf8(raw: bytes, path: Path | str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped), or a refusal at the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        refuse(path, f"line {line}", f"Not UTF-8 text (byte {error.start}); save it as UTF-8.")
