"""Travellers in households, their documents and vehicles, and every crossing they make.

People travel in households (a driver and passengers, a family on a flight); each household
has a home port, crosses there once, and some cross again, commuters most of all, until the
crossings reach their target. Everything here is honest: violations are applied afterwards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from borderops.core.reference.ports import PortOfEntryRecord
from borderops.core.synth.names import NameBook, PersonName
from borderops.core.synth.nationalities import MIXES, NATIONALITIES, Nationality
from borderops.core.synth.random_streams import Picker, lognormal_around, stream
from borderops.core.synth.tables import TableBuilder, identifier
from borderops.core.synth.traffic import US_AIRLINES, PortMode, Timetable, port_modes
from borderops.core.synth.travel_documents import (
    DocumentKind,
    IssuedDocument,
    document_kind,
    issue_document,
)
from borderops.core.synth.types import Progress
from borderops.core.synth.vehicles import make_vehicle

REPORTING_THRESHOLD_USD = 10_000
PEDESTRIAN_SHARE = {"land_south": 0.22, "land_north": 0.03}
COMMUTER_SHARE = {"land_south": 0.3, "land_north": 0.15}
AGRICULTURAL_SHARE = {"land": 0.05, "rail": 0.05, "air": 0.12, "sea": 0.06}
HOUSEHOLD_SIZES = {
    "vehicle": Picker({1: 45, 2: 30, 3: 13, 4: 12}),
    "pedestrian": Picker({1: 80, 2: 20}),
    "air": Picker({1: 60, 2: 25, 3: 8, 4: 7}),
    "sea": Picker({1: 20, 2: 60, 3: 10, 4: 10}),
    "rail": Picker({1: 70, 2: 30}),
}
# Some issuers let holders choose an unspecified sex, printed X.
X_SEX_ISSUERS = frozenset({"USA", "CAN", "AUS", "NZL", "DEU", "NLD"})


class Household(NamedTuple):
    """People who cross together, at one home port, in one vehicle if they drive."""

    port: PortMode
    nationality: Nationality
    members: list[int]
    vehicle: int  # -1 when they walk, fly or sail
    commuter: bool


class CrossingEvent(NamedTuple):
    """One traveller passing one port, before crossings are sorted and numbered."""

    at: datetime
    traveller: int
    vehicle: int
    port: str
    mode: str
    conveyance: str
    currency_declared_usd: int
    agricultural_declared: bool


@dataclass
class Population:
    """The honest population: travellers, documents, vehicles, crossings, and their links."""

    travellers: TableBuilder = field(default_factory=lambda: TableBuilder("travellers"))
    documents: TableBuilder = field(default_factory=lambda: TableBuilder("documents"))
    vehicles: TableBuilder = field(default_factory=lambda: TableBuilder("vehicles"))
    crossings: TableBuilder = field(default_factory=lambda: TableBuilder("crossings"))
    names: list[PersonName] = field(default_factory=list)
    nationality: list[Nationality] = field(default_factory=list)
    document_kind: list[DocumentKind] = field(default_factory=list)
    household_of: list[int] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    crossings_of: list[list[int]] = field(default_factory=list)
    crossing_kind: list[str] = field(default_factory=list)  # port kind of each crossing
    crossing_traveller: list[int] = field(default_factory=list)
    crossing_vehicle: list[int] = field(default_factory=list)


def _age_years(rng: random.Random, mode: str, head: bool, head_age: int) -> int:
    if head:
        low = 20 if mode in ("air", "sea") else 18
        return int(rng.triangular(low, 82, 40))
    # Second adults are near the first one's age, the rest are children.
    return max(18, min(90, head_age + round(rng.gauss(0, 4))))


def _birth_date(rng: random.Random, start: date, age: int) -> date:
    # At least a month old when the window opens, so even a baby holds a document by then.
    return start - timedelta(days=age * 365 + age // 4 + rng.randrange(30, 365))


def _plate_country(rng: random.Random, nationality: str, kind: str) -> str:
    roll = rng.random()
    if kind == "land_south":
        if nationality == "MEX":
            return "MX" if roll < 0.9 else "US"
        if nationality == "USA":
            return "MX" if roll < 0.08 else "US"
        return "US" if roll < 0.7 else "MX"
    if nationality == "CAN":
        return "CA" if roll < 0.95 else "US"
    if nationality == "USA":
        return "CA" if roll < 0.03 else "US"
    return "US" if roll < 0.5 else "CA"


class _Builder:
    def __init__(
        self,
        *,
        seed: int,
        travellers: int,
        crossings: int,
        start: date,
        days: int,
        ports: tuple[PortOfEntryRecord, ...],
        names: NameBook,
        progress: Progress | None,
    ) -> None:
        self.target_travellers = travellers
        self.target_crossings = crossings
        self.start = start
        self.valid_until = start + timedelta(days=days)
        self.names = names
        self.progress = progress
        self.rng = stream(seed, "households")
        self.trip_rng = stream(seed, "trips")
        self.document_rng = stream(seed, "documents")
        self.vehicle_rng = stream(seed, "vehicles")
        self.timetable = Timetable(start=start, days=days)
        self.ports = Picker([(p, p.volume) for p in port_modes(ports)])
        self.mixes = {kind: Picker(mix) for kind, mix in MIXES.items()}
        self.population = Population()
        self.events: list[CrossingEvent] = []

    def build(self) -> Population:
        """Households until there are enough travellers, then trips until enough crossings."""
        while len(self.population.names) < self.target_travellers:
            household = self._household()
            self._trip(household, household.members)
            done = len(self.population.names)
            if self.progress and (
                done % 2000 < len(household.members) or done >= self.target_travellers
            ):
                self.progress("travellers", done, self.target_travellers)
        self._extra_trips()
        self._number_crossings()
        return self.population

    def _household(self) -> Household:
        rng, pop = self.rng, self.population
        port = self.ports.pick(rng)
        nationality = NATIONALITIES[self.mixes[port.kind].pick(rng)]
        if port.mode == "land":
            drives = rng.random() >= PEDESTRIAN_SHARE[port.kind]
            sizes = HOUSEHOLD_SIZES["vehicle" if drives else "pedestrian"]
            commuter = rng.random() < COMMUTER_SHARE[port.kind]
        else:
            drives, commuter, sizes = False, False, HOUSEHOLD_SIZES[port.mode]
        size = min(sizes.pick(rng), self.target_travellers - len(pop.names))
        vehicle = -1
        if drives:
            plate_country = _plate_country(rng, nationality.alpha3, port.kind)
            record = make_vehicle(
                self.vehicle_rng, plate_country, port.state, newest_year=self.start.year + 1
            )
            vehicle = pop.vehicles.add(
                identifier("V", len(pop.vehicles), self.target_travellers), *record
            )
        household = Household(port, nationality, [], vehicle, commuter)
        head_age = 0
        first: PersonName | None = None
        head_sex = "M" if rng.random() < 0.55 else "F"
        for position in range(size):
            if position == 0:
                age = head_age = _age_years(rng, port.mode, True, 0)
                sex = head_sex
            elif position == 1:
                age = _age_years(rng, port.mode, False, head_age)
                sex = ("F" if head_sex == "M" else "M") if rng.random() < 0.85 else head_sex
            else:
                age = rng.randrange(max(1, min(18, head_age - 17)))
                sex = rng.choice("MF")
            if nationality.alpha3 in X_SEX_ISSUERS and rng.random() < 0.001:
                sex = "X"
            # Spouses keep their own surname half the time; children take the family's.
            family = first if position != 1 or rng.random() < 0.5 else None
            name = self.names.person(rng, nationality, sex, family=family)
            first = first or name
            household.members.append(self._traveller(name, nationality, sex, age, port))
        pop.households.append(household)
        return household

    def _traveller(
        self, name: PersonName, nationality: Nationality, sex: str, age: int, port: PortMode
    ) -> int:
        rng, pop = self.rng, self.population
        index = len(pop.names)
        traveller_id = identifier("T", index, self.target_travellers)
        birth = _birth_date(rng, self.start, age)
        pop.travellers.add(
            traveller_id,
            name.surname,
            name.given_names,
            name.native_name,
            birth,
            sex,
            nationality.alpha3,
            rng.choice(nationality.cities),
        )
        kind = document_kind(self.document_rng, nationality.alpha3, port.kind)
        document = issue_document(
            self.document_rng,
            kind=kind,
            nationality=nationality,
            surname=name.surname,
            given_names=name.given_names,
            birth_date=birth,
            sex=sex,
            issued_before=self.start,
            valid_until=self.valid_until,
        )
        self.add_document(traveller_id, document)
        pop.names.append(name)
        pop.nationality.append(nationality)
        pop.document_kind.append(kind)
        pop.household_of.append(len(pop.households))
        return index

    def add_document(self, traveller_id: str, document: IssuedDocument) -> None:
        """Record a traveller's document; document ids follow traveller ids one to one."""
        pop = self.population
        pop.documents.add(
            identifier("D", len(pop.documents), self.target_travellers),
            traveller_id,
            document.document_code,
            document.document_number,
            document.issuing_state,
            document.issue_date,
            document.expiry_date,
            "\n".join(document.mrz),
        )

    def _trip(self, household: Household, members: list[int]) -> None:
        rng, port = self.trip_rng, household.port
        if port.mode == "land":
            at = self.timetable.land(rng, port.kind, commuter=household.commuter)
            conveyance = "personal vehicle" if household.vehicle >= 0 else "pedestrian"
        elif port.mode == "air":
            home = household.nationality.airlines
            airline = rng.choice(home if home and rng.random() < 0.6 else US_AIRLINES)
            conveyance, at = self.timetable.flight(rng, port.code, airline)
        elif port.mode == "sea":
            conveyance, at = self.timetable.ship(rng, port.code)
        else:
            conveyance, at = self.timetable.train(rng, port.code)
        # One customs declaration covers a family; it is recorded on the first member.
        declared = 0
        if rng.random() < 0.003:
            amount = round(lognormal_around(rng, 16_000, 0.5) / 100) * 100
            declared = max(REPORTING_THRESHOLD_USD + 100, amount)
        agricultural = rng.random() < AGRICULTURAL_SHARE[port.mode]
        for position, traveller in enumerate(members):
            self.events.append(
                CrossingEvent(
                    at,
                    traveller,
                    household.vehicle,
                    port.code,
                    port.mode,
                    conveyance,
                    declared if position == 0 else 0,
                    agricultural,
                )
            )

    def _extra_trips(self) -> None:
        rng, pop = self.trip_rng, self.population
        weights = []
        for index, household in enumerate(pop.households):
            if household.commuter:
                weight = 14.0
            elif household.port.mode == "land":
                weight = 2.0
            else:
                weight = 0.5
            weights.append((index, weight))
        again = Picker(weights)
        while len(self.events) < self.target_crossings:
            household = pop.households[again.pick(rng)]
            alone = household.commuter or rng.random() < 0.5
            members = household.members[:1] if alone else list(household.members)
            self._trip(household, members[: self.target_crossings - len(self.events)])

    def _number_crossings(self) -> None:
        pop = self.population
        self.events.sort(key=lambda event: (event.at, event.traveller, event.port))
        pop.crossings_of = [[] for _ in pop.names]
        traveller_ids = pop.travellers.columns["id"]
        document_ids = pop.documents.columns["id"]
        vehicle_ids = pop.vehicles.columns["id"]
        count = len(self.events)
        for index, event in enumerate(self.events):
            pop.crossings.add(
                identifier("C", index, count),
                traveller_ids[event.traveller],
                document_ids[event.traveller],
                vehicle_ids[event.vehicle] if event.vehicle >= 0 else None,
                event.port,
                event.mode,
                event.conveyance,
                event.at,
                event.currency_declared_usd,
                event.agricultural_declared,
            )
            pop.crossings_of[event.traveller].append(index)
            pop.crossing_kind.append(pop.households[pop.household_of[event.traveller]].port.kind)
            pop.crossing_traveller.append(event.traveller)
            pop.crossing_vehicle.append(event.vehicle)
            if self.progress and (index % 5000 == 0 or index == count - 1):
                self.progress("crossings", index + 1, count)


def build_population(
    *,
    seed: int,
    travellers: int,
    crossings: int,
    start: date,
    days: int,
    ports: tuple[PortOfEntryRecord, ...],
    names: NameBook,
    progress: Progress | None = None,
) -> Population:
    """Travellers, their documents and vehicles, and ``crossings`` crossings among them."""
    return _Builder(
        seed=seed,
        travellers=travellers,
        crossings=crossings,
        start=start,
        days=days,
        ports=ports,
        names=names,
        progress=progress,
    ).build()
