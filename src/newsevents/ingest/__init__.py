"""Readers: files, folders and stdin to Documents (or Skips with a reason).

Plain text and JSON Lines are read here; the format is taken from `input_format`, else detected from the
content (a first line that is a JSON object means JSON Lines). Bytes are decoded as UTF-8, else as
Windows-1252/Latin-1; binary content is skipped with a reason, never coded as text.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterable, Iterator

from ..errors import InputError
from ..records import Document, Skip

TEXT_SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".json", ".md", ""}
MAX_BYTES = 50 * 1024 * 1024  # a file larger than this is not read at all
MAX_DOCUMENT_CHARS = 2_000_000  # a document longer than this is skipped: no news article is, and parsing it would take minutes


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
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return None, "undecodable bytes"  # pragma: no cover - latin-1 decodes everything


def _parse_date(value) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def document_from_record(record: dict, fallback_id: str) -> Document | Skip:
    """A Document from one JSON Lines object (DESIGN.md: id, text, title, url, date, source, html)."""
    doc_id = str(record.get("id") or fallback_id)
    text = record.get("text")
    if not isinstance(text, str) and isinstance(record.get("html"), str):
        from .html import html_to_text

        text = html_to_text(record["html"])
    if not isinstance(text, str) or not text.strip():
        return Skip(doc_id, "read", "empty: no text")
    known = {"id", "text", "title", "url", "date", "source", "html"}
    rd = _parse_date(record.get("date"))
    return Document(
        id=doc_id, text=text, title=record.get("title") if isinstance(record.get("title"), str) else None,
        url=record.get("url") if isinstance(record.get("url"), str) else None, report_date=rd,
        report_date_source="metadata" if rd else None,
        source_name=record.get("source") if isinstance(record.get("source"), str) else None,
        meta={k: v for k, v in record.items() if k not in known},
    )


def read_jsonl(text: str, name: str) -> Iterator[Document | Skip]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(f"{name}#{number}", "read", f"invalid JSON on line {number}: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Skip(f"{name}#{number}", "read", f"line {number} is not a JSON object")
            continue
        item = document_from_record(record, f"{name}#{number}")
        yield _sized(item) if isinstance(item, Document) else item


def looks_like_jsonl(text: str) -> bool:
    first = text.lstrip()[:1]
    if first != "{":
        return False
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def read_bytes(data: bytes, name: str, input_format: str = "auto") -> Iterator[Document | Skip]:
    text, reason = decode(data)
    if text is None:
        yield Skip(name, "decode", reason or "unreadable")
        return
    fmt = input_format
    if fmt == "auto":
        fmt = "jsonl" if looks_like_jsonl(text) else "text"
    if fmt == "jsonl":
        yield from read_jsonl(text, name)
    elif fmt == "html":
        from .html import html_to_text

        yield _sized(Document(id=name, text=html_to_text(text)))
    else:
        yield _sized(Document(id=name, text=text))


def _sized(doc: Document) -> Document | Skip:
    if len(doc.text) > MAX_DOCUMENT_CHARS:
        return Skip(doc.id, "read", f"too long: {len(doc.text)} characters (limit {MAX_DOCUMENT_CHARS}); split it into articles")
    return doc


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
                yield child
    else:
        yield path


def read_paths(paths: Iterable[str], input_format: str = "auto", stdin: IO[bytes] | None = None) -> Iterator[Document | Skip]:
    """Documents from paths (files, folders, '-' for stdin), in order. A missing path raises InputError."""
    paths = list(paths)
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise InputError(f"{p}: no such file or directory; give a file, a folder or '-' for stdin")
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_bytes(stream.read(MAX_BYTES + 1), "<stdin>", input_format)
            continue
        for f in _files(Path(p)):
            doc_name = str(f)
            try:
                size = f.stat().st_size
                if size > MAX_BYTES:
                    yield Skip(doc_name, "read", f"too large: {size} bytes (limit {MAX_BYTES})")
                    continue
                data = f.read_bytes()
            except OSError as exc:
                yield Skip(doc_name, "read", f"unreadable: {exc.strerror or exc}")
                continue
            yield from read_bytes(data, doc_name, input_format)
