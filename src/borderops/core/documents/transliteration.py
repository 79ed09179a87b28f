"""Names in any script reduced to the MRZ alphabet, following ICAO Doc 9303 Part 3."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Doc 9303 Part 3 spells these out; Unicode decomposition alone would drop the umlaut
# (Ä → A), where ICAO writes the German and Nordic convention (Ä → AE).
ICAO_LATIN: dict[str, str] = {
    "Ä": "AE",
    "Æ": "AE",
    "Å": "AA",
    "Ö": "OE",
    "Ø": "OE",
    "Œ": "OE",
    "Ü": "UE",
    "ß": "SS",
    "ẞ": "SS",
    "Þ": "TH",
    "Ĳ": "IJ",
    # No decomposition exists for these stroked letters, so NFKD would lose them.
    "Ł": "L",
    "Đ": "D",
    "Ð": "D",
    "Ħ": "H",
    "Ŧ": "T",
    "İ": "I",
    "Ə": "A",
}

# Recommended transliteration of Cyrillic, Doc 9303 Part 3. Written out rather than taken
# from anyascii because ICAO's table differs from the scholarly romanizations anyascii
# follows (anyascii: Ю→YU, Я→YA, Й→Y; ICAO: IU, IA, I), and the MRZ of a Russian or
# Ukrainian passport is what a lookout will be matched against.
ICAO_CYRILLIC: dict[str, str] = {
    "А": "A",
    "Б": "B",
    "В": "V",
    "Г": "G",
    "Ґ": "G",
    "Д": "D",
    "Ђ": "D",
    "Ѓ": "G",
    "Е": "E",
    "Ё": "E",
    "Є": "IE",
    "Ж": "ZH",
    "З": "Z",
    "Ѕ": "DZ",
    "И": "I",
    "І": "I",
    "Ї": "I",
    "Й": "I",
    "Ј": "J",
    "К": "K",
    "Л": "L",
    "Љ": "LJ",
    "М": "M",
    "Н": "N",
    "Њ": "NJ",
    "О": "O",
    "П": "P",
    "Р": "R",
    "С": "S",
    "Т": "T",
    "Ћ": "C",
    "Ќ": "K",
    "У": "U",
    "Ў": "U",
    "Ф": "F",
    "Х": "KH",
    "Ц": "TS",
    "Ч": "CH",
    "Џ": "DZ",
    "Ш": "SH",
    "Щ": "SHCH",
    "Ъ": "IE",
    "Ы": "Y",
    "Ь": "",
    "Э": "E",
    "Ю": "IU",
    "Я": "IA",
}

# Ukraine's passports follow its 2010 national table for these two letters (ГАЛИНА →
# HALYNA, not GALINA); the rest of the ICAO table agrees with it closely enough.
LANGUAGE_OVERRIDES: dict[str, dict[str, str]] = {
    "uk": {"Г": "H", "И": "Y"},
}

# Doc 9303 omits apostrophes (D'ARTAGNAN → DARTAGNAN) but turns hyphens and spaces into
# fillers (MARIE-ELISE → MARIE<ELISE).
_APOSTROPHES = frozenset("'’ʼ`´‘")

# Greek passports romanize by ELOT 743, whose vowel pairs anyascii (one letter at a time)
# cannot see: ΟΥ is OU, ΓΓ is NG, and ΑΥ/ΕΥ/ΗΥ read AV/EV/IV, or AF/EF/IF before a
# voiceless consonant or at the end of a word.
_GREEK_VOICELESS = frozenset("ΘΚΞΠΣΤΦΧΨ")
_GREEK_PAIRS = {"ΟΥ": "OU", "ΓΓ": "NG", "ΑΥ": "AV", "ΕΥ": "EV", "ΗΥ": "IV"}
_SEPARATORS = frozenset(" -‐‑‒–—,./_\t")
_NOT_LETTERS = re.compile(r"[^A-Z ]+")
_ASCII_SEPARATORS = str.maketrans(dict.fromkeys(" -,./_\t\n\r\x0b\x0c", " "))
_SPACES = re.compile(r" +")
_GREEK = re.compile("[\u0370-\u03ff]")


@lru_cache(maxsize=4096)
def _latin_letter(char: str, language: str | None) -> str:
    upper = char.upper()
    if "A" <= upper <= "Z" and len(upper) == 1:
        return upper
    if language is not None and upper in LANGUAGE_OVERRIDES.get(language, {}):
        return LANGUAGE_OVERRIDES[language][upper]
    if upper in ICAO_CYRILLIC:
        return ICAO_CYRILLIC[upper]
    if upper in ICAO_LATIN:
        return ICAO_LATIN[upper]
    if char in _APOSTROPHES:
        return ""
    if char in _SEPARATORS or char.isspace():
        return " "
    decomposed = "".join(
        c for c in unicodedata.normalize("NFKD", upper) if not unicodedata.combining(c)
    )
    if decomposed and all("A" <= c <= "Z" for c in decomposed):
        return decomposed
    # Other scripts (Han, Hangul, Greek, Arabic …) have no ICAO table; anyascii gives a
    # readable romanization, which we then strip to the MRZ alphabet.
    return _NOT_LETTERS.sub("", anyascii(char).upper().replace("-", " "))


def _greek_pairs(text: str) -> str:
    # Accents go first (ύ is a plain Υ here); a dialytika (ϋ) marks two separate vowels,
    # so it is kept out of the pair match by being decomposed into Υ plus a combining mark.
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text.upper()) if c not in "\u0301\u0300\u0342"
    )
    out: list[str] = []
    i = 0
    while i < len(plain):
        pair = plain[i : i + 2]
        after = plain[i + 2 : i + 3]
        if pair in _GREEK_PAIRS and after != "\u0308":
            latin = _GREEK_PAIRS[pair]
            if latin.endswith("V") and (after in _GREEK_VOICELESS or not after.strip()):
                latin = latin[0] + "F"
            out.append(latin)
            i += 2
        else:
            out.append(plain[i])
            i += 1
    return "".join(out)


def latin_name(text: str, *, language: str | None = None) -> str:
    """The name in uppercase A–Z with single spaces between its parts, as a passport prints it."""
    return _latin_name(text, language)


# Names repeat a great deal in any population, so whole names are worth caching.
@lru_cache(maxsize=65536)
def _latin_name(text: str, language: str | None) -> str:
    if text.isascii():
        letters = _NOT_LETTERS.sub("", text.upper().translate(_ASCII_SEPARATORS))
        return _SPACES.sub(" ", letters).strip()
    if _GREEK.search(text):
        text = _greek_pairs(text)
    letters = "".join(_latin_letter(char, language) for char in text)
    return _SPACES.sub(" ", letters).strip()


def mrz_text(text: str, *, language: str | None = None) -> str:
    """The name as MRZ characters: A–Z, with ``<`` where the name has spaces or hyphens."""
    return latin_name(text, language=language).replace(" ", "<")
