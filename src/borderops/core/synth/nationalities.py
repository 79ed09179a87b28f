"""Nationalities of synthetic travellers: name locales, cities, passport numbers, mixes by port.

The mixes are rough shapes of U.S. inbound traffic: U.S. and Mexican citizens dominate the
southern land border, U.S. and Canadian citizens the northern one, and air ports see the
widest variety. They are plausible, not statistics.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files


class NameStyle(StrEnum):
    """How a nationality composes a name, and how its passport romanizes it."""

    WESTERN = "western"  # given names then surname, passport prints middle names
    HISPANIC = "hispanic"  # paternal and maternal surnames
    SLAVIC = "slavic"  # Cyrillic, gendered surnames, patronymic not in the passport
    GREEK = "greek"
    CHINESE = "chinese"
    JAPANESE = "japanese"
    KOREAN = "korean"
    VIETNAMESE = "vietnamese"
    ARABIC = "arabic"
    FILIPINO = "filipino"  # Spanish surnames, English given names


@dataclass(frozen=True, slots=True)
class Nationality:
    """One nationality as the generator draws it."""

    alpha3: str
    alpha2: str
    style: NameStyle
    locales: tuple[tuple[str, float], ...]
    cities: tuple[str, ...]
    passport_number: str  # A letter, 9 digit, X either, anything else literal
    airlines: tuple[str, ...] = ()
    second_given_share: float = 0.2
    language: str | None = None  # transliteration hint for the MRZ (e.g. "uk")


def _load() -> dict[str, Nationality]:
    # data/nationalities.csv: locales carry an optional weight after a colon; a passport
    # number shape has A for a letter, 9 for a digit, X for either, anything else literal.
    text = files("borderops.core.synth").joinpath("data/nationalities.csv").read_text("utf-8")
    nationalities = {}
    for row in csv.DictReader(text.splitlines()):
        pairs = []
        for part in row["locales"].split():
            locale, _, weight = part.partition(":")
            pairs.append((locale, float(weight or 1)))
        nationalities[row["alpha3"]] = Nationality(
            alpha3=row["alpha3"],
            alpha2=row["alpha2"],
            style=NameStyle(row["style"]),
            locales=tuple(pairs),
            cities=tuple(row["birth_places"].split(";")),
            passport_number=row["passport_number"],
            airlines=tuple(row["airlines"].split()),
            second_given_share=float(row["second_given_share"]),
            language=row["language"] or None,
        )
    return nationalities


NATIONALITIES: dict[str, Nationality] = _load()

# Where each kind of port's travellers come from (weights, normalised when drawn).
_AIR = {
    "USA": 44, "GBR": 5, "MEX": 5, "CAN": 4, "JPN": 3, "DEU": 3, "IND": 3, "KOR": 2.5,
    "CHN": 2.5, "BRA": 2.5, "FRA": 2.5, "COL": 2, "ITA": 1.5, "ESP": 1.5, "AUS": 1.5,
    "PHL": 1.5, "DOM": 1.5, "NLD": 1, "ARG": 1, "IRL": 0.8, "TWN": 0.8, "TUR": 0.8, "VNM": 0.8,
    "CHE": 0.6, "SWE": 0.6, "POL": 0.6, "UKR": 0.6, "CHL": 0.6, "GTM": 0.6,
    "SLV": 0.6, "HND": 0.5, "NGA": 0.5, "GRC": 0.5, "RUS": 0.5, "NOR": 0.4, "DNK": 0.4,
    "AUT": 0.4, "PRT": 0.4, "EGY": 0.4, "SAU": 0.4, "NZL": 0.3,
}  # fmt: skip
MIXES: dict[str, dict[str, float]] = {
    "land_south": {
        "USA": 52, "MEX": 45, "GTM": 0.6, "HND": 0.4, "SLV": 0.4, "CAN": 0.5, "COL": 0.2,
        "DEU": 0.1, "GBR": 0.1, "IND": 0.1, "CHN": 0.1, "PHL": 0.1,
    },
    "land_north": {
        "USA": 55, "CAN": 42, "IND": 0.6, "GBR": 0.4, "CHN": 0.4, "FRA": 0.3, "MEX": 0.3,
        "DEU": 0.3, "PHL": 0.3, "KOR": 0.2, "UKR": 0.2,
    },
    "air": _AIR,
    "sea": {
        "USA": 80, "CAN": 6, "GBR": 4, "MEX": 2, "DEU": 2, "AUS": 1, "BRA": 1, "ITA": 1,
        "FRA": 1, "JPN": 0.5, "IND": 0.5, "PHL": 1,
    },
}  # fmt: skip
