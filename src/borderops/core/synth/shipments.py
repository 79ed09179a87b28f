"""Customs entries: goods, values and weights, parties, routes, conveyances and containers.

Sea cargo arrives on vessel calls (one vessel, one voyage, one day at one port, carrying
many entries); trucks and trains cross the land border from Mexico and Canada, and air
cargo comes on scheduled flights.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from borderops.core.reference.ports import PortOfEntryRecord
from borderops.core.synth.check_digits import container_check_digit, imo_check_digit
from borderops.core.synth.commodities import COMMODITIES, Commodity
from borderops.core.synth.names import NameBook
from borderops.core.synth.parties import broker_name, company_name
from borderops.core.synth.random_streams import Picker, lognormal_around, stream
from borderops.core.synth.tables import TableBuilder, identifier
from borderops.core.synth.trade_routes import BORDER_PLACES, HUBS, PLACES, REGION_OF
from borderops.core.synth.types import Progress
from borderops.core.synth.vehicles import make_plate

MODE_SHARES = {"sea": 45, "land": 37, "air": 15, "rail": 3}
# Rough yearly cargo volumes (million TEU for seaports, million trucks or railcars for land
# ports); ports without a figure fall back to their traveller volume, scaled down.
CARGO_WEIGHTS: dict[tuple[str, str], float] = {
    ("2704", "sea"): 9.9, ("2709", "sea"): 9.1, ("4601", "sea"): 9.5, ("1703", "sea"): 5.9,
    ("5301", "sea"): 3.9, ("1401", "sea"): 3.7, ("1601", "sea"): 2.8, ("2811", "sea"): 2.3,
    ("3001", "sea"): 3.4, ("1803", "sea"): 1.3, ("1303", "sea"): 1.1, ("5203", "sea"): 1.1,
    ("5201", "sea"): 1.1, ("4909", "sea"): 1.2, ("3205", "sea"): 1.0, ("1001", "sea"): 1.0,
    ("2002", "sea"): 0.6, ("0401", "sea"): 0.3,
    ("2304", "land"): 3.0, ("3801", "land"): 1.6, ("2506", "land"): 1.0, ("0901", "land"): 1.0,
    ("2402", "land"): 0.9, ("3802", "land"): 0.8, ("2305", "land"): 0.6, ("2604", "land"): 0.4,
    ("3004", "land"): 0.4, ("0712", "land"): 0.3, ("2303", "land"): 0.25, ("2503", "land"): 0.2,
    ("2507", "land"): 0.2, ("2301", "land"): 0.3, ("3401", "land"): 0.2, ("3310", "land"): 0.15,
    ("2304", "rail"): 0.5, ("2303", "rail"): 0.3, ("3802", "rail"): 0.4, ("3801", "rail"): 0.3,
    ("0901", "rail"): 0.3, ("3604", "rail"): 0.2, ("3004", "rail"): 0.2, ("2402", "rail"): 0.1,
}  # fmt: skip
MEDIAN_VALUE_USD = {"sea": 60_000, "land": 45_000, "rail": 120_000, "air": 40_000}
MAX_NET_KG = {"sea": 26_000, "land": 20_000, "rail": 90_000, "air": 4_000}
CARGO_AIRLINES = ("FX", "5X", "CV", "CX", "KE", "LH", "QR", "EK", "AM", "AV", "CI", "NH")
RAILROADS = ("UP", "BNSF", "CPKC", "CN", "CSX")
CONTAINER_OWNERS = ("MSCU", "MAEU", "CMAU", "HLXU", "OOLU", "COSU", "EGHU", "TGHU",
                    "TCNU", "BMOU", "CAIU", "SEGU", "ONEU", "YMLU", "ZIMU", "HDMU")  # fmt: skip
_VESSEL_FIRST = (
    "PACIFIC", "ATLANTIC", "NORTHERN", "OCEAN", "GLOBAL", "EASTERN", "GOLDEN", "SILVER",
    "BLUE", "GREAT", "CAPE", "STAR", "GRAND", "BRIGHT",
)  # fmt: skip
_VESSEL_SECOND = (
    "DAWN", "HARMONY", "PIONEER", "TRADER", "SPIRIT", "HORIZON", "EXPRESS", "FORTUNE",
    "GRACE", "VENTURE", "PROMISE", "MERIDIAN", "UNITY", "CONCORD",
)  # fmt: skip


class Vessel(NamedTuple):
    """A cargo vessel: its name and IMO number."""

    name: str
    imo: str


class Entry(NamedTuple):
    """One customs entry as declared; a violation may replace fields before it is written."""

    mode: str
    port: str
    arrival_date: date
    commodity: Commodity
    value: float
    gross_kg: float
    net_kg: float
    quantity: int
    origin: str
    export_country: str
    route: str
    shipper: str
    consignee: str
    declarant: str
    conveyance: str
    containers: str | None
    vessel: Vessel | None


@dataclass
class ShipmentMaker:
    """Draws honest entries; violations then alter the ones they are planted in."""

    seed: int
    count: int
    start: date
    days: int
    ports: tuple[PortOfEntryRecord, ...]
    names: NameBook
    rng: random.Random = field(init=False)
    _ports_by_mode: dict[str, Picker[PortOfEntryRecord]] = field(init=False)
    _commodities_by_mode: dict[str, Picker[Commodity]] = field(init=False)
    _modes: Picker[str] = field(init=False)
    _vessels: list[Vessel] = field(init=False, default_factory=list)
    _calls: dict[str, list[tuple[Vessel, str, int]]] = field(init=False, default_factory=dict)
    _shippers: dict[tuple[str, str], list[str]] = field(init=False, default_factory=dict)
    _consignees: list[str] = field(init=False, default_factory=list)
    _brokers: dict[str, list[str]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = stream(self.seed, "shipments")
        self._ports_by_mode = {}
        for mode in MODE_SHARES:
            weights = [
                (p, CARGO_WEIGHTS.get((p.code, mode), p.annual_travellers / 2e7))
                for p in self.ports
                if mode in p.modes
            ]
            if weights:
                self._ports_by_mode[mode] = Picker(weights)
        self._modes = Picker({m: s for m, s in MODE_SHARES.items() if m in self._ports_by_mode})
        self._commodities_by_mode = {
            mode: Picker([(c, c.share * dict(c.modes).get(mode, 0)) for c in COMMODITIES.values()])
            for mode in MODE_SHARES
        }

    def carries(self, mode: str) -> bool:
        """Some port takes cargo by this mode."""
        return mode in self._ports_by_mode

    def port(self, code: str) -> PortOfEntryRecord:
        """The port of entry with this code."""
        return next(p for p in self.ports if p.code == code)

    def pool_size(self, share: float) -> int:
        """How many distinct parties a pool holds, growing with the dataset but repeating."""
        return max(3, round(math.sqrt(self.count * share) * 2))

    def _pooled(self, pool: list[str], size: int, make: Callable[[], str]) -> str:
        # New parties appear until the pool is full, after which they only recur.
        if len(pool) < size and (not pool or self.rng.random() < 0.5):
            pool.append(make())
        return self.rng.choice(pool)

    def shipper(self, country: str, sector: str) -> str:
        """A firm in ``country`` that ships goods of ``sector``; firms recur across entries."""
        pool = self._shippers.setdefault((country, sector), [])
        return self._pooled(
            pool, self.pool_size(0.02), lambda: company_name(self.rng, self.names, country, sector)
        )

    def consignee(self) -> str:
        """A U.S. importer of record."""
        return self._pooled(
            self._consignees,
            self.pool_size(0.3),
            lambda: company_name(self.rng, self.names, "US", "trading"),
        )

    def broker(self, port: PortOfEntryRecord) -> str:
        """A customs broker filing at the port."""
        pool = self._brokers.setdefault(port.code, [])
        size = min(8, self.pool_size(0.005))
        return self._pooled(pool, size, lambda: broker_name(self.rng, self.names, port.name))

    def vessel(self) -> Vessel:
        """A cargo vessel, new or one already calling."""
        if len(self._vessels) < max(8, self.count // 60) and (
            not self._vessels or self.rng.random() < 0.3
        ):
            digits = f"9{self.rng.randrange(100_000):05d}"
            name = f"{self.rng.choice(_VESSEL_FIRST)} {self.rng.choice(_VESSEL_SECOND)}"
            self._vessels.append(Vessel(name, digits + imo_check_digit(digits)))
        return self.rng.choice(self._vessels)

    def _call(self, port: str) -> tuple[Vessel, str, int]:
        calls = self._calls.setdefault(port, [])
        if not calls or (len(calls) < max(2, self.count // 40) and self.rng.random() < 0.15):
            voyage = f"{self.rng.randint(1, 999):03d}{self.rng.choice('EWNS')}"
            calls.append((self.vessel(), voyage, self.rng.randrange(self.days)))
        return self.rng.choice(calls)

    def containers(self, mode: str, net_kg: float) -> str | None:
        """ISO 6346 container numbers for the load, joined by ``;`` (none for air or trucks)."""
        if mode == "sea" or (mode == "rail" and self.rng.random() < 0.5):
            count = min(6, max(1, math.ceil(net_kg / 20_000)))
            numbers = []
            for _ in range(count):
                draft = f"{self.rng.choice(CONTAINER_OWNERS)}{self.rng.randrange(1_000_000):06d}"
                numbers.append(draft + container_check_digit(draft))
            return ";".join(numbers)
        return None

    def route(self, mode: str, origin: str, export: str, port: PortOfEntryRecord) -> str:
        """Where the goods were loaded and changed carrier, as UN/LOCODEs, in order."""
        rng = self.rng
        stops = [rng.choice(PLACES[origin])]
        if export != origin:
            stops.append(rng.choice(PLACES[export]))
        if mode in ("land", "rail"):
            border = BORDER_PLACES.get(port.state, PLACES["MX"])
            if stops[-1] not in border:
                stops.append(rng.choice(border))
        elif mode == "sea" and rng.random() < 0.3:
            hub = rng.choice(HUBS[REGION_OF[export]])
            if hub not in stops:
                stops.append(hub)
        return ";".join(stops)

    def entry(
        self,
        *,
        mode: str | None = None,
        commodity: Commodity | None = None,
        origin: str | None = None,
    ) -> Entry:
        """An honest entry; mode, commodity and origin may be imposed by a violation."""
        rng = self.rng
        mode = mode or self._modes.pick(rng)
        port = self._ports_by_mode[mode].pick(rng)
        commodity = commodity or self._commodities_by_mode[mode].pick(rng)
        origins = Picker(commodity.origins)
        origin = origin or origins.pick(rng)
        export = origin
        if mode in ("land", "rail"):
            border = "MX" if port.border == "US-Mexico" else "CA"
            if border in dict(commodity.origins) and rng.random() < 0.85:
                origin = border
            export = border
        elif rng.random() < 0.08:
            # Goods shipped on from a third country, as transshipment does.
            export = rng.choice(("SG", "HK", "MY", "VN", "TH", "KR", "PA", "AE"))
        vessel = None
        if mode == "sea":
            vessel, voyage, day = self._call(port.code)
            conveyance = f"{vessel.name} (IMO {vessel.imo}) voyage {voyage}"
        else:
            day = rng.randrange(self.days)
            if mode == "air":
                conveyance = f"{rng.choice(CARGO_AIRLINES)}{rng.randint(1, 9999)}"
            elif mode == "land":
                region = "NL" if export == "MX" else "ON"
                conveyance = f"TRUCK {make_plate(rng, export, region)}"
            else:
                conveyance = f"{rng.choice(RAILROADS)} TRAIN {rng.randint(100, 9999)}"
        target_value = lognormal_around(rng, MEDIAN_VALUE_USD[mode], 0.9)
        # Value drives the weight, until the load fills the container, truck or railcar.
        capacity = MAX_NET_KG[mode] * rng.uniform(0.4, 1.0)
        net_kg = round(max(1.0, min(target_value / commodity.usd_per_kg, capacity)), 1)
        value = round(net_kg * lognormal_around(rng, commodity.usd_per_kg, 0.2), 2)
        sector = commodity.sector
        return Entry(
            mode=mode,
            port=port.code,
            arrival_date=self.start + timedelta(days=day),
            commodity=commodity,
            value=value,
            gross_kg=round(net_kg * rng.uniform(1.03, 1.2), 1),
            net_kg=net_kg,
            quantity=max(1, round(net_kg / commodity.kg_per_unit)),
            origin=origin,
            export_country=export,
            route=self.route(mode, origin, export, port),
            shipper=self.shipper(export, sector),
            consignee=self.consignee(),
            declarant=self.broker(port),
            conveyance=conveyance,
            containers=self.containers(mode, net_kg),
            vessel=vessel,
        )


def write_entries(entries: list[Entry], progress: Progress | None = None) -> TableBuilder:
    """The shipments table, entries sorted by arrival date and numbered in that order."""
    table = TableBuilder("shipments")
    count = len(entries)
    for index, e in enumerate(entries):
        table.add(
            identifier("E", index, count), e.mode, e.port, e.arrival_date, e.commodity.hs_code,
            e.commodity.description, e.value, "USD", e.gross_kg, e.net_kg, e.quantity, e.origin,
            e.export_country, e.route, e.shipper, e.consignee, e.declarant, e.conveyance,
            e.containers,
        )  # fmt: skip
        if progress and (index % 5000 == 0 or index == count - 1):
            progress("shipments", index + 1, count)
    return table
