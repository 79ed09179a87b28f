"""How long synthetic datasets take to generate and write, by scale; prints one line each.

Run: .venv/bin/python bench/synth_bench.py [scale ...]   (default: 1 10 100)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from borderops.core.synth import generate, write_dataset


def main(scales: list[float]) -> None:
    """Generate and write a dataset at each scale, printing row counts and seconds."""
    for scale in scales:
        started = time.perf_counter()
        dataset = generate(seed=1, scale=scale)
        generated = time.perf_counter() - started
        timings = []
        for fmt in ("parquet", "csv"):
            with tempfile.TemporaryDirectory() as directory:
                started = time.perf_counter()
                write_dataset(dataset, Path(directory) / "out", fmt=fmt)
                timings.append(f"{fmt} {time.perf_counter() - started:.1f}s")
        counts = dataset.row_counts()
        print(
            f"scale {scale:g}: generate {generated:.1f}s, write {', '.join(timings)}; "
            f"{counts['travellers']:,} travellers, {counts['crossings']:,} crossings, "
            f"{counts['shipments']:,} shipments, {counts['lookouts']:,} lookouts, "
            f"{counts['truth']:,} truth rows",
            flush=True,
        )


if __name__ == "__main__":
    main([float(arg) for arg in sys.argv[1:]] or [1.0, 10.0, 100.0])
