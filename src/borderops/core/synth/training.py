"""Synthetic international training: the course catalogue, deliveries over several fiscal
years and the officials who attended them, deterministic from a seed.

Fiscal year 2015 is generated at the seed text's scale: 222 sessions in 52 countries, 22 of
them at the International Law Enforcement Academies. Nothing here imports Django; the
training app's demo loader turns a :class:`TrainingDataset` into records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from borderops.core.synth.random_streams import stream

TRAINING_GENERATOR_VERSION = "training-v1"

# The Overseas Enforcement Training curriculum, in the order the seed lists it.
OVERSEAS_ENFORCEMENT_MODULES: tuple[str, ...] = (
    "Border enforcement",
    "Supply chain security",
    "Detection, interdiction and investigation",
    "Concealment methods",
    "Bulk currency smuggling",
    "False and fraudulent documents",
    "Train-the-trainer",
    "Anti-corruption",
    "Targeting and risk management",
    "Hazardous materials",
    "X-ray systems",
)

ACADEMY_COUNTRIES: dict[str, str] = {
    "Bangkok": "TH",
    "Budapest": "HU",
    "Gaborone": "BW",
    "San Salvador": "SV",
    "Ghana": "GH",
}

HOME_COUNTRY = "US"

# Sessions, host countries and academy courses per fiscal year; 2015 is the seed's figure.
FISCAL_YEAR_TARGETS: dict[int, tuple[int, int, int]] = {
    2013: (188, 47, 19),
    2014: (205, 50, 21),
    2015: (222, 52, 22),
    2016: (231, 55, 23),
    2017: (214, 51, 20),
}

# Partner countries that receive training, roughly the regions the agency works in.
PARTNER_COUNTRIES: tuple[str, ...] = (
    "MX", "GT", "HN", "NI", "CR", "PA", "BZ", "DO", "JM", "HT", "BS", "TT", "CO", "PE", "EC",
    "BO", "PY", "UY", "AR", "CL", "BR", "MA", "TN", "EG", "JO", "LB", "IQ", "TR", "GE", "AM",
    "AZ", "KZ", "KG", "TJ", "UZ", "UA", "MD", "RS", "AL", "MK", "BA", "ME", "KE", "UG", "TZ",
    "ET", "NG", "SN", "GA", "ZA", "NA", "ZM", "MW", "MZ", "IN", "BD", "LK", "NP", "PK", "ID",
    "MY", "SG", "PH", "VN", "KH", "LA", "MN",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class CourseSpec:
    """A course of the synthetic catalogue."""

    key: str
    title: str
    programme_area: str
    environment: str
    topics: tuple[str, ...]
    modules: tuple[str, ...]
    default_days: int = 5
    classroom_hours: int = 20
    practical_hours: int = 16
    languages: tuple[str, ...] = ("en", "es", "fr")
    prerequisites: str = ""


M = OVERSEAS_ENFORCEMENT_MODULES
CATALOGUE: tuple[CourseSpec, ...] = (
    CourseSpec("poe-land", "Port of Entry Interdiction Training: Land Border", "export_control",
               "land", ("anti_narcotics", "port_security"), (M[0], M[2], M[3], M[10])),
    CourseSpec("poe-seaport", "Port of Entry Interdiction Training: Seaport", "export_control",
               "seaport", ("port_security", "supply_chain_security"), (M[1], M[2], M[3], M[8])),
    CourseSpec("poe-rail", "Port of Entry Interdiction Training: Rail", "export_control",
               "rail", ("port_security",), (M[0], M[3], M[10])),
    CourseSpec("poe-airport", "Port of Entry Interdiction Training: Airport", "export_control",
               "airport", ("anti_narcotics", "port_security"), (M[2], M[3], M[5], M[8])),
    CourseSpec("green-border", "Green Border Interdiction (Border Patrol)", "export_control",
               "green_border", ("anti_narcotics",), (M[0], M[2])),
    CourseSpec("bulk-currency", "International Bulk Currency Smuggling", "trade_enforcement",
               "airport", ("anti_narcotics",), (M[4], M[3], M[2])),
    CourseSpec("overseas-enforcement", "Overseas Enforcement Training", "export_control",
               "land", ("port_security", "supply_chain_security"), M, default_days=10,
               classroom_hours=40, practical_hours=30),
    CourseSpec("wmd-detection", "WMD Detection and Hazardous Materials", "export_control",
               "seaport", ("wmd",), (M[9], M[10], M[8])),
    CourseSpec("fraudulent-documents", "False and Fraudulent Documents and Impostors",
               "fraudulent_documents", "airport", ("port_security",), (M[5],)),
    CourseSpec("integrity", "Integrity Training and Anti-Corruption Awareness", "anti_corruption",
               "land", ("integrity",), (M[7],), default_days=3, classroom_hours=18,
               practical_hours=4),
    CourseSpec("targeting", "Targeting and Risk Management", "trade_enforcement", "seaport",
               ("commercial_operations", "supply_chain_security"), (M[8], M[1])),
    CourseSpec("private-sector", "Supply Chain Security Partnership with Industry",
               "private_sector", "seaport", ("supply_chain_security", "commercial_operations"),
               (M[1],), default_days=3, classroom_hours=20, practical_hours=2),
    CourseSpec("train-the-trainer", "Train-the-Trainer: Border Enforcement", "export_control",
               "land", ("port_security",), (M[6], M[0]),
               prerequisites="Graduate of a port of entry interdiction course."),
    CourseSpec("ilea-land-interdiction", "ILEA Land Border Interdiction", "academies", "land",
               ("anti_narcotics",), (M[0], M[2], M[3])),
    CourseSpec("ilea-concealment", "ILEA Contraband Concealment Techniques", "academies",
               "land", ("anti_narcotics",), (M[3], M[10])),
    CourseSpec("ilea-controlled-deliveries",
               "ILEA International Controlled Deliveries and Drug Investigations", "academies",
               "airport", ("anti_narcotics",), (M[2],)),
    CourseSpec("ilea-financial", "ILEA Complex Financial Investigations", "academies",
               "airport", ("anti_narcotics", "commercial_operations"), (M[4], M[2])),
    CourseSpec("ilea-forensics", "ILEA Customs Forensics Laboratory Techniques", "academies",
               "seaport", ("commercial_operations",), (M[9],)),
)  # fmt: skip

ACADEMY_COURSES = tuple(spec.key for spec in CATALOGUE if spec.programme_area == "academies")
FIELD_COURSES = tuple(spec.key for spec in CATALOGUE if spec.programme_area != "academies")
# Who teaches with the agency on joint courses.
CO_DELIVERING: dict[str, tuple[str, ...]] = {
    "ilea-controlled-deliveries": ("DEA",),
    "ilea-financial": ("ICE",),
}
FUNDING = ("inl", "exbs", "dod", "agency", "host")
BUDGET_CATEGORIES = ("airfare", "lodging", "per_diem", "interpretation", "other")

_SURNAMES = (
    "GARCIA", "MARTINEZ", "LOPEZ", "HERNANDEZ", "PEREZ", "SANCHEZ", "RAMIREZ", "TORRES",
    "DIALLO", "NDIAYE", "OKAFOR", "MWANGI", "BANDA", "PHIRI", "MOYO", "HADDAD", "KHALIL",
    "NGUYEN", "TRAN", "SANTOS", "REYES", "WIJAYA", "SARI", "KHAN", "SINGH", "RAHMAN",
    "PETROV", "KOVAC", "HOXHA", "ALIYEV", "NURLANOV", "BEKOV", "SILVA", "COSTA", "MENSAH",
)  # fmt: skip
_GIVEN = (
    "MARIA", "JOSE", "ANA", "LUIS", "CARMEN", "JUAN", "AMINATA", "MAMADOU", "GRACE", "JOSEPH",
    "FATIMA", "AHMED", "LINH", "MINH", "SITI", "BUDI", "ARJUN", "PRIYA", "IVAN", "ELENA",
    "ARMAN", "AIGUL", "KWAME", "AMA", "RAFAEL", "LUCIA", "OMAR", "LEILA", "SAMUEL", "RUTH",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SynthDelivery:
    """A course delivery as the generator made it."""

    key: str
    course_key: str
    fiscal_year: int
    start_date: date
    end_date: date
    host_country: str
    venue_type: str
    academy: str | None
    venue: str
    capacity: int
    funding_source: str
    co_delivering_agencies: tuple[str, ...]
    instructors: tuple[str, ...]
    budget: tuple[tuple[str, int, int], ...]  # category, estimated, actual (whole dollars)


@dataclass(frozen=True, slots=True)
class SynthParticipant:
    """An official nominated for a delivery, with what happened to them."""

    delivery_key: str
    surname: str
    given_names: str
    birth_date: date
    nationality: str
    security_force: bool
    vetting: tuple[str, date] | None  # result and expiry; None when not vetted
    enrolled: bool
    attendance: tuple[str, ...]  # one status per day of the delivery, when enrolled
    pre_score: int | None
    post_score: int | None


@dataclass(frozen=True, slots=True)
class TrainingDataset:
    """The synthetic training wing: catalogue, instructors, deliveries and participants."""

    seed: int
    courses: tuple[CourseSpec, ...]
    instructors: tuple[str, ...]
    deliveries: tuple[SynthDelivery, ...]
    participants: tuple[SynthParticipant, ...]

    def figures(self, fiscal_year: int) -> tuple[int, int, int]:
        """Sessions, host countries and academy sessions in one fiscal year."""
        year = [d for d in self.deliveries if d.fiscal_year == fiscal_year]
        return (
            len(year),
            len({d.host_country for d in year}),
            sum(1 for d in year if d.venue_type == "academy"),
        )


def fiscal_year(day: date) -> int:
    """The fiscal year a day falls in: October to September, named after the year it ends."""
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of a fiscal year (FY2015 is 2014-10-01 to 2015-09-30)."""
    return date(year - 1, 10, 1), date(year, 9, 30)


