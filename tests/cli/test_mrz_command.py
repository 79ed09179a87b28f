"""`mrz parse`: JSON Lines out, one object per MRZ block, in input order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb
KEYS = {
    "format", "document_code", "issuing_state", "document_number", "nationality", "birth_date",
    "sex", "expiry_date", "surname", "given_names", "optional_data", "valid", "errors",
    "corrections",
}  # fmt: skip
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI, arguments from the test
        [sys.executable, "-c", "from borderops.cli_documents import mrz_app; mrz_app()", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


def test_two_blocks_give_two_json_lines_in_order(tmp_path: Path) -> None:
    path = tmp_path / "zones.txt"
    path.write_text(f"{TD3}\n{TD1}", encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(obj) for obj in objects] == [KEYS, KEYS]
    assert [(obj["format"], obj["valid"]) for obj in objects] == [("TD3", True), ("TD1", True)]


def test_invalid_block_still_exits_zero_and_says_so() -> None:
    result = run("parse", "-", stdin=f"not an mrz\nat all\n\n{TD3}")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (first["valid"], first["errors"], second["valid"]) == (False, ["length"], True)


def test_missing_file_fails_with_a_message(tmp_path: Path) -> None:
    result = run("parse", str(tmp_path / "missing.txt"))
    assert result.returncode != 0
    assert "missing.txt" in result.stderr
    assert result.stdout == ""
