"""Checks of the taxonomy data files: cameo.tsv (the CAMEO codes) and patterns.tsv (the event dictionary).

The formats are fixed by docs/dictionaries.md. These tests read the files as plain text, so they need
neither spaCy nor an installed package.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data"

CAMEO_COLUMNS = [
    "code", "root", "level", "name", "goldstein", "quad_class",
    "plover_event", "plover_mode", "plover_context",
]
PATTERN_COLUMNS = ["id", "code", "pattern", "target", "note"]
PLOVER_EVENTS = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}

LEMMA = r"[a-z][a-z0-9'-]*"
ALTS = rf"{LEMMA}(?:\|{LEMMA})*"
HEAD_RE = re.compile(rf"^(?:n:)?{ALTS}$")
TERM_RES = {
    "~": re.compile(rf"^~{LEMMA}$"),
    "+": re.compile(rf"^\+{ALTS}$"),
    ">": re.compile(rf"^>{ALTS}$"),
    "@": re.compile(rf"^@{LEMMA}(?::{ALTS})?$"),
    "&": re.compile(rf"^&{ALTS}$"),
}
SLOT_RE = re.compile(r"^(?:dobj|iobj|xobj|-|pobj:[a-z]+)$")
ID_RE = re.compile(r"^(\d{2,4})\.[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_tsv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a dictionary file.

    `#` lines are comments; the first other line names the columns.
    """
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if header is None:
            header = fields
            continue
        assert len(fields) == len(header), (
            f"{path.name}:{lineno}: {len(fields)} fields, header has {len(header)}"
        )
        rows.append(dict(zip(header, fields)))
    assert header is not None, f"{path.name}: no header line"
    return header, rows


@pytest.fixture(scope="module")
def cameo() -> list[dict[str, str]]:
    header, rows = read_tsv(DATA / "cameo.tsv")
    assert header == CAMEO_COLUMNS
    return rows


@pytest.fixture(scope="module")
def patterns() -> list[dict[str, str]]:
    header, rows = read_tsv(DATA / "patterns.tsv")
    assert header == PATTERN_COLUMNS
    return rows


# ---------------------------------------------------------------- cameo.tsv

def test_cameo_has_all_312_codes_once(cameo):
    codes = [r["code"] for r in cameo]
    assert len(codes) == 312
    assert len(set(codes)) == 312
    assert all(re.fullmatch(r"\d{2,4}", c) for c in codes)


def test_cameo_roots_and_levels(cameo):
    codes = {r["code"] for r in cameo}
    assert {f"{i:02d}" for i in range(1, 21)} <= codes
    for r in cameo:
        code = r["code"]
        assert r["root"] == code[:2], code
        assert r["level"] == str(len(code) - 2), code
        if len(code) == 4:
            assert code[:3] in codes, f"{code}: parent {code[:3]} missing"
        assert r["name"].strip(), code


def test_cameo_goldstein_and_quad_class(cameo):
    for r in cameo:
        assert -10.0 <= float(r["goldstein"]) <= 10.0, r["code"]
        assert int(r["quad_class"]) in {1, 2, 3, 4}, r["code"]


def test_cameo_quad_class_is_constant_within_a_root(cameo):
    by_root: dict[str, set[str]] = {}
    for r in cameo:
        by_root.setdefault(r["root"], set()).add(r["quad_class"])
    assert all(len(q) == 1 for q in by_root.values()), by_root


def test_cameo_plover_events(cameo):
    for r in cameo:
        event = r["plover_event"]
        assert event == "" or event in PLOVER_EVENTS, (r["code"], event)
        if r["root"] != "01":
            assert event, f"{r['code']}: no PLOVER event"


# ---------------------------------------------------------------- patterns.tsv

def test_pattern_ids_unique_and_well_formed(patterns):
    ids = [r["id"] for r in patterns]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, dupes[:10]
    for r in patterns:
        m = ID_RE.match(r["id"])
        assert m, r["id"]
        assert m.group(1) == r["code"], r["id"]


def test_pattern_codes_exist(patterns, cameo):
    codes = {r["code"] for r in cameo}
    unknown = sorted({r["code"] for r in patterns} - codes)
    assert not unknown, unknown


def test_pattern_syntax(patterns):
    bad = []
    for r in patterns:
        terms = r["pattern"].split()
        if not terms or not HEAD_RE.match(terms[0]):
            bad.append((r["id"], r["pattern"]))
            continue
        nominal = terms[0].startswith("n:")
        for term in terms[1:]:
            kind = term[0]
            if kind not in TERM_RES or not TERM_RES[kind].match(term):
                bad.append((r["id"], term))
            elif nominal and kind in "~+>":
                bad.append((r["id"], f"verb-only term on a nominal head: {term}"))
        for term in terms:
            alts = term.split(":", 1)[-1].lstrip("~+>@&").removeprefix("n:").split("|")
            if len(alts) != len(set(alts)):
                bad.append((r["id"], f"repeated alternative in {term}"))
    assert not bad, bad[:20]


def test_pattern_targets(patterns):
    bad = []
    for r in patterns:
        slots = r["target"].split(",")
        if not r["target"] or not all(SLOT_RE.match(s) for s in slots) or len(slots) != len(set(slots)):
            bad.append((r["id"], r["target"]))
    assert not bad, bad[:20]


def test_patterns_are_not_repeated(patterns):
    dupes = [p for p, n in Counter(r["pattern"] for r in patterns).items() if n > 1]
    assert not dupes, dupes[:10]


def test_pattern_counts(patterns):
    assert len(patterns) >= 2200
    codes = {r["code"] for r in patterns}
    assert len(codes) >= 260
    roots = {c[:2] for c in codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}


def test_reporting_verbs_are_only_statements(patterns):
    """Precision: the plainest reporting verbs never yield anything stronger than 010."""
    for r in patterns:
        if r["pattern"] in {"say", "tell", "add", "state", "report"}:
            assert r["code"] == "010", r["id"]
