"""Model files: a round trip keeps every score; other format versions are refused."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from borderops.core.risk import (
    FORMAT_VERSION,
    RiskError,
    RiskModel,
    RiskModelError,
    load_model,
    read_card,
    save_model,
    score_entries,
)


def test_a_saved_model_scores_and_explains_exactly_as_before(
    model: RiskModel, table: pa.Table, tmp_path: Path
) -> None:
    save_model(model, tmp_path / "model.zip")
    loaded = load_model(tmp_path / "model.zip")
    sample = table.slice(2500, 200)
    before, after = score_entries(model, sample), score_entries(loaded, sample)
    assert np.array_equal(before.scores, after.scores)
    assert before.to_table().equals(after.to_table())
    assert loaded.card.to_json() == model.card.to_json()
    assert read_card(tmp_path / "model.zip").seed == 3
    assert not list(tmp_path.glob(".model.zip*"))


def test_a_model_of_another_format_version_is_refused_with_what_to_do(
    model: RiskModel, tmp_path: Path
) -> None:
    save_model(model, tmp_path / "model.zip")
    with zipfile.ZipFile(tmp_path / "model.zip") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    card = json.loads(parts["card.json"])
    card["format_version"] = FORMAT_VERSION + 1
    parts["card.json"] = json.dumps(card).encode()
    with zipfile.ZipFile(tmp_path / "future.zip", "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(RiskModelError) as caught:
        load_model(tmp_path / "future.zip")
    assert caught.value.code is RiskError.INCOMPATIBLE_MODEL
    message = str(caught.value)
    assert f"version {FORMAT_VERSION + 1}" in message and "Retrain" in message


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"not a zip at all", RiskError.NOT_A_MODEL), (None, RiskError.UNREADABLE)],
)
def test_something_else_than_a_model_is_refused(
    tmp_path: Path, content: bytes | None, code: RiskError
) -> None:
    path = tmp_path / "model.zip"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(RiskModelError) as caught:
        load_model(path)
    assert caught.value.code is code
