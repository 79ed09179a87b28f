"""Risk models in the running system: storing versions, activating them per port or mode,
scoring a run's entries with the model in force, measuring a model on history, and drift.

Every state-touching call of the pages, the API, the CLI and the demo goes through here. The
learning, scoring, policy and drift measures themselves are ``borderops.core.risk``.
"""

from borderops.risk.services.activation import (
    activate,
    active_activations,
    end_activation,
    resolve,
    scope_key,
    unusable_columns,
)
from borderops.risk.services.common import (
    DEFAULT_SHARE,
    EXPLAIN_ALL_UP_TO,
    MAX_MODEL_BYTES,
    MAX_SHARE,
    RiskServiceError,
)
from borderops.risk.services.demo import DEMO_MODEL, install_demo_model
from borderops.risk.services.measuring import (
    Drift,
    Evaluation,
    chart_series,
    drift_of,
    evaluate_version,
)
from borderops.risk.services.scoring import decide_with_models, save_model_scores
from borderops.risk.services.versions import (
    card_of,
    model_of,
    store_model,
    train_from_history,
    with_activations_in_force,
)

__all__ = [
    "DEFAULT_SHARE",
    "DEMO_MODEL",
    "EXPLAIN_ALL_UP_TO",
    "MAX_MODEL_BYTES",
    "MAX_SHARE",
    "Drift",
    "Evaluation",
    "RiskServiceError",
    "activate",
    "active_activations",
    "card_of",
    "chart_series",
    "decide_with_models",
    "drift_of",
    "end_activation",
    "evaluate_version",
    "install_demo_model",
    "model_of",
    "resolve",
    "save_model_scores",
    "scope_key",
    "store_model",
    "train_from_history",
    "unusable_columns",
    "with_activations_in_force",
]
