"""name-v2's hot loops compiled with numba: comparing one query with all its candidates.

A query of a batch of millions meets about twenty candidate names, each of a few tokens:
written in Python, the alignment of those small matrices cost more than everything else a
query does (1M × 1M took 18–25 minutes on two cores). Here the same arithmetic runs over
arrays, step for step as in ``names`` and name-v1's features (whose Python functions stay
the reference: the tests compare the two on every path); blocking, whose Python version it
replaced, is held to the same hits by the screening tests.

Strings are arrays of code points (``int32``): a query's tokens, and the index's vocabulary
laid end to end with start offsets. Similarities follow rapidfuzz's normalised OSA
(``1 - distance / longer length``, 0 under a cutoff); the tests hold the two equal.

Nothing here is hand-rolled for want of a library: rapidfuzz computes one distance at a
time from Python, which is exactly the per-call cost these kernels remove.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numba import njit
from numpy.typing import NDArray

from borderops.core.screening.algorithms.name_v1.names import (
    _JOINED_SLACK,
    _SKELETON_CUTOFF,
    INITIAL,
    LEFT_OVER,
    MIN_JOINED,
    MIN_PAIR,
    SOUNDS_ALIKE,
)

# Token flags (``token_flags``).
PARTICLE = 1
LEGAL = 2
PATRONYMIC = 4
# What a kernel asks of Python for one name: nothing, or the whole name in Python (a
# compound found, whose joined token's weight needs the legal-form test).
EXACT = 0
IN_PYTHON = 1

# name-v2's own weights; the rest are name-v1's (numba reads them as constants).
# A token from a script that bends consonants is at least this share of its sound
# skeleton's similarity to the listed token.
BENT = 0.95
# What a query of a surname alone scores against a listed person with that surname.
SURNAME_ONLY = 0.6
# Sound skeletons of at least this many consonants are compared without the letters.
TRUSTED_SOUNDS = 4
# A match on the names written without spaces counts for this share of its similarity.
JOINED = 0.97
# Two adjacent left-over tokens joining into one at least this alike are a compound.
COMPOUND = 0.85
_DEVOWELLED = np.array([ord(c) for c in "aeiouyhwv"], dtype=np.int32)


@njit(cache=True, nogil=True)
def osa_distance(a: np.ndarray, b: np.ndarray) -> int:  # pragma: no cover - compiled
    """Optimal string alignment distance: edits, a swap of neighbours counting one."""
    return _osa_distance(a, b, np.empty(3 * (len(b) + 1), dtype=np.int64))


@njit(cache=True, nogil=True)
def _osa_distance(a: np.ndarray, b: np.ndarray, work: np.ndarray) -> int:  # pragma: no cover
    """``osa_distance`` in ``work``, at least three times ``len(b) + 1`` long: the three
    rows of the table it needs, allocated once per batch of comparisons."""
    n, m = len(a), len(b)
    if n == 0:
        return m
    if m == 0:
        return n
    width = m + 1
    before, previous, current = 0, width, 2 * width
    for j in range(width):
        work[previous + j] = j
    for i in range(1, n + 1):
        work[current] = i
        for j in range(1, width):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(
                work[previous + j] + 1, work[current + j - 1] + 1, work[previous + j - 1] + cost
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, work[before + j - 2] + 1)
            work[current + j] = best
        before, previous, current = previous, current, before
    return int(work[previous + m])


@njit(cache=True, nogil=True)
def osa_similarity(a: np.ndarray, b: np.ndarray, cutoff: float) -> float:  # pragma: no cover
    """rapidfuzz's ``OSA.normalized_similarity(a, b, score_cutoff=cutoff)``."""
    return _osa_similarity(a, b, cutoff, np.empty(3 * (len(b) + 1), dtype=np.int64))


@njit(cache=True, nogil=True)
def _osa_similarity(
    a: np.ndarray, b: np.ndarray, cutoff: float, work: np.ndarray
) -> float:  # pragma: no cover - compiled
    longest = max(len(a), len(b))
    similarity = 1.0 if longest == 0 else 1.0 - _osa_distance(a, b, work) / longest
    return similarity if similarity >= cutoff else 0.0


