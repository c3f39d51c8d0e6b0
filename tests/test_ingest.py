"""Readers: every input format on files built here, format detection from content, language, bad input."""

import gzip
import io
import json

import pytest

from newsevents.errors import InputError
from newsevents.ingest import MAX_DOCUMENT_CHARS, ReadOptions, read_bytes, read_paths
from newsevents.ingest.language import detect
from newsevents.records import Document, Skip

ARTICLE = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.\n"
PAGE = """<!DOCTYPE html><html><head><title>NATO to meet Libyan rebels | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="NATO to meet Libyan rebels">
<meta property="og:url" content="https://planet.example/world/nato-libya">
<meta property="article:published_time" content="2011-07-06T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>NATO to meet Libyan rebels</h1>
<p>BRUSSELS (Reuters) - NATO will meet representatives of Libya's rebel National Transitional Council next
week, the alliance said on Wednesday.</p>
<p>The meeting will take place in Brussels, officials said. Rebel leaders welcomed the invitation.</p></article>
<footer>Copyright 2011 Daily Planet. All rights reserved.</footer></body></html>"""
EMPTY_PAGE = "<html><head><title>Nothing</title></head><body><div><img src='x.png'></div></body></html>"
GERMAN = ("Der russische Präsident Wladimir Putin hat am Dienstag den chinesischen Staatschef Xi Jinping in "
          "Moskau empfangen. Beide sprachen über die Zusammenarbeit ihrer Länder.")


def items(paths, **options):
    return list(read_paths([str(p) for p in paths], options=ReadOptions(**options)))


def docs(found):
    return [x for x in found if isinstance(x, Document)]


def skips(found):
    return [x for x in found if isinstance(x, Skip)]


