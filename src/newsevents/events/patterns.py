"""The event pattern dictionary (docs/dictionaries.md, patterns.tsv): parsing and indexing the
mini-language, and testing a pattern against a head token of the dependency parse."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path

from ..dictionaries import alternatives, data_path, read_tsv
from ..errors import DictionaryError

SLOTS_DEFAULT = ("dobj", "pobj:with", "pobj:against", "pobj:on", "pobj:to")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
COMPLEMENT_DEPS = ("xcomp", "ccomp", "pcomp", "advcl", "acl")


@dataclass(frozen=True)
class Term:
    op: str  # ~ + > @ &
    words: frozenset[str]
    prep_object: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Pattern:
    id: str
    code: str
    noun: bool
    heads: frozenset[str]
    terms: tuple[Term, ...]  # terms for the head
    complement: tuple[Term, ...] | None  # a '>' term's own constraints, or None
    complement_words: frozenset[str]
    targets: tuple[str, ...]
    source_file: str

    @property
    def specificity(self) -> float:
        """More constraints win; a constrained prepositional object (`@for:ceasefire`) beats a bare `@for`."""
        terms = self.terms + (self.complement or ())
        score = len(self.terms) + (1 + len(self.complement or ())) * (self.complement is not None)
        return score + 0.5 * sum(1 for t in terms if t.prep_object)


def parse_pattern(pid: str, code: str, text: str, target: str, where: str) -> Pattern:
    parts = text.split()
    if not parts:
        raise DictionaryError(f"{where}: pattern {pid!r} is empty")
    head = parts[0]
    noun = head.startswith("n:")
    if noun:
        head = head[2:]
    if not head or head[0] in "~+>@&":
        raise DictionaryError(f"{where}: pattern {pid!r} must start with a head lemma, not {parts[0]!r}")
    terms: list[Term] = []
    comp_terms: list[Term] | None = None
    comp_words: frozenset[str] = frozenset()
    for part in parts[1:]:
        op, body = part[0], part[1:]
        if op not in "~+>@&" or not body:
            raise DictionaryError(f"{where}: pattern {pid!r} has a bad term {part!r} (use ~ + > @ &)")
        if op == ">":
            comp_terms = []
            comp_words = frozenset(w.lower() for w in alternatives(body))
            continue
        if op == "@" and ":" in body:
            prep, obj = body.split(":", 1)
            term = Term(op, frozenset(w.lower() for w in alternatives(prep)), frozenset(w.lower() for w in alternatives(obj)))
        else:
            term = Term(op, frozenset(w.lower() for w in alternatives(body)))
        (comp_terms if comp_terms is not None else terms).append(term)
    slots = tuple(s.strip() for s in target.split(",") if s.strip()) or SLOTS_DEFAULT
    for s in slots:
        if s not in ("dobj", "iobj", "xobj", "-") and not s.startswith("pobj:"):
            raise DictionaryError(f"{where}: pattern {pid!r} has an unknown target slot {s!r}")
    return Pattern(
        id=pid, code=code, noun=noun, heads=frozenset(w.lower() for w in alternatives(head)), terms=tuple(terms),
        complement=tuple(comp_terms) if comp_terms is not None else None, complement_words=comp_words,
        targets=slots, source_file=where.split(":")[0],
    )


class PatternSet:
    """Patterns indexed by head lemma, verbs and nouns apart."""

    def __init__(self) -> None:
        self.verbs: dict[str, list[Pattern]] = {}
        self.nouns: dict[str, list[Pattern]] = {}
        self.by_id: dict[str, Pattern] = {}

    def add(self, p: Pattern) -> None:
        old = self.by_id.get(p.id)
        if old is not None:  # a user's entry with an existing id replaces it
            for index in (self.verbs, self.nouns):
                for lst in index.values():
                    if old in lst:
                        lst.remove(old)
        self.by_id[p.id] = p
        index = self.nouns if p.noun else self.verbs
        for h in p.heads:
            lst = index.setdefault(h, [])
            lst.append(p)
            lst.sort(key=lambda q: -q.specificity)  # stable: file order breaks ties

    def load(self, path: Path) -> None:
        seen: set[str] = set()
        for row in read_tsv(path, ("id", "code", "pattern")):
            where = f"{row['_file']}:{row['_line']}"
            if row["id"] in seen:
                raise DictionaryError(f"{where}: pattern id {row['id']!r} is used twice in this file")
            seen.add(row["id"])
            self.add(parse_pattern(row["id"], row["code"], row["pattern"], row.get("target", ""), where))

    def head_words(self) -> frozenset[str]:
        return frozenset(self.verbs) | frozenset(self.nouns)


@lru_cache(maxsize=8)
def pattern_set(extra: tuple[str, ...] = ()) -> PatternSet:
    ps = PatternSet()
    ps.load(data_path("patterns.tsv"))
    for path in extra:
        ps.load(Path(path))
    return ps


# -- matching on the parse --------------------------------------------------------------------------
def _per_head(fn):
    """Remember `fn(tok)` for the tokens of the doc last asked about: the coder tries every pattern of a
    head word at the same token, and each asks for its objects and complements (spaCy builds a new Token
    object on every step through a parse, which made these the coder's largest cost). Callers must not
    change the lists returned."""
    last: list = [None, {}]  # the doc, {token index: result}

    @wraps(fn)
    def cached(tok):
        doc = tok.doc
        if last[0] is not doc:
            last[0], last[1] = doc, {}
        found = last[1].get(tok.i)
        if found is None:
            found = last[1][tok.i] = fn(tok)
        return found

    return cached


def _lemma(t) -> str:
    return t.lemma_.lower()


@_per_head
def objects(tok) -> list:
    """The head's direct objects (a passive's subject counts), with their coordinated conjuncts."""
    out = [c for c in tok.children if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass"]
    if not out and tok.pos_ == "VERB":
        # "allowed candidate Ouattara to participate": the parser may make the object of an object-control
        # verb the subject of its infinitive; it is the head's object
        out = [s for c in tok.children if c.dep_ == "ccomp" and _infinitive(c) for s in c.children if s.dep_ == "nsubj"]
    for o in list(out):
        out.extend(c for c in o.conjuncts if c not in out)
    return out


def preps(tok) -> list:
    return [c for c in tok.children if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP" or c.dep_ == "prep"]


# an adverbial clause with one of these marks says when or on what condition, not what the head is about
ADJUNCT_MARKS = frozenset("after before when whenever while as since until till once because if unless though although".split())


def _infinitive(tok) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


@_per_head
def complements(tok) -> list:
    """Clausal complements: 'offer to mediate', 'stop supplying', 'refused to meet', and an infinitive on
    the object of a verb ('reached a consensus to exchange', 'made a decision to withdraw'). Time and
    condition clauses ('agree ... before they demobilize') are not complements."""
    out = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS and c.pos_ in ("VERB", "AUX")
           and not (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ADJUNCT_MARKS for m in c.children))]
    for p in tok.children:
        if p.dep_ == "prep":
            out.extend(c for c in p.children if c.dep_ == "pcomp" and c.pos_ == "VERB")
    if tok.pos_ in ("VERB", "AUX"):
        for o in tok.children:
            if o.dep_ in ("dobj", "obj"):
                out.extend(c for c in o.children if c.dep_ == "acl" and c.pos_ == "VERB" and _infinitive(c))
    return out


def _modifiers(holder) -> list:
    """Compound and adjective modifiers of a noun, and theirs ('military aid program': aid, military)."""
    out = [c for c in holder.children if c.dep_ in ("compound", "amod", "nmod")]
    out += [g for c in out if c.dep_ == "compound" for g in c.children if g.dep_ in ("compound", "amod", "nmod")]
    return out


def _term_holds(term: Term, tok) -> bool:
    if term.op == "~":
        return any(c.lower_ in term.words and (c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.i > tok.i))
                   for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in term.words and tok.doc[tok.i + 1].pos_ in ("ADP", "ADV", "PART")
        )
    objs = objects(tok)
    # "provide 25,000 tons of food aid", "a shipment of arms": the measured noun is the object
    measured = [c for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                for c in p.children if c.dep_ == "pobj"]
    if term.op == "+":
        titles = [c for o in objs if o.pos_ == "PROPN" for c in o.children
                  if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN"]  # "candidate Alassane Ouattara"
        return any(_lemma(o) in term.words or o.lower_ in term.words for o in objs + measured + titles)
    if term.op == "@":
        for holder in [tok, *objs]:
            for p in holder.children:
                if p.dep_ in ("prep", "agent", "dative") and p.lower_ in term.words:
                    if not term.prep_object:
                        return True
                    if any(c.dep_ == "pobj" and (_lemma(c) in term.prep_object) for c in p.children):
                        return True
        return False
    if term.op == "&":
        for holder in [tok, *objs, *measured]:
            if any(_lemma(c) in term.words or c.lower_ in term.words for c in _modifiers(holder)):
                return True
        # an adverb on a verb head: "sexually abused"
        return any(c.dep_ == "advmod" and c.lower_ in term.words for c in tok.children)
    return False


def match(pattern: Pattern, tok):
    """None, or the complement token (or the head itself) when `pattern` holds at head `tok`."""
    if not all(_term_holds(t, tok) for t in pattern.terms):
        return None
    if pattern.complement is None:
        return tok
    for comp in complements(tok):
        lemma = _lemma(comp)
        if lemma == "do" and any(c.lower_ == "so" for c in comp.children):
            continue  # "doing so" is resolved by the coder against the previous event
        if lemma in pattern.complement_words and all(_term_holds(t, comp) for t in pattern.complement):
            return comp
    return None
