"""Turning a name as written into the tokens the matcher compares.

Every name, listed or screened, goes through ``normalise_name``: it is cut to a bounded
length, stripped of control characters, transliterated to Latin (rigour's ``ascii_text``
covers Cyrillic, Greek, Arabic, Hebrew, Chinese, Korean and the rest), case folded, and
split into tokens. "SURNAME, Given" is put back in "Given SURNAME" order, leading honorifics
(Mr, Dr, Sheikh, Haji …) are dropped. Organisation legal forms of several words ("limited
liability company", "S.A. de C.V.") are dropped; one-word forms (LLC, GmbH, SA …) are kept but
recognised by ``is_legal_form``, also misspelt or transliterated, so the matcher weighs them
as noise that never matches on its own. Hyphenated surnames are kept both split and joined.

A name with nothing left (only honorifics, legal forms or symbols) gives an empty
``NormalisedName``; the caller reports it, nothing here raises.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from normality import ascii_text as icu_ascii
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne
from rigour._core import maybe_ascii, person_name_prefixes_list, text_scripts
from rigour.names import extract_org_types, remove_obj_prefixes
from rigour.text.phonetics import metaphone
from rigour.text.translit import ascii_text

from borderops.core.lists.types import EntityType

# Work is capped: names past these bounds are lists of names or garbage, not one name.
MAX_NAME_CHARS = 300
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 40

_ABJAD = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
_APOSTROPHES = re.compile("['`\u2018\u2019\u02bc\u02bb\u00b4]")
_WORD = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Honorifics and titles beyond rigour's list: Arabic and South Asian forms of address, ranks,
# and the "President X" of news copy. Removed only at the head of a name.
_EXTRA_HONORIFICS = """
mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr
sheikh shaikh sheik shaykh cheikh haji hajji hadji alhaji alhajji hajj alhaj
mullah mulla maulana mawlana maulvi mawlawi ustad ustadh
col colonel gen general capt captain lt maj cmdr sgt adm
hon honorable honourable excellency
president presidente prasident praesident prezident presiden presidenta predsjednik
presedintele prezydent presidentti
"""
# Legal forms left over after rigour's table (which keeps "corp", "company" and friends).
_LEGAL_FORMS = _words(
    """
    llc ltd limited inc incorporated corp corporation co company companies plc gmbh ag kg
    sa sas sarl srl spa sl bv nv oy oyj ab asa aps jsc ojsc pjsc cjsc ooo zao oao pao tov
    fze fzco fzc llp lp pte pty kft sro doo dd ead eood sdn bhd tbk lda ltda sac saic sae
    cv rl de the and ao
    """
)
# Words of spelt-out legal forms, recognised also when misspelt or transliterated.
_LEGAL_WORDS = _words(
    """
    limited liability company corporation incorporated joint stock public closed open
    obshchestvo ogranichennoy otvetstvennostyu aktsionernoe aktsionernoye publichnoe
    zakrytoe otkrytoe tovarishchestvo sociedad anonima responsabilidad limitada
    gesellschaft haftung beschrankter aktiengesellschaft societe anonyme
    """
)
# Legal-form words that are also ordinary words: never noise on their own account.
_ORDINARY = frozenset({"de", "and", "the"})
# Particles that say little about who someone is: they weigh less when names are compared.
PARTICLES = _words(
    """
    al el bin ben ibn bint ul de da del della der di du la le van von y dos das e and
    of the for in on at to les des und fur
    """
)


class NormalisedName(NamedTuple):
    """A name's comparison tokens, in "Given SURNAME" order.

    ``compounds`` are hyphenated surnames joined (``garcia-lopez`` → ``garcialopez``);
    ``abjad`` says the name was written in Arabic or Hebrew letters, whose transliteration
    leaves out most vowels.
    """

    tokens: tuple[str, ...]
    compounds: tuple[str, ...] = ()
    abjad: bool = False

    @property
    def usable(self) -> bool:
        """The name has at least one token that is not a legal form (which never matches alone)."""
        return any(not is_legal_form(token) for token in self.tokens)


@lru_cache(maxsize=1)
def _legal_word_keys() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for word in _LEGAL_WORDS:
        keys.setdefault(metaphone(word), []).append(word)
    return keys


@lru_cache(maxsize=65_536)
def is_legal_form(token: str) -> bool:
    """The token is (a misspelling or transliteration of) a word of a company legal form."""
    if token in _LEGAL_FORMS or token in _LEGAL_WORDS:
        return token not in _ORDINARY
    if len(token) < 5 or token.isdigit():
        return False
    alike = _legal_word_keys().get(metaphone(token), [])
    if any(OSA.normalized_similarity(token, word) >= 0.7 for word in alike):
        return True
    # One call over all the words (every new token of a batch of millions asks).
    return len(token) >= 6 and (
        extractOne(token, _legal_words(), scorer=OSA.normalized_similarity, score_cutoff=0.8)
        is not None
    )


@lru_cache(maxsize=1)
def _legal_words() -> tuple[str, ...]:
    return tuple(sorted(_LEGAL_WORDS))


# Spellings that transliteration or language make differ for the same sound: folded on both
# sides, so "Джон" (dzhon) meets "John", "Khan" meets "Han", "Wladimir" meets "Vladimir".
# "kh" is folded only inside a token, so an initial "K." still meets "Khalid".
_FOLDS = (("dzh", "j"), ("w", "v"), ("x", "ks"))


@lru_cache(maxsize=262_144)
def _fold(token: str) -> str:
    for written, folded in _FOLDS:
        if written in token:
            token = token.replace(written, folded)
    if "kh" in token[1:]:
        token = token[0] + token[1:].replace("kh", "h")
    return token


EMPTY = NormalisedName(())


@lru_cache(maxsize=1)
def _honorific_phrases() -> frozenset[tuple[str, ...]]:
    phrases = {tuple(_WORD.findall(ascii_text(p).lower())) for p in person_name_prefixes_list()}
    phrases.update((word,) for word in _EXTRA_HONORIFICS.split())
    return frozenset(phrase for phrase in phrases if phrase)


def _strip_controls(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in text)


def _given_first(text: str) -> str:
    """Turn "SURNAME, Given" into "Given SURNAME"; leave anything else alone."""
    if text.count(",") != 1:
        return text.replace(",", " ")
    surname, given = text.split(",")
    if not surname.strip() or not given.strip():
        return text.replace(",", " ")
    return f"{given} {surname}"


def _strip_honorifics(tokens: list[str]) -> list[str]:
    phrases = _honorific_phrases()
    changed = True
    while tokens and changed:
        changed = False
        for size in (4, 3, 2, 1):
            if tuple(tokens[:size]) in phrases:
                tokens = tokens[size:]
                changed = True
                break
    return tokens


def _join_dotted_forms(tokens: list[str]) -> list[str]:
    """Join runs of single letters that spell a legal form ("s a" → "sa", "l l c" → "llc")."""
    joined: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1:
            run.append(token)
            continue
        if run:
            word = "".join(run)
            joined.extend([word] if len(run) > 1 and word in _LEGAL_FORMS else run)
            run = []
        if token:
            joined.append(token)
    return joined


def _remove_legal_phrases(latin: str) -> str:
    """Remove legal forms of several words ("limited liability company", "s.a. de c.v.")."""
    for phrase, _ in extract_org_types(latin):
        if " " in phrase.strip():
            latin = latin.replace(phrase, " ")
    return latin


# Scripts rigour transliterates itself (word by word); ICU (through normality) does the rest.
_ADMITTED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian", "Georgian", "Hangul"})
# ASCII that ICU's transliteration removes as symbols.
_ASCII_SYMBOLS = frozenset("$+<=>^`|~")
# Names repeat their words far more than whole names, and a word rigour or ICU has not seen
# costs them up to a millisecond: a list of a million names would spend minutes there.
_WORD_CACHE_SIZE = 500_000
_ascii_words: tuple[dict[str, str], dict[str, str]] = ({}, {})


def _ascii_word(word: str, icu: bool) -> str:
    cache = _ascii_words[icu]
    known = cache.get(word)
    if known is None:
        if len(cache) >= _WORD_CACHE_SIZE:
            cache.clear()
        known = cache[word] = icu_ascii(word) if icu else maybe_ascii(word)
    return known


def _to_ascii(text: str) -> str:
    """``ascii_text(NFKC(text)).lower()``, word by word through a cache where that is the same.

    rigour spells a text in its own scripts word by word; a text with any other script goes
    whole through ICU, which spells one word the same alone or among others, except that it
    also drops ASCII symbols, and that rigour's and ICU's spellings of Cyrillic, Greek,
    Armenian, Georgian, Hangul and accented Latin differ. Texts where that would show are
    transliterated whole.
    """
    if text.isascii():
        return text.lower()
    # NFKC first folds full-width forms.
    text = unicodedata.normalize("NFKC", text)
    scripts = text_scripts(text)
    words = text.split(" ")
    if scripts <= _ADMITTED_SCRIPTS and len(scripts - {"Latin"}) <= 1 and all(map(_alone, words)):
        spelt = [_ascii_word(word, icu=False) for word in words]
        if all(word.isascii() for word in spelt):
            return " ".join(spelt).lower()
    elif (
        scripts - _ADMITTED_SCRIPTS
        and scripts.isdisjoint(_OWN_SCRIPTS)
        and all(map(_icu_alone, words))
    ):
        spelt = [word if word.isascii() else _ascii_word(word, icu=True) for word in words]
        return " ".join(spelt).lower()
    return ascii_text(text).lower()


_OWN_SCRIPTS = _ADMITTED_SCRIPTS - {"Latin"}


def _alone(word: str) -> bool:
    """rigour spells the word alone as it would among others of one script.

    It reads punctuation by the script around it (a ";" among Greek words is a question mark).
    """
    return word.isalnum()


def _icu_alone(word: str) -> bool:
    """ICU spells the word alone as it would among others, and rigour would not spell it."""
    if word.isascii():
        return _ASCII_SYMBOLS.isdisjoint(word)
    # A mark opening a word belongs to the letter before the space, in ICU's eyes.
    return unicodedata.category(word[0])[0] != "M" and "Latin" not in text_scripts(word)


def normalise_name(text: str, entity_type: EntityType = EntityType.UNKNOWN) -> NormalisedName:
    """The comparison form of one name; empty when nothing usable is left."""
    return _normalise_name(text[:MAX_NAME_CHARS], entity_type)


# Lists repeat names across entries and aliases; batches repeat travellers' names.
@lru_cache(maxsize=65_536)
def _normalise_name(text: str, entity_type: EntityType) -> NormalisedName:
    text = _strip_controls(text)
    if not text.strip():
        return EMPTY
    abjad = _ABJAD.search(text) is not None
    is_person = entity_type in (EntityType.PERSON, EntityType.UNKNOWN)
    if is_person:
        text = _given_first(text)
    latin = _APOSTROPHES.sub("", _to_ascii(text))
    if entity_type in (EntityType.ORGANIZATION, EntityType.UNKNOWN):
        latin = _remove_legal_phrases(latin)
    elif entity_type in (EntityType.VESSEL, EntityType.AIRCRAFT, EntityType.VEHICLE):
        latin = remove_obj_prefixes(latin)
    tokens: list[str] = []
    compounds: list[str] = []
    for chunk in _SPACES.split(latin):
        pieces = [piece[:MAX_TOKEN_CHARS] for piece in _WORD.findall(chunk)]
        if len(pieces) > 1 and "-" in chunk and all(len(piece) > 1 for piece in pieces):
            compounds.append(_fold("".join(pieces)[:MAX_TOKEN_CHARS]))
        tokens.extend(pieces)
    if is_person:
        tokens = _strip_honorifics(tokens)
    if entity_type in (EntityType.ORGANIZATION, EntityType.UNKNOWN):
        tokens = _join_dotted_forms(tokens)
    # Single-word legal forms stay, marked by ``is_legal_form``: the matcher weighs them as
    # noise that never matches alone. Removing them would make "Yu PAO" (a person) lose "pao".
    tokens = [_fold(token) for token in tokens]
    if not any(not is_legal_form(token) for token in tokens):
        return EMPTY
    return NormalisedName(tuple(tokens[:MAX_TOKENS]), tuple(compounds[:MAX_TOKENS]), abjad)


_DEVOWEL = re.compile(r"[aeiouyhwv]+")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=262_144)
def consonant_skeleton(token: str) -> str:
    """A token without vowels, h, w, v, y or doubled letters: how abjad scripts spell it."""
    skeleton = _DOUBLES.sub(r"\1", _DEVOWEL.sub("", token))
    return skeleton or token


@lru_cache(maxsize=262_144)
def phonetic_key(token: str) -> str:
    """The metaphone key of a token, for finding spellings that sound alike."""
    if token.isdigit():
        return ""
    return metaphone(token)


def deletion_keys(token: str) -> set[str]:
    """The token and every form of it with one letter deleted (typo-tolerant lookup keys)."""
    keys = {token}
    if len(token) >= 4:
        keys.update(token[:i] + token[i + 1 :] for i in range(len(token)))
    return keys


_IDENTIFIER = re.compile(r"[^A-Z0-9]+")


def normalise_identifier(text: str) -> str:
    """A document number, plate, VIN or IMO number upper-cased, without spaces or dashes."""
    cleaned = _IDENTIFIER.sub("", ascii_text(text[:MAX_NAME_CHARS]).upper())
    if cleaned.startswith("IMO") and cleaned[3:].isdigit():
        cleaned = cleaned[3:]
    return cleaned
