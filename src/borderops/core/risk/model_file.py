"""Risk model files: one zip holding everything needed to score and to explain.

Inside: ``card.json`` (format version, label, column typing, features, training periods,
metrics, seed, library versions), ``booster.txt`` (LightGBM's own text format) and
``state.json`` (the statistics tables, vocabularies, unit-value norms, calibration and the
rule set, if any). The file is written to a temporary name and renamed, so a reader never
finds half a model. Loading refuses a file of another format version with a message saying
what to do, rather than scoring with features it does not understand.
"""

from __future__ import annotations

import io
import json
import math
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pyarrow as pa

from borderops.core.risk.calibration import Calibration
from borderops.core.risk.features import (
    FeatureKind,
    FeatureSpec,
    FeatureState,
    KeyStats,
    PartyHistory,
)
from borderops.core.risk.keys import Values
from borderops.core.risk.norms import Norms, PeriodNorms
from borderops.core.risk.train import RiskModel
from borderops.core.risk.types import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ModelCard,
    RiskError,
    RiskModelError,
)

_CARD, _BOOSTER, _STATE = "card.json", "booster.txt", "state.json"


def _floats(values: np.ndarray[Any, Any]) -> list[float | None]:
    return [None if not math.isfinite(v) else float(v) for v in values.tolist()]


def _array(values: list[float | None]) -> np.ndarray[Any, np.dtype[np.float64]]:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _keys(values: Values) -> list[str]:
    return [str(v) for v in values.to_pylist()]


def _norms_to_json(norms: Norms | None) -> dict[str, Any] | None:
    if norms is None:
        return None
    return {
        "pair_keys": _keys(norms.pair_keys),
        "pair_median": _floats(norms.pair_median),
        "pair_spread": _floats(norms.pair_spread),
        "hs_keys": _keys(norms.hs_keys),
        "hs_median": _floats(norms.hs_median),
        "hs_spread": _floats(norms.hs_spread),
    }


def _norms_from_json(raw: dict[str, Any] | None) -> Norms | None:
    if raw is None:
        return None
    text = pa.string()
    return Norms(
        pair_keys=pa.array(raw["pair_keys"], text),
        pair_median=_array(raw["pair_median"]),
        pair_spread=_array(raw["pair_spread"]),
        hs_keys=pa.array(raw["hs_keys"], text),
        hs_median=_array(raw["hs_median"]),
        hs_spread=_array(raw["hs_spread"]),
    )


def state_to_json(state: FeatureState, calibration: Calibration) -> dict[str, Any]:
    """The feature state and calibration as JSON-ready data."""
    norms = state.norms
    return {
        "prior": state.prior,
        "specs": [[s.name, s.kind.value, list(s.columns)] for s in state.specs],
        "vocabularies": {name: _keys(v) for name, v in state.vocabularies.items()},
        "targets": [
            {
                "columns": list(t.columns),
                "keys": _keys(t.keys),
                "positives": t.positives.tolist(),
                "counts": t.counts.tolist(),
            }
            for t in state.targets
        ],
        "parties": [
            {
                "column": p.column,
                "keys": _keys(p.keys),
                "counts": p.counts.tolist(),
                "last_day": _floats(p.last_day),
            }
            for p in state.parties
        ],
        "norms": _norms_to_json(norms),
        "ruleset_text": state.ruleset_text,
        "rule_ids": list(state.rule_ids),
        "period_norms": None
        if state.period_norms is None
        else {
            "first_month": state.period_norms.first_month,
            "windows": [_norms_to_json(w) for w in state.period_norms.windows],
        },
        "calibration": {"slope": calibration.slope, "intercept": calibration.intercept},
    }


