"""What OFAC's legacy CSV files and its ``sdnList`` XML have in common."""

from __future__ import annotations

from borderops.core.lists.types import EntityType, NameKind

# SDN_Type (CSV, lower case, "-0-" for organisations) and sdnType (XML) values.
OFAC_ENTITY_TYPES: dict[str, EntityType] = {
    "individual": EntityType.PERSON,
    "entity": EntityType.ORGANIZATION,
    "": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}

# alt_type (CSV, "aka" or "a.k.a.") and aka/type (XML) values.
OFAC_NAME_KINDS: dict[str, NameKind] = {
    "aka": NameKind.ALIAS,
    "fka": NameKind.FORMER,
    "nka": NameKind.NEW,
}


def name_kind(alias_type: str) -> NameKind | None:
    """The kind of an OFAC alias type (``a.k.a.``, ``fka``, ...), or None when unknown."""
    return OFAC_NAME_KINDS.get(alias_type.replace(".", "").strip().casefold())


def list_name_for(stem: str) -> str | None:
    """The usual name of an OFAC list from its file name, or None when it does not say."""
    value = stem.casefold()
    if value.startswith("sdn"):
        return "ofac-sdn"
    if value.startswith("cons"):
        return "ofac-consolidated"
    return None


def split_programs(text: str) -> tuple[str, ...]:
    """The programs of a CSV ``Program`` value such as ``SDGT] [IRGC``."""
    parts = (part.strip(" []") for part in text.split("] ["))
    return tuple(part for part in parts if part)
