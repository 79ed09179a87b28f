"""Name similarity for name-v2: name-v1's token alignment with four changes.

- **Legal forms are names between persons, when they align.** When the subject or the
  listed entry is a person, a token such as ``pao`` (Russian ПАО) that aligns with one of
  the other name counts as agreement like any name, so the person "PAO, Hua Chiang" is
  found by "Hua PAO". Left over, it costs what noise costs, as in name-v1 ("S. A." initials
  read as ``sa``).
- **Sound tolerance.** Tokens romanised from scripts that bend consonants (Hangul, kana,
  Khmer, Indic, Arabic …) are also compared by their consonant sounds (``sound_skeleton``):
  ``beulladimileu`` ~ ``vladimir``, ``puchin`` ~ ``putin``. Latin tokens fairly alike that
  sound the same (``puchin``, ``pucin``, ``pusin`` ~ ``putin``) count as sounding alike.
- **A surname alone** matching a listed person's surname scores ``SURNAME_ONLY``: plausible,
  reported at the default threshold only when the birth date and nationality agree too.
- **A patronymic left over** ("Vladimirovich") costs what a particle costs when the other
  name has nothing left over: Russian names are often written without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import OSA

from borderops.core.screening.algorithms.name_v1.names import (
    INITIAL,
    LEFT_OVER,
    MIN_PAIR,
    SOUNDS_ALIKE,
)
from borderops.core.screening.algorithms.name_v1.names import (
    token_similarity as v1_token_similarity,
)
from borderops.core.screening.algorithms.name_v2.kernels import (
    BENT,
    COMPOUND,
    LEGAL,
    PARTICLE,
    PATRONYMIC,
    SURNAME_ONLY,
    TRUSTED_SOUNDS,
    token_similarities,
)
from borderops.core.screening.normalise import (
    PARTICLES,
    consonant_skeleton,
    is_legal_form,
    phonetic_key,
)
from borderops.core.screening.normalise_v2 import sound_skeleton

_PATRONYMIC_ENDINGS = (
    "ovich", "evich", "ovych", "evych", "ovitch", "evitch", "ovitsch", "evitsch", "ovics",
    "ovici", "ovitj", "ovitsj", "ovna", "evna", "ivna", "ovn", "ichna",
)  # fmt: skip

__all__ = [
    "INITIAL",
    "MIN_PAIR",
    "SURNAME_ONLY",
    "align",
    "is_noise",
    "token_similarity",
    "token_weight",
]


@lru_cache(maxsize=1_048_576)
def token_similarity(query: str, listed: str, abjad: bool = False, bent: bool = False) -> float:
    """How alike two tokens are (0 to 1); ``bent`` when the query's script bends consonants."""
    similarity = v1_token_similarity(query, listed, abjad)
    if similarity >= BENT or len(query) == 1 or len(listed) == 1:
        return similarity
    if bent or abjad:
        return max(similarity, _sound_similarity(query, listed))
    if 0.6 <= similarity < SOUNDS_ALIKE and min(len(query), len(listed)) >= 3:
        sound = sound_skeleton(query)
        if len(sound) >= 3 and sound == sound_skeleton(listed):
            return SOUNDS_ALIKE
    return similarity


class TokenForms:
    """What the compiled comparison reads of each vocabulary token, worked out once per
    index: the letters, consonant skeletons and sound skeletons as code points end to end,
    metaphone and sound keys numbered (compared for equality only), and each token's kind.
    """

    __slots__ = (
        "digits",
        "flags",
        "lengths",
        "letter_starts",
        "letters",
        "phonetic",
        "phonetic_codes",
        "skeleton_starts",
        "skeletons",
        "sound",
        "sound_codes",
        "sound_starts",
        "sounds",
        "tokens",
    )

    def __init__(self, tokens: Sequence[str]) -> None:
        count = len(tokens)
        self.tokens = tokens
        self.lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=count)
        self.digits = np.fromiter(map(str.isdigit, tokens), dtype=bool, count=count)
        self.flags = np.fromiter(map(token_flags, tokens), dtype=np.int64, count=count)
        self.letters, self.letter_starts = end_to_end(tokens)
        self.skeletons, self.skeleton_starts = end_to_end(list(map(consonant_skeleton, tokens)))
        sounds = list(map(sound_skeleton, tokens))
        self.sounds, self.sound_starts = end_to_end(sounds)
        self.phonetic: dict[str, int] = {}
        self.phonetic_codes = _codes(map(phonetic_key, tokens), self.phonetic)
        self.sound: dict[str, int] = {}
        self.sound_codes = _codes(sounds, self.sound)


