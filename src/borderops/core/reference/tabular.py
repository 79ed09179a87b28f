"""Reading small CSV tables row by row with the physical line each row starts on."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from importlib.resources import files

from borderops.core.reference.types import RowError


class TableRows:
    """The rows of a CSV table as dicts, each with its starting line; problems go to ``errors``.

    Lines starting with ``#`` before the header are comments (the curated tables say where
    their figures come from there). A row with a stray quote is reported and ends the read.
    """

    def __init__(self, lines: Iterable[str], *, path: str, required: tuple[str, ...]) -> None:
        self.path = path
        self.errors: list[RowError] = []
        self._lines = iter(lines)
        self._required = required
        self._comment_lines = 0

    def _without_leading_comments(self) -> Iterator[str]:
        for line in self._lines:
            if line.lstrip("\ufeff").startswith("#"):
                self._comment_lines += 1
                continue
            yield line
            break
        yield from self._lines

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        reader = csv.reader(self._without_leading_comments())
        try:
            header = next(reader)
        except StopIteration:
            self.errors.append(RowError(self.path, 1, "The file is empty; expected a header."))
            return
        except csv.Error as error:
            self.errors.append(RowError(self.path, 1, f"The header is not valid CSV: {error}."))
            return
        names = [name.lstrip("\ufeff").strip() for name in header]
        missing = [name for name in self._required if name not in names]
        if missing:
            expected = ", ".join(self._required)
            reason = f"Missing column(s) {', '.join(missing)}; expected {expected}."
            self.errors.append(RowError(self.path, self._comment_lines + 1, reason))
            return
        end = reader.line_num
        while True:
            start = self._comment_lines + end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self.errors.append(
                    RowError(self.path, start, f"Not valid CSV ({error}); reading stopped here.")
                )
                return
            end = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != len(names):
                self.errors.append(
                    RowError(self.path, start, f"Has {len(row)} fields; expected {len(names)}.")
                )
                continue
            yield start, {name: value.strip() for name, value in zip(names, row, strict=True)}

    def error(self, line: int, reason: str) -> None:
        """Report a problem with the row starting on ``line``."""
        self.errors.append(RowError(self.path, line, reason))


def package_table(name: str) -> tuple[str, list[str]]:
    """The display path and the lines of a CSV table shipped in ``borderops.core.reference``."""
    resource = files("borderops.core.reference").joinpath(f"data/{name}")
    lines = resource.read_text(encoding="utf-8").splitlines(keepends=True)
    return f"borderops/core/reference/data/{name}", lines


def parse_float(text: str, *, low: float, high: float) -> float | None:
    """The number ``text`` holds, when it is one within [low, high]."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if low <= value <= high else None
