"""name-v2's compiled kernels give exactly what the Python functions they mirror give.

The Python functions are the reference: rapidfuzz's OSA, ``consonant_skeleton``,
``names.token_similarity``, the features' ``birth_date_agreement`` and
``_Query.name_similarity``. Every float must be the same, not merely close, or hits could
change; ``screen()`` must give the hits the Python path gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from borderops.core.lists.types import EntityType, IdentityDocument, ListEntry
from borderops.core.screening import ScreeningIndex, Subject, build_index, screen
from borderops.core.screening.algorithms import name_v2
from borderops.core.screening.algorithms.name_v1.features import birth_date_agreement
from borderops.core.screening.algorithms.name_v2 import entry_needs, kernels
from borderops.core.screening.algorithms.name_v2.blocking import QueryTokens, date_column
from borderops.core.screening.algorithms.name_v2.names import (
    TokenForms,
    code_points,
    probe,
    similarity_matrix,
    similarity_row,
    token_similarity,
)
from borderops.core.screening.index import ENTITY_TYPES
from borderops.core.screening.normalise import NormalisedName, consonant_skeleton
from borderops.core.screening.normalise_v2 import lossy_script, normalise_name_v2

from .conftest import make_entry

# ``_Query``, ``_floor`` and ``_best_case_floor`` are private, but they are what the kernels
# replace or take their inputs from: ``_Query.name_similarity`` is the reference and
# ``_Query.name_similarities`` the compiled path, neither reachable from ``screen()`` one
# name at a time; ``_floor`` and ``_best_case_floor`` are how ``screen_subject`` and the
# entries' needs turn a threshold into name scores.
_Query = name_v2._Query
_floor = name_v2._floor
_best_case_floor = name_v2._best_case_floor

PERSON, ORG, UNKNOWN = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.UNKNOWN
V2 = "name-v2"
_PERSON = ENTITY_TYPES.index(PERSON)
# Letters that hit consonant skeletons' every path: vowels and h, w, v, y dropped, doubles.
SKELETON_LETTERS = "aeiouyhwvbcdklmnrst"
# rapidfuzz's cutoffs as name-v2 passes them (none, joined names, consonant skeletons,
# compounds, pairs), and the edges of a normalised similarity.
CUTOFFS = [0.0, 0.9, kernels._SKELETON_CUTOFF, 0.85, 0.7, 1.0]


def _text(codes: np.ndarray) -> str:
    return np.asarray(codes, dtype=np.int32).tobytes().decode("utf-32-le", "surrogatepass")


# ── one pair of strings ──────────────────────────────────────────────────────────────────

# Short strings: letters skeletons care about, any text (accents, CJK, astral, controls),
# and lone surrogates (``code_points`` keeps them, as Python's ``str`` does).
short_strings = st.one_of(
    st.text(st.sampled_from(SKELETON_LETTERS), max_size=12),
    st.text(max_size=10),
    st.text(
        st.one_of(
            st.sampled_from("abc"), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
        ),
        max_size=6,
    ),
)
cutoffs = st.one_of(st.sampled_from(CUTOFFS), st.floats(0.0, 1.0))


@settings(max_examples=250, deadline=None)
@given(a=short_strings, b=short_strings, cutoff=cutoffs)
@example(a="", b="", cutoff=0.0)
@example(a="", b="", cutoff=0.9)
@example(a="", b="abc", cutoff=0.0)
@example(a="ab", b="ba", cutoff=0.0)  # a swap of neighbours is one edit
@example(a="ca", b="abc", cutoff=0.0)  # OSA, not Damerau: no edit inside a swapped pair
@example(a="abcdefghij", b="abcdefghix", cutoff=0.9)  # exactly at the cutoff
@example(a="a" * 19, b="a" * 18 + "b", cutoff=kernels._SKELETON_CUTOFF)  # just above it
@example(a="a" * 18, b="a" * 17 + "b", cutoff=kernels._SKELETON_CUTOFF)  # just below it
@example(a="müller", b="muller", cutoff=0.0)
@example(a="习近平", b="习平", cutoff=0.0)
@example(a="\U0001f600x", b="x\U0001f600", cutoff=0.0)
def test_osa_similarity_is_rapidfuzzs(a: str, b: str, cutoff: float) -> None:
    # given two strings as code points
    # when the kernel compares them, then it gives rapidfuzz's float exactly
    assert kernels.osa_similarity(code_points(a), code_points(b), cutoff) == (
        OSA.normalized_similarity(a, b, score_cutoff=cutoff)
    )
    assert kernels.osa_distance(code_points(a), code_points(b)) == OSA.distance(a, b)


@settings(max_examples=250, deadline=None)
@given(
    token=st.one_of(
        st.text(st.sampled_from(SKELETON_LETTERS), max_size=14),
        st.text(st.characters()),
    )
)
@example(token="")
@example(token="aeiou")  # all dropped: the token itself
@example(token="bashshar")
@example(token="abba")  # doubles that meet once the vowels go
@example(token="mohammed")
@example(token="ßß")
@example(token="BBb")  # upper case is neither a vowel nor the same letter
def test_skeleton_is_consonant_skeleton(token: str) -> None:
    assert _text(kernels.skeleton(code_points(token))) == consonant_skeleton(token)


def test_skeleton_keeps_doubled_newlines_as_consonant_skeleton_does() -> None:
    # consonant_skeleton's regex (.)\1+ does not match newlines; the kernel follows it.
    assert _text(kernels.skeleton(code_points("b\n\nc"))) == consonant_skeleton("b\n\nc")


@settings(max_examples=300, deadline=None)
@given(
    a=st.one_of(short_strings, st.text(st.sampled_from("abcé习"), min_size=56, max_size=64)),
    b=st.one_of(short_strings, st.text(st.sampled_from("abcé习"), min_size=50, max_size=80)),
)
@example(a="", b="abc")
@example(a="abc", b="")
@example(a="a" * 64, b="a" * 63 + "b")  # the pattern fills the word
@example(a="ab" * 32, b="ba" * 32)  # swaps all along
@example(a="é习" * 32, b="习é" * 33)  # no ASCII at all
def test_osa_by_bits_is_rapidfuzzs(a: str, b: str) -> None:
    # given a pattern of at most 64 characters
    table, chars, masks = kernels.pattern(code_points(a))
    # when the distance is worked out a word at a time, then it is rapidfuzz's
    assert kernels.osa_bits(table, chars, masks, len(a), code_points(b)) == OSA.distance(a, b)


# Tokens as normalised names hold them: lower-case letters (Latin and a few others), digits,
# initials; and a few too long for one machine word (joined names of companies).
_TOKEN_LETTERS = "aeiouyhwvbcdgjklmnprstxz"
tokens = st.one_of(
    st.text(st.sampled_from(_TOKEN_LETTERS), min_size=1, max_size=10),
    st.text(st.sampled_from("0123456789"), min_size=1, max_size=4),
    st.text(st.sampled_from(_TOKEN_LETTERS + "çéüßж习²"), min_size=1, max_size=6),
    st.text(st.sampled_from("bcdhlmnrst"), min_size=60, max_size=72),
)


@st.composite
def token_comparisons(draw: st.DrawFn) -> tuple[list[str], list[str], list[int], list[bool]]:
    """Query tokens, a vocabulary, the vocabulary tokens met (some twice, as two names
    share a token), and for each whether it is met as abjad letters."""
    vocabulary = draw(st.lists(tokens, min_size=1, max_size=10, unique=True))
    query = draw(st.lists(st.one_of(tokens, st.sampled_from(vocabulary)), min_size=1, max_size=3))
    ids = draw(st.lists(st.integers(0, len(vocabulary) - 1), max_size=16))
    kinds = draw(st.lists(st.booleans(), min_size=len(ids), max_size=len(ids)))
    return query, vocabulary, ids, kinds


@settings(max_examples=150, deadline=None)
@given(compared=token_comparisons(), bent=st.booleans())
@example(
    compared=(["putin"], ["pusin", "puchin", "putin", "p", "1952"], [0, 1, 2, 3, 4], [False] * 5),
    bent=False,
)
@example(compared=(["puchin", "vladimir"], ["putin", "vladimir"], [0, 1], [False] * 2), bent=True)
@example(compared=(["mhmd"], ["muhammad", "mohammed", "m"], [0, 1, 2, 0], [True] * 4), bent=True)
@example(compared=(["v", "putin"], ["v", "vladimir", "putin"], [0, 1, 2], [False] * 3), bent=False)
@example(compared=(["19"], ["19", "1952", "ab"], [0, 1, 2], [True] * 3), bent=True)
@example(compared=(["bshar"], ["bashar"], [0, 0, 0], [False, True, False]), bent=False)
def test_token_similarities_are_token_similarity(
    compared: tuple[list[str], list[str], list[int], list[bool]], bent: bool
) -> None:
    # given a vocabulary as the index lays it out, query tokens, and the tokens met
    query, vocabulary, ids, kinds = compared
    forms = TokenForms(vocabulary)
    # when the compiled pass compares each query token with each token met
    sims = similarity_matrix(
        probe(query, forms),
        np.asarray(ids, dtype=np.int64),
        np.asarray(kinds, dtype=np.bool_),
        bent,
        forms,
    )
    # then each similarity is the one ``token_similarity`` gives, exactly
    assert sims.tolist() == [
        [
            token_similarity(token, vocabulary[t], abjad, bent)
            for t, abjad in zip(ids, kinds, strict=True)
        ]
        for token in query
    ]
    # and one token alone is compared the same way
    abjad = kinds[:1] == [True]
    row = similarity_row(query[0], range(len(vocabulary)), forms, abjad, bent)
    assert row.tolist() == [token_similarity(query[0], token, abjad, bent) for token in vocabulary]


# ── birth dates ───────────────────────────────────────────────────────────────────────────

# Dates as lists and subjects write them: ISO, partial, padded, swapped, too long, wrong,
# in other digits, in digits that are not decimal ("²"); and any text of the characters a
# date parser cares about.
dates = st.one_of(
    st.builds(
        lambda space, parts, end: space + "-".join(parts) + end,
        st.sampled_from(["", " ", "\t", "\x1c"]),
        st.lists(
            st.sampled_from(["1952", "1953", "0952", "195", "10", "07", "7", "1", "12", "00"]),
            min_size=1,
            max_size=4,
        ),
        st.sampled_from(["", " ", "\n", "T12:00", "-", "x"]),
    ),
    st.text(st.sampled_from("0123456789-  \t\x1c\x1d\x1fT/x١²"), max_size=14),
    st.sampled_from(["1952-10-07", "1952-07-10", "1952-10-08", "١٩٥٢-10-07", "1952-١٠-07"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    birth_date=dates,
    listed=st.lists(st.lists(dates, max_size=3), min_size=1, max_size=4),
    threshold=st.sampled_from([0.0, 0.5, 0.75, 0.9]),
    nationality=st.sampled_from([None, "RU"]),
)
@example(birth_date="1952-10-07", listed=[["1952-07-10"]], threshold=0.75, nationality=None)
@example(birth_date=" 1952-10-07 ", listed=[["1952-10-07T12:00"]], threshold=0.75, nationality=None)
@example(birth_date="1952", listed=[["1953", "1952-10"], []], threshold=0.75, nationality="RU")
@example(birth_date="1952-10-07", listed=[["١٩٥٢-10-07"]], threshold=0.75, nationality=None)
@example(  # ``str.strip`` takes the information separators for spaces
    birth_date="\x1c1952-10-07\x1d", listed=[["\x1d1952-10-07 "]], threshold=0.75, nationality=None
)
def test_date_agreements_are_the_features(
    birth_date: str, listed: list[list[str]], threshold: float, nationality: str | None
) -> None:
    # given entries born on any dates, and a subject's birth date
    index = build_index(
        make_entry("A B", entry_id=f"E{n}", birth_dates=tuple(born))
        for n, born in enumerate(listed)
    )
    entries = list(range(index.entry_count))
    subject = Subject("q", "A B", birth_date=birth_date, nationality=nationality)
    expected = [birth_date_agreement(subject, index.listed_facts(entry)).value for entry in entries]
    # when the compiled pass reads the dates, then it agrees with the features' reading,
    # leaving to Python only dates not in ASCII
    if birth_date.isascii():
        found = kernels.date_agreements(
            np.frombuffer(birth_date.encode("ascii"), dtype=np.uint8),
            np.asarray(entries, dtype=np.int64),
            *date_column(index),
        ).tolist()
        for agreement, wanted, born in zip(found, expected, listed, strict=True):
            if agreement == kernels.IN_PYTHON_DATES:
                assert not all(map(str.isascii, born)), born
            else:
                assert agreement == wanted, born
    # and what each entry needs of its name is what those agreements give
    assert entry_needs(index, subject, entries, set(), threshold).tolist() == [
        _python_need(index, subject, entry, threshold) for entry in entries
    ]


def _python_need(index: ScreeningIndex, subject: Subject, entry: int, threshold: float) -> float:
    """What an entry's facts need of its name, read by ``birth_date_agreement`` (the
    features' own reading of the dates) rather than by the compiled one."""
    agreement = birth_date_agreement(subject, index.listed_facts(entry))
    return _best_case_floor(threshold, agreement, bool(subject.nationality))


