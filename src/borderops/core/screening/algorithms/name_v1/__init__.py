"""name-v1: token-aligned name similarity, adjusted by birth date, nationality, gender,
entity type and document number.

The name score is the best over all the entry's names (a weak alias counts for
``WEAK_ALIAS`` of its similarity). Features then move the score: agreeing facts close part
of the gap to 1, conflicting facts take points off, and a matching document number lifts
the score to at least 0.95 whatever the name. Scores are clipped to [0, 1].
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from borderops.core.lists.types import EntityType
from borderops.core.screening.algorithms.name_v1.features import (
    DOCUMENT,
    DOCUMENT_FLOOR,
    FEATURES,
    Feature,
    subject_identifiers,
)
from borderops.core.screening.algorithms.name_v1.names import (
    MIN_PAIR,
    align,
    is_noise,
    joined_similarity,
    token_similarity,
    token_weight,
)
from borderops.core.screening.index import ABJAD, WEAK, ListedFacts, ScreeningIndex
from borderops.core.screening.normalise import NormalisedName, normalise_name
from borderops.core.screening.types import FeatureScore, Hit, Subject

NAME = "name-v1"
# A weak alias (OFAC "weak a.k.a.", UN "low quality") counts for this share of its similarity.
WEAK_ALIAS = 0.9
# A match on the names written without spaces counts for this share of its similarity.
JOINED = 0.97
# Agreeing facts lift a score by at most this much, so candidates further below are skipped.
_MOST_LIFT = 0.2
# At most this many listed names are scored for a query (half for long names).
_CANDIDATES = 100
EXPLANATIONS = {feature.name: feature.explanation for feature in (*FEATURES, DOCUMENT)}
# How far below the floor a name's quick ceiling may be and still be aligned in full.
_CEILING_MARGIN = 0.1


class _QueryTokens:
    """One query's tokens, with a cache of their similarity to vocabulary tokens."""

    __slots__ = (
        "abjad",
        "bar",
        "caches",
        "floor",
        "index",
        "initials",
        "letters",
        "tokens",
        "weights",
    )

    def __init__(self, index: ScreeningIndex, query: NormalisedName, floor: float) -> None:
        self.index = index
        self.tokens = query.tokens
        self.abjad = query.abjad
        self.floor = floor
        # One cache per query token, for listed names in Latin and in abjad letters.
        self.caches: tuple[list[dict[int, float]], ...] = (
            [{} for _ in query.tokens],
            [{} for _ in query.tokens],
        )
        self.weights = [token_weight(token) for token in query.tokens]
        self.letters = {token[0] for token in query.tokens}
        self.initials = "".join(sorted(self.letters)).encode("ascii", "replace")
        self.bar = (floor - _CEILING_MARGIN) * sum(self.weights)

    def similarity(self, position: int, token_id: int, abjad: bool = False) -> float:
        cache = self.caches[abjad][position]
        known = cache.get(token_id)
        if known is None:
            listed = self.index.tokens[token_id]
            known = token_similarity(self.tokens[position], listed, self.abjad or abjad)
            cache[token_id] = known
        return known

    def prefill(self, names: Iterable[int]) -> None:
        """Compare the query tokens with every token of ``names`` at once (rapidfuzz, in C)."""
        index = self.index
        latin = self.caches[False]
        if self.abjad or not latin:
            return
        missing = {t for name in names for t in index.name_token_ids(name)}
        missing.difference_update(latin[0])
        if not missing:
            return
        ids = list(missing)
        listed = [index.tokens[t] for t in ids]
        for position, token in enumerate(self.tokens):
            cache = latin[position]
            if len(token) == 1:
                for t, text in zip(ids, listed, strict=True):
                    cache[t] = token_similarity(token, text)
                continue
            cache.update(dict.fromkeys(ids, 0.0))
            for text, _, k in process.extract(
                token, listed, scorer=OSA.normalized_similarity, score_cutoff=0.6, limit=None
            ):
                cache[ids[k]] = token_similarity(token, text)
            for k, text in enumerate(listed):
                if len(text) == 1:
                    cache[ids[k]] = token_similarity(token, text)

    def groups(self) -> list[set[int]]:
        """For each query token (and each joined pair), the vocabulary tokens it may be."""
        groups = []
        for position, token in enumerate(self.tokens):
            if (is_noise(token) or len(token) == 1) and len(self.tokens) > 1:
                continue
            found = self.index.similar_tokens(token, self.abjad)
            groups.append({t for t in found if self.similarity(position, t) >= MIN_PAIR})
        joined = {a + b for a, b in zip(self.tokens, self.tokens[1:], strict=False)}
        for token in joined:
            exact = self.index.token_ids.get(token)
            if exact is not None:
                groups.append({exact})
        return groups

    def resemblance(self, name: int) -> float:
        """A cheap guess at how alike a listed name is: shared first letters, similar length."""
        index = self.index
        start, end = index.name_offsets[name], index.name_offsets[name + 1]
        initials = index.initials[start:end]
        # Deleting the query's initials leaves the tokens that start otherwise.
        shared = len(initials) - len(initials.translate(None, self.initials))
        return shared - 0.1 * abs(len(initials) - len(self.tokens))

    def name_similarity(self, name: int) -> float:
        """How alike the query is to one listed name, before weak-alias discount."""
        index = self.index
        offsets = index.name_offsets
        token_ids = index.name_tokens[offsets[name] : offsets[name + 1]]
        abjad = bool(index.name_flags[name] & ABJAD)
        tokens = index.tokens
        listed = [tokens[t] for t in token_ids]
        similarity = self.similarity
        rows = [
            [cache[t] if t in cache else similarity(position, t, abjad) for t in token_ids]
            for position, cache in enumerate(self.caches[abjad])
        ]
        # A quick ceiling (the query tokens' best similarities, weighted) skips hopeless names.
        ceiling = sum(w * max(row) for w, row in zip(self.weights, rows, strict=True))
        score = 0.0
        if ceiling >= self.bar:
            score = align(self.tokens, listed, rows)
        if score < JOINED:
            score = max(score, JOINED * joined_similarity(self.tokens, listed, abjad or self.abjad))
        return score


