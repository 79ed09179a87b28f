"""Derived risk features, computed in DuckDB SQL over the whole batch before rules run.

Each feature is a short function returning the SQL that computes it; the function's
docstring is the meaning an analyst sees next to the feature's name. Features that compare
an entry with history (robust z-scores, first-time parties) are joins against aggregates of
the history, so nothing is computed row by row in Python.

When the input already has a column with a feature's name (a score computed elsewhere, say),
the input's column is used and the feature is not computed.
"""

# The SQL here is assembled from our own fragments, numbers from checked rule sets and
# rule expressions regenerated from sqlglot trees that passed the allow-list; quoting goes
# through _quote. Nothing an analyst typed reaches DuckDB unchecked.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from borderops.core.synth.schema import SHIPMENT_COLUMNS

ENTRY_COLUMNS: tuple[str, ...] = SHIPMENT_COLUMNS

# Comprehensively sanctioned or embargoed countries (unlicensed technology, export control)
# and the South and Central American source and transit countries the mission's seed text
# names for drug smuggling. Mexico and Canada are left out: every land route crosses them.
DEFAULT_COUNTRIES_OF_CONCERN: tuple[str, ...] = (
    "IR", "KP", "SY", "CU", "RU", "BY", "VE", "MM",
    "CO", "EC", "PE", "BO", "GT", "HN",
)  # fmt: skip
# A group needs this many priced entries in history before its median means anything;
# smaller (HS subheading, origin) groups fall back to the HS subheading alone.
MIN_GROUP = 5
# Floors on the spread (natural log units) so that goods with near-identical unit prices or
# weights do not turn tiny differences into huge z-scores: 0.05 is about 5 %.
MIN_SPREAD = 0.05
MAD_TO_SIGMA = 1.4826  # MAD of a normal distribution times this is its standard deviation
# ISO 6346 letter values run from 10 and skip multiples of 11; position in this string minus
# one is a character's value ('?' marks the skipped values 11, 22 and 33).
_ISO6346_VALUES = "0123456789A?BCDEFGHIJK?LMNOPQRSTU?VWXYZ"


@dataclass(frozen=True, slots=True)
class Feature:
    """A derived feature as analysts see it: its name, SQL type and meaning."""

    name: str
    sql_type: str
    meaning: str


def value_per_kg() -> str:
    """Declared value divided by net mass in kilograms (empty when the net mass is zero or
    missing)."""
    return "CASE WHEN net_kg > 0 THEN value / net_kg END"


def value_per_kg_z() -> str:
    """How far the value per kilogram lies from the norm for the same HS subheading (6 digits)
    and origin in history, in robust standard deviations of its logarithm (median and MAD):
    below -3 is suspiciously cheap, above 3 suspiciously dear. Falls back to the subheading
    alone when the subheading and origin have fewer than 5 priced entries; empty without a
    norm."""
    return _robust_z("__log_vpk", "vpk")


def kg_per_unit() -> str:
    """Net mass in kilograms per declared unit (empty when the quantity is zero or missing)."""
    return "CASE WHEN quantity > 0 THEN net_kg / quantity END"


def kg_per_unit_z() -> str:
    """How far the kilograms per unit lie from the norm for the same HS subheading and origin
    in history, in robust standard deviations of the logarithm: goods that weigh unlike the
    goods declared suggest a different commodity."""
    return _robust_z("__log_kpu", "kpu")


def first_time_shipper() -> str:
    """The shipper was not seen in history before this entry's arrival date."""
    return "(__shipper_first IS NULL OR arrival_date <= __shipper_first)"


def first_time_consignee() -> str:
    """The consignee was not seen in history before this entry's arrival date."""
    return "(__consignee_first IS NULL OR arrival_date <= __consignee_first)"


def route_countries_of_concern(countries: Sequence[str]) -> str:
    """How many places on the route (UN/LOCODEs or country codes joined by ';') lie in a
    country of concern."""
    listed = ", ".join(_quote(country.upper()) for country in countries) or "NULL"
    return (
        "CASE WHEN route IS NULL THEN 0 ELSE len(list_filter(string_split(route, ';'), "
        f"lambda place: upper(left(trim(place), 2)) IN ({listed}))) END"
    )


