"""Whatever the input, the readers either return records or raise ``EdifactError``."""

from __future__ import annotations

from contextlib import suppress

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.core.formats.test_pnrgov import PNR

from borderops.core.formats import parse_paxlst, parse_pnrgov_messages
from borderops.core.formats.edifact import read_interchanges
from borderops.core.formats.paxlst_compose import synthetic_manifest
from borderops.core.formats.types import EdifactError

SEEDS = [synthetic_manifest(3, seed=1), PNR]
EDIFACT_CHARS = "UNABHGTZ+:'?*$ \n\r.-/0123456789PAXLSTRCIFVDOMEQ\u2019"


def _all_readers(text: str) -> None:
    for strict in (True, False):
        for reader in (read_interchanges, parse_paxlst, parse_pnrgov_messages):
            with suppress(EdifactError):
                reader(text, strict=strict)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_anything_else(text: str) -> None:
    _all_readers(text)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_decoded_never_raise_anything_else(data: bytes) -> None:
    _all_readers(data.decode("utf-8", errors="replace"))


@settings(max_examples=400, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    cuts=st.lists(
        st.tuples(st.integers(0, 5000), st.integers(0, 8), st.text(EDIFACT_CHARS, max_size=4)),
        max_size=4,
    ),
)
def test_mutated_real_messages_never_raise_anything_else(
    seed: str, cuts: list[tuple[int, int, str]]
) -> None:
    text = seed
    for position, length, insert in cuts:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + length :]
    _all_readers(text)
