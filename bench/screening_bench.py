"""Screening: quality on a labelled SDN variant set, and speed against the full SDN list.

Quality: from the SDN names (seeded), positive pairs are made by typos, transpositions,
"SURNAME, Given" reordering, dropped middle names, initials and a round trip through
Cyrillic; negative pairs by other SDN names, the same surname with another given name,
and the same legal form with another company name. Each pair is scored by name-v1 and
name-v2 (through the index, so a blocking miss counts as a miss) and by two brute-force
baselines: rapidfuzz ``token_sort_ratio`` and Jaro-Winkler on the whole name. Recall and
precision are given at each method's threshold, plus a threshold sweep for ours.

Speed: single-query p50/p99 against the SDN index; batch throughput; throughput ratio
against brute-force ``rapidfuzz.process.extract`` over every SDN name (``cdist``
needs numpy, which is not installed); index build time and
memory for a synthetic list (``--entries``, default 200,000).

Run: .venv/bin/python bench/screening_bench.py [--entries N] [--repeat N] [--pairs N]
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from borderops.core.lists.types import EntityType, IdentityDocument, ListedName, ListEntry, NameKind
from borderops.core.screening import DEFAULT_THRESHOLD, Subject, build_index, screen, screen_one
from borderops.core.screening.index import ScreeningIndex

SDN = Path("/work/shared/data/ofac-sdn/2024-05-03/sdn.csv")
AKA = re.compile(r"\b([afn])\.k\.a\. '([^']+)'")
DOB = re.compile(r"DOB (?:(\d{2}) ([A-Z][a-z]{2}) )?(\d{4})")
PASSPORT = re.compile(r"Passport ([A-Z0-9-]+)")
MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
# The algorithms measured side by side.
ALGORITHMS = ("name-v1", "name-v2")
KINDS = {"a": NameKind.ALIAS, "f": NameKind.FORMER, "n": NameKind.NEW}
TYPES = {"individual": EntityType.PERSON, "vessel": EntityType.VESSEL}
TYPES["aircraft"] = EntityType.AIRCRAFT


# ── the SDN list, read minimally ─────────────────────────────────────────────────────────
def read_sdn(path: Path) -> list[ListEntry]:
    """SDN entries with primary names, a.k.a.s, birth dates and passports from the remarks."""
    entries = []
    with path.open(encoding="latin-1", newline="") as source:
        for row in csv.reader(source):
            if len(row) < 12 or not row[0].strip().isdigit():
                continue
            remarks = "" if row[11].strip() == "-0-" else row[11]
            names = [ListedName(row[1].strip())]
            names += [ListedName(text, KINDS[kind]) for kind, text in AKA.findall(remarks)]
            dates = []
            for day, month, year in DOB.findall(remarks):
                dates.append(f"{year}-{MONTHS.get(month, 1):02d}-{day}" if day else year)
            documents = tuple(IdentityDocument(n) for n in PASSPORT.findall(remarks))
            entries.append(
                ListEntry(
                    list_name="ofac-sdn",
                    entry_id=row[0].strip(),
                    entity_type=TYPES.get(row[2].strip().strip('"'), EntityType.ORGANIZATION),
                    names=tuple(names),
                    birth_dates=tuple(dates),
                    documents=documents,
                )
            )
    return entries


def load_sdn() -> list[ListEntry]:
    """The SDN list, through the project's loader when it exists, else read here."""
    try:
        from borderops.core.lists import load_list  # type: ignore[attr-defined]

        loaded = load_list("ofac-csv", SDN.parent)
        print(f"SDN read by borderops.core.lists.load_list: {len(loaded.entries)} entries")
        return list(loaded.entries)
    except Exception as error:  # the loader is being written alongside; fall back quietly
        entries = read_sdn(SDN)
        print(f"SDN read by this script ({type(error).__name__} from the loader): ", end="")
        print(f"{len(entries)} entries")
        return entries


