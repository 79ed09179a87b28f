"""``borderops risk train|score|evaluate|register|models``: risk models learned from
examination outcomes.

``train`` learns a model from declarations with a 0/1 (or true/false) outcome column and
writes one model file; ``score`` writes ``id,score,reasons`` for every entry of a file (one
row per input row, same order; the score a probability, the reasons joined by "; ");
``evaluate`` prints precision and recall when the top 1, 2, 5 and 10 % of entries by score
are examined. Those three work on files alone, no database, like ``borderops target``.
``register`` stores a model file in the installation as the next version of a name (to be
put in force per port or mode on the web or through the API); ``models`` lists the stored
versions with their precision and where each is in force.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from borderops.cli_support import as_command, console, fail, progress_bar

risk_app = typer.Typer(
    help="Risk models learned from examination outcomes: train, score, evaluate.",
    no_args_is_help=True,
)


@risk_app.command("train")
def train_command(
    inputs: Annotated[
        list[Path],
        typer.Option("--input", help="TRAIN.csv or .parquet with outcomes; repeat for more."),
    ],
    label: Annotated[str, typer.Option("--label", help="The outcome column: 1/0 or true/false.")],
    id_column: Annotated[str, typer.Option("--id", help="The entry id column.")],
    out: Annotated[Path, typer.Option("--out", help="MODEL_FILE to write.")],
    date: Annotated[
        str | None, typer.Option("--date", help="The date column (found by type if absent).")
    ] = None,
    categorical: Annotated[
        list[str] | None, typer.Option("--categorical", help="Treat this column as codes.")
    ] = None,
    numeric: Annotated[
        list[str] | None, typer.Option("--numeric", help="Treat this column as numbers.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed: the same data and seed, the same model.")] = 0,
    rules: Annotated[
        Path | None,
        typer.Option("--rules", help="RULES.yaml whose rules become features (entry columns)."),
    ] = None,
) -> None:
    """Learn a risk model from past entries and their examination outcomes."""
    from borderops.core.risk.io import header, read_training
    from borderops.core.risk.model_file import save_model
    from borderops.core.risk.train import train_model
    from borderops.core.risk.types import RiskModelError

    try:
        for path in inputs:
            names = header(path)
            if label not in names:
                fail(f"{path}: no label column {label!r}; the columns are {', '.join(names)}")
            if id_column not in names:
                fail(f"{path}: no id column {id_column!r}; the columns are {', '.join(names)}")
        ruleset_text = _read_rules(rules) if rules is not None else None
        with progress_bar() as update:
            update("reading entries", 0, 1)
            table = read_training(
                inputs, id_column=id_column, categorical=categorical or (), numeric=numeric or ()
            )
            update("reading entries", 1, 1)
            model = train_model(
                table,
                label=label,
                id_column=id_column,
                date_column=date,
                categorical=categorical or (),
                numeric=numeric or (),
                seed=seed,
                ruleset_text=ruleset_text,
                progress=update,
            )
            update("writing model", 0, 1)
            save_model(model, out)
            update("writing model", 1, 1)
    except RiskModelError as error:
        fail(str(error))
    card = model.card
    for column, why in card.typing.ignored.items():
        console.print(f"not used: {column} ({why})", markup=False, highlight=False)
    calibration = card.periods["calibration"]
    console.print(
        f"{table.num_rows:,} entries, {len(card.features)} features, {card.iterations} trees → "
        f"{out}. Held-out check on the latest {calibration.rows:,} entries "
        f"({calibration.first or 'in input order'} to {calibration.last or 'end'}):",
        markup=False,
        highlight=False,
    )
    _print_points([point.to_json() for point in card.metrics])


def _read_rules(path: Path) -> str:
    from borderops.core.targeting.rulesets import parse_ruleset
    from borderops.core.targeting.types import RuleSetError

    try:
        text = path.read_text(encoding="utf-8")
        parse_ruleset(text, source=str(path))
    except OSError as error:
        fail(f"{path}: cannot be read: {error.strerror or error}")
    except RuleSetError as error:
        fail(f"invalid rule set.\n{error}")
    return text


@risk_app.command("score")
def score_command(
    model_path: Annotated[Path, typer.Option("--model", help="MODEL_FILE from `risk train`.")],
    input: Annotated[Path, typer.Option("--input", help="ENTRIES.csv or .parquet to score.")],
    output: Annotated[
        Path, typer.Option("--output", help="SCORES.csv (or .parquet): id,score,reasons.")
    ],
    explain: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Share of entries, highest scores first, given reasons (reasons cost far "
            "more than scores on large files). 1 is every entry.",
        ),
    ] = 1.0,
) -> None:
    """Score every entry: a probability of a violation and the reasons, one row per entry."""
    from borderops.core.risk.io import header, model_types, read_table
    from borderops.core.risk.model_file import load_model
    from borderops.core.risk.score import check_columns, score_entries
    from borderops.core.risk.types import RiskModelError
    from borderops.core.targeting.io import EntryFileError, file_format, write_table

    try:
        file_format(output)
    except EntryFileError as error:
        fail(str(error))
    try:
        model = load_model(model_path)
        check_columns(model.card, header(input), source=str(input))
        with progress_bar() as update:
            update("reading entries", 0, 1)
            entries = read_table(input, model_types(model.card.typing))
            update("reading entries", 1, 1)
            scores = score_entries(model, entries, explain=explain, progress=update)
            update("writing", 0, 1)
            write_table(scores.to_table(), output)
            update("writing", 1, 1)
    except RiskModelError as error:
        fail(str(error))
    console.print(f"{entries.num_rows:,} entries scored → {output}", markup=False)


@risk_app.command("evaluate")
def evaluate_command(
    model_path: Annotated[Path, typer.Option("--model", help="MODEL_FILE from `risk train`.")],
    input: Annotated[
        Path, typer.Option("--input", help="LABELLED.csv or .parquet: entries with outcomes.")
    ],
    label: Annotated[str, typer.Option("--label", help="The outcome column: 1/0 or true/false.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Precision and recall when the top 1, 2, 5 and 10 % of entries by score are examined."""
    from borderops.core.risk.evaluate import at_rates
    from borderops.core.risk.io import header, model_types, read_table
    from borderops.core.risk.model_file import load_model
    from borderops.core.risk.score import check_columns, score_entries
    from borderops.core.risk.train import binary_labels
    from borderops.core.risk.types import RiskModelError

    try:
        model = load_model(model_path)
        names = header(input)
        if label not in names:
            fail(f"{input}: no label column {label!r}; the columns are {', '.join(names)}")
        check_columns(model.card, names, source=str(input))
        with progress_bar() as update:
            update("reading entries", 0, 1)
            entries = read_table(input, model_types(model.card.typing))
            update("reading entries", 1, 1)
            labels = binary_labels(entries.column(label), label)
            scores = score_entries(model, entries, reasons=0, progress=update)
    except RiskModelError as error:
        fail(str(error))
    points = [point.to_json() for point in at_rates(scores.margins, labels)]
    report = {
        "model": str(model_path),
        "entries": entries.num_rows,
        "violations": int(labels.sum()),
        "base_rate": float(labels.mean()),
        "rates": points,
    }
    if as_json:
        print(json.dumps(report, indent=2))
        return
    console.print(
        f"{entries.num_rows:,} entries, {int(labels.sum()):,} violations "
        f"(random selection finds {labels.mean():.1%} at any rate):",
        markup=False,
    )
    _print_points(points)


