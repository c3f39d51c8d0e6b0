"""`query` and `export`: filters, read-only SQL, and every export format and layout read back."""

import csv
import io
import json

import duckdb
import pytest

from conftest import EXAMPLES, run_cli
from newsevents.exports import LAYOUTS, export
from newsevents.ingest.run import ingest
from newsevents.output import CSV_COLUMNS
from newsevents.store import Store

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    + " ".join(f"Actor{n}{c}" for n in (1, 2) for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                         "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                         "Type3Code"))
    + " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles"
    " AvgTone "
    + " ".join(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
               for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))
    + " DATEADDED SOURCEURL").split()
ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]
ARTICLES = [
    {"id": "moscow", "date": "2015-05-12", "source": "Wire", "url": "https://wire.test/moscow",
     "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday."},
    {"id": "kabul", "date": "2016-03-02", "text": "The French government condemned the attack on the embassy in Kabul."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from newsevents.pipeline import coder

    coder()  # the session's model
    folder = tmp_path_factory.mktemp("export")
    feed = folder / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    path = folder / "events.duckdb"
    summary = ingest([str(feed), str(EXAMPLES / "nato-libya-2011.txt")], str(path))
    assert summary.events >= 3
    return path


def events(db):
    with Store(db).reading() as con:
        cur = con.execute("SELECT e.*, d.url, d.source_name AS outlet FROM events e JOIN documents d USING (doc_key)")
        names = [c[0] for c in cur.description]
        return {r[0]: dict(zip(names, r)) for r in cur.fetchall()}


def test_native_exports_match_the_code_command_shapes(db, tmp_path):
    stored = events(db)
    out = tmp_path / "native.csv"
    r = run_cli("export", "--db", db, "--format", "csv", out)
    assert r.returncode == 0, r.stderr.decode()
    assert f"exported {len(stored)} event(s)" in r.stderr.decode()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[: len(CSV_COLUMNS)] == CSV_COLUMNS
    assert {row["event_id"] for row in rows} == set(stored)
    for row in rows:
        e = stored[row["event_id"]]
        assert (row["code"], row["source_code"], row["sentence"], int(row["start"])) == (
            e["code"], e["source_code"] or "", e["sentence"], e["sentence_start"])

    export(db, str(tmp_path / "native.jsonl"), "jsonl")
    records = [json.loads(line) for line in (tmp_path / "native.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(stored)
    moscow = next(x for x in records if x["doc_id"] == "moscow")
    assert moscow["source"]["code"] == "RUSGOV" and moscow["source"]["person"]
    assert moscow["mentions"][0]["sentence"].startswith("Russian President") and moscow["report_date"] == "2015-05-12"
    assert set(moscow) >= {"event_id", "code", "root_code", "quad_class", "goldstein", "plover", "target", "date",
                           "date_precision", "modality", "location", "rule", "confidence"}

    r = run_cli("query", "--db", db, "--format", "jsonl")  # the same records as `newsevents code` writes
    assert sorted(json.loads(x)["event_id"] for x in r.stdout.decode().splitlines()) == sorted(stored)
    from newsevents.ingest import read_paths
    from newsevents.output import record
    from newsevents.pipeline import coder

    [(_, coded)] = coder().code_documents(read_paths([str(EXAMPLES / "nato-libya-2011.txt")]))
    queried = {x["event_id"]: x for x in map(json.loads, r.stdout.decode().splitlines())}
    assert coded and all(json.loads(json.dumps(record(e))) == queried[e.event_id] for e in coded)

    export(db, str(tmp_path / "native.parquet"), "parquet")
    back = duckdb.sql(f"SELECT * FROM read_parquet('{tmp_path / 'native.parquet'}')")
    assert back.columns[: len(CSV_COLUMNS)] == CSV_COLUMNS and len(back.fetchall()) == len(stored)


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_gdelt_layout_has_gdelt_columns_and_meanings(db, tmp_path, fmt):
    out = tmp_path / f"gdelt.{fmt}"
    assert export(db, str(out), fmt, "gdelt") == len(events(db))
    reader = {"csv": "read_csv", "parquet": "read_parquet", "jsonl": "read_json"}[fmt]
    rel = duckdb.sql(f"SELECT * FROM {reader}('{out}')")
    assert rel.columns == GDELT_COLUMNS and len(GDELT_COLUMNS) == 61
    rows = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
    stored = {int(e["event_id"][:15], 16): e for e in events(db).values()}
    for row in rows:
        e = stored[int(row["GLOBALEVENTID"])]
        day = e["date"] or e["report_date"]
        assert int(row["SQLDATE"]) == int(day.strftime("%Y%m%d")) and int(row["Year"]) == day.year
        assert str(row["EventCode"]) == e["code"] and str(row["EventRootCode"]) == e["root_code"]
        assert str(row["EventBaseCode"]) == e["code"][:3]
        assert float(row["GoldsteinScale"]) == e["goldstein"] and int(row["QuadClass"]) == e["quad_class"]
        assert row["Actor1Code"] == e["source_code"] and row["Actor1CountryCode"] == e["source_country"]
        assert row["SOURCEURL"] == (e["url"] or e["doc_id"])
        for empty in ("AvgTone", "Actor1EthnicCode", "Actor1Religion1Code", "Actor2Geo_Lat", "IsRootEvent"):
            assert row[empty] is None  # not produced by the coder: empty, not invented
    moscow = next(r for r in rows if r["SOURCEURL"] == "https://wire.test/moscow")
    assert moscow["Actor1Code"] == "RUSGOV" and moscow["Actor2CountryCode"] == "CHN" and moscow["Actor1Type1Code"] == "GOV"
    assert moscow["FractionDate"] == pytest.approx(2015 + (5 * 30 + 12) / 365, abs=1e-4)
    if moscow["ActionGeo_FullName"]:
        assert moscow["ActionGeo_CountryCode"] == "RS"  # FIPS 10-4, as GDELT
    nato = [r for r in rows if r["Actor1Code"] == "IGOWSTNAT"]
    assert all(r["Actor1KnownGroupCode"] == "NAT" for r in nato)


def test_icews_layout(db, tmp_path):
    r = run_cli("export", "--db", db, "--format", "csv", "--layout", "icews", "-")
    assert r.returncode == 0, r.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert list(rows[0]) == ICEWS_COLUMNS and len(rows) == len(events(db))
    moscow = next(x for x in rows if x["Story ID"] == "moscow")
    assert moscow["Source Country"] == "Russian Federation" and moscow["Source Sectors"] == "Government"
    assert moscow["Target Country"] == "China" and moscow["Publisher"] == "Wire"
    stored = next(e for e in events(db).values() if e["doc_id"] == "moscow")
    assert moscow["CAMEO Code"] == stored["code"] and moscow["Event Text"] and moscow["Event Date"] == "2015-05-12"
    assert moscow["Sentence Number"] == "" and moscow["District"] == ""


def test_query_filters_and_formats(db):
    r = run_cli("query", "--db", db, "--country", "RUS", "--format", "jsonl")
    assert r.returncode == 0, r.stderr.decode()
    found = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert found and all("RUS" in ((e["source"] or {}).get("country"), (e["target"] or {}).get("country"),
                                   (e["location"] or {}).get("country")) for e in found)
    r = run_cli("query", "--db", db, "--code", "03", "--actor", "nato", "--since", "2011-01-01", "--until",
                "2011-12-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert rows and all(x["code"].startswith("03") and x["report_date"].startswith("2011") for x in rows)
    assert all("nato" in (x["source_name"] + x["target_name"] + x["source_code"] + x["target_code"]).lower() or
               "nato" in (x["source_text"] + x["target_text"]).lower() for x in rows)
    r = run_cli("query", "--db", db, "--modality", "asserted", "--limit", "1")
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 0 and lines[0].split()[:3] == ["date", "code", "modality"] and lines[-1] == "1 row(s)"
    r = run_cli("query", "--db", db, "--country", "Syria")
    assert r.returncode == 2 and "ISO 3166-1 alpha-3" in r.stderr.decode()


def test_sql_is_read_only(db, capsys):
    from newsevents.cli import main

    r = run_cli("query", "--db", db, "--sql", "SELECT status, count(*) AS n FROM documents GROUP BY ALL ORDER BY 1",
                "--format", "csv")
    assert r.returncode == 0 and r.stdout.decode().splitlines()[0] == "status,n"
    before = Store(db).counts()
    r = run_cli("query", "--db", db, "--sql", "DELETE FROM events")
    assert r.returncode == 2 and r.stderr.decode() == (
        "newsevents: --sql is read-only: DELETE statements are refused. Use SELECT (or WITH, SHOW, DESCRIBE, "
        "EXPLAIN); the store changes only through `newsevents ingest`\n")
    for statement in ("DROP TABLE events", "INSERT INTO migrations VALUES (9, 'x', NULL)", "UPDATE events SET code = '01'",
                      f"COPY events TO '{db}.csv'", "ATTACH 'other.duckdb' AS o", "CREATE TABLE t AS SELECT 1",
                      "SELECT 1; DELETE FROM events"):
        assert main(["query", "--db", str(db), "--sql", statement]) == 2
        err = capsys.readouterr().err
        assert err.startswith("newsevents: --sql") and err.count("\n") == 1
    assert main(["query", "--db", str(db), "--sql", "EXPLAIN ANALYZE DELETE FROM events"]) == 1
    assert "read-only" in capsys.readouterr().err
    assert Store(db).counts() == before
    r = run_cli("query", "--db", db, "--sql", "SELECT nope FROM events")
    assert r.returncode == 1 and "query failed" in r.stderr.decode() and "Traceback" not in r.stderr.decode()


def test_export_errors_are_one_line(db, tmp_path):
    r = run_cli("export", "--db", tmp_path / "missing.duckdb", "--format", "csv", tmp_path / "x.csv")
    assert r.returncode == 1 and r.stderr.decode().count("\n") == 1 and "no such database" in r.stderr.decode()
    r = run_cli("export", "--db", db, "--format", "parquet", "-")
    assert r.returncode == 2 and "stdout" in r.stderr.decode()
    assert set(LAYOUTS) == {"native", "gdelt", "icews"}