def _codes(keys: Iterable[str], numbers: dict[str, int]) -> NDArray[np.int64]:
    return np.array([numbers.setdefault(key, len(numbers)) for key in keys], dtype=np.int64)


def code_points(text: str) -> NDArray[np.int32]:
    """The text as an array of code points (lone surrogates kept, as Python's ``str``)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.int32)


def end_to_end(texts: Sequence[str]) -> tuple[NDArray[np.int32], NDArray[np.int64]]:
    """The texts' code points one after the other, and where each text starts (and the
    last ends)."""
    starts = np.array([0, *accumulate(map(len, texts))], dtype=np.int64)
    return code_points("".join(texts)), starts


@lru_cache(maxsize=65_536)
def token_flags(token: str) -> int:
    """What the kernels need to know of a token's kind: particle, legal form, patronymic."""
    flags = PARTICLE if token in PARTICLES else 0
    if is_legal_form(token):
        flags |= LEGAL
    if is_patronymic(token):
        flags |= PATRONYMIC
    return flags


class Probe(NamedTuple):
    """Query tokens as the kernels compare them with the vocabulary's (see
    ``kernels.token_similarities``): letters, consonant skeletons and sound skeletons as
    code points end to end, where each begins, and four keys per token."""

    codes: NDArray[np.int32]
    starts: NDArray[np.int64]
    keys: NDArray[np.int64]


def probe(tokens: Sequence[str], forms: TokenForms) -> Probe:
    """``tokens`` laid out for comparison with ``forms``' vocabulary."""
    skeletons = [consonant_skeleton(token) for token in tokens]
    sounds = [sound_skeleton(token) for token in tokens]
    strings = (*tokens, *skeletons, *sounds)
    phonetic, sound = forms.phonetic, forms.sound
    return Probe(
        code_points("".join(strings)),
        np.array([0, *accumulate(map(len, strings))], dtype=np.int64),
        np.array(
            [
                *[phonetic.get(phonetic_key(token), -1) for token in tokens],
                *[sound.get(key, -1) for key in sounds],
                *[token.isdigit() for token in tokens],
                *map(token_flags, tokens),
            ],
            dtype=np.int64,
        ),
    )


def vocabulary(forms: TokenForms) -> tuple[NDArray[Any], ...]:
    """The vocabulary's arrays, in the order the kernels read them."""
    return (
        forms.letters,
        forms.letter_starts,
        forms.digits,
        forms.phonetic_codes,
        forms.skeletons,
        forms.skeleton_starts,
        forms.sounds,
        forms.sound_starts,
        forms.sound_codes,
        forms.flags,
    )


def similarity_matrix(
    query: Probe,
    ids: NDArray[np.int64],
    abjad: NDArray[np.bool_],
    bent: bool,
    forms: TokenForms,
) -> NDArray[np.float64]:
    """``token_similarity`` of each query token (rows) with each vocabulary token of
    ``ids`` (columns), each pair compared as abjad letters where ``abjad`` says so."""
    sims: NDArray[np.float64] = token_similarities(
        tuple(query), ids, abjad, bent, vocabulary(forms)
    )
    return sims


def similarity_row(
    query: str,
    ids: Sequence[int] | NDArray[np.int64],
    forms: TokenForms,
    abjad: bool,
    bent: bool,
) -> NDArray[np.float64]:
    """``token_similarity(query, token, abjad, bent)`` for each vocabulary token of ``ids``,
    worked out in one compiled pass: a query in a script that bends consonants may sound
    like hundreds of tokens."""
    numbers = np.asarray(ids, dtype=np.int64)
    kinds = np.full(len(numbers), abjad)
    row: NDArray[np.float64] = similarity_matrix(
        probe([query], forms), numbers, kinds, bent, forms
    )[0]
    return row


