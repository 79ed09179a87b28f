"""Nationalities of synthetic travellers: name locales, cities, passport numbers, mixes by port.

The mixes are rough shapes of U.S. inbound traffic: U.S. and Mexican citizens dominate the
southern land border, U.S. and Canadian citizens the northern one, and air ports see the
widest variety. They are plausible, not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def _n(
    alpha3: str,
    alpha2: str,
    style: NameStyle,
    locales: str,
    cities: str,
    passport: str,
    airlines: str = "",
    second_given: float = 0.2,
    language: str | None = None,
) -> Nationality:
    pairs = []
    for part in locales.split():
        locale, _, weight = part.partition(":")
        pairs.append((locale, float(weight or 1)))
    return Nationality(
        alpha3=alpha3,
        alpha2=alpha2,
        style=style,
        locales=tuple(pairs),
        cities=tuple(cities.split(";")),
        passport_number=passport,
        airlines=tuple(airlines.split()),
        second_given_share=second_given,
        language=language,
    )


W, H, S = NameStyle.WESTERN, NameStyle.HISPANIC, NameStyle.SLAVIC

NATIONALITIES: dict[str, Nationality] = {
    n.alpha3: n
    for n in (
        _n("USA", "US", W, "en_US", "Los Angeles;Houston;Chicago;New York;Phoenix;San Diego;"
           "El Paso;Dallas;Seattle;Detroit;Miami;Atlanta;Denver;Boston;Tucson;Albuquerque",
           "A99999999", "AA UA DL B6 AS", 0.7),
        _n("MEX", "MX", H, "es_MX", "Tijuana;Mexicali;Ciudad Juarez;Monterrey;Guadalajara;"
           "Ciudad de Mexico;Hermosillo;Nuevo Laredo;Reynosa;Chihuahua;Puebla;Saltillo",
           "G99999999", "AM Y4", 0.35),
        _n("CAN", "CA", W, "en_CA:3 fr_CA:1", "Toronto;Montreal;Vancouver;Calgary;Ottawa;"
           "Winnipeg;Edmonton;Quebec;Hamilton;Windsor;Halifax", "AA999999", "AC WS", 0.5),
        _n("GBR", "GB", W, "en_GB", "London;Manchester;Birmingham;Glasgow;Leeds;Bristol;Cardiff",
           "999999999", "BA VS", 0.4),
        _n("IRL", "IE", W, "en_IE", "Dublin;Cork;Galway;Limerick", "AA9999999", "EI", 0.4),
        _n("DEU", "DE", W, "de_DE", "Berlin;Hamburg;Muenchen;Koeln;Frankfurt am Main;Stuttgart;"
           "Duesseldorf;Leipzig", "CXXXXXXXX", "LH", 0.3),
        _n("AUT", "AT", W, "de_AT", "Wien;Graz;Linz;Salzburg", "A9999999", "OS", 0.3),
        _n("CHE", "CH", W, "de_CH:2 fr_CH:1", "Zuerich;Genf;Basel;Bern;Lausanne", "X9999999",
           "LX", 0.3),
        _n("FRA", "FR", W, "fr_FR", "Paris;Marseille;Lyon;Toulouse;Nice;Nantes;Bordeaux;Lille",
           "99AA99999", "AF", 0.35),
        _n("ITA", "IT", W, "it_IT", "Roma;Milano;Napoli;Torino;Palermo;Bologna;Firenze",
           "YA9999999", "AZ", 0.15),
        _n("ESP", "ES", H, "es_ES", "Madrid;Barcelona;Valencia;Sevilla;Zaragoza;Malaga;Bilbao",
           "PAA999999", "IB", 0.3),
        _n("PRT", "PT", W, "pt_PT", "Lisboa;Porto;Braga;Coimbra", "A999999", "TP", 0.6),
        _n("NLD", "NL", W, "nl_NL", "Amsterdam;Rotterdam;Den Haag;Utrecht;Eindhoven",
           "AAXXXXXX9", "KL", 0.4),
        _n("SWE", "SE", W, "sv_SE", "Stockholm;Goeteborg;Malmoe;Uppsala", "99999999", "SK", 0.5),
        _n("NOR", "NO", W, "no_NO", "Oslo;Bergen;Trondheim;Stavanger", "AA9999999", "SK", 0.5),
        _n("DNK", "DK", W, "da_DK", "Koebenhavn;Aarhus;Odense;Aalborg", "A99999999", "SK", 0.4),
        _n("POL", "PL", W, "pl_PL", "Warszawa;Krakow;Lodz;Wroclaw;Poznan;Gdansk", "AA9999999",
           "LO", 0.2),
        _n("RUS", "RU", S, "ru_RU", "Moskva;Sankt-Peterburg;Novosibirsk;Ekaterinburg;Kazan;"
           "Nizhnii Novgorod", "999999999", "TK LH", 0.0),
        _n("UKR", "UA", S, "uk_UA", "Kyiv;Kharkiv;Odesa;Dnipro;Lviv;Zaporizhzhia", "AA999999",
           "LO LH", 0.0, "uk"),
        _n("GRC", "GR", NameStyle.GREEK, "el_GR", "Athina;Thessaloniki;Patra;Irakleio",
           "AA9999999", "LH AF", 0.05),
        _n("TUR", "TR", W, "tr_TR", "Istanbul;Ankara;Izmir;Bursa;Antalya", "A99999999", "TK",
           0.2),
        _n("BRA", "BR", W, "pt_BR", "Sao Paulo;Rio de Janeiro;Belo Horizonte;Brasilia;Salvador;"
           "Curitiba;Recife", "AA999999", "LA G3", 0.5),
        _n("COL", "CO", H, "es_CO", "Bogota;Medellin;Cali;Barranquilla;Cartagena", "AA999999",
           "AV", 0.45),
        _n("ARG", "AR", H, "es_AR", "Buenos Aires;Cordoba;Rosario;Mendoza", "AAA999999", "AR",
           0.35),
        _n("CHL", "CL", H, "es_CL", "Santiago;Valparaiso;Concepcion;Antofagasta", "A99999999",
           "LA", 0.5),
        _n("GTM", "GT", H, "es_MX", "Ciudad de Guatemala;Quetzaltenango;Escuintla", "999999999",
           "AV CM", 0.5),
        _n("SLV", "SV", H, "es_MX", "San Salvador;Santa Ana;San Miguel", "A99999999", "AV CM",
           0.5),
        _n("HND", "HN", H, "es_MX", "Tegucigalpa;San Pedro Sula;La Ceiba", "A999999", "AV CM",
           0.5),
        _n("DOM", "DO", H, "es_ES", "Santo Domingo;Santiago de los Caballeros;La Romana",
           "AA9999999", "B6 AA", 0.45),
        _n("CHN", "CN", NameStyle.CHINESE, "zh_CN", "Beijing;Shanghai;Guangzhou;Shenzhen;"
           "Chengdu;Wuhan;Hangzhou;Xian", "E99999999", "CA MU CZ", 0.0),
        _n("TWN", "TW", NameStyle.CHINESE, "zh_TW", "Taipei;Kaohsiung;Taichung;Tainan",
           "999999999", "CI BR", 0.0),
        _n("JPN", "JP", NameStyle.JAPANESE, "ja_JP", "Tokyo;Osaka;Yokohama;Nagoya;Sapporo;"
           "Fukuoka;Kobe", "AA9999999", "JL NH", 0.0),
        _n("KOR", "KR", NameStyle.KOREAN, "ko_KR", "Seoul;Busan;Incheon;Daegu;Daejeon;Gwangju",
           "M999A9999", "KE OZ", 0.0),
        _n("IND", "IN", W, "en_IN", "Mumbai;Delhi;Bengaluru;Hyderabad;Chennai;Ahmedabad;Kolkata;"
           "Pune", "A9999999", "AI", 0.15),
        _n("PHL", "PH", NameStyle.FILIPINO, "es_ES en_US", "Manila;Quezon City;Cebu;Davao;"
           "Makati", "P9999999A", "PR", 0.45),
        _n("VNM", "VN", NameStyle.VIETNAMESE, "vi_VN", "Ha Noi;Ho Chi Minh;Da Nang;Hai Phong;"
           "Can Tho", "A99999999", "VN", 0.0),
        _n("EGY", "EG", NameStyle.ARABIC, "ar_EG", "Cairo;Alexandria;Giza;Port Said",
           "A99999999", "MS", 0.0),
        _n("SAU", "SA", NameStyle.ARABIC, "ar_SA", "Riyadh;Jeddah;Dammam;Makkah", "A999999",
           "SV", 0.0),
        _n("AUS", "AU", W, "en_AU", "Sydney;Melbourne;Brisbane;Perth;Adelaide", "PA9999999",
           "QF", 0.5),
        _n("NZL", "NZ", W, "en_NZ", "Auckland;Wellington;Christchurch", "AA999999", "NZ", 0.5),
        _n("NGA", "NG", W, "en_NG", "Lagos;Abuja;Kano;Ibadan;Port Harcourt", "A99999999", "", 0.5),
    )  # fmt: skip
}

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