def container_check_digit_ok() -> str:
    """Every container number has the ISO 6346 form (4 letters, 7 digits) and its last digit
    is the right check digit; empty when the entry declares no containers."""
    # Pure SQL rather than a Python UDF: it runs in DuckDB's threads without the GIL and
    # transpiles to a distributed engine with the rules; core.synth.check_digits is the
    # reference the tests hold it to.
    one = (
        "regexp_full_match(c, '[A-Z]{4}[0-9]{7}') AND "
        "list_sum(list_transform(range(10), lambda i: "
        f"(strpos('{_ISO6346_VALUES}', substr(c, i + 1, 1)) - 1) * (1 << i))) % 11 % 10 "
        "= TRY_CAST(substr(c, 11, 1) AS INTEGER)"
    )
    return (
        "CASE WHEN containers IS NULL OR trim(containers) = '' THEN NULL ELSE "
        "list_bool_and(list_transform(list_filter(string_split(upper(replace(containers, ' ', "
        f"'')), ';'), lambda c: c <> ''), lambda c: coalesce({one}, false))) END"
    )


def weight_inconsistent() -> str:
    """Net mass exceeds gross mass, or a mass or the quantity is zero or negative (missing
    values are not judged)."""
    return (
        "coalesce(net_kg > gross_kg, false) OR coalesce(net_kg <= 0, false) "
        "OR coalesce(gross_kg <= 0, false) OR coalesce(quantity <= 0, false)"
    )


def shipper_screening_score() -> str:
    """The best score (0–1) of the shipper's name against the screening lists (denied
    parties, sanctions); empty when the parties were not screened."""
    return "__shipper_screening_score"


def consignee_screening_score() -> str:
    """The best score (0–1) of the consignee's name against the screening lists; empty when
    the parties were not screened."""
    return "__consignee_screening_score"


_FEATURES: tuple[tuple[Callable[..., str], str], ...] = (
    (value_per_kg, "DOUBLE"),
    (value_per_kg_z, "DOUBLE"),
    (kg_per_unit, "DOUBLE"),
    (kg_per_unit_z, "DOUBLE"),
    (first_time_shipper, "BOOLEAN"),
    (first_time_consignee, "BOOLEAN"),
    (route_countries_of_concern, "INTEGER"),
    (container_check_digit_ok, "BOOLEAN"),
    (weight_inconsistent, "BOOLEAN"),
    (shipper_screening_score, "DOUBLE"),
    (consignee_screening_score, "DOUBLE"),
)
FEATURES: tuple[Feature, ...] = tuple(
    Feature(function.__name__, sql_type, " ".join((function.__doc__ or "").split()))
    for function, sql_type in _FEATURES
)
FEATURE_NAMES: tuple[str, ...] = tuple(feature.name for feature in FEATURES)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _robust_z(value: str, group: str) -> str:
    def z(level: str) -> str:
        return f"({value} - {level}_median) / greatest({MAD_TO_SIGMA} * {level}_mad, {MIN_SPREAD})"

    return (
        f"CASE WHEN {group}2_n >= {MIN_GROUP} THEN {z(group + '2')} "
        f"WHEN {group}1_n >= {MIN_GROUP} THEN {z(group + '1')} END"
    )


def _prepared(source: str) -> str:
    # The subheading is the first six digits whatever the punctuation ("0803.90" → 080390).
    return (
        f"SELECT *, left(regexp_replace(CAST(hs_code AS VARCHAR), '[^0-9]', '', 'g'), 6) "
        "AS __hs6, CASE WHEN net_kg > 0 AND value > 0 THEN ln(value / net_kg) END AS __log_vpk, "
        "CASE WHEN quantity > 0 AND net_kg > 0 THEN ln(net_kg / quantity) END AS __log_kpu "
        f"FROM {source}"
    )


def _norms(name: str, column: str) -> str:
    return (
        f"{name}2 AS (SELECT __hs6, origin, median({column}) AS {name}2_median, "
        f"mad({column}) AS {name}2_mad, count({column}) AS {name}2_n FROM __history "
        f"WHERE {column} IS NOT NULL GROUP BY __hs6, origin),\n"
        f"{name}1 AS (SELECT __hs6, median({column}) AS {name}1_median, "
        f"mad({column}) AS {name}1_mad, count({column}) AS {name}1_n FROM __history "
        f"WHERE {column} IS NOT NULL GROUP BY __hs6)"
    )


def _first_seen(party: str) -> str:
    return (
        f"__{party}_seen AS (SELECT upper(trim({party})) AS __party, "
        f"min(arrival_date) AS __{party}_first FROM (SELECT {party}, arrival_date FROM __history "
        f"UNION ALL SELECT {party}, arrival_date FROM __entries) WHERE {party} IS NOT NULL "
        "GROUP BY 1)"
    )


