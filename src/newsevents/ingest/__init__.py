"""Readers: files, folders and stdin to Documents (or Skips with a reason; rejections are data).

Formats: plain text, HTML (main text and metadata by trafilatura), JSON Lines (DESIGN.md), a JSON array
of such objects, CSV/TSV with a named text column, WARC and ARC crawl files, and gzip of any of them;
folders are read recursively. The format is taken from `input_format`, else detected from the content
(the file name only breaks ties: a `.csv` without the text column is reported, not read as prose).
Bytes are decoded as UTF-8, else Windows-1252/Latin-1; binary content is skipped with a reason, never
coded as text. Every Document then passes a size limit and a language check (`language.py`).

    read_paths(paths, options=ReadOptions(...)) -> Documents and Skips, in order (a missing path raises InputError)
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..errors import InputError
from ..records import Document, Skip

FORMATS = ("auto", "text", "html", "jsonl", "csv", "warc")
MAX_BYTES = 50 * 1024 * 1024  # a file (or decompressed gzip) larger than this is not read; WARC files stream
MAX_DOCUMENT_CHARS = 2_000_000  # a document longer than this is skipped: no news article is, and parsing it would take minutes
HEAD_BYTES = 64 * 1024  # how much of a stream format detection looks at
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the format (or `auto`), the CSV text column, the languages to keep."""

    input_format: str = "auto"
    text_column: str = "text"
    languages: tuple[str, ...] = ("en",)  # empty: no language check


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None) or (None, reason): UTF-8 first, then Windows-1252, then Latin-1; binary is refused."""
    if not data.strip():
        return None, "empty"
    sample = data[:8192]
    if b"\x00" in sample:
        return None, "binary: contains NUL bytes"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, len(sample) // 100):
        return None, "binary: too many control characters"
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (text, None) if text.strip() else (None, "empty")  # a byte-order mark, no-break spaces
    return None, "undecodable bytes"  # pragma: no cover - latin-1 decodes everything


def parse_date(value) -> date | None:
    """A date from an ISO 8601 date or timestamp string, else None (also for a year no news was written in)."""
    if not value or not isinstance(value, str):
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            found = date.fromisoformat(value[:10])
        except ValueError:
            return None
    return found if 1000 <= found.year <= 9000 else None


_parse_date = parse_date  # the old private name


def _string(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value):
    """A JSON value with lone surrogates ("\\ud800" escapes, which no encoder can write) replaced by U+FFFD.

    One character for one, so offsets into the text hold."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if not value.isascii() else value
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def _loads(text: str):
    """json.loads, with nesting too deep for the parser reported as a JSONDecodeError (it raises RecursionError)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def document_from_record(record: dict, fallback_id: str) -> Document | Skip:
    """A Document from one JSON Lines object (DESIGN.md: id, text, title, url, date, source, html)."""
    record = scrub(record)
    doc_id = str(record.get("id") or fallback_id)
    text = record.get("text")
    page = None
    if not (isinstance(text, str) and text.strip()) and isinstance(record.get("html"), str):
        from .html import extract

        page = extract(record["html"], url=_string(record, "url"))
        text = page.text
    if not isinstance(text, str) or not text.strip():
        return Skip(doc_id, "read", "empty: no text")
    known = {"id", "text", "title", "url", "date", "source", "html"}
    rd = parse_date(record.get("date")) or (parse_date(page.date) if page else None)
    return Document(
        id=doc_id, text=text, title=_string(record, "title") or (page.title if page else None),
        url=_string(record, "url") or (page.url if page else None), report_date=rd,
        report_date_source="metadata" if rd else None,
        source_name=_string(record, "source") or (page.source if page else None),
        meta={k: v for k, v in record.items() if k not in known},
    )


def read_jsonl(text: str | Iterable[str], name: str) -> Iterator[Document | Skip]:
    """Documents from JSON Lines: a whole text, or lines streamed from a file of any size."""
    lines = text.splitlines() if isinstance(text, str) else text
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(f"{name}#{number}", "read", f"invalid JSON: line {number}: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Skip(f"{name}#{number}", "read", f"not a JSON object: line {number}")
            continue
        yield document_from_record(record, f"{name}#{number}")


def read_json_array(text: str, name: str) -> Iterator[Document | Skip]:
    try:
        items = _loads(text)
    except json.JSONDecodeError as exc:
        yield Skip(name, "read", f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    if not isinstance(items, list):
        yield Skip(name, "read", "not a JSON array of objects")
        return
    for number, record in enumerate(items, start=1):
        if isinstance(record, dict):
            yield document_from_record(record, f"{name}#{number}")
        else:
            yield Skip(f"{name}#{number}", "read", f"not a JSON object: item {number}")


def looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    if first != "{":
        return False
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(_loads(line), dict)
    except json.JSONDecodeError:
        return False


_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|title|meta)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    start = text.lstrip()[:2048]
    return start.startswith("<") and bool(_HTML_TAG.search(start))


def detect_format(text: str, name: str, options: ReadOptions) -> str:
    """The format of decoded content: jsonl, json (an array of objects), html, csv or text."""
    from .tables import looks_like_csv

    suffix = Path(name.lower().removesuffix(".gz")).suffix.lstrip(".")
    if looks_like_jsonl(text):
        return "jsonl"
    if text.lstrip().startswith('{"') and "\n" not in text.strip():
        return "jsonl"  # a first line longer than the part of the file looked at
    if text.lstrip().startswith("[") and suffix == "json":
        return "json"
    if looks_like_html(text):
        return "html"
    if suffix in ("csv", "tsv") or looks_like_csv(text, name, options.text_column):
        return "csv"
    return "text"


def _read_text(text: str, name: str, fmt: str, options: ReadOptions) -> Iterator[Document | Skip]:
    if fmt == "jsonl":
        yield from read_jsonl(text, name)
    elif fmt == "json":
        yield from read_json_array(text, name)
    elif fmt == "csv":
        from .tables import read_csv

        yield from read_csv(text, name, options.text_column, text)
    elif fmt == "html":
        from .html import extract

        page = extract(text)
        if not page.text.strip():
            yield Skip(name, "read", "empty: the HTML page has no text")
            return
        rd = parse_date(page.date)
        yield Document(id=name, text=page.text, title=page.title, url=page.url, report_date=rd,
                       report_date_source="metadata" if rd else None, source_name=page.source)
    else:
        yield Document(id=name, text=text)


def _finish(item: Document | Skip, options: ReadOptions) -> Document | Skip:
    """Every document passes the size limit and the language check."""
    if isinstance(item, Skip):
        return item
    if not item.text.strip():
        return Skip(item.id, "read", "empty: no text")
    if len(item.text) > MAX_DOCUMENT_CHARS:
        return Skip(item.id, "read", f"too long: {len(item.text)} characters (limit {MAX_DOCUMENT_CHARS}); "
                    "split it into articles")
    from .language import check_language

    return check_language(item, options.languages)


def _gunzip_head(head: bytes) -> bytes | None:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
    except zlib.error:
        return None


def _text_encoding(head: bytes) -> str:
    """The encoding to stream a text file with: UTF-8 when its start is UTF-8, else Windows-1252."""
    try:
        head[:-4].decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def read_stream(stream: IO[bytes], name: str, options: ReadOptions | None = None) -> Iterator[Document | Skip]:
    """Documents from one binary stream (a file, stdin, an archive member), any format, gzipped or not.

    WARC/ARC, JSON Lines and CSV stream (files of any size, memory stays flat); other formats are read
    whole, up to MAX_BYTES. A stream that breaks part way (a truncated gzip) keeps what was read before it.
    """
    from .warc import is_archive, read_warc

    options = options or ReadOptions()
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream, buffer_size=HEAD_BYTES)  # type: ignore[arg-type]
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    gzipped = head.startswith(GZIP_MAGIC)
    plain_head = _gunzip_head(head) if gzipped else head
    if plain_head is None:
        yield Skip(name, "decode", "broken gzip: not a valid gzip stream")
        return
    if options.input_format == "warc" or (options.input_format == "auto" and is_archive(plain_head)):
        for item in read_warc(stream, name):
            yield _finish(item, options)
        return
    head_text, reason = decode(plain_head)
    if head_text is None:
        yield Skip(name, "decode", reason or "unreadable")
        return
    fmt = options.input_format if options.input_format != "auto" else detect_format(head_text, name, options)
    source = gzip.GzipFile(fileobj=stream) if gzipped else stream
    if fmt in ("jsonl", "csv"):
        yield from _stream_records(source, name, fmt, head_text, _text_encoding(plain_head), gzipped, options)
        return
    try:
        data = source.read(MAX_BYTES + 1)
    except (EOFError, OSError, zlib.error) as exc:
        yield Skip(name, "decode", f"broken gzip: {exc}" if gzipped else f"unreadable: {exc}")
        return
    if len(data) > MAX_BYTES:
        yield Skip(name, "read", f"too large: over {MAX_BYTES} bytes{' uncompressed' if gzipped else ''}")
        return
    text, reason = decode(data)
    if text is None:
        yield Skip(name, "decode", reason or "unreadable")
        return
    for item in _read_text(text, name, fmt, options):
        yield _finish(item, options)


def _stream_records(source: IO[bytes], name: str, fmt: str, head_text: str, encoding: str, gzipped: bool,
                    options: ReadOptions) -> Iterator[Document | Skip]:
    from .tables import read_csv

    lines = io.TextIOWrapper(source, encoding=encoding, errors="replace", newline="")  # type: ignore[type-var]
    records = read_jsonl(lines, name) if fmt == "jsonl" else read_csv(lines, name, options.text_column, head_text)
    count = 0
    try:
        for item in records:
            count += 1
            yield _finish(item, options)
    except (EOFError, OSError, zlib.error, UnicodeError) as exc:
        kind = "broken gzip" if gzipped else "unreadable"
        yield Skip(name, "decode", f"{kind}: {exc} (after {count} record(s))")


def read_bytes(data: bytes, name: str, input_format: str = "auto", options: ReadOptions | None = None
               ) -> Iterator[Document | Skip]:
    """Documents from bytes in memory (see `read_stream`)."""
    options = options or ReadOptions(input_format=input_format)
    yield from read_stream(io.BytesIO(data), name, options)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def read_paths(paths: Iterable[str], input_format: str = "auto", stdin: IO[bytes] | None = None,
               options: ReadOptions | None = None) -> Iterator[Document | Skip]:
    """Documents from paths (files, folders, '-' for stdin), in order. A missing path raises InputError."""
    options = options or ReadOptions(input_format=input_format)
    if options.input_format not in FORMATS:
        raise InputError(f"unknown input format {options.input_format!r}; use one of {', '.join(FORMATS)}")
    paths = list(paths)
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or directory; give a file, a folder or '-' for stdin")
    for p in paths:
        if p == "-":
            yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "<stdin>", options)
            continue
        for f in _files(Path(p)):
            try:
                handle = open(f, "rb", buffering=HEAD_BYTES)
            except OSError as exc:
                yield Skip(str(f), "read", f"unreadable: {exc.strerror or exc}")
                continue
            with handle:
                try:
                    yield from read_stream(handle, str(f), options)
                except OSError as exc:
                    yield Skip(str(f), "read", f"unreadable: {exc.strerror or exc}")
