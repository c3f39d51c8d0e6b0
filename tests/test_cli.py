"""End to end: the real `newsevents` command on real files."""

import csv
import io
import json

from conftest import EXAMPLES, run_cli

ARTICLE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.\n"


def test_code_example_writes_json_lines_with_the_whole_record():
    r = run_cli("code", EXAMPLES / "nato-libya-2011.txt")
    assert r.returncode == 0, r.stderr.decode()
    events = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert events
    for e in events:
        for key in ("event_id", "doc_id", "code", "root_code", "quad_class", "goldstein", "plover", "source", "target",
                    "date", "date_precision", "report_date", "modality", "location", "mentions", "rule", "confidence"):
            assert key in e
        assert e["report_date"] == "2011-07-06"  # from the photo caption
        m = e["mentions"][0]
        text = (EXAMPLES / "nato-libya-2011.txt").read_text(encoding="utf-8")
        assert text[m["start"]:m["end"]].strip() == m["sentence"]
        assert m["trigger"].split()[0] in text[m["trigger_start"]:m["trigger_end"]]


def test_stdin_jsonl_and_formats(tmp_path):
    line = json.dumps({"id": "doc-1", "text": ARTICLE, "date": "2015-05-12", "source": "Wire"})
    r = run_cli("code", "-", "--format", "csv", stdin=line.encode())
    assert r.returncode == 0, r.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(r.stdout.decode())))
    assert rows and rows[0]["doc_id"] == "doc-1" and rows[0]["report_date"] == "2015-05-12"
    r = run_cli("code", "-", "--format", "json", "--ontology", "plover", stdin=line.encode())
    items = json.loads(r.stdout)
    assert items and all("cameo_code" in e for e in items)
    r = run_cli("code", "-", "--format", "table", stdin=ARTICLE.encode())
    assert "event(s)" in r.stdout.decode()


def test_folder_input_codes_every_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_text("The French government condemned the attack on the embassy in Kabul.\n", encoding="utf-8")
    r = run_cli("code", tmp_path, "--report-date", "2015-05-12")
    docs = {json.loads(line)["doc_id"] for line in r.stdout.decode().splitlines()}
    assert docs == {str(tmp_path / "a.txt"), str(sub / "b.txt")}


def test_bad_inputs_give_one_clear_line_and_no_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Le président français François Hollande a rencontré la chancelière. "
                      "French President François Hollande met German Chancellor Angela Merkel in Berlin.".encode("latin-1"))
    big = tmp_path / "big.txt"
    big.write_bytes((ARTICLE * 60_000).encode())  # about 5 MB
    for path in (empty, binary, big):
        r = run_cli("code", path)
        err = r.stderr.decode()
        assert r.returncode == 0, err
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 1 and err.startswith("newsevents: skipped")
    r = run_cli("code", latin, "--report-date", "2013-01-01")
    assert r.returncode == 0 and "Traceback" not in r.stderr.decode()
    events = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert any("François Hollande" in (e["source"] or {}).get("text", "") for e in events)


def test_missing_path_fails_with_one_line():
    r = run_cli("code", "/no/such/file.txt")
    err = r.stderr.decode()
    assert r.returncode == 1
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err


def test_bad_arguments_exit_2():
    r = run_cli("code", "--report-date", "yesterday", EXAMPLES / "nato-libya-2011.txt")
    assert r.returncode == 2
    r = run_cli("evaluate", "/no/such/gold.jsonl")
    assert r.returncode == 1 and "no such gold file" in r.stderr.decode()
