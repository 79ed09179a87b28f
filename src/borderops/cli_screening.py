"""``borderops screen`` and ``borderops lists …``: screening files against lists.

``screen`` and ``lists build-index`` work on files alone (no database), so an analyst can run
them anywhere; ``lists import`` and ``lists diff LIST`` work on the installation's versions.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from borderops.cli_support import as_command, console, fail
from borderops.core.lists.types import ListFormat, ListFormatError, LoadedList

lists_app = typer.Typer(help="Import, compare and index watchlists.", no_args_is_help=True)
FORMATS = ", ".join(fmt.value for fmt in ListFormat)


def parse_list_option(value: str) -> tuple[ListFormat, Path]:
    """``FORMAT:PATH`` from a --list option, checked."""
    fmt, separator, path = value.partition(":")
    if not separator or not path:
        fail(f"--list {value!r} must be FORMAT:PATH, with FORMAT one of {FORMATS}.")
    try:
        list_format = ListFormat(fmt.strip().lower())
    except ValueError:
        fail(f"--list {value!r}: unknown format {fmt!r}; use one of {FORMATS}.")
    location = Path(path)
    if not location.exists():
        fail(f"--list {value!r}: {location} does not exist.")
    if list_format is ListFormat.OFAC_CSV and not location.is_dir():
        fail(f"--list {value!r}: ofac-csv takes the folder holding sdn.csv (and alt.csv/add.csv).")
    return list_format, location


def load_lists(values: list[str]) -> list[LoadedList]:
    """Every list named by --list options, or a clear error naming file and place."""
    from borderops.core.lists import load_list

    loaded = []
    for value in values:
        fmt, path = parse_list_option(value)
        started = time.perf_counter()
        try:
            loaded.append(load_list(fmt, path))
        except ListFormatError as error:
            fail(str(error))
        console.print(
            f"Loaded {len(loaded[-1].entries):,} entries of {loaded[-1].list_name} "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return loaded


def screen(
    input: Annotated[Path, typer.Option("--input", help="QUERIES.csv: id,name[,birth_date,…]")],
    output: Annotated[Path, typer.Option("--output", help="HITS.csv to write.")],
    lists: Annotated[
        list[str] | None, typer.Option("--list", help=f"FORMAT:PATH, FORMAT one of {FORMATS}.")
    ] = None,
    index_file: Annotated[
        Path | None, typer.Option("--index", help="A prebuilt index (lists build-index).")
    ] = None,
    threshold: Annotated[float | None, typer.Option(min=0.0, max=1.0)] = None,
    algorithm: Annotated[
        str | None,
        typer.Option(help="Matching algorithm: name-v2 (the default) or name-v1."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Processes to screen with (default: one per CPU)."),
    ] = None,
) -> None:
    """Screen every subject of QUERIES.csv against the lists; write hits best-first per query."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from borderops.core import screening
    from borderops.core.subjects import (
        SubjectFileError,
        read_subjects,
        subject_from_row,
        write_hits,
    )

    if not lists and index_file is None:
        fail("name at least one --list FORMAT:PATH (or --index FILE).")
    if lists and index_file is not None:
        fail("give either --index or --list, not both.")
    algorithm = algorithm or screening.DEFAULT_ALGORITHM
    try:
        screening.get_algorithm(algorithm)
    except screening.UnknownAlgorithmError as error:
        fail(str(error))
    try:
        subjects = list(read_subjects(input))
    except SubjectFileError as error:
        fail(str(error))
    if index_file is not None:
        try:
            index = screening.load_index(index_file)
        except (OSError, screening.IndexFormatError) as error:
            fail(f"{index_file}: {error}")
    else:
        entries = [entry for loaded in load_lists(lists or []) for entry in loaded.entries]
        index = screening.build_index(entries)
    limit = threshold if threshold is not None else screening.DEFAULT_THRESHOLD
    rows: list[tuple[str, str, str, float, str, str, str]] = []
    unusable: list[screening.UnusableSubject] = []
    with Progress(
        TextColumn("screening"), BarColumn(), MofNCompleteColumn(), console=console
    ) as bar:
        task = bar.add_task("screening", total=len(subjects))
        processes = workers or os.cpu_count() or 1
        # Each call forks its workers afresh: large enough chunks keep that cost small.
        batch = 2000 * processes
        for start in range(0, len(subjects), batch):
            chunk = [subject_from_row(row) for row in subjects[start : start + batch]]
            result = screening.screen(
                index, chunk, threshold=limit, algorithm=algorithm, workers=processes
            )
            rows.extend(
                (
                    hit.query_id,
                    hit.list_name,
                    hit.entry_id,
                    hit.score,
                    hit.matched_name,
                    hit.query_name,
                    hit.explanation,
                )
                for hit in result.hits
            )
            unusable.extend(result.unusable)
            bar.update(task, completed=min(start + batch, len(subjects)))
    written = write_hits(output, rows)
    for problem in unusable:
        console.print(f"[yellow]not screened:[/] query {problem.query_id}: {problem.message}")
    console.print(f"{len(subjects):,} subjects screened, {written:,} hits at or above {limit:g}.")