@njit(cache=True, nogil=True)
def _room(work: np.ndarray, b: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """``work``, or a larger buffer if ``b`` needs one."""
    if len(work) < 3 * (len(b) + 1):
        return np.empty(6 * (len(b) + 1), dtype=np.int64)
    return work


@njit(cache=True, nogil=True)
def pattern(
    text: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """For ``osa_bits``: where each character occurs in ``text`` (at most 64 long), as bit
    masks; ASCII in a table, other characters listed."""
    table = np.zeros(128, dtype=np.uint64)
    chars = np.empty(len(text), dtype=np.int32)
    masks = np.zeros(len(text), dtype=np.uint64)
    count = 0
    for position in range(len(text)):
        bit = np.uint64(1) << np.uint64(position)
        c = text[position]
        if 0 <= c < 128:
            table[c] |= bit
            continue
        seen = False
        for k in range(count):
            if chars[k] == c:
                masks[k] |= bit
                seen = True
                break
        if not seen:
            chars[count] = c
            masks[count] = bit
            count += 1
    return table, chars[:count], masks[:count]


@njit(cache=True, nogil=True)
def osa_bits(
    table: np.ndarray, chars: np.ndarray, masks: np.ndarray, length: int, text: np.ndarray
) -> int:  # pragma: no cover - compiled
    """The OSA distance of a pattern (``pattern`` of a string of ``length`` ≤ 64) and
    ``text``, a column of the table at a time in one machine word (Hyyrö 2003, as
    rapidfuzz computes it): several times faster than the table for names' tokens."""
    return _osa_bits(table, chars, masks, length, text, 0, len(text))


# Inlined where called: the kernels call it for every pair of tokens, and a call with array
# arguments costs as much as the work.
@njit(cache=True, nogil=True, inline="always")
def _osa_bits(
    table: np.ndarray,
    chars: np.ndarray,
    masks: np.ndarray,
    length: int,
    codes: np.ndarray,
    start: int,
    end: int,
) -> int:  # pragma: no cover - compiled
    """``osa_bits`` of the text ``codes[start:end]``."""
    if length == 0:
        return end - start
    if end == start:
        return length
    zero, one = np.uint64(0), np.uint64(1)
    vp, vn, d0, before = ~zero, zero, zero, zero
    distance = length
    shift = np.uint64(length - 1)
    for position in range(start, end):
        c = codes[position]
        if 0 <= c < 128:
            pm = table[c]
        else:
            pm = zero
            for k in range(len(chars)):
                if chars[k] == c:
                    pm = masks[k]
                    break
        swapped = ((~d0 & pm) << one) & before
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn | swapped
        hp = vn | ~(d0 | vp)
        hn = d0 & vp
        distance += int((hp >> shift) & one) - int((hn >> shift) & one)
        hp = (hp << one) | one
        hn = hn << one
        vp = hn | ~(d0 | hp)
        vn = hp & d0
        before = pm
    return distance


@njit(cache=True, nogil=True, inline="always")
def _similarity_to(
    table: np.ndarray,
    chars: np.ndarray,
    masks: np.ndarray,
    query: np.ndarray,
    codes: np.ndarray,
    start: int,
    end: int,
    work: np.ndarray,
) -> float:  # pragma: no cover - compiled
    """``osa_similarity(query, codes[start:end], 0)``, by bits when the query fits a word."""
    longest = max(len(query), end - start)
    if longest == 0:
        return 1.0
    if len(query) <= 64:
        distance = _osa_bits(table, chars, masks, len(query), codes, start, end)
    else:
        text = codes[start:end]
        distance = _osa_distance(query, text, _room(work, text))
    return 1.0 - distance / longest


@njit(cache=True, nogil=True)
def skeleton(token: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    """``consonant_skeleton``: vowels, h, w, v, y dropped, doubled letters single."""
    kept = np.empty(len(token), dtype=np.int32)
    count = 0
    for c in token:
        vowel = False
        for v in _DEVOWELLED:
            if c == v:
                vowel = True
                break
        if not vowel:
            kept[count] = c
            count += 1
    single = np.empty(count, dtype=np.int32)
    size = 0
    for k in range(count):
        # The regex's "." does not match a newline: doubled newlines stay doubled.
        if size == 0 or kept[k] != single[size - 1] or kept[k] == 0x0A:
            single[size] = kept[k]
            size += 1
    if size == 0:
        return token.copy()
    return single[:size].copy()


@njit(cache=True, nogil=True)
def _token_similarities(
    probe: tuple[np.ndarray, np.ndarray, np.ndarray],
    ids: np.ndarray,
    abjad: np.ndarray,
    bent: bool,
    vocabulary: tuple[np.ndarray, ...],
) -> np.ndarray:  # pragma: no cover - compiled
    """``names.token_similarity(query, token, abjad, bent)`` of each query token (rows)
    with each vocabulary token of ``ids`` (columns), step for step.

    The query's tokens come as ``names.Probe`` lays them out: for ``q`` tokens, ``codes``
    holds their letters, then their consonant skeletons, then their sound skeletons,
    ``starts`` where
    each of those ``3q`` strings begins (and the last ends); ``keys`` their metaphone keys,
    sound keys (numbered as the vocabulary's; -1 if no vocabulary token has it), whether
    they are digits, and their ``token_flags``. The vocabulary comes as
    ``names.vocabulary`` lays it out. ``abjad`` says, for each of ``ids``, whether the pair
    is compared as abjad letters. A token met twice is compared once.
    """
    codes, starts, keys = probe
    v_letters, v_letter_starts, v_digits, v_phonetic = vocabulary[:4]
    v_skeletons, v_skeleton_starts, v_sounds, v_sound_starts, v_sound_key = vocabulary[4:9]
    rows = (len(starts) - 1) // 3
    sims = np.empty((rows, len(ids)), dtype=np.float64)
    order = np.argsort(ids * 2 + abjad, kind="mergesort")
    work = np.empty(3 * 32, dtype=np.int64)
    for i in range(rows):
        query = codes[starts[i] : starts[i + 1]]
        query_skeleton = codes[starts[rows + i] : starts[rows + i + 1]]
        query_sound = codes[starts[2 * rows + i] : starts[2 * rows + i + 1]]
        phonetic, sound_key, digits = keys[i], keys[rows + i], keys[2 * rows + i]
        length = len(query)
        letters_table, letters_chars, letters_masks = pattern(query[:64])
        skeleton_table, skeleton_chars, skeleton_masks = pattern(query_skeleton[:64])
        sound_table, sound_chars, sound_masks = pattern(query_sound[:64])
        last = -1
        for position in range(len(ids)):
            k = order[position]
            if last >= 0 and ids[k] == ids[last] and abjad[k] == abjad[last]:
                sims[i, k] = sims[i, last]
                continue
            last = k
            t = ids[k]
            token = v_letters[v_letter_starts[t] : v_letter_starts[t + 1]]
            token_length = len(token)
            if length == 1:
                # An initial: the same letter, or a full token starting with it.
                if token_length == 1 and token[0] == query[0]:
                    sims[i, k] = 1.0
                else:
                    sims[i, k] = INITIAL if token[0] == query[0] else 0.0
                continue
            alike = _similarity_to(
                letters_table,
                letters_chars,
                letters_masks,
                query,
                v_letters,
                v_letter_starts[t],
                v_letter_starts[t + 1],
                work,
            )
            shortest = min(token_length, length)
            similarity = alike
            if 0.6 <= similarity < SOUNDS_ALIKE and shortest >= 3 and v_phonetic[t] == phonetic:
                similarity = SOUNDS_ALIKE
            if abjad[k] and similarity < SOUNDS_ALIKE:
                consonants = 0.95 * _similarity_to(
                    skeleton_table,
                    skeleton_chars,
                    skeleton_masks,
                    query_skeleton,
                    v_skeletons,
                    v_skeleton_starts[t],
                    v_skeleton_starts[t + 1],
                    work,
                )
                similarity = max(similarity, consonants)
            if digits or v_digits[t]:
                similarity = 0.0
            if token_length == 1:
                similarity = INITIAL if query[0] == token[0] else 0.0
            if alike == 1.0:
                similarity = 1.0
            open_ = similarity < BENT and token_length > 1
            if bent or abjad[k]:
                sound_start, sound_end = v_sound_starts[t], v_sound_starts[t + 1]
                sound_length = sound_end - sound_start
                sound_shortest = min(sound_length, len(query_sound))
                sound_longest = max(sound_length, len(query_sound))
                # The sounds' similarity is at most one less their lengths' difference over
                # the longer: when that cannot raise the similarity, it need not be measured.
                most = (
                    BENT * (1.0 - (sound_longest - sound_shortest) / sound_longest)
                    if sound_longest
                    else BENT
                )
                if open_ and sound_shortest >= 2 and most > similarity:
                    sound = _similarity_to(
                        sound_table,
                        sound_chars,
                        sound_masks,
                        query_sound,
                        v_sounds,
                        sound_start,
                        sound_end,
                        work,
                    )
                    if sound_shortest < TRUSTED_SOUNDS:
                        sound *= 0.6 + 0.4 * alike
                    sound = BENT * sound
                    if sound_shortest < 2:
                        sound = 0.0
                    similarity = max(similarity, sound)
            elif (
                len(query_sound) >= 3
                and open_
                and 0.6 <= similarity < SOUNDS_ALIKE
                and shortest >= 3
                and v_sound_key[t] == sound_key
            ):
                similarity = SOUNDS_ALIKE
            sims[i, k] = similarity
    return sims


@njit(cache=True, nogil=True)
def _is_noise(flag: int, person: bool) -> bool:  # pragma: no cover - compiled
    return (flag & PARTICLE) != 0 or (not person and (flag & LEGAL) != 0)


@njit(cache=True, nogil=True)
def _weight(flag: int, length: int, person: bool) -> float:  # pragma: no cover - compiled
    """``names.token_weight``."""
    if _is_noise(flag, person):
        return 0.5 if (flag & LEGAL) != 0 else 1.0
    return float(min(max(length, 2), 10))


@njit(cache=True, nogil=True)
def _initial_for_surname(
    query_length: int, listed_length: int, q: int, width: int, i: int, j: int
) -> bool:  # pragma: no cover - compiled
    """``names._initial_for_surname`` from token lengths and counts."""
    if query_length == 1 and listed_length > 1:
        return j == width - 1 and width > 1
    if listed_length == 1 and query_length > 1:
        return i == q - 1 and q > 1
    return False


@njit(cache=True, nogil=True)
def _adjacent(free: np.ndarray) -> bool:  # pragma: no cover - compiled
    # A loop, not ``any`` over a generator: numba compiles loops far better.
    for k in range(len(free) - 1):  # noqa: SIM110
        if free[k] and free[k + 1]:
            return True
    return False


@njit(cache=True, nogil=True)
def _left_over_penalty(
    free_query: np.ndarray,
    free_listed: np.ndarray,
    q_flags: np.ndarray,
    q_lengths: np.ndarray,
    l_flags: np.ndarray,
    l_lengths: np.ndarray,
) -> tuple[float, float, bool, float]:  # pragma: no cover - compiled
    """Left-over noise, real tokens' weight, whether both sides have real tokens left, and
    the patronymics among them, as ``names.align`` and ``names.ceiling`` count them."""
    real_query = real_listed = False
    noise = 0.0
    for i in range(len(free_query)):
        if free_query[i]:
            if _is_noise(q_flags[i], False):
                noise += _weight(q_flags[i], q_lengths[i], False)
            else:
                real_query = True
    for j in range(len(free_listed)):
        if free_listed[j]:
            if _is_noise(l_flags[j], False):
                noise += _weight(l_flags[j], l_lengths[j], False)
            else:
                real_listed = True
    conflict = real_query and real_listed
    left = 0.0
    patronymics = 0.0
    for side in range(2):
        free = free_query if side == 0 else free_listed
        flags = q_flags if side == 0 else l_flags
        lengths = q_lengths if side == 0 else l_lengths
        for k in range(len(free)):
            if free[k] and not _is_noise(flags[k], False):
                if not conflict and (flags[k] & PATRONYMIC) != 0:
                    patronymics += 1.0
                else:
                    left += _weight(flags[k], lengths[k], False)
    return noise, left, conflict, patronymics


@njit(cache=True, nogil=True)
def _ceiling(
    rows: np.ndarray,
    q_flags: np.ndarray,
    q_lengths: np.ndarray,
    l_flags: np.ndarray,
    l_lengths: np.ndarray,
    person: bool,
) -> float:  # pragma: no cover - compiled
    """``names.ceiling``."""
    q, width = rows.shape
    free_query = np.zeros(q, dtype=np.bool_)
    free_listed = np.ones(width, dtype=np.bool_)
    most = 0.0
    alone_query = False
    for i in range(q):
        heaviest = 0.0
        for j in range(width):
            if rows[i, j] >= MIN_PAIR:
                free_listed[j] = False
                heaviest = max(heaviest, _weight(l_flags[j], l_lengths[j], person))
        if heaviest:
            most += max(_weight(q_flags[i], q_lengths[i], person), heaviest)
        else:
            free_query[i] = True
            alone_query = True
    alone_listed = False
    for j in range(width):
        alone_listed = alone_listed or free_listed[j]
    if alone_query and alone_listed and (_adjacent(free_query) or _adjacent(free_listed)):
        return 1.0
    if not most:
        return 0.0
    noise, left, conflict, patronymics = _left_over_penalty(
        free_query, free_listed, q_flags, q_lengths, l_flags, l_lengths
    )
    if conflict:
        penalty = LEFT_OVER * (noise + patronymics) + left
    else:
        penalty = LEFT_OVER * (noise + patronymics) + LEFT_OVER * left
    return most / (most + penalty)


@njit(cache=True, nogil=True)
def _joined_tokens(
    codes: np.ndarray, starts: np.ndarray, ids: np.ndarray
) -> np.ndarray:  # pragma: no cover - compiled
    """The vocabulary tokens ``ids`` written one after the other."""
    size = 0
    for t in ids:
        size += starts[t + 1] - starts[t]
    joined = np.empty(size, dtype=np.int32)
    at = 0
    for t in ids:
        for c in codes[starts[t] : starts[t + 1]]:
            joined[at] = c
            at += 1
    return joined


@njit(cache=True, nogil=True)
def _compound_found(
    side_codes: np.ndarray,
    side_starts: np.ndarray,
    side_ids: np.ndarray,
    free_side: np.ndarray,
    other_codes: np.ndarray,
    other_starts: np.ndarray,
    other_ids: np.ndarray,
    free_other: np.ndarray,
) -> bool:  # pragma: no cover - compiled
    """Two adjacent left-over tokens of one side join into a left-over token of the other
    (``names._compounds``)."""
    pair = np.empty(2, dtype=np.int64)
    for k in range(len(free_side) - 1):
        if not (free_side[k] and free_side[k + 1]):
            continue
        pair[0] = side_ids[k]
        pair[1] = side_ids[k + 1]
        joined = _joined_tokens(side_codes, side_starts, pair)
        for m in range(len(free_other)):
            if free_other[m]:
                t = other_ids[m]
                token = other_codes[other_starts[t] : other_starts[t + 1]]
                if osa_similarity(joined, token, 0.0) >= COMPOUND:
                    return True
    return False


@njit(cache=True, nogil=True)
def _align(
    rows: np.ndarray,
    q_flags: np.ndarray,
    q_lengths: np.ndarray,
    q_codes: np.ndarray,
    q_starts: np.ndarray,
    l_flags: np.ndarray,
    l_lengths: np.ndarray,
    v_codes: np.ndarray,
    v_starts: np.ndarray,
    listed_ids: np.ndarray,
    person: bool,
) -> tuple[float, bool]:  # pragma: no cover - compiled
    """``names.align``, and whether a compound was found (then only Python can weigh it)."""
    q, width = rows.shape
    free_query = np.ones(q, dtype=np.bool_)
    free_listed = np.ones(width, dtype=np.bool_)
    gained = weight = 0.0
    aligned = 0
    # The best pair left, ties to the later query token and then the later listed one: the
    # order of Python's sort of (similarity, i, j), highest first.
    while True:
        best = -1.0
        best_i = best_j = -1
        for i in range(q - 1, -1, -1):
            if not free_query[i]:
                continue
            for j in range(width - 1, -1, -1):
                similarity = rows[i, j]
                if (
                    free_listed[j]
                    and similarity >= MIN_PAIR
                    and similarity > best
                    and not _initial_for_surname(q_lengths[i], l_lengths[j], q, width, i, j)
                ):
                    best, best_i, best_j = similarity, i, j
        if best_i < 0:
            break
        free_query[best_i] = False
        free_listed[best_j] = False
        pair_weight = max(
            _weight(q_flags[best_i], q_lengths[best_i], person),
            _weight(l_flags[best_j], l_lengths[best_j], person),
        )
        gained += best * pair_weight
        weight += pair_weight
        if not (_is_noise(q_flags[best_i], person) and _is_noise(l_flags[best_j], person)):
            aligned += 1
    any_query = any_listed = False
    for i in range(q):
        any_query = any_query or free_query[i]
    for j in range(width):
        any_listed = any_listed or free_listed[j]
    if any_query and any_listed:
        query_ids = np.arange(q).astype(np.int64)
        if _compound_found(
            q_codes, q_starts, query_ids, free_query, v_codes, v_starts, listed_ids, free_listed
        ) or _compound_found(
            v_codes, v_starts, listed_ids, free_listed, q_codes, q_starts, query_ids, free_query
        ):
            return 0.0, True
    if not aligned:
        return 0.0, False
    noise, left, conflict, patronymics = _left_over_penalty(
        free_query, free_listed, q_flags, q_lengths, l_flags, l_lengths
    )
    noise += patronymics
    if aligned >= 2 and not conflict:
        penalty = LEFT_OVER * noise + LEFT_OVER * left
    else:
        penalty = LEFT_OVER * noise + left
    return gained / (weight + penalty), False


@njit(cache=True, nogil=True)
def _less(a: np.ndarray, b: np.ndarray) -> bool:  # pragma: no cover - compiled
    """``a < b`` for strings as code points (Python's order of ``str``)."""
    for k in range(min(len(a), len(b))):
        if a[k] != b[k]:
            return bool(a[k] < b[k])
    return len(a) < len(b)


@njit(cache=True, nogil=True)
def _sorted_ids(codes: np.ndarray, starts: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``ids`` in the order of their tokens' text (insertion sort: names are short)."""
    ordered = ids.copy()
    for k in range(1, len(ordered)):
        t = ordered[k]
        token = codes[starts[t] : starts[t + 1]]
        m = k - 1
        while m >= 0 and _less(token, codes[starts[ordered[m]] : starts[ordered[m] + 1]]):
            ordered[m + 1] = ordered[m]
            m -= 1
        ordered[m + 1] = t
    return ordered


@njit(cache=True, nogil=True)
def _joined_similarity(
    joined_query: np.ndarray,
    sorted_query: np.ndarray,
    v_codes: np.ndarray,
    v_starts: np.ndarray,
    listed_ids: np.ndarray,
    abjad: bool,
) -> float:  # pragma: no cover - compiled
    """``name_v1.names.joined_similarity``."""
    joined_listed = _joined_tokens(v_codes, v_starts, listed_ids)
    longest = max(len(joined_query), len(joined_listed))
    apart = longest - min(len(joined_query), len(joined_listed)) > _JOINED_SLACK * longest
    if apart and not abjad:
        return 0.0
    best = 0.0
    for form in range(2):
        if form == 0:
            mine, theirs = joined_query, joined_listed
        else:
            mine = sorted_query
            theirs = _joined_tokens(v_codes, v_starts, _sorted_ids(v_codes, v_starts, listed_ids))
        if not apart:
            best = max(best, osa_similarity(mine, theirs, MIN_JOINED))
        if abjad:
            alike = osa_similarity(skeleton(mine), skeleton(theirs), _SKELETON_CUTOFF)
            best = max(best, 0.95 * alike)
        if best >= MIN_JOINED:
            return best
    return 0.0


@njit(cache=True, nogil=True)
def _score_names(
    query: tuple[np.ndarray, np.ndarray, np.ndarray],
    query_abjad: bool,
    query_person: bool,
    bent: bool,
    vocabulary: tuple[np.ndarray, ...],
    name_ids: np.ndarray,
    name_starts: np.ndarray,
    name_abjad: np.ndarray,
    name_person: np.ndarray,
    shares: np.ndarray,
    needs: np.ndarray,
    join_always: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """``_Query.name_similarity`` of each candidate name: its score (weak aliases
    discounted), whether by the surname alone, and what Python must still do.

    The query and the vocabulary are laid out as for ``token_similarities`` (the
    vocabulary's token flags after its other arrays); the candidates' tokens end to end
    in ``name_ids``, ``name_starts`` where each name begins. ``needs`` holds the score below
    which a name may come out lower than it is (its entry is not reported either way);
    ``join_always`` the names compared written without spaces whatever their lengths
    (entries found by their document).
    """
    codes, starts, keys = query
    q = (len(starts) - 1) // 3
    q_codes = codes
    q_starts = starts[: q + 1]
    q_lengths = np.diff(q_starts)
    q_flags = keys[3 * q : 4 * q]
    joined_query = codes[starts[0] : starts[q]]
    sorted_query = _joined_tokens(codes, q_starts, _sorted_ids(codes, q_starts, np.arange(q)))
    kinds = np.empty(len(name_ids), dtype=np.bool_)
    for k in range(len(name_starts) - 1):
        kinds[name_starts[k] : name_starts[k + 1]] = name_abjad[k] or query_abjad
    sims = _token_similarities(query, name_ids, kinds, bent, vocabulary)
    v_codes, v_starts, v_flags = vocabulary[0], vocabulary[1], vocabulary[9]
    count = len(name_starts) - 1
    scores = np.zeros(count, dtype=np.float64)
    alone = np.zeros(count, dtype=np.bool_)
    todo = np.zeros(count, dtype=np.int8)
    query_length = 0
    for i in range(len(q_lengths)):
        query_length += q_lengths[i]
    for k in range(count):
        start, end = name_starts[k], name_starts[k + 1]
        listed_ids = name_ids[start:end]
        rows = sims[:, start:end]
        l_flags = v_flags[listed_ids]
        l_lengths = v_starts[listed_ids + 1] - v_starts[listed_ids]
        paired = name_person[k] or query_person
        need = needs[k]
        score = 0.0
        if _ceiling(rows, q_flags, q_lengths, l_flags, l_lengths, paired) >= need:
            score, compound = _align(
                rows,
                q_flags,
                q_lengths,
                q_codes,
                q_starts,
                l_flags,
                l_lengths,
                v_codes,
                v_starts,
                listed_ids,
                paired,
            )
            if compound:
                todo[k] = IN_PYTHON
                continue
        abjad = name_abjad[k] or query_abjad
        if score < JOINED:
            may_join = join_always[k]
            if not may_join and need <= JOINED:
                if abjad:
                    may_join = True
                else:
                    theirs = 0
                    for j in range(len(l_lengths)):
                        theirs += l_lengths[j]
                    longest = max(query_length, theirs)
                    gap = longest - min(query_length, theirs)
                    may_join = gap <= (1.0 - need / JOINED) * longest + 1e-9
            if may_join:
                joined = _joined_similarity(
                    joined_query, sorted_query, v_codes, v_starts, listed_ids, abjad
                )
                score = max(score, JOINED * joined)
        share = shares[k]
        if name_person[k] and len(q_lengths) == 1 and q_lengths[0] != 1 and len(l_lengths) >= 2:
            last = rows[0, len(l_lengths) - 1]
            surname = SURNAME_ONLY * last if last >= MIN_PAIR else 0.0
            if surname > score:
                scores[k] = surname * share
                alone[k] = True
                continue
        scores[k] = score * share
    return scores, alone, todo


@njit(cache=True, nogil=True)
def _score_entries(
    query: tuple[np.ndarray, np.ndarray, np.ndarray],
    query_abjad: bool,
    query_person: bool,
    bent: bool,
    vocabulary: tuple[np.ndarray, ...],
    names: np.ndarray,
    counts: np.ndarray,
    entry_needs: np.ndarray,
    entry_person: np.ndarray,
    floor: float,
    weak_share: float,
    weak: int,
    abjad_flag: int,
    layout: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # pragma: no cover - compiled
    """``_score_names`` of the names of several entries, laid out from the index here:
    ``counts`` names of each entry in turn, its need (below 0: found by its document,
    scored in full) and whether it is a person; ``layout`` is the index's name offsets,
    name tokens and name flags."""
    name_offsets, name_tokens, name_flags = layout
    count = len(names)
    size = 0
    for name in names:
        size += name_offsets[name + 1] - name_offsets[name]
    token_ids = np.empty(size, dtype=np.int64)
    name_starts = np.empty(count + 1, dtype=np.int64)
    name_abjad = np.empty(count, dtype=np.bool_)
    name_person = np.empty(count, dtype=np.bool_)
    shares = np.empty(count, dtype=np.float64)
    needs = np.empty(count, dtype=np.float64)
    always = np.empty(count, dtype=np.bool_)
    name_starts[0] = 0
    k = 0
    at = 0
    for entry in range(len(counts)):
        for _ in range(counts[entry]):
            name = names[k]
            for position in range(name_offsets[name], name_offsets[name + 1]):
                token_ids[at] = name_tokens[position]
                at += 1
            name_starts[k + 1] = at
            flags = name_flags[name]
            share = weak_share if flags & weak else 1.0
            name_abjad[k] = (flags & abjad_flag) != 0
            name_person[k] = entry_person[entry]
            shares[k] = share
            entry_need = entry_needs[entry]
            always[k] = entry_need < 0.0
            needs[k] = floor if entry_need < 0.0 else max(floor, entry_need / share)
            k += 1
    return _score_names(
        query,
        query_abjad,
        query_person,
        bent,
        vocabulary,
        token_ids,
        name_starts,
        name_abjad,
        name_person,
        shares,
        needs,
        always,
    )


# ── birth dates ───────────────────────────────────────────────────────────────────────────
# ``DateAgreement`` values, and a value for entries whose dates only Python can read.
_UNKNOWN, _DISJOINT, _DIFFERENT_DAY, _SAME_YEAR, _SWAPPED, _EXACT = 0, 1, 2, 3, 4, 5
IN_PYTHON_DATES = -1
_SEPARATOR = 0x1F
_DASH = 0x2D


@njit(cache=True, nogil=True)
def _is_space(byte: int) -> bool:  # pragma: no cover - compiled
    """ASCII whitespace as ``str.strip`` sees it (the separators 0x1c-0x1f included)."""
    return byte == 0x20 or 0x09 <= byte <= 0x0D or 0x1C <= byte <= 0x1F


@njit(cache=True, nogil=True)
def _date_parts(text: np.ndarray, parts: np.ndarray) -> int:  # pragma: no cover - compiled
    """``name_v1.features._parts`` of ASCII ``text`` into ``parts``: how many (0: none)."""
    start, end = 0, len(text)
    while start < end and _is_space(text[start]):
        start += 1
    while end > start and _is_space(text[end - 1]):
        end -= 1
    end = min(end, start + 10)
    count = 0
    piece = start
    while True:
        stop = piece
        while stop < end and text[stop] != _DASH:
            stop += 1
        if stop == piece:
            return 0
        value = 0
        for k in range(piece, stop):
            if not 0x30 <= text[k] <= 0x39:
                return 0
            value = value * 10 + (text[k] - 0x30)
        if count == 0 and stop - piece != 4:
            return 0
        if count < 3:
            parts[count] = value
        count += 1
        if stop >= end:
            break
        piece = stop + 1
    return min(count, 3)


@njit(cache=True, nogil=True)
def _agreement(
    query: np.ndarray, query_count: int, listed: np.ndarray, listed_count: int
) -> int:  # pragma: no cover - compiled
    """``name_v1.features._agreement`` of two dates' parts."""
    if query_count == 0 or listed_count == 0:
        return _UNKNOWN
    if query[0] != listed[0]:
        return _DISJOINT
    if query_count == 3 and listed_count == 3:
        if query[1] == listed[1] and query[2] == listed[2]:
            return _EXACT
        if query[1] == listed[2] and query[2] == listed[1]:
            return _SWAPPED
        return _DIFFERENT_DAY
    if query_count >= 2 and listed_count >= 2 and query[1] != listed[1]:
        return _DIFFERENT_DAY
    return _SAME_YEAR


@njit(cache=True, nogil=True)
def _date_agreements(
    query: np.ndarray,
    entries: np.ndarray,
    blob: np.ndarray,
    offsets: np.ndarray,
) -> np.ndarray:  # pragma: no cover - compiled
    """For each entry, the best agreement of a subject's birth date (its text, ASCII) with
    the entry's (``_dates_agreement``), read from the index's column of dates; entries with
    other than ASCII in their dates are left to Python."""
    query_parts = np.zeros(3, dtype=np.int64)
    query_count = _date_parts(query, query_parts)
    listed_parts = np.zeros(3, dtype=np.int64)
    found = np.empty(len(entries), dtype=np.int64)
    for k in range(len(entries)):
        text = blob[offsets[entries[k]] : offsets[entries[k] + 1]]
        if len(text) == 0:
            found[k] = _UNKNOWN
            continue
        ascii_only = True
        for byte in text:
            if byte >= 0x80:
                ascii_only = False
                break
        if not ascii_only:
            found[k] = IN_PYTHON_DATES
            continue
        best = _UNKNOWN
        start = 0
        for stop in range(len(text) + 1):
            if stop == len(text) or text[stop] == _SEPARATOR:
                count = _date_parts(text[start:stop], listed_parts)
                best = max(best, _agreement(query_parts, query_count, listed_parts, count))
                start = stop + 1
        found[k] = best
    return found


# ── blocking ──────────────────────────────────────────────────────────────────────────────
@njit(cache=True, nogil=True)
def _best(
    names: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    blocks: np.ndarray,
    weights: np.ndarray,
    budget: int,
    scored: int,
    prefer: bool,
    name_offsets: np.ndarray,
    initials: np.ndarray,
    query_initials: np.ndarray,
    query_count: int,
) -> np.ndarray:  # pragma: no cover - compiled
    """``blocking._best``: the names of the ranges with the highest sum over blocks of their
    best weight in the block, gathering at most ``budget``; with ``prefer``, ties broken by
    ``QueryTokens.resemblance``."""
    sizes = ends - starts
    nonempty = np.flatnonzero(sizes > 0)
    if len(nonempty) == 0:
        return np.empty(0, dtype=np.int64)
    order = nonempty[np.argsort(sizes[nonempty], kind="mergesort")]
    gathered = np.empty(budget, dtype=np.int64)
    gathered_blocks = np.empty(budget, dtype=np.int64)
    gathered_weights = np.empty(budget, dtype=np.float64)
    room = budget
    count = 0
    used = 0
    for r in order:
        size = sizes[r]
        if used and size > room:
            break
        take = min(size, room)
        for k in range(take):
            gathered[count + k] = names[starts[r] + k]
            gathered_blocks[count + k] = blocks[r]
            gathered_weights[count + k] = weights[r]
        count += take
        room -= take
        used += 1
    gathered = gathered[:count]
    gathered_blocks = gathered_blocks[:count]
    gathered_weights = gathered_weights[:count]
    # A name counts once per block, with its best weight there; its blocks in order.
    span = gathered_blocks.max() + 1
    sequence = np.argsort(gathered * span + gathered_blocks, kind="mergesort")
    found = np.empty(count, dtype=np.int64)
    scores = np.zeros(count, dtype=np.float64)
    distinct = -1
    k = 0
    while k < count:
        name, block = gathered[sequence[k]], gathered_blocks[sequence[k]]
        best = gathered_weights[sequence[k]]
        k += 1
        while k < count and gathered[sequence[k]] == name and gathered_blocks[sequence[k]] == block:
            best = max(best, gathered_weights[sequence[k]])
            k += 1
        if distinct < 0 or found[distinct] != name:
            distinct += 1
            found[distinct] = name
        scores[distinct] += best
    found = found[: distinct + 1]
    scores = scores[: distinct + 1]
    # Lists too long to gather only add to the names already found (names ascending).
    for r in order[used:]:
        listed = names[starts[r] : ends[r]]
        for k in range(len(found)):
            at = np.searchsorted(listed, found[k])
            if at < len(listed) and listed[at] == found[k]:
                scores[k] += weights[r]
    if prefer and len(found) > scored:
        # Only a fraction of a weight: it orders names tied on the tokens they share.
        for k in range(len(found)):
            start, end = name_offsets[found[k]], name_offsets[found[k] + 1]
            shared = 0
            for c in initials[start:end]:
                for mine in query_initials:
                    if c == mine:
                        shared += 1
                        break
            resemblance = shared - 0.1 * abs((end - start) - query_count)
            scores[k] += 0.01 * resemblance
    return found[np.argsort(-scores, kind="mergesort")[:scored]]


@njit(cache=True, nogil=True)
def _candidate_names(
    tokens: np.ndarray,
    weights: np.ndarray,
    group_starts: np.ndarray,
    own: int,
    singles: bool,
    prefer: bool,
    scored: int,
    budget: int,
    rare: int,
    pair_keys: np.ndarray,
    pair_offsets: np.ndarray,
    pair_names: np.ndarray,
    post_offsets: np.ndarray,
    post_names: np.ndarray,
    name_offsets: np.ndarray,
    initials: np.ndarray,
    query_initials: np.ndarray,
    query_count: int,
) -> np.ndarray:  # pragma: no cover - compiled
    """``blocking.candidate_names`` for groups given end to end: ``tokens`` and ``weights``
    of each group from ``group_starts``."""
    groups = len(group_starts) - 1
    # Every pair of two groups' tokens, in the order Python's loops meet them.
    size = 0
    for first in range(groups):
        for second in range(first + 1, groups):
            size += (group_starts[first + 1] - group_starts[first]) * (
                group_starts[second + 1] - group_starts[second]
            )
    size += group_starts[groups]
    keys = np.empty(size, dtype=np.int64)
    key_blocks = np.empty(size, dtype=np.int64)
    key_weights = np.empty(size, dtype=np.float64)
    count = 0
    block = 0
    last = 0
    for first in range(groups):
        for second in range(first + 1, groups):
            for x in range(group_starts[first], group_starts[first + 1]):
                a = tokens[x]
                for y in range(group_starts[second], group_starts[second + 1]):
                    b = tokens[y]
                    if a == b:
                        continue
                    keys[count] = (a << 32) | b if a < b else (b << 32) | a
                    key_blocks[count] = block
                    key_weights[count] = weights[x] + weights[y]
                    count += 1
            last = block
            block += 1
    paired_until = count
    # Names of one usable token sit under the pair of that token with itself.
    for number in range(groups):
        for x in range(group_starts[number], group_starts[number + 1]):
            keys[count] = (tokens[x] << 32) | tokens[x]
            key_blocks[count] = last + 1 + number
            key_weights[count] = weights[x]
            count += 1
    # Per key, as a dict updated only by a greater weight (and so never holding one of 0):
    # the place of its first entry, and the block and weight of its first best.
    sequence = np.argsort(keys[:count], kind="mergesort")
    distinct_keys = np.empty(count, dtype=np.int64)
    distinct_first = np.empty(count, dtype=np.int64)
    distinct_block = np.empty(count, dtype=np.int64)
    distinct_weight = np.empty(count, dtype=np.float64)
    distinct = 0
    k = 0
    while k < count:
        key = keys[sequence[k]]
        first_at = -1
        best_block = 0
        best_weight = 0.0
        while k < count and keys[sequence[k]] == key:
            at = sequence[k]
            if key_weights[at] > best_weight:
                if first_at < 0:
                    first_at = at
                best_block = key_blocks[at]
                best_weight = key_weights[at]
            k += 1
        if first_at >= 0:
            distinct_keys[distinct] = key
            distinct_first[distinct] = first_at
            distinct_block[distinct] = best_block
            distinct_weight[distinct] = best_weight
            distinct += 1
    placed = np.argsort(distinct_first[:distinct], kind="mergesort")
    starts = np.empty(distinct, dtype=np.int64)
    ends = np.empty(distinct, dtype=np.int64)
    blocks = np.empty(distinct, dtype=np.int64)
    found_weights = np.empty(distinct, dtype=np.float64)
    held = 0
    any_pair = False
    for d in placed:
        at = np.searchsorted(pair_keys, distinct_keys[d])
        if at < len(pair_keys) and pair_keys[at] == distinct_keys[d]:
            starts[held] = pair_offsets[at]
            ends[held] = pair_offsets[at + 1]
            blocks[held] = distinct_block[d]
            found_weights[held] = distinct_weight[d]
            held += 1
            any_pair = any_pair or distinct_first[d] < paired_until
    blocked = _best(
        pair_names,
        starts[:held],
        ends[:held],
        blocks[:held],
        found_weights[:held],
        budget,
        scored,
        False,
        name_offsets,
        initials,
        query_initials,
        query_count,
    )
    # Single tokens' postings: all of them, or only the rare ones.
    total = group_starts[groups]
    single_starts = np.empty(total, dtype=np.int64)
    single_ends = np.empty(total, dtype=np.int64)
    single_groups = np.empty(total, dtype=np.int64)
    single_weights = np.empty(total, dtype=np.float64)
    only_rare = own >= 2 and not (singles and not any_pair)
    kept = 0
    for number in range(groups):
        for x in range(group_starts[number], group_starts[number + 1]):
            start, end = post_offsets[tokens[x]], post_offsets[tokens[x] + 1]
            if only_rare and end - start > rare:
                continue
            single_starts[kept] = start
            single_ends[kept] = end
            single_groups[kept] = number
            single_weights[kept] = weights[x]
            kept += 1
    if only_rare and kept == 0:
        return blocked
    # Each token's names in turn, so the many loose matches of one query token cannot
    # crowd out the few names of another.
    alone = np.empty(groups * scored, dtype=np.int64)
    lengths = np.zeros(groups, dtype=np.int64)
    for number in range(groups):
        mine = single_groups[:kept] == number
        if not mine.any():
            continue
        best = _best(
            post_names,
            single_starts[:kept][mine],
            single_ends[:kept][mine],
            single_groups[:kept][mine],
            single_weights[:kept][mine],
            budget,
            scored,
            prefer,
            name_offsets,
            initials,
            query_initials,
            query_count,
        )
        alone[number * scored : number * scored + len(best)] = best
        lengths[number] = len(best)
    interleaved = np.empty(groups * scored, dtype=np.int64)
    alone_count = 0
    for turn in range(lengths.max() if groups else 0):
        for number in range(groups):
            if turn < lengths[number]:
                interleaved[alone_count] = alone[number * scored + turn]
                alone_count += 1
    # Single tokens' names keep a share of the places, so pairs of loose matches (sounds)
    # cannot crowd out a name that agrees on one rare token.
    keep = min(len(blocked), max(0, scored - min(alone_count, scored // 4)))
    result = np.empty(keep + alone_count, dtype=np.int64)
    size = 0
    for name in np.concatenate((blocked[:keep], interleaved[:alone_count])):
        seen = False
        for m in range(size):
            if result[m] == name:
                seen = True
                break
        if not seen:
            result[size] = name
            size += 1
            if size == scored:
                break
    return result[:size]


# The compiled functions, typed for callers (numba's dispatchers take any arguments).
token_similarities: Callable[..., NDArray[np.float64]] = _token_similarities
score_names: Callable[..., tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int8]]] = (
    _score_names
)
candidate_names: Callable[..., NDArray[np.int64]] = _candidate_names
score_entries: Callable[..., tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int8]]] = (
    _score_entries
)
date_agreements: Callable[..., NDArray[np.int64]] = _date_agreements
