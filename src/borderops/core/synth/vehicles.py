"""Personal vehicles at land ports: plates in each region's format, VINs with valid check digits."""

from __future__ import annotations

import random
from typing import NamedTuple

from borderops.core.synth.check_digits import VIN_CHARACTERS, vin_check_digit
from borderops.core.synth.random_streams import Picker, fill_pattern


class VehicleModel(NamedTuple):
    """A make and model, and the world manufacturer identifiers its VINs start with."""

    make: str
    model: str
    wmis: tuple[str, ...]
    weight_us: float
    weight_mx: float
    weight_ca: float


# World manufacturer identifiers are the makers' real prefixes for North American builds;
# weights are rough shares of each country's light-vehicle fleet.
MODELS: tuple[VehicleModel, ...] = (
    VehicleModel("Ford", "F-150", ("1FT",), 8, 3, 8),
    VehicleModel("Ford", "Escape", ("1FM",), 3, 1, 3),
    VehicleModel("Ford", "Explorer", ("1FM",), 3, 1, 2),
    VehicleModel("Chevrolet", "Silverado 1500", ("1GC", "3GC"), 6, 3, 5),
    VehicleModel("Chevrolet", "Malibu", ("1G1",), 2, 1, 1),
    VehicleModel("Chevrolet", "Aveo", ("3G1",), 0.2, 4, 0.2),
    VehicleModel("Chevrolet", "Equinox", ("2GN", "3GN"), 3, 1, 3),
    VehicleModel("GMC", "Sierra 1500", ("1GT", "3GT"), 2, 1, 2),
    VehicleModel("Ram", "1500", ("1C6", "3C6"), 4, 2, 5),
    VehicleModel("Jeep", "Wrangler", ("1C4",), 2, 0.5, 2),
    VehicleModel("Jeep", "Grand Cherokee", ("1C4",), 2, 0.5, 2),
    VehicleModel("Toyota", "Camry", ("4T1",), 4, 1, 2),
    VehicleModel("Toyota", "Corolla", ("2T1", "5YF"), 3, 2, 3),
    VehicleModel("Toyota", "RAV4", ("2T3",), 4, 1, 4),
    VehicleModel("Toyota", "Tacoma", ("3TM", "5TF"), 3, 1, 2),
    VehicleModel("Honda", "Civic", ("2HG", "19X"), 3, 1, 4),
    VehicleModel("Honda", "CR-V", ("2HK", "5J6"), 4, 1, 4),
    VehicleModel("Honda", "Accord", ("1HG",), 3, 1, 1),
    VehicleModel("Nissan", "Versa", ("3N1",), 1, 7, 0.5),
    VehicleModel("Nissan", "Sentra", ("3N1",), 2, 5, 1),
    VehicleModel("Nissan", "NP300", ("3N6",), 0, 4, 0),
    VehicleModel("Nissan", "Rogue", ("5N1", "JN8"), 3, 1, 2),
    VehicleModel("Volkswagen", "Jetta", ("3VW",), 1, 4, 1),
    VehicleModel("Volkswagen", "Vento", ("3VW",), 0, 3, 0),
    VehicleModel("Kia", "Rio", ("3KP",), 0.5, 3, 0.5),
    VehicleModel("Kia", "Sportage", ("KND", "5XY"), 1.5, 1, 1.5),
    VehicleModel("Hyundai", "Elantra", ("5NP", "KMH"), 2, 1, 2),
    VehicleModel("Hyundai", "Tucson", ("5NM", "KM8"), 2, 1, 2),
    VehicleModel("Mazda", "CX-5", ("JM3",), 1.5, 2, 2),
    VehicleModel("Subaru", "Outback", ("4S4",), 1.5, 0, 2),
    VehicleModel("Tesla", "Model 3", ("5YJ",), 1.5, 0.2, 1),
    VehicleModel("Tesla", "Model Y", ("7SA",), 1.5, 0.2, 1),
    VehicleModel("BMW", "X3", ("5UX", "WBX"), 1, 0.5, 1),
    VehicleModel("Mercedes-Benz", "GLC", ("W1N",), 1, 0.5, 1),
)

COLOURS = Picker(
    {
        "White": 25, "Black": 20, "Grey": 18, "Silver": 11, "Blue": 9, "Red": 9,
        "Brown": 2, "Green": 1.5, "Beige": 1, "Orange": 1, "Gold": 0.5, "Yellow": 0.5,
    }
)  # fmt: skip

