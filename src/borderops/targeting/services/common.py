"""What every targeting service shares: limits, the example rules and the one error."""

from __future__ import annotations

from pathlib import Path

BATCH = 2000
MAX_BATCH_ENTRIES = 10_000
MAX_SOURCE_CHARS = 200_000
EXAMPLE_RULES = (
    Path(__file__).resolve().parents[2] / "core" / "targeting" / "data" / "example-rules.yaml"
)


class TargetingError(ValueError):
    """A request the targeting services cannot carry out, with what to do instead."""
