"""MRZ parsing speed: parses per second over composed zones of all five formats.

Zones are composed with ``core.documents.mrz`` (seeded: TD1, TD2, TD3, MRV-A, MRV-B in equal
shares, a tenth with one OCR slip in the document number so the repair path runs too) and
read with ``parse_mrz``. Each figure is the median of ``--repeat`` runs over every zone. In
the same run, two baselines put the figure in proportion: computing and verifying the check
digits alone (``icao9303.failed_check_digits``, the least any validating reader does) and a
naive regular-expression split into fields with no validation at all. The document checks
(``check_document`` on each reading, no advance data) are timed as well, since the ingest
runs them per traveller.

Run: .venv/bin/python bench/mrz_bench.py [--zones 20000] [--repeat 5] [--seed 9303]
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import string
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from borderops.core.documents.checks import CheckContext, PresentedDocument, check_document
from borderops.core.documents.icao9303 import failed_check_digits
from borderops.core.documents.mrz import make_mrva, make_mrvb, make_td1, make_td2, make_td3
from borderops.core.documents.parse import parse_mrz

TODAY = date(2026, 5, 28)
STATES = ("UTO", "FRA", "D", "GBR", "USA", "NLD", "KEN", "IND", "BRA", "JPN")
SURNAMES = ("ERIKSSON", "MÜLLER", "GARCÍA LÓPEZ", "NGUYEN", "O'BRIEN", "SMITH", "IVANOVA")
GIVEN = ("ANNA MARIA", "JÖRG", "JOSÉ LUIS", "VAN AN", "SEAN", "JOHN PAUL", "OLGA")
MAKERS = (make_td1, make_td2, make_td3, make_mrva, make_mrvb)
CODES = ("I", "I", "P", "V", "V")
# A naive reader: fixed slices by line shape, nothing checked.
NAIVE = {
    (30, 30, 30): re.compile(
        r"(?P<code>.{2})(?P<state>.{3})(?P<number>.{9}).(?P<opt>.{15})\n"
        r"(?P<birth>.{6}).(?P<sex>.)(?P<expiry>.{6}).(?P<nationality>.{3}).{12}\n"
        r"(?P<name>.{30})"
    ),
    (36, 36): re.compile(
        r"(?P<code>.{2})(?P<state>.{3})(?P<name>.{31})\n"
        r"(?P<number>.{9}).(?P<nationality>.{3})(?P<birth>.{6}).(?P<sex>.)(?P<expiry>.{6}).*"
    ),
    (44, 44): re.compile(
        r"(?P<code>.{2})(?P<state>.{3})(?P<name>.{39})\n"
        r"(?P<number>.{9}).(?P<nationality>.{3})(?P<birth>.{6}).(?P<sex>.)(?P<expiry>.{6}).*"
    ),
}


def compose(count: int, seed: int) -> list[tuple[str, ...]]:
    """``count`` valid MRZs of all five formats in turn; every tenth has an OCR slip."""
    rng = random.Random(seed)
    zones: list[tuple[str, ...]] = []
    for index in range(count):
        kind = index % len(MAKERS)
        long_number = kind in (0, 1) and rng.random() < 0.3
        length = 12 if long_number else 9
        number = "".join(rng.choices(string.ascii_uppercase + string.digits, k=length))
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
        state = rng.choice(STATES)
        lines = MAKERS[kind](
            document_code=CODES[kind],
            issuing_state=state,
            surname=rng.choice(SURNAMES),
            given_names=rng.choice(GIVEN),
            document_number=number,
            nationality=state,
            birth_date=birth,
            sex=rng.choice("MFX"),
            expiry_date=TODAY + timedelta(days=rng.randrange(-400, 3600)),
        )
        if index % 10 == 9:
            lines = _slip(lines, kind)
        zones.append(tuple(lines))
    return zones


def _slip(lines: Sequence[str], kind: int) -> tuple[str, ...]:
    # Read a 0 of the document number as O (or an O as 0), as a worn page makes a reader do.
    line, start = (0, 5) if kind == 0 else (1, 0)
    text = lines[line]
    for column in range(start, start + 9):
        swap = {"0": "O", "O": "0", "1": "I", "8": "B"}.get(text[column])
        if swap:
            text = text[:column] + swap + text[column + 1 :]
            break
    changed = list(lines)
    changed[line] = text
    return tuple(changed)


def timed(label: str, work: Callable[[], object], count: int, repeat: int) -> float:
    """The median rate of ``work`` over ``repeat`` runs, printed; items per second."""
    rates = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        work()
        rates.append(count / (time.perf_counter() - started))
    median = statistics.median(rates)
    spread = f"{min(rates):>10,.0f} – {max(rates):,.0f}"
    print(f"  {label:<44} {median:>10,.0f}/s   (runs {spread})")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=9303)
    args = parser.parse_args()

    zones = compose(args.zones, args.seed)
    joined = ["\n".join(zone) for zone in zones]
    readings = [parse_mrz(zone, today=TODAY) for zone in zones]
    documents = [PresentedDocument.from_mrz(reading) for reading in readings]
    context = CheckContext(on=TODAY, stay_until=TODAY + timedelta(days=14))
    valid = sum(reading.valid for reading in readings)
    corrected = sum(any(c.startswith("document_number:") for c in r.corrections) for r in readings)
    print(f"{args.zones:,} zones (TD1, TD2, TD3, MRV-A, MRV-B), median of {args.repeat} runs")
    print(f"  valid after reading: {valid:,}; document number repaired: {corrected:,}")

    def parse_all() -> None:
        for zone in zones:
            parse_mrz(zone, today=TODAY)

    def check_digits_only() -> None:
        for zone in zones:
            failed_check_digits(zone)

    def naive_split() -> None:
        for zone, text in zip(zones, joined, strict=True):
            match = NAIVE[tuple(map(len, zone))].fullmatch(text)
            assert match is not None
            match.groupdict()

    def check_all() -> None:
        for document in documents:
            check_document(document, context)

    parse_rate = timed("parse_mrz", parse_all, args.zones, args.repeat)
    digits_rate = timed("baseline: check digits only", check_digits_only, args.zones, args.repeat)
    naive_rate = timed("baseline: naive regex split", naive_split, args.zones, args.repeat)
    checks_rate = timed("check_document (no advance data)", check_all, args.zones, args.repeat)
    print(f"  parse_mrz costs {digits_rate / parse_rate:.1f}× the check digits alone")
    print(f"  parse_mrz costs {naive_rate / parse_rate:.1f}× a naive regex split")
    print(f"  parse + check: {1 / (1 / parse_rate + 1 / checks_rate):,.0f} documents/s")


if __name__ == "__main__":
    main()
