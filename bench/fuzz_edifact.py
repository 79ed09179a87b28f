"""Atheris harness for the EDIFACT readers: any exception but ``EdifactError`` is a bug.

Run: ``python bench/fuzz_edifact.py -atheris_runs=200000`` (libFuzzer flags apply, e.g.
``-max_total_time=60``). The corpus starts from a synthetic PAXLST and the PNRGOV test
message, so mutations reach deep into the segment groups quickly.
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import suppress
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from borderops.core.formats import parse_paxlst, parse_pnrgov_messages
    from borderops.core.formats.edifact import read_interchanges
    from borderops.core.formats.paxlst_compose import synthetic_manifest
    from borderops.core.formats.types import EdifactError

READERS = (read_interchanges, parse_paxlst, parse_pnrgov_messages)


def test_one_input(data: bytes) -> None:
    """Feed the input, decoded as a reader would, to every reader in both modes."""
    if not data:
        return
    text = data[1:].decode("utf-8", errors="replace")
    reader = READERS[data[0] % len(READERS)]
    with suppress(EdifactError):
        reader(text, strict=bool(data[0] & 0x80))


def _seed_corpus() -> Path:
    corpus = Path(tempfile.mkdtemp(prefix="edifact-corpus-"))
    (corpus / "paxlst").write_bytes(b"\x01" + synthetic_manifest(3).encode())
    pnr = Path(__file__).resolve().parents[1] / "tests/core/formats/fixtures"
    for index, path in enumerate(sorted(pnr.glob("*.edi"))):
        (corpus / f"fixture{index}").write_bytes(bytes([index]) + path.read_bytes())
    return corpus


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(str(_seed_corpus()))
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