def generate_training(
    *,
    seed: int,
    fiscal_years: tuple[int, ...] = tuple(FISCAL_YEAR_TARGETS),
    participants_per_delivery: tuple[int, int] = (12, 24),
) -> TrainingDataset:
    """A deterministic training wing for the fiscal years asked, at the target figures.

    ``participants_per_delivery`` bounds the nominees per delivery; ``(0, 0)`` makes none.
    """
    unknown = [year for year in fiscal_years if year not in FISCAL_YEAR_TARGETS]
    if unknown:
        raise ValueError(
            f"no targets for fiscal years {unknown}; known: {list(FISCAL_YEAR_TARGETS)}"
        )
    instructors = _instructors(stream(seed, "training:instructors"))
    busy: dict[str, list[tuple[date, date]]] = {name: [] for name in instructors}
    deliveries: list[SynthDelivery] = []
    for year in sorted(fiscal_years):
        deliveries.extend(_deliveries_for(seed, year, instructors, busy))
    people = _participants(
        stream(seed, "training:participants"), deliveries, participants_per_delivery
    )
    return TrainingDataset(
        seed=seed,
        courses=CATALOGUE,
        instructors=instructors,
        deliveries=tuple(deliveries),
        participants=tuple(people),
    )


def _instructors(rng: random.Random) -> tuple[str, ...]:
    names = {f"{rng.choice(_GIVEN).title()} {rng.choice(_SURNAMES).title()}" for _ in range(200)}
    return tuple(sorted(names))[:120]


