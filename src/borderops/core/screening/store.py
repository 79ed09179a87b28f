"""Compact columns for the screening index, and the file format they are saved in.

The index holds millions of names, so nothing in it is a Python object per name: strings
sit in one UTF-8 blob with an offsets array, numbers in ``array.array``, and lookup keys in
sorted arrays of 64-bit hashes searched by bisection.

The file is a magic line, a format version, a JSON header naming each section with its
type, length and CRC-32, then the sections' raw bytes. Nothing in it is executed on load
(no pickle), so an index file from elsewhere can at worst fail to load.
"""

from __future__ import annotations

import json
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias

import numpy as np
from numba import njit
from numpy.typing import NDArray

from borderops.core.screening.types import IndexFormatError

MAGIC = b"BORDEROPS-SCREENING-INDEX\n"
FORMAT_VERSION = 1
_HEADER_LENGTH = struct.Struct("<IQ")  # format version, JSON header length


class StringColumn:
    """Many strings in one UTF-8 blob: ``column[i]`` decodes the i-th."""

    __slots__ = ("blob", "offsets")

    def __init__(self, blob: bytes, offsets: array[int]) -> None:
        self.blob = blob
        self.offsets = offsets

    @classmethod
    def build(cls, values: Iterable[str]) -> StringColumn:
        """A column holding ``values`` in order."""
        parts: list[bytes] = []
        offsets = array("q", [0])
        end = 0
        for value in values:
            encoded = value.encode("utf-8")
            parts.append(encoded)
            end += len(encoded)
            offsets.append(end)
        return cls(b"".join(parts), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, position: int) -> str:
        return self.blob[self.offsets[position] : self.offsets[position + 1]].decode("utf-8")

    def nbytes(self) -> int:
        """Memory held by the column's buffers."""
        return len(self.blob) + self.offsets.itemsize * len(self.offsets)


def stable_hash(key: str) -> int:
    """A 64-bit hash of a key that is the same in every process (unlike ``hash``)."""
    encoded = key.encode("utf-8")
    value = (zlib.crc32(encoded) << 32) | zlib.adler32(encoded)
    return value - (1 << 64) if value >= (1 << 63) else value


class KeyMap:
    """Many-to-many map from string keys to integers, as two sorted parallel arrays.

    Keys are stored only as hashes: a rare collision returns an extra value, which the
    caller verifies anyway. Lookups are a bisection, with no per-key object in memory.
    """

    __slots__ = ("hashes", "values")

    def __init__(self, hashes: array[int], values: array[int]) -> None:
        self.hashes = hashes
        self.values = values

    @classmethod
    def build(cls, pairs: Iterable[tuple[str, int]]) -> KeyMap:
        """A map holding each ``(key, value)`` pair once."""
        hashed = sorted({(stable_hash(key), value) for key, value in pairs})
        return cls(array("q", [h for h, _ in hashed]), array("i", [v for _, v in hashed]))

    @classmethod
    def from_hashes(cls, hashes: Sequence[int], values: Sequence[int]) -> KeyMap:
        """A map from keys already hashed with ``stable_hash``, each pair held once."""
        hashed = sorted(set(zip(hashes, values, strict=True)))
        return cls(array("q", [h for h, _ in hashed]), array("i", [v for _, v in hashed]))

    def get(self, key: str) -> array[int]:
        """Every value stored under ``key`` (and, rarely, under a colliding key)."""
        wanted = stable_hash(key)
        start = bisect_left(self.hashes, wanted)
        end = start
        hashes = self.hashes
        while end < len(hashes) and hashes[end] == wanted:
            end += 1
        return self.values[start:end]

    def get_many(self, keys: Iterable[str]) -> NDArray[np.int64]:
        """Every value stored under any of ``keys`` (as ``get``), each once, ascending: the
        hashes of all of them bisected in one compiled pass."""
        wanted = np.array([stable_hash(key) for key in keys], dtype=np.int64)
        values = np.frombuffer(self.values, dtype=f"i{self.values.itemsize}")
        found: NDArray[np.int64] = _gather(
            np.frombuffer(self.hashes, dtype=np.int64), values, wanted
        )
        return found

    def nbytes(self) -> int:
        """Memory held by the map's arrays."""
        return self.hashes.itemsize * len(self.hashes) + self.values.itemsize * len(self.values)


def distinct(pieces: Sequence[NDArray[np.signedinteger[Any]]]) -> NDArray[np.int64]:
    """The integers of ``pieces``, each once, ascending."""
    if not pieces:
        return np.empty(0, dtype=np.int64)
    found: NDArray[np.int64] = _distinct(np.concatenate(pieces).astype(np.int64))
    return found