# ── variants ─────────────────────────────────────────────────────────────────────────────
LATIN_TO_CYRILLIC = [
    ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
    ("ya", "я"), ("yu", "ю"), ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"),
    ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("c", "к"),
    ("q", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"), ("x", "кс"), ("j", "дж"),
]  # fmt: skip


def to_cyrillic(text: str) -> str:
    """A rough Russian-style spelling of a Latin name."""
    out, lower, i = [], text.lower(), 0
    while i < len(lower):
        for latin, cyrillic in LATIN_TO_CYRILLIC:
            if lower.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            out.append(lower[i])
            i += 1
    return "".join(out).title()


def words(name: str) -> list[str]:
    return name.replace(",", " ").split()


def typo(rng: random.Random, name: str) -> str | None:
    tokens = words(name)
    long = [i for i, t in enumerate(tokens) if len(t) >= 5]
    if not long:
        return None
    i = rng.choice(long)
    token, at = tokens[i], rng.randrange(1, len(tokens[i]) - 1)
    letter = rng.choice("aeiourstnlm").upper()
    edit = rng.choice(["sub", "del", "ins"])
    if edit == "sub":
        token = token[:at] + letter + token[at + 1 :]
    elif edit == "del":
        token = token[:at] + token[at + 1 :]
    else:
        token = token[:at] + letter + token[at:]
    tokens[i] = token
    return " ".join(tokens)


def transposition(rng: random.Random, name: str) -> str | None:
    tokens = words(name)
    long = [i for i, t in enumerate(tokens) if len(t) >= 4]
    if not long:
        return None
    i = rng.choice(long)
    token, at = tokens[i], rng.randrange(1, len(tokens[i]) - 2)
    tokens[i] = token[:at] + token[at + 1] + token[at] + token[at + 2 :]
    return " ".join(tokens)


def reorder(rng: random.Random, name: str) -> str | None:
    if "," not in name:
        return None
    surname, given = name.split(",", 1)
    return f"{given.strip()} {surname.strip()}".title()


def dropped_middle(rng: random.Random, name: str) -> str | None:
    if "," not in name or len(words(name.split(",", 1)[1])) < 2:
        return None
    surname, given = name.split(",", 1)
    return f"{words(given)[0]} {surname.strip()}"


def initials(rng: random.Random, name: str) -> str | None:
    if "," not in name or len(words(name.split(",", 1)[1])) < 2:
        return None
    surname, given = name.split(",", 1)
    first, *rest = words(given)
    return f"{first} {' '.join(r[0] + '.' for r in rest)} {surname.strip()}"


def cyrillic(rng: random.Random, name: str) -> str | None:
    return to_cyrillic(reorder(rng, name) or name)


VARIANTS: dict[str, Callable[[random.Random, str], str | None]] = {
    "typo": typo,
    "transposition": transposition,
    "reorder": reorder,
    "dropped_middle": dropped_middle,
    "initials": initials,
    "cyrillic": cyrillic,
}
Pair = tuple[str, int, bool, str]  # query, entry position, should match, kind


def labelled_pairs(entries: Sequence[ListEntry], count: int, seed: int = 7) -> list[Pair]:
    """``count`` positive and ``count`` negative (query, entry) pairs from the SDN names."""
    rng = random.Random(seed)
    people = [i for i, e in enumerate(entries) if e.entity_type is EntityType.PERSON]
    people = [i for i in people if "," in entries[i].primary_name]
    companies = [i for i, e in enumerate(entries) if e.entity_type is EntityType.ORGANIZATION]
    positives: list[Pair] = []
    kinds = list(VARIANTS)
    while len(positives) < count:
        kind = kinds[len(positives) % len(kinds)]
        pool = people if kind in {"reorder", "dropped_middle", "initials"} else people + companies
        position = rng.choice(pool)
        variant = VARIANTS[kind](rng, entries[position].primary_name)
        if variant:
            positives.append((variant, position, True, kind))
    negatives: list[Pair] = []
    given_names = [entries[i].primary_name.split(",", 1)[1].strip() for i in people]
    legal = re.compile(r"^(.*?)\s+((?:LLC|LTD\.?|LIMITED|S\.A\.|S\.A\. DE C\.V\.|INC\.?))$")
    with_forms = [i for i in companies if legal.match(entries[i].primary_name)]
    while len(negatives) < count:
        kind = ("other", "same_surname", "same_legal_form")[len(negatives) % 3]
        position = rng.choice(people if kind == "same_surname" else companies + people)
        if kind == "other":
            query = entries[rng.choice(people + companies)].primary_name
        elif kind == "same_surname":
            surname, given = entries[position].primary_name.split(",", 1)
            other = rng.choice(given_names)
            if words(other)[0].lower() == words(given)[0].lower():
                continue
            query = f"{surname}, {other}"
        else:
            position = rng.choice(with_forms)
            match = legal.match(entries[rng.choice(with_forms)].primary_name)
            target = legal.match(entries[position].primary_name)
            assert match and target
            query = f"{match.group(1)} {target.group(2)}"
        names = {n.text.lower() for n in entries[position].names}
        if query.lower() not in names and query != entries[position].primary_name:
            negatives.append((query, position, False, kind))
    return positives + negatives


# ── scoring the pairs ────────────────────────────────────────────────────────────────────
def name_scores(
    index: ScreeningIndex,
    entries: Sequence[ListEntry],
    pairs: list[Pair],
    algorithm: str = "name-v1",
) -> list[float]:
    scores = []
    for number, (query, position, _, _) in enumerate(pairs):
        subject = Subject(f"q{number}", query)
        result = screen_one(index, subject, threshold=0.0, limit=1_000, algorithm=algorithm)
        wanted = entries[position].entry_id
        scores.append(max((h.score for h in result.hits if h.entry_id == wanted), default=0.0))
    return scores


def baseline_scores(
    entries: Sequence[ListEntry], pairs: list[Pair], scorer: Callable[[str, str], float]
) -> list[float]:
    return [
        max(scorer(query.lower(), name.text.lower()) for name in entries[position].names)
        for query, position, _, _ in pairs
    ]


def token_sort(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(a, b) / 100.0


def jaro_winkler(a: str, b: str) -> float:
    return JaroWinkler.similarity(a, b)


def recall_precision(
    pairs: list[Pair], scores: list[float], threshold: float
) -> tuple[float, float]:
    tp = sum(
        1 for (_, _, label, _), s in zip(pairs, scores, strict=True) if label and s >= threshold
    )
    fp = sum(
        1 for (_, _, label, _), s in zip(pairs, scores, strict=True) if not label and s >= threshold
    )
    positives = sum(1 for pair in pairs if pair[2])
    return tp / positives, (tp / (tp + fp) if tp + fp else 1.0)


def best_threshold(pairs: list[Pair], scores: list[float]) -> tuple[float, float, float]:
    """The threshold with the best F1, and its recall and precision."""
    best = (0.0, 0.0, 0.0, -1.0)
    for step in range(30, 100):
        threshold = step / 100
        recall, precision = recall_precision(pairs, scores, threshold)
        f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        if f1 > best[3]:
            best = (threshold, recall, precision, f1)
    return best[:3]


def quality(index: ScreeningIndex, entries: Sequence[ListEntry], count: int) -> None:
    pairs = labelled_pairs(entries, count)
    print(f"\n## Quality: {count} positive + {count} negative pairs from SDN names")
    ours = {algorithm: name_scores(index, entries, pairs, algorithm) for algorithm in ALGORITHMS}
    methods: dict[str, tuple[list[float], float | None]] = {
        **{algorithm: (scores, DEFAULT_THRESHOLD) for algorithm, scores in ours.items()},
        "rapidfuzz token_sort_ratio": (baseline_scores(entries, pairs, token_sort), None),
        "Jaro-Winkler (whole name)": (baseline_scores(entries, pairs, jaro_winkler), None),
    }
    for method, (scores, fixed) in methods.items():
        threshold, recall, precision = best_threshold(pairs, scores)
        if fixed is not None:
            threshold = fixed
            recall, precision = recall_precision(pairs, scores, fixed)
            label = "default threshold"
        else:
            label = "its best-F1 threshold"
        print(f"{method:30s} recall {recall:.3f}  precision {precision:.3f}", end="")
        print(f"  at {label} {threshold:.2f}")
    names = " | ".join(ours)
    print(f"threshold sweep, recall / precision ({names}):")
    for threshold in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        cells = (recall_precision(pairs, scores, threshold) for scores in ours.values())
        print(f"  {threshold:.2f}: " + " | ".join(f"{r:.3f} / {p:.3f}" for r, p in cells))
    print(f"recall by variant, false-positive rate by negative kind ({names}, default threshold):")
    for kind in [*VARIANTS, "other", "same_surname", "same_legal_form"]:
        shares = []
        for scores in ours.values():
            chosen = [s for (_, _, _, k), s in zip(pairs, scores, strict=True) if k == kind]
            shares.append(sum(s >= DEFAULT_THRESHOLD for s in chosen) / max(len(chosen), 1))
        count = sum(1 for pair in pairs if pair[3] == kind)
        print(f"  {kind:16s} " + " | ".join(f"{share:.3f}" for share in shares) + f"  (n={count})")
    try:
        import nomenklatura  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        print("nomenklatura: not installed (pip install '.[bench]'), skipped")


# ── speed ────────────────────────────────────────────────────────────────────────────────
def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def speed(index: ScreeningIndex, entries: Sequence[ListEntry], repeat: int) -> None:
    rng = random.Random(11)
    pairs = labelled_pairs(entries, 500, seed=13)
    subjects = [Subject(f"q{i}", query) for i, (query, _, _, _) in enumerate(pairs)]
    print(f"\n## Speed against SDN: {index.entry_count} entries, {index.name_count} names")
    batch = rng.sample(subjects, min(1000, len(subjects)))
    for algorithm in ALGORITHMS:
        for subject in subjects[:50]:
            screen_one(index, subject, algorithm=algorithm)  # warm caches
        timings = []
        for subject in subjects:
            started = time.perf_counter()
            screen_one(index, subject, algorithm=algorithm)
            timings.append((time.perf_counter() - started) * 1000)
        p50, p99 = percentile(timings, 0.5), percentile(timings, 0.99)
        print(f"{algorithm} single query: p50 {p50:.2f} ms, p99 {p99:.2f} ms, ", end="")
        print(f"max {max(timings):.2f} ms")
        seconds = median_seconds(partial(screen, index, batch, algorithm=algorithm), repeat)
        ours = len(batch) / seconds
        print(f"{algorithm} batch of {len(batch)}: {ours:,.0f} queries/s (median of {repeat})")
    names = [name.text.lower() for entry in entries for name in entry.names]
    brute_queries = [s.name.lower() for s in batch[:200]]
    # process.cdist needs numpy, which is not installed; extract is the same C loop per query.
    brute = median_seconds(
        lambda: [
            process.extract(q, names, scorer=fuzz.token_sort_ratio, limit=10) for q in brute_queries
        ],
        repeat,
    )
    theirs = len(brute_queries) / brute
    print(f"brute-force rapidfuzz extract(token_sort_ratio) over {len(names)} names: ", end="")
    print(f"{theirs:,.0f} queries/s")
    print(f"throughput ratio {ALGORITHMS[-1]} / brute force: {ours / theirs:.1f}x")


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


# ── build and memory on a synthetic list ─────────────────────────────────────────────────
def synthetic_entries(count: int, seed: int = 3) -> list[ListEntry]:
    """``count`` person entries with names combined from Faker pools in several locales."""
    from faker import Faker

    given: set[str] = set()
    family: set[str] = set()
    for locale in ("en_US", "es_MX", "ru_RU", "ar_AA", "de_DE", "fr_FR", "tr_TR", "zh_CN", "pl_PL"):
        fake = Faker(locale)
        fake.seed_instance(seed)
        for _ in range(400):
            given.add(fake.first_name())
            family.add(fake.last_name())
    given_pool, family_pool = sorted(given), sorted(family)
    rng = random.Random(seed)
    entries = []
    for number in range(count):
        names = [
            ListedName(
                f"{rng.choice(family_pool)}, {rng.choice(given_pool)} {rng.choice(given_pool)}"
            )
        ]
        if rng.random() < 0.4:
            names.append(
                ListedName(f"{rng.choice(given_pool)} {rng.choice(family_pool)}", NameKind.ALIAS)
            )
        entries.append(
            ListEntry(
                list_name="synthetic",
                entry_id=f"S{number}",
                entity_type=EntityType.PERSON,
                names=tuple(names),
                birth_dates=(
                    f"{rng.randint(1940, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                ),
                nationalities=(rng.choice(["MX", "RU", "US", "CN", "TR", "DE"]),),
                documents=(IdentityDocument(f"P{rng.randrange(10**8):08d}"),),
            )
        )
    return entries


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build_and_memory(count: int) -> None:
    print(f"\n## Build and memory: synthetic list of {count:,} entries")
    started = time.perf_counter()
    entries = synthetic_entries(count)
    print(f"generated in {time.perf_counter() - started:.1f} s")
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    index = build_index(entries)
    built = time.perf_counter() - started
    gc.collect()
    print(f"index built in {built:.1f} s ({count / built:,.0f} entries/s); ", end="")
    print(f"{index.name_count:,} names, {len(index.tokens):,} tokens")
    print(f"RSS grew {rss_mb() - before:,.0f} MB during the build (with freed scratch); ", end="")
    print(f"packed columns {index.nbytes() / 2**20:,.0f} MB")
    sample = [
        Subject(f"q{i}", e.names[0].text) for i, e in enumerate(entries[:: max(1, count // 300)])
    ]
    seconds = median_seconds(partial(screen, index, sample), 3)
    print(
        f"screening {len(sample)} listed names against it: {len(sample) / seconds:,.0f} queries/s"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.bin"
        index.save(path)
        del index, entries
        gc.collect()
        size = path.stat().st_size / 2**20
        code = (
            "import sys,time;from borderops.core.screening import load_index;"
            "from bench.screening_bench import rss_mb;b=rss_mb();t=time.perf_counter();"
            f"i=load_index({str(path)!r});"
            "print(f'{time.perf_counter()-t:.1f} {rss_mb()-b:.0f}')"
        )
        out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent.parent,
        ).stdout.split()
        print(f"saved file {size:,.0f} MB; a fresh process loads it in {out[0]} s, ", end="")
        print(f"holding {out[1]} MB more RSS")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=1_500)
    parser.add_argument(
        "--skip", choices=["quality", "speed", "build"], action="append", default=[]
    )
    arguments = parser.parse_args()
    entries = load_sdn()
    started = time.perf_counter()
    index = build_index(entries)
    print(f"SDN index built in {time.perf_counter() - started:.2f} s")
    if "quality" not in arguments.skip:
        quality(index, entries, arguments.pairs)
    if "speed" not in arguments.skip:
        speed(index, entries, arguments.repeat)
    if "build" not in arguments.skip:
        build_and_memory(arguments.entries)


if __name__ == "__main__":
    main()