def _host_plan(rng: random.Random, sessions: int, countries: int, academy: int) -> list[str]:
    """Host country per session (academy ones first as "academy:<name>", home ports "US")."""
    home_sessions = max(1, round(sessions * 0.07))
    field_sessions = sessions - academy - home_sessions
    academy_names = list(ACADEMY_COUNTRIES)
    academy_slots = [academy_names[n % len(academy_names)] for n in range(academy)]
    others_needed = countries - 1 - len(set(academy_slots))
    others = rng.sample([c for c in PARTNER_COUNTRIES if c not in ACADEMY_COUNTRIES.values()],
                        others_needed)  # fmt: skip
    if field_sessions < len(others):
        raise ValueError("too few sessions to reach every host country")
    # Every chosen country hosts at least once; the rest favour a few busy partners.
    field = list(others)
    weights = [1.0 / (rank + 1) ** 0.6 for rank in range(len(others))]
    field += rng.choices(others, weights=weights, k=field_sessions - len(others))
    return [f"academy:{name}" for name in academy_slots] + [HOME_COUNTRY] * home_sessions + field


def _deliveries_for(
    seed: int,
    year: int,
    instructors: tuple[str, ...],
    busy: dict[str, list[tuple[date, date]]],
) -> list[SynthDelivery]:
    rng = stream(seed, f"training:fy{year}")
    sessions, countries, academy = FISCAL_YEAR_TARGETS[year]
    first, _last = fiscal_year_bounds(year)
    first_monday = first + timedelta(days=(7 - first.weekday()) % 7)
    out: list[SynthDelivery] = []
    for number, host in enumerate(_host_plan(rng, sessions, countries, academy), start=1):
        if host.startswith("academy:"):
            name = host.split(":", 1)[1]
            academy_name: str | None = name
            country = ACADEMY_COUNTRIES[name]
            venue_type, venue = "academy", f"ILEA {name}"
            spec = _spec(rng.choice(ACADEMY_COURSES))
        else:
            academy_name, country = None, host
            spec = _spec(rng.choice(FIELD_COURSES))
            if host == HOME_COUNTRY:
                venue_type, venue = (
                    "home_port",
                    rng.choice(("San Ysidro", "Laredo", "Miami", "JFK")),
                )
            else:
                venue_type, venue = "foreign_port", f"{country} port of entry"
        # Weeks 0..48 keep a ten-day course inside the fiscal year.
        start = first_monday + timedelta(weeks=rng.randrange(49))
        end = start + timedelta(days=spec.default_days - 1 + (2 if spec.default_days > 5 else 0))
        out.append(
            SynthDelivery(
                key=f"FY{year}-{number:03d}",
                course_key=spec.key,
                fiscal_year=year,
                start_date=start,
                end_date=end,
                host_country=country,
                venue_type=venue_type,
                academy=academy_name,
                venue=venue,
                capacity=rng.choice((20, 24, 25, 30)),
                funding_source=rng.choice(FUNDING),
                co_delivering_agencies=CO_DELIVERING.get(spec.key, ()),
                instructors=_free_instructors(rng, instructors, busy, start, end),
                budget=_budget(rng, country),
            )
        )
    return out


