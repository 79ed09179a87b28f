"""The batch API: hits best first per subject, unusable subjects reported, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderops.core.lists.types import EntityType
from borderops.core.screening import (
    ScreeningIndex,
    Subject,
    UnknownAlgorithmError,
    UnusableReason,
    screen,
    screen_one,
)


def test_hits_come_grouped_by_subject_and_best_first(watchlist: ScreeningIndex) -> None:
    subjects = [
        Subject("a", "Maria Garzia Lopez", birth_date="1970-05-12"),
        Subject("b", "Vladimir Putin"),
        Subject("c", "Nobody At All"),
    ]
    result = screen(watchlist, subjects, threshold=0.3)
    assert [hit.query_id for hit in result.hits] == sorted(
        (hit.query_id for hit in result.hits), key="abc".index
    )
    for query_id in ("a", "b"):
        scores = [hit.score for hit in result.for_subject(query_id)]
        assert scores == sorted(scores, reverse=True)
    assert result.for_subject("a")[0].entry_id == "P-GARCIA"
    assert result.for_subject("b")[0].entry_id == "P-PUTIN"
    assert result.unusable == []


def test_the_limit_caps_hits_per_subject(watchlist: ScreeningIndex) -> None:
    result = screen(watchlist, [Subject("a", "Smith")], threshold=0.0, limit=1)
    assert len(result.hits) <= 1


def test_subjects_without_a_usable_name_or_document_are_reported(
    watchlist: ScreeningIndex,
) -> None:
    result = screen(
        watchlist,
        [Subject("empty", ""), Subject("title", "Dr."), Subject("form", "LLC")],
    )
    assert result.hits == []
    reasons = {problem.query_id: problem.reason for problem in result.unusable}
    assert reasons == {
        "empty": UnusableReason.NO_NAME,
        "title": UnusableReason.NAME_WITHOUT_TOKENS,
        "form": UnusableReason.NAME_WITHOUT_TOKENS,
    }
    assert all("give" in problem.message for problem in result.unusable)


def test_a_vessel_is_found_by_its_imo_number(watchlist: ScreeningIndex) -> None:
    subject = Subject("v", "", imo_number="IMO 9123456", entity_type=EntityType.VESSEL)
    assert [hit.entry_id for hit in screen_one(watchlist, subject).hits] == ["V-OCEAN"]


def test_screening_is_a_pure_function(watchlist: ScreeningIndex) -> None:
    subjects = [Subject("a", "Maria Garzia Lopez"), Subject("b", "J. Smith")]
    assert screen(watchlist, subjects) == screen(watchlist, subjects)


def test_an_unknown_algorithm_is_refused(watchlist: ScreeningIndex) -> None:
    with pytest.raises(UnknownAlgorithmError):
        screen(watchlist, [Subject("a", "x")], algorithm="name-v0")


def test_a_threshold_outside_zero_to_one_is_refused(watchlist: ScreeningIndex) -> None:
    with pytest.raises(ValueError, match="threshold"):
        screen(watchlist, [Subject("a", "x")], threshold=1.5)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=200),
    birth_date=st.none() | st.text(max_size=12),
    nationality=st.none() | st.text(max_size=3),
    document=st.none() | st.text(max_size=20),
    entity_type=st.sampled_from(list(EntityType)),
)
def test_screen_one_never_crashes(
    watchlist: ScreeningIndex,
    name: str,
    birth_date: str | None,
    nationality: str | None,
    document: str | None,
    entity_type: EntityType,
) -> None:
    subject = Subject(
        "q",
        name,
        birth_date=birth_date,
        nationality=nationality,
        document_number=document,
        entity_type=entity_type,
    )
    result = screen_one(watchlist, subject, threshold=0.0)
    assert all(0.0 <= hit.score <= 1.0 for hit in result.hits)
    assert len(result.hits) + len(result.unusable) >= 0


@pytest.mark.parametrize("algorithm", ["name-v1", "name-v2"])
@pytest.mark.parametrize("birth_date", ["195²", "²⁰²⁴-01-01", "1952-1²-07"])
def test_a_birth_date_in_digits_that_are_not_decimal_counts_as_unknown(
    watchlist: ScreeningIndex, algorithm: str, birth_date: str
) -> None:
    # given a subject whose birth date has superscript digits (``isdigit``, not decimal)
    subject = Subject("q", "Vladimir Putin", birth_date=birth_date)
    # when screened, then the name still finds him and the date neither helps nor crashes
    result = screen_one(watchlist, subject, algorithm=algorithm)
    [hit] = [hit for hit in result.hits if hit.entry_id == "P-PUTIN"]
    undated = screen_one(watchlist, Subject("q", "Vladimir Putin"), algorithm=algorithm)
    assert hit.score == next(h.score for h in undated.hits if h.entry_id == "P-PUTIN")


def test_a_ten_thousand_character_name_is_screened(watchlist: ScreeningIndex) -> None:
    result = screen_one(watchlist, Subject("q", "Vladimir Putin " * 700))
    assert result.unusable == []
