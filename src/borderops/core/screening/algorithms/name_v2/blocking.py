"""Candidate names for name-v2: pairs of query tokens first, with hard caps on the work.

Each query token (particles and initials aside) is matched to the vocabulary tokens it may
be (``similar_tokens``, and by consonant sounds for scripts that bend them), keeping the
``MAX_SIMILAR`` most alike. Every pair of two query tokens' matches is then looked up in
the index's pair postings: a listed name that shares two tokens with the query is under
one of those pairs. A common first name and a common surname are far rarer together than
apart, so these lists are short even in a list of millions.

Pair lists are gathered shortest first until ``BUDGET`` names; longer ones only count
toward names already gathered. Each pair weighs the similarity of its tokens to the query's
times their rarity; the names with the most weight (most, and rarest, tokens shared) are
scored, at most ``SCORED``. A query of one usable token, or in a script that bends
consonants whose pairs found nothing, takes the single tokens' postings under the same
budget; any other query only those of tokens carried by at most ``RARE`` names.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import combinations, zip_longest
from weakref import WeakKeyDictionary

import numpy as np
from numpy.typing import NDArray

from borderops.core.screening.algorithms.name_v2.names import (
    TokenForms,
    most_similar,
    probe,
    similarity_matrix,
)
from borderops.core.screening.index import ScreeningIndex, pair_key
from borderops.core.screening.normalise import PARTICLES, NormalisedName, is_legal_form

# Of the vocabulary tokens a query token may be, at most this many (the most alike) block.
MAX_SIMILAR = 6
# Sounds match more loosely than letters: a query in a script that bends them keeps more.
MAX_SIMILAR_BENT = 12
# A legal-form token weighs this share of what its rarity says in blocking.
LEGAL_FORM = 0.1
# A token on at most this many listed names is rare: its names are candidates by themselves.
RARE = 50
# At most this many listed names are gathered from postings for one query.
BUDGET = 1_500
# Query tokens repeat across a batch: their blocking lookups are kept, up to this many.
_GROUP_CACHE_SIZE = 200_000
# At most this many candidate names are scored for one query.
SCORED = 20


class QueryTokens:
    """One query's tokens, laid out for comparison with the listed tokens."""

    __slots__ = ("abjad", "bent", "forms", "index", "initials", "probe", "tokens")

    def __init__(self, index: ScreeningIndex, query: NormalisedName, bent: bool) -> None:
        self.index = index
        self.forms = token_forms(index)
        self.tokens = query.tokens
        self.abjad = query.abjad
        self.bent = bent or query.abjad
        letters = {token[0] for token in query.tokens}
        self.initials = "".join(sorted(letters)).encode("ascii", "replace")
        self.probe = probe(query.tokens, self.forms)

    def rows(self, token_ids: Sequence[int], abjad: bool) -> list[tuple[float, ...]]:
        """Each query token's similarity to each of a listed name's tokens."""
        ids = np.asarray(token_ids, dtype=np.int64)
        kinds = np.full(len(ids), self.abjad or abjad)
        sims = similarity_matrix(self.probe, ids, kinds, self.bent, self.forms)
        return [tuple(row) for row in sims.tolist()]

    def groups(self) -> tuple[list[list[tuple[int, float]]], int]:
        """For each blocking query token (and joined pair), the vocabulary tokens it may be,
        most alike first, each with its similarity times its rarity; and how many of the
        groups are of one query token (the rest are of two joined)."""
        index = self.index
        groups = []
        cache = index.token_groups
        for token in self.tokens:
            if len(token) == 1 or token in PARTICLES:
                continue
            key = (token, self.abjad, self.bent)
            group = cache.get(key)
            if group is None:
                if len(cache) >= _GROUP_CACHE_SIZE:
                    cache.clear()
                group = cache[key] = self._group(token)
            if group:
                groups.append(group)
        own = len(groups)
        for first, second in zip(self.tokens, self.tokens[1:], strict=False):
            exact = index.token_ids.get(first + second)
            if exact is not None:
                groups.append([(exact, _rarity(index, exact))])
        return groups, own

    def _group(self, token: str) -> list[tuple[int, float]]:
        index = self.index
        found = index.similar_tokens(token, self.abjad)
        if self.bent:
            found = found | index.sound_tokens(token)
        ids = list(found)
        room = MAX_SIMILAR_BENT if self.bent else MAX_SIMILAR
        group = most_similar(token, ids, self.forms, self.abjad, self.bent, room)
        if not group:
            return []
        # How rare the token is, judged by its best match: a rare misspelling of a common
        # name must not outweigh the name itself.
        rarity = _rarity(index, group[0][0])
        if is_legal_form(token):
            # It may be a name (a person's "Pao"), but far more often is "LLC".
            rarity *= LEGAL_FORM
        return [(t, similarity * rarity) for t, similarity in group]

    def resemblance(self, name: int) -> float:
        """A cheap guess at how alike a listed name is: shared first letters, similar length."""
        index = self.index
        start, end = index.name_offsets[name], index.name_offsets[name + 1]
        initials = index.initials[start:end]
        # Deleting the query's initials leaves the tokens that start otherwise.
        shared = len(initials) - len(initials.translate(None, self.initials))
        return shared - 0.1 * abs(len(initials) - len(self.tokens))


_FORMS: WeakKeyDictionary[ScreeningIndex, TokenForms] = WeakKeyDictionary()


def token_forms(index: ScreeningIndex) -> TokenForms:
    """The index's vocabulary as ``similarity_row`` compares it, worked out on first use."""
    forms = _FORMS.get(index)
    if forms is None:
        forms = _FORMS[index] = TokenForms(index.tokens)
    return forms


