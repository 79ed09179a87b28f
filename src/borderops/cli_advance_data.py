"""``borderops advance …``: receive PAXLST and PNRGOV files into the installation.

``receive`` takes files named on the command line; ``watch`` takes whatever carriers drop in a
folder, moving each file to ``received/`` or, with a ``.error.txt`` beside it, to
``rejected/``, so that nothing is read twice and nothing is lost.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from borderops.cli_support import as_command, console, fail

advance_app = typer.Typer(
    help="Receive advance passenger data (PAXLST, PNRGOV).", no_args_is_help=True
)

RECEIVED, REJECTED = "received", "rejected"
UserOption = Annotated[
    str | None,
    typer.Option("--user", help="Username the messages are received for (default: the system)."),
]


def _user(username: str | None) -> Any:
    if username is None:
        return None
    from borderops.accounts.models import User
    from borderops.accounts.permissions import Action, Resource, can

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        fail(f"no active user named {username!r}.")
    if not can(user, Action.ADD, Resource.ADVANCE_DATA):
        fail(f"{username} may not receive advance passenger data (role {user.role}).")
    return user


def _receive_file(path: Path, user: Any, through: Any) -> tuple[bool, str]:
    """Receive one file; (accepted, what happened)."""
    from borderops.advance import services

    try:
        raw = path.read_bytes()
    except OSError as error:
        return False, f"cannot read {path}: {error.strerror or error}"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    try:
        outcome = services.receive_message(
            text=text, through=through, user=user, filename=path.name
        )
    except services.MessageRejected as error:
        return False, f"{path}: rejected, nothing stored: {error}"
    if not outcome.created:
        return True, f"{path}: already received as message {outcome.message.pk}; nothing changed"
    flights = ", ".join(f"{flight.flight} {flight.service_date}" for flight in outcome.flights)
    note = f" (read despite: {outcome.message.warning})" if outcome.message.warning else ""
    return True, (
        f"{path}: {outcome.travellers} travellers on {flights}; "
        f"{outcome.referrals} advised for referral{note}"
    )


@advance_app.command("receive")
def receive_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="EDIFACT files.")],
    user: UserOption = None,
) -> None:
    """Receive PAXLST or PNRGOV files: store, screen and check every traveller."""
    from borderops.advance.choices import ReceivedThrough

    failures = 0
    with as_command("advance-receive"):
        receiver = _user(user)
        for path in files:
            accepted, note = _receive_file(path, receiver, ReceivedThrough.FOLDER)
            if accepted:
                console.print(note, markup=False, highlight=False)
            else:
                failures += 1
                console.print(f"[bold red]error:[/] {note}", highlight=False)
    if failures:
        raise typer.Exit(1)


@advance_app.command("watch")
def watch_command(
    folder: Annotated[Path, typer.Argument(help="Folder carriers drop messages into.")],
    user: UserOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Process what is there now, then stop.")
    ] = False,
    interval: Annotated[
        float, typer.Option("--interval", min=0.5, help="Seconds between looks.")
    ] = 5.0,
) -> None:
    """Receive every file that appears in FOLDER, moving it to received/ or rejected/."""
    from borderops.advance.choices import ReceivedThrough

    if not folder.is_dir():
        fail(f"{folder} is not a folder.")
    for name in (RECEIVED, REJECTED):
        (folder / name).mkdir(exist_ok=True)
    with as_command("advance-watch"):
        receiver = _user(user)
        console.print(f"Watching {folder} for PAXLST and PNRGOV files…")
        while True:
            for path in _waiting_files(folder):
                accepted, note = _receive_file(path, receiver, ReceivedThrough.FOLDER)
                moved = _free_name(folder / (RECEIVED if accepted else REJECTED) / path.name)
                os.replace(path, moved)
                if not accepted:
                    moved.with_name(moved.name + ".error.txt").write_text(
                        note + "\n", encoding="utf-8"
                    )
                console.print(note, markup=False, highlight=False)
            if once:
                return
            time.sleep(interval)


def _waiting_files(folder: Path) -> list[Path]:
    """Files ready to read; names starting with a dot are still being written by the sender."""
    return sorted(
        path for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")
    )


def _free_name(target: Path) -> Path:
    """The target, or the target with a number added when that name is taken."""
    candidate, number = target, 1
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}.{number}{target.suffix}")
        number += 1
    return candidate
