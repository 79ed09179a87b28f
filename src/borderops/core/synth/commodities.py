"""A small table of HS 2022 subheadings with their typical unit values, origins and modes.

Values are rough U.S. import averages (USD per kg of net weight); origins and modes are the
usual sources and carriers for U.S. imports of each good. ``cover`` is the subheading an
importer might declare instead, to pay less duty or avoid a control.
"""

from __future__ import annotations

from typing import NamedTuple


class Commodity(NamedTuple):
    """One HS subheading as the generator uses it."""

    hs_code: str
    description: str
    usd_per_kg: float
    kg_per_unit: float
    sector: str
    origins: tuple[tuple[str, float], ...]  # ISO alpha-2 and weight
    modes: tuple[tuple[str, float], ...]
    share: float  # relative frequency among entries
    cover: str  # the subheading it may be misdeclared as, or ""


_TABLE = """
851713|SMARTPHONES|2500|0.25|electronics|CN:6 VN:4 IN:2 KR:1 MX:0.5|sea:2 air:5 land:1|5|
847130|LAPTOP COMPUTERS|400|2.2|electronics|CN:6 VN:2 TW:1 MX:0.5|sea:3 air:4 land:1|4|847330
847330|PARTS AND ACCESSORIES OF COMPUTERS|60|0.5|electronics|CN:4 TW:2 MX:3 MY:1|sea:3 air:3 land:2|2|
854231|INTEGRATED CIRCUITS, PROCESSORS AND CONTROLLERS|9000|0.01|electronics|TW:5 KR:2 MY:2 CN:1|air:9 sea:1|1.5|
847150|SERVER PROCESSING UNITS|90|12|electronics|MX:5 TW:3 CN:2|land:5 air:3 sea:2|2|
851762|NETWORK SWITCHES AND ROUTERS|150|1.5|electronics|CN:3 MX:3 VN:2 MY:1|sea:2 air:3 land:3|2|851779
851779|PARTS OF COMMUNICATION APPARATUS|50|0.3|electronics|CN:4 MX:2 VN:2|sea:3 air:2 land:2|1|
850760|LITHIUM-ION BATTERIES|30|0.5|electronics|CN:6 KR:2 JP:1|sea:8 air:1|3|
854143|PHOTOVOLTAIC MODULES|9|22|electronics|VN:3 MY:2 TH:2 KH:1 CN:1 IN:0.5|sea:10|2|854142
854142|PHOTOVOLTAIC CELLS, NOT ASSEMBLED|25|0.01|electronics|CN:3 VN:2 MY:2|sea:6 air:2|0.5|
852872|TELEVISION RECEIVERS|8|14|electronics|MX:7 CN:2 VN:1|land:8 sea:2|3|
950450|VIDEO GAME CONSOLES|60|4|electronics|CN:6 VN:3|sea:7 air:2|1|
844331|MULTIFUNCTION PRINTERS|12|9|electronics|VN:4 CN:3 PH:1 TH:1|sea:9 air:1|1|
841510|AIR CONDITIONING UNITS|6|35|machinery|CN:5 TH:2 MX:3|sea:6 land:4|1.5|
870323|PASSENGER CARS, 1500-3000 CC|20|1450|vehicles|MX:5 JP:4 KR:3 DE:3 CA:2|sea:5 land:3 rail:3|4|
870840|GEAR BOXES FOR MOTOR VEHICLES|15|60|vehicles|MX:6 JP:2 DE:2 CN:1|land:6 sea:2 rail:1|3|
870899|MOTOR VEHICLE PARTS|12|3|vehicles|MX:6 CN:2 CA:2 JP:1|land:6 sea:3 rail:1|5|
401110|PASSENGER CAR TYRES|5|10|vehicles|CN:2 TH:3 MX:2 KR:1 VN:1 JP:1|sea:8 land:2|2|
940360|WOODEN FURNITURE|4|25|furniture|VN:5 CN:3 MY:2 MX:1|sea:8 land:2|3|
940171|UPHOLSTERED SEATS WITH METAL FRAMES|6|18|furniture|CN:4 VN:3 MX:2|sea:7 land:3|1.5|
950300|TOYS|8|0.4|toys|CN:9 VN:1|sea:9 air:1|3|
610910|COTTON T-SHIRTS, KNITTED|25|0.18|textiles|HN:3 BD:3 VN:2 CN:2 SV:2 GT:1|sea:9 air:1|3|
611030|MAN-MADE FIBRE PULLOVERS, KNITTED|30|0.35|textiles|CN:5 VN:3 KH:2|sea:9 air:1|1.5|610910
620342|MEN'S COTTON TROUSERS|20|0.6|textiles|MX:3 BD:3 VN:2 NI:1 PK:1|sea:6 land:4|2.5|
630260|COTTON TERRY TOWELS|6|0.4|textiles|PK:4 IN:4 TR:1|sea:10|1|
640399|LEATHER FOOTWEAR|30|0.9|footwear|VN:4 CN:3 IT:1 ID:1 MX:1|sea:8 air:2|2.5|640299
640299|RUBBER AND PLASTIC FOOTWEAR|12|0.6|footwear|CN:6 VN:3 ID:1|sea:9 air:1|1.5|
420222|HANDBAGS OF PLASTIC OR TEXTILE|30|0.8|footwear|CN:6 VN:3 IT:0.5|sea:7 air:3|1.5|
080390|FRESH BANANAS|0.9|18|produce|GT:5 EC:4 CR:3 HN:2 CO:2|sea:9 land:1|4|
070200|FRESH TOMATOES|1.4|12|produce|MX:9 CA:1|land:10|3|
080440|FRESH AVOCADOS|2.5|10|produce|MX:9 PE:1 CO:0.5|land:9 sea:1|3|
080510|FRESH ORANGES|1.1|18|produce|MX:4 ZA:3 AU:1 CL:1|land:4 sea:6|1|
060311|FRESH CUT ROSES|6|15|produce|CO:6 EC:4|air:10|2|
071080|FROZEN VEGETABLES|1.6|10|produce|MX:6 CA:2 CN:1|land:7 sea:3|1.5|
090111|GREEN COFFEE BEANS|4.5|60|food|BR:4 CO:3 VN:2 GT:1 HN:1|sea:10|2|
030617|FROZEN SHRIMP|9|10|food|IN:4 EC:3 ID:2 VN:1|sea:10|2|
020130|FRESH BONELESS BEEF|9|25|food|CA:4 MX:3 AU:2 BR:1|land:6 sea:4|2|
100630|MILLED RICE|1|25|food|TH:5 IN:4 VN:1|sea:10|1|
170199|CANE OR BEET SUGAR|0.6|50|food|MX:5 BR:3|land:6 sea:4|1|
160414|PREPARED OR PRESERVED TUNA|6|0.2|food|TH:5 EC:2 VN:2 ID:1|sea:10|1|
220421|WINE IN BOTTLES|6|9|beverages|FR:3 IT:4 ES:1 CL:1 AR:1|sea:9 air:1|2|
220830|WHISKIES|15|9|beverages|GB:6 IE:2 CA:2 JP:1|sea:8 air:1 land:1|1.5|
220300|BEER MADE FROM MALT|1.2|9|beverages|MX:9 NL:1|land:8 rail:2|3|
240220|CIGARETTES|40|10|tobacco|MX:2 ID:2 DE:1 PH:1|sea:6 land:4|0.5|481920
481920|FOLDING CARTONS OF PAPERBOARD|1.8|0.1|packaging|CN:4 MX:4 CA:2|sea:5 land:5|1.5|
392321|POLYETHYLENE SACKS AND BAGS|2.5|0.02|packaging|CN:5 VN:2 MX:2|sea:6 land:4|1.5|
300490|MEDICAMENTS IN DOSAGE FORM|150|0.2|pharma|IE:3 IN:3 DE:2 CH:2|air:6 sea:4|3|330499
330499|SKIN CARE PREPARATIONS|25|0.25|cosmetics|FR:3 KR:3 CN:2 IT:1|sea:6 air:4|2|
293399|HETEROCYCLIC COMPOUNDS, N.E.C.|50|25|chemicals|CN:7 IN:3|sea:6 air:4|1|382499
382499|CHEMICAL PREPARATIONS, N.E.C.|3|25|chemicals|CN:4 DE:2 MX:2 CA:2|sea:6 land:4|1.5|
390110|POLYETHYLENE IN PRIMARY FORMS|1.3|25|chemicals|CA:5 SA:3 MX:1|rail:6 land:2 sea:2|2|
271019|DIESEL AND OTHER MEDIUM OILS|0.8|1000|energy|CA:8 MX:2|rail:6 land:3 sea:1|2|
721049|ZINC-COATED FLAT-ROLLED STEEL|1.1|2000|metals|KR:3 CA:4 MX:2 BR:1|sea:5 rail:3 land:2|2|
760110|UNWROUGHT ALUMINIUM|2.6|1000|metals|CA:9 AE:1|rail:6 land:4|2|
440711|SAWN PINE LUMBER|0.5|500|wood|CA:9 BR:1|rail:6 land:4|2|
901890|MEDICAL INSTRUMENTS|120|0.5|medical|MX:5 IE:2 DE:2 CR:1|land:5 air:4 sea:1|2|
711319|GOLD JEWELLERY|30000|0.01|jewellery|IT:3 IN:3 TH:2 TR:1|air:10|0.8|711719
711719|IMITATION JEWELLERY OF BASE METAL|30|0.02|jewellery|CN:8 IN:1|sea:6 air:4|1|
691110|PORCELAIN TABLEWARE|4|0.5|household|CN:8 TH:1 PT:1|sea:10|1|
"""


def _pairs(text: str) -> tuple[tuple[str, float], ...]:
    return tuple((key, float(weight)) for key, weight in (p.split(":") for p in text.split()))


def _parse(table: str) -> dict[str, Commodity]:
    rows = {}
    for line in table.strip().splitlines():
        hs, description, value, unit, sector, origins, modes, share, cover = line.split("|")
        rows[hs] = Commodity(
            hs, description, float(value), float(unit), sector, _pairs(origins), _pairs(modes),
            float(share), cover,
        )  # fmt: skip
    return rows


COMMODITIES: dict[str, Commodity] = _parse(_TABLE)
# Goods in whose cargo smugglers most often hide drugs: perishables cleared in a hurry and
# bulky, dense loads that are slow to search.
NARCOTICS_COVERS = ("080390", "080440", "070200", "060311", "090111", "940360", "030617")
