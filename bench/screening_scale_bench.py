"""Screening at scale: the issue's targets measured side by side, medians of several runs.

Sections (each skippable with --skip):

- quality: recall/precision at each method's threshold on the labelled SDN variant set of
  ``screening_bench`` (and the real Putin name variants): name-v1 and name-v2 through the
  index (a blocking miss counts as a miss), nomenklatura ``logic-v2`` (the matcher yente
  uses, at its 0.7 match threshold), rapidfuzz token-sort and Jaro-Winkler at their best-F1
  thresholds;
- latency: single-query p50/p99 against the full SDN list with aliases (warm process);
- batch: 100,000 queries against SDN, one worker and ``--workers``;
- brute force: the same sample through rapidfuzz ``process.cdist`` over every SDN name;
- scale (only with --scale): a 1,000,000-entry synthetic list built in a child process (build
  time, peak RSS), the saved index loaded in a fresh process (RSS), then ``--scale-queries``
  queries against it, extrapolated to 1,000,000 queries, and the share of the travellers who
  are listed (one typo, another's birth date) hit on their own entry. ``--scale-index PATH``
  screens an index saved from the same entries earlier instead of building one.

Each of our sections runs every ``--algorithm`` given (default: name-v1 and name-v2).

Run (a few minutes): nice .venv/bin/python bench/screening_scale_bench.py
The 1M figures (takes a while): nice .venv/bin/python bench/screening_scale_bench.py --scale
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).parent.parent))

from bench.screening_bench import (
    SDN,
    Pair,
    baseline_scores,
    best_threshold,
    jaro_winkler,
    labelled_pairs,
    load_sdn,
    recall_precision,
    token_sort,
    typo,
)

from borderops.core.lists.types import EntityType, IdentityDocument, ListedName, ListEntry, NameKind
from borderops.core.screening import DEFAULT_THRESHOLD, Subject, build_index, screen, screen_one
from borderops.core.screening.index import ScreeningIndex

PUTIN = Path("/work/shared/data/name-variants/nomenklatura_putin_names.txt")
NOMENKLATURA_THRESHOLD = 0.7


def median_of(runs: int, work: Callable[[], float]) -> float:
    return statistics.median(work() for _ in range(runs))


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# ── quality ──────────────────────────────────────────────────────────────────────────────
ALGORITHMS = ("name-v1", "name-v2")


def name_scores(
    index: ScreeningIndex, entries: Sequence[ListEntry], pairs: list[Pair], algorithm: str
) -> list[float]:
    subjects = [Subject(f"q{n}", query) for n, (query, _, _, _) in enumerate(pairs)]
    result = screen(index, subjects, threshold=0.0, limit=1_000, algorithm=algorithm)
    best: dict[tuple[str, str], float] = {}
    for hit in result.hits:
        key = (hit.query_id, hit.entry_id)
        best[key] = max(best.get(key, 0.0), hit.score)
    return [best.get((f"q{n}", entries[p].entry_id), 0.0) for n, (_, p, _, _) in enumerate(pairs)]


_SCHEMAS = {EntityType.PERSON: "Person", EntityType.ORGANIZATION: "Organization"}
# One sequence for the whole run: nomenklatura's name cache outlives a call.
_ENTITY_IDS = itertools.count()


def nomenklatura_scores(entries: Sequence[ListEntry], pairs: list[Pair]) -> list[float] | None:
    """logic-v2 on each pair, the query as yente builds it: a LegalEntity with one name.

    nomenklatura caches the names of an entity by its id, so every entity gets its own id;
    reusing ids makes every comparison return the first one's score.
    """
    try:
        from followthemoney import model
        from nomenklatura.matching import LogicV2
    except ImportError:
        return None
    config = LogicV2.default_config()
    ids = _ENTITY_IDS
    scores = []
    for query, position, _, _ in pairs:
        entry = entries[position]
        listed = model.make_entity(_SCHEMAS.get(entry.entity_type, "LegalEntity"))
        listed.id = f"r{next(ids)}"
        for name in entry.names:
            listed.add("weakAlias" if name.weak else "name", name.text)
        asked = model.make_entity("LegalEntity")
        asked.id = f"q{next(ids)}"
        asked.add("name", query)
        scores.append(LogicV2.compare(asked, listed, config).score)
    return scores


def putin_pairs(entries: Sequence[ListEntry]) -> list[Pair]:
    """The real spellings of one name (nomenklatura's test set) against his SDN entry."""
    if not PUTIN.exists():
        return []
    target = next(
        (n for n, e in enumerate(entries) if e.primary_name.upper().startswith("PUTIN, VLADIMIR")),
        None,
    )
    if target is None:
        return []
    names = [line.strip() for line in PUTIN.read_text(encoding="utf-8").splitlines()]
    return [(name, target, True, "putin") for name in names if name and not name.startswith("#")]


def quality(
    index: ScreeningIndex, entries: Sequence[ListEntry], count: int, algorithms: Sequence[str]
) -> None:
    pairs = labelled_pairs(entries, count)
    putin = putin_pairs(entries)
    print(f"\n## Quality: {count} positive + {count} negative SDN pairs", end="")
    print(f"; {len(putin)} real spellings of Putin's name (recall only)")
    methods: dict[str, tuple[list[float], list[float], float | None]] = {}
    for algorithm in algorithms:
        started = time.perf_counter()
        methods[f"{algorithm} (ours, through the index)"] = (
            name_scores(index, entries, pairs, algorithm),
            name_scores(index, entries, putin, algorithm),
            DEFAULT_THRESHOLD,
        )
        print(f"  ({algorithm} scored in {time.perf_counter() - started:.1f} s)")
    started = time.perf_counter()
    nk = nomenklatura_scores(entries, pairs)
    if nk is None:
        print("  nomenklatura not installed (pip install '.[bench]'): skipped")
    else:
        nk_putin = nomenklatura_scores(entries, putin) or []
        methods["nomenklatura logic-v2 (yente)"] = (nk, nk_putin, NOMENKLATURA_THRESHOLD)
        print(f"  (logic-v2 scored in {time.perf_counter() - started:.1f} s)")
    methods["rapidfuzz token_sort_ratio"] = (
        baseline_scores(entries, pairs, token_sort),
        baseline_scores(entries, putin, token_sort),
        None,
    )
    methods["Jaro-Winkler (whole name)"] = (
        baseline_scores(entries, pairs, jaro_winkler),
        baseline_scores(entries, putin, jaro_winkler),
        None,
    )
    print(f"{'method':36s} {'recall':>7s} {'precision':>9s}  threshold          Putin recall")
    for method, (scores, putin_scores, fixed) in methods.items():
        if fixed is None:
            threshold, recall, precision = best_threshold(pairs, scores)
            label = f"{threshold:.2f} (best F1)"
        else:
            threshold = fixed
            recall, precision = recall_precision(pairs, scores, fixed)
            label = f"{threshold:.2f} (default)"
        putin_recall = sum(s >= threshold for s in putin_scores) / max(len(putin_scores), 1)
        print(f"{method:36s} {recall:7.3f} {precision:9.3f}  {label:18s} {putin_recall:.3f}")
    for algorithm in algorithms:
        scores = methods[f"{algorithm} (ours, through the index)"][1]
        missed = [q for (q, _, _, _), s in zip(putin, scores, strict=True) if s < DEFAULT_THRESHOLD]
        if missed:
            print(f"{algorithm} misses {len(missed)} Putin spellings, e.g. {missed[:8]}")


# ── speed against SDN ────────────────────────────────────────────────────────────────────
def sdn_queries(entries: Sequence[ListEntry], count: int, seed: int) -> list[Subject]:
    """Half variants of listed names (typos, reordering …), half names of nobody listed."""
    pairs = labelled_pairs(entries, count // 2, seed=seed)
    return [Subject(f"q{n}", query) for n, (query, _, _, _) in enumerate(pairs)]


def latency(index: ScreeningIndex, entries: Sequence[ListEntry], runs: int, algorithm: str) -> None:
    subjects = sdn_queries(entries, 2_000, seed=13)
    for subject in sdn_queries(entries, 400, seed=99):
        screen_one(index, subject, algorithm=algorithm)  # a server's process is warm
    p50s, p99s, maxes = [], [], []
    for _ in range(runs):
        timings = []
        for subject in subjects:
            started = time.perf_counter()
            screen_one(index, subject, algorithm=algorithm)
            timings.append((time.perf_counter() - started) * 1000)
        p50s.append(percentile(timings, 0.5))
        p99s.append(percentile(timings, 0.99))
        maxes.append(max(timings))
    print(
        f"\n## {algorithm}: single query against SDN ({index.entry_count:,} entries, "
        f"{index.name_count:,} names)"
    )
    print(f"p50 {statistics.median(p50s):.2f} ms, p99 {statistics.median(p99s):.2f} ms ", end="")
    print(
        f"(target ≤ 10), max {statistics.median(maxes):.1f} ms; median of {runs} runs of ", end=""
    )
    print(f"{len(subjects)} queries (runs' p99: {', '.join(f'{p:.2f}' for p in p99s)})")


def batch(
    index: ScreeningIndex,
    entries: Sequence[ListEntry],
    size: int,
    workers: int,
    algorithm: str,
) -> None:
    subjects = sdn_queries(entries, size, seed=17)
    print(f"\n## {algorithm}: batch of {len(subjects):,} queries against SDN")
    for count in sorted({1, workers}):
        started, cpu = time.perf_counter(), time.process_time() + _children_cpu()
        result = screen(index, subjects, workers=count, algorithm=algorithm)
        wall = time.perf_counter() - started
        cpu = time.process_time() + _children_cpu() - cpu
        print(f"workers={count}: {wall:.1f} s, {len(subjects) / wall:,.0f} queries/s, ", end="")
        per_cpu = len(subjects) / cpu
        print(f"{len(result.hits):,} hits; CPU {cpu:.0f} s ({per_cpu:,.0f} per CPU-second)")


def brute_force(
    index: ScreeningIndex,
    entries: Sequence[ListEntry],
    sample: int,
    runs: int,
    algorithms: Sequence[str],
) -> None:
    """Each algorithm against rapidfuzz cdist (token_sort_ratio) over every SDN name, same
    queries."""
    subjects = sdn_queries(entries, sample, seed=23)
    names = [name.text.lower() for entry in entries for name in entry.names]
    queries = [s.name.lower() for s in subjects]
    try:
        import numpy  # noqa: F401 - cdist needs it
    except ImportError:
        print("\nbrute force: process.cdist needs numpy, which is not installed; skipped")
        return

    def theirs() -> float:
        started = time.perf_counter()
        process.cdist(queries, names, scorer=fuzz.token_sort_ratio, score_cutoff=75, workers=1)
        return len(subjects) / (time.perf_counter() - started)

    print(f"\n## Against brute force ({len(subjects)} queries × {len(names):,} SDN names, 1 core)")
    b = median_of(runs, theirs)
    for algorithm in algorithms:

        def ours(algorithm: str = algorithm) -> float:
            started = time.perf_counter()
            screen(index, subjects, algorithm=algorithm)
            return len(subjects) / (time.perf_counter() - started)

        a = median_of(runs, ours)
        print(
            f"{algorithm} {a:,.0f} queries/s; rapidfuzz cdist(token_sort_ratio) {b:,.0f} "
            f"queries/s; ratio {a / b:.1f}x (median of {runs})"
        )


# ── a million synthetic entries ──────────────────────────────────────────────────────────
LOCALES = (
    "en_US", "es_MX", "ru_RU", "ar_AA", "de_DE", "fr_FR", "tr_TR", "zh_CN", "pl_PL", "fa_IR",
    "pt_BR", "it_IT", "uk_UA", "vi_VN", "ko_KR", "hi_IN", "en_GB", "es_ES", "el_GR", "id_ID",
)  # fmt: skip


@functools.lru_cache(maxsize=1)
def name_pools(seed: int = 3, per_locale: int = 1_500) -> tuple[list[str], list[str]]:
    """Given and family names from Faker's locales (native scripts kept) and the project's
    Arabic and Korean tables."""
    from faker import Faker

    from borderops.core.synth.name_tables import ARABIC_FAMILY, ARABIC_MALE, KOREAN_SURNAMES

    given: dict[str, None] = {}
    family: dict[str, None] = {}
    for locale in LOCALES:
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(per_locale):
            given[fake.first_name()] = None
            family[fake.last_name()] = None
    for table, pool in ((ARABIC_MALE, given), (ARABIC_FAMILY, family), (KOREAN_SURNAMES, family)):
        for value in table:
            pool[value if isinstance(value, str) else str(value[0])] = None
    return list(given), list(family)


def synthetic_stream(count: int, seed: int = 3) -> Iterator[ListEntry]:
    """``count`` person entries; names drawn with Zipf-like frequencies, as in a population."""
    given, family = name_pools()
    rng = random.Random(seed)
    cum_given = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(given))))
    cum_family = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(family))))
    for number in range(count):
        g1, g2 = rng.choices(given, cum_weights=cum_given, k=2)
        surname = rng.choices(family, cum_weights=cum_family)[0]
        names = [ListedName(f"{surname}, {g1} {g2}" if rng.random() < 0.6 else f"{surname}, {g1}")]
        if rng.random() < 0.4:
            other = rng.choices(given, cum_weights=cum_given)[0]
            names.append(ListedName(f"{other} {surname}", NameKind.ALIAS))
        yield ListEntry(
            list_name="synthetic",
            entry_id=f"S{number}",
            entity_type=EntityType.PERSON,
            names=tuple(names),
            birth_dates=(
                f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            ),
            nationalities=(rng.choice(["MX", "RU", "US", "CN", "TR", "DE", "IR", "KR"]),),
            documents=(IdentityDocument(f"P{rng.randrange(10**8):08d}"),),
        )


