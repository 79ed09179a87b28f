"""`borderops screen`: the published command-line contract."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb
LIST = (
    "id,list,entity_type,name,aliases,birth_date,nationality,document_number,plate,vin,imo,reason\n"
    "L1,wanted_persons,person,Ivan Petrovich SIDOROV,,1971-04-12,RUS,,,,,warrant\n"
    "L2,denied_parties,organization,Zenith Export Trading LLC,,,,,,,,denial\n"
)


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "BORDEROPS_VAR_DIR": str(cwd / "var")}
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [sys.executable, "-m", "borderops.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "lookouts.csv").write_text(LIST)
    (tmp_path / "queries.csv").write_text(
        "id,name,birth_date,nationality\nq1,Ivan Sidorov,1971-04-12,RU\nq2,Jane Nobody,,\n"
    )
    return tmp_path


def test_screen_writes_the_hits_file_of_the_contract(files: Path) -> None:
    result = run(
        "screen",
        "--list",
        "csv:lookouts.csv",
        "--input",
        "queries.csv",
        "--output",
        "hits.csv",
        cwd=files,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((files / "hits.csv").open()))
    assert list(rows[0].keys()) == [
        "query_id",
        "list",
        "entry_id",
        "score",
        "matched_name",
        "query_name",
        "explanation",
    ]
    assert [(row["query_id"], row["entry_id"]) for row in rows] == [("q1", "L1")]
    assert 0 < float(rows[0]["score"]) <= 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--list", "xml:lookouts.csv"], "unknown format"),
        (["--list", "csv:missing.csv"], "does not exist"),
        (["--list", "csv:lookouts.csv", "--algorithm", "magic-v9"], "magic-v9"),
    ],
)
def test_screen_refuses_bad_options_with_a_message(
    files: Path, args: list[str], message: str
) -> None:
    result = run("screen", *args, "--input", "queries.csv", "--output", "hits.csv", cwd=files)
    assert result.returncode != 0
    assert message in result.stderr
    assert not (files / "hits.csv").exists()


def test_screen_refuses_a_queries_file_without_a_name_column(files: Path) -> None:
    (files / "queries.csv").write_text("id,surname\nq1,Sidorov\n")
    result = run(
        "screen",
        "--list",
        "csv:lookouts.csv",
        "--input",
        "queries.csv",
        "--output",
        "hits.csv",
        cwd=files,
    )
    assert result.returncode != 0
    assert "missing column(s) name" in result.stderr


def test_a_saved_index_screens_like_the_lists_it_was_built_from(files: Path) -> None:
    built = run(
        "lists", "build-index", "--list", "csv:lookouts.csv", "--out", "lists.idx", cwd=files
    )
    assert built.returncode == 0, built.stderr
    result = run(
        "screen",
        "--index",
        "lists.idx",
        "--input",
        "queries.csv",
        "--output",
        "hits.csv",
        cwd=files,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((files / "hits.csv").open()))
    assert [(row["query_id"], row["entry_id"]) for row in rows] == [("q1", "L1")]


def test_a_damaged_index_file_is_refused_with_a_message(files: Path) -> None:
    (files / "lists.idx").write_bytes(b"not an index at all")
    result = run(
        "screen",
        "--index",
        "lists.idx",
        "--input",
        "queries.csv",
        "--output",
        "hits.csv",
        cwd=files,
    )
    assert result.returncode != 0
    assert "lists.idx" in result.stderr
    assert "Traceback" not in result.stderr


def test_screen_with_workers_writes_the_same_hits(files: Path) -> None:
    queries = ["id,name,birth_date,nationality"]
    queries += [f"q{n},Ivan Sidorov,1971-04-12,RU" for n in range(300)]
    queries += [f"n{n},Jane Nobody {n},," for n in range(300)]
    (files / "queries.csv").write_text("\n".join(queries) + "\n")
    outputs = {}
    for workers in ("1", "2"):
        result = run(
            "screen",
            "--list",
            "csv:lookouts.csv",
            "--input",
            "queries.csv",
            "--output",
            f"hits-{workers}.csv",
            "--workers",
            workers,
            cwd=files,
        )
        assert result.returncode == 0, result.stderr
        outputs[workers] = (files / f"hits-{workers}.csv").read_text()
    assert outputs["1"] == outputs["2"]
    assert outputs["1"].count("\nq") == 300


def test_screen_refuses_zero_workers(files: Path) -> None:
    result = run(
        "screen",
        "--list",
        "csv:lookouts.csv",
        "--input",
        "queries.csv",
        "--output",
        "hits.csv",
        "--workers",
        "0",
        cwd=files,
    )
    assert result.returncode != 0
    assert not (files / "hits.csv").exists()