def most_similar(
    query: str,
    ids: Sequence[int] | NDArray[np.int64],
    forms: TokenForms,
    abjad: bool,
    bent: bool,
    room: int,
) -> list[tuple[int, float]]:
    """The ``room`` vocabulary tokens of ``ids`` most like ``query`` and at least
    ``MIN_PAIR`` alike, most alike first (ties: lowest number first)."""
    row = similarity_row(query, ids, forms, abjad, bent)
    numbers = np.asarray(ids, dtype=np.int64)
    order = np.lexsort((numbers, -row))[:room]
    order = order[row[order] >= MIN_PAIR]
    return list(zip(numbers[order].tolist(), row[order].tolist(), strict=True))


def _sound_similarity(query: str, listed: str) -> float:
    """Similarity by consonant sounds, trusted alone only for four consonants or more.

    Three consonant classes ("ptn") are shared by too many unrelated names (``aviacion``),
    so short skeletons also need the letters to agree in part.
    """
    sounds = sound_skeleton(query), sound_skeleton(listed)
    shortest = min(map(len, sounds))
    if shortest < 2:
        return 0.0
    similarity = OSA.normalized_similarity(*sounds)
    if shortest < TRUSTED_SOUNDS:
        similarity *= 0.6 + 0.4 * OSA.normalized_similarity(query, listed)
    return BENT * similarity


@lru_cache(maxsize=65_536)
def is_noise(token: str, person: bool) -> bool:
    """The token cannot match alone: a particle, or between non-persons a legal form."""
    return token in PARTICLES or (not person and is_legal_form(token))


@lru_cache(maxsize=65_536)
def token_weight(token: str, person: bool) -> float:
    """How much a token says about who is named: its length within 2..10; particles weigh 1."""
    if is_noise(token, person):
        return 0.5 if is_legal_form(token) else 1.0
    return float(min(max(len(token), 2), 10))


@lru_cache(maxsize=65_536)
def is_patronymic(token: str) -> bool:
    """The token is an East Slavic style patronymic ("vladimirovich", "ivanovna")."""
    return len(token) >= 7 and token.endswith(_PATRONYMIC_ENDINGS)


def align(
    query: Sequence[str],
    listed: Sequence[str],
    rows: Sequence[Sequence[float]],
    person: bool,
) -> float:
    """The token-alignment score of two names, given each query row of pair similarities."""
    pairs = sorted(
        (
            (similarity, i, j)
            for i, row in enumerate(rows)
            for j, similarity in enumerate(row)
            if similarity >= MIN_PAIR and not _initial_for_surname(query, listed, i, j)
        ),
        reverse=True,
    )
    free_query = set(range(len(query)))
    free_listed = set(range(len(listed)))
    gained = weight = 0.0
    aligned = 0
    for similarity, i, j in pairs:
        if i in free_query and j in free_listed:
            free_query.discard(i)
            free_listed.discard(j)
            pair_weight = max(token_weight(query[i], person), token_weight(listed[j], person))
            gained += similarity * pair_weight
            weight += pair_weight
            both_noise = is_noise(query[i], person) and is_noise(listed[j], person)
            aligned += 0 if both_noise else 1
    if free_query and free_listed:
        for similarity, pair_weight, used_q, used_l in _compounds(
            query, listed, free_query, free_listed, person
        ):
            if used_q <= free_query and used_l <= free_listed:
                free_query -= used_q
                free_listed -= used_l
                gained += similarity * pair_weight
                weight += pair_weight
                aligned += 2
    if not aligned:
        return 0.0
    # Left over, a legal form is noise even between persons ("S. A." read as "sa"); only
    # aligned does it count as a name ("PAO" ~ "Pao").
    left_query = [query[i] for i in free_query]
    left_listed = [listed[j] for j in free_listed]
    real_query = [t for t in left_query if not is_noise(t, False)]
    real_listed = [t for t in left_listed if not is_noise(t, False)]
    conflict = bool(real_query) and bool(real_listed)
    noise = sum(token_weight(t, False) for t in (*left_query, *left_listed) if is_noise(t, False))
    if not conflict:
        # A patronymic left over on one side only is no more telling than a particle.
        noise += sum(1.0 for t in (*real_query, *real_listed) if is_patronymic(t))
        real_query = [t for t in real_query if not is_patronymic(t)]
        real_listed = [t for t in real_listed if not is_patronymic(t)]
    left = sum(token_weight(t, False) for t in (*real_query, *real_listed))
    penalty = LEFT_OVER * noise + (LEFT_OVER * left if aligned >= 2 and not conflict else left)
    return gained / (weight + penalty)


