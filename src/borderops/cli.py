"""The ``borderops`` command line: set up, serve, load and generate.

Every command works on the installation under ``var/`` (or ``BORDEROPS_VAR_DIR``) and goes
through the same service functions as the web application.
"""

from __future__ import annotations

import getpass
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderops import installation
from borderops.cli_support import as_command, console, fail, progress_bar

app = typer.Typer(
    help="BorderOps: screening, targeting, inspections and international assistance.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema."""
    with as_command("migrate"):
        installation.migrate(verbosity=1)


class ReferenceSource(StrEnum):
    builtin = "builtin"
    bts = "bts"
    hs = "hs"


@app.command("load-reference")
def load_reference(
    source: Annotated[ReferenceSource, typer.Argument(help="builtin, bts FILE or hs FILE")] = (
        ReferenceSource.builtin
    ),
    file: Annotated[Path | None, typer.Argument(help="The file to load for bts or hs.")] = None,
) -> None:
    """Load reference data: the built-in tables, a BTS Border Crossing Entry Data CSV, or an
    HS nomenclature CSV. A file with any bad row loads nothing."""
    if source is not ReferenceSource.builtin and file is None:
        fail(
            f"load-reference {source} needs a FILE, e.g. borderops load-reference {source} data.csv"
        )
    if file is not None and not file.is_file():
        fail(f"{file}: no such file.")
    with as_command("load-reference"):
        from borderops.reference import services

        try:
            with progress_bar() as update:
                if source is ReferenceSource.builtin:
                    reports = services.load_builtin_reference(progress=update)
                elif source is ReferenceSource.bts:
                    assert file is not None
                    reports = [
                        services.load_bts(
                            file, progress=lambda done, total: update("BTS crossings", done, total)
                        )
                    ]
                else:
                    reports = [services.load_hs(file)]
        except services.ImportRejected as error:
            fail(str(error))
        from borderops.accounts.services import build_agency_tree

        build_agency_tree()
    for report in reports:
        console.print(str(report))


@app.command()
def createuser(
    username: Annotated[str, typer.Argument(help="The sign-in name.")],
    role: Annotated[
        str,
        typer.Option(
            help="officer, supervisor, analyst, agent, coordinator, "
            "attache, partner, auditor or admin."
        ),
    ],
    organisation: Annotated[
        str, typer.Option(help="Organisation code, e.g. port-2504.")
    ] = "agency",
    email: Annotated[str, typer.Option()] = "",
) -> None:
    """Create a user. The password is read from BORDEROPS_NEW_PASSWORD or asked for."""
    with as_command("createuser"):
        from django.contrib.auth.password_validation import validate_password
        from django.core.exceptions import ValidationError

        from borderops.accounts.choices import Role
        from borderops.accounts.models import Organisation, User
        from borderops.accounts.services import create_user

        if role not in Role.values:
            fail(f"unknown role {role!r}; choose one of: {', '.join(Role.values)}.")
        home = Organisation.objects.filter(code=organisation).first()
        if home is None:
            fail(
                f"no organisation with code {organisation!r}; run `borderops load-reference` "
                "first or pick a code from the Organisations page."
            )
        if User.objects.filter(username=username).exists():
            fail(f"a user named {username!r} already exists.")
        password = os.environ.get("BORDEROPS_NEW_PASSWORD") or getpass.getpass("Password: ")
        try:
            validate_password(password, User(username=username, email=email))
        except ValidationError as error:
            fail(" ".join(error.messages))
        create_user(username=username, password=password, role=role, organisation=home, email=email)
    console.print(f"Created {role} {username} in {organisation}.")


class SynthFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


@app.command()
def synth(
    out: Annotated[Path, typer.Option(help="Folder to write the data set into.")],
    seed: Annotated[int, typer.Option(help="Same seed, same data.")] = 2015,
    scale: Annotated[float, typer.Option(help="1.0 is about 1,000 travellers.", min=0.01)] = 1.0,
    violation_rate: Annotated[float, typer.Option(min=0.0, max=1.0)] = 0.02,
    format: Annotated[SynthFormat, typer.Option("--format")] = SynthFormat.parquet,
) -> None:
    """Write a synthetic data set with ground truth (travellers, documents, vehicles,
    crossings, shipments, lookouts, truth) as Parquet or CSV."""
    from borderops.core.synth import generate, write_dataset

    with progress_bar() as update:
        dataset = generate(seed=seed, scale=scale, violation_rate=violation_rate, progress=update)
        paths = write_dataset(dataset, out, fmt=format.value, progress=update)
    table = Table("table", "file")
    for name, path in paths.items():
        table.add_row(name, str(path))
    Console().print(table)


@app.command("load-synth")
def load_synth(
    directory: Annotated[Path, typer.Argument(help="A folder written by `borderops synth`.")],
) -> None:
    """Load a synthetic data set into the database (all or nothing; loading twice is harmless)."""
    if not directory.is_dir():
        fail(f"{directory}: no such folder.")
    with as_command("load-synth"):
        from borderops.crossings.services import DatasetError, load_synthetic_dataset

        try:
            report = load_synthetic_dataset(directory=directory)
        except DatasetError as error:
            fail(str(error))
    console.print(report.counts)


def _print_accounts(host: str, port: int) -> None:
    accounts_file = installation.var_dir() / installation.DEMO_ACCOUNTS_FILE
    out = Console()
    out.print(f"\n[bold]BorderOps is at http://{host}:{port}/[/]")
    if accounts_file.exists():
        out.print(f"Demo accounts (also in {accounts_file}):")
        table = Table("username", "password")
        for line in accounts_file.read_text().splitlines():
            name, _, password = line.partition(" ")
            table.add_row(name, password)
        out.print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    threads: Annotated[int, typer.Option(min=1, max=64)] = 8,
) -> None:
    """Serve the installation under var/ (a demo installation stays in demo mode)."""
    installation.setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=not settings.DEMO_MODE, fail_level="ERROR")
    except SystemCheckError as error:
        fail(f"refusing to serve with unsafe settings:\n{error}")
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        fail("the database is not up to date; run `borderops migrate` first.")
    from waitress import serve as waitress_serve

    from borderops.wsgi import application

    _print_accounts(host, port)
    console.print("Press Ctrl+C to stop.")
    waitress_serve(application, host=host, port=port, threads=threads, ident="BorderOps")