# ── whole names: the compiled pass against name_similarity one name at a time ─────────────


@cache
def _index() -> ScreeningIndex:
    """People and organisations with the kinds of names each scoring path is for."""
    return build_index(
        [
            make_entry(
                "PUTIN, Vladimir Vladimirovich",
                "Владимир Путин",
                entry_id="P-PUTIN",
                birth_dates=("1952-10-07",),
                nationalities=("RU",),
                gender="M",
            ),
            make_entry("IVANOVA, Anna Petrovna", entry_id="P-IVANOVA", birth_dates=("1970",)),
            make_entry("Xi Jinping", entry_id="P-XI"),
            make_entry("ABDUL RAHMAN, Yasin", entry_id="P-YASIN"),  # "abdulrahman" joined
            make_entry("ABDULRAHMAN, Ahmed", entry_id="P-AHMED"),  # "abdul rahman" apart
            make_entry("PAO, Hua Chiang", entry_id="P-PAO"),  # a legal form as a surname
            make_entry("Bashar al-Assad", "بشار الأسد", entry_id="P-ASSAD"),
            make_entry("محمد بن سلمان", "Mohammed bin Salman", entry_id="P-MBS"),
            make_entry("בנימין נתניהו", "Benjamin Netanyahu", entry_id="P-NETANYAHU"),
            make_entry(
                "OSAMA BIN LADEN",
                weak=("ABU ABDALLAH",),
                entry_id="P-BINLADEN",
                birth_dates=("1957-03-10",),
            ),
            make_entry("Ludwig van Beethoven", "de la Cruz, Juan", entry_id="P-PARTICLES"),
            make_entry("J. R. SMITH", "SMITH, John", entry_id="P-SMITH", birth_dates=("1980",)),
            make_entry("Kim Jong Un", "김정은", entry_id="P-KIM"),
            make_entry("MADONNA", entry_id="P-MADONNA", birth_dates=("1958-08-16",)),  # one token
            make_entry(
                "GARCIA LOPEZ, Maria",
                entry_id="P-GARCIA",
                birth_dates=("1970-05-12",),
                nationalities=("MX",),
                documents=(IdentityDocument("G12345678", country="MX"),),
            ),
            make_entry("ACME LLC", entry_id="O-ACME", entity_type=ORG),
            make_entry("ZENITH LLC", entry_id="O-ZENITH", entity_type=ORG),
            make_entry("GAZPROM NEFT PAO", "PAO Gazprom Neft", entry_id="O-GAZ", entity_type=ORG),
            make_entry(
                "ROSOBORONEXPORT OAO",
                weak=("ROSOBORON EXPORT",),
                entry_id="O-ROE",
                entity_type=ORG,
                documents=(IdentityDocument("7718852163", kind="other", country="RU"),),
            ),
        ]
    )


