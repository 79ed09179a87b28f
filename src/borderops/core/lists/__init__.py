"""Watchlists and lookout lists: loaders for public formats and the agency's own CSV.

``load_list(format, path)`` reads a whole list into ``ListEntry`` records (``types.py``), the
one form the screening engine and the database read. Formats (``ListFormat``):

* ``ofac-csv``: OFAC's legacy CSV folder (``sdn.csv`` or ``cons_prim.csv`` with the alias and
  address files), remarks read for dates, places, documents and weak aliases (``ofac_csv``);
* ``ofac-xml``: OFAC's ``sdnList`` XML (``ofac_xml``);
* ``un-xml``: the UN Security Council Consolidated List (``un_xml``);
* ``ftm``: FollowTheMoney JSON lines, as OpenSanctions exports them (``ftm``);
* ``csv``: the agency's own lookouts, as ``borderops synth`` writes them (``lookout_csv``).

A list is read whole or not at all: every malformed record is reported, with file, line or
element and reason, in one ``ListFormatError``. ``diff_lists(old, new)`` says which entries
were added, removed or changed between two versions.
"""

from borderops.core.lists.diff import ListDiff, changed_fields, diff_lists
from borderops.core.lists.ftm import load_ftm
from borderops.core.lists.load import LOADERS, list_format, load_list
from borderops.core.lists.lookout_csv import load_lookout_csv
from borderops.core.lists.ofac_csv import load_ofac_csv
from borderops.core.lists.ofac_xml import load_ofac_xml
from borderops.core.lists.remarks import RemarkFacts, parse_remarks
from borderops.core.lists.types import (
    EntityType,
    IdentityDocument,
    ListedName,
    ListEntry,
    ListFormat,
    ListFormatError,
    ListProblem,
    LoadedList,
    NameKind,
)
from borderops.core.lists.un_xml import load_un_xml

__all__ = [
    "LOADERS",
    "EntityType",
    "IdentityDocument",
    "ListDiff",
    "ListEntry",
    "ListFormat",
    "ListFormatError",
    "ListProblem",
    "ListedName",
    "LoadedList",
    "NameKind",
    "RemarkFacts",
    "changed_fields",
    "diff_lists",
    "list_format",
    "load_ftm",
    "load_list",
    "load_lookout_csv",
    "load_ofac_csv",
    "load_ofac_xml",
    "load_un_xml",
    "parse_remarks",
]