def scale_queries(count: int) -> list[Subject]:
    """Travellers: half variants of listed names (typos, reordering), half names of nobody."""
    rng = random.Random(41)
    listed = synthetic_stream(count, seed=3)  # the first entries of the indexed list
    fresh = synthetic_stream(count, seed=77)
    subjects = []
    for number, (mine, other) in enumerate(zip(listed, fresh, strict=True)):
        if number % 2:
            name = typo(rng, mine.primary_name) or mine.primary_name
        else:
            name = other.primary_name
        subjects.append(Subject(f"t{number}", name, birth_date=other.birth_dates[0]))
    return subjects


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build_child(count: int, path: str) -> None:
    """Run in a child: stream ``count`` entries into an index, save it, print the figures."""
    name_pools()  # Faker's pools, before the clock starts
    before = rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    index = build_index(synthetic_stream(count))
    built, cpu = time.perf_counter() - started, time.process_time() - cpu
    index.save(path)
    sizes = f"{index.name_count} {len(index.tokens)} {index.nbytes() / 2**20:.0f}"
    print(f"{built:.1f} {cpu:.1f} {peak_rss_mb():.0f} {before:.0f} {sizes}")


def load_child(path: str, queries: int, workers: int, algorithm: str = "name-v1") -> None:
    """Run in a child: load the index, report its RSS, screen ``queries`` travellers."""
    before = rss_mb()
    started = time.perf_counter()
    index = ScreeningIndex.load(path)
    loaded = time.perf_counter() - started
    held = rss_mb() - before
    _ = index.initials  # derived on first use: count it with the index
    held_warm = rss_mb() - before
    subjects = scale_queries(queries)
    gc.collect()
    started = time.perf_counter()
    cpu = time.process_time() + _children_cpu()
    result = screen(index, subjects, workers=workers, algorithm=algorithm)
    wall = time.perf_counter() - started
    cpu = time.process_time() + _children_cpu() - cpu
    after = rss_mb() - before
    # Odd-numbered travellers are listed entries misspelt once (see ``scale_queries``).
    found = {(hit.query_id, hit.entry_id) for hit in result.hits}
    listed = [(f"t{n}", f"S{n}") for n in range(1, queries, 2)]
    share = sum(pair in found for pair in listed) / max(len(listed), 1)
    print(
        f"{loaded:.1f} {held:.0f} {held_warm:.0f} {wall:.1f} {cpu:.1f} {len(result.hits)} "
        f"{after:.0f} {share:.3f}"
    )


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child(function: str, *args: object) -> list[str]:
    code = f"import bench.screening_scale_bench as b; b.{function}(*{args!r})"
    completed = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    return completed.stdout.split()


