"""The command line, run as a user runs it: a real process on a scratch installation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb
BORDEROPS = [sys.executable, "-m", "borderops.cli"]


def run(*args: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "BORDEROPS_VAR_DIR": str(var),
        "BORDEROPS_DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "borderops.settings",
        **env,
    }
    environment.pop("BORDEROPS_DEMO", None)
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [*BORDEROPS, *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run("--help", var=tmp_path)
    assert result.returncode == 0
    for command in ("demo", "serve", "migrate", "createuser", "load-reference", "synth"):
        assert command in result.stdout


def test_demo_prepares_an_installation_with_one_account_per_role(tmp_path: Path) -> None:
    # when the demo is prepared without serving
    result = run("demo", "--no-serve", "--scale", "0.2", var=tmp_path)
    # then it succeeds and lists one account per role, also in var/demo-accounts.txt
    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "demo-accounts.txt").read_text().splitlines()
    names = [line.split(" ")[0] for line in lines]
    assert names == [
        "officer",
        "supervisor",
        "analyst",
        "agent",
        "coordinator",
        "attache",
        "partner",
        "auditor",
        "admin",
    ]
    assert all(len(line.split(" ")[1]) >= 12 for line in lines)
    assert "http://127.0.0.1:8000/" in result.stdout
    assert (tmp_path / "borderops.sqlite3").exists()
    # and preparing it again works and gives fresh passwords
    again = run("demo", "--no-serve", "--scale", "0.2", var=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "demo-accounts.txt").read_text().splitlines() != lines


def test_serve_refuses_unsafe_production_settings(tmp_path: Path) -> None:
    assert run("migrate", var=tmp_path).returncode == 0
    result = run("serve", "--port", "8765", var=tmp_path)
    assert result.returncode != 0
    assert "BORDEROPS_SECRET_KEY" in result.stderr + result.stdout


def test_load_reference_needs_a_file_for_bts(tmp_path: Path) -> None:
    result = run("load-reference", "bts", var=tmp_path)
    assert result.returncode != 0
    assert "needs a FILE" in result.stderr


def test_createuser_rejects_an_unknown_role(tmp_path: Path) -> None:
    assert run("migrate", var=tmp_path).returncode == 0
    result = run(
        "createuser",
        "someone",
        "--role",
        "wizard",
        var=tmp_path,
        BORDEROPS_NEW_PASSWORD="a long enough passphrase",
    )
    assert result.returncode != 0
    assert "unknown role" in result.stderr
