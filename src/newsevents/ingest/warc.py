"""WARC and ARC crawl files (gzipped or not) with warcio: one document per HTML page.

A document is a `response` (or `resource`) record whose payload is HTML, or a `conversion` record of
plain text (the WET files of a crawl); its id and url are the record's target URI and its crawl date is
kept as metadata (`crawl_date`; the report date comes from the page itself). Requests, metadata, images,
PDFs and the like are not documents and are passed over. A broken record ends the file with a Skip that
says where; the pages read before it are kept.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import IO, Iterator

from ..records import Document, Skip

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_RECORD_BYTES = 50 * 1024 * 1024


def is_archive(head: bytes) -> bool:
    """WARC ("WARC/1.0") or ARC ("filedesc://") content, from its first bytes (after gunzip)."""
    head = head.lstrip(b"\r\n")
    return head.startswith((b"WARC/", b"filedesc://"))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _decode(payload: bytes, content_type: str) -> tuple[str | None, str | None]:
    from . import decode

    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(payload)


def read_warc(stream: IO[bytes], name: str) -> Iterator[Document | Skip]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    records = iter(ArchiveIterator(stream, arc2warc=True))
    collected = _Collect()
    log = logging.getLogger("warcio")
    log.addHandler(collected)
    propagate, log.propagate = log.propagate, False
    try:
        while True:
            warnings = io.StringIO()
            collected.messages.clear()
            try:
                with contextlib.redirect_stderr(warnings):  # warcio prints or logs its complaints: we record them
                    record = next(records)
            except StopIteration:
                if problem := _problem(warnings, collected):
                    yield Skip(f"{name}#record{number}", "read", f"broken WARC record: {problem}")
                return
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                message = " ".join(str(exc).split())[:200]
                yield Skip(f"{name}#record{number + 1}", "read",
                           f"broken WARC record: after {number} record(s): {message}")
                return
            except Exception as exc:  # noqa: BLE001 - warcio trips over crafted headers (a response without a URI)
                message = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
                yield Skip(f"{name}#record{number + 1}", "read",
                           f"broken WARC record: after {number} record(s): {message}")
                return
            number += 1
            if problem := _problem(warnings, collected):
                yield Skip(f"{name}#record{number}", "read", f"broken WARC record: {problem}")
                continue
            try:
                found = list(_document(record, name, number))  # one document at most
            except Exception as exc:  # noqa: BLE001 - a record warcio read but cannot give the parts of
                message = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
                found = [Skip(f"{name}#record{number}", "read", f"broken WARC record: {message}")]
            yield from found
    finally:
        log.removeHandler(collected)
        log.propagate = propagate


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _problem(printed: io.StringIO, logged: _Collect) -> str:
    return " ".join((printed.getvalue() + " " + " ".join(logged.messages)).split())[:200]


def _document(record, name: str, number: int) -> Iterator[Document | Skip]:
    """The document of one record: nothing for records that are not pages, a Skip for damaged ones."""
    from . import parse_date
    from .html import extract

    kind = record.rec_type
    if kind not in ("response", "resource", "conversion"):
        return
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#record{number}"
    if record.http_headers is not None:
        if kind == "response" and not str(record.http_headers.get_statuscode() or "").startswith("2"):
            return
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    is_html = media in HTML_TYPES
    if not is_html and not (kind == "conversion" and media in ("text/plain", "")):
        return
    try:
        payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    except Exception as exc:  # noqa: BLE001 - a damaged payload (bad chunking, bad gzip) is one Skip
        yield Skip(uri, "read", f"broken WARC record: payload unreadable: {exc}")
        return
    if len(payload) > MAX_RECORD_BYTES:
        yield Skip(uri, "read", f"too large: record payload over {MAX_RECORD_BYTES} bytes")
        return
    text, reason = _decode(payload, content_type)
    if text is None:
        yield Skip(uri, "decode", reason or "unreadable")
        return
    meta = {"crawl_date": record.rec_headers.get_header("WARC-Date"), "archive": name}
    if not is_html:
        yield Document(id=uri, text=text, url=uri, meta=meta)
        return
    page = extract(text, url=uri)
    if not page.text.strip():
        yield Skip(uri, "read", "empty: the HTML page has no text")
        return
    report = parse_date(page.date)
    yield Document(id=uri, text=page.text, title=page.title, url=uri, report_date=report,
                   report_date_source="metadata" if report else None, source_name=page.source, meta=meta)
