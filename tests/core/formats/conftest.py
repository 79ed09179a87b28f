"""Shared helpers for the EDIFACT reader tests: where the public GTAS samples live.

The samples are in ``<repo root>/../shared/data/edifact-samples`` (see its SOURCES.md); a
test that needs one is skipped cleanly when that folder is not there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# tests/core/formats/conftest.py → the repository root, whose sibling holds the shared data.
SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
GTAS = SHARED_DATA / "edifact-samples"


def gtas_sample(kind: str, name: str) -> str:
    """The text of one GTAS sample (``kind`` is ``paxlst`` or ``pnrgov``), or skip."""
    path = GTAS / kind / "gtas" / name
    if not path.exists():
        pytest.skip(f"shared test data not present: {path}")
    return path.read_text(encoding="utf-8", errors="replace")
