"""Reading the BTS "Border Crossing Entry Data" file: land ports and their monthly inbound counts.

The Bureau of Transportation Statistics publishes CBP's monthly counts of inbound crossings at
the land ports on the Canadian and Mexican borders, one row per port, month and measure
(``Trucks``, ``Personal Vehicle Passengers`` ...). The published CSV starts with a byte-order
mark, writes counts with thousands separators (``"4,556"``) and puts the state name and the
coordinates in one quoted field that spans two lines (``"WASHINGTON\\n(49.0, -118.22)"``), so
record numbers and line numbers differ; errors name the physical line where a row starts.

The parser streams the file and keeps the counts column by column; the whole 344,000-row file
reads in a couple of seconds.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from borderops.core.reference.types import BtsParseResult, BtsPort, MonthlyVolumes, RowError

PORT_NAME = "Port Name"
STATE = "State Abbreviation"
PORT_CODE = "Port Code"
BORDER = "Border"
DATE = "Date"
MEASURE = "Measure"
VALUE = "Value"
LOCATION = "Location"
LATITUDE = "Latitude"
LONGITUDE = "Longitude"
REQUIRED_COLUMNS = (PORT_NAME, STATE, PORT_CODE, BORDER, DATE, MEASURE, VALUE)

# Longest values the reference tables hold.
MAX_NAME = 120
MAX_BORDER = 30
MAX_MEASURE = 40

_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ][0-9:.]*)?")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3})[a-z]* (\d{4})")
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_LAT_LON = re.compile(rf"\(\s*({_NUMBER})\s*,\s*({_NUMBER})\s*\)")
_POINT = re.compile(rf"POINT\s*\(\s*({_NUMBER})\s+({_NUMBER})\s*\)", re.IGNORECASE)
_GROUPED_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+")


def read_bts(path: Path | str) -> BtsParseResult:
    """Read a BTS Border Crossing Entry Data CSV file from disk."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return parse_bts(stream, path=str(path))


def parse_bts(lines: Iterable[str], *, path: str = "<bts>") -> BtsParseResult:
    """Parse the lines of a BTS Border Crossing Entry Data CSV file.

    Ports take the name, state, border and coordinates most of their rows give (the file
    carries two spellings of the coordinates for many ports). A row that repeats another
    one exactly is skipped and counted; one that repeats a port, month and measure with a
    different count is an error.
    """
    reader = csv.reader(lines)
    errors: list[RowError] = []
    try:
        header = next(reader)
    except StopIteration:
        return _result(path, errors=[RowError(path, 1, "The file is empty; expected a header.")])
    except csv.Error as error:
        return _result(path, errors=[RowError(path, 1, f"The header is not valid CSV: {error}.")])
    columns = {name.lstrip("\ufeff").strip(): index for index, name in enumerate(header)}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        reason = f"Missing column(s) {', '.join(missing)}; is this a BTS Border Crossing file?"
        return _result(path, errors=[RowError(path, 1, reason)])

    i_name, i_state, i_code = columns[PORT_NAME], columns[STATE], columns[PORT_CODE]
    i_border, i_date, i_measure = columns[BORDER], columns[DATE], columns[MEASURE]
    i_value = columns[VALUE]
    i_location = columns.get(LOCATION)
    i_lat, i_lon = columns.get(LATITUDE), columns.get(LONGITUDE)
    width = max(columns.values()) + 1

    codes: list[str] = []
    months: list[date] = []
    measures: list[str] = []
    values: list[int] = []
    starts = array("l")
    first_index: dict[tuple[str, date, str], int] = {}
    # The port columns repeat on every row of a port: check each distinct combination once,
    # and count how many rows give it, so each port takes its most common description.
    described: dict[tuple[str, ...], BtsPort | str] = {}
    described_rows: dict[tuple[str, ...], int] = {}
    month_cache: dict[str, date | None] = {}
    rows = repeated = 0
    end = reader.line_num

    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append(RowError(path, start, f"Not valid CSV ({error}); reading stopped here."))
            break
        end = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        rows += 1
        if len(row) < width:
            errors.append(RowError(path, start, f"Has {len(row)} fields; expected {width}."))
            continue

        if i_location is not None:
            location = row[i_location]
        elif i_lat is not None and i_lon is not None:
            location = f"({row[i_lat]}, {row[i_lon]})" if row[i_lat].strip() else ""
        else:
            location = ""
        port_key = (row[i_code], row[i_name], row[i_state], row[i_border], location)
        port = described.get(port_key)
        if port is None:
            port = described[port_key] = _describe_port(*port_key)
        if isinstance(port, str):
            errors.append(RowError(path, start, port))
            continue

        raw_date = row[i_date]
        month = month_cache.get(raw_date, date.min)
        if month is date.min:
            month = month_cache[raw_date] = _month(raw_date)
        if month is None:
            errors.append(
                RowError(
                    path, start, f"Date {raw_date!r} is not a date like 01/31/2019 12:00:00 AM."
                )
            )
            continue

        measure = row[i_measure].strip()
        if not measure or len(measure) > MAX_MEASURE:
            reason = "Measure is missing." if not measure else f"Measure {measure!r} is too long."
            errors.append(RowError(path, start, reason))
            continue

        raw_value = row[i_value]
        if raw_value.isascii() and raw_value.isdigit():
            value = int(raw_value)
        elif _GROUPED_COUNT.fullmatch(raw_value):
            value = int(raw_value.replace(",", ""))
        else:
            errors.append(
                RowError(path, start, f"Value {raw_value!r} is not a whole number of crossings.")
            )
            continue

        key = (port.code, month, measure)
        earlier = first_index.get(key)
        if earlier is not None:
            if values[earlier] == value:
                repeated += 1
                continue
            errors.append(
                RowError(
                    path,
                    start,
                    f"Port {port.code} {month:%Y-%m} {measure} was already counted as "
                    f"{values[earlier]} on line {starts[earlier]}; this row says {value}.",
                )
            )
            continue
        first_index[key] = len(values)
        described_rows[port_key] = described_rows.get(port_key, 0) + 1
        codes.append(port.code)
        months.append(month)
        measures.append(measure)
        values.append(value)
        starts.append(start)

    ports = _most_common_descriptions(described, described_rows)
    volumes = MonthlyVolumes(tuple(codes), tuple(months), tuple(measures), tuple(values))
    return BtsParseResult(
        path=path,
        ports=ports,
        volumes=volumes,
        errors=tuple(errors),
        rows=rows,
        repeated_rows=repeated,
    )