def write_warc(path, pages, gzipped=True, extra: bytes = b""):
    """A WARC file written with warcio: a warcinfo record, then one response record per (uri, type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsevents tests"}))
        for uri, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        fh.write(extra)


def test_plain_text_folders_recursive_and_stdin(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "b").write_text("The French government condemned the attack.\n", encoding="utf-8")
    (tmp_path / ".hidden").write_text(ARTICLE, encoding="utf-8")
    found = items([tmp_path])
    assert [d.id for d in found] == [str(tmp_path / "a.txt"), str(tmp_path / "sub" / "deeper" / "b")]
    assert found[0].text == ARTICLE
    [doc] = read_paths(["-"], stdin=io.BytesIO(ARTICLE.encode()))
    assert doc.id == "<stdin>" and doc.text == ARTICLE
    with pytest.raises(InputError, match="no such file"):
        items([tmp_path / "missing.txt"])


def test_html_main_text_and_metadata_with_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = items([path])
    assert doc.id == str(path)
    assert doc.title == "NATO to meet Libyan rebels"
    assert doc.report_date.isoformat() == "2011-07-06" and doc.report_date_source == "metadata"
    assert doc.url == "https://planet.example/world/nato-libya"
    assert doc.source_name == "Daily Planet"
    assert doc.text.startswith("BRUSSELS (Reuters) - NATO will meet")
    assert "Home" not in doc.text and "Sport" not in doc.text and "All rights reserved" not in doc.text
    assert "Rebel leaders welcomed the invitation." in doc.text


def test_format_is_detected_from_content_not_the_name(tmp_path):
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "lines.dat").write_text(json.dumps({"id": "j1", "text": ARTICLE}) + "\n", encoding="utf-8")
    (tmp_path / "table").write_text("id,title,text\nc1,Talks,\"" + ARTICLE.strip() + "\"\n", encoding="utf-8")
    (tmp_path / "crawl.bin").write_bytes(b"")
    write_warc(tmp_path / "crawl.bin", [("http://x.test/a", "text/html", PAGE.encode())])
    (tmp_path / "page.gz").write_bytes(gzip.compress(PAGE.encode()))
    found = {d.id: d for d in items([tmp_path])}
    assert found[str(tmp_path / "page.txt")].title == "NATO to meet Libyan rebels"
    assert found["j1"].text == ARTICLE
    assert found["c1"].title == "Talks"
    assert found["http://x.test/a"].source_name == "Daily Planet"
    assert found[str(tmp_path / "page.gz")].report_date.isoformat() == "2011-07-06"


def test_jsonl_with_html_field_metadata_and_unknown_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [{"id": "h1", "html": PAGE, "source": "Wire", "section": "world"},
             {"id": "t1", "text": ARTICLE, "date": "2015-05-12T08:00:00Z", "title": "Summit", "url": "https://w.test/1"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    h1, t1 = items([path])
    assert h1.source_name == "Wire" and h1.title == "NATO to meet Libyan rebels" and h1.meta == {"section": "world"}
    assert h1.report_date.isoformat() == "2011-07-06" and "Home" not in h1.text
    assert (t1.title, t1.url, t1.report_date.isoformat()) == ("Summit", "https://w.test/1", "2015-05-12")


def test_json_array_file(tmp_path):
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "a1", "text": ARTICLE}, {"id": "a2", "text": ARTICLE + " Again."}, 5]))
    found = items([path])
    assert [d.id for d in docs(found)] == ["a1", "a2"]
    assert skips(found)[0].reason.startswith("not a JSON object")


def test_csv_with_a_named_text_column_and_tsv(tmp_path):
    csv_path = tmp_path / "articles.csv"
    csv_path.write_text('story_id,headline,body,date\n7,Summit,"' + ARTICLE.strip() + ' He said ""fine""."'
                        ',2015-05-12\n8,Other,"Multi\nline body.",\n', encoding="utf-8")
    found = items([csv_path], text_column="body")
    assert [d.id for d in found] == [f"{csv_path}#2", f"{csv_path}#3"]
    assert found[0].text.endswith('He said "fine".') and found[0].report_date.isoformat() == "2015-05-12"
    assert found[0].meta == {"story_id": "7", "headline": "Summit"}
    assert found[1].text == "Multi\nline body."
    [skip] = items([csv_path])  # the default column `text` is not there: one Skip naming the columns
    assert skip.reason.startswith("no text column") and "story_id, headline, body, date" in skip.reason
    tsv = tmp_path / "a.tsv"
    tsv.write_text("id\ttext\tsource\nk1\t" + ARTICLE.strip() + "\tWire\n", encoding="utf-8")
    [doc] = items([tsv])
    assert (doc.id, doc.source_name) == ("k1", "Wire")


def test_warc_html_responses_become_documents(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://planet.example/a", "text/html; charset=utf-8", PAGE.encode()),
                      ("https://planet.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\0\0"),
                      ("https://planet.example/b", "text/html", b"<html><body><p>" + ARTICLE.encode() + b"</p></body></html>")])
    found = items([path])
    assert [d.id for d in found] == ["https://planet.example/a", "https://planet.example/b"]
    a = found[0]
    assert a.url == "https://planet.example/a" and a.source_name == "Daily Planet" and a.meta["crawl_date"]
    assert found[1].text.strip() == ARTICLE.strip()
    plain = tmp_path / "crawl.warc"
    write_warc(plain, [("https://planet.example/a", "text/html", PAGE.encode())], gzipped=False)
    assert [d.id for d in items([plain])] == ["https://planet.example/a"]


def test_arc_file_is_read_as_warc(tmp_path):
    body = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE.encode()
    version = b"1 0 newsevents\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [b"filedesc://t.arc 0.0.0.0 20110706120000 text/plain %d\n" % len(version) + version + b"\n",
               b"http://planet.example/arc 127.0.0.1 20110706120000 text/html %d\n" % len(body) + body + b"\n"]
    (tmp_path / "old.arc").write_bytes(b"".join(records))
    (tmp_path / "old.arc.gz").write_bytes(b"".join(gzip.compress(r) for r in records))  # a member per record
    for name in ("old.arc", "old.arc.gz"):
        [doc] = items([tmp_path / name])
        assert doc.id == "http://planet.example/arc" and doc.title == "NATO to meet Libyan rebels"


def test_languages_other_than_english_are_skipped_with_their_code(tmp_path):
    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "ru.txt").write_text("Путин встретился с Си Цзиньпином в Москве во вторник. Лидеры обсудили "
                                     "сотрудничество двух стран.", encoding="utf-8")
    (tmp_path / "mixed.txt").write_text("Le président français François Hollande a rencontré la chancelière. "
                                        "French President François Hollande met German Chancellor Angela Merkel "
                                        "in Berlin.", encoding="utf-8")
    (tmp_path / "short.txt").write_text("Obama met Putin.", encoding="utf-8")
    found = {x.id if isinstance(x, Document) else x.doc_id: x for x in items([tmp_path])}
    assert found[str(tmp_path / "de.txt")] == Skip(str(tmp_path / "de.txt"), "language", "language:de")
    assert found[str(tmp_path / "ru.txt")].reason == "language:ru"
    assert isinstance(found[str(tmp_path / "mixed.txt")], Document)  # half English: kept
    assert isinstance(found[str(tmp_path / "short.txt")], Document)  # too short to tell: kept
    assert isinstance(items([tmp_path / "de.txt"], languages=("en", "de"))[0], Document)
    assert isinstance(items([tmp_path / "de.txt"], languages=())[0], Document)
    english = ("Israeli troops killed three Palestinians in Gaza on Monday, officials said. The army said the men "
               "had attacked a patrol near the border fence, and the government promised an inquiry.")
    assert detect(english) == ("en", False)


def test_a_long_document_is_judged_on_its_sample_whichever_half_is_foreign():
    english = ("Israeli troops killed three Palestinians in Gaza on Monday, officials said. The army said the men "
               "had attacked a patrol near the border fence, and the government promised an inquiry. ")
    german = GERMAN.strip() + " "
    eng_first = (english * 30)[:2100] + german * 60  # English half then German: at most half foreign, kept
    assert detect(eng_first) == ("en", False)
    ger_first = german * 60  # German throughout, English only after the sample
    assert detect(ger_first + english * 30) == ("de", True)
    # German first, English after it inside the sample: two thirds are not foreign, kept
    assert detect(german * 3 + english * 30)[1] is False


def test_bad_input_is_skipped_with_a_reason_and_the_rest_is_read(tmp_path):
    good = tmp_path / "0-good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "1-blob.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "2-truncated.jsonl.gz").write_bytes(gzip.compress((json.dumps({"text": ARTICLE}) + "\n").encode() * 50)[:-20])
    write_warc(tmp_path / "3-broken.warc.gz", [("https://w.test/ok", "text/html", PAGE.encode())],
               extra=gzip.compress(b"this is not a WARC record\r\n\r\n"))
    (tmp_path / "4-empty.html").write_text(EMPTY_PAGE, encoding="utf-8")
    (tmp_path / "5-lines.jsonl").write_text('{"id": "ok", "text": "' + ARTICLE.strip() + '"}\n{}\n\n{"id": "e", "text": ""}\n'
                                            '{"id": "bad"\n[1, 2]\n', encoding="utf-8")
    (tmp_path / "6-huge.txt").write_bytes(("x" * 99 + "\n").encode() * 200_000)  # 20 MB
    (tmp_path / "7-empty.txt").write_bytes(b"")
    found = items([tmp_path])
    salvaged = [d for d in docs(found) if "2-truncated" in d.id]  # the lines before the gzip broke off
    assert 0 < len(salvaged) < 50 and all(d.text == ARTICLE for d in salvaged)
    assert [d.id for d in docs(found) if d not in salvaged] == [str(good), "https://w.test/ok", "ok"]
    reasons = {s.doc_id.replace(str(tmp_path) + "/", ""): (s.stage, s.reason.split(":")[0]) for s in skips(found)}
    assert reasons == {
        "1-blob.bin": ("decode", "binary"),
        "2-truncated.jsonl.gz": ("decode", "broken gzip"),
        "3-broken.warc.gz#record3": ("read", "broken WARC record"),
        "4-empty.html": ("read", "empty"),
        "5-lines.jsonl#2": ("read", "empty"),
        "e": ("read", "empty"),
        "5-lines.jsonl#5": ("read", "invalid JSON"),
        "5-lines.jsonl#6": ("read", "not a JSON object"),
        "6-huge.txt": ("read", "too long"),
        "7-empty.txt": ("decode", "empty"),
    }
    assert str(MAX_DOCUMENT_CHARS) in next(s.reason for s in skips(found) if s.doc_id.endswith("6-huge.txt"))


def test_read_bytes_accepts_any_format():
    [doc] = read_bytes(gzip.compress(ARTICLE.encode()), "mem.gz")
    assert doc.text == ARTICLE
    [doc] = read_bytes(PAGE.encode(), "mem", input_format="html")
    assert doc.source_name == "Daily Planet"


def test_jsonl_and_csv_stream_files_larger_than_the_whole_file_limit(tmp_path, monkeypatch):
    import newsevents.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_BYTES", 10_000)  # files read whole may not be larger than this
    lines = [json.dumps({"id": f"n{i}", "text": ARTICLE, "long": "x" * 200}) for i in range(200)]
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    (tmp_path / "big.csv").write_text("id,text\n" + "".join(f'c{i},"{ARTICLE.strip()}"\n' for i in range(300)),
                                      encoding="utf-8")
    (tmp_path / "big.txt").write_text(ARTICLE * 200, encoding="utf-8")
    found = items([tmp_path])
    assert len([d for d in docs(found) if d.id.startswith("n")]) == 200
    assert len([d for d in docs(found) if d.id.startswith("c")]) == 300
    [skip] = skips(found)
    assert skip.doc_id.endswith("big.txt") and skip.reason.startswith("too large")
    one_line = json.dumps({"id": "wide", "text": ARTICLE + "y " * 40_000})  # a first line longer than the sniffed head
    [doc] = read_bytes(one_line.encode(), "wide.dat")
    assert doc.id == "wide"
