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

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from borderops.core.lists.types import EntityType
from borderops.core.screening.algorithms.name_v1.features import (
    DOCUMENT,
    DOCUMENT_FLOOR,
    FEATURES,
    DateAgreement,
    Feature,
    FeatureFunction,
    _agreement,
    _parts,
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
from borderops.core.screening.algorithms.name_v2.blocking import (
    SCORED,
    QueryTokens,
    candidate_names,
    date_column,
    postings,
)
from borderops.core.screening.algorithms.name_v2.kernels import (
    IN_PYTHON_DATES,
    JOINED,
    date_agreements,
    score_entries,
)
from borderops.core.screening.algorithms.name_v2.names import (
    align,
    ceiling,
    surname_only,
    vocabulary,
)
from borderops.core.screening.index import (
    ABJAD,
    ENTITY_TYPES,
    WEAK,
    ListedFacts,
    ScreeningIndex,
)
from borderops.core.screening.normalise import NormalisedName
from borderops.core.screening.normalise_v2 import lossy_script, normalise_name_v2, spell_khmer
from borderops.core.screening.types import FeatureScore, Hit, Subject

NAME = "name-v2"
# A weak alias (OFAC "weak a.k.a.", UN "low quality") counts for this share of its similarity.
WEAK_ALIAS = 0.9
_PERSON = ENTITY_TYPES.index(EntityType.PERSON)
EXPLANATIONS = {feature.name: feature.explanation for feature in (*FEATURES, DOCUMENT)}


def query_name(subject: Subject, query: NormalisedName) -> NormalisedName:
    """The subject's name as name-v2 compares it: ``query``, unless the caller normalised it
    without spelling the scripts name-v2 spells (name-v1's ``normalise_name``)."""
    if spell_khmer(subject.name) == subject.name:
        return query
    return normalise_name_v2(subject.name, subject.entity_type)


class _Query:
    """One subject's tokens and what the score of a listed name depends on."""

    __slots__ = ("floor", "length", "person", "tokens")

    def __init__(self, tokens: QueryTokens, subject: Subject, floor: float) -> None:
        self.tokens = tokens
        self.length = sum(map(len, tokens.tokens))
        self.person = subject.entity_type is EntityType.PERSON
        self.floor = floor

    def name_similarity(
        self, index: ScreeningIndex, name: int, person: bool, entry_need: float | None
    ) -> tuple[float, bool]:
        """How alike the query is to one listed name (weak aliases discounted), and whether
        only by the surname.

        With ``entry_need`` (``entry_needs``), a score that the entry's facts cannot lift to
        the threshold may come out lower than it is: the entry is not reported either way.
        Without, the name is scored in full.
        """
        offsets = index.name_offsets
        token_ids = index.name_tokens[offsets[name] : offsets[name + 1]]
        flags = index.name_flags[name]
        abjad = bool(flags & ABJAD)
        share = WEAK_ALIAS if flags & WEAK else 1.0
        query = self.tokens.tokens
        rows = self.tokens.rows(token_ids, abjad)
        tokens = index.tokens
        listed = [tokens[t] for t in token_ids]
        score = 0.0
        paired = person or self.person
        need = self.floor if entry_need is None else max(self.floor, entry_need / share)
        if ceiling(query, listed, rows, paired) >= need:
            score = align(query, listed, rows, paired)
        if score < JOINED and (entry_need is None or self._may_join(listed, abjad, need)):
            joined = joined_similarity(query, listed, abjad or self.tokens.abjad)
            score = max(score, JOINED * joined)
        if person:
            alone = surname_only(query, listed, rows)
            if alone > score:
                return alone * share, True
        return score * share, False

    def name_similarities(
        self,
        index: ScreeningIndex,
        names_of: dict[int, list[int]],
        needs: NDArray[np.float64],
    ) -> dict[int, tuple[float, bool]]:
        """``name_similarity`` of every name of ``names_of`` (entries and their names), with
        each entry's need in ``needs`` (below 0: scored in full), in one compiled pass."""
        names = [name for entry_names in names_of.values() for name in entry_names]
        if not names:
            return {}
        entry_type = index.entry_type
        tokens = self.tokens
        layout = postings(index)
        entries = list(names_of)
        scores, alone, todo = score_entries(
            tuple(tokens.probe),
            tokens.abjad,
            self.person,
            tokens.bent,
            vocabulary(tokens.forms),
            np.asarray(names, dtype=np.int64),
            np.fromiter(map(len, names_of.values()), dtype=np.int64, count=len(entries)),
            needs,
            layout.entry_type[entries] == _PERSON,
            self.floor,
            WEAK_ALIAS,
            WEAK,
            ABJAD,
            (layout.name_offsets, layout.name_tokens, layout.name_flags),
        )
        found = dict(zip(names, zip(scores.tolist(), alone.tolist(), strict=True), strict=True))
        for k in np.flatnonzero(todo).tolist():
            # A compound was found: its joined token's weight is Python's to work out.
            name = names[k]
            entry = index.name_entry[name]
            need = float(needs[entries.index(entry)])
            found[name] = self.name_similarity(
                index, name, entry_type[entry] == _PERSON, None if need < 0 else need
            )
        return found

    def _may_join(self, listed: Sequence[str], abjad: bool, need: float) -> bool:
        """The names written without spaces may be alike enough to give ``need``.

        Their edit similarity is at most one less the difference of their lengths over the
        longer: names of lengths too far apart need not be compared (letters only).
        """
        if need > JOINED:
            return False
        if abjad or self.tokens.abjad:
            return True
        mine, theirs = self.length, sum(map(len, listed))
        longest = max(mine, theirs)
        return longest - min(mine, theirs) <= (1.0 - need / JOINED) * longest + 1e-9


def entry_needs(
    index: ScreeningIndex,
    subject: Subject,
    entries: Sequence[int],
    documented: set[int],
    threshold: float,
) -> NDArray[np.float64]:
    """For each candidate entry, a name score below which its facts cannot lift it to the
    threshold (over 1: none can); -1 for an entry with the subject's document, which is
    scored whatever its name.

    Worked out from the birth dates alone (the other facts are taken to agree): in a large
    list most candidates are other people born in other years, whose names would have to
    be near-identical to count, and knowing that first spares aligning them.
    """
    nationality = bool(subject.nationality)
    table = np.array(
        [_best_case_floor(threshold, agreement, nationality) for agreement in _BY_VALUE]
    )
    birth_date = subject.birth_date
    if not birth_date or not entries:
        needs = np.full(len(entries), table[DateAgreement.UNKNOWN.value])
    else:
        agreements = _agreements(index, birth_date, entries)
        needs = table[agreements]
    if documented:
        needs[[k for k, entry in enumerate(entries) if entry in documented]] = -1.0
    return needs


_BY_VALUE = sorted(DateAgreement, key=lambda agreement: agreement.value)


def _agreements(
    index: ScreeningIndex, birth_date: str, entries: Sequence[int]
) -> NDArray[np.int64]:
    """``_dates_agreement`` of the subject's birth date with each entry's, as values."""
    numbers = np.asarray(entries, dtype=np.int64)
    if birth_date.isascii():
        found = date_agreements(
            np.frombuffer(birth_date.encode("ascii"), dtype=np.uint8),
            numbers,
            *date_column(index),
        )
    else:
        found = np.full(len(numbers), IN_PYTHON_DATES, dtype=np.int64)
    for k in np.flatnonzero(found == IN_PYTHON_DATES).tolist():
        found[k] = _dates_agreement(birth_date, index.birth_dates(entries[k])).value
    return found


def _dates_agreement(birth_date: str, listed: Sequence[str]) -> DateAgreement:
    """``birth_date_agreement`` of a subject born on ``birth_date`` and an entry born on
    ``listed``, each date read once: most of a large list shares a few thousand dates."""
    if not listed:
        return DateAgreement.UNKNOWN
    query = _date_parts(birth_date)
    if len(listed) == 1:
        return _agreement(query, _date_parts(listed[0]))
    return max((_agreement(query, _date_parts(date)) for date in listed), key=_RANKS.__getitem__)


_RANKS = {agreement: agreement.value for agreement in DateAgreement}


_date_parts = lru_cache(maxsize=65_536)(_parts)


@lru_cache(maxsize=1_024)
def _best_case_floor(threshold: float, agreement: DateAgreement, nationality: bool) -> float:
    """The lowest name score lifted to ``threshold`` when the birth dates agree so, and the
    nationality, if given, is the same and nothing else conflicts.

    Every other feature would only lower the score of a name at least as alike (a feature
    that lifts closes part of the gap to 1; one that lowers takes a fixed amount off).
    """
    lifts = []
    for position, feature in enumerate(FEATURES):
        date = _DATE_FEATURES.get(feature.function)
        if date is agreement or (nationality and feature.function is nationality_same):
            lifts.append((position, 1.0))
    return _entry_floor(threshold, tuple(lifts))


class NameV2:
    """The second BorderOps screening algorithm (see the module docstring)."""

    name = NAME

    def normalise(self, name: str, entity_type: EntityType) -> NormalisedName:
        """The subject's name as name-v2 compares it: Khmer spelt out first."""
        return normalise_name_v2(name, entity_type)

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
                resemble=tokens if initials else None,
                # Twice the hits asked for, so a subject may get ``limit`` of them.
                scored=max(SCORED, 2 * limit),
            )
            for name in candidates:
                names_of.setdefault(index.name_entry[name], []).append(name)
        documented = index.identifier_entries(subject_identifiers(subject))
        for entry in documented - names_of.keys():
            names_of[entry] = list(index.entry_name_range(entry)) if query.usable else []
        entries = list(names_of)
        # A documented entry is reported whatever its name scores: scored in full.
        needs = entry_needs(index, subject, entries, documented, threshold)
        similarity_of = compared.name_similarities(index, names_of, needs)
        hits = []
        for entry, names, need in zip(entries, names_of.values(), needs.tolist(), strict=True):
            name, similarity, alone = _best_of(names, similarity_of)
            if need >= 0 and (similarity < floor or similarity < need):
                continue
            listed = index.listed_facts(entry)
            applying = _applying(subject, listed)
            if _score(subject, listed, similarity, applying) >= threshold:
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


