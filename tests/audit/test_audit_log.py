"""The audit log: every change and every read of personal data, append-only."""

from __future__ import annotations

from typing import Any

import pytest

from borderops.audit.models import AuditEntry, AuditLogIsAppendOnly


def test_creating_changing_and_deleting_a_record_is_audited(make_user: Any) -> None:
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import save_organisation

    unit = save_organisation(code="unit-x", name="Unit X", kind=OrganisationKind.UNIT)
    unit.name = "Unit Y"
    unit.save()
    unit_id = unit.pk
    unit.delete()
    entries = AuditEntry.objects.filter(object_type="accounts.organisation", object_id=str(unit_id))
    actions = list(entries.order_by("id").values_list("action", flat=True))
    assert actions[0] == "create"
    assert "delete" in actions
    update = entries.filter(action="update", details__changes__name__isnull=False).get()
    assert update.details["changes"]["name"] == ["Unit X", "Unit Y"]


def test_passwords_never_reach_the_log(make_user: Any) -> None:
    user = make_user("officer")
    user.set_password("another long passphrase")
    user.save()
    logged = " ".join(str(entry.details) for entry in AuditEntry.objects.all())
    assert "pbkdf2" not in logged and "md5$" not in logged
    change = AuditEntry.objects.filter(action="update", object_id=str(user.pk)).latest("id")
    assert change.details["changes"]["password"] == ["(hidden)", "(changed)"]


def test_viewing_a_traveller_page_logs_who_saw_whom_from_where(
    client: Any, make_user: Any, make_crossing: Any
) -> None:
    crossing = make_crossing()
    officer = make_user("officer")
    client.force_login(officer)
    response = client.get(f"/crossings/travellers/{crossing.traveller.pk}/", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="view", object_type="crossings.traveller")
    assert entry.actor == officer.username
    assert entry.actor_role == "officer"
    assert entry.object_id == str(crossing.traveller.pk)
    assert entry.ip_address == "10.1.2.3"
    assert entry.channel == "web"


def test_a_list_page_logs_every_traveller_it_shows(
    client: Any, make_user: Any, make_crossing: Any
) -> None:
    shown = {make_crossing().traveller.pk for _ in range(3)}
    client.force_login(make_user("officer"))
    client.get("/crossings/travellers/")
    logged = set(AuditEntry.objects.filter(action="view").values_list("object_id", flat=True))
    assert logged == {str(pk) for pk in shown}


def test_api_reads_of_personal_data_are_logged(
    client: Any, make_user: Any, make_crossing: Any, api_token_for: Any
) -> None:
    crossing = make_crossing()
    officer = make_user("officer")
    headers = {"Authorization": f"Bearer {api_token_for(officer)}"}
    assert (
        client.get(
            f"/api/crossings/travellers/{crossing.traveller.pk}", headers=headers
        ).status_code
        == 200
    )
    assert client.get("/api/crossings/travellers", headers=headers).status_code == 200
    reads = AuditEntry.objects.filter(action="view", actor=officer.username, channel="api")
    assert reads.count() == 2


def test_a_traveller_outside_the_users_reach_is_not_found_and_not_logged(
    client: Any, make_user: Any, make_crossing: Any
) -> None:
    elsewhere = make_crossing(port="2304")
    client.force_login(make_user("officer"))
    assert client.get(f"/crossings/travellers/{elsewhere.traveller.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action="view").exists()


def test_sign_ins_and_failures_are_logged(client: Any, make_user: Any) -> None:
    officer = make_user("officer")
    client.post("/login/", {"username": officer.username, "password": "wrong"})
    client.post(
        "/login/", {"username": officer.username, "password": "correct horse battery staple"}
    )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"login_failed", "login"} <= actions


@pytest.mark.parametrize(
    "tamper",
    [
        lambda entry: entry.save(),
        lambda entry: entry.delete(),
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).update(actor="someone else"),
        lambda entry: AuditEntry.objects.filter(pk=entry.pk).delete(),
    ],
    ids=["save", "delete", "queryset-update", "queryset-delete"],
)
def test_audit_entries_cannot_be_changed_or_deleted(make_user: Any, tamper: Any) -> None:
    make_user("officer")
    entry = AuditEntry.objects.first()
    assert entry is not None
    with pytest.raises(AuditLogIsAppendOnly):
        tamper(entry)


def test_auditors_search_the_log_by_record(client: Any, make_user: Any, make_crossing: Any) -> None:
    crossing = make_crossing()
    officer = make_user("officer")
    client.force_login(officer)
    client.get(f"/crossings/travellers/{crossing.traveller.pk}/")
    client.force_login(make_user("auditor"))
    page = client.get(
        "/audit/", {"object_type": "crossings.traveller", "object_id": crossing.traveller.pk}
    )
    assert page.status_code == 200
    assert officer.username in page.content.decode()


def test_the_audit_log_has_no_admin_pages(client: Any, make_user: Any) -> None:
    client.force_login(make_user("admin"))
    assert client.get("/admin/audit/auditentry/").status_code == 404
