"""Document checks as a whole: the versioned rule table, results, MRZ input, advance-only runs."""

from __future__ import annotations

from datetime import date

import pytest

from borderops.core.documents.checks import (
    DEFAULT_RULESET,
    AdvanceRecord,
    CheckContext,
    DocumentKind,
    LostStolenMatch,
    PresentedDocument,
    Severity,
    UnknownRulesetError,
    check_document,
    checks_for_advance,
    get_ruleset,
    ruleset_names,
)
from borderops.core.documents.mrz import make_td3
from borderops.core.documents.parse import parse_mrz
from borderops.core.lists.types import EntityType, IdentityDocument, ListedName, ListEntry

ON = date(2026, 5, 28)
RULE_IDS = (
    "document.lost_stolen",
    "document.expired",
    "document.validity_implausible",
    "document.issuer_nationality_mismatch",
    "document.check_digit",
    "advance.not_on_manifest",
    "document.number_corrected",
    "document.mrz_malformed",
    "document.lost_stolen_other_issuer",
    "document.expires_during_stay",
    "advance.name_mismatch",
    "advance.birth_date_mismatch",
    "advance.document_number_mismatch",
    "advance.nationality_mismatch",
    "advance.expiry_mismatch",
    "advance.issuer_mismatch",
    "advance.sex_mismatch",
    "document.mrz_corrected",
)
GOOD = PresentedDocument(
    document_code="P",
    issuing_state="FRA",
    document_number="18CV12345",
    nationality="FRA",
    surname="MARTIN",
    given_names="CLAIRE",
    birth_date=date(1985, 2, 3),
    sex="F",
    expiry_date=date(2030, 1, 1),
)


def test_rule_set_v1_keeps_its_rule_ids_and_order() -> None:
    # given the published rule set
    ruleset = get_ruleset("document-checks-v1")

    # then its ids are exactly the ones findings already carry, in table order
    assert DEFAULT_RULESET == "document-checks-v1"
    assert ruleset_names() == ["document-checks-v1"]
    assert tuple(rule.id for rule in ruleset.rules) == RULE_IDS


def test_every_rule_explains_itself_in_one_sentence() -> None:
    for rule in get_ruleset().rules:
        assert rule.explanation.endswith("."), rule.id
        assert "\n" not in rule.explanation, rule.id
        assert rule.explanation != rule.id


def test_rules_are_listed_from_referral_to_information() -> None:
    order = [Severity.REFER, Severity.WARN, Severity.INFO]
    severities = [order.index(rule.severity) for rule in get_ruleset().rules]
    assert severities == sorted(severities)


def test_unknown_rule_set_names_the_known_ones() -> None:
    with pytest.raises(UnknownRulesetError, match="document-checks-v1"):
        get_ruleset("document-checks-v0")


def test_clean_document_has_no_findings() -> None:
    # given a valid passport, a stay within its validity and matching advance data
    advance = AdvanceRecord(
        surname="Martin",
        given_names="Claire",
        birth_date=date(1985, 2, 3),
        sex="F",
        nationality="FRA",
        document_type="P",
        document_number="18CV12345",
        document_expiry=date(2030, 1, 1),
        document_issuer="FRA",
    )
    context = CheckContext(on=ON, stay_until=date(2026, 6, 30), advance=advance)

    # when checked
    result = check_document(GOOD, context)

    # then nothing is found and no referral advised
    assert result.findings == ()
    assert result.ruleset == "document-checks-v1"
    assert not result.referral_advised


def test_referral_is_advised_when_any_finding_refers() -> None:
    # given an expired document (refer) travelling on a short stay
    document = PresentedDocument(document_code="P", expiry_date=date(2026, 1, 1))

    # when checked
    result = check_document(document, CheckContext(on=ON))

    # then
    assert result.rules() == ("document.expired",)
    assert result.findings[0].severity is Severity.REFER
    assert result.referral_advised


def test_warnings_alone_do_not_advise_referral() -> None:
    document = PresentedDocument(document_code="P", expiry_date=date(2026, 6, 1))

    result = check_document(document, CheckContext(on=ON, stay_until=date(2026, 6, 30)))

    assert result.rules() == ("document.expires_during_stay",)
    assert not result.referral_advised