# A lookup finds a few hundred values in a dozen places: numpy would take a call per step
# (microseconds each), these take one for all.
@njit(cache=True, nogil=True)
def _gather(
    hashes: NDArray[np.int64], values: NDArray[Any], wanted: NDArray[np.int64]
) -> NDArray[np.int64]:  # pragma: no cover - compiled
    starts = np.searchsorted(hashes, wanted, side="left")
    ends = np.searchsorted(hashes, wanted, side="right")
    total = 0
    for k in range(len(wanted)):
        total += ends[k] - starts[k]
    found = np.empty(total, dtype=np.int64)
    at = 0
    for k in range(len(wanted)):
        for position in range(starts[k], ends[k]):
            found[at] = values[position]
            at += 1
    return _distinct(found)


@njit(cache=True, nogil=True)
def _distinct(values: NDArray[np.int64]) -> NDArray[np.int64]:  # pragma: no cover - compiled
    ordered = np.sort(values)
    size = 0
    for k in range(len(ordered)):
        if size == 0 or ordered[k] != ordered[size - 1]:
            ordered[size] = ordered[k]
            size += 1
    return ordered[:size]


def csr(groups: Sequence[Iterable[int]]) -> tuple[array[int], array[int]]:
    """Offsets and flat values of a list of integer groups (compressed sparse rows)."""
    offsets = array("q", [0])
    values = array("i")
    for group in groups:
        values.extend(group)
        offsets.append(len(values))
    return offsets, values


Section: TypeAlias = "bytes | array[int]"


def write_sections(path: Path, meta: dict[str, object], sections: dict[str, Section]) -> None:
    """Write ``sections`` after a header that describes them and carries ``meta``."""
    described = []
    for name, section in sections.items():
        raw = section if isinstance(section, bytes) else section.tobytes()
        typecode = "bytes" if isinstance(section, bytes) else section.typecode
        described.append({"name": name, "type": typecode, "size": len(raw), "crc": zlib.crc32(raw)})
    header = json.dumps(
        {"meta": meta, "byteorder": sys.byteorder, "sections": described}, sort_keys=True
    ).encode("utf-8")
    with path.open("wb") as out:
        out.write(MAGIC)
        out.write(_HEADER_LENGTH.pack(FORMAT_VERSION, len(header)))
        out.write(header)
        for section in sections.values():
            out.write(section if isinstance(section, bytes) else section.tobytes())


def _read_exact(stream: BinaryIO, size: int, path: Path, what: str) -> bytes:
    raw = stream.read(size)
    if len(raw) != size:
        raise IndexFormatError(str(path), f"the file ends early, inside {what} (truncated copy?)")
    return raw


def read_sections(path: Path) -> tuple[dict[str, object], dict[str, Section]]:
    """Read a file written by ``write_sections``; any defect raises ``IndexFormatError``."""
    try:
        stream = path.open("rb")
    except OSError as error:
        raise IndexFormatError(str(path), f"cannot open the file ({error.strerror})") from error
    with stream:
        if stream.read(len(MAGIC)) != MAGIC:
            raise IndexFormatError(str(path), "not a BorderOps screening index file")
        version, header_size = _HEADER_LENGTH.unpack(
            _read_exact(stream, _HEADER_LENGTH.size, path, "the header")
        )
        if version != FORMAT_VERSION:
            raise IndexFormatError(
                str(path),
                f"index format version {version}; this BorderOps reads version {FORMAT_VERSION}",
            )
        try:
            header = json.loads(_read_exact(stream, header_size, path, "the header"))
            described = [
                (s["name"], s["type"], int(s["size"]), int(s["crc"])) for s in header["sections"]
            ]
            swap = header["byteorder"] != sys.byteorder
            meta = dict(header["meta"])
        except (ValueError, KeyError, TypeError) as error:
            raise IndexFormatError(str(path), f"the header is damaged ({error})") from error
        sections: dict[str, Section] = {}
        for name, typecode, size, crc in described:
            raw = _read_exact(stream, size, path, f"section {name!r}")
            if zlib.crc32(raw) != crc:
                raise IndexFormatError(str(path), f"section {name!r} is damaged (checksum differs)")
            if typecode == "bytes":
                sections[name] = raw
                continue
            values = array(typecode)
            values.frombytes(raw)
            if swap:
                values.byteswap()
            sections[name] = values
        if stream.read(1):
            raise IndexFormatError(str(path), "unexpected bytes after the last section")
    return meta, sections
