"""Advance passenger information: UN/EDIFACT PAXLST manifests and IATA PNRGOV reservations.

``parse_paxlst`` and ``parse_pnrgov`` turn a message into the plain records of
``borderops.core.formats.types``; both raise ``EdifactError`` (segment number, tag, reason)
for anything they cannot read faithfully. ``compose_paxlst`` writes a valid D05B manifest
from traveller records, for tests, benchmarks and the demo.
"""

from borderops.core.formats.paxlst import parse_paxlst
from borderops.core.formats.paxlst_compose import compose_paxlst
from borderops.core.formats.pnrgov import parse_pnrgov, parse_pnrgov_messages
from borderops.core.formats.types import EdifactError

__all__ = [
    "EdifactError",
    "compose_paxlst",
    "parse_paxlst",
    "parse_pnrgov",
    "parse_pnrgov_messages",
]
