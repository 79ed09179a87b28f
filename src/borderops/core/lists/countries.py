"""Country names, demonyms and codes as lists write them, turned into ISO 3166 alpha-2.

Names are looked up in a small table of the spellings sanctions lists use ("Korea, North",
"Burma", "Tunisian") and then in ``pycountry``. Kosovo is given ``XK``, the user-assigned code
used by the EU and most screening data. Anything else (historical states such as "Serbia and
Montenegro", notes such as "Possibly Ethiopian") is not a country code: callers keep the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

KOSOVO = "XK"

# Spellings pycountry does not know, as they appear in OFAC and UN lists.
COUNTRY_ALIASES: dict[str, str] = {
    "iran": "IR",
    "russia": "RU",
    "syria": "SY",
    "korea, north": "KP",
    "north korea": "KP",
    "dprk": "KP",
    "rpdc": "KP",
    "korea, south": "KR",
    "south korea": "KR",
    "korea": "KR",
    "venezuela": "VE",
    "bolivia": "BO",
    "burma": "MM",
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "congo, republic of the": "CG",
    "republic of the congo": "CG",
    "congo": "CG",
    "cote d'ivoire": "CI",
    "cote d ivoire": "CI",
    "ivory coast": "CI",
    "turkey": "TR",
    "turkiye": "TR",
    "macedonia": "MK",
    "north macedonia, the republic of": "MK",
    "the former yugoslav republic of macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "moldova": "MD",
    "tanzania": "TZ",
    "laos": "LA",
    "vietnam": "VN",
    "brunei": "BN",
    "cape verde": "CV",
    "czech republic": "CZ",
    "swaziland": "SZ",
    "the bahamas": "BS",
    "bahamas, the": "BS",
    "the gambia": "GM",
    "gambia, the": "GM",
    "micronesia, federated states of": "FM",
    "palestinian": "PS",
    "palestine": "PS",
    "state of palestine": "PS",
    "west bank": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "region: gaza": "PS",
    "kosovo": KOSOVO,
    "bosnia-herzegovina": "BA",
    "bosnia": "BA",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a": "US",
    "uae": "AE",
    "hong kong": "HK",
    "macau": "MO",
    "taiwan": "TW",
    "vatican city": "VA",
    "holy see": "VA",
    "saint kitts and nevis": "KN",
    "st. kitts and nevis": "KN",
    "saint lucia": "LC",
    "saint vincent and the grenadines": "VC",
    "sao tome and principe": "ST",
    "east timor": "TL",
    "timor-leste": "TL",
    "curacao": "CW",
    "sint maarten": "SX",
    "british virgin islands": "VG",
    "virgin islands, british": "VG",
    "russian federation": "RU",
    "syrian arab republic": "SY",
    "iran (islamic republic of)": "IR",
    "democratic people's republic of korea": "KP",
    "republic of korea": "KR",
    "lao people's democratic republic": "LA",
    "united republic of tanzania": "TZ",
    "republic of moldova": "MD",
}

# Demonyms the UN list writes in place of country names.
DEMONYMS: dict[str, str] = {
    "afghan": "AF",
    "algerian": "DZ",
    "american": "US",
    "bahraini": "BH",
    "british": "GB",
    "chinese": "CN",
    "colombian": "CO",
    "congolese": "CD",
    "cuban": "CU",
    "egyptian": "EG",
    "eritrean": "ER",
    "ethiopian": "ET",
    "french": "FR",
    "german": "DE",
    "indian": "IN",
    "indonesian": "ID",
    "iranian": "IR",
    "iraqi": "IQ",
    "jordanian": "JO",
    "kenyan": "KE",
    "kuwaiti": "KW",
    "lebanese": "LB",
    "libyan": "LY",
    "malian": "ML",
    "mexican": "MX",
    "moroccan": "MA",
    "nigerian": "NG",
    "north korean": "KP",
    "pakistani": "PK",
    "qatari": "QA",
    "russian": "RU",
    "saudi": "SA",
    "saudi arabian": "SA",
    "somali": "SO",
    "sudanese": "SD",
    "syrian": "SY",
    "tunisian": "TN",
    "turkish": "TR",
    "ukrainian": "UA",
    "venezuelan": "VE",
    "yemeni": "YE",
}

_SPACES = re.compile(r"\s+")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_SUFFIX_WORDS = (" passport", " by birth", " citizen", " national")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("’", "'"))
    ascii_only = "".join(char for char in folded if not unicodedata.combining(char))
    return _SPACES.sub(" ", ascii_only).strip().strip(".").strip().casefold()


def _pycountry_code(key: str) -> str | None:
    try:
        country = pycountry.countries.lookup(key)
    except LookupError:
        return None
    return str(country.alpha_2)


@lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-2 code a country name, demonym or code stands for, or None."""
    key = _key(text)
    if not key:
        return None
    for candidate in (key, _TRAILING_NOTE.sub("", key)):
        for suffix in ("", *_SUFFIX_WORDS):
            if suffix and not candidate.endswith(suffix):
                continue
            name = candidate.removesuffix(suffix) if suffix else candidate
            code = COUNTRY_ALIASES.get(name) or DEMONYMS.get(name)
            if code is None and len(name) > 3:
                code = _pycountry_code(name)
            if code:
                return code
    return None


@lru_cache(maxsize=1024)
def code_to_alpha2(code: str) -> str | None:
    """The alpha-2 code for an ISO 3166 alpha-3 or alpha-2 code (any case), or None."""
    value = code.strip().upper()
    if value in (KOSOVO, "XKX"):
        return KOSOVO
    if len(value) == 3:
        country = pycountry.countries.get(alpha_3=value)
    elif len(value) == 2:
        country = pycountry.countries.get(alpha_2=value)
    else:
        return None
    return None if country is None else str(country.alpha_2)
