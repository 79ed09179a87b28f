"""Synthetic data generation: median seconds per scale, against a bare-Faker baseline.

The baseline is what any generator must at least spend: one Faker name per traveller, with
nothing else (no documents, MRZs, crossings, shipments or violations). The ratio says how
much the full, ground-truthed data set costs on top of that.

Run: .venv/bin/python bench/synth_bench.py [--repeat N] [scale ...]   (default: 3 runs; 1 10 100)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from faker import Faker

from borderops.core.synth import generate, write_dataset


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``work``."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def bare_faker_names(count: int) -> None:
    """The baseline: one Faker full name per traveller."""
    fake = Faker("en_US")
    fake.seed_instance(1)
    for _ in range(count):
        fake.name()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scales", nargs="*", type=float, default=[1.0, 10.0, 100.0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"median of {args.repeat} runs each")
    for scale in args.scales:
        dataset = generate(seed=1, scale=scale)
        travellers = dataset.row_counts()["travellers"]
        ours = median_seconds(lambda s=scale: generate(seed=1, scale=s), args.repeat)
        baseline = median_seconds(lambda n=travellers: bare_faker_names(n), args.repeat)
        writes = []
        for fmt in ("parquet", "csv"):
            with tempfile.TemporaryDirectory() as directory:
                out = Path(directory)
                seconds = median_seconds(
                    lambda f=fmt, o=out, d=dataset: write_dataset(
                        d, o / f"set-{time.monotonic_ns()}", fmt=f
                    ),
                    args.repeat,
                )
            writes.append(f"{fmt} {seconds:.2f}s")
        counts = dataset.row_counts()
        print(
            f"scale {scale:g}: generate {ours:.2f}s "
            f"({counts['travellers'] / ours:,.0f} travellers/s), "
            f"bare Faker names {baseline:.2f}s, ratio {ours / baseline:.1f}x; "
            f"write {', '.join(writes)}; "
            f"{counts['crossings']:,} crossings, {counts['shipments']:,} shipments, "
            f"{counts['lookouts']:,} lookouts, {counts['truth']:,} truth rows",
            flush=True,
        )


if __name__ == "__main__":
    main()
