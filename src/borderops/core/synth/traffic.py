"""Where and when travellers cross: ports weighted by volume, and the daily and weekly rhythm.

Timestamps are local time at the port. Land ports peak with commuters in the morning and the
late afternoon and on weekends; air ports follow fixed daily flight schedules; cruise ships
call on one weekday each week, early in the morning.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from borderops.core.reference.ports import PortOfEntryRecord
from borderops.core.synth.random_streams import Picker

# Share of a multi-mode port's travellers by mode (rail carries few people).
MODE_SHARES = {"land": 1.0, "rail": 0.01, "air": 0.85, "sea": 0.15}

WEEKDAY_WEIGHTS: dict[str, tuple[float, ...]] = {
    # Monday … Sunday
    "land_south": (1.0, 0.95, 0.95, 1.0, 1.15, 1.25, 1.1),
    "land_north": (0.85, 0.8, 0.8, 0.9, 1.2, 1.35, 1.2),
    "air": (1.05, 0.9, 0.9, 1.0, 1.1, 1.0, 1.15),
    "sea": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
}
HOUR_WEIGHTS: dict[str, tuple[float, ...]] = {
    "land": (
        0.6, 0.4, 0.3, 0.3, 0.6, 1.6, 3.2, 4.2, 3.8, 2.8, 2.4, 2.4,
        2.5, 2.6, 2.9, 3.4, 3.8, 3.9, 3.4, 2.8, 2.2, 1.7, 1.2, 0.8,
    ),
    "commuter": (
        0, 0, 0, 0, 0.5, 3, 6, 7, 4, 1.5, 0.5, 0.3,
        0.3, 0.3, 0.5, 1, 1.5, 1.5, 1, 0.5, 0.3, 0.2, 0, 0,
    ),
    "air": (
        0.2, 0.1, 0, 0, 0.1, 0.8, 1.6, 1.8, 1.6, 1.2, 1.2, 1.4,
        1.6, 2.0, 2.4, 2.6, 2.6, 2.4, 2.2, 2.0, 1.6, 1.2, 0.8, 0.5,
    ),
}  # fmt: skip

US_AIRLINES = ("AA", "UA", "DL", "B6", "AS", "WN")
_SHIP_FIRST = (
    "Coral", "Ocean", "Island", "Northern", "Pacific", "Atlantic", "Caribbean", "Silver",
    "Star", "Azure", "Emerald", "Majestic", "Radiant", "Harmony", "Serene", "Golden",
)  # fmt: skip
_SHIP_SECOND = (
    "Voyager", "Spirit", "Dream", "Horizon", "Explorer", "Jewel", "Breeze", "Odyssey",
    "Navigator", "Serenade", "Pearl", "Crown", "Legend", "Vista", "Aurora", "Mariner",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class PortMode:
    """A port of entry and one of its modes, with the traveller volume that mode carries."""

    code: str
    mode: str
    kind: str  # land_south, land_north, air or sea
    state: str
    volume: float


def port_modes(ports: tuple[PortOfEntryRecord, ...]) -> list[PortMode]:
    """Each port's modes as separate choices, weighted by the port's yearly travellers."""
    out = []
    for port in ports:
        for mode in port.modes:
            if mode in ("land", "rail"):
                kind = "land_south" if port.border == "US-Mexico" else "land_north"
            else:
                kind = mode
            share = MODE_SHARES[mode] if len(port.modes) > 1 else 1.0
            out.append(PortMode(port.code, mode, kind, port.state, port.annual_travellers * share))
    return out


@dataclass
class Timetable:
    """Flights, ships and trains on a fixed schedule, invented the first time a port needs one."""

    start: date
    days: int
    _flights: dict[tuple[str, str], list[tuple[str, int]]] = field(default_factory=dict)
    _ships: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    _trains: dict[str, tuple[str, int]] = field(default_factory=dict)
    _day_pickers: dict[str, Picker[int]] = field(default_factory=dict)
    _workdays: list[int] = field(default_factory=list)
    _hour_pickers: dict[str, Picker[int]] = field(default_factory=dict)

    def _day(self, rng: random.Random, kind: str) -> int:
        picker = self._day_pickers.get(kind)
        if picker is None:
            weights = WEEKDAY_WEIGHTS[kind]
            picker = Picker(
                [(d, weights[(self.start + timedelta(days=d)).weekday()]) for d in range(self.days)]
            )
            self._day_pickers[kind] = picker
        return picker.pick(rng)

    def _minute(self, rng: random.Random, shape: str) -> int:
        picker = self._hour_pickers.get(shape)
        if picker is None:
            picker = self._hour_pickers[shape] = Picker(list(enumerate(HOUR_WEIGHTS[shape])))
        return picker.pick(rng) * 60 + rng.randrange(60)

    def _at(self, day: int, minute: int) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day) + timedelta(
            days=day, minutes=minute
        )

    def land(self, rng: random.Random, kind: str, *, commuter: bool) -> datetime:
        """When a land crossing happens: commuters on weekday mornings, others any time."""
        if commuter:
            if not self._workdays:
                days = range(self.days)
                weekdays = [d for d in days if (self.start + timedelta(d)).weekday() < 5]
                self._workdays = weekdays or list(days)
            day = rng.choice(self._workdays)
            return self._at(day, self._minute(rng, "commuter"))
        return self._at(self._day(rng, kind), self._minute(rng, "land"))

    def flight(self, rng: random.Random, port: str, airline: str) -> tuple[str, datetime]:
        """A scheduled flight of the airline into the port, and when one traveller clears it."""
        schedule = self._flights.get((port, airline))
        if schedule is None:
            schedule = [
                (f"{airline}{rng.randint(1, 2999)}", self._minute(rng, "air"))
                for _ in range(rng.randint(1, 3))
            ]
            self._flights[(port, airline)] = schedule
        number, arrival = rng.choice(schedule)
        # Passengers reach the inspection booth 15 to 75 minutes after the aircraft lands.
        return number, self._at(self._day(rng, "air"), arrival + rng.randint(15, 75))

    def ship(self, rng: random.Random, port: str) -> tuple[str, datetime]:
        """A cruise ship calling weekly at the port, and when one passenger clears."""
        ships = self._ships.get(port)
        if ships is None:
            ships = []
            for _ in range(rng.randint(1, 4)):
                name = f"{rng.choice(_SHIP_FIRST)} {rng.choice(_SHIP_SECOND)}".upper()
                ships.append((name, rng.randrange(7), rng.randint(6 * 60, 8 * 60)))
            self._ships[port] = ships
        name, weekday, arrival = rng.choice(ships)
        first = (weekday - self.start.weekday()) % 7
        calls = list(range(first, self.days, 7)) or [min(first, self.days - 1)]
        return name, self._at(rng.choice(calls), arrival + rng.randint(0, 180))

    def train(self, rng: random.Random, port: str) -> tuple[str, datetime]:
        """The daily passenger train through a rail port, and when one passenger clears."""
        if port not in self._trains:
            self._trains[port] = (f"AMTRAK {rng.randint(60, 799)}", rng.randint(9 * 60, 19 * 60))
        name, arrival = self._trains[port]
        return name, self._at(rng.randrange(self.days), arrival + rng.randint(0, 45))