def ceiling(
    query: Sequence[str],
    listed: Sequence[str],
    rows: Sequence[Sequence[float]],
    person: bool,
) -> float:
    """An upper bound of ``align``'s score, from which tokens have a partner at all.

    Aligned pairs weigh at most the heavier token a query token could pair with and agree
    at most fully; tokens without any partner are left over whatever ``align`` pairs. Where
    left-over tokens could join into compounds, there is no bound (1).
    """
    partnered = [False] * len(listed)
    most = 0.0
    alone_query = []
    for i, row in enumerate(rows):
        heaviest = 0.0
        for j, similarity in enumerate(row):
            if similarity >= MIN_PAIR:
                partnered[j] = True
                heaviest = max(heaviest, token_weight(listed[j], person))
        if heaviest:
            most += max(token_weight(query[i], person), heaviest)
        else:
            alone_query.append(i)
    alone_listed = [j for j, found in enumerate(partnered) if not found]
    if alone_query and alone_listed and (_adjacent(alone_query) or _adjacent(alone_listed)):
        return 1.0
    if not most:
        return 0.0
    left_query = [query[i] for i in alone_query]
    left_listed = [listed[j] for j in alone_listed]
    real_query = [t for t in left_query if not is_noise(t, False)]
    real_listed = [t for t in left_listed if not is_noise(t, False)]
    conflict = bool(real_query) and bool(real_listed)
    noise = sum(token_weight(t, False) for t in (*left_query, *left_listed) if is_noise(t, False))
    patronymics = (
        0.0 if conflict else sum(1.0 for t in (*real_query, *real_listed) if is_patronymic(t))
    )
    left = sum(
        token_weight(t, False)
        for t in (*real_query, *real_listed)
        if conflict or not is_patronymic(t)
    )
    penalty = LEFT_OVER * (noise + patronymics) + (left if conflict else LEFT_OVER * left)
    return most / (most + penalty)


def _adjacent(positions: Sequence[int]) -> bool:
    return any(b == a + 1 for a, b in pairwise(positions))


def surname_only(
    query: Sequence[str], listed: Sequence[str], rows: Sequence[Sequence[float]]
) -> float:
    """A query of one token against a listed person's surname (their name's last token)."""
    if len(query) != 1 or len(query[0]) == 1 or len(listed) < 2:
        return 0.0
    similarity = rows[0][-1]
    return SURNAME_ONLY * similarity if similarity >= MIN_PAIR else 0.0


def _initial_for_surname(query: Sequence[str], listed: Sequence[str], i: int, j: int) -> bool:
    """An initial stands for a given name: it never aligns with the last (family) name."""
    if len(query[i]) == 1 and len(listed[j]) > 1:
        return j == len(listed) - 1 and len(listed) > 1
    if len(listed[j]) == 1 and len(query[i]) > 1:
        return i == len(query) - 1 and len(query) > 1
    return False


def _compounds(
    query: Sequence[str],
    listed: Sequence[str],
    free_query: set[int],
    free_listed: set[int],
    person: bool,
) -> list[tuple[float, float, set[int], set[int]]]:
    """Adjacent left-over tokens on one side that join into a left-over token of the other."""
    found = []
    for side, other, free_side, free_other, flip in (
        (query, listed, free_query, free_listed, False),
        (listed, query, free_listed, free_query, True),
    ):
        for k in sorted(free_side):
            if k + 1 not in free_side:
                continue
            joined = side[k] + side[k + 1]
            for m in free_other:
                similarity = OSA.normalized_similarity(joined, other[m])
                if similarity >= COMPOUND:
                    pair = {k, k + 1}, {m}
                    used_q, used_l = (pair[1], pair[0]) if flip else pair
                    found.append((similarity, token_weight(joined, person), used_q, used_l))
    found.sort(key=lambda item: item[0], reverse=True)
    return found
