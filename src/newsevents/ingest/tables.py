"""CSV and TSV: one document per row, the text in a named column (`text` unless told otherwise).

The other columns follow the JSON Lines names (`id`, `title`, `url`, `date`, `source`, `html` instead of
text); any other column is kept as document metadata. Column names match case-insensitively. A file
without the text column is one Skip that lists the columns it has, so the user can name the right one.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

from ..records import Document, Skip

DELIMITERS = (",", "\t", ";", "|")

csv.field_size_limit(1 << 30)  # article text is longer than the module's 128 KiB default; size is checked later


def delimiter(text: str, name: str = "") -> str:
    """The delimiter of a CSV/TSV text: a tab for .tsv, else the most frequent candidate in the header."""
    if name.lower().removesuffix(".gz").endswith(".tsv"):
        return "\t"
    header = text.split("\n", 1)[0]
    return max(DELIMITERS, key=header.count)


def header(text: str, name: str = "") -> list[str]:
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    try:
        return next(csv.reader([first], delimiter=delimiter(text, name)))
    except (csv.Error, StopIteration):
        return []


def looks_like_csv(text: str, name: str, text_column: str) -> bool:
    """A header row of two or more fields, one of them the text column (or `html`)."""
    fields = [f.strip().lower() for f in header(text, name)]
    return len(fields) >= 2 and (text_column.lower() in fields or "html" in fields)


def read_csv(text: str | Iterable[str], name: str, text_column: str = "text", sample: str | None = None
             ) -> Iterator[Document | Skip]:
    """Documents from CSV: a whole text, or lines streamed from a file (`sample`: its start, for the
    delimiter)."""
    from . import document_from_record

    lines = io.StringIO(text.lstrip("\ufeff")) if isinstance(text, str) else text
    sample = sample if sample is not None else (text if isinstance(text, str) else "")
    reader = csv.reader(lines, delimiter=delimiter(sample.lstrip("\ufeff"), name))
    try:
        columns = [c.strip() for c in next(reader)]
    except (StopIteration, csv.Error):
        yield Skip(name, "read", "empty: CSV file has no header row")
        return
    lowered = [c.lower() for c in columns]
    if text_column.lower() not in lowered and "html" not in lowered:
        yield Skip(name, "read", f"no text column: CSV has no column {text_column!r} (columns: "
                   f"{', '.join(columns[:20])}); give --text-column NAME")
        return
    keys = ["text" if c.lower() == text_column.lower() else c.lower() if c.lower() in
            ("id", "title", "url", "date", "source", "html") else c for c in columns]
    row_number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_number += 1
            yield Skip(f"{name}#{row_number}", "read", f"invalid CSV: row {row_number}: {exc}")
            return  # the csv module cannot resynchronise after a broken quote
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield Skip(f"{name}#{row_number}", "read",
                       f"invalid CSV: row {row_number} has {len(row)} fields, the header {len(columns)}")
            continue
        record = {k: v for k, v in zip(keys, row) if v != ""}
        yield document_from_record(record, f"{name}#{row_number}")
