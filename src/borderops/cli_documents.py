"""`borderops mrz`: read machine-readable zones from text, one JSON object per zone."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from borderops.cli_support import fail
from borderops.core.documents.parse import parse_mrz, read_blocks

mrz_app = typer.Typer(help="Read machine-readable zones.", no_args_is_help=True)


@mrz_app.callback()
def _group() -> None:
    """Read machine-readable zones."""


@mrz_app.command("parse")
def parse_command(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="Text with MRZs separated by blank lines; - reads stdin."
        ),
    ] = "-",
) -> None:
    """Print one JSON object per MRZ block (JSON Lines), in input order; invalid ones say so."""
    if file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(file, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError as error:
            fail(f"cannot read {file}: {error.strerror or error}")
    for block in read_blocks(text):
        typer.echo(json.dumps(parse_mrz(block).to_json(), ensure_ascii=False))
