"""The columns and Arrow types of every table the generator writes."""

from __future__ import annotations

import pyarrow as pa

_S: pa.DataType = pa.string()
_D: pa.DataType = pa.date32()

SHIPMENT_COLUMNS = (
    "id", "mode", "port", "arrival_date", "hs_code", "description", "value", "currency",
    "gross_kg", "net_kg", "quantity", "origin", "export_country", "route", "shipper",
    "consignee", "declarant", "conveyance", "containers",
)  # fmt: skip

SCHEMAS: dict[str, pa.Schema] = {
    "travellers": pa.schema(
        [
            ("id", _S),
            ("surname", _S),
            ("given_names", _S),
            ("native_name", _S),
            ("birth_date", _D),
            ("sex", _S),
            ("nationality", _S),
            ("birth_place", _S),
        ]
    ),
    "documents": pa.schema(
        [
            ("id", _S),
            ("traveller_id", _S),
            ("document_code", _S),
            ("document_number", _S),
            ("issuing_state", _S),
            ("issue_date", _D),
            ("expiry_date", _D),
            ("mrz", _S),
        ]
    ),
    "vehicles": pa.schema(
        [
            ("id", _S),
            ("plate", _S),
            ("plate_region", _S),
            ("plate_country", _S),
            ("vin", _S),
            ("make", _S),
            ("model", _S),
            ("year", pa.int32()),
            ("colour", _S),
        ]
    ),
    "crossings": pa.schema(
        [
            ("id", _S),
            ("traveller_id", _S),
            ("document_id", _S),
            ("vehicle_id", _S),
            ("port", _S),
            ("mode", _S),
            ("conveyance", _S),
            ("crossed_at", pa.timestamp("s")),
            ("currency_declared_usd", pa.int64()),
            ("agricultural_declared", pa.bool_()),
        ]
    ),
    "shipments": pa.schema(
        [
            ("id", _S),
            ("mode", _S),
            ("port", _S),
            ("arrival_date", _D),
            ("hs_code", _S),
            ("description", _S),
            ("value", pa.float64()),
            ("currency", _S),
            ("gross_kg", pa.float64()),
            ("net_kg", pa.float64()),
            ("quantity", pa.int64()),
            ("origin", _S),
            ("export_country", _S),
            ("route", _S),
            ("shipper", _S),
            ("consignee", _S),
            ("declarant", _S),
            ("conveyance", _S),
            ("containers", _S),
        ]
    ),
    "lookouts": pa.schema(
        [
            ("id", _S),
            ("list", _S),
            ("entity_type", _S),
            ("name", _S),
            ("aliases", _S),
            ("birth_date", _D),
            ("nationality", _S),
            ("document_number", _S),
            ("plate", _S),
            ("vin", _S),
            ("imo", _S),
            ("reason", _S),
        ]
    ),
    "truth": pa.schema(
        [
            ("record_type", _S),
            ("record_id", _S),
            ("violation", _S),
            ("detail", _S),
            ("quantity", pa.float64()),
            ("unit", _S),
        ]
    ),
}

assert tuple(SCHEMAS["shipments"].names) == SHIPMENT_COLUMNS
