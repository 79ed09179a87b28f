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
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from numpy.typing import NDArray

from borderops.core.screening.algorithms.name_v2.kernels import (
    candidate_names as kernel_candidate_names,
)
from borderops.core.screening.algorithms.name_v2.names import (
    TokenForms,
    most_similar,
    probe,
    similarity_matrix,
)
from borderops.core.screening.index import ScreeningIndex
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
        ids = index.similar_token_array(token, self.abjad, self.bent)
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


class Postings:
    """The index's postings and name layout as arrays the blocking kernel reads."""

    __slots__ = (
        "entry_type",
        "initials",
        "name_flags",
        "name_offsets",
        "name_tokens",
        "pair_keys",
        "pair_names",
        "pair_offsets",
        "post_names",
        "post_offsets",
    )

    def __init__(self, index: ScreeningIndex) -> None:
        self.pair_keys = index.pair_key_view
        self.pair_offsets = _view(index.pair_offsets)
        self.pair_names = index.pair_name_view
        self.post_offsets = _view(index.post_offsets)
        self.post_names = index.post_name_view
        self.name_offsets = _view(index.name_offsets)
        self.name_tokens = _view(index.name_tokens)
        self.name_flags = np.frombuffer(index.name_flags, dtype=np.uint8)
        self.entry_type = np.frombuffer(index.entry_type, dtype=np.uint8)
        self.initials = np.frombuffer(index.initials, dtype=np.uint8)


def _view(values: array[int]) -> NDArray[np.signedinteger[Any]]:
    """An ``array.array`` of integers seen as numpy's, without a copy."""
    return np.frombuffer(values, dtype=f"i{values.itemsize}")


_POSTINGS: WeakKeyDictionary[ScreeningIndex, Postings] = WeakKeyDictionary()


def postings(index: ScreeningIndex) -> Postings:
    """The index's ``Postings``, made on first use."""
    found = _POSTINGS.get(index)
    if found is None:
        found = _POSTINGS[index] = Postings(index)
    return found


_DATES: WeakKeyDictionary[ScreeningIndex, tuple[NDArray[np.uint8], NDArray[Any]]] = (
    WeakKeyDictionary()
)


def date_column(index: ScreeningIndex) -> tuple[NDArray[np.uint8], NDArray[Any]]:
    """The index's birth dates (UTF-8, each entry's joined by 0x1f) and where each entry's
    begin, as arrays, made on first use."""
    found = _DATES.get(index)
    if found is None:
        column = index.entry_dates
        found = _DATES[index] = (np.frombuffer(column.blob, dtype=np.uint8), _view(column.offsets))
    return found


def candidate_names(
    index: ScreeningIndex,
    groups: Sequence[Group],
    *,
    own: int | None = None,
    singles: bool = False,
    resemble: QueryTokens | None = None,
    scored: int = SCORED,
) -> list[int]:
    """The listed names most like the query by blocking, at most ``scored`` (``SCORED``
    unless a caller wants more hits per subject than that allows).

    A name gains, for each pair of groups, the best weight of the pairs of their tokens it
    carries. Single tokens count too (best weight per group) when fewer than two of the
    groups are of one query token each (``own``, the first ones), or when ``singles`` and
    no name carries a pair; otherwise only rare ones (``RARE``) do. Among the names of
    single tokens, resemblance to ``resemble`` (shared initials, similar length) breaks
    ties. Pair and token lists are gathered shortest first until ``BUDGET`` names; longer
    ones only count toward names already gathered.

    The work is ``kernels.candidate_names``: this runs once per query of millions.
    """
    tokens = [token for group in groups for token, _ in group]
    weights = [weight for group in groups for _, weight in group]
    starts = [0, *accumulate(map(len, groups))]
    arrays = postings(index)
    initials = resemble.initials if resemble is not None else b""
    found = kernel_candidate_names(
        np.asarray(tokens, dtype=np.int64),
        np.asarray(weights, dtype=np.float64),
        np.asarray(starts, dtype=np.int64),
        len(groups) if own is None else own,
        singles,
        resemble is not None,
        scored,
        BUDGET,
        RARE,
        arrays.pair_keys,
        arrays.pair_offsets,
        arrays.pair_names,
        arrays.post_offsets,
        arrays.post_names,
        arrays.name_offsets,
        arrays.initials,
        np.frombuffer(initials, dtype=np.uint8),
        len(resemble.tokens) if resemble is not None else 0,
    )
    names: list[int] = found.tolist()
    return names
