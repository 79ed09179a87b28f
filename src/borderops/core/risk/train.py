"""Learning a risk model from past entries and their examination outcomes.

The entries are put in time order and cut into three consecutive slices, never shuffled:
the trees learn on the earliest (``fit``), stop growing when the next (``validation``) stops
improving, and the latest (``calibration``) turns scores into probabilities and gives the
model card's precision and recall — figures from entries whose labels no part of training
saw, lodged after everything it learned from, as the model will meet them in service.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

import lightgbm as lgb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.risk.calibration import Calibration, fit_platt
from borderops.core.risk.columns import name_words, type_columns
from borderops.core.risk.drift import score_baseline
from borderops.core.risk.evaluate import at_rates
from borderops.core.risk.features import FeatureState, build_matrix, fit_state, time_folds
from borderops.core.risk.keys import Column, FloatArray, IntArray, days, numbers
from borderops.core.risk.types import (
    FORMAT_VERSION,
    ModelCard,
    Period,
    RiskError,
    RiskModelError,
)

Progress = Callable[[str, int, int], None]
# Shares of the time-ordered entries for fitting, early stopping and calibration.
SPLIT = (0.70, 0.15, 0.15)
# On KCS, 0.1 matched 0.05 in precision with a third to a half of the trees, and scoring
# time is proportional to the trees.
LEARNING_RATE = 0.1
# Column names that say "this is what was found", not what was declared.
OUTCOME_WORDS = frozenset(
    {"fraud", "violation", "finding", "found", "seizure", "seized", "outcome", "label", "target"}
)
_TRUE = frozenset({"1", "true", "t", "yes", "y", "1.0"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "0.0"})


@dataclass(frozen=True, slots=True)
class RiskModel:
    """A trained model: its card, feature tables, booster and calibration."""

    card: ModelCard
    state: FeatureState
    booster: lgb.Booster
    calibration: Calibration


def binary_labels(column: Column, name: str) -> FloatArray:
    """The label column as 0/1: true/false, 1/0, yes/no; anything else is refused."""
    if column.null_count:
        raise RiskModelError(
            RiskError.LABEL_NOT_BINARY,
            f"label column {name!r} is empty on {column.null_count} entries; every training "
            "entry needs an outcome (1/0 or true/false)",
        )
    text = pc.utf8_lower(pc.utf8_trim_whitespace(pc.cast(column, pa.string())))
    values = {str(v) for v in pc.unique(text).to_pylist()}
    unknown = sorted(values - _TRUE - _FALSE)
    if unknown:
        shown = ", ".join(repr(v) for v in unknown[:5])
        raise RiskModelError(
            RiskError.LABEL_NOT_BINARY,
            f"label column {name!r} is not binary: it has {shown}"
            f"{' and more' if len(unknown) > 5 else ''}; use 1/0 or true/false",
        )
    hits = pc.is_in(text, value_set=pa.array(sorted(_TRUE)))
    return numbers(hits)


def outcome_columns(table: pa.Table, labels: FloatArray, skip: Collection[str]) -> dict[str, str]:
    """Columns that record an outcome rather than a declaration (left out, or the model
    would learn from the answer): by name, or because every entry they mark was a
    violation (KCS's ``Critical Fraud`` beside ``Fraud``)."""
    found: dict[str, str] = {}
    for name in table.column_names:
        if name in skip:
            continue
        if set(name_words(name)) & OUTCOME_WORDS:
            found[name] = "its name says it is an outcome, not part of the declaration"
            continue
        column = table.column(name)
        if not (pa.types.is_integer(column.type) or pa.types.is_boolean(column.type)):
            continue
        marked = numbers(column)
        marked = np.nan_to_num(marked) != 0
        enough = marked.sum() >= max(10, 0.1 * labels.sum())
        if enough and marked.mean() < 0.5 and np.all(labels[marked] == 1):
            found[name] = "every entry it marks was a violation: an outcome, not a declaration"
    return found


def split_points(day: FloatArray, shares: tuple[float, float, float]) -> tuple[int, int]:
    """Row indices cutting time-ordered rows into three slices, moved to day boundaries so
    no day is in two slices (unless one day is most of the data)."""
    n = len(day)

    def cut(share: float) -> int:
        nominal = min(max(int(n * share), 1), n - 1)
        boundary = int(np.searchsorted(day, day[nominal], side="left"))
        return boundary if 0 < boundary < n else nominal

    first = cut(shares[0])
    second = max(cut(shares[0] + shares[1]), first + 1)
    return first, min(second, n - 1)


def _period(day: FloatArray, labels: FloatArray, has_dates: bool) -> Period:
    def iso(value: float) -> str | None:
        if not has_dates or not np.isfinite(value):
            return None
        return (date(1970, 1, 1) + timedelta(days=int(value))).isoformat()

    return Period(
        first=iso(float(day[0])) if len(day) else None,
        last=iso(float(day[-1])) if len(day) else None,
        rows=len(day),
        positives=int(labels.sum()),
    )


def _versions() -> dict[str, str]:
    result = {}
    for package in ("borderops", "lightgbm", "numpy", "pyarrow"):
        try:
            result[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            result[package] = "unknown"
    return result


def booster_parameters(
    seed: int, threads: int, rows: int, learning_rate: float
) -> dict[str, object]:
    """LightGBM settings: shallow trees (explanations per entry cost the depth squared),
    row and column sampling, fixed seeds and a deterministic build so a seed gives the same
    model every time."""
    return {
        "objective": "binary",
        "learning_rate": learning_rate,
        "num_leaves": 31,
        "max_depth": 6,
        "min_data_in_leaf": max(5, min(40, rows // 1000)),
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "lambda_l2": 1.0,
        "cat_smooth": 10.0,
        "cat_l2": 10.0,
        "max_cat_to_onehot": 4,
        "seed": seed,
        "deterministic": True,
        "force_col_wise": True,
        "num_threads": threads,
        "verbose": -1,
    }


def train_model(
    table: pa.Table,
    *,
    label: str,
    id_column: str,
    date_column: str | None = None,
    categorical: Collection[str] = (),
    numeric: Collection[str] = (),
    exclude: Collection[str] = (),
    seed: int = 0,
    ruleset_text: str | None = None,
    max_rounds: int = 1000,
    learning_rate: float = LEARNING_RATE,
    patience: int = 50,
    threads: int = 2,
    progress: Progress | None = None,
) -> RiskModel:
    """Learn a risk model from labelled entries (one row each, ``label`` 1/0 or true/false).

    Columns are typed automatically (``categorical``/``numeric`` override, ``exclude``
    leaves out); ``ruleset_text`` (a rule set's YAML) adds the rule engine's score, fired
    rules and derived features as inputs. The same table, arguments and seed give the same
    model.
    """
    report = progress or (lambda stage, done, total: None)
    if table.num_rows == 0:
        raise RiskModelError(RiskError.EMPTY, "there are no entries to learn from")
    if label not in table.column_names:
        raise RiskModelError(
            RiskError.MISSING_LABEL,
            f"no label column {label!r}; the columns are {', '.join(table.column_names)}",
        )
    labels = binary_labels(table.column(label), label)
    named = {label, id_column, *categorical, *numeric, *([date_column] if date_column else [])}
    outcomes = outcome_columns(table, labels, named)
    typing = type_columns(
        table,
        id_column=id_column,
        exclude={label, *exclude, *outcomes},
        date_column=date_column,
        categorical=categorical,
        numeric=numeric,
    )
    typing = replace(typing, ignored={**typing.ignored, **outcomes})
    report("typing columns", 1, 1)
    table, labels, day = _in_time_order(table, labels, typing.date_column)
    if labels.sum() == 0 or labels.sum() == len(labels):
        raise RiskModelError(
            RiskError.ONE_CLASS,
            f"every entry has the same outcome in {label!r}; a model needs examples of both "
            "violations and compliant entries",
        )
    first, second = split_points(day, SPLIT)
    fit_labels = labels[:first]
    if fit_labels.sum() == 0 or fit_labels.sum() == first:
        raise RiskModelError(
            RiskError.ONE_CLASS,
            f"the earliest {first} entries (the slice the trees learn from) all have the same "
            "outcome; give more history, or entries with violations earlier in time",
        )
    fit_table = table.slice(0, first)
    state = fit_state(fit_table, fit_labels, typing, ruleset_text=ruleset_text)
    fit_matrix = build_matrix(state, fit_table, out_of_fold=(fit_labels, time_folds(first)))
    report("building features", 1, 2)
    later = build_matrix(state, table.slice(first))
    valid_matrix, calibration_matrix = later[: second - first], later[second - first :]
    valid_labels, calibration_labels = labels[first:second], labels[second:]
    report("building features", 2, 2)
    booster = _boost(
        state,
        (fit_matrix, fit_labels),
        (valid_matrix, valid_labels),
        booster_parameters(seed, threads, first, learning_rate),
        max_rounds=max_rounds,
        patience=patience,
        report=report,
    )
    margin = np.asarray(booster.predict(calibration_matrix, raw_score=True), dtype=np.float64)
    calibration = fit_platt(margin, calibration_labels)
    metrics = at_rates(margin, calibration_labels)
    baseline = score_baseline(calibration.apply(margin))
    # Scoring looks parties up in every labelled entry, not only the fit slice.
    final_state = fit_state(table, labels, typing, ruleset_text=ruleset_text, layout=state)
    has_dates = typing.date_column is not None
    card = ModelCard(
        format_version=FORMAT_VERSION,
        label=label,
        typing=typing,
        features=tuple(final_state.names),
        periods={
            "fit": _period(day[:first], fit_labels, has_dates),
            "validation": _period(day[first:second], valid_labels, has_dates),
            "calibration": _period(day[second:], calibration_labels, has_dates),
        },
        metrics=metrics,
        seed=seed,
        iterations=booster.num_trees(),
        ruleset=_ruleset_label(final_state),
        versions=_versions(),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        notes=() if has_dates else ("no date column: input order was taken as time order",),
        score_baseline=baseline,
    )
    return RiskModel(card=card, state=final_state, booster=booster, calibration=calibration)


def _ruleset_label(state: FeatureState) -> str | None:
    ruleset = state.ruleset()
    return None if ruleset is None else str(ruleset.label)


def _in_time_order(
    table: pa.Table, labels: FloatArray, date_column: str | None
) -> tuple[pa.Table, FloatArray, FloatArray]:
    if date_column is None:
        return table, labels, np.arange(table.num_rows, dtype=np.float64)
    try:
        day = days(table.column(date_column))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise RiskModelError(
            RiskError.BAD_DATE,
            f"date column {date_column!r} is not dates (YYYY-MM-DD): {error}",
        ) from None
    missing = int(np.isnan(day).sum())
    if missing:
        raise RiskModelError(
            RiskError.BAD_DATE,
            f"date column {date_column!r} is empty on {missing} entries; time order needs a "
            "date on every entry",
        )
    order: IntArray = np.lexsort((np.arange(len(day)), day))
    return table.take(order), labels[order], day[order]


def _boost(
    state: FeatureState,
    fit: tuple[FloatArray, FloatArray],
    valid: tuple[FloatArray, FloatArray],
    parameters: dict[str, object],
    *,
    max_rounds: int,
    patience: int,
    report: Progress,
) -> lgb.Booster:
    names = [f"f{i}" for i in range(len(state.specs))]
    categorical = state.categorical_indices()
    train_set = lgb.Dataset(
        fit[0], label=fit[1], feature_name=names, categorical_feature=categorical,
        free_raw_data=False,
    )  # fmt: skip
    both = 0 < valid[1].sum() < len(valid[1])
    # Average precision follows precision at the top of the ranking; it needs both classes.
    metric = "average_precision" if both else "binary_logloss"
    valid_set = lgb.Dataset(valid[0], label=valid[1], reference=train_set)

    def tick(env: lgb.callback.CallbackEnv) -> None:
        report("boosting rounds", env.iteration + 1, max_rounds)

    booster = lgb.train(
        {**parameters, "metric": metric},
        train_set,
        num_boost_round=max_rounds,
        valid_sets=[valid_set],
        callbacks=[lgb.early_stopping(patience, verbose=False), tick],
    )
    best = booster.best_iteration or booster.current_iteration()
    report("boosting rounds", max_rounds, max_rounds)
    # Keep only the trees up to the best round: the file and every prediction use those.
    return lgb.Booster(model_str=booster.model_to_string(num_iteration=best))
