"""``borderops advance receive`` and ``watch``: files into the installation, run as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb
BORDEROPS = [sys.executable, "-m", "borderops.cli"]
MANIFEST = Path(__file__).resolve().parents[1] / "advance" / "fixtures" / "ba117.paxlst.edi"


def run(*args: str, var: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "BORDEROPS_VAR_DIR": str(var),
        "BORDEROPS_DATABASE_URL": "",
        "DJANGO_SETTINGS_MODULE": "borderops.settings",
        "COLUMNS": "200",
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


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    var = tmp_path_factory.mktemp("var")
    assert run("migrate", var=var).returncode == 0
    loaded = run("load-reference", var=var)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return var


def test_watch_receives_good_files_and_sets_aside_bad_ones_with_the_reason(
    installation: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text = MANIFEST.read_text(encoding="utf-8")
    (inbox / "ba117.edi").write_text(text, encoding="utf-8")
    (inbox / "broken.edi").write_text(
        text.replace("DTM+329:800101'", "DTM+329:801301'"), encoding="utf-8"
    )
    (inbox / ".partial.edi").write_text("UNA", encoding="utf-8")

    result = run("advance", "watch", str(inbox), "--once", var=installation)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 travellers on BA117 2026-12-01" in result.stdout + result.stderr
    assert (inbox / "received" / "ba117.edi").exists()
    assert (inbox / "rejected" / "broken.edi").exists()
    reason = (inbox / "rejected" / "broken.edi.error.txt").read_text()
    assert "segment" in reason and "nothing stored" in reason
    assert (inbox / ".partial.edi").exists()


def test_receive_reports_a_repeat_and_fails_on_a_bad_file(
    installation: Path, tmp_path: Path
) -> None:
    good = tmp_path / "again.edi"
    good.write_text(
        MANIFEST.read_text(encoding="utf-8").replace("BA0001", "BA0002"), encoding="utf-8"
    )
    bad = tmp_path / "bad.edi"
    bad.write_text("hello", encoding="utf-8")

    first = run("advance", "receive", str(good), var=installation)
    second = run("advance", "receive", str(good), str(bad), var=installation)

    assert first.returncode == 0, first.stdout + first.stderr
    assert second.returncode == 1
    assert "already received" in second.stdout + second.stderr
    assert "not a PAXLST or PNRGOV message" in second.stderr


def test_receive_refuses_a_user_who_may_not(installation: Path) -> None:
    result = run("advance", "receive", str(MANIFEST), "--user", "nobody", var=installation)

    assert result.returncode == 1
    assert "no active user named 'nobody'" in result.stderr
