"""The JSON API of `newsevents serve` on a real store built by `newsevents ingest` (web/app.py, queries.py)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, run_cli

pytest.importorskip("fastapi")
with warnings.catch_warnings():  # starlette asks for httpx2; httpx (pinned) works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from newsevents.web import create_app  # noqa: E402

# Small articles, one with markup meant to run in a browser (the page must show it as text), one with
# characters outside the BMP (span offsets count code points), one that is skipped (empty).
CORPUS = [
    {"id": "doc-nato", "date": "2011-07-06", "title": "NATO officials to meet Libyan rebels", "source": "Wire",
     "url": "https://example.org/nato",
     "text": "NATO will meet representatives of the Libyan rebels in Brussels next week. Russian President Dmitry "
             "Medvedev held talks on Monday with South African President Jacob Zuma."},
    {"id": "doc-syria", "date": "2012-03-10", "title": "Fighting in Homs", "source": "Wire",
     "text": "Syrian troops attacked rebels in Homs on Friday. The United States condemned the Syrian government "
             "on Saturday."},
    {"id": "doc-xss", "date": "2011-08-01", "title": "<img src=x onerror=\"window.__xss='title'\">",
     "url": "javascript:window.__xss='url'",
     "text": "France accused Germany of spying on its ministers <script>window.__xss='script'</script> on Tuesday. "
             "The French government criticized Berlin <img src=x onerror=\"window.__xss='img'\"> and "
             "<a href=\"javascript:window.__xss='link'\">javascript:window.__xss='link'</a> on Wednesday."},
    {"id": "doc-emoji", "date": "2013-05-20",
     "text": "Residents posted \U0001F642\U0001F642 online. Iranian officials condemned Israel on Sunday."},
    {"id": "doc-empty", "text": ""},
]
TEXTS = {d["id"]: d["text"] for d in CORPUS}
ERROR_KEYS = {"status", "code", "message", "details"}


def build_store(directory: Path, corpus: list[dict] = CORPUS, name: str = "web.duckdb") -> Path:
    """A store written by the real `newsevents ingest` from JSON Lines articles."""
    source = directory / (name + ".jsonl")
    source.write_text("".join(json.dumps(d) + "\n" for d in corpus), encoding="utf-8")
    db = directory / name
    done = run_cli("ingest", source, "--db", db, "--quiet")
    assert done.returncode == 0, done.stderr.decode()
    return db


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def all_events(client, **params):
    return client.get("/api/events", params={"limit": 500, **params}).json()["items"]


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def test_info_counts_documents_and_events(client):
    info = client.get("/api/info").json()
    assert info["coded"] == 4 and info["skipped"] == 1 and info["documents"] == 5
    assert info["events"] == len(all_events(client)) >= 6
    assert info["first_date"] <= info["last_date"]


def test_events_are_paginated_without_overlap_and_sorted(client):
    everything = all_events(client)
    total = len(everything)
    seen = []
    for offset in range(0, total, 2):
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == total and page["limit"] == 2 and page["offset"] == offset
        seen += [e["event_id"] + e["doc_key"] for e in page["items"]]
    assert sorted(seen) == sorted(e["event_id"] + e["doc_key"] for e in everything) and len(set(seen)) == total
    days = [e["date"] or e["report_date"] for e in everything]
    assert days == sorted(days, reverse=True)
    oldest = [e["date"] or e["report_date"] for e in all_events(client, sort="date")]
    assert oldest == sorted(oldest)
    gold = [e["goldstein"] for e in all_events(client, sort="goldstein")]
    assert gold == sorted(gold)
    assert client.get("/api/events", params={"offset": total}).json()["items"] == []


def test_event_records_have_the_design_shape(client):
    e = next(e for e in all_events(client) if e["rule"] == "046.hold-talk")
    assert e["doc_id"] == "doc-nato" and e["code"] == "046" and e["root_code"] == "04" and e["quad_class"] == 1
    assert e["source"]["code"] == "RUSGOV" and e["target"]["code"] == "ZAFGOV"
    assert e["date"] == "2011-07-04" and e["report_date"] == "2011-07-06" and e["modality"] == "asserted"
    assert e["code_name"] and e["trigger"] == "held" and "Medvedev" in e["sentence"]


@pytest.mark.parametrize("params, check", [
    ({"actor": "nato"}, lambda e: "NATO" in json.dumps([e["source"], e["target"]])),
    ({"country": "syr"}, lambda e: "SYR" in (e["source"]["country"], e["target"]["country"])),
    ({"code": "19"}, lambda e: e["code"].startswith("19")),
    ({"modality": "planned"}, lambda e: e["modality"] == "planned"),
    ({"since": "2012-01-01"}, lambda e: (e["date"] or e["report_date"]) >= "2012-01-01"),
    ({"until": "2011-12-31"}, lambda e: (e["date"] or e["report_date"]) <= "2011-12-31"),
    ({"text": "HOMS"}, lambda e: "homs" in e["sentence"].lower()),
    ({"actor": "Syria", "code": "11"}, lambda e: e["code"].startswith("11") and "Syria" in json.dumps(e)),
])
def test_filters_select_matching_events_only(client, params, check):
    everything = all_events(client)
    selected = all_events(client, **params)
    assert selected, params
    assert all(check(e) for e in selected), params
    assert len([e for e in everything if check(e)]) == len(selected), params


def test_values_are_parameters_not_sql(client, db):
    for hostile in ["' OR 1=1 --", "%' OR '1'='1", "x'); DROP TABLE events; --", "\\", "?", "$1"]:
        for name in ("actor", "text"):
            r = client.get("/api/events", params={name: hostile})
            assert r.status_code == 200 and r.json()["total"] == 0, (name, hostile)
    assert client.get("/api/info").json()["events"] >= 6  # the table is still there


def test_event_detail_has_mentions_and_actor_spans(client):
    listed = next(e for e in all_events(client) if e["doc_id"] == "doc-syria" and e["code"] == "190")
    e = client.get(f"/api/events/{listed['event_id']}", params={"doc_key": listed["doc_key"]}).json()
    text = TEXTS["doc-syria"]
    [m] = e["mentions"]
    assert text[m["start"]:m["end"]] == m["sentence"] and text[m["trigger_start"]:m["trigger_end"]] == "attacked"
    sides = {a["side"]: a for a in e["actors"]}
    assert text[sides["source"]["start"]:sides["source"]["end"]] == sides["source"]["text"] == "Syrian troops"
    assert sides["source"]["rules"] and sides["target"]["code"] == "SYRREB"
    assert_error(client.get("/api/events/0000000000000000"), 404, "not_found")


@pytest.mark.parametrize("doc_id", ["doc-nato", "doc-syria", "doc-xss", "doc-emoji"])
def test_document_spans_index_the_original_text(client, doc_id):
    text = TEXTS[doc_id]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["doc_id"] == doc_id and doc["status"] == "coded"
    assert client.get(f"/api/documents/{doc['doc_key']}").json()["doc_id"] == doc_id
    assert doc["events"] and doc["actors"] and doc["passages"]
    for p in doc["passages"]:
        assert text[p["start"]:p["end"]] == p["text"]
    for e in doc["events"]:
        assert text[e["trigger_start"]:e["trigger_end"]] == e["trigger"]
        assert any(p["start"] <= e["trigger_start"] and e["trigger_end"] <= p["end"] for p in doc["passages"])
    for a in doc["actors"]:
        assert text[a["start"]:a["end"]] == a["text"]
    if doc_id == "doc-xss":
        shown = " ".join(p["text"] for p in doc["passages"])
        assert "<script>window.__xss='script'</script>" in shown and "onerror=" in shown and "javascript:" in shown


def test_skipped_and_missing_documents(client):
    skipped = client.get("/api/documents/doc-empty").json()
    assert skipped["status"] == "skipped" and skipped["reason"] and skipped["events"] == []
    assert_error(client.get("/api/documents/no-such-doc"), 404, "not_found")


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeline_counts_and_mean_goldstein(client, interval):
    everything = all_events(client)
    t = client.get("/api/stats/timeline", params={"interval": interval}).json()
    assert t["interval"] == interval and t["undated"] == 0
    assert sum(b["count"] for b in t["buckets"]) == len(everything)
    periods = [b["period"] for b in t["buckets"]]
    assert periods == sorted(periods)
    for b in t["buckets"]:
        assert b["count"] == sum(q["count"] for q in b["by_quad"])
        if interval == "month":
            members = [e for e in everything if (e["date"] or e["report_date"])[:7] == b["period"][:7]]
            assert b["count"] == len(members)
            assert b["goldstein_mean"] == pytest.approx(sum(e["goldstein"] for e in members) / len(members), abs=1e-3)
    syria = client.get("/api/stats/timeline", params={"interval": "month", "country": "SYR"}).json()
    assert [b["period"] for b in syria["buckets"]] == ["2012-03-01"]


def test_dyads_count_source_target_pairs(client):
    everything = all_events(client)
    dyads = client.get("/api/stats/dyads").json()["dyads"]
    pairs = {}
    for e in everything:
        if e["source"] and e["target"] and e["source"]["code"] and e["target"]["code"]:
            key = (e["source"]["code"], e["target"]["code"])
            pairs[key] = pairs.get(key, 0) + 1
    assert {(d["source"], d["target"]): d["count"] for d in dyads} == pairs
    assert [d["count"] for d in dyads] == sorted((d["count"] for d in dyads), reverse=True)
    assert len(client.get("/api/stats/dyads", params={"limit": 1}).json()["dyads"]) == 1


def test_code_a_pasted_text(client):
    text = "Russian President Dmitry Medvedev held talks on Monday with South African President Jacob Zuma."
    r = client.post("/api/code", json={"text": text, "report_date": "2011-07-06"})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["text"] == text and result["report_date"] == "2011-07-06"
    [e] = result["events"]
    assert e["code"] == "046" and e["date"] == "2011-07-04" and e["source"]["code"] == "RUSGOV"
    m = e["mentions"][0]
    assert text[m["trigger_start"]:m["trigger_end"]] == "held"
    assert text[e["source"]["start"]:e["source"]["end"]] == e["source"]["text"]
    assert client.post("/api/code", json={"text": ""}).json()["events"] == []


def test_code_refuses_more_than_a_megabyte(client):
    big = json.dumps({"text": "x" * 1_000_000}).encode()
    assert "1,000,000" in assert_error(client.post("/api/code", content=big), 413, "too_large")["message"]

    def chunks():  # no Content-Length: the limit holds for a streamed body too
        for _ in range(11):
            yield b" " * 100_000

    assert_error(client.post("/api/code", content=chunks()), 413, "too_large")


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"txt": "a"}', b'{"text": 5}',
                                  b'{"text": "a", "report_date": "2011-13-45"}', b'{"text": "a", "report_date": "soon"}',
                                  b"\xff\xfe"])
def test_code_rejects_bad_bodies_with_the_error_shape(client, body):
    assert_error(client.post("/api/code", content=body, headers={"content-type": "application/json"}),
                 422, "validation_error")


def test_every_error_has_one_shape(client):
    assert_error(client.get("/api/events", params={"country": "Syria"}), 422, "validation_error")
    assert_error(client.get("/api/events", params={"limit": 0}), 422, "validation_error")
    assert_error(client.get("/api/events", params={"since": "yesterday"}), 422, "validation_error")
    assert_error(client.get("/api/stats/timeline", params={"interval": "year"}), 422, "validation_error")
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.delete("/api/events"), 405, "method_not_allowed")
    details = client.get("/api/events", params={"code": "abc"}).json()["error"]["details"]
    assert details[0]["loc"] == ["query", "code"]


def test_missing_store_is_a_503_with_the_error_shape(tmp_path):
    with TestClient(create_app(tmp_path / "none.duckdb")) as c:
        assert "newsevents ingest" in assert_error(c.get("/api/events"), 503, "store_unavailable")["message"]


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200, asset
    assert "http://" not in page.text and "https://" not in page.text  # nothing from a CDN


def test_page_scripts_never_parse_data_as_html():
    static = ROOT / "src" / "newsevents" / "web" / "static"
    for js in static.glob("*.js"):
        source = js.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, (js.name, sink)


def test_openapi_lists_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{ref}", "/api/stats/timeline",
            "/api/stats/dyads", "/api/code", "/api/info"} <= set(spec["paths"])
    assert "requestBody" in spec["paths"]["/api/code"]["post"]
    assert spec["paths"]["/api/events"]["get"]["responses"]["422"]["content"]["application/json"]["schema"]


# -- the real server: a process, as users run it --------------------------------------------------------
def start_server(db: Path, *args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", "0", *args],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd=ROOT, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"at (http://\S+?)/ ", line)
        if found:
            url = found.group(1).replace("0.0.0.0", "127.0.0.1")
            for _ in range(100):
                try:
                    httpx.get(url + "/api/info", timeout=2)
                    return proc, url
                except httpx.TransportError:
                    time.sleep(0.1)
    stop_server(proc)
    raise AssertionError("the server did not start: " + "".join(lines))


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stderr:
        proc.stderr.close()


def test_serve_reads_while_ingest_writes(tmp_path):
    """The server holds the file only during a request: an ingest can write while it runs, and the next
    request sees the new batch."""
    db = build_store(tmp_path, CORPUS[:2])
    proc, url = start_server(db)
    try:
        before = httpx.get(url + "/api/info").json()
        more = tmp_path / "more.jsonl"
        more.write_text(json.dumps(CORPUS[3]) + "\n", encoding="utf-8")
        done = run_cli("ingest", more, "--db", db, "--quiet")
        assert done.returncode == 0, done.stderr.decode()
        after = httpx.get(url + "/api/info").json()
        assert after["coded"] == before["coded"] + 1 and after["events"] > before["events"]
        assert httpx.get(url + "/api/documents/doc-emoji").status_code == 200
        evil = httpx.get(url + "/api/info", headers={"host": "attacker.example"})
        assert_error(evil, 400, "bad_request")
    finally:
        stop_server(proc)
    assert proc.returncode == 0


def test_serve_warns_when_bound_beyond_this_machine(db, monkeypatch, capsys):
    """The warning comes before the socket is bound (the test binds nothing beyond loopback)."""
    from newsevents.web import server

    def no_bind(host, port):
        raise RuntimeError(f"not binding {host}")

    monkeypatch.setattr(server, "bind", no_bind)
    with pytest.raises(RuntimeError, match="not binding 0.0.0.0"):
        server.serve(db, "0.0.0.0", 8000)
    warning = capsys.readouterr().err
    assert "warning" in warning and "0.0.0.0" in warning and "--host 127.0.0.1" in warning
    with pytest.raises(RuntimeError):
        server.serve(db, "127.0.0.1", 8000)
    assert capsys.readouterr().err == ""
    assert server.is_loopback("localhost") and server.is_loopback("::1") and server.is_loopback("127.0.0.2")
    assert not server.is_loopback("0.0.0.0") and not server.is_loopback("192.0.2.1")


def test_serve_errors_are_one_line(tmp_path, db):
    missing = run_cli("serve", "--db", tmp_path / "none.duckdb")
    lines = missing.stderr.decode().strip().splitlines()
    assert missing.returncode == 1 and len(lines) == 1 and "newsevents ingest" in lines[0]
    bad = run_cli("serve", "--db", db, "--port", "70000")
    assert bad.returncode == 2 and len(bad.stderr.decode().strip().splitlines()) == 1
    assert "serve" in run_cli("--help").stdout.decode()


# -- schemathesis: requests generated from /openapi.json ---------------------------------------------------
# Driven through hypothesis directly: schemathesis' lazy pytest loader does not run on pytest 9.
schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

OPERATIONS = [("GET", "/api/info"), ("GET", "/api/events"), ("GET", "/api/events/{event_id}"),
              ("GET", "/api/documents/{ref}"), ("GET", "/api/stats/timeline"), ("GET", "/api/stats/dyads"),
              ("POST", "/api/code")]


@pytest.fixture(scope="module")
def api_schema(db):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db))


def test_schema_covers_the_operations_tested(api_schema):
    found = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert found == set(OPERATIONS)


@pytest.mark.parametrize("method, path, mode", [
    (method, path, mode) for method, path in OPERATIONS for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (path == "/api/info" and mode == GenerationMode.NEGATIVE)  # no parameters to get wrong
])
def test_api_conforms_to_its_schema_and_never_fails(api_schema, method, path, mode):
    """No generated request, valid or not, gets a server error; every response matches the schema."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=20 if method == "POST" else 40, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate()

    check()