def _print_points(points: list[dict[str, object]]) -> None:
    table = Table("examined", "entries", "found", "precision", "recall")
    for point in points:
        precision, recall = point["precision"], point["recall"]
        table.add_row(
            f"{float(str(point['rate'])):.0%}",
            f"{point['examined']:,}",
            f"{point['found']:,}",
            "-" if precision is None else f"{float(str(precision)):.3f}",
            "-" if recall is None else f"{float(str(recall)):.3f}",
        )
    console.print(table)


@risk_app.command("register")
def register_command(
    model_path: Annotated[Path, typer.Argument(metavar="MODEL_FILE", help="A model file.")],
    name: Annotated[str, typer.Option("--name", help="What the model is for: cargo-risk.")],
    note: Annotated[str, typer.Option("--note", help="What is new in this version.")] = "",
) -> None:
    """Store a model file in the installation as the next version of NAME."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_slug

    try:
        validate_slug(name)
    except ValidationError:
        fail(f"--name {name!r}: use letters, digits, '-' and '_' only.")
    try:
        content = model_path.read_bytes()
    except OSError as error:
        fail(f"cannot read {model_path}: {error.strerror or error}")
    with as_command("risk-register"):
        from borderops.risk import services
        from borderops.risk.choices import ModelSource

        try:
            version = services.store_model(
                content=content,
                name=name,
                source=ModelSource.UPLOADED,
                note=note,
                filename=str(model_path),
            )
        except services.RiskServiceError as error:
            fail(str(error))
        console.print(
            f"stored as {version.stamp} ({version.size:,} bytes); put it in force on the web "
            "(Risk models) or with POST /api/risk/models/"
            f"{version.pk}/activations",
            markup=False,
            highlight=False,
        )
        missing = services.unusable_columns(version)
        if missing:
            console.print(
                f"note: it reads column(s) BorderOps shipments lack ({', '.join(missing)}), so "
                "it scores files with `borderops risk score`, not this system's entries",
                markup=False,
                highlight=False,
            )


@risk_app.command("models")
def models_command() -> None:
    """List the stored model versions: history, precision at 5 %, where each is in force."""
    with as_command("risk-models"):
        from borderops.risk.models import ModelActivation, RiskModelVersion

        table = Table("model", "history", "precision at 5 %", "in force for")
        active: dict[int, list[str]] = {}
        for activation in ModelActivation.objects.filter(active=True):
            active.setdefault(activation.version_id, []).append(
                f"{activation.scope} ({activation.share:.0%})"
            )
        for version in RiskModelVersion.objects.defer("content"):
            point = version.metric(0.05) or {}
            precision = point.get("precision")
            table.add_row(
                version.stamp,
                f"{version.trained_from or '?'} – {version.trained_to or '?'}",
                "-" if precision is None else f"{precision:.3f}",
                ", ".join(active.get(version.pk, [])) or "-",
            )
        Console(width=max(Console().width, 120)).print(table)
