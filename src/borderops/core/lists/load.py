"""One door into every list format: ``load_list(format, path)``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from borderops.core.lists.ftm import load_ftm
from borderops.core.lists.lookout_csv import load_lookout_csv
from borderops.core.lists.ofac_csv import load_ofac_csv
from borderops.core.lists.ofac_xml import load_ofac_xml
from borderops.core.lists.types import ListFormat, LoadedList
from borderops.core.lists.un_xml import load_un_xml

Loader = Callable[..., LoadedList]

LOADERS: dict[ListFormat, Loader] = {
    ListFormat.OFAC_CSV: load_ofac_csv,
    ListFormat.OFAC_XML: load_ofac_xml,
    ListFormat.UN_XML: load_un_xml,
    ListFormat.FTM: load_ftm,
    ListFormat.CSV: load_lookout_csv,
}


def list_format(fmt: ListFormat | str) -> ListFormat:
    """The list format a name stands for; an unknown name is a ``ValueError`` naming the known."""
    try:
        return ListFormat(fmt.strip().lower() if isinstance(fmt, str) else fmt)
    except ValueError:
        known = ", ".join(item.value for item in ListFormat)
        raise ValueError(f"Unknown list format {fmt!r}; known formats: {known}.") from None


def load_list(fmt: ListFormat | str, path: Path, *, list_name: str | None = None) -> LoadedList:
    """Read a whole list file (or OFAC CSV folder) of a format, or raise ``ListFormatError``."""
    return LOADERS[list_format(fmt)](Path(path), list_name=list_name)