def _rarity(index: ScreeningIndex, token_id: int) -> float:
    """How much carrying a token says, by how few listed names carry it (at least 0.1)."""
    carriers = index.post_offsets[token_id + 1] - index.post_offsets[token_id]
    return max(0.1, math.log(index.name_count / (1 + carriers)))


Group = Sequence[tuple[int, float]]
_NOTHING = (0, 0.0)
# Where in a postings array some names are, the block they count for, and their weight.
Range = tuple[int, int, int, float]


def candidate_names(
    index: ScreeningIndex,
    groups: Sequence[Group],
    *,
    own: int | None = None,
    singles: bool = False,
    prefer: Callable[[int], float] | None = None,
    scored: int = SCORED,
) -> list[int]:
    """The listed names most like the query by blocking, at most ``scored`` (``SCORED``
    unless a caller wants more hits per subject than that allows).

    A name gains, for each pair of groups, the best weight of the pairs of their tokens it
    carries. Single tokens count too (best weight per group) when fewer than two of the
    groups are of one query token each (``own``, the first ones), or when ``singles`` and
    no name carries a pair; otherwise only rare ones do. Among the names of single tokens,
    ``prefer`` (higher first) breaks ties.
    """
    weights: dict[int, tuple[int, float]] = {}
    block = 0
    known = weights.get
    for block, (first, second) in enumerate(combinations(groups, 2)):
        for a, weight_a in first:
            for b, weight_b in second:
                if a == b:
                    continue
                # ``pair_key(a, b)``, written out: this loop runs a hundred times a query.
                key = (a << 32) | b if a < b else (b << 32) | a
                weight = weight_a + weight_b
                if known(key, _NOTHING)[1] < weight:
                    weights[key] = block, weight
    paired = len(weights)
    # Names of one usable token sit under the pair of that token with itself.
    for number, group in enumerate(groups, start=block + 1):
        for a, weight in group:
            key = pair_key(a, a)
            if known(key, _NOTHING)[1] < weight:
                weights[key] = number, weight
    keys = list(weights)
    found = index.pair_ranges(keys)
    ranges = [(start, end, *weights[keys[k]]) for k, start, end in found]
    blocked = _best(index.pair_name_view, ranges, scored=scored)
    own = len(groups) if own is None else own
    offsets = index.post_offsets
    ranges = [
        (offsets[t], offsets[t + 1], number, weight)
        for number, group in enumerate(groups)
        for t, weight in group
    ]
    if own >= 2 and not (singles and not any(k < paired for k, _, _ in found)):
        # A name sharing one token of several rarely reaches a score worth reporting (the
        # other tokens are a conflict), but a rare token's few names are cheap to look at:
        # they catch spellings too far apart for a pair ("vlantimir" ~ "vladimir").
        ranges = [r for r in ranges if r[1] - r[0] <= RARE]
        if not ranges:
            return blocked
    # Each token's names in turn, so the many loose matches of one query token cannot
    # crowd out the few names of another.
    per_group = [
        _best(index.post_name_view, [r for r in ranges if r[2] == number], prefer, scored)
        for number in sorted({r[2] for r in ranges})
    ]
    alone = [name for turn in zip_longest(*per_group) for name in turn if name is not None]
    # Single tokens' names keep a share of the places, so pairs of loose matches (sounds)
    # cannot crowd out a name that agrees on one rare token.
    kept = blocked[: scored - min(len(alone), scored // 4)]
    return list(dict.fromkeys([*kept, *alone]))[:scored]


def _best(
    names: NDArray[np.int32],
    ranges: list[Range],
    prefer: Callable[[int], float] | None = None,
    scored: int = SCORED,
) -> list[int]:
    """The names of ``ranges`` with the highest sum over blocks of their best weight in the
    block (at most ``scored``; ties: lowest number first), gathering at most ``BUDGET``."""
    ranges = sorted((r for r in ranges if r[1] > r[0]), key=lambda r: r[1] - r[0])
    if not ranges:
        return []
    pieces: list[NDArray[np.int32]] = []
    taken: list[int] = []
    room = BUDGET
    for start, end, _, _ in ranges:
        size = end - start
        if pieces and size > room:
            break
        take = min(size, room)
        pieces.append(names[start : start + take])
        taken.append(take)
        room -= take
    gathered = np.concatenate(pieces).astype(np.int64)
    used = ranges[: len(pieces)]
    blocks = np.repeat(np.array([r[2] for r in used], dtype=np.int64), taken)
    weights = np.repeat(np.array([r[3] for r in used]), taken)
    # A name counts once per block, with its best weight there.
    order = np.lexsort((-weights, blocks, gathered))
    gathered, blocks, weights = gathered[order], blocks[order], weights[order]
    first = np.ones(len(gathered), dtype=bool)
    first[1:] = (gathered[1:] != gathered[:-1]) | (blocks[1:] != blocks[:-1])
    found, inverse = np.unique(gathered[first], return_inverse=True)
    scores: NDArray[np.float64] = np.bincount(inverse, weights=weights[first]).astype(np.float64)
    # Lists too long to gather only add to the names already found: their names are in
    # ascending order, so each found name is looked up by bisection.
    for start, end, _, weight in ranges[len(pieces) :]:
        listed = names[start:end]
        at = np.searchsorted(listed, found)
        at[at >= len(listed)] = 0
        scores += weight * (listed[at] == found)
    if prefer is not None and len(found) > scored:
        # Only a fraction of a weight: it orders names tied on the tokens they share.
        scores += 0.01 * np.fromiter(map(prefer, found.tolist()), dtype=np.float64)
    found = found[np.argsort(-scores, kind="stable")[:scored]]
    return [int(name) for name in found.tolist()]
