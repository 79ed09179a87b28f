"""Planting violations in the honest population of travellers and crossings.

Each plant changes only what an officer would see (a name, a birth date, an MRZ, a declared
amount) and records what really happened in the truth table. Person-level violations (a
wanted person under an alias, a fraudulent document) mark every crossing the person makes.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date, timedelta

from borderops.core.synth.aliases import birth_date_variant, person_variant
from borderops.core.synth.ground_truth import LOOKOUT_PLACEHOLDER, LookoutBook, TruthBook
from borderops.core.synth.names import NameBook
from borderops.core.synth.nationalities import NameStyle
from borderops.core.synth.population import REPORTING_THRESHOLD_USD, Population
from borderops.core.synth.random_streams import Picker, fill_pattern, lognormal_around
from borderops.core.synth.travel_documents import (
    add_years,
    compose_mrz,
    corrupt_check_digit,
    tamper_expiry,
    validity_years,
)
from borderops.core.synth.types import LookoutList, Violation

LATIN_SCRIPT_STYLES = frozenset(
    {NameStyle.WESTERN, NameStyle.HISPANIC, NameStyle.FILIPINO, NameStyle.VIETNAMESE}
)
CROSSING_KINDS: dict[Violation, float] = {
    Violation.CONCEALED_NARCOTICS: 0.3,
    Violation.UNREPORTED_CURRENCY: 0.25,
    Violation.WANTED_PERSON_ALIAS: 0.15,
    Violation.FRAUDULENT_DOCUMENT: 0.3,
}
WANTED_REASONS = (
    "Outstanding federal arrest warrant: drug trafficking",
    "Outstanding federal arrest warrant: money laundering",
    "Interpol Red Notice: fraud",
    "Interpol Red Notice: homicide",
    "Outstanding state warrant: armed robbery",
    "Absconder with a final order of removal",
    "Indicted: alien smuggling",
    "Parole violation",
)
DOCUMENT_FRAUD = Picker({"bad_check_digit": 35, "tampered_expiry": 30, "lost_stolen": 35})
CONCEALMENT = {
    "vehicle": ("gas tank", "spare tire", "quarter panels", "dashboard", "seats",
                "non-factory compartment", "bumper"),
    "pedestrian": ("body carry", "shoes", "backpack"),
    "air": ("false-bottom luggage", "body carry", "ingested"),
}  # fmt: skip
DRUGS = {
    "land_south": Picker({"methamphetamine": 35, "fentanyl": 20, "cocaine": 20,
                          "marijuana": 15, "heroin": 10}),
    "land_north": Picker({"marijuana": 40, "cocaine": 30, "MDMA": 20, "methamphetamine": 10}),
    "air": Picker({"cocaine": 60, "heroin": 20, "MDMA": 20}),
}  # fmt: skip
KILOGRAMS: dict[str, tuple[float, float]] = {
    "methamphetamine": (5, 60), "fentanyl": (0.5, 8), "cocaine": (2, 40), "marijuana": (10, 150),
    "heroin": (0.5, 10), "MDMA": (1, 20),
}  # fmt: skip
NARCOTICS_AT = {"land_south": 0.75, "land_north": 0.1, "air": 0.15}
CURRENCY_AT = {"land_south": 0.5, "air": 0.35, "land_north": 0.1, "sea": 0.05}


def quotas(records: int, rate: float, kinds: Mapping[Violation, float]) -> dict[Violation, int]:
    """How many of each kind to plant: ``rate`` of the records, at least one of each kind."""
    if rate <= 0:
        return dict.fromkeys(kinds, 0)
    total = rate * records
    return {kind: max(1, round(total * share)) for kind, share in kinds.items()}


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


class CrossingPlanter:
    """Plants the crossing-side violations into a population."""

    def __init__(
        self,
        *,
        rng: random.Random,
        population: Population,
        names: NameBook,
        lookouts: LookoutBook,
        truth: TruthBook,
        start: date,
    ) -> None:
        self.rng = rng
        self.pop = population
        self.names = names
        self.lookouts = lookouts
        self.truth = truth
        self.start = start
        self.used_travellers: set[int] = set()
        self.used_crossings: set[int] = set()
        self._by_kind: dict[str, list[int]] = {}

    def plant(self, counts: Mapping[Violation, int]) -> None:
        """Plant each kind of violation as many times as ``counts`` says."""
        travellers = self.pop.travellers.columns
        adults = [
            t
            for t, birth in enumerate(travellers["birth_date"])
            if _age(birth, self.start) >= 18 and self.pop.crossings_of[t]
        ]
        wanted = counts[Violation.WANTED_PERSON_ALIAS]
        forgers = counts[Violation.FRAUDULENT_DOCUMENT]
        chosen = self.rng.sample(adults, min(len(adults), wanted + forgers))
        for position, traveller in enumerate(chosen):
            self.used_travellers.add(traveller)
            self.used_crossings.update(self.pop.crossings_of[traveller])
            if position < wanted:
                self.wanted_person_alias(traveller)
            else:
                self.fraudulent_document(traveller)
        for _ in range(counts[Violation.CONCEALED_NARCOTICS]):
            if (crossing := self._crossing(NARCOTICS_AT)) is not None:
                self.concealed_narcotics(crossing)
        for _ in range(counts[Violation.UNREPORTED_CURRENCY]):
            if (crossing := self._crossing(CURRENCY_AT)) is not None:
                self.unreported_currency(crossing)

    def _crossing(self, where: Mapping[str, float]) -> int | None:
        # Candidates per kind of port, shuffled once; used ones are skipped as they come up.
        if not self._by_kind:
            for crossing, kind in enumerate(self.pop.crossing_kind):
                self._by_kind.setdefault(kind, []).append(crossing)
            for kind in sorted(self._by_kind):
                self.rng.shuffle(self._by_kind[kind])
        while True:
            open_kinds = [(k, w) for k, w in where.items() if self._by_kind.get(k)]
            if not open_kinds:
                return None
            candidates = self._by_kind[Picker(open_kinds).pick(self.rng)]
            crossing = candidates.pop()
            if crossing not in self.used_crossings:
                self.used_crossings.add(crossing)
                return crossing

    def _crossing_ids(self, traveller: int) -> list[str]:
        ids = self.pop.crossings.columns["id"]
        return [ids[c] for c in self.pop.crossings_of[traveller]]

    def _reissue(self, traveller: int, surname: str, given: str, birth: date) -> None:
        documents = self.pop.documents.columns
        mrz = compose_mrz(
            kind=self.pop.document_kind[traveller],
            document_number=documents["document_number"][traveller],
            issuing_state=documents["issuing_state"][traveller],
            nationality=self.pop.nationality[traveller],
            surname=surname,
            given_names=given,
            birth_date=birth,
            sex=self.pop.travellers.columns["sex"][traveller],
            expiry_date=documents["expiry_date"][traveller],
        )
        documents["mrz"][traveller] = "\n".join(mrz)

    def wanted_person_alias(self, traveller: int) -> None:
        """The traveller is a wanted person crossing under a variant of the listed name."""
        rng, columns = self.rng, self.pop.travellers.columns
        name, nationality = self.pop.names[traveller], self.pop.nationality[traveller]
        listed_given = name.given_names
        if name.patronymic:
            # The list knows the patronymic; the passport never prints it, so the name
            # presented is varied from the passport form.
            listed_given = f"{name.given_names} {name.patronymic}"
        elif len(listed_given.split()) < 2 and rng.random() < 0.3:
            # Watchlists often know a middle name that the passport leaves out.
            sex = columns["sex"][traveller]
            listed_given += " " + self.names.person(rng, nationality, sex).given_names.split()[0]
        presentable = name.given_names if name.patronymic else listed_given
        variant = person_variant(rng, name.surname, presentable, tradition=nationality.style)
        birth = columns["birth_date"][traveller]
        birth_kind, presented_birth = birth_date_variant(rng, birth)
        columns["surname"][traveller] = variant.surname
        columns["given_names"][traveller] = variant.given_names
        columns["birth_date"][traveller] = presented_birth
        if nationality.style in LATIN_SCRIPT_STYLES:
            # The accented spelling belonged to the listed name; the variant has none.
            columns["native_name"][traveller] = None
        self._reissue(traveller, variant.surname, variant.given_names, presented_birth)
        other = person_variant(rng, name.surname, listed_given, tradition=nationality.style)
        aliases = [f"{other.surname}, {other.given_names.title()}"] if rng.random() < 0.5 else []
        if name.native_name:
            aliases.append(name.native_name)
        key = self.lookouts.add(
            lookout_list=LookoutList.WANTED_PERSONS,
            entity_type="person",
            name=f"{name.surname}, {listed_given.title()}",
            aliases=aliases,
            birth_date=birth,
            nationality=nationality.alpha3,
            document_number=(
                fill_pattern(rng, nationality.passport_number) if rng.random() < 0.3 else None
            ),
            reason=rng.choice(WANTED_REASONS),
        )
        detail = f"lookout={LOOKOUT_PLACEHOLDER};variant={variant.kind};birth_date={birth_kind}"
        for crossing_id in self._crossing_ids(traveller):
            self.truth.add(
                record_type="crossing",
                record_id=crossing_id,
                violation=Violation.WANTED_PERSON_ALIAS,
                detail=detail,
                lookout=key,
            )

    def fraudulent_document(self, traveller: int) -> None:
        """The traveller presents a forged, altered, or reported lost or stolen document."""
        rng, documents = self.rng, self.pop.documents.columns
        document_id = documents["id"][traveller]
        mrz = tuple(documents["mrz"][traveller].split("\n"))
        kind = DOCUMENT_FRAUD.pick(rng)
        key: int | None = None
        if kind == "bad_check_digit":
            forged, field = corrupt_check_digit(rng, mrz)
            documents["mrz"][traveller] = "\n".join(forged)
            detail = f"kind=bad_check_digit;field={field};document={document_id}"
        elif kind == "tampered_expiry":
            detail = self._tampered_expiry(traveller, document_id)
        else:
            travellers = self.pop.travellers.columns
            key = self.lookouts.add(
                lookout_list=LookoutList.LOST_STOLEN_DOCUMENTS,
                entity_type="document",
                name=f"{travellers['surname'][traveller]}, "
                f"{travellers['given_names'][traveller].title()}",
                birth_date=travellers["birth_date"][traveller],
                nationality=documents["issuing_state"][traveller],
                document_number=documents["document_number"][traveller],
                reason=_lost_or_stolen(rng, self.start),
            )
            detail = f"kind=lost_stolen;lookout={LOOKOUT_PLACEHOLDER};document={document_id}"
        for crossing_id in self._crossing_ids(traveller):
            self.truth.add(
                record_type="crossing",
                record_id=crossing_id,
                violation=Violation.FRAUDULENT_DOCUMENT,
                detail=detail,
                lookout=key,
            )

    def _tampered_expiry(self, traveller: int, document_id: str) -> str:
        # The document really expired months or years ago; the forger moved the date on.
        rng, documents = self.rng, self.pop.documents.columns
        travellers = self.pop.travellers.columns
        true_expiry = self.start - timedelta(days=rng.randint(30, 3 * 365))
        birth = travellers["birth_date"][traveller]
        years = validity_years(
            self.pop.document_kind[traveller],
            documents["issuing_state"][traveller],
            _age(birth, true_expiry) - 10,
        )
        issue = add_years(true_expiry + timedelta(days=1), -years)
        genuine = compose_mrz(
            kind=self.pop.document_kind[traveller],
            document_number=documents["document_number"][traveller],
            issuing_state=documents["issuing_state"][traveller],
            nationality=self.pop.nationality[traveller],
            surname=travellers["surname"][traveller],
            given_names=travellers["given_names"][traveller],
            birth_date=birth,
            sex=travellers["sex"][traveller],
            expiry_date=true_expiry,
        )
        forged, forged_expiry = tamper_expiry(rng, genuine, true_expiry)
        documents["issue_date"][traveller] = max(issue, birth + timedelta(days=14))
        documents["expiry_date"][traveller] = forged_expiry
        documents["mrz"][traveller] = "\n".join(forged)
        return f"kind=tampered_expiry;true_expiry={true_expiry.isoformat()};document={document_id}"

    def concealed_narcotics(self, crossing: int) -> None:
        """Drugs hidden in the vehicle, on the body or in the luggage of a crossing traveller."""
        rng, pop = self.rng, self.pop
        kind = pop.crossing_kind[crossing]
        vehicle = pop.crossing_vehicle[crossing]
        drug = DRUGS[kind].pick(rng)
        low, high = KILOGRAMS[drug]
        if kind == "air":
            carrier, low, high = "air", 0.5, 4.0
        elif vehicle < 0:
            carrier, low, high = "pedestrian", 0.1, 3.0
        else:
            carrier = "vehicle"
        kilograms = round(rng.uniform(low, high), 2)
        detail = f"drug={drug};concealment={rng.choice(CONCEALMENT[carrier])}"
        key: int | None = None
        if vehicle >= 0 and rng.random() < 0.35:
            v = pop.vehicles.columns
            key = self.lookouts.add(
                lookout_list=LookoutList.VEHICLES_OF_INTEREST,
                entity_type="vehicle",
                name=f"{v['colour'][vehicle]} {v['year'][vehicle]} {v['make'][vehicle]} "
                f"{v['model'][vehicle]}",
                plate=v["plate"][vehicle],
                vin=v["vin"][vehicle] if rng.random() < 0.6 else None,
                reason="Suspected narcotics conveyance",
            )
            detail += f";vehicle_lookout={LOOKOUT_PLACEHOLDER}"
        self.truth.add(
            record_type="crossing",
            record_id=pop.crossings.columns["id"][crossing],
            violation=Violation.CONCEALED_NARCOTICS,
            detail=detail,
            quantity=kilograms,
            unit="kg",
            lookout=key,
        )

    def unreported_currency(self, crossing: int) -> None:
        """The traveller carries more than the reporting threshold and declares less."""
        rng = self.rng
        carried = round(max(REPORTING_THRESHOLD_USD + 10, lognormal_around(rng, 25_000, 0.6)), -1)
        # Most say they carry nothing to report; some report part of it, which still looks
        # like an honest declaration over the threshold.
        declared = 0
        partial = round(carried * rng.uniform(0.4, 0.7) / 100) * 100
        if rng.random() < 0.2 and partial > REPORTING_THRESHOLD_USD:
            declared = partial
        self.pop.crossings.columns["currency_declared_usd"][crossing] = declared
        self.truth.add(
            record_type="crossing",
            record_id=self.pop.crossings.columns["id"][crossing],
            violation=Violation.UNREPORTED_CURRENCY,
            detail=f"declared_usd={declared}",
            quantity=float(carried),
            unit="USD",
        )


def _lost_or_stolen(rng: random.Random, start: date) -> str:
    reported = start - timedelta(days=rng.randint(20, 900))
    how = rng.choice(("Reported stolen", "Reported lost", "Reported stolen (burglary)"))
    return f"{how} {reported.isoformat()}"
