"""Names of synthetic people: native script from Faker's locales, Latin as a passport prints it.

Faker is slow when it draws from frequency-weighted name lists (en_US takes ~80 µs a call),
so each locale's Faker instance, seeded from the master seed, fills a pool of names that
grows with use up to ``POOL_SIZE``; people are drawn from the pools with the generator's own
random streams. Small datasets thus cost few Faker calls and large ones no more than
``POOL_SIZE`` per kind of name.
"""

from __future__ import annotations

import random
from typing import Any, NamedTuple

from faker import Faker

from borderops.core.documents.transliteration import latin_name
from borderops.core.synth.name_tables import (
    ARABIC_FAMILY,
    ARABIC_FEMALE,
    ARABIC_MALE,
    KOREAN_SURNAMES,
)
from borderops.core.synth.nationalities import NameStyle, Nationality
from borderops.core.synth.random_streams import Picker, stream

POOL_SIZE = 2000


class PersonName(NamedTuple):
    """A person's name in the passport's Latin form and, where it differs, in native script."""

    surname: str
    given_names: str
    patronymic: str  # Latin; listed by some watchlists, never printed in the passport
    native_name: str | None
    locale: str
    family_root: str  # the masculine native surname, so relatives can share it


def feminine_surname(root: str, locale: str) -> str:
    """The feminine form of a masculine surname in languages that inflect surnames."""
    if locale in ("ru_RU", "uk_UA"):
        for masculine, feminine in (
            ("ский", "ская"), ("цкий", "цкая"), ("ський", "ська"), ("цький", "цька"),
            ("ой", "ая"), ("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"),
            ("ын", "ына"),
        ):  # fmt: skip
            if root.endswith(masculine):
                return root[: -len(masculine)] + feminine
    elif locale == "pl_PL":
        for masculine, feminine in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
            if root.endswith(masculine):
                return root[: -len(masculine)] + feminine
    elif locale == "el_GR":
        for masculine, feminine in (
            ("ός", "ού"), ("ος", "ου"), ("ής", "ή"), ("ης", "η"), ("άς", "ά"), ("ας", "α"),
        ):  # fmt: skip
            if root.endswith(masculine):
                return root[: -len(masculine)] + feminine
    return root


