"""The contract of risk models: column typing, the model card, reasons, and typed errors.

A risk model is learned from past entries with examination outcomes and scores new entries
with a probability of a violation and the reasons for it in an officer's words. Every
problem is a ``RiskModelError`` with a ``RiskError`` code and a message that says what was
wrong, where, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

# Bumped when a model file written by this code could not be read by older code; a reader
# refuses any other major version rather than scoring with features it does not know.
FORMAT_VERSION = 1
FORMAT_NAME = "borderops-risk-model"
# The examination rates every evaluation reports: the share of entries sent to examination.
RATES: tuple[float, ...] = (0.01, 0.02, 0.05, 0.10)


class RiskError(Enum):
    """Why training, scoring or loading a risk model was refused."""

    UNREADABLE = "unreadable"  # the file cannot be opened or parsed
    EMPTY = "empty"  # no rows
    MISSING_COLUMN = "missing_column"  # a named column (id, label, date, override) is absent
    MISSING_LABEL = "missing_label"
    LABEL_NOT_BINARY = "label_not_binary"
    ONE_CLASS = "one_class"  # every outcome is the same, nothing to learn
    BAD_DATE = "bad_date"
    COLUMNS_MISMATCH = "columns_mismatch"  # entries lack columns the model was trained on
    BAD_OVERRIDE = "bad_override"  # a column forced both categorical and numeric, say
    NEEDS_ENTRY_COLUMNS = "needs_entry_columns"  # rule features need the canonical columns
    NOT_A_MODEL = "not_a_model"
    INCOMPATIBLE_MODEL = "incompatible_model"  # a format version this code cannot read


class RiskModelError(ValueError):
    """A risk model problem a user can act on; ``str()`` is one line saying what to do."""

    def __init__(self, code: RiskError, message: str) -> None:
        self.code = code
        super().__init__(message)


class ColumnKind(StrEnum):
    """How a declaration column is used by the model."""

    CATEGORICAL = "categorical"  # codes and names: office, HS code, importer, origin…
    NUMERIC = "numeric"  # prices, masses, rates, quantities
    DATE = "date"
    IGNORED = "ignored"  # constant, different on nearly every entry, or an outcome


class Role(StrEnum):
    """What a column means to the customs features (found by name, overridable in code)."""

    HS_CODE = "hs_code"
    ORIGIN = "origin"
    VALUE = "value"
    MASS = "mass"
    PORT = "port"


@dataclass(frozen=True, slots=True)
class ColumnTyping:
    """Every input column with its kind, the roles found, the parties, and what was left out.

    ``ignored`` says why each ignored column is not used (a user reads it in the model card).
    """

    id_column: str
    date_column: str | None
    kinds: dict[str, ColumnKind]
    roles: dict[Role, str]
    parties: tuple[str, ...]
    ignored: dict[str, str] = field(default_factory=dict)

    def of(self, kind: ColumnKind) -> list[str]:
        """The columns of this kind, in input order."""
        return [name for name, value in self.kinds.items() if value is kind]

    @property
    def required(self) -> list[str]:
        """The columns an entries file must have to be scored by this model."""
        used = [n for n, k in self.kinds.items() if k is not ColumnKind.IGNORED]
        return [self.id_column, *used]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping (kept in the model file)."""
        return {
            "id_column": self.id_column,
            "date_column": self.date_column,
            "kinds": {name: kind.value for name, kind in self.kinds.items()},
            "roles": {role.value: name for role, name in self.roles.items()},
            "parties": list(self.parties),
            "ignored": dict(self.ignored),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ColumnTyping:
        """The typing saved by ``to_json``."""
        return cls(
            id_column=str(raw["id_column"]),
            date_column=raw.get("date_column"),
            kinds={str(k): ColumnKind(v) for k, v in raw["kinds"].items()},
            roles={Role(k): str(v) for k, v in raw["roles"].items()},
            parties=tuple(raw["parties"]),
            ignored={str(k): str(v) for k, v in raw.get("ignored", {}).items()},
        )


@dataclass(frozen=True, slots=True)
class RatePoint:
    """What examining the top ``rate`` share of entries by score finds."""

    rate: float
    examined: int
    found: int
    violations: int

    @property
    def precision(self) -> float | None:
        """Share of the examined entries that were violations (None when none examined)."""
        return self.found / self.examined if self.examined else None

    @property
    def recall(self) -> float | None:
        """Share of all violations that were examined (None when there were none)."""
        return self.found / self.violations if self.violations else None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping with precision and recall worked out."""
        return {
            "rate": self.rate,
            "examined": self.examined,
            "found": self.found,
            "violations": self.violations,
            "precision": self.precision,
            "recall": self.recall,
        }


@dataclass(frozen=True, slots=True)
class Period:
    """A slice of the training entries: first and last date (ISO) and the counts in it."""

    first: str | None
    last: str | None
    rows: int
    positives: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "first": self.first,
            "last": self.last,
            "rows": self.rows,
            "positives": self.positives,
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Period:
        """The period saved by ``to_json``."""
        return cls(raw.get("first"), raw.get("last"), int(raw["rows"]), int(raw["positives"]))


@dataclass(frozen=True, slots=True)
class ScoreBaseline:
    """Score bins (``edges`` between them, so one bin more than edges) and the share of the
    calibration slice's entries in each."""

    edges: tuple[float, ...]
    shares: tuple[float, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"edges": list(self.edges), "shares": list(self.shares)}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> ScoreBaseline | None:
        """The baseline saved by ``to_json``; None when the file has none."""
        if not raw:
            return None
        return cls(tuple(float(v) for v in raw["edges"]), tuple(float(v) for v in raw["shares"]))


@dataclass(frozen=True, slots=True)
class ModelCard:
    """What a model is: what it learned from, on which features, how well, and how to redo it.

    ``periods`` has ``fit`` (the trees learn here), ``validation`` (early stopping) and
    ``calibration`` (turns scores into probabilities, and the metrics are measured here: no
    part of training saw these entries' labels).
    """

    format_version: int
    label: str
    typing: ColumnTyping
    features: tuple[str, ...]
    periods: dict[str, Period]
    metrics: tuple[RatePoint, ...]
    seed: int
    iterations: int
    ruleset: str | None  # name@version of the rule set whose rules are features
    versions: dict[str, str]
    created: str  # UTC, ISO 8601
    notes: tuple[str, ...] = ()
    # How the calibrated scores were spread on the calibration slice: the baseline that
    # later entries' scores are compared with (drift). None in files written before it was
    # kept; such a model shows no score drift until it is retrained.
    score_baseline: ScoreBaseline | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready mapping (the model file's ``card.json``)."""
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "label": self.label,
            "typing": self.typing.to_json(),
            "features": list(self.features),
            "periods": {name: period.to_json() for name, period in self.periods.items()},
            "metrics": [point.to_json() for point in self.metrics],
            "seed": self.seed,
            "iterations": self.iterations,
            "ruleset": self.ruleset,
            "versions": dict(self.versions),
            "created": self.created,
            "notes": list(self.notes),
            "score_baseline": (
                None if self.score_baseline is None else self.score_baseline.to_json()
            ),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ModelCard:
        """The card saved by ``to_json``."""
        return cls(
            format_version=int(raw["format_version"]),
            label=str(raw["label"]),
            typing=ColumnTyping.from_json(raw["typing"]),
            features=tuple(raw["features"]),
            periods={k: Period.from_json(v) for k, v in raw["periods"].items()},
            metrics=tuple(
                RatePoint(
                    float(p["rate"]), int(p["examined"]), int(p["found"]), int(p["violations"])
                )
                for p in raw["metrics"]
            ),
            seed=int(raw["seed"]),
            iterations=int(raw["iterations"]),
            ruleset=raw.get("ruleset"),
            versions={str(k): str(v) for k, v in raw["versions"].items()},
            created=str(raw["created"]),
            notes=tuple(raw.get("notes", ())),
            score_baseline=ScoreBaseline.from_json(raw.get("score_baseline")),
        )


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing that pushed an entry's score up: the feature, by how much, and in words."""

    feature: str
    contribution: float  # log-odds added by this feature
    text: str