@lists_app.command("build-index")
def build_index(
    lists: Annotated[
        list[str], typer.Option("--list", help=f"FORMAT:PATH, FORMAT one of {FORMATS}.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Index file to write.")],
) -> None:
    """Build a screening index once and save it, so a server starts in seconds."""
    from borderops.core import screening

    entries = [entry for loaded in load_lists(lists) for entry in loaded.entries]
    started = time.perf_counter()
    index = screening.build_index(entries)
    index.save(out)
    console.print(
        f"Indexed {len(entries):,} entries in {time.perf_counter() - started:.1f} s → {out}"
    )


@lists_app.command("import")
def import_list(
    source: Annotated[str, typer.Argument(help=f"FORMAT:PATH, FORMAT one of {FORMATS}.")],
    name: Annotated[
        str | None, typer.Option(help="Watchlist name (default: from the file).")
    ] = None,
) -> None:
    """Import a list file as a new version of its watchlist (nothing changes on a bad file)."""

    fmt, path = parse_list_option(source)
    with as_command("lists-import"):
        from borderops.lookouts.services import import_list as import_service

        try:
            outcome = import_service(fmt=fmt, path=path, list_name=name)
        except ListFormatError as error:
            fail(f"{error}\nThe version in force is unchanged.")
    version = outcome.version
    if outcome.created:
        console.print(f"Imported {version} with {version.entry_count:,} entries.")
    else:
        console.print(f"{version} already holds this content; no new version.")


@lists_app.command("diff")
def diff(
    name: Annotated[str | None, typer.Argument(help="A watchlist of this installation.")] = None,
    old: Annotated[int | None, typer.Option(help="Old version number (default: previous).")] = None,
    new: Annotated[int | None, typer.Option(help="New version number (default: current).")] = None,
    old_file: Annotated[
        str | None, typer.Option("--from", help="Or compare files: FORMAT:PATH")
    ] = None,
    new_file: Annotated[str | None, typer.Option("--to", help="FORMAT:PATH")] = None,
) -> None:
    """Entries added, removed and changed between two versions of a list (or two files)."""
    from borderops.core.lists.diff import ListDiff, diff_lists

    difference: ListDiff
    if old_file or new_file:
        if not (old_file and new_file):
            fail("give both --from and --to to compare two files.")
        before, after = load_lists([old_file or "", new_file or ""])
        difference = diff_lists(before.entries, after.entries)
        title = f"{old_file} → {new_file}"
    else:
        if not name:
            fail("name a watchlist, or give --from and --to files.")

        with as_command("lists-diff"):
            from borderops.lookouts.models import Watchlist
            from borderops.lookouts.services import diff_versions

            watchlist = Watchlist.objects.filter(name=name).first()
            if watchlist is None:
                fail(f"no watchlist named {name!r}; see `borderops lists import`.")
            assert watchlist is not None
            current = watchlist.current_version
            new_number = new or (current.number if current else 0)
            old_number = old or new_number - 1
            versions = {
                v.number: v for v in watchlist.versions.filter(number__in=[old_number, new_number])
            }
            if old_number not in versions or new_number not in versions:
                fail(f"{name} has no versions {old_number} and {new_number} to compare.")
            difference = diff_versions(old=versions[old_number], new=versions[new_number])
            title = f"{name} v{old_number} → v{new_number}"
    out = Console()
    out.print(
        f"[bold]{title}[/]: {len(difference.added)} added, {len(difference.removed)} "
        f"removed, {len(difference.changed)} changed"
    )
    for entry_id in difference.added:
        out.print(f"+ {entry_id}")
    for entry_id in difference.removed:
        out.print(f"- {entry_id}")
    for entry_id, fields in difference.changed_items:
        out.print(f"~ {entry_id}: {', '.join(fields)}")
