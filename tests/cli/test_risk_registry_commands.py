"""`borderops risk register` and `borderops risk models`: model files into the installation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.core.risk.conftest import declarations, train

from borderops.core.risk import save_model

pytestmark = pytest.mark.nodb


def run(*args: str, var: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "BORDEROPS_VAR_DIR": str(var),
        "BORDEROPS_DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "borderops.settings",
        "COLUMNS": "200",
    }
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [sys.executable, "-m", "borderops.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )


def test_a_model_file_is_registered_once_and_listed(tmp_path: Path) -> None:
    var = tmp_path / "var"
    assert run("migrate", var=var).returncode == 0
    model_file = tmp_path / "kcs.zip"
    save_model(train(declarations(rows=800)), model_file)

    stored = run("risk", "register", str(model_file), "--name", "kcs-risk", var=var)
    again = run("risk", "register", str(model_file), "--name", "kcs-risk", var=var)
    listed = run("risk", "models", var=var)

    assert stored.returncode == 0, stored.stdout + stored.stderr
    # What happened goes to standard error, the listing to standard output.
    assert "stored as kcs-risk@1" in stored.stderr
    assert "BorderOps shipments lack (Declaration ID" in stored.stderr
    assert again.returncode == 1 and "already stored, as kcs-risk@1" in again.stderr
    assert listed.returncode == 0 and "kcs-risk@1" in listed.stdout


def test_a_file_that_is_not_a_model_or_a_bad_name_is_refused(tmp_path: Path) -> None:
    var = tmp_path / "var"
    assert run("migrate", var=var).returncode == 0
    rules = tmp_path / "rules.yaml"
    rules.write_text("name: x\n", encoding="utf-8")

    wrong_file = run("risk", "register", str(rules), "--name", "x", var=var)
    wrong_name = run("risk", "register", str(rules), "--name", "cargo risk", var=var)
    missing = run("risk", "register", str(tmp_path / "none.zip"), "--name", "x", var=var)

    assert wrong_file.returncode == 1 and "rules.yaml: not a risk model file" in wrong_file.stderr
    assert wrong_name.returncode == 1 and "use letters, digits" in wrong_name.stderr
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in wrong_file.stderr + wrong_name.stderr + missing.stderr
