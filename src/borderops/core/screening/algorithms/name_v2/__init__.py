"""name-v2: name-v1's scoring with bounded blocking on token pairs, sound tolerance for
scripts that bend consonants, legal forms that are names between persons, and a score for a
surname alone.

Candidates come from pairs of query tokens (``blocking``), so a query costs about the same
against a list of a thousand entries or of millions. Names are compared as in name-v1 with
the changes listed in ``names``. The features after the name (birth date, nationality,
gender, entity type, document) are name-v1's, with the same weights: an agreeing fact
closes part of the gap to 1, a conflicting one takes points off, a matching document lifts
the score to at least 0.95. Scores are clipped to [0, 1].
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from borderops.core.lists.types import EntityType
from borderops.core.screening.algorithms.name_v1.features import (
    DOCUMENT,
    DOCUMENT_FLOOR,
    FEATURES,
    DateAgreement,
    Feature,
    FeatureFunction,
    birth_date_agreement,
    birth_date_differs,
    birth_date_exact,
    birth_date_swapped,
    birth_year_disjoint,
    birth_year_same,
    nationality_same,
    subject_identifiers,
)
from borderops.core.screening.algorithms.name_v1.names import joined_similarity
from borderops.core.screening.algorithms.name_v2.blocking import QueryTokens, candidate_names
from borderops.core.screening.algorithms.name_v2.names import (
    align,
    ceiling,
    surname_only,
)
from borderops.core.screening.index import (
    ABJAD,
    ENTITY_TYPES,
    WEAK,
    ListedFacts,
    ScreeningIndex,
)
from borderops.core.screening.normalise import (
    NormalisedName,
    lossy_script,
    normalise_name_v2,
    spell_khmer,
)
from borderops.core.screening.types import FeatureScore, Hit, Subject

NAME = "name-v2"
# A weak alias (OFAC "weak a.k.a.", UN "low quality") counts for this share of its similarity.
WEAK_ALIAS = 0.9
# A match on the names written without spaces counts for this share of its similarity.
JOINED = 0.97
_PERSON = ENTITY_TYPES.index(EntityType.PERSON)
EXPLANATIONS = {feature.name: feature.explanation for feature in (*FEATURES, DOCUMENT)}


def query_name(subject: Subject, query: NormalisedName) -> NormalisedName:
    """The subject's name as name-v2 compares it: ``query``, unless a script needs spelling."""
    if spell_khmer(subject.name) == subject.name:
        return query
    return normalise_name_v2(subject.name, subject.entity_type)


class _Query:
    """One subject's tokens and what the score of a listed name depends on."""

    __slots__ = ("floor", "person", "tokens")

    def __init__(self, tokens: QueryTokens, subject: Subject, floor: float) -> None:
        self.tokens = tokens
        self.person = subject.entity_type is EntityType.PERSON
        self.floor = floor

    def name_similarity(self, index: ScreeningIndex, name: int, person: bool) -> tuple[float, bool]:
        """How alike the query is to one listed name, and whether only by the surname."""
        offsets = index.name_offsets
        token_ids = index.name_tokens[offsets[name] : offsets[name + 1]]
        abjad = bool(index.name_flags[name] & ABJAD)
        query = self.tokens.tokens
        rows = self.tokens.rows(token_ids, abjad)
        tokens = index.tokens
        listed = [tokens[t] for t in token_ids]
        score = 0.0
        paired = person or self.person
        if ceiling(query, listed, rows, paired) >= self.floor:
            score = align(query, listed, rows, paired)
        if score < JOINED:
            joined = joined_similarity(query, listed, abjad or self.tokens.abjad)
            score = max(score, JOINED * joined)
        if person:
            alone = surname_only(query, listed, rows)
            if alone > score:
                return alone, True
        return score, False


class NameV2:
    """The second BorderOps screening algorithm (see the module docstring)."""

    name = NAME

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
        query = query_name(subject, query)
        # Below this name score, no agreeing fact can lift a candidate to the threshold.
        floor = _floor(threshold, bool(subject.birth_date), bool(subject.nationality))
        tokens = QueryTokens(index, query, lossy_script(subject.name))
        compared = _Query(tokens, subject, floor)
        names_of: dict[int, list[int]] = {}
        if query.usable:
            initials = any(len(token) == 1 for token in query.tokens)
            groups, own = tokens.groups()
            candidates = candidate_names(
                index,
                groups,
                own=own,
                singles=tokens.bent,
                prefer=tokens.resemblance if initials else None,
            )
            for name in candidates:
                names_of.setdefault(index.name_entry[name], []).append(name)
        documented = index.identifier_entries(subject_identifiers(subject))
        for entry in documented - names_of.keys():
            names_of[entry] = list(index.entry_name_range(entry)) if query.usable else []
        hits = []
        for entry, names in names_of.items():
            person = index.entry_type[entry] == _PERSON
            name, similarity, alone = _best_name(index, compared, names, person)
            if similarity < floor and entry not in documented:
                continue
            listed = index.listed_facts(entry)
            if _score(subject, listed, similarity) >= threshold:
                hits.append(_hit(index, subject, entry, name, similarity, alone, listed))
        hits.sort(key=lambda hit: (-hit.score, hit.list_name, hit.entry_id))
        return hits[:limit]


