"""The built-in dictionaries in src/newsevents/data are well formed (docs/dictionaries.md). No model needed."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest

from newsevents.dictionaries import alternatives, read_tsv

DATA = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "data"

# file -> (required columns, id column)
SPEC: dict[str, tuple[tuple[str, ...], str]] = {
    "countries.tsv": (("iso3", "name", "aliases", "adjectives", "people", "capital"), "iso3"),
    "organizations.tsv": (("id", "code", "name", "aliases", "role", "country"), "id"),
    "roles.tsv": (("id", "phrase", "role", "kind"), "id"),
    "persons.tsv": (("id", "name", "aliases", "country", "role", "start", "end"), "id"),
    "cameo.tsv": (("code", "root", "level", "name", "goldstein", "quad_class"), "code"),
    "patterns.tsv": (("id", "code", "pattern", "target"), "id"),
    "places.tsv": (("id", "name", "feature", "lat", "lon"), "id"),
    "country_centroids.tsv": (("iso3", "lat", "lon"), "iso3"),
}

# CAMEO actor role codes (types, sectors, named bodies, religions; the Phoenix-era PTY, PPL, REL, MUS, MAR),
# copied from the codebook's agent-code lists so that the test reads nothing outside the repository.
CAMEO_ROLES = frozenset(
    """
    COP GOV INS JUD MIL OPP REB SEP SPY UAF
    AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF MOD RAD
    AMN IRC GRP UNO PKO UIS
    IGO IMG INT MNC NGM NGO SET
    ADR ALE ATH BAH BUD CHR CON CPT CTH DOX DRZ HIN HSD ITR JAN JEW JHW LDS MOS MRN NRM PAG PRO SFI SHI SHN
    SIK SUN TAO UDX ZRO
    MUS REL PTY PPL MAR
    """.split()
)
ROLE_KINDS = {"title", "group", "person"}
ISO3 = frozenset({c.alpha_3 for c in pycountry.countries} | {"XKX"})
# former countries (ISO 3166-3), which older news names ("the Soviet Union", "Yugoslavia"): accepted, not required
FORMER = frozenset({c.alpha_3 for c in pycountry.historic_countries})


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    required, _ = SPEC[name]
    return tuple(read_tsv(DATA / name, required))


def where(row: dict[str, str]) -> str:
    return f"{row['_file']}:{row['_line']}"


def test_every_data_file_is_known():
    unknown = sorted(p.name for p in DATA.glob("*.tsv") if p.name not in SPEC)
    assert not unknown, f"add {unknown} to SPEC in this test (required columns and id column)"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.tsv")))
def test_file_parses_with_required_columns_and_unique_ids(name):
    if name not in SPEC:
        pytest.skip("not in SPEC (reported by test_every_data_file_is_known)")
    required, id_column = SPEC[name]
    table = rows(name)
    assert table, f"{name} has no rows"
    seen: dict[str, str] = {}
    for row in table:
        key = row[id_column]
        assert key, f"{where(row)}: empty {id_column}"
        assert key not in seen, f"{where(row)}: {id_column} {key!r} already on line {seen[key]}"
        seen[key] = row["_line"]
        for column in required:
            assert row[column] == row[column].strip()


# -- countries ------------------------------------------------------------------------------------------------
def test_countries_cover_iso_3166():
    table = rows("countries.tsv")
    assert len(table) >= 249
    bad = [f"{where(r)}: {r['iso3']}" for r in table if r["iso3"] not in ISO3 | FORMER]
    assert not bad, bad
    assert not ISO3 - {r["iso3"] for r in table}


def test_former_countries_are_iso_3166_3():
    former = {r["iso3"] for r in rows("countries.tsv")} - ISO3
    assert former <= FORMER and {"CSK", "DDR", "SUN", "YUG"} <= former, sorted(former)


def test_country_words_belong_to_one_country():
    owner: dict[str, str] = {}
    clashes = []
    for row in rows("countries.tsv"):
        words = {row["name"], *alternatives(row["aliases"]), *alternatives(row["adjectives"]), *alternatives(row["people"])}
        for word in words:
            if owner.setdefault(word, row["iso3"]) != row["iso3"]:
                clashes.append(f"{word!r}: {owner[word]} and {row['iso3']}")
    assert not clashes, clashes


def test_capitals_belong_to_one_country():
    owner: dict[str, str] = {}
    clashes = []
    for row in rows("countries.tsv"):
        for capital in alternatives(row["capital"]):
            if owner.setdefault(capital, row["iso3"]) != row["iso3"]:
                clashes.append(f"{capital!r}: {owner[capital]} and {row['iso3']}")
    assert not clashes, clashes


# -- organizations --------------------------------------------------------------------------------------------
def test_organizations():
    table = rows("organizations.tsv")
    assert len(table) >= 90
    for row in table:
        assert row["role"] in CAMEO_ROLES, f"{where(row)}: role {row['role']!r}"
        assert row["country"] == "" or row["country"] in ISO3 | FORMER, f"{where(row)}: country {row['country']!r}"
        code = row["code"]
        assert re.fullmatch(r"(?:[A-Z0-9]{3})+", code), f"{where(row)}: code {code!r} is not three-character blocks"


# -- roles ----------------------------------------------------------------------------------------------------
def test_roles():
    table = rows("roles.tsv")
    assert len(table) >= 350
    phrases: dict[str, str] = {}
    for row in table:
        assert row["role"] in CAMEO_ROLES, f"{where(row)}: role {row['role']!r}"
        assert row["kind"] in ROLE_KINDS, f"{where(row)}: kind {row['kind']!r}"
        phrase = row["phrase"]
        assert phrase and phrase == phrase.lower(), f"{where(row)}: phrase {phrase!r} is not lower case"
        assert phrase not in phrases, f"{where(row)}: phrase {phrase!r} already on line {phrases[phrase]}"
        phrases[phrase] = row["_line"]


# -- persons --------------------------------------------------------------------------------------------------
def _day(row: dict[str, str], column: str) -> date | None:
    value = row[column]
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pytest.fail(f"{where(row)}: {column} {value!r} is not an ISO date (YYYY-MM-DD)")


def international_codes() -> set[str]:
    """Actor codes of bodies that belong to no one country (IGO..., IMG...): the role of their office holders."""
    return {r["code"] for r in rows("organizations.tsv") if not r["country"] and r["code"].startswith(("IGO", "IMG"))}


def test_persons_count_and_codes():
    table = rows("persons.tsv")
    assert len(table) >= 250
    igo = international_codes()
    for row in table:
        assert row["name"], f"{where(row)}: empty name"
        if row["country"]:
            assert row["country"] in ISO3 | FORMER, f"{where(row)}: country {row['country']!r}"
            assert row["role"] in CAMEO_ROLES, f"{where(row)}: role {row['role']!r}"
        else:
            assert row["role"] in igo, f"{where(row)}: no country, so role must be an IGO/IMG code from organizations.tsv"


def test_persons_dates():
    today = date.today()
    for row in rows("persons.tsv"):
        start, end = _day(row, "start"), _day(row, "end")
        if start and end:
            assert start <= end, f"{where(row)}: start {start} after end {end}"
        for day in (start, end):
            if day:
                assert date(1900, 1, 1) <= day <= today, f"{where(row)}: date {day} out of range"


def test_persons_no_duplicate_lines():
    seen: dict[tuple[str, ...], str] = {}
    for row in rows("persons.tsv"):
        key = (row["name"], row["country"], row["role"], row["start"])
        assert key not in seen, f"{where(row)}: same person, office and start as line {seen[key]}"
        seen[key] = row["_line"]


def test_person_aliases_do_not_overlap_in_time():
    """A name or alias may stand for two people only if their periods do not overlap (George Bush, 1989-93 and
    2001-09): the report date picks one."""
    by_phrase: dict[str, list[dict[str, str]]] = {}
    for row in rows("persons.tsv"):
        for phrase in {row["name"], *alternatives(row["aliases"])}:
            by_phrase.setdefault(phrase, []).append(row)
    clashes = []
    for phrase, holders in by_phrase.items():
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                if a["name"] == b["name"]:
                    continue
                a0, a1 = _day(a, "start") or date.min, _day(a, "end") or date.max
                b0, b1 = _day(b, "start") or date.min, _day(b, "end") or date.max
                if a0 < b1 and b0 < a1:
                    clashes.append(f"{phrase!r}: {a['name']} ({where(a)}) and {b['name']} ({where(b)})")
    assert not clashes, clashes


def test_person_names_are_not_country_or_organisation_names():
    taken: dict[str, str] = {}
    for row in rows("countries.tsv"):
        for column in ("name", "aliases", "adjectives", "people", "capital"):
            for word in alternatives(row[column]):
                taken[word] = f"country {row['iso3']}"
    for row in rows("organizations.tsv"):
        for word in {row["name"], *alternatives(row["aliases"])}:
            taken[word] = row["id"]
    clashes = []
    for row in rows("persons.tsv"):
        for phrase in {row["name"], *alternatives(row["aliases"])}:
            if phrase in taken:
                clashes.append(f"{where(row)}: {phrase!r} is also {taken[phrase]}")
            assert "\t" not in phrase and phrase == phrase.strip(), f"{where(row)}: {phrase!r}"
    assert not clashes, clashes
