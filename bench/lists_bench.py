"""How long each shared public list takes to load with ``load_list``; prints figures.

Each list is loaded once in a fresh process (what ``borderops screen --list`` pays, country
tables included) and then a few more times in this one; the best of those is the steady cost.

Run: .venv/bin/python bench/lists_bench.py [path/to/shared/data]
     (default: ../shared/data)
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
LISTS = [
    ("ofac-csv", "ofac-sdn/2024-05-03"),
    ("ofac-csv", "ofac-sdn/2021-04-25"),
    ("ofac-csv", "ofac-consolidated-nonsdn"),
    ("ofac-xml", "ofac-consolidated-nonsdn/consolidated.xml"),
    ("un-xml", "un-sc-consolidated/consolidated.xml"),
]
REPEATS = 5
COLD = (
    "import sys, time; from pathlib import Path; "
    "from borderops.core.lists import load_list; "
    "t = time.perf_counter(); load_list(sys.argv[1], Path(sys.argv[2])); "
    "print(time.perf_counter() - t)"
)


def _cold_seconds(fmt: str, path: Path) -> float:
    finished = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-c", COLD, fmt, str(path)], capture_output=True, text=True, check=True
    )
    return float(finished.stdout.strip())


def main(data: Path) -> None:
    """Print first-load and best-of-``REPEATS`` load times for every shared list present."""
    from borderops.core.lists import load_list

    for fmt, relative in LISTS:
        path = data / relative
        if not path.exists():
            print(f"{relative}: not present; skipped.")
            continue
        cold = _cold_seconds(fmt, path)
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            loaded = load_list(fmt, path)
            times.append(time.perf_counter() - started)
        print(
            f"{fmt:9} {relative:44} {len(loaded.entries):>6,} entries  "
            f"first {cold:.2f}s  best {min(times):.2f}s  median {sorted(times)[REPEATS // 2]:.2f}s",
            flush=True,
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA)