@lru_cache(maxsize=1_024)
def _floor(threshold: float, birth_date: bool, nationality: bool) -> float:
    """The lowest name score that the facts the subject gives could lift to ``threshold``.

    Only features that can apply count: without a nationality, none about nationality can
    lift a score. Documents are not counted: entries with the subject's document are
    scored whatever their name.
    """
    given: dict[FeatureFunction, bool] = {
        birth_date_exact: birth_date,
        nationality_same: nationality,
    }
    # In the features' order, as ``_score`` applies them; one date feature at most applies,
    # and the exact date lifts most.
    lifts = [feature.weight for feature in FEATURES if given.get(feature.function)]
    low, high = 0.0, threshold
    for _ in range(30):
        middle = (low + high) / 2
        score = middle
        for weight in lifts:
            score += weight * (1.0 - score) * score
        if score >= threshold:
            high = middle
        else:
            low = middle
    # A little under the exact bound, so rounding never drops a candidate that counts.
    return max(0.0, low - 1e-3)


def _best_name(
    index: ScreeningIndex, query: _Query, names: list[int], person: bool
) -> tuple[int, float, bool]:
    """The entry's name most like the query, among those blocking found (weak ones discounted)."""
    best_name, best, best_alone = (names[0] if names else -1), 0.0, False
    for name in names:
        similarity, alone = query.name_similarity(index, name, person)
        if index.name_flags[name] & WEAK:
            similarity *= WEAK_ALIAS
        if similarity > best:
            best_name, best, best_alone = name, similarity, alone
    return best_name, best, best_alone


def _contribution(feature: Feature, value: float, score: float) -> float:
    if feature.weight > 0:
        # Closes part of the gap to 1, most for middling names: facts support a name, they
        # do not make one.
        return round(feature.weight * value * (1.0 - score) * score, 4)
    return round(feature.weight * value, 4)


# The birth-date features, each true for one way the dates agree: the agreement is worked
# out once per candidate rather than once per feature.
_DATE_FEATURES: dict[FeatureFunction, DateAgreement] = {
    birth_date_exact: DateAgreement.EXACT,
    birth_date_swapped: DateAgreement.SWAPPED,
    birth_year_same: DateAgreement.SAME_YEAR,
    birth_date_differs: DateAgreement.DIFFERENT_DAY,
    birth_year_disjoint: DateAgreement.DISJOINT,
}


def _applying(subject: Subject, listed: ListedFacts) -> list[tuple[Feature, float]]:
    """The features that apply to a candidate, in order, with their values."""
    agreement = birth_date_agreement(subject, listed)
    applying = []
    for feature in FEATURES:
        date = _DATE_FEATURES.get(feature.function)
        value = float(date is agreement) if date is not None else feature.function(subject, listed)
        if value:
            applying.append((feature, value))
    return applying


def _score(subject: Subject, listed: ListedFacts, similarity: float) -> float:
    """The final score, as ``_hit`` computes it, without building the hit."""
    score = similarity
    for feature, value in _applying(subject, listed):
        score += _contribution(feature, value, score)
    if DOCUMENT.function(subject, listed):
        score = max(score, DOCUMENT_FLOOR + (1.0 - DOCUMENT_FLOOR) * similarity)
    return min(1.0, max(0.0, score))


def _features(subject: Subject, listed: ListedFacts, similarity: float) -> Iterable[FeatureScore]:
    score = similarity
    for feature, value in _applying(subject, listed):
        contribution = _contribution(feature, value, score)
        score += contribution
        yield FeatureScore(
            feature.name,
            value,
            feature.weight,
            contribution,
            EXPLANATIONS[feature.name],
            feature.label.format(s=subject),
        )
    value = DOCUMENT.function(subject, listed)
    if value:
        detail = "document exact"
        contribution = max(0.0, DOCUMENT_FLOOR + (1.0 - DOCUMENT_FLOOR) * similarity - score)
    else:
        detail = "document not listed" if subject_identifiers(subject) else "document none"
        contribution = 0.0
    yield FeatureScore(
        DOCUMENT.name,
        value,
        DOCUMENT.weight,
        round(contribution, 4),
        EXPLANATIONS[DOCUMENT.name],
        detail,
    )


def _hit(
    index: ScreeningIndex,
    subject: Subject,
    entry: int,
    name: int,
    similarity: float,
    alone: bool,
    listed: ListedFacts,
) -> Hit:
    weak = name >= 0 and bool(index.name_flags[name] & WEAK)
    matched = index.name_text[name] if name >= 0 else ""
    notes = "".join((" (surname only)" if alone else "", " (weak alias)" if weak else ""))
    features = [
        FeatureScore(
            "name",
            round(similarity, 4),
            1.0,
            round(similarity, 4),
            "The names are alike, token by token."
            if not alone
            else "The subject's one name is the listed person's surname.",
            f"name {similarity:.2f}{notes}",
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