class NameBook:
    """Per-locale name pools for one generation run, filled lazily from seeded Faker."""

    def __init__(self, seed: int, *, pool_size: int = POOL_SIZE) -> None:
        self._seed = seed
        self._pool_size = pool_size
        self._fakers: dict[str, Faker] = {}
        self._pools: dict[tuple[str, str], list[Any]] = {}
        self._picks: dict[tuple[str, str], int] = {}
        self._locale_pickers: dict[str, Picker[str]] = {}

    def _faker(self, locale: str) -> Faker:
        if locale not in self._fakers:
            fake = Faker(locale)
            fake.seed_instance(stream(self._seed, f"faker:{locale}").getrandbits(64))
            self._fakers[locale] = fake
        return self._fakers[locale]

    def pick(self, rng: random.Random, locale: str, kind: str) -> Any:
        """One name of a kind (``first_name_male``, ``last_name_pair`` …) for a locale."""
        key = (locale, kind)
        pool = self._pools.setdefault(key, [])
        picks = self._picks[key] = self._picks.get(key, 0) + 1
        if len(pool) < min(picks, self._pool_size):
            pool.append(getattr(self._faker(locale), kind)())
        return pool[rng.randrange(len(pool))]

    def person(
        self,
        rng: random.Random,
        nationality: Nationality,
        sex: str,
        *,
        family: PersonName | None = None,
    ) -> PersonName:
        """A name for a person of this nationality and sex, sharing ``family``'s surname."""
        gender = sex if sex in ("M", "F") else rng.choice("MF")
        style = nationality.style
        if style is NameStyle.ARABIC:
            return self._arabic(rng, nationality, gender, family)
        if style is NameStyle.JAPANESE:
            return self._japanese(rng, gender, family)
        if family is not None:
            locale = family.locale
        elif len(nationality.locales) == 1 or style is NameStyle.FILIPINO:
            locale = nationality.locales[0][0]
        else:
            picker = self._locale_pickers.get(nationality.alpha3)
            if picker is None:
                picker = self._locale_pickers[nationality.alpha3] = Picker(nationality.locales)
            locale = picker.pick(rng)
        suffix = "male" if gender == "M" else "female"
        given_locale = nationality.locales[-1][0] if style is NameStyle.FILIPINO else locale
        given = [self.pick(rng, given_locale, f"first_name_{suffix}")]
        if rng.random() < nationality.second_given_share:
            second = self.pick(rng, given_locale, f"first_name_{suffix}")
            if second != given[0]:
                given.append(second)
        root = family.family_root if family else self._surname(rng, nationality, locale)
        surname = feminine_surname(root, locale) if gender == "F" else root
        patronymic = ""
        if style is NameStyle.SLAVIC:
            patronymic = self.pick(rng, locale, f"middle_name_{suffix}")
        if style is NameStyle.VIETNAMESE:
            given.insert(0, self.pick(rng, locale, "middle_name"))
        return self._compose(nationality, locale, surname, given, patronymic, root)

    def _surname(self, rng: random.Random, nationality: Nationality, locale: str) -> str:
        # Gendered locales give the masculine form, which relatives inflect.
        surname: str = self.pick(rng, locale, "last_name_male")
        if nationality.style is NameStyle.HISPANIC and rng.random() < 0.8:
            maternal: str = self.pick(rng, locale, "last_name")
            if maternal != surname:
                surname = f"{surname} {maternal}"
        return surname

    def _compose(
        self,
        nationality: Nationality,
        locale: str,
        surname: str,
        given: list[str],
        patronymic: str,
        root: str,
    ) -> PersonName:
        style, language = nationality.style, nationality.language
        given_text = " ".join(given)
        if style is NameStyle.SLAVIC:
            native = f"{surname} {given_text} {patronymic}"
        elif style in (NameStyle.CHINESE, NameStyle.KOREAN):
            native = surname + given_text
        elif style is NameStyle.VIETNAMESE:
            native = f"{surname} {given_text}"
        else:
            native = f"{given_text} {surname}"
        if style is NameStyle.KOREAN:
            latin_surname = KOREAN_SURNAMES.get(surname) or latin_name(surname)
        else:
            latin_surname = latin_name(surname, language=language)
        return PersonName(
            surname=latin_surname,
            given_names=latin_name(given_text, language=language),
            patronymic=latin_name(patronymic, language=language),
            native_name=None if native.isascii() else native,
            locale=locale,
            family_root=root,
        )

    def _japanese(self, rng: random.Random, gender: str, family: PersonName | None) -> PersonName:
        # Faker's ja_JP pairs carry the romanization, which kanji alone cannot give.
        suffix = "male" if gender == "M" else "female"
        kanji, _, roman = self.pick(rng, "ja_JP", f"first_name_{suffix}_pair")
        if family is not None:
            surname_kanji, surname_roman = family.family_root, family.surname
        else:
            surname_kanji, _, surname_roman = self.pick(rng, "ja_JP", "last_name_pair")
        return PersonName(
            surname=latin_name(surname_roman),
            given_names=latin_name(roman),
            patronymic="",
            native_name=surname_kanji + kanji,
            locale="ja_JP",
            family_root=surname_kanji,
        )

    def _arabic(
        self, rng: random.Random, nationality: Nationality, gender: str, family: PersonName | None
    ) -> PersonName:
        own = rng.choice(ARABIC_MALE if gender == "M" else ARABIC_FEMALE)
        # Egyptian and Saudi passports carry the father's name among the given names.
        father = rng.choice(ARABIC_MALE)
        families = ARABIC_FAMILY.get(nationality.alpha3, ARABIC_FAMILY["EGY"])
        if family is not None:
            family_native, family_latin = family.family_root, family.surname
        else:
            family_native, family_latin = rng.choice(families)
        return PersonName(
            surname=family_latin,
            given_names=f"{own[1]} {father[1]}",
            patronymic="",
            native_name=f"{own[0]} {father[0]} {family_native}",
            locale=nationality.locales[0][0],
            family_root=family_native,
        )
