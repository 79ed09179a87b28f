"""Watchlist pages: lists, versions, entries and the diff between versions."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def test_the_watchlists_page_shows_the_version_in_force(
    client: Any, imported: Any, make_user: Any
) -> None:
    client.force_login(make_user("analyst"))
    page = client.get("/lookouts/").content.decode()
    assert "lookouts" in page and "v1" in page


def test_entries_of_a_version_can_be_searched(client: Any, imported: Any, make_user: Any) -> None:
    client.force_login(make_user("officer"))
    page = client.get("/lookouts/lookouts/v1/", {"q": "sidorov"}).content.decode()
    assert "SIDOROV" in page and "Zenith" not in page


def test_the_diff_page_lists_what_changed(
    client: Any,
    imported: Any,
    make_user: Any,
    tmp_path: Path,
    lookout_rows: list[str],
    write_lookout_list: Any,
) -> None:
    from borderops.lookouts.services import import_list

    folder = tmp_path / "v2"
    folder.mkdir()
    import_list(fmt="csv", path=write_lookout_list(folder, lookout_rows[:2]), list_name="lookouts")
    client.force_login(make_user("analyst"))
    page = client.get("/lookouts/lookouts/diff/1..2/").content.decode()
    assert "0 added, 1 removed, 0 changed" in page
    assert "<code>L3</code>" in page
    assert client.get("/lookouts/lookouts/diff/1..9/").status_code == 404


def test_an_unknown_list_is_404(client: Any, db: Any, make_user: Any) -> None:
    client.force_login(make_user("analyst"))
    assert client.get("/lookouts/nothing-here/").status_code == 404


def test_reading_listed_people_is_audited(client: Any, imported: Any, make_user: Any) -> None:
    from borderops.audit.models import AuditEntry

    officer = make_user("officer")
    client.force_login(officer)
    client.get("/lookouts/lookouts/v1/")
    reads = AuditEntry.objects.filter(
        action="view", object_type="lookouts.listedentry", actor=officer.username
    )
    assert reads.count() == 3
