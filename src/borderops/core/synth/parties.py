"""Trading companies: shippers abroad, importers and customs brokers at home.

Names follow each country's habits (Chinese city prefixes and CO., LTD.; Mexican S.A. DE
C.V.; Russian OOO), built from surnames in the country's Faker locale or from stock words
where a Latin surname would look wrong.
"""

from __future__ import annotations

import random

from borderops.core.documents.transliteration import latin_name
from borderops.core.synth.name_tables import KOREAN_SURNAMES
from borderops.core.synth.names import NameBook

SUFFIXES: dict[str, tuple[str, ...]] = {
    "CN": ("CO., LTD.",), "HK": ("LIMITED", "CO., LIMITED", "TRADING LIMITED"),
    "TW": ("CO., LTD.", "CORPORATION"), "VN": ("JOINT STOCK COMPANY", "CO., LTD"),
    "KH": ("CO., LTD.",), "TH": ("CO., LTD.", "PUBLIC COMPANY LIMITED"),
    "MY": ("SDN. BHD.",), "SG": ("PTE. LTD.",), "KR": ("CO., LTD.", "CORPORATION"),
    "JP": ("CO., LTD.", "CORPORATION"), "IN": ("PVT. LTD.", "LIMITED"),
    "PK": ("(PVT) LTD",), "BD": ("LTD.",), "ID": ("TBK",), "PH": ("INC.", "CORPORATION"),
    "MX": ("S.A. DE C.V.", "S. DE R.L. DE C.V."), "CA": ("INC.", "LTD.", "CORP."),
    "DE": ("GMBH", "AG", "GMBH & CO. KG"), "AT": ("GMBH",), "CH": ("AG", "SA"),
    "FR": ("SAS", "SA", "SARL"), "IT": ("S.R.L.", "S.P.A."), "ES": ("S.L.", "S.A."),
    "PT": ("LDA",), "GB": ("LTD", "PLC"), "IE": ("LIMITED",), "NL": ("B.V.",),
    "BR": ("LTDA.", "S.A."), "CO": ("S.A.S.",), "EC": ("S.A.",), "PE": ("S.A.C.",),
    "CL": ("SPA", "LTDA."), "AR": ("S.A.", "S.R.L."), "GT": ("S.A.",), "HN": ("S. DE R.L.",),
    "SV": ("S.A. DE C.V.",), "NI": ("S.A.",), "CR": ("S.A.",), "TR": ("LTD. STI.", "A.S."),
    "AE": ("LLC", "FZE", "GENERAL TRADING LLC"), "SA": ("CO.",), "IR": ("CO.",),
    "ZA": ("(PTY) LTD",), "AU": ("PTY LTD",), "US": ("INC", "LLC", "CORP", "CO"),
}  # fmt: skip
PREFIXES = {"RU": ("OOO", "AO"), "BY": ("OOO", "OAO"), "ID": ("PT",)}
LOCALES = {
    "US": "en_US", "MX": "es_MX", "CA": "en_CA", "DE": "de_DE", "AT": "de_AT", "CH": "de_CH",
    "FR": "fr_FR", "IT": "it_IT", "ES": "es_ES", "PT": "pt_PT", "GB": "en_GB", "IE": "en_IE",
    "NL": "nl_NL", "BR": "pt_BR", "CO": "es_CO", "EC": "es_CO", "PE": "es_CO", "CL": "es_CL",
    "AR": "es_AR", "GT": "es_MX", "HN": "es_MX", "SV": "es_MX", "NI": "es_MX", "CR": "es_MX",
    "TR": "tr_TR", "IN": "en_IN", "PK": "en_IN", "BD": "en_IN", "ZA": "en_GB", "AU": "en_AU",
    "PH": "es_ES", "JP": "ja_JP", "KR": "ko_KR",
}  # fmt: skip
# Stock words for countries whose companies are not named after a family.
WORDS = {
    "CN": ("HUA", "XIN", "DA", "TAI", "FENG", "JIA", "HENG", "RUN", "SHENG", "LONG", "MING",
           "YUAN", "KANG", "TONG", "HONG", "BAO", "JIN", "DE", "FU", "HAI"),
    "VN": ("VIET", "PHAT", "THANH", "HOANG", "MINH", "AN", "PHU", "SAO", "DAI", "NAM"),
    "RU": ("TEKHNO", "PROM", "ELEKTRO", "STAL", "SNAB", "SERVIS", "INVEST", "KOMPLEKT",
           "TREID", "GRUPP", "SIBIR", "VOLGA"),
    "AE": ("AL NOOR", "AL FAJR", "GULF STAR", "DESERT ROSE", "AL MANAR", "EMIRATES LINK",
           "AL BARAKA", "BLUE HORIZON"),
    "IR": ("PARS", "SEPAHAN", "KAVEH", "ARYA", "TOOS", "ALBORZ", "KAVIR"),
    "TH": ("SIAM", "THAI", "CHAROEN", "SUKSAWAT", "RUNGRUENG"),
    "MY": ("MEGA", "PERDANA", "JAYA", "SINAR", "SETIA"),
    "ID": ("INDO", "SUMBER", "MAKMUR", "JAYA", "NUSANTARA"),
    "KH": ("ANGKOR", "MEKONG", "KHMER", "PHNOM"),
    "SA": ("AL RAJHI", "AL OTAIBI", "NAJD", "AL JAZIRA"),
    "TW": ("HSIN", "TAI", "CHANG", "YUNG", "FU", "CHIA"),
    "HK": ("WING", "TAI", "KWONG", "LUEN", "FOOK", "HING"),
    "SG": ("LION", "MERLION", "STRAITS", "ORCHID"),
    "BY": ("BELTEKH", "MINSK", "NEMAN", "POLESYE"),
}  # fmt: skip
CN_CITIES = ("SHENZHEN", "NINGBO", "GUANGZHOU", "YIWU", "XIAMEN", "DONGGUAN", "SHANGHAI",
             "QINGDAO", "TIANJIN", "SUZHOU", "HANGZHOU", "FOSHAN")  # fmt: skip