# Model-year codes of VIN position 10: the letters skip I, O, Q, U and Z, then digits.
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"

# Plate shapes (A letter, 9 digit): standard passenger plates, simplified.
US_PLATES = {
    "CA": "9AAA999", "AZ": "AAA9999", "NM": "AAA999", "TX": "AAA9999", "WA": "AAA9999",
    "MT": "9-99999A", "ND": "999 AAA", "MN": "AAA 999", "MI": "AAA 9999", "NY": "AAA-9999",
    "VT": "AAA 999", "ME": "9999 AA", "OR": "999 AAA", "NV": "999A99", "FL": "AAAA99",
    "IL": "AA 99999",
}  # fmt: skip
MX_PLATES = "AAA-999-A"
CA_PLATES = {
    "ON": "AAAA 999", "QC": "A99 AAA", "BC": "AA9 99A", "AB": "AAA-9999", "MB": "AAA 999",
    "NB": "AAA 999", "SK": "999 AAA",
}  # fmt: skip

# Which regions' plates cross at a port, by the port's state.
MX_REGIONS_BY_STATE = {
    "CA": ("BC",),
    "AZ": ("SON",),
    "NM": ("CHIH",),
    "TX": ("CHIH", "COAH", "NL", "TAMPS"),
}
CA_REGIONS_BY_STATE = {
    "WA": ("BC",), "MT": ("AB",), "ND": ("MB",), "MN": ("ON", "MB"), "MI": ("ON",),
    "NY": ("ON", "QC"), "VT": ("QC",), "ME": ("NB", "QC"),
}  # fmt: skip

_PICKERS = {
    "US": Picker([(m, m.weight_us) for m in MODELS]),
    "MX": Picker([(m, m.weight_mx) for m in MODELS]),
    "CA": Picker([(m, m.weight_ca) for m in MODELS]),
}


class VehicleRecord(NamedTuple):
    """One row of the vehicles table, without its id."""

    plate: str
    plate_region: str
    plate_country: str
    vin: str
    make: str
    model: str
    year: int
    colour: str


def make_vin(rng: random.Random, wmi: str, year: int) -> str:
    """A 17-character VIN with the maker's prefix, the model-year code and a valid check digit."""
    descriptor = "".join(rng.choice(VIN_CHARACTERS) for _ in range(5))
    plant = rng.choice(VIN_CHARACTERS)
    serial = f"{rng.randrange(1_000_000):06d}"
    year_code = _YEAR_CODES[(year - 1980) % 30]
    draft = f"{wmi}{descriptor}0{year_code}{plant}{serial}"
    return draft[:8] + vin_check_digit(draft) + draft[9:]


def make_plate(rng: random.Random, country: str, region: str) -> str:
    """A plate number in the usual shape for the region."""
    if country == "MX":
        return fill_pattern(rng, MX_PLATES)
    if country == "CA":
        return fill_pattern(rng, CA_PLATES.get(region, "AAA 999"))
    return fill_pattern(rng, US_PLATES.get(region, "AAA 9999"))


def plate_region(rng: random.Random, country: str, port_state: str) -> str:
    """Where a vehicle crossing at a port in ``port_state`` is likely registered."""
    if country == "MX":
        return rng.choice(MX_REGIONS_BY_STATE.get(port_state, ("BC", "SON", "CHIH", "NL")))
    if country == "CA":
        return rng.choice(CA_REGIONS_BY_STATE.get(port_state, ("ON", "QC", "BC")))
    # Most U.S. vehicles at a port are from its state; some come from farther away.
    if rng.random() < 0.85 and port_state in US_PLATES:
        return port_state
    return rng.choice(tuple(US_PLATES))


def make_vehicle(
    rng: random.Random, country: str, port_state: str, *, newest_year: int
) -> VehicleRecord:
    """A registered vehicle of a country, likely to cross at a port in ``port_state``."""
    model = _PICKERS.get(country, _PICKERS["US"]).pick(rng)
    # Fleets are older south of the border; ages run to about twenty years.
    age = min(int(rng.expovariate(1 / (9 if country == "MX" else 7))), 20)
    year = newest_year - age
    region = plate_region(rng, country, port_state)
    return VehicleRecord(
        plate=make_plate(rng, country, region),
        plate_region=region,
        plate_country=country,
        vin=make_vin(rng, rng.choice(model.wmis), year),
        make=model.make,
        model=model.model,
        year=year,
        colour=COLOURS.pick(rng),
    )