def _spec(key: str) -> CourseSpec:
    return next(spec for spec in CATALOGUE if spec.key == key)


def _free_instructors(
    rng: random.Random,
    instructors: tuple[str, ...],
    busy: dict[str, list[tuple[date, date]]],
    start: date,
    end: date,
) -> tuple[str, ...]:
    """Two or three instructors who teach nowhere else on those days."""
    wanted = rng.choice((2, 3))
    chosen: list[str] = []
    for name in rng.sample(instructors, len(instructors)):
        if all(end < taken_start or start > taken_end for taken_start, taken_end in busy[name]):
            chosen.append(name)
            busy[name].append((start, end))
            if len(chosen) == wanted:
                break
    return tuple(sorted(chosen))


def _budget(rng: random.Random, country: str) -> tuple[tuple[str, int, int], ...]:
    home = country == HOME_COUNTRY
    lines = []
    for category, median in zip(BUDGET_CATEGORIES, (18000, 12000, 9000, 4000, 2000), strict=True):
        if category == "interpretation" and rng.random() < 0.3:
            continue
        estimated = round(
            median * (0.3 if home and category == "airfare" else 1) * rng.uniform(0.6, 1.5), -2
        )
        actual = round(estimated * rng.uniform(0.8, 1.15))
        lines.append((category, int(estimated), int(actual)))
    return tuple(lines)


def _participants(
    rng: random.Random,
    deliveries: list[SynthDelivery],
    bounds: tuple[int, int],
) -> list[SynthParticipant]:
    low, high = bounds
    out: list[SynthParticipant] = []
    for delivery in deliveries:
        if high <= 0:
            continue
        days = (delivery.end_date - delivery.start_date).days + 1
        seen: set[tuple[str, str, date]] = set()
        for _ in range(min(rng.randint(low, high), delivery.capacity)):
            surname, given = rng.choice(_SURNAMES), f"{rng.choice(_GIVEN)} {rng.choice(_GIVEN)}"
            born = date(rng.randint(1962, 1995), rng.randint(1, 12), rng.randint(1, 28))
            if (surname, given, born) in seen:
                continue
            seen.add((surname, given, born))
            security_force = rng.random() < 0.7
            vetting: tuple[str, date] | None = None
            enrolled = True
            if security_force:
                outcome = rng.choices(("approved", "suspended", "rejected"), (0.95, 0.03, 0.02))[0]
                vetting = (outcome, delivery.start_date + timedelta(days=rng.randint(180, 365)))
                enrolled = outcome == "approved"
            attendance: tuple[str, ...] = ()
            pre = post = None
            if enrolled:
                attendance = tuple(
                    rng.choices(("present", "absent", "excused"), (0.94, 0.03, 0.03))[0]
                    for _ in range(days)
                )
                pre = rng.randint(25, 70)
                post = min(100, pre + rng.randint(5, 40))
            out.append(
                SynthParticipant(
                    delivery_key=delivery.key,
                    surname=surname,
                    given_names=given,
                    birth_date=born,
                    nationality=delivery.host_country
                    if delivery.venue_type != "home_port"
                    else rng.choice(PARTNER_COUNTRIES),
                    security_force=security_force,
                    vetting=vetting,
                    enrolled=enrolled,
                    attendance=attendance,
                    pre_score=pre,
                    post_score=post,
                )
            )
    return out
