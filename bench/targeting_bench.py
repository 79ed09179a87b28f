"""Targeting throughput and detection on synthetic entries with known violations.

Prints:
- rows per second to derive every feature and score N entries (default 1,000,000) with 200
  rules generated from templates, median of several runs, in one DuckDB query;
- the same 200 rules evaluated row by row in Python over precomputed features, measured on
  a subsample and scaled to N (feature derivation is left out of the Python side, so the
  ratio understates the difference);
- detection rate at a 5 % examination rate with the example rule set against random
  selection at the same rate, on the synthetic truth (party screening included).

The synthetic generator draws about 7,000 entries a second, so large N is made by tiling a
smaller generated set with new ids (stated in the output). Run with ``nice``:

    nice python bench/targeting_bench.py --rows 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from borderops.core.lists import load_list
from borderops.core.reference.ports import curated_ports
from borderops.core.screening import build_index
from borderops.core.synth.cargo import SHIPMENT_KINDS, build_cargo
from borderops.core.synth.ground_truth import LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.random_streams import stream
from borderops.core.synth.shipments import ShipmentMaker
from borderops.core.synth.violations import quotas
from borderops.core.targeting.backtest import backtest_scored
from borderops.core.targeting.engine import score
from borderops.core.targeting.features import derive_features
from borderops.core.targeting.io import write_table
from borderops.core.targeting.outcomes import outcomes_from_truth
from borderops.core.targeting.parties import party_screening_scores
from borderops.core.targeting.rulesets import load_ruleset, ruleset_from_mapping
from borderops.core.targeting.types import RuleSet

Predicate = Callable[[dict[str, Any]], bool]
EXAMPLE = Path(str(files("borderops.core.targeting").joinpath("data/example-rules.yaml")))
HS = ["0803", "0804", "0702", "0603", "0901", "9403", "0306", "8517", "8471", "6109", "6403"]
ORIGINS = ["CO", "EC", "MX", "GT", "HN", "CN", "VN", "IN", "RU", "TR", "DE"]
PORTS = ["1001", "2704", "2709", "2304", "3001", "4601", "5301", "1703"]
WORDS = ["banana", "shrimp", "laptop", "coffee", "furniture", "shirt", "tomato", "phone"]


def synthetic(count: int, seed: int) -> tuple[pa.Table, pa.Table, pa.Table]:
    """Entries, truth and lookouts drawn by the synthetic cargo generator."""
    maker = ShipmentMaker(
        seed=seed, count=count, start=date(2025, 3, 3), days=30, ports=curated_ports(),
        names=NameBook(seed),
    )  # fmt: skip
    lookouts, truth = LookoutBook(), TruthBook()
    table, _ = build_cargo(
        maker=maker, quotas=quotas(count, 0.02, SHIPMENT_KINDS), lookouts=lookouts, truth=truth
    )
    lookout_table, ids = lookouts.finish(stream(seed, "lookout-order"))
    return table.to_table(), truth.finish(ids), lookout_table


def tiled(entries: pa.Table, rows: int) -> pa.Table:
    """``rows`` entries made by repeating ``entries`` with new ids."""
    copies = []
    for copy in range(-(-rows // entries.num_rows)):
        ids = pc.binary_join_element_wise(entries.column("id"), pa.scalar(f"-{copy}"), "")
        copies.append(entries.set_column(0, "id", ids))
    return pa.concat_tables(copies).slice(0, rows)


def templates(rng: random.Random) -> tuple[str, Predicate]:
    """One rule as SQL and as the same test in Python."""
    kind = rng.randrange(7)
    if kind == 0:
        hs, origins, limit = rng.choice(HS), rng.sample(ORIGINS, 3), round(rng.uniform(0.5, 50), 2)
        listed = ", ".join(f"'{o}'" for o in origins)
        sql = f"hs_code LIKE '{hs}%' AND origin IN ({listed}) AND value_per_kg < {limit}"
        return sql, lambda r: (
            r["hs_code"].startswith(hs) and r["origin"] in origins
            and r["value_per_kg"] is not None and r["value_per_kg"] < limit
        )  # fmt: skip
    if kind == 1:
        z, port = -rng.uniform(2, 5), rng.choice(PORTS)
        return (
            f"value_per_kg_z < {z} AND port = '{port}'",
            lambda r: (
                r["value_per_kg_z"] is not None and r["value_per_kg_z"] < z and r["port"] == port
            ),
        )
    if kind == 2:
        value = rng.randrange(10_000, 200_000)
        return f"first_time_shipper AND value > {value}", lambda r: bool(
            r["first_time_shipper"] and r["value"] > value
        )
    if kind == 3:
        mode = rng.choice(["sea", "land", "air", "rail"])
        return (
            f"route_countries_of_concern > 0 AND mode = '{mode}'",
            lambda r: r["route_countries_of_concern"] > 0 and r["mode"] == mode,
        )
    if kind == 4:
        word, kg = rng.choice(WORDS), rng.randrange(100, 20_000)
        return (
            f"lower(description) LIKE '%{word}%' AND gross_kg > {kg}",
            lambda r: word in r["description"].lower() and r["gross_kg"] > kg,
        )
    if kind == 5:
        z = rng.uniform(3, 8)
        return (
            f"abs(kg_per_unit_z) > {z}",
            lambda r: r["kg_per_unit_z"] is not None and abs(r["kg_per_unit_z"]) > z,
        )
    letter = rng.choice("ABCDEFGHKLMNPRST")
    return (
        f"starts_with(shipper, '{letter}') AND NOT container_check_digit_ok",
        lambda r: r["shipper"].startswith(letter) and r["container_check_digit_ok"] is False,
    )


def generated_rules(count: int, seed: int) -> tuple[RuleSet, list[tuple[str, int, Predicate]]]:
    """``count`` rules drawn from the templates, as a rule set and as Python predicates."""
    rng = random.Random(seed)
    rules, python = [], []
    for number in range(count):
        sql, predicate = templates(rng)
        weight = rng.randrange(5, 60)
        rule_id = f"GEN-{number:03d}"
        rules.append(
            {"id": rule_id, "title": sql, "category": "other", "when": sql, "weight": weight}
        )
        python.append((rule_id, weight, predicate))
    document = {
        "name": "bench", "version": "1", "channels": {"red": 80, "yellow": 40},
        "random_sample": 0.02, "rules": rules,
    }  # fmt: skip
    return ruleset_from_mapping(document), python


def row_by_row(features: pa.Table, python: list[tuple[str, int, Predicate]]) -> float:
    """Seconds to score the rows one by one in Python."""
    rows = features.to_pylist()
    started = time.perf_counter()
    for row in rows:
        total, fired = 0, []
        for rule_id, weight, predicate in python:
            if predicate(row):
                total += weight
                fired.append(rule_id)
        ";".join(fired)
    return time.perf_counter() - started


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # DuckDB's threads included
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=50_000, help="entries actually generated")
    parser.add_argument("--rules", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python-sample", type=int, default=20_000)
    parser.add_argument("--detection-rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args()

    started = time.perf_counter()
    base, _, _ = synthetic(min(args.base, args.rows), args.seed)
    entries = tiled(base, args.rows)
    print(f"generated {base.num_rows:,} entries in {time.perf_counter() - started:.1f} s; "
          f"tiled to {entries.num_rows:,} with new ids")  # fmt: skip

    ruleset, python = generated_rules(args.rules, args.seed)
    timings, cpu = [], []
    for _ in range(args.runs):
        started, processor = time.perf_counter(), _cpu_seconds()
        scored = score(entries, ruleset, seed=1)
        timings.append(time.perf_counter() - started)
        cpu.append(_cpu_seconds() - processor)
    median = statistics.median(timings)
    # CPU seconds say how much work it was whatever else the machine was doing; the load
    # average says how much of the wall time went to other processes.
    print(f"features + {len(ruleset.rules)} rules over {len(scored):,} entries: "
          f"median {median:.2f} s of {args.runs} ({', '.join(f'{t:.2f}' for t in timings)}), "
          f"{len(scored) / median:,.0f} rows/s; CPU {statistics.median(cpu):.2f} s on "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")  # fmt: skip

    sample = derive_features(entries.slice(0, args.python_sample))
    seconds = row_by_row(sample, python)
    scaled = seconds * entries.num_rows / sample.num_rows
    print(f"row by row in Python (rules only, features precomputed): {seconds:.2f} s for "
          f"{sample.num_rows:,} rows, scaled to {scaled:.1f} s for {entries.num_rows:,}; "
          f"DuckDB is {scaled / median:.0f}x faster")  # fmt: skip

    detect, detect_truth, detect_lookouts = synthetic(args.detection_rows, args.seed + 1)
    with tempfile.TemporaryDirectory() as folder:
        write_table(detect_lookouts, Path(folder) / "lookouts.csv")
        listed = load_list("csv", Path(folder) / "lookouts.csv").entries
    started = time.perf_counter()
    scores = party_screening_scores(detect, build_index(listed))
    screening_seconds = time.perf_counter() - started
    example = load_ruleset(EXAMPLE)
    outcomes = outcomes_from_truth(detect_truth, detect)
    result = backtest_scored(
        score(detect, example, seed=1, party_scores=scores), outcomes, example, rates=(0.05,)
    )
    point = result.curve[0]
    random_hits = outcomes.filter(
        pc.less(pc.random(outcomes.num_rows, initializer=args.seed), 0.05)
    ).column("finding")
    random_rate = pc.sum(random_hits).as_py() / max(1, result.violations)
    print(f"detection at 5% examination ({point.examined:,} of {result.entries:,} entries, "
          f"{result.violations} violations, screening {screening_seconds:.1f} s): example rules "
          f"{point.detection_rate:.1%}, random selection {random_rate:.1%} (expected 5.0%), "
          f"lift {(point.detection_rate or 0) / 0.05:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