INDUSTRY = {
    "electronics": ("ELECTRONICS", "TECHNOLOGY", "DIGITAL", "SMART TECH"),
    "machinery": ("MACHINERY", "EQUIPMENT", "INDUSTRIAL"),
    "vehicles": ("AUTO PARTS", "AUTOMOTIVE", "MOTORS"),
    "furniture": ("FURNITURE", "HOME FURNISHING", "WOOD PRODUCTS"),
    "toys": ("TOYS", "PLAYTHINGS", "GIFTS"),
    "textiles": ("GARMENT", "TEXTILE", "APPAREL", "KNITTING"),
    "footwear": ("FOOTWEAR", "SHOES", "LEATHER GOODS"),
    "produce": ("FARMS", "PRODUCE", "AGRO", "FRESH"),
    "food": ("FOODS", "AGRO INDUSTRIAL", "SEAFOOD", "COMMODITIES"),
    "beverages": ("BEVERAGES", "WINES", "DISTILLERS", "BREWING"),
    "tobacco": ("TOBACCO", "TRADING"),
    "packaging": ("PACKAGING", "PAPER PRODUCTS", "PLASTICS"),
    "pharma": ("PHARMACEUTICALS", "LIFE SCIENCES", "HEALTHCARE"),
    "cosmetics": ("COSMETICS", "BEAUTY", "PERSONAL CARE"),
    "chemicals": ("CHEMICAL", "CHEMICALS", "BIOTECH", "FINE CHEMICALS"),
    "energy": ("ENERGY", "PETROLEUM", "FUELS"),
    "metals": ("STEEL", "METALS", "ALUMINIUM"),
    "wood": ("LUMBER", "FOREST PRODUCTS", "TIMBER"),
    "medical": ("MEDICAL", "MEDICAL DEVICES", "SURGICAL"),
    "jewellery": ("JEWELLERY", "GOLD", "GEMS"),
    "household": ("HOUSEWARE", "CERAMICS", "HOME GOODS"),
    "trading": ("TRADING", "IMPORT EXPORT", "INTERNATIONAL", "LOGISTICS"),
}


def _stem(rng: random.Random, names: NameBook, country: str) -> str:
    if country in WORDS:
        words = WORDS[country]
        if country in ("CN", "TW", "HK"):
            return rng.choice(words) + rng.choice(words)
        return rng.choice(words)
    locale = LOCALES.get(country, "en_US")
    if locale == "ja_JP":
        return latin_name(names.pick(rng, locale, "last_name_pair")[2])
    if locale == "ko_KR":
        native = names.pick(rng, locale, "last_name")
        return KOREAN_SURNAMES.get(native) or latin_name(native)
    return latin_name(names.pick(rng, locale, "last_name"))


def company_name(rng: random.Random, names: NameBook, country: str, sector: str) -> str:
    """A plausible company name for a firm in ``country`` trading in ``sector``."""
    industry = rng.choice(INDUSTRY.get(sector, INDUSTRY["trading"]))
    stem = _stem(rng, names, country)
    if country in PREFIXES:
        return f"{rng.choice(PREFIXES[country])} {stem} {industry}"
    suffix = rng.choice(SUFFIXES.get(country, ("LTD.",)))
    if country == "CN":
        return f"{rng.choice(CN_CITIES)} {stem} {industry} {suffix}"
    if rng.random() < 0.25 and country not in WORDS:
        return f"{stem} & {_stem(rng, names, country)} {industry} {suffix}"
    return f"{stem} {industry} {suffix}"


def broker_name(rng: random.Random, names: NameBook, port_name: str) -> str:
    """A customs broker, named for a family or for the port city it works in."""
    place = latin_name(port_name.split("-")[0].replace("International Airport", ""))
    kind = rng.choice(("CUSTOMS BROKERS", "CUSTOMHOUSE BROKERAGE", "CUSTOMS BROKERAGE",
                       "TRADE SERVICES", "FORWARDING AND CUSTOMS"))  # fmt: skip
    stem = _stem(rng, names, "US") if rng.random() < 0.6 else place
    return f"{stem} {kind} {rng.choice(SUFFIXES['US'])}"
