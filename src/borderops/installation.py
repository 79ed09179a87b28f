"""Preparing an installation under ``var/``: settings marker, database, reference data, demo.

The CLI calls these; they run before and after Django is set up, so imports of Django code
stay inside the functions.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEMO_ACCOUNTS_FILE = "demo-accounts.txt"

# Where each demo account works: the role's username → organisation code.
DEMO_HOMES = {
    "officer": "port-2504",
    "supervisor": "ofo-san-diego",
    "analyst": "agency",
    "agent": "sector-sdc",
    "coordinator": "oia",
    "attache": "post-mexico-city",
    "partner": "mx-anam",
    "auditor": "agency",
    "admin": "agency",
}

# (code, name, country) of partner administrations the demo knows.
PARTNER_ADMINISTRATIONS = [
    ("mx-anam", "Agencia Nacional de Aduanas de México", "MX"),
    ("ca-cbsa", "Canada Border Services Agency", "CA"),
    ("co-dian", "Dirección de Impuestos y Aduanas Nacionales", "CO"),
    ("gt-sat", "Superintendencia de Administración Tributaria (Aduanas)", "GT"),
    ("ph-boc", "Bureau of Customs of the Philippines", "PH"),
    ("ge-rs", "Revenue Service of Georgia (Customs)", "GE"),
]
ROLE_USERNAMES = [
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


def var_dir() -> Path:
    """The installation's state folder."""
    from borderops.paths import var_dir as resolve

    return resolve()


def mark_demo_installation(directory: Path) -> None:
    """Write the marker and secret key that make this installation a demo.

    Must run before Django is set up, because settings read both at import.
    """
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "installation.json").write_text(json.dumps({"demo": True}, indent=2) + "\n")
    key_file = directory / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64) + "\n")
        key_file.chmod(0o600)


def setup_django() -> None:
    """Configure Django for command-line use."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderops.settings")
    import django

    django.setup()
    var_dir().mkdir(parents=True, exist_ok=True)


def migrate(*, verbosity: int = 0) -> None:
    """Bring the database schema up to date."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def build_demo_organisations() -> None:
    """The agency tree plus the offices and partners the demo accounts belong to."""
    from borderops.accounts.choices import OrganisationKind
    from borderops.accounts.services import build_agency_tree, save_organisation

    agency = build_agency_tree()
    save_organisation(
        code="oia",
        name="Office of International Affairs",
        kind=OrganisationKind.OFFICE,
        parent=agency,
    )
    save_organisation(
        code="post-mexico-city",
        name="CBP Attaché Office, Mexico City",
        kind=OrganisationKind.POST,
        parent=agency,
        country_id="MX",
    )
    for code, name, country in PARTNER_ADMINISTRATIONS:
        save_organisation(
            code=code, name=name, kind=OrganisationKind.PARTNER_ADMINISTRATION, country_id=country
        )


def create_demo_accounts(directory: Path) -> list[tuple[str, str]]:
    """One account per role, named after it, with a fresh random password each time.

    The pairs are written to ``var/demo-accounts.txt`` as ``username password`` lines.
    """
    from borderops.accounts.models import Organisation, User
    from borderops.accounts.services import create_user

    accounts = []
    for username in ROLE_USERNAMES:
        password = secrets.token_urlsafe(12)
        organisation = Organisation.objects.get(code=DEMO_HOMES[username])
        user = User.objects.filter(username=username).first()
        if user is None:
            create_user(
                username=username,
                password=password,
                role=username,
                organisation=organisation,
                is_demo_account=True,
            )
        else:
            user.set_password(password)
            user.role, user.organisation, user.is_demo_account = username, organisation, True
            user.is_active = True
            user.save()
        accounts.append((username, password))
    path = directory / DEMO_ACCOUNTS_FILE
    path.write_text("".join(f"{name} {password}\n" for name, password in accounts))
    path.chmod(0o600)
    return accounts


def load_demo_dataset(
    *, seed: int, scale: float, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, Any]:
    """Generate the synthetic demo data under ``var/synth`` and load it."""
    from borderops.core.synth import GENERATOR_VERSION, generate, write_dataset
    from borderops.crossings.services import load_synthetic_dataset

    # Generated once per generator version, seed and scale; a new generator writes anew.
    out = var_dir() / "synth" / f"{GENERATOR_VERSION}-seed-{seed}-scale-{scale:g}"
    if not (out / "manifest.json").exists():
        dataset = generate(seed=seed, scale=scale, progress=progress)
        # CSV, so the agency's lookout list is imported by the same loader analysts use.
        write_dataset(dataset, out, fmt="csv", progress=progress)
    report = load_synthetic_dataset(directory=out)
    from borderops.lookouts.services import import_list

    lookouts = import_list(fmt="csv", path=out / "lookouts.csv", list_name="lookouts")
    from borderops.advance.services import receive_synthetic_manifests
    from borderops.core.synth import read_dataset

    # The airlines' advance data for the same air crossings, so the flight view has flights.
    expected = receive_synthetic_manifests(read_dataset(out), progress=progress)
    from borderops.training.services import load_demo_training

    # The international wing: five fiscal years of course deliveries, FY2015 at the seed's
    # scale (222 deliveries in 52 countries); smaller demos get fewer participants each.
    training = load_demo_training(
        seed=seed,
        participants_per_delivery=(12, 24) if scale >= 1 else (4, 8),
        progress=progress,
    )
    from borderops.targeting.services import install_demo_rules

    # The example rule set in force, every shipment scored, so the worklists have entries.
    scoring = install_demo_rules(seed=seed)
    return {
        **report.counts,
        "lookouts": lookouts.version.entry_count,
        "expected_travellers": expected,
        "course_deliveries": training.get("deliveries", 0),
        "scored_shipments": scoring.entry_count if scoring is not None else 0,
    }
