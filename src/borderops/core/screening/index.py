"""The screening index: listed entries in compact columns, and the blocking that finds candidates.

A query is never compared with every entry. Its tokens are looked up in a vocabulary of
the listed names' tokens three ways — the token itself, every one-letter deletion of it
(typos, transpositions) and its metaphone key (spellings that sound alike); a name written
in Arabic or Hebrew letters also by its consonants — and only the
names that share the most such tokens become candidates. Document, IMO, plate and VIN
numbers are looked up exactly.

Postings are rare-first: a vocabulary token carried by a large share of the list ("mohammed",
"al") adds candidates only when the query has nothing rarer; otherwise it only counts toward
candidates already found.

For name-v2 the index also keeps pair postings: every listed name under every unordered pair
of its tokens (particles and initials left out; a name of one such token under the pair of
that token with itself). Common first names and common surnames are rarely common together,
so a pair's list of names stays short where each token's list is long. Vocabulary tokens are
also keyed by their ``sound_skeleton``, so a romanisation that bends consonants still finds
them.
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

from borderops.core.lists.types import EntityType, ListEntry, NameKind
from borderops.core.screening.normalise import (
    PARTICLES,
    consonant_skeleton,
    deletion_keys,
    normalise_identifier,
    normalise_name,
    phonetic_key,
)
from borderops.core.screening.normalise_v2 import sound_skeleton
from borderops.core.screening.store import (
    KeyMap,
    Section,
    StringColumn,
    csr,
    distinct,
    read_sections,
    stable_hash,
    write_sections,
)
from borderops.core.screening.types import IndexFormatError

# Bumped whenever normalisation or the layout changes: an older file must be rebuilt.
LAYOUT = "screening-index-v2"
_LAYOUT_BEFORE_PAIRS = "screening-index-v1"
ENTITY_TYPES = tuple(EntityType)
NAME_KINDS = tuple(NameKind)
GENDERS = ("", "M", "F")
WEAK = 1
ABJAD = 2
# A vocabulary token on more names than this adds no new candidates by itself.
MAX_POSTINGS = 2_000
# At most this many candidate names are passed on for scoring.
MAX_CANDIDATE_NAMES = 100
# Looking one name up in a posting list costs about as much as gathering this many postings.
_BISECT_COST = 20
_SIMILAR_CACHE_SIZE = 200_000
_PHONETIC = "\x01"
_SKELETON = "\x02"
_LIST_SEPARATOR = "\x1f"
_SOUND = "\x03"
# A name is put under the pairs of at most this many of its tokens (28 pairs).
MAX_PAIR_TOKENS = 8


@dataclass(frozen=True, slots=True)
class ListedFacts:
    """What the features compare, for one candidate entry (made only for close candidates)."""

    entity_type: EntityType
    birth_dates: tuple[str, ...]
    nationalities: tuple[str, ...]
    gender: str | None
    identifiers: tuple[str, ...]  # "doc:P123", "imo:9123456", "plate:…", "vin:…"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split(_LIST_SEPARATOR)) if text else ()


def entry_identifiers(entry: ListEntry) -> list[str]:
    """The exact-match keys of an entry's documents, IMO numbers, plates and VINs."""
    keys = [f"doc:{normalise_identifier(d.number)}" for d in entry.documents]
    keys += [f"imo:{normalise_identifier(n)}" for n in entry.imo_numbers]
    keys += [f"plate:{normalise_identifier(p)}" for p in entry.plates]
    keys += [f"vin:{normalise_identifier(v)}" for v in entry.vins]
    return [key for key in dict.fromkeys(keys) if not key.endswith(":")]


class _StringWriter:
    """Strings appended straight into one UTF-8 buffer: no Python object kept per string."""

    __slots__ = ("blob", "offsets")

    def __init__(self) -> None:
        self.blob = bytearray()
        self.offsets = array("q", [0])

    def append(self, value: str) -> None:
        self.blob += value.encode("utf-8")
        self.offsets.append(len(self.blob))

    def column(self) -> StringColumn:
        return StringColumn(bytes(self.blob), self.offsets)