def test_document_from_mrz_carries_every_field_and_the_reading() -> None:
    # given a passport MRZ
    lines = make_td3(
        issuing_state="D",
        surname="Müller",
        given_names="Jörg",
        document_number="C01X00T47",
        nationality="D",
        birth_date=date(1964, 8, 12),
        sex="M",
        expiry_date=date(2031, 10, 31),
    )
    reading = parse_mrz(lines, today=ON)

    # when it becomes a presented document
    document = PresentedDocument.from_mrz(reading)

    # then
    assert document == PresentedDocument(
        document_code="P",
        issuing_state="D",
        document_number="C01X00T47",
        nationality="D",
        surname="MUELLER",
        given_names="JOERG",
        birth_date=date(1964, 8, 12),
        sex="M",
        expiry_date=date(2031, 10, 31),
        issue_date=None,
        mrz=reading,
    )
    assert document.kind is DocumentKind.PASSPORT
    assert check_document(document, CheckContext(on=ON)).findings == ()


def test_unreadable_mrz_gives_a_document_with_no_fields_and_a_finding() -> None:
    reading = parse_mrz(["NOT AN MRZ"], today=ON)

    document = PresentedDocument.from_mrz(reading)
    result = check_document(document, CheckContext(on=ON))

    assert document.document_number is None and document.expiry_date is None
    assert result.rules() == ("document.mrz_malformed",)
    assert result.findings[0].reason == (
        "The MRZ is malformed: its line lengths match no ICAO 9303 format."
    )


def test_advance_checks_run_only_rules_advance_data_supports() -> None:
    # given a manifest entry for a stolen, expired, implausibly issued passport
    record = AdvanceRecord(
        surname="DOE",
        given_names="JOHN",
        nationality="FRA",
        document_type="P",
        document_number="X1234567",
        document_expiry=date(2026, 5, 1),
        document_issuer="DEU",
        document_issue_date=date(2026, 6, 1),
    )
    stolen = LostStolenMatch("lost_stolen_documents", "LS-7", "X1234567", "DE")

    # when checked before arrival
    result = checks_for_advance(record, on=ON, lost_stolen=(stolen,))

    # then the document's own rules report, and no rule needing the document or MRZ runs
    assert result.rules() == (
        "document.lost_stolen",
        "document.expired",
        "document.validity_implausible",
        "document.issuer_nationality_mismatch",
    )
    assert {rule.id for rule in get_ruleset().rules if rule.advance_data} == {
        "document.lost_stolen",
        "document.expired",
        "document.validity_implausible",
        "document.issuer_nationality_mismatch",
        "document.lost_stolen_other_issuer",
        "document.expires_during_stay",
    }


def test_advance_checks_warn_of_expiry_within_the_stay_with_the_months_rule() -> None:
    record = AdvanceRecord(document_type="P", document_expiry=date(2026, 9, 1))

    result = checks_for_advance(
        record, on=ON, stay_until=date(2026, 6, 15), validity_beyond_stay_months=3
    )

    assert [(f.rule, f.reason) for f in result.findings] == [
        (
            "document.expires_during_stay",
            "The passport expires on 2026-09-01, but must be valid until 2026-09-15, "
            "3 months after the end of the stay on 2026-06-15.",
        )
    ]


def test_advance_record_with_nothing_in_it_has_no_findings() -> None:
    assert checks_for_advance(AdvanceRecord(), on=ON).findings == ()


def test_lost_stolen_match_is_built_from_the_lookout_entry() -> None:
    # given a lookout entry for a stolen passport, as the agency's CSV loads it
    entry = ListEntry(
        list_name="lookouts",
        entry_id="LO-12",
        entity_type=EntityType.PERSON,
        names=(ListedName("DOE, John"),),
        documents=(IdentityDocument("AB 123", "passport", "GB"), IdentityDocument("X1234567")),
        reason="Reported stolen",
        handling="Seize",
        extra={"lookout_list": "lost_stolen_documents", "lookout_entity_type": "document"},
    )

    # when matched with the presented number
    match = LostStolenMatch.from_entry(entry, document_number="x1234567", list_version="v3")

    # then the listed document that matched is named
    assert match == LostStolenMatch(
        list_name="lost_stolen_documents",
        entry_id="LO-12",
        document_number="X1234567",
        issuing_country=None,
        reason="Reported stolen",
        handling="Seize",
        list_version="v3",
    )
