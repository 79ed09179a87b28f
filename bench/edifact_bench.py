"""PAXLST travellers per second on a synthetic 500-passenger D05B manifest.

Prints the median of several runs of ``parse_paxlst`` and, as a baseline measured in the
same run, pydifact's raw ``Interchange.from_str`` of the same text (tokenising and segment
objects only: no envelope checks, no travellers). Run: ``python bench/edifact_bench.py``.
"""

from __future__ import annotations

import statistics
import time
import warnings
from collections.abc import Callable

from borderops.core.formats import parse_paxlst
from borderops.core.formats.paxlst_compose import synthetic_manifest

PASSENGERS = 500
RUNS = 7


def _timings(action: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    """Median and best of several runs, in seconds (the best shows the cost on an idle
    machine; the median what a shared one gives)."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), min(timings)


def _line(name: str, seconds: tuple[float, float]) -> str:
    median, best = seconds
    return (
        f"{name:<18} median {median * 1000:7.1f} ms {PASSENGERS / median:9,.0f} travellers/s"
        f"   best {best * 1000:7.1f} ms {PASSENGERS / best:9,.0f} travellers/s"
    )


def main() -> None:
    text = synthetic_manifest(PASSENGERS)
    (manifest,) = parse_paxlst(text)
    assert len(manifest.travellers) == PASSENGERS
    ours = _timings(lambda: parse_paxlst(text))
    print(f"manifest: {PASSENGERS} passengers, {len(text):,} characters, {RUNS} runs")
    print(_line("parse_paxlst", ours))
    try:
        from pydifact.segmentcollection import Interchange
    except ImportError:
        print("pydifact not installed: no baseline")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydifact warns per segment about missing XML specs
        baseline = _timings(lambda: list(Interchange.from_str(text).segments))
    print(_line("pydifact (raw)", baseline))
    print(
        f"ratio (pydifact time / ours): median {baseline[0] / ours[0]:.1f}x, "
        f"best {baseline[1] / ours[1]:.1f}x"
    )


if __name__ == "__main__":
    main()
