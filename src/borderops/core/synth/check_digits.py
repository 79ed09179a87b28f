"""Check digits of the identifiers on conveyances: VINs, ISO 6346 containers, IMO numbers."""

from __future__ import annotations

# ISO 3779 / 49 CFR 565: letters take these values (I, O and Q are never used).
_VIN_VALUES: dict[str, int] = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
VIN_CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

# ISO 6346 gives letters the values 10 upward, skipping multiples of 11.
_CONTAINER_VALUES: dict[str, int] = {str(d): d for d in range(10)}
_next = 10
for _letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _next % 11 == 0:
        _next += 1
    _CONTAINER_VALUES[_letter] = _next
    _next += 1


def vin_check_digit(vin: str) -> str:
    """The North American check digit (position 9) of a 17-character VIN."""
    if len(vin) != 17:
        raise ValueError(f"a VIN has 17 characters, {vin!r} has {len(vin)}")
    try:
        total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    except KeyError as missing:
        raise ValueError(f"{vin!r}: {missing} is not a VIN character") from None
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def vin_is_valid(vin: str) -> bool:
    """The VIN's ninth character is its check digit."""
    try:
        return vin[8] == vin_check_digit(vin)
    except (ValueError, IndexError):
        return False


def container_check_digit(owner_serial: str) -> str:
    """The ISO 6346 check digit of a container's owner code, category and serial (10 chars)."""
    if len(owner_serial) != 10:
        raise ValueError(f"ISO 6346 checks 10 characters, {owner_serial!r} has {len(owner_serial)}")
    total = sum(_CONTAINER_VALUES[c] * 2**i for i, c in enumerate(owner_serial))
    return str(total % 11 % 10)


def container_is_valid(number: str) -> bool:
    """The container number's eleventh character is its ISO 6346 check digit."""
    try:
        return len(number) == 11 and number[10] == container_check_digit(number[:10])
    except (ValueError, KeyError):
        return False


def imo_check_digit(first_six: str) -> str:
    """The IMO ship number check digit: the six digits weighted 7 down to 2, last digit."""
    if len(first_six) != 6 or not first_six.isdigit():
        raise ValueError(f"an IMO number starts with six digits, not {first_six!r}")
    return str(sum(int(d) * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10)


def imo_is_valid(number: str) -> bool:
    """The seven-digit IMO number ends in its check digit."""
    digits = number.removeprefix("IMO").strip()
    return len(digits) == 7 and digits.isdigit() and digits[6] == imo_check_digit(digits[:6])
