"""Fuzzing the MRZ reader with atheris: ``parse_mrz`` must never raise, whatever it is given.

Half the inputs are raw text (split into lines, or read as blocks the way ``borderops mrz
parse`` does); the other half are valid composed MRZs of all five formats with a few
characters overwritten, so the fuzzer reaches the check-digit, OCR-correction, long-number
and date code instead of stopping at "line lengths match no format". Each reading must also
turn into JSON and agree with itself (``valid`` only without errors).

Run: .venv/bin/python bench/fuzz_mrz.py -atheris_runs=200000 [-max_total_time=60] [corpus_dir]
"""

from __future__ import annotations

import json
import sys
from datetime import date

import atheris

with atheris.instrument_imports(include=["borderops.core.documents"]):
    from borderops.core.documents.mrz import make_mrva, make_mrvb, make_td1, make_td2, make_td3
    from borderops.core.documents.parse import MrzReading, parse_mrz, read_blocks


def _holder(number: str) -> dict[str, object]:
    return {
        "issuing_state": "UTO",
        "surname": "ERIKSSON",
        "given_names": "ANNA MARIA",
        "nationality": "UTO",
        "birth_date": date(1974, 8, 12),
        "sex": "F",
        "expiry_date": date(2032, 4, 15),
        "document_number": number,
    }


SEEDS: tuple[tuple[str, ...], ...] = (
    make_td3(**_holder("L898902C3"), optional_data="ZE184226B"),  # type: ignore[arg-type]
    make_td1(**_holder("D23145890734"), optional_data_2="AB12"),  # type: ignore[arg-type]
    make_td1(**_holder("D23145890")),  # type: ignore[arg-type]
    make_td2(**_holder("D231458907AB")),  # type: ignore[arg-type]
    make_mrva(**_holder("L8988901C")),  # type: ignore[arg-type]
    make_mrvb(**_holder("L8988901C")),  # type: ignore[arg-type]
)
# Characters worth writing into a valid zone: the OCR confusions, fillers, case and junk.
PALETTE = "0O1I2Z5S6G8B<<<<AXMF9 \tx\u00e9\u0130\u212a\x00"


def _check(reading: MrzReading) -> None:
    json.dumps(reading.to_json())
    if reading.valid:
        assert not reading.errors, reading
        assert reading.format is not None, reading


def _today(fdp: atheris.FuzzedDataProvider) -> date | None:
    if not fdp.ConsumeBool():
        return None
    return date.fromordinal(
        fdp.ConsumeIntInRange(date(1900, 1, 1).toordinal(), date(2150, 12, 31).toordinal())
    )


def _mutated_seed(fdp: atheris.FuzzedDataProvider) -> list[str]:
    lines = [list(line) for line in SEEDS[fdp.ConsumeIntInRange(0, len(SEEDS) - 1)]]
    for _ in range(fdp.ConsumeIntInRange(0, 6)):
        row = lines[fdp.ConsumeIntInRange(0, len(lines) - 1)]
        column = fdp.ConsumeIntInRange(0, len(row) - 1)
        if fdp.ConsumeBool():
            row[column] = PALETTE[fdp.ConsumeIntInRange(0, len(PALETTE) - 1)]
        else:
            row[column] = fdp.ConsumeUnicodeNoSurrogates(1) or "<"
    return ["".join(row) for row in lines]


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    today = _today(fdp)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        _check(parse_mrz(_mutated_seed(fdp), today=today))
    elif mode == 1:
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        _check(parse_mrz(text.split("\n"), today=today))
    else:
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        for block in read_blocks(text):
            _check(parse_mrz(block, today=today))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