def state_from_json(raw: dict[str, Any], card: ModelCard) -> tuple[FeatureState, Calibration]:
    """The feature state and calibration saved by ``state_to_json``."""
    text = pa.string()
    norms = raw["norms"]
    state = FeatureState(
        typing=card.typing,
        prior=float(raw["prior"]),
        specs=tuple(FeatureSpec(n, FeatureKind(k), tuple(c)) for n, k, c in raw["specs"]),
        vocabularies={n: pa.array(v, text) for n, v in raw["vocabularies"].items()},
        targets=tuple(
            KeyStats(
                columns=tuple(t["columns"]),
                keys=pa.array(t["keys"], text),
                positives=np.array(t["positives"], dtype=np.int64),
                counts=np.array(t["counts"], dtype=np.int64),
            )
            for t in raw["targets"]
        ),
        parties=tuple(
            PartyHistory(
                column=p["column"],
                keys=pa.array(p["keys"], text),
                counts=np.array(p["counts"], dtype=np.int64),
                last_day=_array(p["last_day"]),
            )
            for p in raw["parties"]
        ),
        norms=_norms_from_json(norms),
        ruleset_text=raw.get("ruleset_text"),
        rule_ids=tuple(raw.get("rule_ids", ())),
        # Absent in files written before period norms; their specs do not ask for them.
        period_norms=None
        if raw.get("period_norms") is None
        else PeriodNorms(
            first_month=int(raw["period_norms"]["first_month"]),
            windows=tuple(_norms_from_json(w) for w in raw["period_norms"]["windows"]),
        ),
    )
    calibration = Calibration(**raw["calibration"])
    return state, calibration


def model_bytes(model: RiskModel) -> bytes:
    """The model file's content, for keeping a model in a database rather than a file."""
    buffer = io.BytesIO()
    _write(model, buffer)
    return buffer.getvalue()


def _write(model: RiskModel, target: Any) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_CARD, json.dumps(model.card.to_json(), indent=2))
        archive.writestr(_BOOSTER, model.booster.model_to_string())
        state = state_to_json(model.state, model.calibration)
        archive.writestr(_STATE, json.dumps(state, separators=(",", ":")))


def save_model(model: RiskModel, path: Path) -> None:
    """Write the model as one zip file, atomically (all of it or nothing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        _write(model, temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_card(path: Path | bytes, name: str | None = None) -> ModelCard:
    """The model card alone (for listing models), refusing other formats and versions.
    ``path`` may be the file's content (``name`` then says what to call it in errors)."""
    label = _label(path, name)
    with _open(path, label) as archive:
        return _card(archive, label)


def _label(path: Path | bytes, name: str | None) -> Path:
    if isinstance(path, bytes):
        return Path(name or "the model file")
    return Path(path)


def load_model(path: Path | bytes, name: str | None = None) -> RiskModel:
    """A model saved by ``save_model`` (or its content, as ``model_bytes`` gives it); a clear
    error for anything else."""
    label = _label(path, name)
    with _open(path, label) as archive:
        card = _card(archive, label)
        try:
            booster_text = archive.read(_BOOSTER).decode("utf-8")
            raw_state = json.loads(archive.read(_STATE))
        except (KeyError, ValueError, zipfile.BadZipFile) as error:
            raise RiskModelError(
                RiskError.NOT_A_MODEL, f"{label}: the model file is damaged ({error}); retrain it"
            ) from None
    state, calibration = state_from_json(raw_state, card)
    booster = lgb.Booster(model_str=booster_text)
    return RiskModel(card=card, state=state, booster=booster, calibration=calibration)


def _open(source: Path | bytes, path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except FileNotFoundError:
        raise RiskModelError(RiskError.UNREADABLE, f"{path}: no such model file") from None
    except (zipfile.BadZipFile, IsADirectoryError):
        raise RiskModelError(
            RiskError.NOT_A_MODEL,
            f"{path}: not a risk model file (a zip written by `borderops risk train`)",
        ) from None
    except OSError as error:
        raise RiskModelError(
            RiskError.UNREADABLE, f"{path}: cannot be read: {error.strerror or error}"
        ) from None


def _card(archive: zipfile.ZipFile, path: Path) -> ModelCard:
    try:
        raw = json.loads(archive.read(_CARD))
    except (KeyError, ValueError):
        raise RiskModelError(
            RiskError.NOT_A_MODEL,
            f"{path}: not a risk model file (no readable {_CARD}); train one with "
            "`borderops risk train`",
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise RiskModelError(
            RiskError.NOT_A_MODEL, f"{path}: not a risk model file (format is not {FORMAT_NAME})"
        )
    version = raw.get("format_version")
    if version != FORMAT_VERSION:
        wrote = raw.get("versions", {}).get("borderops", "another version")
        raise RiskModelError(
            RiskError.INCOMPATIBLE_MODEL,
            f"{path}: risk model format version {version} (written by BorderOps {wrote}); this "
            f"BorderOps reads version {FORMAT_VERSION}. Retrain the model with `borderops risk "
            "train`, or score with the BorderOps version that wrote it",
        )
    return ModelCard.from_json(raw)
