"""The CAMEO taxonomy: codes, names, Goldstein weights, quad classes and PLOVER equivalents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..dictionaries import data_path, read_tsv
from ..errors import DictionaryError


@dataclass(frozen=True)
class Code:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_event: str | None
    plover_mode: str | None
    plover_context: str | None


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, Code]:
    """Every CAMEO code (roots and subcodes) by code, read once per process."""
    codes: dict[str, Code] = {}
    for row in read_tsv(data_path("cameo.tsv"), ("code", "root", "name", "goldstein", "quad_class")):
        try:
            codes[row["code"]] = Code(
                code=row["code"], root=row["root"], name=row["name"], goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]), plover_event=row.get("plover_event") or None,
                plover_mode=row.get("plover_mode") or None, plover_context=row.get("plover_context") or None,
            )
        except ValueError:
            raise DictionaryError(f"cameo.tsv:{row['_line']}: goldstein and quad_class must be numbers") from None
    return codes


def lookup(code: str) -> Code:
    codes = taxonomy()
    if code in codes:
        return codes[code]
    # an unknown subcode falls back to its nearest known parent
    for k in range(len(code) - 1, 1, -1):
        if code[:k] in codes:
            return codes[code[:k]]
    raise DictionaryError(f"unknown CAMEO code {code!r}; see newsevents/data/cameo.tsv")
