"""Name similarity for name-v1: order-insensitive token alignment.

Each query token is paired with at most one token of the listed name, best pairs first,
using an edit-distance similarity that counts a transposition as one edit, raised for
tokens that sound alike (metaphone) and, for names written in Arabic or Hebrew letters,
for tokens whose consonants agree. An initial pairs with a full token that starts with it.
Adjacent tokens on one side may pair with one token on the other (``jin ping`` ~
``jinping``).

The score is the weighted share of aligned tokens, where a token weighs its length (a
particle such as ``al`` or ``van`` weighs 1, a legal form such as ``llc`` 0.5). Tokens left
over on one side only — a dropped middle name — cost little once two tokens agree; tokens
left over on both sides are a conflict (another given name) and cost their full weight.
Particles and legal forms never count as agreement and cost little when left over.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from borderops.core.screening.normalise import (
    PARTICLES,
    consonant_skeleton,
    is_legal_form,
    phonetic_key,
)

# A pair of tokens below this similarity is not aligned at all.
MIN_PAIR = 0.7
# An initial against a full token starting with the same letter.
INITIAL = 0.7
# Tokens that sound alike are at least this similar.
SOUNDS_ALIKE = 0.85
# The share of a left-over token's weight charged when the other side has nothing left.
LEFT_OVER = 0.2
# Joined names ("xijinping") at least this similar stand in for the token alignment.
MIN_JOINED = 0.9


# Tokens repeat across queries and listed names: a batch compares the same pairs again and again.
@lru_cache(maxsize=1_048_576)
def token_similarity(query: str, listed: str, abjad: bool = False) -> float:
    """How alike two tokens are, from 0 (nothing in common) to 1 (the same)."""
    if query == listed:
        return 1.0
    if len(query) == 1 or len(listed) == 1:
        return INITIAL if query[0] == listed[0] else 0.0
    if query.isdigit() or listed.isdigit():
        return 0.0
    similarity = OSA.normalized_similarity(query, listed)
    plausible = 0.6 <= similarity < SOUNDS_ALIKE and min(len(query), len(listed)) >= 3
    if plausible and phonetic_key(query) == phonetic_key(listed):
        similarity = SOUNDS_ALIKE
    if abjad and similarity < SOUNDS_ALIKE:
        skeleton = OSA.normalized_similarity(consonant_skeleton(query), consonant_skeleton(listed))
        similarity = max(similarity, 0.95 * skeleton)
    return similarity


@lru_cache(maxsize=65_536)
def token_weight(token: str) -> float:
    """How much a token says about who is named: its length within 2..10; particles weigh 1."""
    if is_noise(token):
        return 0.5 if is_legal_form(token) else 1.0
    return float(min(max(len(token), 2), 10))


@lru_cache(maxsize=65_536)
def is_noise(token: str) -> bool:
    """The token is a particle (al, van, de) or a legal form (LLC): it cannot match alone."""
    return token in PARTICLES or is_legal_form(token)


SimilarityRows = Sequence[Sequence[float]]


def align(query: Sequence[str], listed: Sequence[str], rows: SimilarityRows) -> float:
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
    gained = 0.0
    weight = 0.0
    aligned = 0
    for similarity, i, j in pairs:
        if i in free_query and j in free_listed:
            free_query.discard(i)
            free_listed.discard(j)
            pair_weight = max(token_weight(query[i]), token_weight(listed[j]))
            gained += similarity * pair_weight
            weight += pair_weight
            aligned += 0 if is_noise(query[i]) and is_noise(listed[j]) else 1
    if free_query and free_listed:
        for similarity, pair_weight, used_q, used_l in _compounds(
            query, listed, free_query, free_listed
        ):
            if used_q <= free_query and used_l <= free_listed:
                free_query -= used_q
                free_listed -= used_l
                gained += similarity * pair_weight
                weight += pair_weight
                aligned += 2
    if not aligned:
        return 0.0
    real_query = [token_weight(query[i]) for i in free_query if not is_noise(query[i])]
    real_listed = [token_weight(listed[j]) for j in free_listed if not is_noise(listed[j])]
    left = sum(real_query) + sum(real_listed)
    noise = sum(token_weight(query[i]) for i in free_query if is_noise(query[i]))
    noise += sum(token_weight(listed[j]) for j in free_listed if is_noise(listed[j]))
    conflict = bool(real_query) and bool(real_listed)
    penalty = LEFT_OVER * noise + (LEFT_OVER * left if aligned >= 2 and not conflict else left)
    return gained / (weight + penalty)


def _initial_for_surname(query: Sequence[str], listed: Sequence[str], i: int, j: int) -> bool:
    """An initial stands for a given name: it never aligns with the last (family) name."""
    if len(query[i]) == 1 and len(listed[j]) > 1:
        return j == len(listed) - 1 and len(listed) > 1
    if len(listed[j]) == 1 and len(query[i]) > 1:
        return i == len(query) - 1 and len(query) > 1
    return False


def _compounds(
    query: Sequence[str], listed: Sequence[str], free_query: set[int], free_listed: set[int]
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
                if similarity >= 0.85:
                    pair = {k, k + 1}, {m}
                    used_q, used_l = (pair[1], pair[0]) if flip else pair
                    found.append((similarity, token_weight(joined), used_q, used_l))
    found.sort(key=lambda item: item[0], reverse=True)
    return found


def joined_similarity(query: Sequence[str], listed: Sequence[str], abjad: bool = False) -> float:
    """How alike the names are written without spaces, in order or sorted (0 below 0.9)."""
    joined_query, joined_listed = "".join(query), "".join(listed)
    longest = max(len(joined_query), len(joined_listed))
    # The edit distance is at least the difference in length: most names are ruled out here.
    apart = longest - min(len(joined_query), len(joined_listed)) > _JOINED_SLACK * longest
    if apart and not abjad:
        return 0.0
    forms = [(joined_query, joined_listed), ("".join(sorted(query)), "".join(sorted(listed)))]
    best = 0.0
    for joined_query, joined_listed in forms:
        # Scores under the cutoffs cannot reach MIN_JOINED, so rapidfuzz may give up early.
        if not apart:
            best = max(
                best,
                OSA.normalized_similarity(joined_query, joined_listed, score_cutoff=MIN_JOINED),
            )
        if abjad:
            skeletons = consonant_skeleton(joined_query), consonant_skeleton(joined_listed)
            best = max(
                best,
                0.95 * OSA.normalized_similarity(*skeletons, score_cutoff=_SKELETON_CUTOFF),
            )
        if best >= MIN_JOINED:
            return best
    return 0.0


# A little under the exact bounds, so rounding can never zero a score that would have counted.
_JOINED_SLACK = 1.0 - MIN_JOINED + 1e-9
_SKELETON_CUTOFF = MIN_JOINED / 0.95 - 1e-6
