"""Names in any script reduced to the MRZ alphabet as ICAO Doc 9303 Part 3 recommends."""

from __future__ import annotations

import pytest

from borderops.core.documents.mrz import name_field
from borderops.core.documents.transliteration import latin_name, mrz_text

CASES = [
    # Latin letters with ICAO's own expansions, and accents simply dropped
    ("Müller", None, "MUELLER"),
    ("Åsa Ødegård", None, "AASA OEDEGAARD"),
    ("Ærø", None, "AEROE"),
    ("Straße", None, "STRASSE"),
    ("José García Núñez", None, "JOSE GARCIA NUNEZ"),
    ("Łukasz Wałęsa", None, "LUKASZ WALESA"),
    ("Þórsdóttir", None, "THORSDOTTIR"),
    # punctuation: apostrophes vanish, hyphens separate
    ("D'Artagnan", None, "DARTAGNAN"),
    ("O’Brien", None, "OBRIEN"),
    ("Marie-Élise", None, "MARIE ELISE"),
    # Cyrillic by the ICAO table, which is not anyascii's
    ("Жуков", None, "ZHUKOV"),
    ("Хрущёв", None, "KHRUSHCHEV"),
    ("Цветаева", None, "TSVETAEVA"),
    ("Щукин", None, "SHCHUKIN"),
    ("Крылов", None, "KRYLOV"),
    ("Юлия", None, "IULIIA"),
    ("Ярослав", None, "IAROSLAV"),
    ("Игорь", None, "IGOR"),
    # Ukrainian passports write Г as H and И as Y
    ("Галина Гриценко", "uk", "HALYNA HRYTSENKO"),
    # other scripts through anyascii, Greek with its vowel pairs
    ("王", None, "WANG"),
    ("小明", None, "XIAOMING"),
    ("Παπαδόπουλος", None, "PAPADOPOULOS"),
    ("Ευθυμία", None, "EFTHYMIA"),
    ("Ευάγγελος", None, "EVANGELOS"),
    ("  too   many   spaces ", None, "TOO MANY SPACES"),
]


@pytest.mark.parametrize(("name", "language", "expected"), CASES)
def test_latin_name_follows_icao_transliteration(
    name: str, language: str | None, expected: str
) -> None:
    assert latin_name(name, language=language) == expected


def test_mrz_text_turns_separators_into_fillers() -> None:
    assert mrz_text("Marie-Élise van der Berg") == "MARIE<ELISE<VAN<DER<BERG"


def test_name_field_separates_primary_and_secondary_identifiers() -> None:
    assert name_field("Eriksson", "Anna María", width=30) == "ERIKSSON<<ANNA<MARIA" + "<" * 10


def test_name_field_without_given_names_has_no_double_filler() -> None:
    assert name_field("Madonna", "", width=12) == "MADONNA<<<<<"


def test_name_field_cuts_a_long_name_at_the_end_of_the_zone() -> None:
    field = name_field("Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine", width=39)
    assert field == "WOLFESCHLEGELSTEINHAUSENBERGERDORFF<<HU"
    assert len(field) == 39
