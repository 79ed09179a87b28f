"""QUERIES.csv reading and HITS.csv writing for `borderops screen`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from borderops.core.subjects import HIT_COLUMNS, SubjectFileError, read_subjects, write_hits


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "queries.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_subjects_are_read_with_optional_columns_normalised(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "id,name,birth_date,nationality,gender,document_number,entity_type\n"
        "q1,Maria Garcia,1980-01-02,MEX,female,A123,person\n"
        "q2,ACME LLC,,,,,organization\n",
    )
    first, second = list(read_subjects(path))
    assert (first.id, first.name, first.birth_date, first.nationality, first.gender) == (
        "q1",
        "Maria Garcia",
        "1980-01-02",
        "MX",
        "F",
    )
    assert second.entity_type == "organization" and second.nationality is None


BAD_FILES = [
    ("", "empty"),
    ("name\nX\n", r"missing column\(s\) id"),
    ("id,name,birth_date\nq1,X,02/01/1980\n", "line 2: birth_date"),
    ("id,name,nationality\nq1,X,Atlantis\n", "line 2: nationality"),
    ("id,name,entity_type\nq1,X,spaceship\n", "entity_type 'spaceship'"),
    ("id,name\n,X\n", "the id is empty"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_query_files_are_refused_with_the_line_and_reason(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(SubjectFileError, match=message):
        list(read_subjects(_write(tmp_path, text)))


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SubjectFileError, match="cannot read"):
        list(read_subjects(tmp_path / "nope.csv"))


def test_hits_file_has_the_contract_header(tmp_path: Path) -> None:
    out = tmp_path / "hits.csv"
    written = write_hits(
        out, [("q1", "ofac-sdn", "123", 0.91234, "GARCIA, Maria", "Maria Garcia", "x")]
    )
    rows = list(csv.reader(out.open()))
    assert written == 1
    assert tuple(rows[0]) == HIT_COLUMNS
    assert rows[1][3] == "0.9123"
