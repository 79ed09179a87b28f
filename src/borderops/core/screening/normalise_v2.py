"""name-v2's additions to normalisation: Khmer spelt out, scripts that bend consonants, and
consonant-class sound keys.

name-v1 never calls anything here (its results must not change), so these live apart from
``normalise``; the index uses ``sound_skeleton`` to key its vocabulary for name-v2.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour._core import text_scripts

from borderops.core.lists.types import EntityType
from borderops.core.screening.normalise import MAX_NAME_CHARS, NormalisedName, normalise_name

# Khmer letters in the UNGEGN romanisation, simplified: neither rigour nor ICU spells Khmer,
# so without this a Khmer name has nothing to compare. Diacritics that only shift the
# vowel series (and the subscript mark, coeng) spell nothing.
_KHMER_CONSONANTS = (
    "k kh k kh ng ch chh ch chh nh d th d th n t th t th n b ph p ph m y r l v sh ss s h l"
)
_KHMER_INDEPENDENT_VOWELS = "a aa e ei o ou ou ov rue rue lue lue ae ai ao ao au"
_KHMER_VOWEL_SIGNS = "a i i oe oe o u uo aeu oea ie e ae ai ao au m h"
_KHMER = str.maketrans(
    {
        **dict(zip("កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវឝឞសហឡ", _KHMER_CONSONANTS.split(), strict=True)),
        **dict(zip("ឣឤឥឦឧឨឩឪឫឬឭឮឯឰឱឲឳ", _KHMER_INDEPENDENT_VOWELS.split(), strict=True)),
        **dict(zip("ាិីឹឺុូួើឿៀេែៃោៅំះ", _KHMER_VOWEL_SIGNS.split(), strict=True)),
        **{chr(code): "" for code in range(0x17C8, 0x17DE)},
        **{chr(0x17E0 + digit): str(digit) for digit in range(10)},
        # The consonant that carries a vowel at the start of a syllable spells nothing.
        "អ": "",
    }
)
_KHMER_LETTER = re.compile("[\u1780-\u17ff]")
# Scripts whose romanisation loses or bends consonants (syllabaries, abugidas written
# without vowel-less clusters): "Vladimir" comes back as "urajimiru" or "beulladimileu".
LOSSY_SCRIPTS = frozenset(
    {
        "Hangul", "Katakana", "Hiragana", "Han", "Khmer", "Thai", "Lao", "Myanmar",
        "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu",
        "Kannada", "Malayalam", "Sinhala", "Tibetan", "Ethiopic", "Arabic", "Hebrew",
        "Thaana", "Syriac",
    }
)  # fmt: skip


def spell_khmer(text: str) -> str:
    """The text with Khmer letters romanised; other text is left alone."""
    if _KHMER_LETTER.search(text) is None:
        return text
    return text.translate(_KHMER)


def normalise_name_v2(text: str, entity_type: EntityType = EntityType.UNKNOWN) -> NormalisedName:
    """``normalise_name`` after spelling the scripts rigour and ICU leave out (Khmer)."""
    return normalise_name(spell_khmer(text[:MAX_NAME_CHARS]), entity_type)


def lossy_script(text: str) -> bool:
    """The name is written in a script whose romanisation bends consonants."""
    if text.isascii():
        return False
    return not LOSSY_SCRIPTS.isdisjoint(text_scripts(text))


# Sounds that spellings of one name trade for each other across languages and
# romanisations, each written as one letter: labials, coronals (stops, sibilants and
# affricates: Japanese "chi" and Korean "si" stand for "ti"), velars, liquids (Korean
# and Japanese do not tell l from r). Vowels, h and y say too little to keep.
_SOUND_DIGRAPHS = re.compile("shch|tsch|dzh|tch|sch|ch|sh|zh|ts|tz|dz|th|ph|kh|gh|ck|qu")
_DIGRAPH_SOUND = {
    "th": "t", "ph": "p", "kh": "k", "gh": "k", "ck": "k", "qu": "k",
}  # fmt: skip
_DOUBLES = re.compile(r"(.)\1+")
_SOFT_C = re.compile("c(?=[eiy])")
_SOUND_CLASSES = str.maketrans(
    {
        **dict.fromkeys("pbfvw", "p"),
        **dict.fromkeys("tdszj", "t"),
        **dict.fromkeys("ckgqx", "k"),
        **dict.fromkeys("lr", "l"),
        **dict.fromkeys("aeiouyh", ""),
    }
)


@lru_cache(maxsize=262_144)
def sound_skeleton(token: str) -> str:
    """The token as classes of consonant sound, vowels dropped: ``puchin`` → ``ptn``.

    Empty for digits and tokens without consonants.
    """
    if token.isdigit():
        return ""
    spelt = _SOUND_DIGRAPHS.sub(lambda m: _DIGRAPH_SOUND.get(m.group(), "s"), token)
    spelt = _SOFT_C.sub("s", spelt).translate(_SOUND_CLASSES)
    return _DOUBLES.sub(r"\1", spelt)