def scale(count: int, queries: int, workers: int, algorithms: Sequence[str]) -> None:
    print(f"\n## Scale: {count:,} synthetic entries (built in a child process)")
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "index.bin")
        built, cpu, peak, before, names, tokens, packed = child("build_child", count, path)
        size = Path(path).stat().st_size / 2**20
        rate = count / float(built)
        print(
            f"build: {float(built):.0f} s ({rate:,.0f} entries/s, generating them included; ",
            end="",
        )
        print(f"{float(cpu):.0f} s of CPU, {count / float(cpu):,.0f} entries per CPU-second)")
        print(f"peak RSS of the building process {float(peak):,.0f} MB, {before} MB of it ", end="")
        print("before the build (Faker, rigour; entries are streamed, not held)")
        print(f"{int(names):,} names, {int(tokens):,} tokens, packed columns {packed} MB, ", end="")
        print(f"file {size:,.0f} MB")
        for algorithm in algorithms:
            screen_scale(path, count, queries, workers, algorithm)


def screen_scale(path: str, count: int, queries: int, workers: int, algorithm: str) -> None:
    """Screen ``queries`` travellers with ``algorithm`` in a fresh process; print the figures."""
    loaded, held, held_warm, wall, cpu, hits, after, listed = child(
        "load_child", path, queries, workers, algorithm
    )
    print(f"\n### {algorithm}")
    print(f"a fresh process loads it in {loaded} s holding {held} MB more RSS ", end="")
    print(f"({held_warm} MB once warm, {after} MB after screening); target < 2,048 MB")
    per_second = queries / float(wall)
    run = f"{queries:,} travellers × {count:,} entries with workers={workers}"
    print(f"{run}: {float(wall):.0f} s, ", end="")
    print(f"{per_second:,.0f} queries/s, {int(hits):,} hits")
    print(f"listed travellers (one typo, another's birth date) hit on their own entry: {listed}")
    rate = queries / float(cpu)
    print(f"CPU (all workers) {float(cpu):.0f} s: {rate:,.0f} queries per CPU-second")
    minutes = 1_000_000 / per_second / 60
    ideal = 1_000_000 / (queries / float(cpu)) / 2 / 60
    if queries >= 1_000_000:
        print(f"MEASURED: {queries:,} × {count:,} took {float(wall) / 60:.1f} min on ", end="")
        print(f"{workers} workers; target < 10 min on 2 cores")
    print(f"EXTRAPOLATED from that measured run: 1,000,000 × {count:,} would take ", end="")
    print(f"{minutes:.0f} min on {workers} workers as measured, {ideal:.0f} min on 2 ", end="")
    print("otherwise idle cores (from CPU time); target < 10 min on 2 cores")
    print(f"load average after the run: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_500, help="labelled pairs of each kind")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the median of")
    parser.add_argument("--batch", type=int, default=100_000, help="batch size against SDN")
    parser.add_argument("--sample", type=int, default=500, help="queries for the brute-force ratio")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scale", action="store_true", help="also the 1M-entry figures")
    parser.add_argument("--entries", type=int, default=1_000_000, help="entries with --scale")
    parser.add_argument("--scale-queries", type=int, default=100_000)
    parser.add_argument(
        "--scale-index",
        help="with --scale: screen this index saved from build_child's synthetic entries "
        "instead of building one",
    )
    parser.add_argument(
        "--algorithm",
        choices=ALGORITHMS,
        action="append",
        help="an algorithm to measure (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--skip",
        choices=["quality", "latency", "batch", "brute"],
        action="append",
        default=[],
    )
    arguments = parser.parse_args()
    algorithms = arguments.algorithm or list(ALGORITHMS)
    if SDN.exists():
        entries = load_sdn()
        started = time.perf_counter()
        index = build_index(entries)
        print(f"SDN index built in {time.perf_counter() - started:.2f} s")
        if "quality" not in arguments.skip:
            quality(index, entries, arguments.pairs, algorithms)
        if "latency" not in arguments.skip:
            for algorithm in algorithms:
                latency(index, entries, arguments.runs, algorithm)
        if "brute" not in arguments.skip:
            brute_force(index, entries, arguments.sample, arguments.runs, algorithms)
        if "batch" not in arguments.skip:
            for algorithm in algorithms:
                batch(index, entries, arguments.batch, arguments.workers, algorithm)
    else:
        print(f"{SDN} is absent: quality, latency and SDN batch skipped")
    if arguments.scale and arguments.scale_index:
        for algorithm in algorithms:
            screen_scale(
                arguments.scale_index,
                arguments.entries,
                arguments.scale_queries,
                arguments.workers,
                algorithm,
            )
    elif arguments.scale:
        scale(arguments.entries, arguments.scale_queries, arguments.workers, algorithms)


if __name__ == "__main__":
    main()
