"""`borderops risk train|score|evaluate`: the published command-line contract."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.csv as pa_csv
import pytest
from tests.core.risk.conftest import declarations

pytestmark = pytest.mark.nodb


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "BORDEROPS_VAR_DIR": str(cwd / "var")}
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [sys.executable, "-m", "borderops.cli", "risk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
        cwd=cwd,
    )


def train_with(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run("train", "--id", "Declaration ID", "--out", "x.zip", *args, cwd=cwd)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # Progress lines may come first; the error is one line, the last.
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert result.stderr.rstrip().endswith(errors[0]), result.stderr
    return errors[0]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("risk")
    pa_csv.write_csv(declarations(rows=1500, seed=1), folder / "train.csv")
    pa_csv.write_csv(declarations(rows=400, seed=2), folder / "entries.csv")
    result = run(
        "train", "--input", "train.csv", "--label", "Fraud", "--id", "Declaration ID",
        "--out", "model.zip", "--date", "Date", "--seed", "4", cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return folder


def test_train_writes_a_model_and_reports_held_out_precision(folder: Path) -> None:
    assert (folder / "model.zip").is_file()


def test_score_writes_one_row_per_entry_in_input_order(folder: Path) -> None:
    result = run(
        "score", "--model", "model.zip", "--input", "entries.csv", "--output", "scores.csv",
        cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((folder / "scores.csv").open()))
    entries = list(csv.DictReader((folder / "entries.csv").open()))
    assert list(rows[0]) == ["id", "score", "reasons"]
    assert [row["id"] for row in rows] == [entry["Declaration ID"] for entry in entries]
    assert all(0 <= float(row["score"]) <= 1 for row in rows)
    assert any("past entries found in violation" in row["reasons"] for row in rows)
    assert not list(folder.glob(".scores.csv*"))


def test_evaluate_prints_precision_and_recall_at_the_four_rates(folder: Path) -> None:
    result = run(
        "evaluate", "--model", "model.zip", "--input", "entries.csv", "--label", "Fraud",
        "--json", cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [point["rate"] for point in report["rates"]] == [0.01, 0.02, 0.05, 0.1]
    assert report["rates"][2]["precision"] > report["base_rate"]
    table = run(
        "evaluate", "--model", "model.zip", "--input", "entries.csv", "--label", "Fraud",
        cwd=folder,
    )  # fmt: skip
    assert table.returncode == 0 and "5%" in table.stderr and "precision" in table.stderr


def test_a_missing_label_column_is_named(folder: Path) -> None:
    error = one_line_error(train_with("--input", "train.csv", "--label", "Seized", cwd=folder))
    assert "Seized" in error and "label" in error
    error = one_line_error(
        run(
            "evaluate",
            "--model",
            "model.zip",
            "--input",
            "entries.csv",
            "--label",
            "Seized",
            cwd=folder,
        )
    )
    assert "Seized" in error


def test_a_label_that_is_not_binary_is_refused(folder: Path) -> None:
    error = one_line_error(train_with("--input", "train.csv", "--label", "Office ID", cwd=folder))
    assert "not binary" in error and "Office ID" in error
    assert not (folder / "x.zip").exists()


def test_an_empty_file_is_refused(folder: Path) -> None:
    (folder / "empty.csv").write_text("")
    (folder / "header.csv").write_text("Declaration ID,Fraud\n")
    for name in ("empty.csv", "header.csv"):
        error = one_line_error(train_with("--input", name, "--label", "Fraud", cwd=folder))
        assert name in error and ("empty" in error or "no entries" in error)


def test_entries_without_the_models_columns_are_refused_naming_them(folder: Path) -> None:
    lines = (folder / "entries.csv").read_text().splitlines()
    header = lines[0].split(",")
    keep = [
        i
        for i, name in enumerate(header)
        if name not in ('"Net Mass"', '"Seller ID"', '"Importer ID"')
    ]
    (folder / "fewer.csv").write_text(
        "\n".join(",".join(line.split(",")[i] for i in keep) for line in lines) + "\n"
    )
    error = one_line_error(
        run(
            "score", "--model", "model.zip", "--input", "fewer.csv", "--output", "s.csv", cwd=folder
        )
    )
    assert "Net Mass" in error and "Importer ID" in error
    assert not (folder / "s.csv").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score", "--model", "nowhere.zip", "--input", "entries.csv", "--output", "s.csv"],
         "no such model file"),
        (["score", "--model", "train.csv", "--input", "entries.csv", "--output", "s.csv"],
         "not a risk model file"),
        (["score", "--model", "model.zip", "--input", "nowhere.csv", "--output", "s.csv"],
         "no such file"),
        (["train", "--input", "nowhere.csv", "--label", "Fraud", "--id", "x", "--out", "m.zip"],
         "no such file"),
        (["score", "--model", "model.zip", "--input", "binary.csv", "--output", "s.csv"],
         "cannot be read"),
    ],
)  # fmt: skip
def test_unreadable_files_are_refused_in_one_line(
    folder: Path, args: list[str], expected: str
) -> None:
    (folder / "binary.csv").write_bytes(b"\xff\xfe\x00\x81garbage\x00")
    assert expected in one_line_error(run(*args, cwd=folder))
