"""Where an installation keeps its state; importable before Django settings are read."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def var_dir() -> Path:
    """``BORDEROPS_VAR_DIR``, else ``var/`` beside the virtual environment, else ``./var``.

    State lives beside the virtual environment so the CLI finds the same database wherever
    it is started from.
    """
    configured = os.environ.get("BORDEROPS_VAR_DIR")
    if configured:
        return Path(configured)
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix).resolve().parent / "var"
    return Path.cwd() / "var"
