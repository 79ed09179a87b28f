"""Customs entries with planted violations: hidden drugs, misdeclared goods, undervaluation,
and denied parties trading under a variant of their listed name."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import NamedTuple

from borderops.core.synth.aliases import company_variant
from borderops.core.synth.commodities import COMMODITIES, NARCOTICS_COVERS, Commodity
from borderops.core.synth.ground_truth import LOOKOUT_PLACEHOLDER, LookoutBook, TruthBook
from borderops.core.synth.parties import company_name
from borderops.core.synth.random_streams import Picker
from borderops.core.synth.shipments import Entry, ShipmentMaker, write_entries
from borderops.core.synth.tables import TableBuilder
from borderops.core.synth.types import LookoutList, Progress, Violation

SHIPMENT_KINDS: dict[Violation, float] = {
    Violation.CONCEALED_NARCOTICS: 0.15,
    Violation.MISDECLARED_HS: 0.3,
    Violation.UNDERVALUED: 0.35,
    Violation.DENIED_PARTY: 0.2,
}
RISKY_ORIGINS = ("CO", "EC", "MX", "GT", "HN", "PE", "CR")
CARGO_DRUGS = {
    "sea": Picker({"cocaine": 70, "marijuana": 10, "heroin": 10, "methamphetamine": 10}),
    "land": Picker({"methamphetamine": 40, "fentanyl": 25, "cocaine": 20, "marijuana": 15}),
    "rail": Picker({"methamphetamine": 40, "cocaine": 40, "marijuana": 20}),
    "air": Picker({"cocaine": 60, "heroin": 20, "MDMA": 20}),
}
CARGO_KILOGRAMS = {"sea": (50, 1500), "land": (20, 400), "rail": (50, 600), "air": (2, 40)}
CARGO_CONCEALMENT = {
    "sea": ("rip-on/rip-off in container", "inside cargo", "container walls",
            "refrigeration unit"),
    "land": ("trailer floor", "inside cargo", "tractor fuel tank", "pallets"),
    "rail": ("inside cargo", "railcar void"),
    "air": ("inside cargo", "machinery"),
}  # fmt: skip
# Denied parties: (country, reason); alpha-3 for the lookout, alpha-2 for the trade data.
DENIED_COUNTRIES = {
    "CN": ("CHN", "UFLPA Entity List: goods made with forced labour"),
    "HK": ("HKG", "Entity List (15 CFR 744): diversion of controlled items"),
    "RU": ("RUS", "Entity List (15 CFR 744): military end user"),
    "AE": ("ARE", "Entity List (15 CFR 744): transshipment to a sanctioned destination"),
    "TR": ("TUR", "Entity List (15 CFR 744): diversion of controlled items"),
    "IR": ("IRN", "Denied Persons List"),
    "BY": ("BLR", "Entity List (15 CFR 744): military end user"),
    "US": ("USA", "Denied Persons List: prior export violations"),
}
DENIED_SECTORS = {
    "CN": ("textiles", "electronics"),
    "HK": ("electronics",),
    "RU": ("electronics", "machinery"),
    "AE": ("electronics", "trading"),
    "TR": ("electronics", "machinery"),
    "IR": ("chemicals", "trading"),
    "BY": ("machinery", "chemicals"),
    "US": ("trading",),
}
_DENIED_PICKER = Picker({"CN": 35, "HK": 20, "RU": 10, "AE": 15, "TR": 8, "IR": 4, "BY": 3})


class CargoTruth(NamedTuple):
    """A truth row for an entry, before the entry has its final id."""

    entry: int
    violation: Violation
    detail: str
    quantity: float | None
    unit: str | None
    lookout: int | None


def plan(rng: random.Random, count: int, quotas: Mapping[Violation, int]) -> list[Violation | None]:
    """Which entries carry which violation (None for honest ones)."""
    slots: list[Violation | None] = [None] * count
    order = rng.sample(range(count), count)
    position = 0
    for kind, quota in quotas.items():
        for index in order[position : position + quota]:
            slots[index] = kind
        position += quota
    return slots


class CargoPlanter:
    """Draws entries, planting a violation where the plan says so."""

    def __init__(self, maker: ShipmentMaker, lookouts: LookoutBook) -> None:
        self.maker = maker
        self.rng = maker.rng
        self.lookouts = lookouts
        self.truths: list[CargoTruth] = []
        self.coverable = [c for c in COMMODITIES.values() if c.cover]

    def entry(self, index: int, violation: Violation | None) -> Entry:
        """The entry at ``index`` of the plan, honest or with its violation planted."""
        if violation is Violation.CONCEALED_NARCOTICS:
            return self._narcotics(index)
        if violation is Violation.MISDECLARED_HS:
            return self._misdeclared(index)
        if violation is Violation.UNDERVALUED:
            return self._undervalued(index)
        if violation is Violation.DENIED_PARTY:
            return self._denied_party(index)
        return self.maker.entry()

    def _entry_for(self, commodity: Commodity, origin: str | None = None) -> Entry:
        modes = [(m, w) for m, w in commodity.modes if self.maker.carries(m)]
        return self.maker.entry(
            mode=Picker(modes).pick(self.rng), commodity=commodity, origin=origin
        )

    def _narcotics(self, index: int) -> Entry:
        rng = self.rng
        commodity = COMMODITIES[rng.choice(NARCOTICS_COVERS)]
        risky = [o for o, _ in commodity.origins if o in RISKY_ORIGINS]
        entry = self._entry_for(commodity, rng.choice(risky) if risky else None)
        drug = CARGO_DRUGS[entry.mode].pick(rng)
        low, high = CARGO_KILOGRAMS[entry.mode]
        detail = f"drug={drug};concealment={rng.choice(CARGO_CONCEALMENT[entry.mode])}"
        key = None
        if entry.vessel is not None and rng.random() < 0.3:
            key = self.lookouts.add(
                lookout_list=LookoutList.VEHICLES_OF_INTEREST,
                entity_type="vessel",
                name=entry.vessel.name,
                imo=entry.vessel.imo,
                reason="Vessel of interest: prior narcotics seizure on board",
            )
            detail += f";vessel_lookout={LOOKOUT_PLACEHOLDER}"
        kilograms = round(rng.uniform(low, high), 1)
        self.truths.append(
            CargoTruth(index, Violation.CONCEALED_NARCOTICS, detail, kilograms, "kg", key)
        )
        return entry

    def _misdeclared(self, index: int) -> Entry:
        true = self.rng.choice(self.coverable)
        declared = COMMODITIES[true.cover]
        entry = self._entry_for(true)._replace(commodity=declared)
        detail = f"declared_hs={declared.hs_code};true_hs={true.hs_code}"
        self.truths.append(CargoTruth(index, Violation.MISDECLARED_HS, detail, None, None, None))
        return entry

    def _undervalued(self, index: int) -> Entry:
        entry = self.maker.entry()
        ratio = self.rng.uniform(0.1, 0.35)
        declared = round(entry.value * ratio, 2)
        detail = f"declared_value={declared:.2f};ratio={ratio:.2f}"
        self.truths.append(
            CargoTruth(index, Violation.UNDERVALUED, detail, entry.value, "USD", None)
        )
        return entry._replace(value=declared)

    def denied_company(self, country: str) -> tuple[str, int, str]:
        """A company put on the denied-parties list: its listed name, lookout key and trade."""
        rng = self.rng
        alpha3, reason = DENIED_COUNTRIES[country]
        sector = rng.choice(DENIED_SECTORS[country])
        name = company_name(rng, self.maker.names, country, sector)
        aliases = []
        if rng.random() < 0.4:
            aliases.append(company_name(rng, self.maker.names, country, sector))
        if rng.random() < 0.3:
            aliases.append(company_variant(rng, name, kind="legal_form")[1])
        key = self.lookouts.add(
            lookout_list=LookoutList.DENIED_PARTIES,
            entity_type="company",
            name=name,
            aliases=aliases,
            nationality=alpha3,
            reason=reason,
        )
        return name, key, sector

    def _denied_party(self, index: int) -> Entry:
        rng, maker = self.rng, self.maker
        role = "shipper" if rng.random() < 0.8 else "consignee"
        country = _DENIED_PICKER.pick(rng) if role == "shipper" else "US"
        listed, key, sector = self.denied_company(country)
        variant_kind, presented = company_variant(rng, listed)
        # A firm trades in its own line; front companies and traders in anything controlled.
        if sector == "trading":
            sector = rng.choice(("electronics", "chemicals", "machinery"))
        candidates = [c for c in COMMODITIES.values() if c.sector == sector]
        commodity = rng.choice(candidates)
        entry = self._entry_for(commodity)
        if role == "consignee":
            entry = entry._replace(consignee=presented)
        elif entry.mode in ("sea", "air"):
            # The listed firm ships from its own country, whatever the goods' origin.
            origin = country if country in ("CN", "RU", "TR", "IR", "BY") else "CN"
            route = maker.route(entry.mode, origin, country, maker.port(entry.port))
            entry = entry._replace(
                origin=origin, export_country=country, shipper=presented, route=route
            )
        else:
            entry = entry._replace(shipper=presented)
        detail = f"lookout={LOOKOUT_PLACEHOLDER};party={role};variant={variant_kind}"
        self.truths.append(CargoTruth(index, Violation.DENIED_PARTY, detail, None, None, key))
        return entry


def build_cargo(
    *,
    maker: ShipmentMaker,
    quotas: Mapping[Violation, int],
    lookouts: LookoutBook,
    truth: TruthBook,
    progress: Progress | None = None,
) -> tuple[TableBuilder, CargoPlanter]:
    """The shipments table with violations planted, their truth recorded in ``truth``."""
    planter = CargoPlanter(maker, lookouts)
    slots = plan(maker.rng, maker.count, quotas)
    entries = [planter.entry(index, violation) for index, violation in enumerate(slots)]
    # Entries are numbered in arrival order; the sort is stable, so ties keep draw order.
    order = sorted(range(len(entries)), key=lambda i: entries[i].arrival_date)
    table = write_entries([entries[i] for i in order], progress)
    final_id = {drawn: table.columns["id"][position] for position, drawn in enumerate(order)}
    for row in planter.truths:
        truth.add(
            record_type="shipment",
            record_id=final_id[row.entry],
            violation=row.violation,
            detail=row.detail,
            quantity=row.quantity,
            unit=row.unit,
            lookout=row.lookout,
        )
    return table, planter
