"""`borderops target` and `borderops backtest`: the published command-line contract."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from borderops.core.synth import generate
from borderops.core.targeting.io import write_table
from borderops.core.targeting.outcomes import outcomes_from_truth, write_outcomes

pytestmark = pytest.mark.nodb
EXAMPLE = str(files("borderops.core.targeting").joinpath("data/example-rules.yaml"))


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


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("targeting")
    dataset = generate(seed=21, scale=0.5)
    write_table(dataset.tables["shipments"], folder / "entries.csv")
    write_table(dataset.tables["shipments"], folder / "entries.parquet")
    write_table(dataset.tables["lookouts"], folder / "lookouts.csv")
    outcomes = outcomes_from_truth(dataset.tables["truth"], dataset.tables["shipments"])
    write_outcomes(outcomes, folder / "outcomes.csv")
    return folder


@pytest.mark.parametrize("entries", ["entries.csv", "entries.parquet"])
def test_target_writes_one_row_per_entry_with_the_contract_columns(
    history: Path, entries: str
) -> None:
    result = run(
        "target", "--rules", EXAMPLE, "--input", entries, "--output", "scored.csv",
        "--seed", "5", "--list", "csv:lookouts.csv", cwd=history,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((history / "scored.csv").open()))
    assert (history / "scored.csv").read_text().splitlines()[0] == "id,score,channel,random,fired"
    assert list(rows[0]) == ["id", "score", "channel", "random", "fired"]
    assert len(rows) == len((history / "entries.csv").read_text().splitlines()) - 1
    assert {row["channel"] for row in rows} <= {"green", "yellow", "red"}
    assert {row["random"] for row in rows} <= {"true", "false"}
    assert any(row["fired"] for row in rows)


def test_target_refuses_an_invalid_rule_naming_it_and_writes_nothing(history: Path) -> None:
    (history / "bad.yaml").write_text(
        "name: bad\nversion: '1'\nchannels: {red: 80, yellow: 40}\nrules:\n"
        "  - id: SNEAKY-1\n    title: Read a file\n    category: other\n"
        "    when: length(read_text('/etc/passwd')) > 0\n    weight: 10\n"
    )
    result = run(
        "target", "--rules", "bad.yaml", "--input", "entries.csv", "--output", "out.csv",
        cwd=history,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SNEAKY-1" in result.stderr
    assert "read_text" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (history / "out.csv").exists()
    assert not list(history.glob(".out.csv*"))


def test_backtest_json_has_rules_channels_and_curve(history: Path) -> None:
    result = run(
        "backtest", "--rules", EXAMPLE, "--input", "entries.parquet",
        "--outcomes", "outcomes.csv", "--json", cwd=history,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert {"ruleset", "entries", "violations", "baseline", "rules", "channels", "curve"} <= set(
        report
    )
    assert {"rule_id", "fired", "examined", "hits", "hit_rate", "lift"} <= set(report["rules"][0])
    assert [c["channel"] for c in report["channels"]] == ["red", "yellow", "green"]


def test_backtest_prints_tables(history: Path) -> None:
    result = run(
        "backtest", "--rules", EXAMPLE, "--input", "entries.csv", "--outcomes", "outcomes.csv",
        cwd=history,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "UNDERVAL-SEVERE" in result.stdout
    assert "examination rate" in result.stdout


CUSCAR = Path(__file__).parents[1] / "core" / "formats" / "fixtures" / "cuscar_two_bills.edi"


def test_target_scores_a_cuscar_cargo_report(tmp_path: Path) -> None:
    # given a sea cargo report with two bills of lading and a rule on its bananas
    (tmp_path / "manifest.edi").write_bytes(CUSCAR.read_bytes())
    (tmp_path / "rules.yaml").write_text(
        "name: cuscar\nversion: '1'\nchannels: {red: 80, yellow: 40}\nrules:\n"
        "  - id: BANANA-CO\n    title: Bananas from Colombia\n    category: narcotics\n"
        "    when: hs_code LIKE '0803%' AND origin = 'CO' AND container_check_digit_ok\n"
        "    weight: 50\n"
    )
    # when
    result = run(
        "target", "--rules", "rules.yaml", "--input", "manifest.edi", "--output", "scored.csv",
        cwd=tmp_path,
    )  # fmt: skip
    # then
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader((tmp_path / "scored.csv").open()))
    assert [(r["id"], r["score"], r["channel"], r["fired"]) for r in rows] == [
        ("MEDU1234567", "50", "yellow", "BANANA-CO"),
        ("MEDU7654321", "0", "green", ""),
    ]


def test_target_refuses_a_broken_cargo_report_naming_the_segment(tmp_path: Path) -> None:
    (tmp_path / "manifest.edi").write_text(
        CUSCAR.read_text().replace("DTM+132:202503051400", "DTM+132:202513051400")
    )
    result = run(
        "target", "--rules", EXAMPLE, "--input", "manifest.edi", "--output", "scored.csv",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode != 0
    assert "(DTM)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "scored.csv").exists()
