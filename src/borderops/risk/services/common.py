"""What every risk service shares: limits, defaults and the one error they raise."""

from __future__ import annotations

# Model files larger than this are refused at upload: a model of a million declarations
# with rule features is a few megabytes, so this only stops a wrong file.
MAX_MODEL_BYTES = 100 * 1024 * 1024
MAX_SHARE = 0.5
DEFAULT_SHARE = 0.05
# Reasons cost one to one and a half milliseconds an entry (SHAP values over every tree); a
# run larger than this explains only its highest model scores: the share the model may send
# to red twice over, and at least a tenth of the run.
EXPLAIN_ALL_UP_TO = 2_000
EXPLAIN_SHARE = 0.10
REASONS = 3
DRIFT_DAYS = 30
LABEL = "violation"
# Free text, conveyance names and container numbers say little as codes; the rule features
# read them where they matter.
TRAINING_EXCLUDED = ("description", "conveyance", "containers", "route")
BATCH = 2000


class RiskServiceError(ValueError):
    """A risk-model request that cannot be carried out; the message says why and what to do."""