def _result(path: str, *, errors: list[RowError]) -> BtsParseResult:
    return BtsParseResult(
        path=path, ports={}, volumes=MonthlyVolumes(), errors=tuple(errors), rows=0
    )


def normalise_port_code(raw: str) -> str | None:
    """The four-digit port code, zero-padded when a file dropped the leading zero."""
    text = raw.strip()
    if not text or not text.isascii() or not text.isdigit() or len(text) > 4:
        return None
    return text.zfill(4)


def _month(raw: str) -> date | None:
    text = raw.strip()
    year = month = 0
    day = 1
    if found := _US_DATE.fullmatch(text):
        month, day, year = int(found[1]), int(found[2]), int(found[3])
    elif found := _ISO_DATE.fullmatch(text):
        year, month, day = int(found[1]), int(found[2]), int(found[3] or 1)
    elif found := _MONTH_YEAR.fullmatch(text):
        year, month = int(found[2]), _MONTHS.get(found[1].lower(), 0)
    else:
        return None
    if not 1900 <= year <= 2100:
        return None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return date(year, month, 1)


def _describe_port(
    raw_code: str, raw_name: str, raw_state: str, raw_border: str, location: str
) -> BtsPort | str:
    """The port a row's port columns describe, or what is wrong with them."""
    code = normalise_port_code(raw_code)
    if code is None:
        if not raw_code.strip():
            return "Port code is missing."
        return f"Port code {raw_code!r} is not a port code of up to four digits."
    name, state, border = raw_name.strip(), raw_state.strip(), raw_border.strip()
    if border.lower().endswith(" border"):
        border = border[: -len(" border")].rstrip()
    if not name or len(name) > MAX_NAME:
        return "Port name is missing." if not name else f"Port name {name!r} is too long."
    if len(state) > 2:
        return f"State {state!r} is not a two-letter code."
    if not border or len(border) > MAX_BORDER:
        return f"Border {raw_border!r} is missing or too long."
    coordinates = _coordinates(location)
    if isinstance(coordinates, str):
        return coordinates
    latitude, longitude = coordinates if coordinates else (None, None)
    return BtsPort(
        code=code, name=name, state=state, border=border, latitude=latitude, longitude=longitude
    )


def _coordinates(text: str) -> tuple[float, float] | str | None:
    """The (latitude, longitude) a location gives, None when it gives none, or the problem."""
    if not text.strip():
        return None
    if found := _LAT_LON.search(text):
        latitude, longitude = float(found[1]), float(found[2])
    elif found := _POINT.search(text):
        longitude, latitude = float(found[1]), float(found[2])
    else:
        return f"Location {text!r} has no coordinates like (49.0, -118.22)."
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return f"Location {text!r} has coordinates out of range."
    return latitude, longitude


def _most_common_descriptions(
    described: dict[tuple[str, ...], BtsPort | str], rows: dict[tuple[str, ...], int]
) -> dict[str, BtsPort]:
    """Each port as most of its rows describe it (the first such description on a tie)."""
    best: dict[str, tuple[BtsPort, int]] = {}
    for port_key, count in rows.items():
        port = described[port_key]
        assert isinstance(port, BtsPort)
        if port.code not in best or count > best[port.code][1]:
            best[port.code] = (port, count)
    return {code: best[code][0] for code in sorted(best)}