def _best_of(
    names: list[int], similarity_of: dict[int, tuple[float, bool]]
) -> tuple[int, float, bool]:
    """The entry's name most like the query, among those blocking found (weak ones discounted)."""
    best_name, best, best_alone = (names[0] if names else -1), 0.0, False
    for name in names:
        similarity, alone = similarity_of[name]
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


def _score(
    subject: Subject,
    listed: ListedFacts,
    similarity: float,
    applying: list[tuple[Feature, float]],
) -> float:
    """The final score, as ``_hit`` computes it, without building the hit."""
    score = _lifted(applying, similarity)
    if DOCUMENT.function(subject, listed):
        score = max(score, DOCUMENT_FLOOR + (1.0 - DOCUMENT_FLOOR) * similarity)
    return min(1.0, max(0.0, score))


def _lifted(applying: Sequence[tuple[Feature, float]], similarity: float) -> float:
    score = similarity
    for feature, value in applying:
        score += _contribution(feature, value, score)
    return score


def _clipped(applying: Sequence[tuple[Feature, float]], similarity: float) -> float:
    """The score without a document, clipped to [0, 1] as ``_score`` clips it."""
    return min(1.0, max(0.0, _lifted(applying, similarity)))


@lru_cache(maxsize=4_096)
def _entry_floor(threshold: float, signature: tuple[tuple[int, float], ...]) -> float:
    """The lowest name score the features of ``signature`` (positions in ``FEATURES`` and
    values) lift to ``threshold``; over 1 when no name score is lifted that far."""
    applying = [(FEATURES[position], value) for position, value in signature]
    if _clipped(applying, 1.0) < threshold:
        return 2.0
    low, high = 0.0, 1.0
    for _ in range(30):
        middle = (low + high) / 2
        if _clipped(applying, middle) >= threshold:
            high = middle
        else:
            low = middle
    # A little under the exact bound: contributions are rounded to 1e-4, so the score rises
    # with the name's only to within that.
    return max(0.0, low - 1e-3)


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
