"""Derived risk features, computed in DuckDB SQL over the whole batch before rules run.

Each feature is a short function returning the SQL that computes it; the function's
docstring is the meaning an analyst sees next to the feature's name. Features that compare
an entry with history (robust z-scores, first-time parties) are joins against aggregates of
the history, so nothing is computed row by row in Python.

Only the features the rules read are computed, and only the columns they read are carried
through the joins: with 1,000,000 entries, carrying every text column through four joins
cost more than all the rules together. History is reduced to its distinct keys (HS code and
origin, party names) before it meets the entries, so each history feature is one hash join
on the raw column, and the expensive normalisation (the HS subheading, upper-cased party
names) runs once per distinct value rather than once per entry.

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
import pyarrow.compute as pc

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
# The logarithms the robust norms are taken over (a price or a unit mass must be positive).
_LOG_VALUE_PER_KG = "CASE WHEN net_kg > 0 AND value > 0 THEN ln(value / net_kg) END"
_LOG_KG_PER_UNIT = "CASE WHEN quantity > 0 AND net_kg > 0 THEN ln(net_kg / quantity) END"


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
    return _robust_z(_LOG_VALUE_PER_KG, "vpk")


def kg_per_unit() -> str:
    """Net mass in kilograms per declared unit (empty when the quantity is zero or missing)."""
    return "CASE WHEN quantity > 0 THEN net_kg / quantity END"


def kg_per_unit_z() -> str:
    """How far the kilograms per unit lie from the norm for the same HS subheading and origin
    in history, in robust standard deviations of the logarithm: goods that weigh unlike the
    goods declared suggest a different commodity."""
    return _robust_z(_LOG_KG_PER_UNIT, "kpu")


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
    # reference the tests hold it to. The numbers come from _CONTAINER_PARTS. Arithmetic
    # inside a list lambda ran about four times slower than on plain columns, so the first
    # few numbers are checked as columns and only longer lists go through the lambda.
    fast = " AND ".join(
        _container_ok(f"__box{n}") if n == 1 else f"(__boxes < {n} OR {_container_ok(f'__box{n}')})"
        for n in range(1, _FAST_BOXES + 1)
    )
    return (
        "CASE WHEN containers IS NULL OR trim(containers) = '' THEN NULL "
        f"WHEN __box_list IS NULL THEN {_container_ok('__box_text')} "
        f"WHEN __boxes BETWEEN 1 AND {_FAST_BOXES} THEN {fast} ELSE "
        f"list_bool_and(list_transform(__box_list, lambda c: {_container_ok('c')})) END"
    )


# Entries with up to this many containers are checked without a list lambda.
_FAST_BOXES = 4
# The container numbers of an entry, upper-cased without spaces, as a list and as columns;
# most entries declare one container, and for them no list is built at all.
_CONTAINER_TEXT = "upper(replace(containers, ' ', '')) AS __box_text"
_CONTAINER_LIST = (
    "CASE WHEN contains(__box_text, ';') THEN "
    "list_filter(string_split(__box_text, ';'), lambda c: c <> '') END AS __box_list"
)
_CONTAINER_PARTS = ", ".join(
    ["len(__box_list) AS __boxes"]
    + [f"__box_list[{n}] AS __box{n}" for n in range(1, _FAST_BOXES + 1)]
)


def _container_ok(number: str) -> str:
    # Character codes rather than positions in a table of values (strpos was 2.5 times slower):
    # a digit is its code minus 48; a letter's n = code - 55 runs A=10 … Z=35, and adding
    # (n - 1) // 10 skips the multiples of 11 as ISO 6346 does. The regular expression
    # guards the arithmetic, so only letters and digits reach it.
    terms = []
    for i in range(10):
        code = f"ascii(substr({number}, {i + 1}, 1))"
        value = f"({code} - 55 + ({code} - 56) // 10)" if i < 4 else f"({code} - 48)"
        terms.append(f"{value} * {1 << i}")
    return (
        f"coalesce(regexp_full_match({number}, '[A-Z]{{4}}[0-9]{{7}}') AND "
        f"({' + '.join(terms)}) % 11 % 10 = TRY_CAST(substr({number}, 11, 1) AS INTEGER), false)"
    )


def weight_inconsistent() -> str:
    """Net mass exceeds gross mass, or a mass or the quantity is zero or negative (missing
    values are not judged)."""
    return (
        "coalesce(net_kg > gross_kg, false) OR coalesce(net_kg <= 0, false) "
        "OR coalesce(gross_kg <= 0, false) OR coalesce(quantity <= 0, false)"
    )


def hs_description_mismatch() -> str:
    """How unlikely the declared HS chapter is for these goods words (0–1): one minus the
    chance a word model trained on the declarations gives the chapter; empty when the entry
    has no description."""
    # A chapter never seen with these words has no row in __hs_fit: its chance is 0.
    return (
        "CASE WHEN __hs_seen.__hs_known IS NULL THEN NULL "
        "ELSE 1 - coalesce(__hs_fit.__hs_chance, 0) END"
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
    (hs_description_mismatch, "DOUBLE"),
    (shipper_screening_score, "DOUBLE"),
    (consignee_screening_score, "DOUBLE"),
)
FEATURES: tuple[Feature, ...] = tuple(
    Feature(function.__name__, sql_type, " ".join((function.__doc__ or "").split()))
    for function, sql_type in _FEATURES
)
FEATURE_NAMES: tuple[str, ...] = tuple(feature.name for feature in FEATURES)


# The entry columns each feature reads: what must be carried to compute it.
FEATURE_INPUTS: dict[str, tuple[str, ...]] = {
    "value_per_kg": ("value", "net_kg"),
    "value_per_kg_z": ("value", "net_kg"),
    "kg_per_unit": ("net_kg", "quantity"),
    "kg_per_unit_z": ("net_kg", "quantity"),
    "first_time_shipper": ("arrival_date",),
    "first_time_consignee": ("arrival_date",),
    "route_countries_of_concern": ("route",),
    "container_check_digit_ok": ("containers",),
    "weight_inconsistent": ("net_kg", "gross_kg", "quantity"),
    "hs_description_mismatch": ("hs_code", "description"),
    "shipper_screening_score": (),
    "consignee_screening_score": (),
}
_NORMED = frozenset({"value_per_kg_z", "kg_per_unit_z"})
_SCREENED = frozenset({"shipper_screening_score", "consignee_screening_score"})


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _robust_z(value: str, group: str) -> str:
    # Median and spread are chosen per (HS code, origin) in _norms: the subheading and
    # origin when they have enough history, else the subheading alone.
    return f"({value} - __{group}_median) / __{group}_spread"


def _norms(entries: str, history: str | None) -> list[str]:
    """Clauses ending in ``__norms``: per distinct (HS code, origin) of the entries, the median
    and spread of both logarithms in history, at the level that has enough entries."""
    source = history or entries

    def chosen(group: str) -> list[str]:
        def spread(level: str) -> str:
            return f"greatest({MAD_TO_SIGMA} * {level}.{group}_mad, {MIN_SPREAD})"

        enough2, enough1 = f"n2.{group}_n >= {MIN_GROUP}", f"n1.{group}_n >= {MIN_GROUP}"
        return [
            f"CASE WHEN {enough2} THEN n2.{group}_median WHEN {enough1} THEN n1.{group}_median "
            f"END AS __{group}_median",
            f"CASE WHEN {enough2} THEN {spread('n2')} WHEN {enough1} THEN {spread('n1')} "
            f"END AS __{group}_spread",
        ]

    codes = f"SELECT hs_code FROM {entries}" + (
        f" UNION SELECT hs_code FROM {history}" if history else ""
    )
    return [
        # The subheading is the first six digits whatever the punctuation ("0803.90" →
        # 080390), worked out once per distinct code.
        f"__subheadings AS (SELECT __hs_code, left(regexp_replace(CAST(__hs_code AS VARCHAR), "
        f"'[^0-9]', '', 'g'), 6) AS __hs6 FROM (SELECT DISTINCT hs_code AS __hs_code FROM "
        f"({codes}) WHERE hs_code IS NOT NULL))",
        f"__history_keyed AS (SELECT s.__hs6, h.origin, {_LOG_VALUE_PER_KG} AS __log_vpk, "
        f"{_LOG_KG_PER_UNIT} AS __log_kpu FROM {source} AS h "
        "JOIN __subheadings AS s ON s.__hs_code = h.hs_code)",
        # One pass over history for both levels; materialised, being small and read twice.
        "__norm_levels AS MATERIALIZED (SELECT __hs6, origin, grouping(origin) AS __level, "
        "median(__log_vpk) AS vpk_median, mad(__log_vpk) AS vpk_mad, count(__log_vpk) AS vpk_n, "
        "median(__log_kpu) AS kpu_median, mad(__log_kpu) AS kpu_mad, count(__log_kpu) AS kpu_n "
        "FROM __history_keyed GROUP BY GROUPING SETS ((__hs6, origin), (__hs6)))",
        "__norms2 AS (SELECT * FROM __norm_levels WHERE __level = 0)",
        "__norms1 AS (SELECT * FROM __norm_levels WHERE __level = 1)",
        f"__norms AS (SELECT k.__norm_hs_code, k.__norm_origin, "
        f"{', '.join([*chosen('vpk'), *chosen('kpu')])} "
        f"FROM (SELECT DISTINCT hs_code AS __norm_hs_code, origin AS __norm_origin FROM "
        f"{entries} WHERE hs_code IS NOT NULL) AS k "
        "JOIN __subheadings AS s ON s.__hs_code = k.__norm_hs_code "
        "LEFT JOIN __norms2 AS n2 ON n2.__hs6 = s.__hs6 AND n2.origin = k.__norm_origin "
        "LEFT JOIN __norms1 AS n1 ON n1.__hs6 = s.__hs6)",
    ]


def _first_seen(party: str, entries: str, history: str | None) -> str:
    """``__{party}_seen``: per distinct name in the entries and history, the first arrival
    of that party, names compared without case or surrounding spaces."""
    dated = f"SELECT {party}, arrival_date FROM {entries}" + (
        f" UNION ALL SELECT {party}, arrival_date FROM {history}" if history else ""
    )
    return (
        f"__{party}_seen AS (SELECT __name AS __{party}_key, min(__first) OVER (PARTITION BY "
        f"upper(trim(__name))) AS __{party}_first FROM (SELECT {party} AS __name, "
        f"min(arrival_date) AS __first FROM ({dated}) WHERE {party} IS NOT NULL GROUP BY {party}))"
    )


# Words of fewer letters ("of", "in", "kg") say nothing about the goods.
_MIN_WORD = 3
_CHAPTER = "left(regexp_replace(CAST({} AS VARCHAR), '[^0-9]', '', 'g'), 2)"


def _words(text: str) -> str:
    return f"unnest(regexp_split_to_array(lower({text}), '[^a-z]+'))"


def _hs_classifier(entries: str, history: str | None) -> list[str]:
    """Clauses ending in ``__hs_fit``: per distinct (description, HS code) of the entries, the
    chance a multinomial naive Bayes over description words gives the declared chapter.

    The model is trained on the declarations themselves (history and entries): descriptions
    are written by declarants, so their own words for each chapter are the best teacher, and a
    misclassification stands out when the words usually go with another chapter. Written in
    SQL (rather than with a machine-learning library) so that it runs in the same DuckDB
    query as the rules, per distinct description, and translates to a distributed engine.
    """
    corpus = f"SELECT description, hs_code FROM {entries}" + (
        f" UNION ALL SELECT description, hs_code FROM {history}" if history else ""
    )
    chapter = _CHAPTER.format("hs_code")
    return [
        f"__hs_docs AS MATERIALIZED (SELECT description AS __d, {chapter} AS __ch, count(*) AS __n "
        f"FROM ({corpus}) WHERE description IS NOT NULL AND length({chapter}) = 2 "
        "GROUP BY ALL)",
        f"__hs_word_counts AS MATERIALIZED (SELECT __ch, __w, sum(__n) AS __n FROM (SELECT __ch, "
        f"__n, {_words('__d')} AS __w FROM __hs_docs) WHERE length(__w) >= {_MIN_WORD} "
        "GROUP BY ALL)",
        "__hs_chapters AS MATERIALIZED (SELECT d.__ch, d.__docs, coalesce(w.__words, 0) AS "
        "__words FROM (SELECT __ch, sum(__n) AS __docs FROM __hs_docs GROUP BY __ch) AS d "
        "LEFT JOIN (SELECT __ch, sum(__n) AS __words FROM __hs_word_counts GROUP BY __ch) AS w "
        "ON w.__ch = d.__ch)",
        "__hs_sizes AS (SELECT (SELECT count(DISTINCT __w) FROM __hs_word_counts) AS __vocab, "
        "(SELECT sum(__docs) FROM __hs_chapters) AS __all_docs)",
        f"__hs_query_words AS (SELECT DISTINCT __d, __w FROM (SELECT __d, {_words('__d')} AS __w "
        f"FROM (SELECT DISTINCT description AS __d FROM {entries} WHERE description IS NOT "
        f"NULL)) WHERE length(__w) >= {_MIN_WORD} AND __w IN (SELECT __w FROM __hs_word_counts))",
        # Log-likelihood of each description under each chapter, with add-one smoothing.
        "__hs_loglik AS (SELECT q.__d, c.__ch, ln(c.__docs / s.__all_docs) + sum(ln((coalesce("
        "t.__n, 0) + 1) / (c.__words + s.__vocab))) AS __ll FROM __hs_query_words AS q CROSS "
        "JOIN __hs_chapters AS c CROSS JOIN __hs_sizes AS s LEFT JOIN __hs_word_counts AS t ON "
        "t.__ch = c.__ch AND t.__w = q.__w GROUP BY q.__d, c.__ch, c.__docs, s.__all_docs)",
        "__hs_relative AS (SELECT __d, __ch, exp(__ll - max(__ll) OVER (PARTITION BY __d)) AS "
        "__r FROM __hs_loglik)",
        "__hs_fit AS (SELECT __d AS __hs_d, __ch AS __hs_ch, __r / sum(__r) OVER (PARTITION BY "
        "__d) AS __hs_chance, true AS __hs_known FROM __hs_relative)",
        "__hs_seen AS (SELECT DISTINCT __d AS __hs_seen_d, true AS __hs_known FROM "
        "__hs_query_words)",
    ]


def feature_query(
    *,
    entries: str,
    columns: Collection[str],
    keep: Collection[str] | None = None,
    features: Collection[str] | None = None,
    history: str | None = None,
    party_scores: str | None = None,
    countries_of_concern: Sequence[str] = DEFAULT_COUNTRIES_OF_CONCERN,
) -> str:
    """One ``SELECT`` of ``__position``, the ``keep`` columns and the ``features`` asked for.

    ``entries`` and ``history`` name relations with the canonical entry columns (``entries``
    with ``__position``, see ``with_position``); ``party_scores`` names one with ``id,
    shipper_screening_score, consignee_screening_score``. ``keep`` defaults to every column,
    ``features`` to every feature; a feature the entries already have as a column is taken
    from the column. Rows come out in no particular order: sort by ``__position``.
    """
    present = {column.lower() for column in columns}
    kept = [c for c in (columns if keep is None else keep) if c != "__position"]
    wanted = [
        name
        for name in (FEATURE_NAMES if features is None else features)
        if name.lower() not in present and name in FEATURE_INPUTS
    ]
    builders: dict[str, Callable[[], str]] = {
        function.__name__: function for function, _ in _FEATURES
    }
    types = {feature.name: feature.sql_type for feature in FEATURES}
    clauses: list[str] = []
    joins: list[str] = []
    if "route_countries_of_concern" in wanted:
        # Routes repeat (the same lanes day after day): count once per distinct route.
        clauses.append(
            f"__routes AS (SELECT route AS __route_key, "
            f"{route_countries_of_concern(countries_of_concern)} AS __route_count "
            f"FROM (SELECT DISTINCT route FROM {entries}))"
        )
        joins.append("LEFT JOIN __routes ON __routes.__route_key = e.route")
        builders["route_countries_of_concern"] = lambda: "coalesce(__route_count, 0)"
    if _NORMED.intersection(wanted):
        clauses += _norms(entries, history)
        joins.append(
            "LEFT JOIN __norms ON __norms.__norm_hs_code = e.hs_code "
            "AND __norms.__norm_origin IS NOT DISTINCT FROM e.origin"
        )
    if "hs_description_mismatch" in wanted:
        clauses += _hs_classifier(entries, history)
        joins.append(
            "LEFT JOIN __hs_seen ON __hs_seen.__hs_seen_d = e.description "
            f"LEFT JOIN __hs_fit ON __hs_fit.__hs_d = e.description AND __hs_fit.__hs_ch = "
            f"{_CHAPTER.format('e.hs_code')}"
        )
    for party in ("shipper", "consignee"):
        if f"first_time_{party}" in wanted:
            clauses.append(_first_seen(party, entries, history))
            joins.append(f"LEFT JOIN __{party}_seen ON __{party}_seen.__{party}_key = e.{party}")
    if _SCREENED.intersection(wanted):
        joins.append(
            f"LEFT JOIN (SELECT id AS __score_id, shipper_screening_score AS "
            f"__shipper_screening_score, consignee_screening_score AS __consignee_screening_score "
            f"FROM {party_scores}) AS __scores ON __scores.__score_id = e.id"
            if party_scores
            else "CROSS JOIN (SELECT CAST(NULL AS DOUBLE) AS __shipper_screening_score, "
            "CAST(NULL AS DOUBLE) AS __consignee_screening_score) AS __scores"
        )
    selected = [
        "e.__position",
        *(f"e.{_identifier(column)}" for column in kept),
        *(f"CAST({builders[name]()} AS {types[name]}) AS {name}" for name in wanted),
    ]
    head = f"WITH {', '.join(clauses)} " if clauses else ""
    source = entries
    if "container_check_digit_ok" in wanted:
        source = (
            f"(SELECT *, {_CONTAINER_PARTS} FROM (SELECT *, {_CONTAINER_LIST} FROM "
            f"(SELECT *, {_CONTAINER_TEXT} FROM {entries})))"
        )
    return f"{head}SELECT {', '.join(selected)} FROM {source} AS e {' '.join(joins)}"


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
        query = feature_query(
            entries="entries_in",
            columns=entries.column_names,
            history="history_in" if history is not None else None,
            party_scores="scores_in" if party_scores is not None else None,
            countries_of_concern=countries_of_concern,
        )
        return in_input_order(connection.sql(query).to_arrow_table())
    finally:
        connection.close()


def with_position(entries: pa.Table) -> pa.Table:
    """The entries with ``__position`` added: joins shuffle rows, this puts them back."""
    # cumulative_sum over ones: pa.array(range(n)) builds n Python ints, ~0.1 s a million.
    ones = pa.nulls(entries.num_rows, pa.int64()).fill_null(1)
    return entries.append_column("__position", pc.subtract(pc.cumulative_sum(ones), 1))


def in_input_order(table: pa.Table) -> pa.Table:
    """``table`` sorted by ``__position`` and without it (sorting in Arrow after DuckDB is
    cheaper than an ``ORDER BY`` that carries every column through DuckDB's sort)."""
    position = table.column("__position")
    table = table.drop_columns(["__position"])
    if table.num_rows == 0:
        return table
    return table.take(pc.sort_indices(position))
