"""Risk models learned from examination outcomes, alongside the targeting rules.

``train_model`` learns a LightGBM model from labelled entries (columns typed automatically,
customs features, time-ordered validation, calibration); ``save_model``/``load_model`` keep
it as one versioned file; ``score_entries`` gives each entry a probability and the reasons
in an officer's words; ``at_rates`` measures precision and recall at examination rates;
``assign_channels`` combines model and rules into a channel by a documented policy.
"""

from borderops.core.risk.columns import infer_kind, type_columns
from borderops.core.risk.evaluate import at_rates, curve
from borderops.core.risk.model_file import load_model, model_bytes, read_card, save_model
from borderops.core.risk.policy import ChannelPolicy, Decision, assign_channels
from borderops.core.risk.score import RiskScores, check_columns, score_entries
from borderops.core.risk.train import RiskModel, binary_labels, train_model
from borderops.core.risk.types import (
    FORMAT_VERSION,
    RATES,
    ColumnKind,
    ColumnTyping,
    ModelCard,
    RatePoint,
    Reason,
    RiskError,
    RiskModelError,
    Role,
)

__all__ = [
    "FORMAT_VERSION",
    "RATES",
    "ChannelPolicy",
    "ColumnKind",
    "ColumnTyping",
    "Decision",
    "ModelCard",
    "RatePoint",
    "Reason",
    "RiskError",
    "RiskModel",
    "RiskModelError",
    "RiskScores",
    "Role",
    "assign_channels",
    "at_rates",
    "binary_labels",
    "check_columns",
    "curve",
    "infer_kind",
    "load_model",
    "model_bytes",
    "read_card",
    "save_model",
    "score_entries",
    "train_model",
    "type_columns",
]
