"""The 80 spellings of one name (nomenklatura's Putin list): how many match each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderops.core.lists.types import EntityType, ListedName, ListEntry
from borderops.core.screening import DEFAULT_THRESHOLD, Subject, build_index, screen

VARIANTS = Path("/work/shared/data/name-variants/nomenklatura_putin_names.txt")


@pytest.mark.skipif(not VARIANTS.exists(), reason="the shared name-variant file is not here")
def test_spellings_of_one_name_find_each_other() -> None:
    # given each spelling listed as its own entry
    spellings = [line.strip() for line in VARIANTS.read_text().splitlines() if line.strip()]
    index = build_index(
        ListEntry("variants", str(i), EntityType.PERSON, (ListedName(text),))
        for i, text in enumerate(spellings)
    )
    # when each spelling is screened against all of them
    subjects = [Subject(str(i), text) for i, text in enumerate(spellings)]
    result = screen(index, subjects, threshold=DEFAULT_THRESHOLD, limit=len(spellings))
    pairs = {(h.query_id, h.entry_id) for h in result.hits if h.query_id != h.entry_id}
    found_any = {query for query, _ in pairs}
    share = len(pairs) / (len(spellings) * (len(spellings) - 1))
    print(f"{len(found_any)}/{len(spellings)} spellings hit another; {share:.1%} of all pairs")
    # then most spellings (all but the scripts rigour cannot transliterate) find another
    assert len(found_any) >= 0.75 * len(spellings)
    assert share >= 0.25
