"""Reading the tab-separated dictionaries (docs/dictionaries.md): built-in files and users' own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

from .errors import DictionaryError


def data_path(name: str) -> Path:
    """The path of a built-in data file."""
    return Path(str(resources.files("newsevents") / "data" / name))


def read_tsv(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """Rows of a dictionary file as dicts keyed by the header's column names.

    `#` lines and blank lines are skipped; a row may omit trailing empty columns. Each row carries
    `_line` (its line number) and `_file` for error messages and provenance.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary {path}: {exc.strerror or exc}") from None
    with handle:
        header: list[str] | None = None
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(
                        f"{path}: the header lacks column(s) {', '.join(missing)}; see docs/dictionaries.md"
                    )
                continue
            if len(cells) > len(header):
                raise DictionaryError(
                    f"{path}:{number}: {len(cells)} columns but the header names {len(header)}; "
                    "separate columns with one tab"
                )
            row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
            row["_line"] = str(number)
            row["_file"] = path.name
            yield row


def alternatives(cell: str) -> list[str]:
    """The `|`-separated alternatives of a cell, empty ones dropped."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def read_table(path: str | Path, required: tuple[str, ...] = ()) -> Iterator[dict[str, str]]:
    """A user's dictionary: comma-separated when the file name ends in .csv, else tab-separated."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        yield from read_tsv(path, required)
        return
    import csv

    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise DictionaryError(f"cannot read dictionary {path}: {exc.strerror or exc}") from None
    with handle:
        reader = csv.reader(handle)
        header = None
        for cells in reader:
            number = reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in required if c not in header]
                if missing:
                    raise DictionaryError(f"{path}: the header lacks column(s) {', '.join(missing)}; see docs/dictionaries.md")
                continue
            if len(cells) > len(header):
                raise DictionaryError(f"{path}:{number}: {len(cells)} columns but the header names {len(header)}")
            row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
            row["_line"] = str(number)
            row["_file"] = path.name
            yield row
