"""Scoring coded events against hand-coded gold.

Two gold shapes share one matcher:
- gold files (DESIGN.md): `{"id", "text", "date"?, "events": [{"source", "target", "code"}]}` per line;
  an event matches a prediction of the same document with the same first three letters of the source and
  target actor codes (a null gold actor matches anything; the gold's CAMEO-only country codes such as JAP
  or ITL are read as their ISO 3166-1 codes, which the coder writes) and the same code (`code` level) or
  root (`root` level);
- an article reference (`examples/*.expected.json`): events with lists of acceptable codes, actors as
  country + role (an international body: no country, role IGO), and statements that must not be asserted.

Only predictions that claim an event count as found: `asserted`, `reported` and `planned`; negated,
speculative and hypothetical output is never a match and never a false event.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import InputError
from .records import Event

CLAIMS = frozenset({"asserted", "reported", "planned"})


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    level: str
    overall: Tally = field(default_factory=Tally)
    per_root: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict] = field(default_factory=list)
    false_events: list[dict] = field(default_factory=list)

    def as_dict(self, show_errors: bool = False) -> dict:
        d = {"level": self.level, **self.overall.as_dict(),
             "per_root": {k: v.as_dict() for k, v in sorted(self.per_root.items())}}
        if show_errors:
            d["misses"] = self.misses
            d["false_events"] = self.false_events
        return d


def _code_match(gold: str, pred: str, level: str) -> bool:
    return pred[:2] == gold[:2] if level == "root" else pred == gold


# A country's code in CAMEO-coded gold -> its ISO 3166-1 alpha-3 code, where the two differ for the same
# country: codes of the CAMEO/KEDS tradition, and ISO codes since withdrawn. The coder writes ISO 3166-1
# alpha-3; gold written with these codes is read as the same country (only the gold side is mapped).
CAMEO_TO_ISO = {
    "JAP": "JPN",  # Japan
    "ITL": "ITA",  # Italy
    "VTN": "VNM",  # Viet Nam
    "ROM": "ROU",  # Romania (ISO 3166-1 until 2002)
    "TMP": "TLS",  # East Timor (ISO 3166-1 until 2002)
    "ZAR": "COD",  # Zaire / DR Congo (ISO 3166-1 until 1997)
}


def _actor3(value) -> str | None:
    if not value:
        return None
    return str(value)[:3].upper()


def _gold3(value) -> str | None:
    """The first three letters of a gold actor code, CAMEO country codes read as their ISO equivalent."""
    part = _actor3(value)
    return CAMEO_TO_ISO.get(part, part) if part else part


def pred_triple(e: Event | dict) -> tuple[str | None, str | None, str, str]:
    d = e.to_dict() if isinstance(e, Event) else e
    s = (d.get("source") or {}).get("code")
    t = (d.get("target") or {}).get("code")
    return _actor3(s), _actor3(t), d["code"], d.get("modality", "asserted")


def score_gold(gold_docs: list[dict], predictions: dict[str, list], level: str = "root", sentences: dict | None = None) -> Report:
    """Score predictions (doc id -> events or event dicts) against gold records."""
    report = Report(level)
    for g in gold_docs:
        doc_id = str(g["id"])
        preds = [p for p in (pred_triple(e) for e in predictions.get(doc_id, [])) if p[3] in CLAIMS]
        used: set[int] = set()
        for ge in g.get("events", []):
            gs, gt, gc = _gold3(ge.get("source")), _gold3(ge.get("target")), str(ge["code"])
            root = gc[:2]
            hit = None
            for i, (ps, pt, pc, _) in enumerate(preds):
                if i in used or not _code_match(gc, pc, level):
                    continue
                if gs is not None and ps != gs:
                    continue
                if gt is not None and pt != gt:
                    continue
                hit = i
                break
            if hit is None:
                report.overall.fn += 1
                report.per_root[root].fn += 1
                report.misses.append({"id": doc_id, "gold": ge, "text": g.get("text", "")})
            else:
                used.add(hit)
                report.overall.tp += 1
                report.per_root[root].tp += 1
        for i, (ps, pt, pc, mood) in enumerate(preds):
            if i not in used:
                report.overall.fp += 1
                report.per_root[pc[:2]].fp += 1
                report.false_events.append({"id": doc_id, "predicted": {"source": ps, "target": pt, "code": pc,
                                                                         "modality": mood}, "text": g.get("text", "")})
    return report


def load_gold(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such gold file")
    docs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not a JSON object ({exc.msg}); gold files are JSON Lines") from None
        if not isinstance(rec, dict) or "id" not in rec or "events" not in rec:
            raise InputError(f"{path}:{number}: a gold record needs 'id', 'text' and 'events'")
        docs.append(rec)
    return docs


# -- article references ------------------------------------------------------------------------------
def _actor_ok(gold: dict | None, pred: dict | None) -> bool:
    if gold is None:
        return True
    if pred is None:
        return False
    if gold.get("role") == "IGO" and gold.get("country") is None:
        code = pred.get("code") or ""
        return pred.get("country") is None and (pred.get("role") == "IGO" or code.startswith("IGO"))
    return pred.get("country") == gold.get("country")


def _event_ok(gold: dict, pred: dict, level: str = "root") -> bool:
    codes = gold.get("codes", [])
    if not any(_code_match(c, pred["code"], level) for c in codes):
        return False
    return _actor_ok(gold.get("source"), pred.get("source")) and _actor_ok(gold.get("target"), pred.get("target"))


def score_reference(events: Iterable[Event | dict], reference: dict, level: str = "root") -> dict:
    """Score an article's events against its reference: required events found, and forbidden assertions."""
    preds = [e.to_dict() if isinstance(e, Event) else e for e in events]
    claims = [p for p in preds if p.get("modality") in CLAIMS]
    found, missed = [], []
    for g in reference.get("events", []):
        hit = next((p for p in claims if _event_ok(g, p, level)), None)
        if g.get("required"):
            (found if hit else missed).append(g["id"])
    violations = []
    for bad in reference.get("must_not_assert", []):
        for evidence in bad.get("evidence", []):
            for p in preds:
                if p.get("modality") != "asserted":
                    continue
                m = p["mentions"][0]
                if m["trigger"] and m["trigger"] in evidence and m["sentence"] and evidence[:40] in m["sentence"]:
                    if not any(_event_ok(g, p, level) for g in reference.get("events", [])):
                        violations.append({"evidence": evidence, "code": p["code"], "trigger": m["trigger"]})
    required = [g["id"] for g in reference.get("events", []) if g.get("required")]
    return {"required": len(required), "found": found, "missed": missed, "violations": violations}
