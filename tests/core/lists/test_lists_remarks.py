"""Reading OFAC remarks: dates and places of birth, nationality, documents, gender, IMO, aliases."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderops.core.lists import IdentityDocument, ListedName, NameKind, parse_remarks
from borderops.core.lists.remarks import remark_fragments

# (remarks text, field of RemarkFacts, expected value)
CASES: list[tuple[str, str, Any]] = [
    ("DOB 12 Jan 1970.", "birth_dates", ("1970-01-12",)),
    ("DOB 05 Sept 1970", "birth_dates", ("1970-09-05",)),
    ("DOB Sep 1938", "birth_dates", ("1938-09",)),
    ("DOB 1946", "birth_dates", ("1946",)),
    ("DOB circa 1970", "birth_dates", ("1970",)),
    ("DOB circa 1970", "approximate_birth_dates", ("1970",)),
    ("DOB circa 07 Jul 1966", "birth_dates", ("1966-07-07",)),
    ("DOB 1970 to 1972", "birth_dates", ("1970", "1971", "1972")),
    ("DOB 01 Jan 1961 to 31 Dec 1962", "birth_dates", ("1961", "1962")),
    ("DOB Mar 1962 to Feb 1963", "birth_dates", ("1962", "1963")),
    ("DOB circa 1979-1982", "birth_dates", ("1979", "1980", "1981", "1982")),
    (
        "DOB 10 Dec 1948; alt. DOB 1949; alt. DOB 31 Aug 1953",
        "birth_dates",
        ("1948-12-10", "1949", "1953-08-31"),
    ),
    ("DOB 31 Feb 1970", "birth_dates", ()),
    ("DOB 31 Feb 1970", "unparsed_birth_dates", ("31 Feb 1970",)),
    ("DOB 1972 to 1970", "unparsed_birth_dates", ("1972 to 1970",)),
    ("POB Baghdad, Iraq", "birth_places", ("Baghdad, Iraq",)),
    ("POB Giza, Egypt; alt. POB Cairo, Egypt.", "birth_places", ("Giza, Egypt", "Cairo, Egypt")),
    ("nationality Iran", "nationalities", ("IR",)),
    ("citizen Iran", "nationalities", ("IR",)),
    ("nationality Korea, North; alt. citizen Russia", "nationalities", ("KP", "RU")),
    ("nationality Syria; citizen Burma", "nationalities", ("SY", "MM")),
    ("nationality Congo, Democratic Republic of the", "nationalities", ("CD",)),
    (
        "nationality Cote d'Ivoire; citizen Venezuela; citizen Bolivia",
        "nationalities",
        ("CI", "VE", "BO"),
    ),
    ("nationality Saudi Arabia.", "nationalities", ("SA",)),
    ("nationality possibly Palestinian", "unresolved_countries", ("possibly Palestinian",)),
    ("Gender Male", "gender", "M"),
    ("Gender Female.", "gender", "F"),
    ("Gender Unknown", "gender", None),
    ("Passport A1234567 (Iran)", "documents", (IdentityDocument("A1234567", "passport", "IR"),)),
    (
        "Passport 563120630 (Korea, North) expires 20 Mar 2018",
        "documents",
        (IdentityDocument("563120630", "passport", "KP"),),
    ),
    (
        "Passport K754050 issued 26 May 1999 expires 25 May 2004",
        "documents",
        (IdentityDocument("K754050", "passport", None),),
    ),
    (
        "alt. Passport KZ 550207 (Pakistan)",
        "documents",
        (IdentityDocument("KZ 550207", "passport", "PK"),),
    ),
    (
        "National ID No. 123 (Colombia)",
        "documents",
        (IdentityDocument("123", "national_id", "CO"),),
    ),
    (
        "Cedula No. 16247821 (Colombia); Driver's License No. X12 (Mexico)",
        "documents",
        (
            IdentityDocument("16247821", "national_id", "CO"),
            IdentityDocument("X12", "other", "MX"),
        ),
    ),
    ("Passport issued in Sarajevo, Bosnia-Herzegovina", "documents", ()),
    ("Tax ID No. 123456 (Russia); Registration Number 1027700", "documents", ()),
    ("Vessel Registration Identification IMO 9187629", "imo_numbers", ("9187629",)),
    ("Identification Number IMO 7406784.", "imo_numbers", ("7406784",)),
    (
        "a.k.a. 'BNC'; f.k.a. 'SAND SWAN'; n.k.a. 'O'REILLY CO.'",
        "weak_aliases",
        (
            ListedName("BNC", NameKind.ALIAS, weak=True),
            ListedName("SAND SWAN", NameKind.FORMER, weak=True),
            ListedName("O'REILLY CO.", NameKind.NEW, weak=True),
        ),
    ),
    ("Linked To: BANCO NACIONAL DE CUBA.", "linked_to", ("BANCO NACIONAL DE CUBA",)),
    ("Aircraft Tail Number EP-FSA", "tail_numbers", ("EP-FSA",)),
]


@pytest.mark.parametrize(("remarks", "field", "expected"), CASES)
def test_remarks_fragment_is_read_into_its_field(remarks: str, field: str, expected: Any) -> None:
    # given a remarks text as OFAC writes it
    # when it is parsed
    facts = parse_remarks(remarks)

    # then the fact lands in its field
    assert getattr(facts, field) == expected


def test_a_full_remarks_text_gives_every_fact_at_once() -> None:
    remarks = (
        "DOB 12 Mar 1971; POB Riyadh, Saudi Arabia; nationality Palestinian; Gender Male; "
        "Passport 484824 (Egypt) issued 18 Jan 1984; a.k.a. 'ABU ZUBAIDA'; "
        "Additional Sanctions Information - Subject to Secondary Sanctions."
    )

    facts = parse_remarks(remarks)

    assert facts.birth_dates == ("1971-03-12",)
    assert facts.birth_places == ("Riyadh, Saudi Arabia",)
    assert facts.nationalities == ("PS",)
    assert facts.gender == "M"
    assert facts.documents == (IdentityDocument("484824", "passport", "EG"),)
    assert facts.weak_aliases == (ListedName("ABU ZUBAIDA", NameKind.ALIAS, weak=True),)


def test_empty_remarks_say_nothing() -> None:
    facts = parse_remarks("")

    assert (facts.birth_dates, facts.documents, facts.weak_aliases) == ((), (), ())
    assert facts.gender is None


def test_remarks_fragments_drop_the_closing_full_stop_and_blanks() -> None:
    assert remark_fragments(" DOB 1970; ; Gender Male. ") == ["DOB 1970", "Gender Male"]


@given(st.text())
def test_the_remarks_parser_never_crashes_on_arbitrary_text(text: str) -> None:
    facts = parse_remarks(text)

    assert all(isinstance(date, str) for date in facts.birth_dates)


REMARK_WORDS = st.sampled_from(
    ["DOB", "alt. DOB", "POB", "nationality", "citizen", "Passport", "National ID No.",
     "Gender", "a.k.a.", "Vessel Registration Identification IMO", "circa", "to", "(", ")",
     "'", ";", ".", "Jan", "1970", "12", "Iran", "Korea, North", "issued", "9187629"]
)  # fmt: skip


@given(st.lists(REMARK_WORDS, max_size=30).map(" ".join))
def test_the_remarks_parser_never_crashes_on_remark_like_text(text: str) -> None:
    facts = parse_remarks(text)

    assert all(len(code) == 2 and code.isupper() for code in facts.nationalities)
    assert all(document.number for document in facts.documents)
