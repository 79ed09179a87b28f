"""How long the BTS Border Crossing Entry Data file takes to parse and to load; prints figures.

Loads into a fresh SQLite database in a temporary directory (never the installation's own):
parse only, first load, and a second load of the same file (which changes nothing).

Run: .venv/bin/python bench/reference_bench.py [path/to/Border_Crossing_Entry_Data.csv]
     (default: ../shared/data/bts-border-crossing/Border_Crossing_Entry_Data.csv)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_FILE = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "bts-border-crossing"
    / "Border_Crossing_Entry_Data.csv"
)


def main(path: Path) -> None:
    """Print parse and load times for one BTS file."""
    if not path.is_file():
        print(f"{path}: no such file; nothing to measure.")
        return
    with tempfile.TemporaryDirectory() as directory:
        os.environ["BORDEROPS_VAR_DIR"] = directory
        os.environ.pop("BORDEROPS_DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderops.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)

        from borderops.core.reference.bts import read_bts
        from borderops.reference import services

        started = time.perf_counter()
        parsed = read_bts(path)
        print(
            f"parse: {time.perf_counter() - started:.1f}s for {parsed.rows:,} rows, "
            f"{len(parsed.ports)} ports, {len(parsed.errors)} errors",
            flush=True,
        )
        services.load_curated_ports()
        for attempt in ("first load", "second load"):
            started = time.perf_counter()
            report = services.load_bts(path)
            print(f"{attempt}: {time.perf_counter() - started:.1f}s — {report}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE)