class _Builder:
    """Accumulates entries straight into flat arrays and buffers, then packs them.

    A million entries must fit in a few hundred megabytes while they are added, so nothing
    here is a Python object per name or per entry: only the vocabulary has one per token.
    """

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.postings: list[array[int]] = []
        self.name_offsets = array("q", [0])
        self.name_tokens = array("i")
        self.name_entry = array("i")
        self.name_flags = array("B")
        self.name_texts = _StringWriter()
        self.entry_names = array("q", [0])
        self.entry_ids = _StringWriter()
        self.lists: dict[str, int] = {}
        self.entry_list = array("H")
        self.entry_type = array("B")
        self.entry_gender = array("B")
        self.entry_dates = _StringWriter()
        self.entry_nationalities = _StringWriter()
        self.entry_identifiers = _StringWriter()
        self.identifier_hashes = array("q")
        self.identifier_entries = array("i")
        self.pair_keys = array("q")
        self.pair_names = array("i")

    def _token_id(self, token: str) -> int:
        token_id = self.vocab.get(token)
        if token_id is None:
            token_id = self.vocab[token] = len(self.vocab)
            self.postings.append(array("i"))
        return token_id

    def add(self, entry: ListEntry) -> None:
        entry_number = len(self.entry_list)
        for listed in entry.names:
            name = normalise_name(listed.text, entry.entity_type)
            if not name.usable:
                continue
            name_number = len(self.name_entry)
            token_ids = [self._token_id(token) for token in name.tokens]
            for token_id in {*token_ids, *(self._token_id(c) for c in name.compounds)}:
                self.postings[token_id].append(name_number)
            self.name_tokens.extend(token_ids)
            self.name_offsets.append(len(self.name_tokens))
            self.name_entry.append(entry_number)
            self.name_flags.append(
                (WEAK if listed.weak else 0)
                | (ABJAD if name.abjad else 0)
                | (NAME_KINDS.index(listed.kind) << 2)
            )
            self.name_texts.append(listed.text)
            self._add_pairs(name_number, name.tokens, name.compounds)
        self.entry_names.append(len(self.name_entry))
        self.entry_ids.append(entry.entry_id)
        self.entry_list.append(self.lists.setdefault(entry.list_name, len(self.lists)))
        self.entry_type.append(ENTITY_TYPES.index(entry.entity_type))
        self.entry_gender.append(GENDERS.index(entry.gender) if entry.gender in GENDERS else 0)
        self.entry_dates.append(_LIST_SEPARATOR.join(entry.birth_dates))
        self.entry_nationalities.append(_LIST_SEPARATOR.join(entry.nationalities))
        identifiers = entry_identifiers(entry)
        self.entry_identifiers.append(_LIST_SEPARATOR.join(identifiers))
        for key in identifiers:
            self.identifier_hashes.append(stable_hash(key))
            self.identifier_entries.append(entry_number)

    def _add_pairs(self, name_number: int, tokens: Sequence[str], compounds: Sequence[str]) -> None:
        paired = [
            self.vocab[token]
            for token in dict.fromkeys((*tokens, *compounds))
            if len(token) > 1 and token not in PARTICLES
        ][:MAX_PAIR_TOKENS]
        if len(paired) == 1:
            paired.append(paired[0])
        for position, first in enumerate(paired):
            for second in paired[position + 1 :]:
                self.pair_keys.append(pair_key(first, second))
                self.pair_names.append(name_number)

    def sound_keys(self) -> Iterable[tuple[str, int]]:
        for token, token_id in self.vocab.items():
            skeleton = sound_skeleton(token)
            if len(skeleton) >= 2:
                for key in deletion_keys(skeleton):
                    yield _SOUND + key, token_id

    def pairs(self) -> tuple[array[int], array[int], array[int]]:
        """The pair keys (sorted, each once), their offsets, and the names under each."""
        keys = np.frombuffer(self.pair_keys, dtype=np.int64)
        # Stable, so the names under one key stay in ascending order (they were added so).
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        names = np.frombuffer(self.pair_names, dtype=np.int32)[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else order
        offsets = np.r_[starts, len(keys)].astype(np.int64)
        return (
            array("q", keys[starts].tobytes()),
            array("q", offsets.tobytes()),
            array("i", names.astype(np.int32).tobytes()),
        )

    def token_keys(self) -> Iterable[tuple[str, int]]:
        for token, token_id in self.vocab.items():
            for key in deletion_keys(token):
                yield key, token_id
            phonetic = phonetic_key(token)
            if len(phonetic) >= 2:
                yield _PHONETIC + phonetic, token_id
            skeleton = consonant_skeleton(token)
            if len(skeleton) >= 3 and not token.isdigit():
                for key in deletion_keys(skeleton):
                    yield _SKELETON + key, token_id

    def finish(self) -> ScreeningIndex:
        post_offsets, post_names = csr(self.postings)
        self.postings = []
        pair_keys, pair_offsets, pair_names = self.pairs()
        self.pair_keys, self.pair_names = array("q"), array("i")
        return ScreeningIndex(
            {
                "vocab": StringColumn.build(self.vocab),
                "token_keys": KeyMap.build(self.token_keys()),
                "post_offsets": post_offsets,
                "post_names": post_names,
                "name_offsets": self.name_offsets,
                "name_tokens": self.name_tokens,
                "name_entry": self.name_entry,
                "name_flags": self.name_flags,
                "name_text": self.name_texts.column(),
                "entry_names": self.entry_names,
                "entry_id": self.entry_ids.column(),
                "entry_list": self.entry_list,
                "entry_type": self.entry_type,
                "entry_gender": self.entry_gender,
                "entry_dates": self.entry_dates.column(),
                "entry_nationalities": self.entry_nationalities.column(),
                "entry_identifiers": self.entry_identifiers.column(),
                "identifier_keys": KeyMap.from_hashes(
                    self.identifier_hashes, self.identifier_entries
                ),
                "sound_keys": KeyMap.build(self.sound_keys()),
                "pair_keys": pair_keys,
                "pair_offsets": pair_offsets,
                "pair_names": pair_names,
            },
            list_names=list(self.lists),
        )


def build_index(entries: Iterable[ListEntry]) -> ScreeningIndex:
    """An index over ``entries``, ready to screen against."""
    builder = _Builder()
    for entry in entries:
        builder.add(entry)
    return builder.finish()


Part: TypeAlias = "StringColumn | KeyMap | array[int]"


def pair_key(first: int, second: int) -> int:
    """The pair-postings key of two vocabulary tokens, in either order."""
    if first > second:
        first, second = second, first
    return (first << 32) | second


class ScreeningIndex:
    """Listed entries packed for screening; build with ``build_index`` or ``load``."""

    def __init__(self, parts: dict[str, Part], *, list_names: list[str]) -> None:
        self._parts = parts
        self.list_names = list_names
        self.vocab = _column(parts, "vocab")
        self.token_keys = _keymap(parts, "token_keys")
        self.identifier_keys = _keymap(parts, "identifier_keys")
        self.post_offsets = _array(parts, "post_offsets")
        self.post_names = _array(parts, "post_names")
        self.name_offsets = _array(parts, "name_offsets")
        self.name_tokens = _array(parts, "name_tokens")
        self.name_entry = _array(parts, "name_entry")
        self.name_flags = _array(parts, "name_flags")
        self.name_text = _column(parts, "name_text")
        self.entry_names = _array(parts, "entry_names")
        self.entry_id = _column(parts, "entry_id")
        self.entry_list = _array(parts, "entry_list")
        self.entry_type = _array(parts, "entry_type")
        self.entry_gender = _array(parts, "entry_gender")
        self.entry_dates = _column(parts, "entry_dates")
        self.entry_nationalities = _column(parts, "entry_nationalities")
        self.entry_identifiers = _column(parts, "entry_identifiers")
        self.sound_keys = _keymap(parts, "sound_keys")
        self.pair_keys = _array(parts, "pair_keys")
        self.pair_offsets = _array(parts, "pair_offsets")
        self.pair_names = _array(parts, "pair_names")
        # Views of the same memory (no copy), for looking many pairs up at once.
        self.pair_key_view: NDArray[np.int64] = np.frombuffer(self.pair_keys, dtype=np.int64)
        self.pair_name_view: NDArray[np.int32] = np.frombuffer(self.pair_names, dtype=np.int32)
        self.post_name_view: NDArray[np.int32] = np.frombuffer(self.post_names, dtype=np.int32)
        # The only per-token Python objects: the vocabulary, for exact token lookup.
        self.tokens: list[str] = [self.vocab[i] for i in range(len(self.vocab))]
        self.token_ids: dict[str, int] = {token: i for i, token in enumerate(self.tokens)}
        # Query tokens repeat across a batch; their lookups are the same every time.
        self._similar: dict[tuple[str, bool], set[int]] = {}
        # name-v2 keeps its blocking lookup of each query token here, for the same reason.
        self.token_groups: dict[tuple[str, bool, bool], list[tuple[int, float]]] = {}
        self._initials: bytes | None = None

    # ── sizes ────────────────────────────────────────────────────────────────────────────
    @property
    def entry_count(self) -> int:
        """How many listed entries the index holds."""
        return len(self.entry_id)

    @property
    def name_count(self) -> int:
        """How many listed names (primary names and aliases) the index holds."""
        return len(self.name_entry)

    def nbytes(self) -> int:
        """Memory held by the packed columns (not counting the vocabulary dictionary)."""
        return sum(
            part.itemsize * len(part) if isinstance(part, array) else part.nbytes()
            for part in self._parts.values()
        )

    # ── reading one entry or name ────────────────────────────────────────────────────────
    def entry_name_range(self, entry: int) -> range:
        """The numbers of an entry's names."""
        return range(self.entry_names[entry], self.entry_names[entry + 1])

    def name_token_ids(self, name: int) -> array[int]:
        """The vocabulary numbers of a listed name's tokens, in order."""
        return self.name_tokens[self.name_offsets[name] : self.name_offsets[name + 1]]

    @property
    def initials(self) -> bytes:
        """The first letter of every listed name's every token, laid out like ``name_tokens``.

        Derived (not saved) on first use: ordering thousands of tied candidates reads it
        for every query, far faster than decoding their tokens.
        """
        if self._initials is None:
            first = bytes(ord(t[0]) if t and t.isascii() else 0 for t in self.tokens)
            self._initials = bytes(map(first.__getitem__, self.name_tokens))
        return self._initials

    def listed_facts(self, entry: int) -> ListedFacts:
        """The dates, nationalities, gender and identifiers of one entry."""
        gender = GENDERS[self.entry_gender[entry]]
        return ListedFacts(
            entity_type=ENTITY_TYPES[self.entry_type[entry]],
            birth_dates=_split(self.entry_dates[entry]),
            nationalities=_split(self.entry_nationalities[entry]),
            gender=gender or None,
            identifiers=_split(self.entry_identifiers[entry]),
        )

    def birth_dates(self, entry: int) -> tuple[str, ...]:
        """The birth dates of one entry, as ``listed_facts`` gives them."""
        return _split(self.entry_dates[entry])

    def list_name(self, entry: int) -> str:
        """The name of the list an entry comes from."""
        return self.list_names[self.entry_list[entry]]

    # ── blocking ─────────────────────────────────────────────────────────────────────────
    def similar_tokens(self, token: str, abjad: bool = False) -> set[int]:
        """Vocabulary tokens that may be ``token`` misspelt or spelt another way (unverified).

        For a token transliterated from Arabic or Hebrew (``abjad``), tokens with nearly the
        same consonants are looked up too.
        """
        key = (token, abjad)
        found = self._similar.get(key)
        if found is None:
            if len(self._similar) >= _SIMILAR_CACHE_SIZE:
                self._similar.clear()
            found = self._similar[key] = self._similar_tokens(token, abjad)
        # The cached set itself, not a copy: callers only read it, and a copy could iterate
        # in another order, which would reorder candidates tied at the cut.
        return found

    def _similar_tokens(self, token: str, abjad: bool) -> set[int]:
        found: set[int] = set()
        exact = self.token_ids.get(token)
        if exact is not None:
            found.add(exact)
        if token.isdigit():
            return found
        for key in deletion_keys(token):
            found.update(self.token_keys.get(key))
        phonetic = phonetic_key(token)
        if len(phonetic) >= 2:
            found.update(self.token_keys.get(_PHONETIC + phonetic))
        skeleton = consonant_skeleton(token)
        if abjad and len(skeleton) >= 3:
            for key in deletion_keys(skeleton):
                found.update(self.token_keys.get(_SKELETON + key))
        return found

    def similar_token_array(self, token: str, abjad: bool, sounds: bool) -> NDArray[np.int64]:
        """``similar_tokens`` as an array, ascending, its keys bisected all at once; with
        ``sounds``, also the tokens whose consonant sounds are (nearly) ``token``'s. Not
        cached: name-v2 keeps what it makes of them."""
        keys: list[str] = []
        exact = self.token_ids.get(token)
        if not token.isdigit():
            keys.extend(deletion_keys(token))
            phonetic = phonetic_key(token)
            if len(phonetic) >= 2:
                keys.append(_PHONETIC + phonetic)
            skeleton = consonant_skeleton(token)
            if abjad and len(skeleton) >= 3:
                keys.extend(_SKELETON + key for key in deletion_keys(skeleton))
        found = [self.token_keys.get_many(keys)] if keys else []
        if sounds:
            sound = sound_skeleton(token)
            if len(sound) >= 2:
                found.append(self.sound_keys.get_many(_SOUND + key for key in deletion_keys(sound)))
        if exact is not None:
            found.append(np.array([exact], dtype=np.int64))
        return distinct(found)

    def pair_ranges(self, keys: Sequence[int]) -> list[tuple[int, int, int]]:
        """For each of ``keys`` held, its position in ``keys`` and where in ``pair_names``
        the names under it are."""
        if not keys or not len(self.pair_key_view):
            return []
        wanted = np.fromiter(keys, dtype=np.int64, count=len(keys))
        # Sorted, the keys are looked up in order through the (large) key array, which is
        # kinder to the processor's caches than jumping about.
        order = np.argsort(wanted)
        at = np.empty_like(order)
        at[order] = np.searchsorted(self.pair_key_view, wanted[order])
        at[at >= len(self.pair_key_view)] = 0
        held = np.flatnonzero(self.pair_key_view[at] == wanted)
        offsets = self.pair_offsets
        positions = at[held].tolist()
        return [
            (k, offsets[p], offsets[p + 1]) for k, p in zip(held.tolist(), positions, strict=True)
        ]

    def postings(self, token_id: int) -> array[int]:
        """The names carrying a vocabulary token."""
        return self.post_names[self.post_offsets[token_id] : self.post_offsets[token_id + 1]]

    def candidate_names(
        self,
        groups: Sequence[Iterable[int]],
        *,
        limit: int = MAX_CANDIDATE_NAMES,
        prefer: Callable[[int], float] | None = None,
    ) -> list[int]:
        """Names sharing the most query token groups, at most ``limit``, rare tokens first.

        Each group is the set of vocabulary tokens accepted for one query token. Names tied
        at the cut are ordered by ``prefer`` (higher first) when given.
        """
        sized = []
        for group in groups:
            ids = list(group)
            size = sum(self.post_offsets[t + 1] - self.post_offsets[t] for t in ids)
            if size:
                sized.append((size, ids))
        sized.sort(key=lambda item: item[0])
        counts: Counter[int] = Counter()
        for size, ids in sized:
            if size > MAX_POSTINGS and counts:
                # Only names already counted gain: look them up in the (sorted) postings
                # rather than gathering thousands of names to intersect.
                counts.update(self._carrying(ids, counts, size))
                continue
            names: set[int] = set()
            for token_id in ids:
                names.update(self.postings(token_id))
            counts.update(names)
        if len(counts) <= limit:
            return list(counts)
        cut = heapq.nlargest(limit, counts.values())[-1]
        # Best count first, first found first among equals: what ``most_common`` gives.
        chosen = sorted(
            (name for name, count in counts.items() if count > cut),
            key=counts.__getitem__,
            reverse=True,
        )
        tied = [name for name, count in counts.items() if count == cut]
        if prefer is not None:
            # Ties beyond ten times the room left are not worth ordering one by one.
            tied = tied[: 10 * limit]
            tied.sort(key=prefer, reverse=True)
        return chosen + tied[: limit - len(chosen)]

    def _carrying(self, ids: list[int], names: Counter[int], size: int) -> set[int]:
        """Those of ``names`` that carry one of the tokens ``ids`` (``size`` postings in all)."""
        if len(names) * len(ids) * _BISECT_COST >= size:
            gathered: set[int] = set()
            for token_id in ids:
                gathered.update(self.postings(token_id))
            return gathered.intersection(names)
        offsets, post_names = self.post_offsets, self.post_names
        found = set()
        for token_id in ids:
            start, end = offsets[token_id], offsets[token_id + 1]
            for name in names:
                at = bisect_left(post_names, name, start, end)
                if at < end and post_names[at] == name:
                    found.add(name)
        return found

    def identifier_entries(self, keys: Iterable[str]) -> set[int]:
        """Entries carrying one of the exact identifier keys (``doc:…``, ``imo:…``)."""
        found: set[int] = set()
        for key in keys:
            for entry in self.identifier_keys.get(key):
                if key in _split(self.entry_identifiers[entry]):
                    found.add(entry)
        return found

    # ── saving ───────────────────────────────────────────────────────────────────────────
    def save(self, path: str | Path) -> None:
        """Write the index to ``path`` (see ``store`` for the format)."""
        sections: dict[str, Section] = {}
        for name, part in self._parts.items():
            if isinstance(part, StringColumn):
                sections[f"{name}.blob"] = part.blob
                sections[f"{name}.offsets"] = part.offsets
            elif isinstance(part, KeyMap):
                sections[f"{name}.hashes"] = part.hashes
                sections[f"{name}.values"] = part.values
            else:
                sections[name] = part
        meta: dict[str, object] = {"layout": LAYOUT, "list_names": self.list_names}
        write_sections(Path(path), meta, sections)

    @classmethod
    def load(cls, path: str | Path) -> ScreeningIndex:
        """Read an index saved by ``save``; a wrong or damaged file raises ``IndexFormatError``."""
        path = Path(path)
        meta, sections = read_sections(path)
        if meta.get("layout") == _LAYOUT_BEFORE_PAIRS:
            raise IndexFormatError(
                str(path),
                f"the index was saved in layout {_LAYOUT_BEFORE_PAIRS!r}, before name-v2's pair "
                f"postings; this BorderOps reads {LAYOUT!r}",
            )
        if meta.get("layout") != LAYOUT:
            raise IndexFormatError(
                str(path), f"index layout {meta.get('layout')!r}; this BorderOps reads {LAYOUT!r}"
            )
        list_names = meta.get("list_names")
        if not isinstance(list_names, list) or not all(isinstance(n, str) for n in list_names):
            raise IndexFormatError(str(path), "the header has no list names")
        parts: dict[str, Part] = {}
        try:
            for name in _COLUMNS:
                parts[name] = StringColumn(
                    _bytes(sections.pop(f"{name}.blob")), _ints(sections.pop(f"{name}.offsets"))
                )
            for name in _KEYMAPS:
                parts[name] = KeyMap(
                    _ints(sections.pop(f"{name}.hashes")), _ints(sections.pop(f"{name}.values"))
                )
            for name in _ARRAYS:
                parts[name] = _ints(sections.pop(name))
        except (KeyError, TypeError) as error:
            raise IndexFormatError(str(path), f"section {error} is missing or mistyped") from error
        index = cls(parts, list_names=[str(n) for n in list_names])
        _check_consistent(index, path)
        return index


_COLUMNS = (
    "vocab",
    "name_text",
    "entry_id",
    "entry_dates",
    "entry_nationalities",
    "entry_identifiers",
)
_KEYMAPS = ("token_keys", "identifier_keys", "sound_keys")
_ARRAYS = (
    "post_offsets",
    "post_names",
    "name_offsets",
    "name_tokens",
    "name_entry",
    "name_flags",
    "entry_names",
    "entry_list",
    "entry_type",
    "entry_gender",
    "pair_keys",
    "pair_offsets",
    "pair_names",
)


def _bytes(section: Section) -> bytes:
    if not isinstance(section, bytes):
        raise TypeError("blob")
    return section


def _ints(section: Section) -> array[int]:
    if isinstance(section, bytes):
        raise TypeError("array")
    return section


def _check_consistent(index: ScreeningIndex, path: Path) -> None:
    entries, names = index.entry_count, index.name_count
    checks = [
        len(index.entry_names) == entries + 1,
        len(index.name_offsets) == names + 1,
        len(index.post_offsets) == len(index.tokens) + 1,
        len(index.name_text) == names,
        all(len(a) == entries for a in (index.entry_list, index.entry_type, index.entry_gender)),
        len(index.name_flags) == names,
        len(index.pair_offsets) == len(index.pair_keys) + 1,
        not index.pair_offsets or index.pair_offsets[-1] == len(index.pair_names),
    ]
    if not all(checks):
        raise IndexFormatError(str(path), "the sections disagree about the number of entries")


def _column(parts: dict[str, Part], name: str) -> StringColumn:
    part = parts[name]
    assert isinstance(part, StringColumn)
    return part


def _keymap(parts: dict[str, Part], name: str) -> KeyMap:
    part = parts[name]
    assert isinstance(part, KeyMap)
    return part


def _array(parts: dict[str, Part], name: str) -> array[int]:
    part = parts[name]
    assert isinstance(part, array)
    return part


def load_index(path: str | Path) -> ScreeningIndex:
    """Read an index saved by ``ScreeningIndex.save``."""
    return ScreeningIndex.load(path)