def feature_ctes(
    *,
    entries: str,
    columns: Collection[str],
    history: str | None = None,
    party_scores: str | None = None,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
) -> tuple[str, str]:
    """The ``WITH`` clauses that derive every feature, and the name of the last one.

    ``entries`` and ``history`` name relations with the canonical entry columns;
    ``party_scores`` names one with ``id, shipper_screening_score,
    consignee_screening_score``. The last clause holds the entries' own columns (internal
    ones start with ``__``) followed by every feature.
    """
    present = {column.lower() for column in columns}
    scores = (
        f"LEFT JOIN (SELECT id AS __score_id, shipper_screening_score AS "
        f"__shipper_screening_score, consignee_screening_score AS __consignee_screening_score "
        f"FROM {party_scores}) AS __scores ON __scores.__score_id = e.id"
        if party_scores
        else "CROSS JOIN (SELECT CAST(NULL AS DOUBLE) AS __shipper_screening_score, "
        "CAST(NULL AS DOUBLE) AS __consignee_screening_score) AS __scores"
    )
    builders: dict[str, Callable[[], str]] = {
        function.__name__: function for function, _ in _FEATURES
    }
    builders["route_countries_of_concern"] = lambda: route_countries_of_concern(
        countries_of_concern
    )
    selected = ",\n  ".join(
        f"CAST({builders[feature.name]()} AS {feature.sql_type}) AS {feature.name}"
        for feature in FEATURES
        if feature.name not in present
    )
    parts = [
        f"__entries AS ({_prepared(entries)})",
        f"__history AS ({_prepared(history)})" if history else "__history AS (FROM __entries)",
        _norms("vpk", "__log_vpk"),
        _norms("kpu", "__log_kpu"),
        _first_seen("shipper"),
        _first_seen("consignee"),
        "__joined AS (SELECT e.*, vpk2.* EXCLUDE (__hs6, origin), vpk1.* EXCLUDE (__hs6), "
        "kpu2.* EXCLUDE (__hs6, origin), kpu1.* EXCLUDE (__hs6), __shipper_first, "
        "__consignee_first, __scores.* FROM __entries AS e "
        "LEFT JOIN vpk2 ON vpk2.__hs6 = e.__hs6 AND vpk2.origin = e.origin "
        "LEFT JOIN vpk1 ON vpk1.__hs6 = e.__hs6 "
        "LEFT JOIN kpu2 ON kpu2.__hs6 = e.__hs6 AND kpu2.origin = e.origin "
        "LEFT JOIN kpu1 ON kpu1.__hs6 = e.__hs6 "
        "LEFT JOIN __shipper_seen ON __shipper_seen.__party = upper(trim(e.shipper)) "
        "LEFT JOIN __consignee_seen ON __consignee_seen.__party = upper(trim(e.consignee)) "
        f"{scores})",
        f"__features AS (SELECT *{',' if selected else ''}\n  {selected}\nFROM __joined)",
    ]
    return ",\n".join(part for part in parts if part), "__features"


def derive_features(
    entries: pa.Table,
    *,
    history: pa.Table | None = None,
    party_scores: pa.Table | None = None,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
) -> pa.Table:
    """The entries with every derived feature added as a column (for inspection and tests)."""
    connection = duckdb.connect()
    try:
        connection.register("entries_in", with_position(entries))
        if history is not None:
            connection.register("history_in", history)
        if party_scores is not None:
            connection.register("scores_in", party_scores)
        ctes, last = feature_ctes(
            entries="entries_in",
            columns=entries.column_names,
            history="history_in" if history is not None else None,
            party_scores="scores_in" if party_scores is not None else None,
            countries_of_concern=countries_of_concern,
        )
        wanted = [
            *entries.column_names,
            *(n for n in FEATURE_NAMES if n not in entries.column_names),
        ]
        listed = ", ".join(f'"{name}"' for name in wanted)
        return connection.sql(
            f"WITH {ctes} SELECT {listed} FROM {last} ORDER BY __position"
        ).to_arrow_table()
    finally:
        connection.close()


def with_position(entries: pa.Table) -> pa.Table:
    """The entries with ``__position`` added: joins shuffle rows, this puts them back."""
    return entries.append_column("__position", pa.array(range(entries.num_rows), pa.int64()))