class Outcomes:
    """What the kernel decided itself and what it left to Python, over a test's queries."""

    def __init__(self) -> None:
        self.exact: list[tuple[float, bool]] = []
        self.in_python = 0


# The compiled pass ``_Query.name_similarities`` calls: its scores, whether by the surname
# alone, and which names it left to Python (named ``score_names`` in earlier layouts).
_KERNEL = next(name for name in ("score_entries", "score_names") if hasattr(name_v2, name))


@pytest.fixture
def outcomes(monkeypatch: pytest.MonkeyPatch) -> Iterator[Outcomes]:
    """Wraps the compiled pass (as ``name_v2`` calls it) to record its decisions: equality
    proves little if every name went the Python way."""
    seen = Outcomes()
    compiled = getattr(name_v2, _KERNEL)

    def spy(*args: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        scores, alone, todo = compiled(*args)
        seen.exact += [
            (s, a)
            for s, a, t in zip(scores.tolist(), alone.tolist(), todo.tolist(), strict=True)
            if t == kernels.EXACT
        ]
        seen.in_python += int(np.count_nonzero(todo == kernels.IN_PYTHON))
        return scores, alone, todo

    monkeypatch.setattr(name_v2, _KERNEL, spy)
    yield seen


# Which entries get a floor from their facts (the rest are scored in full, as a documented
# entry is): all, none, and every other one in the same call.
FLOOR_MODES: dict[str, Callable[[int], bool]] = {
    "floors": lambda entry: True,
    "documented": lambda entry: False,
    "mixed": lambda entry: entry % 2 == 0,
}


def _assert_same_scores(
    index: ScreeningIndex,
    subject: Subject,
    query: NormalisedName,
    threshold: float,
    floored: Callable[[int], bool],
) -> dict[int, tuple[float, bool]]:
    """Every listed name's (score, surname alone) from the compiled pass and from
    ``name_similarity`` one name at a time are equal; set up as ``screen_subject`` does,
    with every entry a candidate."""
    floor = _floor(threshold, bool(subject.birth_date), bool(subject.nationality))
    tokens = QueryTokens(index, query, lossy_script(subject.name))
    compared = _Query(tokens, subject, floor)
    names_of = {entry: list(index.entry_name_range(entry)) for entry in range(index.entry_count)}
    entries = list(names_of)
    documented = {entry for entry in entries if not floored(entry)}
    needs = entry_needs(index, subject, entries, documented, threshold)
    python_needs = {
        entry: None if entry in documented else _python_need(index, subject, entry, threshold)
        for entry in entries
    }
    assert needs.tolist() == [-1.0 if n is None else n for n in python_needs.values()]
    compiled = compared.name_similarities(index, names_of, needs)
    one_by_one = {
        name: compared.name_similarity(
            index, name, index.entry_type[entry] == _PERSON, python_needs[entry]
        )
        for entry, names in names_of.items()
        for name in names
    }
    mismatched = {
        index.name_text[name]: (compiled[name], one_by_one[name])
        for name in one_by_one
        if compiled[name] != one_by_one[name]
    }
    assert not mismatched, (query, subject, threshold, documented, mismatched)
    assert compiled.keys() == one_by_one.keys()
    return compiled


QUERIES = [
    ("Vladimir Putin", PERSON),
    ("Vladimir Vladimirovich Putin", PERSON),
    ("Putin", PERSON),  # a surname alone
    ("Puttin", UNKNOWN),
    ("V. Putin", PERSON),  # an initial, which never stands for the surname
    ("Vladimir V Putin", PERSON),
    ("Владимир Путин", PERSON),
    ("ウラジーミル・プーチン", PERSON),  # bent consonants
    ("Vladimir Puchin", PERSON),
    ("Anna Ivanova", PERSON),  # the patronymic left over
    ("Anna Petrovna Ivanova", PERSON),
    ("Xi Jinping", PERSON),
    ("Xijinping", PERSON),  # joined
    ("Xi Jin Ping", PERSON),  # a compound split
    ("Jinping Xi", UNKNOWN),
    ("Jinping Ksj", UNKNOWN),  # only the tokens sorted and joined are alike
    ("Ksij Inpin", PERSON),  # split elsewhere: only the names joined are alike
    ("Abdulrahman Yasin", PERSON),  # a compound of the listed name's two tokens
    ("Ahmed Abdul Rahman", PERSON),  # two query tokens that join into a listed one
    ("Hua PAO", PERSON),
    ("Hua Chiang Pao", UNKNOWN),
    ("Bashar al-Assad", PERSON),
    ("بشار الأسد", PERSON),  # abjad
    ("Bashar Assad", UNKNOWN),
    ("محمد بن سلمان", PERSON),
    ("Mohamed bin Salman", PERSON),
    ("בנימין נתניהו", UNKNOWN),
    ("Osama bin Laden", PERSON),
    ("Abu Abdallah", PERSON),  # a weak alias
    ("Sheikh Osama bin Laden", PERSON),
    ("Ludwig van Beethoven", PERSON),  # particles
    ("Juan de la Cruz", PERSON),
    ("Juan Cruz", PERSON),
    ("J R Smith", PERSON),
    ("J. Smith", PERSON),
    ("John Smith", UNKNOWN),
    ("Smith", UNKNOWN),
    ("Kim Jong Un", PERSON),
    ("김정은", PERSON),
    ("Kimjongun", PERSON),
    ("Madona", PERSON),  # one token against one: never the surname alone
    ("Maria Garcia Lopez", PERSON),
    ("Maria Garcialopez", PERSON),
    ("Gazprom Neft", ORG),  # legal forms
    ("PAO Gazprom Neft", ORG),
    ("Gazprom Neft OOO", UNKNOWN),
    ("ACME", ORG),
    ("ACME Holdings LLC", ORG),
    ("Zenith LLC", PERSON),
    ("Rosoboron Export", ORG),
    ("Rosoboronexport", ORG),
]
SUBJECT_FACTS: list[dict[str, str | None]] = [
    {},
    {"birth_date": "1952-10-07", "nationality": "RU"},
    {"birth_date": "1970"},
]


@pytest.mark.parametrize(("name", "entity_type"), QUERIES, ids=[q for q, _ in QUERIES])
def test_compiled_name_scores_are_those_one_by_one(
    name: str, entity_type: EntityType, outcomes: Outcomes
) -> None:
    # given the index, and a subject of this name with and without facts, as a person or
    # not; asked at several thresholds, some entries floored by their facts, some in full
    index = _index()
    for facts in SUBJECT_FACTS:
        for kind in dict.fromkeys((entity_type, UNKNOWN)):
            subject = Subject("q", name, entity_type=kind, **facts)
            query = normalise_name_v2(subject.name, subject.entity_type)
            assert query.usable
            # (at 0.9 an entry born in another year cannot be reported: it needs over 1)
            for threshold in (0.0, 0.75, 0.9):
                for floored in FLOOR_MODES.values():
                    # when every listed name is scored in one compiled pass and one by one,
                    # then the scores are the same floats, and the same names surname-only
                    _assert_same_scores(index, subject, query, threshold, floored)
    # and the kernel decided names itself (it would prove little if Python did all)
    assert outcomes.exact


def test_the_queries_take_every_path_of_the_kernel(outcomes: Outcomes) -> None:
    # given the named queries, with no floor at all
    index = _index()
    scores = {}
    for name, entity_type in QUERIES:
        subject = Subject("q", name, entity_type=entity_type)
        query = normalise_name_v2(subject.name, subject.entity_type)
        scores[name] = _assert_same_scores(index, subject, query, 0.0, FLOOR_MODES["documented"])
    exact = outcomes.exact
    # then the kernel aligned names, scored names written joined (0.97 of a joined
    # similarity), surnames alone and weak aliases (0.9 of a score) itself, and left the
    # compounds to Python
    assert any(score == 1.0 for score, _ in exact)
    assert any(alone for _, alone in exact)
    assert any(0.9 * 0.97 <= score < 0.97 and not alone for score, alone in exact)
    assert any(score == pytest.approx(0.9) for score, _ in exact)
    assert outcomes.in_python > 0
    # and a name written joined scores as one, by the kernel
    xi = next(n for n in range(index.name_count) if index.name_text[n] == "Xi Jinping")
    assert scores["Xijinping"][xi] == (0.97, False)
    assert (0.97, False) in exact


_TYPO_LETTERS = "aeiouhjklmnprstvyz"
# Tokens the vocabulary may lack: particles, legal forms, initials, digits, patronymics.
_EXTRA_TOKENS = [
    "al", "van", "de", "bin", "llc", "pao", "ooo", "oao", "j", "v", "m", "1952",
    "sergeevich", "ivanovna",
]  # fmt: skip
_ABJAD_NAMES = ["محمد بن سلمان", "بشار الأسد", "عبد الرحمن", "אסאמה בן לאדן", "בנימין נתניהו"]


@st.composite
def misspelt(draw: st.DrawFn, token: str) -> str:
    """``token``, or it with one letter deleted, inserted, changed, or two swapped."""
    edit = draw(st.sampled_from(["none", "none", "delete", "insert", "change", "swap"]))
    at = draw(st.integers(0, len(token) - 1))
    letter = draw(st.sampled_from(_TYPO_LETTERS))
    if edit == "delete" and len(token) > 1:
        return token[:at] + token[at + 1 :]
    if edit == "insert":
        return token[:at] + letter + token[at:]
    if edit == "change":
        return token[:at] + letter + token[at + 1 :]
    if edit == "swap" and at + 1 < len(token):
        return token[:at] + token[at + 1] + token[at] + token[at + 2 :]
    return token


@st.composite
def query_names(draw: st.DrawFn) -> NormalisedName:
    """One to four tokens of the index's vocabulary, misspelt, two perhaps joined or one
    split, in abjad letters or not."""
    vocabulary = [*_index().tokens, *_EXTRA_TOKENS]
    count = draw(st.integers(1, 4))
    tokens = [draw(misspelt(draw(st.sampled_from(vocabulary)))) for _ in range(count)]
    if len(tokens) >= 2 and draw(st.booleans()):
        at = draw(st.integers(0, len(tokens) - 2))
        tokens[at : at + 2] = [tokens[at] + tokens[at + 1]]
    at = draw(st.integers(0, len(tokens) - 1))
    if len(tokens[at]) >= 4 and draw(st.booleans()):
        cut = draw(st.integers(2, len(tokens[at]) - 2))
        tokens[at : at + 1] = [tokens[at][:cut], tokens[at][cut:]]
    return NormalisedName(tuple(tokens), abjad=draw(st.booleans()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=query_names(),
    bent=st.booleans(),
    entity_type=st.sampled_from([PERSON, ORG, UNKNOWN]),
    facts=st.sampled_from(SUBJECT_FACTS),
    threshold=st.sampled_from([0.0, 0.5, 0.75, 0.9]),
    floored=st.sampled_from(list(FLOOR_MODES.values())),
)
def test_compiled_name_scores_of_misspelt_queries_are_those_one_by_one(
    query: NormalisedName,
    bent: bool,
    entity_type: EntityType,
    facts: dict[str, str | None],
    threshold: float,
    floored: Callable[[int], bool],
) -> None:
    # given a query of listed tokens, misspelt, joined or split, in any script kind
    index = _index()
    # The subject's name only says whether its script bends consonants: the tokens are
    # given already normalised, as ``QueryTokens`` takes them.
    subject = Subject("q", "ウ" if bent else "q", entity_type=entity_type, **facts)
    # when every listed name is scored in one compiled pass and one by one
    # then the scores are the same floats
    _assert_same_scores(index, subject, query, threshold, floored)


@st.composite
def listed_entries(draw: st.DrawFn) -> list[ListEntry]:
    """Two to four entries of one or two names each: the index's tokens misspelt (a
    patronymic, legal form or initial anywhere), or a name in Arabic or Hebrew letters;
    persons or organisations, names weak or not."""
    vocabulary = [*_index().tokens, *_EXTRA_TOKENS]
    entries = []
    for number in range(draw(st.integers(2, 4))):
        names = []
        for _ in range(draw(st.integers(1, 2))):
            if draw(st.integers(0, 5)) == 0:
                names.append(draw(st.sampled_from(_ABJAD_NAMES)))
            else:
                count = draw(st.integers(1, 4))
                names.append(
                    " ".join(
                        draw(misspelt(draw(st.sampled_from(vocabulary)))) for _ in range(count)
                    )
                )
        weak = tuple(names[1:]) if draw(st.booleans()) else ()
        entries.append(
            make_entry(
                *names[: len(names) - len(weak)],
                weak=weak,
                entry_id=f"E{number}",
                entity_type=draw(st.sampled_from([PERSON, ORG])),
                birth_dates=draw(st.sampled_from([(), ("1952-10-07",), ("1970",)])),
            )
        )
    return entries


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=listed_entries(),
    query=query_names(),
    bent=st.booleans(),
    entity_type=st.sampled_from([PERSON, ORG, UNKNOWN]),
    facts=st.sampled_from(SUBJECT_FACTS),
    threshold=st.sampled_from([0.0, 0.75]),
    floored=st.sampled_from(list(FLOOR_MODES.values())),
)
def test_compiled_name_scores_against_any_listed_names_are_those_one_by_one(
    entries: list[ListEntry],
    query: NormalisedName,
    bent: bool,
    entity_type: EntityType,
    facts: dict[str, str | None],
    threshold: float,
    floored: Callable[[int], bool],
) -> None:
    # given listed names made up as the queries are (the listed side has its own paths:
    # an initial for the surname, a compound of two listed tokens, a patronymic)
    index = build_index(entries)
    subject = Subject("q", "ウ" if bent else "q", entity_type=entity_type, **facts)
    # when every listed name is scored in one compiled pass and one by one
    # then the scores are the same floats
    _assert_same_scores(index, subject, query, threshold, floored)


# Names built so that one path decides: (listed names, query).
CORNERS = [
    # Written joined, only the tokens sorted are alike (the listed ones sorted in the kernel).
    (["A BC"], "C AB"),
    (["KS JIN PING"], "PING KSJIN"),
    (["DELTA CHARLIE BRAVO ALPHA"], "ALPHABRAVO CHARLIE DELTA"),
    # A token that starts another sorts first.
    (["AB ABC"], "ABC ABX"),
    (["ABC AB"], "ABABC"),
    (["ABC AB X"], "X ABCAB"),
    # The same token twice, on either side.
    (["IVAN IVAN PETROV"], "IVAN PETROV"),
    (["IVAN PETROV"], "IVAN IVAN PETROV"),
    # Initials: for a given name, never for the surname.
    (["J SMITH", "SMITH J"], "SMITH J"),
    (["J R SMITH"], "J SMITH R"),
    # Ties between pairs equally alike: the later query token and listed token first.
    (["ANNA ANNA", "ANNA ANNE"], "ANNE ANNA"),
    (["MARIA MARIO"], "MARIO MARIA MARIE"),
]


@pytest.mark.parametrize(("listed", "query"), CORNERS, ids=[q for _, q in CORNERS])
def test_compiled_name_scores_of_corner_cases_are_those_one_by_one(
    listed: list[str], query: str
) -> None:
    # given a list of the names, as a person's and as a company's
    index = build_index(
        [
            make_entry(*listed, entry_id="P", birth_dates=("1970",)),
            make_entry(*listed, entry_id="O", entity_type=ORG),
        ]
    )
    for entity_type in (PERSON, UNKNOWN):
        subject = Subject("q", query, entity_type=entity_type, birth_date="1970")
        normalised = normalise_name_v2(subject.name, subject.entity_type)
        for threshold in (0.0, 0.75):
            for floored in FLOOR_MODES.values():
                # when the names are scored compiled and one by one, then alike
                _assert_same_scores(index, subject, normalised, threshold, floored)


# ── screen() end to end ──────────────────────────────────────────────────────────────────

END_TO_END = [
    # (subject, the entry it must hit first, what the name feature must say)
    (Subject("pao", "Hua PAO"), "P-PAO", None),
    (Subject("split", "Xi Jin Ping"), "P-XI", None),
    (Subject("compound", "Ahmed Abdul Rahman"), "P-AHMED", None),
    (Subject("abjad", "بشار الأسد"), "P-ASSAD", None),
    (Subject("patronymic", "Anna Ivanova"), "P-IVANOVA", None),
    (Subject("kana", "ウラジーミル・プーチン"), "P-PUTIN", None),
    (Subject("weak", "Abu Abdallah"), "P-BINLADEN", "(weak alias)"),
    (
        Subject("surname", "Putin", birth_date="1952-10-07", nationality="RU", gender="M"),
        "P-PUTIN",
        "(surname only)",
    ),
    (Subject("company", "Gazprom Neft", entity_type=ORG), "O-GAZ", None),
    (Subject("document", "Nobody Special", document_number="G12345678"), "P-GARCIA", None),
]


def _python_name_similarities(
    self: Any, index: ScreeningIndex, names_of: dict[int, list[int]], needs: np.ndarray
) -> dict[int, tuple[float, bool]]:
    """``name_similarities`` as name-v2 worked it out before the kernels: one name at a
    time."""
    return {
        name: self.name_similarity(
            index, name, index.entry_type[entry] == _PERSON, None if need < 0 else need
        )
        for (entry, names), need in zip(names_of.items(), needs.tolist(), strict=True)
        for name in names
    }


def _python_entry_needs(
    index: ScreeningIndex,
    subject: Subject,
    entries: list[int],
    documented: set[int],
    threshold: float,
) -> np.ndarray:
    """``entry_needs`` with the dates read by the features' Python."""
    return np.array(
        [
            -1.0 if entry in documented else _python_need(index, subject, entry, threshold)
            for entry in entries
        ]
    )


def _python_rows(self: Any, token_ids: Any, abjad: bool) -> list[tuple[float, ...]]:
    """``QueryTokens.rows`` by ``token_similarity``, one pair at a time."""
    listed = [self.index.tokens[t] for t in token_ids]
    kind = self.abjad or abjad
    return [tuple(token_similarity(q, t, kind, self.bent) for t in listed) for q in self.tokens]


def test_screen_finds_the_tricky_names(monkeypatch: pytest.MonkeyPatch) -> None:
    # given the index, and subjects each of which takes a different path of the kernel
    index = _index()
    subjects = [subject for subject, _, _ in END_TO_END]
    # when name-v2 screens them compiled
    result = screen(index, subjects, algorithm=V2)
    # then each hits the entry it names first, saying why when the name alone would not
    first: dict[str, str] = {}
    for hit in result.hits:
        first.setdefault(hit.query_id, hit.entry_id)
    assert first == {subject.id: entry for subject, entry, _ in END_TO_END}
    for subject, entry, note in END_TO_END:
        hit = next(h for h in result.hits if h.query_id == subject.id and h.entry_id == entry)
        assert hit.algorithm == V2
        if note:
            assert note in hit.features[0].detail, hit.explanation
    # and a legal form shared by two companies is no hit
    llc = screen(index, [Subject("llc", "ACME LLC", entity_type=ORG)], algorithm=V2)
    assert [hit.entry_id for hit in llc.hits] == ["O-ACME"]
    # and the hits (scores, features, order), down to threshold 0, are those of the Python
    # path: dates, tokens and names compared one at a time (blocking stays compiled: it has
    # no Python twin)
    everything = screen(index, subjects, threshold=0.0, limit=50, algorithm=V2)
    monkeypatch.setattr(_Query, "name_similarities", _python_name_similarities)
    monkeypatch.setattr(name_v2, "entry_needs", _python_entry_needs)
    monkeypatch.setattr(QueryTokens, "rows", _python_rows)
    assert screen(index, subjects, algorithm=V2) == result
    assert screen(index, subjects, threshold=0.0, limit=50, algorithm=V2) == everything


@pytest.mark.xfail(
    strict=True,
    reason="blocking finds no candidate for one joined token ('ksijinping' has no similar "
    "vocabulary token and no pair); its name score would be 0.97. Before the kernels too.",
)
def test_screen_finds_a_name_written_joined() -> None:
    index = _index()
    # (the name alone scores 0.97: ``test_the_queries_take_every_path_of_the_kernel``)
    subject = Subject("joined", "Xijinping")
    hits = screen(index, [subject], threshold=0.0, algorithm=V2).hits
    assert [hit.entry_id for hit in hits][:1] == ["P-XI"]
