"""name-v2: the misses of name-v1 it finds, the scores it keeps, and the index it needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import borderops.core.screening.algorithms.name_v2 as name_v2
from borderops.core.lists.types import EntityType, ListEntry
from borderops.core.screening import (
    DEFAULT_THRESHOLD,
    IndexFormatError,
    ScreeningIndex,
    Subject,
    UnusableReason,
    build_index,
    get_algorithm,
    load_index,
    normalise_name,
    screen,
    screen_one,
)
from borderops.core.screening.algorithms.name_v2.blocking import (
    SCORED,
    QueryTokens,
    candidate_names,
)
from borderops.core.screening.algorithms.name_v2.names import (
    TokenForms,
    similarity_row,
    token_similarity,
)
from borderops.core.screening.normalise_v2 import normalise_name_v2, sound_skeleton
from borderops.core.screening.store import read_sections, write_sections

from .conftest import make_entry

EntryFactory = Callable[..., ListEntry]
PERSON, ORG = EntityType.PERSON, EntityType.ORGANIZATION
V2 = "name-v2"
PUTIN = "PUTIN, Vladimir Vladimirovich"
KHMER_PUTIN = "វ៉្លាឌីមៀរ ពូទីន"

CASES = [
    # (query, listed name, listed entity type, should match?)
    ("Maria Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),
    ("Maria Garzia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # typo
    ("Mraia Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, True),  # transposition
    ("Maria Garcialopez", "GARCIA-LOPEZ, Maria", PERSON, True),  # compound written joined
    ("Vladimir V. Putin", PUTIN, PERSON, True),  # initial
    ("J. Smith", "SMITH, John", PERSON, True),
    ("Владимир Путин", "PUTIN, Vladimir", PERSON, True),
    ("习近平", "Xi Jinping", PERSON, True),
    ("בנימין נתניהו", "Benjamin Netanyahu", PERSON, True),
    ("Sheikh Osama bin Laden", "OSAMA BIN LADEN", PERSON, True),
    ("ACME", "ACME LLC", ORG, True),
    ("Hua PAO", "PAO, Hua Chiang", PERSON, True),  # "PAO" is a surname, not ПАО
    ("블라디미르 푸틴", PUTIN, PERSON, True),  # Hangul
    ("ウラジーミル・プーチン", PUTIN, PERSON, True),  # katakana
    ("Vladimir Puchin", PUTIN, PERSON, True),  # a romanisation of プーチン
    ("ACME LLC", "ZENITH LLC", ORG, False),  # a legal form never matches alone
    ("Mary Smith", "SMITH, John", PERSON, False),
    ("Juan Garcia Lopez", "GARCIA LOPEZ, Maria", PERSON, False),
    ("Smith", "SMITH, John", PERSON, False),  # a surname alone, without facts
    ("President Putin", PUTIN, PERSON, False),
    ("Li Wen", "Li Wei", PERSON, False),
    ("Vladimir Petrov", "PUTIN, Vladimir", PERSON, False),
    ("Hua Pao", "PAPO", PERSON, False),
]


@pytest.mark.parametrize(("query", "listed", "entity_type", "should_match"), CASES)
def test_name_matching(
    entry: EntryFactory, query: str, listed: str, entity_type: EntityType, should_match: bool
) -> None:
    # given a list with one entry
    index = build_index([entry(listed, entity_type=entity_type)])
    # when a subject with that spelling is screened with name-v2
    result = screen_one(index, Subject("q", query), algorithm=V2)
    # then it is hit exactly when it should be
    assert bool(result.hits) is should_match, [h.explanation for h in result.hits]


def test_name_v1_still_misses_what_name_v2_finds(entry: EntryFactory) -> None:
    # given the person "PAO, Hua Chiang" and Putin
    index = build_index([entry("PAO, Hua Chiang", entry_id="PAO"), entry(PUTIN, entry_id="VVP")])
    subjects = [Subject("pao", "Hua PAO"), Subject("kana", "ウラジーミル・プーチン")]
    # when both algorithms screen the spellings name-v1 missed
    old = screen(index, subjects, algorithm="name-v1")
    new = screen(index, subjects, algorithm=V2)
    # then name-v1's results are what they were (no hit), and name-v2 finds both
    assert old.hits == []
    assert {(h.query_id, h.entry_id) for h in new.hits} == {("pao", "PAO"), ("kana", "VVP")}
    assert {h.algorithm for h in new.hits} == {V2}


def test_a_khmer_spelling_is_romanised_and_found(entry: EntryFactory) -> None:
    # given Putin listed in Latin letters, and his name in Khmer
    index = build_index([entry(PUTIN)])
    subject = Subject("q", KHMER_PUTIN)
    # when name-v2 spells the Khmer (rigour and ICU cannot) and screens it
    query = normalise_name_v2(subject.name, subject.entity_type)
    hits = get_algorithm(V2).screen_subject(
        index, subject, normalise_name(subject.name), threshold=DEFAULT_THRESHOLD, limit=10
    )
    # then the name has tokens, and Putin is hit
    assert query.tokens == ("vladimier", "putin")
    assert [hit.entry_id for hit in hits] == ["E1"]


def test_screen_lets_name_v2_read_a_khmer_name(watchlist: ScreeningIndex) -> None:
    # given the watchlist, with Putin listed as on SDN, and his name written in Khmer
    subject = Subject("km", KHMER_PUTIN)
    # when screen() is asked to use name-v2
    result = screen(watchlist, [subject], algorithm=V2)
    # then name-v2 normalises the name itself, so it is usable and hits Putin
    assert result.unusable == []
    assert [hit.entry_id for hit in result.hits][:1] == ["P-PUTIN"]


def test_screen_with_name_v1_still_finds_a_khmer_name_unusable(watchlist: ScreeningIndex) -> None:
    # name-v1 normalises as it always did: Khmer has nothing it can compare
    result = screen(watchlist, [Subject("km", KHMER_PUTIN)], algorithm="name-v1")
    assert result.hits == []
    assert [problem.reason for problem in result.unusable] == [UnusableReason.NAME_WITHOUT_TOKENS]


def test_workers_let_name_v2_read_khmer_names_too(watchlist: ScreeningIndex) -> None:
    subjects = [Subject(f"q{n}", (KHMER_PUTIN, "Nobody Atall")[n % 2]) for n in range(450)]
    alone = screen(watchlist, subjects, algorithm=V2)
    shared = screen(watchlist, subjects, algorithm=V2, workers=2)
    assert shared == alone
    assert len({hit.query_id for hit in alone.hits if hit.entry_id == "P-PUTIN"}) == 225


@pytest.mark.parametrize(
    "name", ["PUTIN, Vladimir", "ACME LLC", KHMER_PUTIN, "블라디미르 푸틴", "Dr.", ""]
)
def test_each_algorithm_normalises_as_its_own_function_does(name: str) -> None:
    for entity_type in (EntityType.UNKNOWN, PERSON, ORG):
        assert get_algorithm("name-v1").normalise(name, entity_type) == normalise_name(
            name, entity_type
        )
        assert get_algorithm(V2).normalise(name, entity_type) == normalise_name_v2(
            name, entity_type
        )


@pytest.mark.parametrize("spelling", ["pusin", "puchin", "pucin", "putsin", "poutin"])
def test_romanisations_that_bend_consonants_sound_alike(spelling: str) -> None:
    assert sound_skeleton(spelling) == sound_skeleton("putin")


def _putin_score(entry: EntryFactory, **facts: object) -> float:
    index = build_index(
        [
            entry(PUTIN, entry_id="VVP", birth_dates=("1952-10-07",), nationalities=("RU",)),
            entry("PETINA, Irina Alexandrovna", entry_id="PETINA"),
        ]
    )
    subject = Subject("q", "Mr Putin", **facts)  # type: ignore[arg-type]
    hits = screen_one(index, subject, threshold=0.0, algorithm=V2).hits
    if not facts:
        assert hits[0].entry_id == "VVP", [h.explanation for h in hits]
    return next(hit.score for hit in hits if hit.entry_id == "VVP")


def test_a_surname_alone_is_plausible_and_needs_agreeing_facts(entry: EntryFactory) -> None:
    # given Putin listed with his birth date and nationality
    # when "Mr Putin" is screened without facts, with his birth date, and with both
    alone = _putin_score(entry)
    dated = _putin_score(entry, birth_date="1952-10-07")
    both = _putin_score(entry, birth_date="1952-10-07", nationality="RU")
    wrong = _putin_score(entry, birth_date="1980-01-01", nationality="RU")
    # then he ranks first on the name alone, but only a birth date and nationality that
    # both agree take him over the default threshold
    assert 0.5 <= alone < dated < DEFAULT_THRESHOLD <= both
    assert wrong < alone


def test_a_surname_alone_says_so_in_the_name_feature(entry: EntryFactory) -> None:
    index = build_index([entry(PUTIN)])
    hit = screen_one(index, Subject("q", "Putin"), threshold=0.0, algorithm=V2).hits[0]
    name = hit.features[0]
    assert "(surname only)" in name.detail
    assert "surname" in name.explanation


def test_scores_are_in_range_and_spread(entry: EntryFactory) -> None:
    # given one listed person
    index = build_index([entry("GARCIA LOPEZ, Maria")])
    # when ever further spellings are screened
    queries = ("Maria Garcia Lopez", "Maria Garzia Lopez", "Mria Garzia Lopez", "Maria Lopez")
    scores = [
        screen_one(index, Subject("q", query), threshold=0.0, algorithm=V2).hits[0].score
        for query in queries
    ]
    # then the scores fall with each difference, and only the exact name scores 1
    assert scores[0] == 1.0
    assert scores[0] > scores[1] > scores[2]
    assert len(set(scores)) == len(scores)
    assert all(0.0 <= score <= 1.0 for score in scores)


def test_the_explanation_names_each_feature(entry: EntryFactory) -> None:
    index = build_index(
        [entry("GARCIA LOPEZ, Maria", birth_dates=("1970-05-12",), nationalities=("MX",))]
    )
    subject = Subject("q", "Maria Garzia Lopez", birth_date="1970-05-12", nationality="MX")
    hit = screen_one(index, subject, algorithm=V2).hits[0]
    assert hit.explanation.startswith("name 0.9")
    assert "birth date 1970-05-12 exact +" in hit.explanation
    assert "nationality MX same +" in hit.explanation
    assert hit.explanation.endswith("document none")
    assert hit.algorithm == V2


def test_blocking_scores_a_bounded_number_of_names(entry: EntryFactory) -> None:
    # given many listed people who share a first name and a surname
    index = build_index(
        entry(f"SMITH, John {chr(97 + n % 26)}{n}", entry_id=f"S{n}") for n in range(3 * SCORED)
    )
    # when "John Smith" is blocked
    query = QueryTokens(index, normalise_name("John Smith"), bent=False)
    groups, own = query.groups()
    # then at most SCORED names are candidates, however many carry both tokens
    assert len(candidate_names(index, groups, own=own)) == SCORED


def test_workers_give_the_same_hits(entry: EntryFactory) -> None:
    index = build_index([entry("GARCIA LOPEZ, Maria"), entry(PUTIN, entry_id="E2")])
    subjects = [
        Subject(f"q{n}", ("Maria Garzia Lopez", "Putin Vladimir", "Nobody Atall")[n % 3])
        for n in range(450)
    ]
    alone = screen(index, subjects, algorithm=V2)
    shared = screen(index, subjects, algorithm=V2, workers=2)
    assert shared == alone


def test_a_saved_index_gives_identical_name_v2_hits(
    watchlist: ScreeningIndex, tmp_path: Path
) -> None:
    # given the watchlist saved and loaded again
    path = tmp_path / "index.bin"
    watchlist.save(path)
    loaded = load_index(path)
    # then the pair postings are the same, and so are the hits
    assert loaded.pair_keys == watchlist.pair_keys
    assert loaded.pair_names == watchlist.pair_names
    subjects = [Subject("a", "Maria Garzia Lopez"), Subject("b", "블라디미르 푸틴")]
    assert screen(loaded, subjects, algorithm=V2) == screen(watchlist, subjects, algorithm=V2)
    assert screen(loaded, subjects, algorithm=V2).hits


def test_an_index_saved_before_name_v2_is_refused_clearly(
    watchlist: ScreeningIndex, tmp_path: Path
) -> None:
    # given an index file in the layout before pair postings
    path = tmp_path / "index.bin"
    watchlist.save(path)
    meta, sections = read_sections(path)
    meta["layout"] = "screening-index-v1"
    for name in ("pair_keys", "pair_offsets", "pair_names", "sound_keys.hashes"):
        sections.pop(name)
    write_sections(path, meta, sections)
    # when it is loaded, then the error says why and what to do
    with pytest.raises(IndexFormatError, match="before name-v2") as raised:
        load_index(path)
    assert "Rebuild the index" in str(raised.value)


def test_token_similarities_in_one_pass_are_those_one_by_one() -> None:
    # given a vocabulary with initials, digits, Latin, abjad and bent romanisations
    vocabulary = [
        "vladimir", "putin", "pusin", "puchin", "beulladimileu", "munoz", "manos", "muniz",
        "mohammed", "mhmd", "muhamad", "v", "p", "1952", "19", "garcia", "garzia", "lopez",
        "jinping", "xi", "al", "pao", "llc", "vladimirovich", "aviacion", "urajimiru",
    ]  # fmt: skip
    forms = TokenForms(vocabulary)
    ids = list(range(len(vocabulary)))
    for query in [*vocabulary, "vlantimir", "pootin", "mx", "m", "7"]:
        for abjad in (False, True):
            for bent in (False, True):
                # when the row is worked out at once, then it is what each pair gives
                row = similarity_row(query, ids, forms, abjad, bent).tolist()
                expected = [token_similarity(query, token, abjad, bent) for token in vocabulary]
                assert row == expected, (query, abjad, bent)


def test_what_the_facts_need_never_loses_a_hit(monkeypatch: pytest.MonkeyPatch) -> None:
    # given many people sharing names, born on many dates in several countries
    index = build_index(
        make_entry(
            f"{('GARCIA LOPEZ', 'SMITH', 'PETROV')[n % 3]}, {('Maria', 'John', 'Ivan')[n % 4 % 3]}"
            + (" Ana" if n % 5 == 0 else ""),
            entry_id=f"E{n}",
            birth_dates=(f"{1950 + n % 7}-0{1 + n % 9}-1{n % 10}",),
            nationalities=(("MX", "US", "RU")[n % 3],),
            gender=("M", "F")[n % 2],
        )
        for n in range(300)
    )
    subjects = [
        Subject(
            f"s{n}",
            ("Maria Garcia Lopez", "Jon Smith", "Ivan Petrof", "Mr Smith", "Maria Ana Garzia")[
                n % 5
            ],
            birth_date=(None, "1953", "1951-02-11", "1955-11-02")[n % 4],
            nationality=(None, "MX", "RU")[n % 3],
            gender=(None, "F")[n % 2],
            entity_type=(EntityType.UNKNOWN, PERSON)[n % 2],
        )
        for n in range(60)
    ]
    # when name-v2 screens them at several thresholds, sparing names the facts rule out,
    # and again aligning every name in full
    spared = [screen(index, subjects, threshold=t, limit=50, algorithm=V2) for t in (0, 0.5, 0.75)]

    def nothing_spared(
        index: object, subject: object, entries: list[int], documented: set[int], threshold: float
    ) -> np.ndarray:
        return np.array([-1.0 if entry in documented else 0.0 for entry in entries])

    monkeypatch.setattr(name_v2, "entry_needs", nothing_spared)
    full = [screen(index, subjects, threshold=t, limit=50, algorithm=V2) for t in (0, 0.5, 0.75)]
    # then the hits are the same
    assert spared == full
    assert all(result.hits for result in full)
