"""What every command-line command shares: error output, progress bars, Django set-up."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from borderops import installation

# soft_wrap: messages stay on one line, so scripts and terminals see them whole.
console = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error the user can act on and exit non-zero."""
    console.print("[bold red]error:[/] ", end="")
    console.print(message, markup=False, highlight=False)
    raise typer.Exit(code)


@contextmanager
def as_command(name: str) -> Iterator[None]:
    """Set up Django and attribute everything audited to this command."""
    installation.setup_django()
    from borderops.audit.context import Actor, acting_as

    with acting_as(Actor(name=f"system:{name}", channel="cli")):
        yield


@contextmanager
def progress_bar() -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress display fed by ``(stage, done, total)`` callbacks."""
    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield update