@app.command()
def demo(
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Prepare everything, then stop.")
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic demo data.")] = 2015,
    scale: Annotated[
        float, typer.Option(help="Size of the demo data (1.0 ≈ 1,000 travellers).")
    ] = 2.0,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Prepare a demo installation under var/ (database, reference data, synthetic data,
    one account per role), then serve it."""
    if os.environ.get("BORDEROPS_DATABASE_URL", "").startswith("postgres"):
        console.print("Using the database in BORDEROPS_DATABASE_URL.")
    # The marker must exist before Django reads its settings.
    installation.mark_demo_installation(installation.var_dir())
    os.environ["BORDEROPS_DEMO"] = "1"
    with as_command("demo"):
        console.print("Migrating the database…")
        installation.migrate()
        from borderops.reference import services

        with progress_bar() as update:
            services.load_builtin_reference(progress=update)
            installation.build_demo_organisations()
            counts = installation.load_demo_dataset(seed=seed, scale=scale, progress=update)
        console.print(f"Loaded synthetic data: {counts}")
        installation.create_demo_accounts(installation.var_dir())
    if no_serve:
        _print_accounts(host, port)
        return
    serve(host=host, port=port, threads=8)


def _register_subcommands() -> None:
    from borderops.cli_advance import paxlst_app, pnr_app
    from borderops.cli_advance_data import advance_app
    from borderops.cli_documents import mrz_app
    from borderops.cli_risk import risk_app
    from borderops.cli_screening import lists_app, screen
    from borderops.cli_targeting import backtest_command, target_command

    app.command("screen")(screen)
    app.command("target")(target_command)
    app.command("backtest")(backtest_command)
    app.add_typer(lists_app, name="lists")
    app.add_typer(mrz_app, name="mrz")
    app.add_typer(paxlst_app, name="paxlst")
    app.add_typer(pnr_app, name="pnr")
    app.add_typer(advance_app, name="advance")
    app.add_typer(risk_app, name="risk")


_register_subcommands()


def main() -> None:
    """Entry point of the ``borderops`` script."""
    app()


if __name__ == "__main__":
    main()
