"""Whether two writings of a traveller's name are the same name, as tolerantly as an officer.

The document's MRZ and the advance data write one name differently for innocent reasons:
transliteration (Ü as UE or U, Cyrillic by different schemes), fillers, swapped surname and
given names, an MRZ truncated to its field, a given name reduced to an initial or left out,
a surname split or joined (VAN DER BERG, VANDERBERG). Only a clear disagreement counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from rigour.text.translit import ascii_text

# Token similarity from which two spellings count as one name (Jaro-Winkler).
TOKEN_SIMILARITY = 0.85
_WORD = re.compile(r"[a-z0-9]+")
# Spellings transliteration makes differ for one sound, folded on both sides: German and
# Nordic vowels as MRZs write them, and Cyrillic schemes (Dzh/J, W/V, Kh/H, X/Ks).
_FOLDS = (
    ("dzh", "j"),
    ("ae", "a"),
    ("oe", "o"),
    ("ue", "u"),
    ("aa", "a"),
    ("w", "v"),
    ("kh", "h"),
    ("x", "ks"),
    ("ph", "f"),
)


@lru_cache(maxsize=4096)
def name_tokens(text: str) -> tuple[str, ...]:
    """The folded comparison tokens of one part of a name (surname or given names)."""
    if not text:
        return ()
    latin = text.lower() if text.isascii() else ascii_text(text).lower()
    tokens = []
    for word in _WORD.findall(latin.replace("'", "")):
        for written, folded in _FOLDS:
            word = word.replace(written, folded)
        tokens.append(word)
    return tuple(tokens)


def _same_token(a: str, b: str) -> bool:
    if a == b or a.startswith(b) or b.startswith(a):
        return True  # an initial, or a name cut at the end of the MRZ's name field
    return JaroWinkler.normalized_similarity(a, b) >= TOKEN_SIMILARITY


def _joined_alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) != len(b) and _same_token("".join(a), "".join(b))


def _matched(shorter: list[str], longer: list[str]) -> set[int] | None:
    """Which tokens of ``longer`` the tokens of ``shorter`` pair with; None if one cannot."""
    used: set[int] = set()
    for token in shorter:
        partner = next(
            (i for i, other in enumerate(longer) if i not in used and _same_token(token, other)),
            None,
        )
        if partner is None:
            return None
        used.add(partner)
    return used


def names_agree(first: tuple[str, str], second: tuple[str, str]) -> bool | None:
    """Whether two (surname, given names) pairs are one name; None when one side is empty.

    Every token of the name with fewer tokens must pair with a token of the other, in any
    order, and each side's surname must be among the pairs.
    """
    surname_a, given_a = name_tokens(first[0]), name_tokens(first[1])
    surname_b, given_b = name_tokens(second[0]), name_tokens(second[1])
    if not (surname_a or given_a) or not (surname_b or given_b):
        return None
    if _joined_alike(surname_a, surname_b):
        surname_a, surname_b = ("".join(surname_a),), ("".join(surname_b),)
    if _joined_alike(given_a, given_b):
        given_a, given_b = ("".join(given_a),), ("".join(given_b),)
    a, b = [*surname_a, *given_a], [*surname_b, *given_b]
    swapped = len(a) > len(b)
    shorter, longer = (b, a) if swapped else (a, b)
    used = _matched(shorter, longer)
    if used is None:
        return False
    # The shorter side's surname is paired by construction; the longer side's must be too.
    longer_surname = len(surname_a if swapped else surname_b)
    return longer_surname == 0 or any(i < longer_surname for i in used)
