"""Reading CSV text row by row with the physical line each row starts on."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from borderops.core.lists.problems import ProblemLog


def csv_records(text: str, path: Path, log: ProblemLog) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a quoted cell may span lines).

    Text that is not CSV (a stray quote that never closes, a NUL byte) is a problem, and
    reading stops there: what follows cannot be told apart into rows.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            log.add(f"line {start}", f"Not valid CSV ({error}); reading stopped here.", path=path)
            return
        end = reader.line_num
        if any(cell.strip() for cell in row):
            yield start, row
