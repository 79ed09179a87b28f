"""An analyst receives a manifest in a real browser and reads the screened flight."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_uploads_a_manifest_and_sees_who_to_refer(
    sign_in: Any, make_user: Any, kennedy: Any, lookouts: Any, manifest_text: str, tmp_path: Path
) -> None:
    manifest = tmp_path / "ba117.edi"
    manifest.write_text(manifest_text, encoding="utf-8")
    page = sign_in(make_user("analyst"))

    page.click("nav >> text=Expected flights")
    page.click("text=Receive a PAXLST or PNRGOV file")
    page.set_input_files("input[type=file]", str(manifest))
    page.click("main button[type=submit]")

    assert "Received 4 travellers; 3 advised for referral." in page.inner_text("main")
    assert page.inner_text("#referral-count") == "3"
    wanted = page.locator("tr", has_text="SIDOROV")
    assert "L1" in wanted.inner_text() and "Refer" in wanted.inner_text()
    page.click("text=Show referrals only")
    assert page.locator("#travellers tbody tr").count() == 3
    assert "OKAFOR" not in page.inner_text("#travellers")


def test_an_officer_checks_a_stolen_passport_at_primary(
    sign_in: Any, jfk_officer: Any, lookouts: Any
) -> None:
    from datetime import date

    from borderops.core.documents.mrz import make_td3

    mrz = "\n".join(
        make_td3(
            issuing_state="MEX",
            surname="PEREZ",
            given_names="JUAN",
            document_number="G12345678",
            nationality="MEX",
            birth_date=date(1970, 1, 1),
            sex="M",
            expiry_date=date(2031, 6, 15),
        )
    )
    page = sign_in(jfk_officer)

    page.click("nav >> text=Check a document")
    page.fill("textarea[name=mrz]", mrz)
    page.fill("input[name=on]", "2026-12-01")
    page.click("main button[type=submit]")

    assert page.inner_text("#verdict") == "Refer to secondary"
    assert "document.lost_stolen" in page.inner_text("#findings")
