"""Lookouts for people, documents, firms and vehicles that never turn up, so hits are rare.

Some decoys are namesakes: a wanted person who shares a traveller's name but not the
birth date, the false positive every name screen has to survive.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from borderops.core.synth.aliases import person_variant
from borderops.core.synth.cargo import DENIED_COUNTRIES, CargoPlanter
from borderops.core.synth.check_digits import imo_check_digit
from borderops.core.synth.ground_truth import LookoutBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.nationalities import MIXES, NATIONALITIES
from borderops.core.synth.population import Population
from borderops.core.synth.random_streams import Picker, fill_pattern
from borderops.core.synth.shipments import Vessel
from borderops.core.synth.types import LookoutList
from borderops.core.synth.vehicles import make_vehicle
from borderops.core.synth.violations import WANTED_REASONS, _lost_or_stolen

LIST_SHARES = {
    LookoutList.WANTED_PERSONS: 0.35,
    LookoutList.LOST_STOLEN_DOCUMENTS: 0.35,
    LookoutList.DENIED_PARTIES: 0.2,
    LookoutList.VEHICLES_OF_INTEREST: 0.1,
}
NAMESAKE_SHARE = 0.12
_BOAT_FIRST = ("SEA", "LADY", "MAR", "CAPTAIN", "STELLA", "OCEAN")
_BOAT_SECOND = ("ROSA", "ELENA", "DEL SUR", "KING", "QUEEN", "FORTUNA")
VEHICLE_REASONS = (
    "Reported stolen (NCIC)",
    "Suspected narcotics conveyance",
    "Associated with alien smuggling",
    "Prior currency seizure",
)


def _adult_birth_date(rng: random.Random, start: date) -> date:
    return start - timedelta(days=rng.randint(19 * 365, 75 * 365))


def add_decoys(
    *,
    rng: random.Random,
    target: int,
    lookouts: LookoutBook,
    population: Population,
    names: NameBook,
    cargo: CargoPlanter,
    avoid: set[int],
    start: date,
) -> None:
    """Fill each lookout list to its share of ``target`` entries (at least two decoys each)."""
    people = Picker(MIXES["air"])
    for lookout_list, share in LIST_SHARES.items():
        wanted = max(round(target * share), lookouts.count(lookout_list) + 2)
        while lookouts.count(lookout_list) < wanted:
            if lookout_list is LookoutList.WANTED_PERSONS:
                _wanted_person(rng, lookouts, population, names, people, avoid, start)
            elif lookout_list is LookoutList.LOST_STOLEN_DOCUMENTS:
                _lost_document(rng, lookouts, names, people, start)
            elif lookout_list is LookoutList.DENIED_PARTIES:
                cargo.denied_company(rng.choice(sorted(DENIED_COUNTRIES)))
            else:
                _vehicle(rng, lookouts, start)


def _wanted_person(
    rng: random.Random,
    lookouts: LookoutBook,
    population: Population,
    names: NameBook,
    people: Picker[str],
    avoid: set[int],
    start: date,
) -> None:
    travellers = population.travellers.columns
    count = len(travellers["id"])
    traveller = rng.randrange(count)
    if rng.random() < NAMESAKE_SHARE and traveller not in avoid:
        # Same name as someone who crosses, born years apart: not the same person.
        birth = travellers["birth_date"][traveller]
        years = rng.choice((-1, 1)) * rng.randint(3, 15)
        shifted = birth.replace(year=birth.year + years, day=min(birth.day, 28))
        given = travellers["given_names"][traveller].title()
        lookouts.add(
            lookout_list=LookoutList.WANTED_PERSONS,
            entity_type="person",
            name=f"{travellers['surname'][traveller]}, {given}",
            birth_date=shifted,
            nationality=travellers["nationality"][traveller],
            reason=rng.choice(WANTED_REASONS),
        )
        return
    nationality = NATIONALITIES[people.pick(rng)]
    name = names.person(rng, nationality, rng.choice("MF"))
    given = " ".join(filter(None, [name.given_names, name.patronymic]))
    aliases = []
    if rng.random() < 0.5:
        other = person_variant(rng, name.surname, given, tradition=nationality.style)
        aliases.append(f"{other.surname}, {other.given_names.title()}")
    if name.native_name:
        aliases.append(name.native_name)
    lookouts.add(
        lookout_list=LookoutList.WANTED_PERSONS,
        entity_type="person",
        name=f"{name.surname}, {given.title()}",
        aliases=aliases,
        birth_date=_adult_birth_date(rng, start),
        nationality=nationality.alpha3,
        document_number=(
            fill_pattern(rng, nationality.passport_number) if rng.random() < 0.3 else None
        ),
        reason=rng.choice(WANTED_REASONS),
    )


def _lost_document(
    rng: random.Random, lookouts: LookoutBook, names: NameBook, people: Picker[str], start: date
) -> None:
    nationality = NATIONALITIES[people.pick(rng)]
    name = names.person(rng, nationality, rng.choice("MF"))
    lookouts.add(
        lookout_list=LookoutList.LOST_STOLEN_DOCUMENTS,
        entity_type="document",
        name=f"{name.surname}, {name.given_names.title()}",
        birth_date=_adult_birth_date(rng, start) if rng.random() < 0.8 else None,
        nationality=nationality.alpha3,
        document_number=fill_pattern(rng, nationality.passport_number),
        reason=_lost_or_stolen(rng, start),
    )


def _vehicle(rng: random.Random, lookouts: LookoutBook, start: date) -> None:
    if rng.random() < 0.2:
        digits = f"9{rng.randrange(100_000):05d}"
        name = f"{rng.choice(_BOAT_FIRST)} {rng.choice(_BOAT_SECOND)}"
        vessel = Vessel(name, digits + imo_check_digit(digits))
        lookouts.add(
            lookout_list=LookoutList.VEHICLES_OF_INTEREST,
            entity_type="vessel",
            name=vessel.name,
            imo=vessel.imo,
            reason="Vessel of interest: suspected narcotics smuggling",
        )
        return
    country = rng.choice(("US", "US", "MX", "CA"))
    state = {"US": rng.choice(("CA", "TX", "AZ", "NM", "WA", "MI", "NY")), "MX": "TX", "CA": "MI"}
    vehicle = make_vehicle(rng, country, state[country], newest_year=start.year + 1)
    lookouts.add(
        lookout_list=LookoutList.VEHICLES_OF_INTEREST,
        entity_type="vehicle",
        name=f"{vehicle.colour} {vehicle.year} {vehicle.make} {vehicle.model}",
        plate=vehicle.plate,
        vin=vehicle.vin if rng.random() < 0.7 else None,
        reason=rng.choice(VEHICLE_REASONS),
    )
