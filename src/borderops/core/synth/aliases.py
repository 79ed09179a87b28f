"""How a listed name turns into the name someone travels or trades under.

Each variant is one that name screening has to see through: a typing slip, another
romanization of the same native name, a dropped middle name, surname and given name
swapped, a birth date with day and month exchanged; for companies, lost punctuation and
abbreviated legal forms.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import NamedTuple

from borderops.core.synth.name_tables import ROMANIZATION_VARIANTS

# How often each kind is tried first; a kind that cannot apply passes to the next.
PERSON_VARIANTS = {
    "typo": 0.3,
    "transliteration": 0.35,
    "dropped_middle_name": 0.15,
    "dropped_second_surname": 0.1,
    "swapped_order": 0.1,
}
COMPANY_VARIANTS = ("exact", "punctuation", "legal_form", "typo", "word_dropped")
_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWYZ"


class PersonVariant(NamedTuple):
    """A name as presented, and which kind of variant of the listed name it is."""

    kind: str
    surname: str
    given_names: str


def typo(rng: random.Random, word: str) -> str:
    """The word with one letter substituted, dropped, doubled, or swapped with its neighbour."""
    if len(word) < 3:
        return word + rng.choice(_LETTERS)
    i = rng.randrange(1, len(word) - 1)
    edit = rng.choice(("substitute", "drop", "double", "swap"))
    if edit == "substitute":
        letter = rng.choice([c for c in _LETTERS if c != word[i]])
        return word[:i] + letter + word[i + 1 :]
    if edit == "drop":
        return word[:i] + word[i + 1 :]
    if edit == "double":
        return word[:i] + word[i] + word[i:]
    if word[i] == word[i + 1]:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def respell(rng: random.Random, text: str, tradition: str = "western") -> str | None:
    """Another romanization of the same name, or None when no known alternative applies."""
    rules = list(ROMANIZATION_VARIANTS.get(tradition, ()))
    rng.shuffle(rules)
    fallback = list(ROMANIZATION_VARIANTS["western"])
    rng.shuffle(fallback)
    for pattern, replacement in rules + fallback:
        if re.search(pattern, text):
            return re.sub(pattern, replacement, text, count=1)
    return None


def person_variant(
    rng: random.Random,
    surname: str,
    given_names: str,
    *,
    tradition: str = "western",
    kind: str | None = None,
) -> PersonVariant:
    """A variant of a listed name, of the given kind or a random one that applies.

    ``tradition`` (a name style such as ``slavic`` or ``arabic``) picks the respellings
    that are plausible for the name.
    """
    if kind:
        kinds = [kind]
    else:
        # Weighted order without replacement: each key is u^(1/weight), largest first.
        kinds = sorted(
            PERSON_VARIANTS, key=lambda k: rng.random() ** (1 / PERSON_VARIANTS[k]), reverse=True
        )
    given = given_names.split()
    for chosen in kinds:
        if chosen == "typo":
            break
        if chosen == "dropped_middle_name" and len(given) >= 2:
            return PersonVariant(chosen, surname, " ".join(given[:-1]))
        if chosen == "dropped_second_surname" and len(surname.split()) == 2:
            return PersonVariant(chosen, surname.split()[0], given_names)
        if chosen == "swapped_order" and given:
            return PersonVariant(chosen, given[0], " ".join([surname, *given[1:]]))
        if chosen == "transliteration":
            if rng.random() < 0.5 and (new := respell(rng, surname, tradition)):
                return PersonVariant(chosen, new, given_names)
            if new := respell(rng, given_names, tradition):
                return PersonVariant(chosen, surname, new)
            if new := respell(rng, surname, tradition):
                return PersonVariant(chosen, new, given_names)
    # A typo can always be made.
    words = [surname, *given]
    target = 0 if rng.random() < 0.6 or len(words) == 1 else rng.randrange(1, len(words))
    words[target] = typo(rng, words[target])
    return PersonVariant("typo", words[0], " ".join(words[1:]))


def birth_date_variant(rng: random.Random, birth: date) -> tuple[str, date]:
    """The birth date as presented: usually the same, sometimes with day and month swapped."""
    if birth.day <= 12 and birth.day != birth.month and rng.random() < 0.3:
        return "day_month_swapped", birth.replace(month=birth.day, day=birth.month)
    return "same", birth


_LEGAL_FORMS = (
    ("CO., LTD.", "COMPANY LIMITED"), ("CO., LIMITED", "CO LTD"), ("LIMITED", "LTD"),
    ("S.A. DE C.V.", "SA DE CV"), ("GMBH", "G.M.B.H."), ("LLC", "L.L.C."), ("INC", "INC."),
    ("CORPORATION", "CORP"), ("OOO", "LLC"), ("FZE", "FREE ZONE ESTABLISHMENT"),
)  # fmt: skip


def company_variant(rng: random.Random, name: str, *, kind: str | None = None) -> tuple[str, str]:
    """A variant of a listed company name and its kind (``exact`` leaves it as listed)."""
    chosen = kind or rng.choice(COMPANY_VARIANTS)
    if chosen == "punctuation" and re.search(r"[.,&]", name):
        return chosen, re.sub(r"\s+", " ", re.sub(r"[.,]", "", name).replace("&", "AND"))
    if chosen == "legal_form":
        for old, new in _LEGAL_FORMS:
            if old in name:
                return chosen, name.replace(old, new, 1)
            if new in name:
                return chosen, name.replace(new, old, 1)
    words = name.split()
    if chosen == "word_dropped" and len(words) >= 4:
        drop = rng.randrange(1, len(words) - 2)
        return chosen, " ".join(words[:drop] + words[drop + 1 :])
    if chosen == "exact":
        return chosen, name
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    words[longest] = typo(rng, words[longest])
    return "typo", " ".join(words)
