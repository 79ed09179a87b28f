"""The EDIFACT layer: service string advice, segments, numbering and the envelope."""

from __future__ import annotations

import pytest

from borderops.core.formats.edifact import iter_segments, read_interchanges
from borderops.core.formats.types import EdifactError

ENVELOPE = "UNB+UNOA:4+S+R+240301:1200+IC1'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+M1'UNZ+1+IC1'"


def test_default_separators_give_numbered_segments_from_unb() -> None:
    segments = list(iter_segments(ENVELOPE))
    assert [(s.number, s.tag) for s in segments] == [
        (1, "UNB"), (2, "UNH"), (3, "BGM"), (4, "UNT"), (5, "UNZ"),
    ]  # fmt: skip
    assert segments[1].elements == (("M1",), ("PAXLST", "D", "05B", "UN", "IATA"))


SEPARATOR_CASES = [
    # (text, tag and elements of the second segment)
    ("UNA:+.? 'UNB+A'BGM+1:2+x'", ("BGM", (("1", "2"), ("x",)))),
    ("UNA:*.? $UNB*A$BGM*1:2*x$", ("BGM", (("1", "2"), ("x",)))),
    ("UNA:-.? *UNB-A*BGM-1:2-x*", ("BGM", (("1", "2"), ("x",)))),
    ("UNA:+.\\*'UNB+A'BGM+a\\+b:c\\'d'", ("BGM", (("a+b", "c'd"),))),
    ("UNB+A'FTX+O?'NEIL?:?+??'", ("FTX", (("O'NEIL:+?",),))),
    (" UNA:+.?*'\n UNB+A'\n BGM+745'", ("BGM", (("745",),))),
    ("UNB+A'\r\nDOC+P+SMITHJ\nR'", ("DOC", (("P",), ("SMITHJR",)))),
    ("UNB+A'BGM+745", ("BGM", (("745",),))),
    ("UNB+A'UNG +PAXLST'", ("UNG", (("PAXLST",),))),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATOR_CASES)
def test_separators_release_and_whitespace_are_read(
    text: str, expected: tuple[str, tuple[tuple[str, ...], ...]]
) -> None:
    second = list(iter_segments(text))[1]
    assert (second.tag, second.elements) == expected


UNA_ERRORS = [
    ("UNA:+\\*'\nUNB+A'", "has 5 characters"),
    ("UNA:+.\\*\u2019 UNB+A'", "U+2019"),
    ("UNA::.? 'UNB+A'", "two purposes"),
    ("UNA:A.? 'UNB+A'", "data separator"),
]


@pytest.mark.parametrize(("text", "reason"), UNA_ERRORS)
def test_unusable_service_string_advice_is_refused(text: str, reason: str) -> None:
    with pytest.raises(EdifactError) as caught:
        list(iter_segments(text))
    assert (caught.value.segment_tag, caught.value.segment_number) == ("UNA", None)
    assert reason in str(caught.value) and str(caught.value).startswith("UNA: ")


ENVELOPE_ERRORS = [
    # (text, segment number, tag, words of the reason)
    (ENVELOPE.replace("UNT+3", "UNT+9"), 4, "UNT", "UNT counts '9' segments"),
    (ENVELOPE.replace("UNT+3+M1", "UNT+3+M2"), 4, "UNT", "differs from UNH's 'M1'"),
    (ENVELOPE.replace("UNZ+1+IC1", "UNZ+2+IC1"), 5, "UNZ", "UNZ counts '2'"),
    (ENVELOPE.replace("UNZ+1+IC1", "UNZ+1+IC9"), 5, "UNZ", "differs from UNB's 'IC1'"),
    (ENVELOPE + "\nnotes 13Nov09", 6, None, "after the UNZ trailer"),
]


@pytest.mark.parametrize(("text", "number", "tag", "reason"), ENVELOPE_ERRORS)
def test_control_counts_and_references_are_checked_unless_lenient(
    text: str, number: int, tag: str | None, reason: str
) -> None:
    with pytest.raises(EdifactError) as caught:
        read_interchanges(text)
    assert (caught.value.segment_number, caught.value.segment_tag) == (number, tag)
    assert reason in caught.value.reason
    assert len(read_interchanges(text, strict=False)[0].messages) == 1


STRUCTURE_ERRORS = [
    ("UNH+M1+PAXLST:D:05B'UNT+2+M1'", 1, "UNH", "expected UNB"),
    (ENVELOPE.replace("UNZ+1+IC1'", ""), 4, "UNT", "ends before the UNZ"),
    (ENVELOPE.replace("UNT+3+M1'UNZ+1+IC1'", "UNT+3+M1"), 4, "UNT", "ends before the UNZ"),
    (ENVELOPE.replace("UNT+3+M1'", ""), 4, "UNZ", "no UNT trailer"),
    (ENVELOPE.replace("BGM+745'", "BGM+745'bgm+1'"), 4, None, "segment tag"),
    ("UNB+UNOA:4+S+R+240399:1200+IC1'", 1, "UNB", "not a date"),
    ("UNB+UNOA:4+S+R+240301:1200+IC1'BGM+74?", 2, None, "release character"),
    ("UNB+UNOA:4+S+R'UNZ+0+'", 1, "UNB", "no interchange control reference"),
    ("", None, None, "no EDIFACT interchange"),
]


@pytest.mark.parametrize(("text", "number", "tag", "reason"), STRUCTURE_ERRORS)
def test_broken_structure_is_an_error_even_when_lenient(
    text: str, number: int | None, tag: str | None, reason: str
) -> None:
    for strict in (True, False):
        with pytest.raises(EdifactError) as caught:
            read_interchanges(text, strict=strict)
        assert (caught.value.segment_number, caught.value.segment_tag) == (number, tag)
        assert reason in caught.value.reason


def test_error_message_says_segment_tag_and_reason() -> None:
    error = EdifactError("DTM 329: '991399' is not a date", segment_number=12, segment_tag="DTM")
    assert str(error) == "segment 12 (DTM): DTM 329: '991399' is not a date"


def test_two_interchanges_in_one_file_are_both_read_with_running_numbers() -> None:
    interchanges = read_interchanges(ENVELOPE + "\n" + ENVELOPE)
    assert [len(i.messages) for i in interchanges] == [1, 1]
    assert interchanges[1].messages[0].header.number == 7


def test_groups_are_read_and_their_counts_checked() -> None:
    grouped = ENVELOPE.replace("UNH", "UNG+PAXLST+S+R+240301:1200+G1+UN+D:05B'UNH").replace(
        "UNZ", "UNE+1+G1'UNZ"
    )
    assert read_interchanges(grouped)[0].messages[0].reference == "M1"
    with pytest.raises(EdifactError, match="UNE counts '2'"):
        read_interchanges(grouped.replace("UNE+1", "UNE+2"))


FUZZ_FINDINGS = [
    # Counts that str.strip/str.isdigit accept but int() does not (found by atheris).
    ENVELOPE.replace("UNT+3", "UNT+\x1e\x1e3"),
    ENVELOPE.replace("UNT+3", "UNT+\u00b3"),
    ENVELOPE.replace("UNZ+1", "UNZ+\u0661"),
]


@pytest.mark.parametrize("text", FUZZ_FINDINGS)
def test_counts_in_other_scripts_are_a_parse_error_not_a_crash(text: str) -> None:
    with pytest.raises(EdifactError, match="counts"):
        read_interchanges(text)