class NameV1:
    """The first BorderOps screening algorithm (see the module docstring)."""

    name = NAME

    def normalise(self, name: str, entity_type: EntityType) -> NormalisedName:
        """The subject's name as name-v1 compares it: ``normalise_name``."""
        return normalise_name(name, entity_type)

    def screen_subject(
        self,
        index: ScreeningIndex,
        subject: Subject,
        query: NormalisedName,
        *,
        threshold: float,
        limit: int,
    ) -> list[Hit]:
        """The hits of one subject whose name is already normalised, best first."""
        # Below this name score, no agreeing fact can lift a candidate to the threshold.
        floor = threshold - _MOST_LIFT
        tokens = _QueryTokens(index, query, floor)
        names_of: dict[int, list[int]] = {}
        if query.usable:
            limit = _CANDIDATES if len(query.tokens) <= 4 else _CANDIDATES // 2
            groups = tokens.groups()
            candidates = index.candidate_names(groups, limit=limit, prefer=tokens.resemblance)
            tokens.prefill(candidates)
            for name in candidates:
                names_of.setdefault(index.name_entry[name], []).append(name)
        documented = index.identifier_entries(subject_identifiers(subject))
        for entry in documented - names_of.keys():
            names_of[entry] = list(index.entry_name_range(entry)) if query.usable else []
        hits = []
        for entry, names in names_of.items():
            name, similarity = _best_name(index, tokens, names)
            if similarity < floor and entry not in documented:
                continue
            listed = index.listed_facts(entry)
            if _score(subject, listed, similarity) >= threshold:
                hits.append(_hit(index, subject, entry, name, similarity, listed))
        hits.sort(key=lambda hit: (-hit.score, hit.list_name, hit.entry_id))
        return hits[:limit]


def _best_name(index: ScreeningIndex, tokens: _QueryTokens, names: list[int]) -> tuple[int, float]:
    """The entry's name most like the query, among those blocking found (weak ones discounted)."""
    best_name, best = (names[0] if names else -1), 0.0
    for name in names:
        similarity = tokens.name_similarity(name)
        if index.name_flags[name] & WEAK:
            similarity *= WEAK_ALIAS
        if similarity > best:
            best_name, best = name, similarity
    return best_name, best


def _contribution(feature: Feature, value: float, score: float) -> float:
    if feature.weight > 0:
        # Closes part of the gap to 1, most for middling names: facts support a name, they
        # do not make one.
        return round(feature.weight * value * (1.0 - score) * score, 4)
    return round(feature.weight * value, 4)


def _score(subject: Subject, listed: ListedFacts, similarity: float) -> float:
    """The final score, as ``_hit`` computes it, without building the hit."""
    score = similarity
    for feature in FEATURES:
        value = feature.function(subject, listed)
        if value:
            score += _contribution(feature, value, score)
    if DOCUMENT.function(subject, listed):
        score = max(score, DOCUMENT_FLOOR + (1.0 - DOCUMENT_FLOOR) * similarity)
    return min(1.0, max(0.0, score))


def _apply(feature: Feature, subject: Subject, listed: ListedFacts, score: float) -> FeatureScore:
    value = feature.function(subject, listed)
    return FeatureScore(
        feature.name,
        value,
        feature.weight,
        _contribution(feature, value, score),
        EXPLANATIONS[feature.name],
        feature.label.format(s=subject),
    )


def _document(subject: Subject, listed: ListedFacts, score: float, name: float) -> FeatureScore:
    value = DOCUMENT.function(subject, listed)
    if value:
        detail = "document exact"
        contribution = max(0.0, DOCUMENT_FLOOR + (1.0 - DOCUMENT_FLOOR) * name - score)
    else:
        detail = "document not listed" if subject_identifiers(subject) else "document none"
        contribution = 0.0
    return FeatureScore(
        DOCUMENT.name,
        value,
        DOCUMENT.weight,
        round(contribution, 4),
        EXPLANATIONS[DOCUMENT.name],
        detail,
    )


def _features(subject: Subject, listed: ListedFacts, similarity: float) -> Iterable[FeatureScore]:
    score = similarity
    for feature in FEATURES:
        applied = _apply(feature, subject, listed, score)
        if applied.value:
            score += applied.contribution
            yield applied
    yield _document(subject, listed, score, similarity)


def _hit(
    index: ScreeningIndex,
    subject: Subject,
    entry: int,
    name: int,
    similarity: float,
    listed: ListedFacts,
) -> Hit:
    weak = name >= 0 and bool(index.name_flags[name] & WEAK)
    matched = index.name_text[name] if name >= 0 else ""
    features = [
        FeatureScore(
            "name",
            round(similarity, 4),
            1.0,
            round(similarity, 4),
            "The names are alike, token by token.",
            f"name {similarity:.2f}{' (weak alias)' if weak else ''}",
        ),
        *_features(subject, listed, similarity),
    ]
    score = min(1.0, max(0.0, sum(feature.contribution for feature in features)))
    return Hit(
        query_id=subject.id,
        list_name=index.list_name(entry),
        entry_id=index.entry_id[entry],
        score=round(score, 4),
        matched_name=matched,
        query_name=subject.name,
        algorithm=NAME,
        features=tuple(features),
    )
