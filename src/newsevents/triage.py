"""Sentence triage: a cheap pass that picks the sentences the parser has to see.

The parse is the cost of coding (about nine tenths of it). An event needs two things in its sentence: an
event pattern that matches (its head word and every word it requires: "end" codes only with what is
ended, "end the curfew" 0813, "end the talks" 164, not "end the season") and a resolved actor on at least
one side. Actors come only from dictionary matches (names, roles, titles), from people the named-entity
recogniser finds, and from words that refer back to those (pronouns, "the alliance", "both men").

Triage tokenises each piece of text (spaCy's tokenizer only), splits it into sentences at sentence-final
punctuation, and notes for every sentence whether some pattern could hold in it (every word the pattern
names occurs in the sentence in some inflection; "doing so" after a stop verb stands for an earlier event)
and which of these it is:

    actor      a dictionary match: a name (exact case, as `actors/kb.py` matches), a role or title phrase
               (last word in any inflection), or a capitalised word one letter from a known name
    reference  a pronoun, a description ("the court") or "both men", and no dictionary match
    names      capitalised words only (a person or place the dictionaries do not know)
    none       nothing of the above

Parsed are: an `actor` or `reference` sentence in which a pattern could hold; a `names` sentence in which
a pattern could hold when one of its names comes back in another sentence (a surname resolved to a person
named in full elsewhere) or a later sentence has a he/she/his/her or "both men" that could point at a
person it names. A sentence in which no pattern can hold is parsed only to introduce somebody: an `actor`
sentence with a name that comes back ("Interior Minister Omar Kelbaran, 54, studied law in Paris." before
"Kelbaran met ..."), or any sentence with a name followed within two sentences by a pronoun that must
find that person rather than an earlier one. Nothing before the document's first `actor` sentence is
parsed: actor codes come only from dictionary matches, so until one has been read there is nobody an
event could name (a document without any is not parsed at all).

Sentences not parsed stay in the document as tokens without tags, lemmas or entities, each a flat tree of
its own (so sentence boundaries hold): the spaCy Doc of each piece keeps its full text and character
offsets, and the pipeline's later stages see the same pieces as without triage, only with nothing to find
in the dropped sentences. Runs of consecutive kept sentences are parsed together, so each kept sentence
keeps its neighbours as context wherever they are kept too.

`Options.triage` switches it (`--no-triage` on the command line). Default on: development F1 is the same
with and without (README, "Accuracy"); on the benchmark corpus about 60% of the words are parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG

from . import nlp as nlp_stage
from .actors.kb import KnowledgeBase
from .actors.resolve import GROUP_DESCRIPTIONS, GROUP_PRONOUNS, HUMAN_PLURALS, PERSON_PRONOUNS, THING_PRONOUNS
from .events.coder import STOP_VERBS
from .events.patterns import PatternSet

KINDS = ("actor", "reference", "names", "none")
ENDS = frozenset(".!?…") | {"...", "?!", "!?", "!!", "??"}
CLOSERS = frozenset("\"'”’)]»")
OPENERS = frozenset("\"'“‘([«")
REFERENCE_WORDS = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS | THING_PRONOUNS
PAIR_WORDS = frozenset(("both", "two"))  # "both men", "the two leaders": plural back-references to people
CALENDAR_WORDS = frozenset(("january february march april may june july august september october november december "
                            "monday tuesday wednesday thursday friday saturday sunday").split())
COPIED = [TAG, POS, MORPH, LEMMA, HEAD, DEP, ENT_IOB, ENT_TYPE]

# Irregular English forms -> lemma (verbs and nouns the pattern and role dictionaries use, and more).
IRREGULAR = {
    "arose": "arise", "arisen": "arise", "ate": "eat", "eaten": "eat", "awoke": "awake", "bore": "bear",
    "borne": "bear", "born": "bear", "beat": "beat", "beaten": "beat", "became": "become", "began": "begin",
    "begun": "begin", "bent": "bend", "bound": "bind", "bit": "bite", "bitten": "bite", "bled": "bleed",
    "blew": "blow", "blown": "blow", "broke": "break", "broken": "break", "bred": "breed", "brought": "bring",
    "built": "build", "burnt": "burn", "burst": "burst", "bought": "buy", "cast": "cast", "caught": "catch",
    "chose": "choose", "chosen": "choose", "clung": "cling", "came": "come", "cost": "cost", "crept": "creep",
    "cut": "cut", "dealt": "deal", "dug": "dig", "did": "do", "done": "do", "does": "do", "drew": "draw",
    "drawn": "draw", "drove": "drive", "driven": "drive", "drank": "drink", "drunk": "drink", "fell": "fall",
    "fallen": "fall", "fed": "feed", "felt": "feel", "fought": "fight", "found": "find", "fled": "flee",
    "flung": "fling", "flew": "fly", "flown": "fly", "forbade": "forbid", "forbidden": "forbid",
    "forgave": "forgive", "forgiven": "forgive", "forgot": "forget", "forgotten": "forget", "froze": "freeze",
    "frozen": "freeze", "got": "get", "gotten": "get", "gave": "give", "given": "give", "went": "go",
    "gone": "go", "goes": "go", "ground": "grind", "grew": "grow", "grown": "grow", "hung": "hang",
    "had": "have", "has": "have", "heard": "hear", "hid": "hide", "hidden": "hide", "hit": "hit",
    "held": "hold", "hurt": "hurt", "kept": "keep", "knelt": "kneel", "knew": "know", "known": "know",
    "laid": "lay", "led": "lead", "leapt": "leap", "left": "leave", "lent": "lend", "let": "let", "lay": "lie",
    "lain": "lie", "lit": "light", "lost": "lose", "made": "make", "meant": "mean", "met": "meet",
    "paid": "pay", "put": "put", "quit": "quit", "read": "read", "rode": "ride", "ridden": "ride",
    "rang": "ring", "rung": "ring", "rose": "rise", "risen": "rise", "ran": "run", "run": "run", "said": "say",
    "saw": "see", "seen": "see", "sought": "seek", "sold": "sell", "sent": "send", "set": "set",
    "shook": "shake", "shaken": "shake", "shed": "shed", "shone": "shine", "shot": "shoot", "showed": "show",
    "shown": "show", "shut": "shut", "sang": "sing", "sung": "sing", "sank": "sink", "sunk": "sink",
    "sat": "sit", "slew": "slay", "slain": "slay", "slept": "sleep", "slid": "slide", "slung": "sling",
    "spoke": "speak", "spoken": "speak", "sped": "speed", "spent": "spend", "spun": "spin", "spat": "spit",
    "split": "split", "spread": "spread", "sprang": "spring", "sprung": "spring", "stood": "stand",
    "stole": "steal", "stolen": "steal", "stuck": "stick", "stung": "sting", "struck": "strike",
    "stricken": "strike", "strove": "strive", "striven": "strive", "swore": "swear", "sworn": "swear",
    "swept": "sweep", "swam": "swim", "swum": "swim", "swung": "swing", "took": "take", "taken": "take",
    "taught": "teach", "tore": "tear", "torn": "tear", "told": "tell", "thought": "think", "threw": "throw",
    "thrown": "throw", "thrust": "thrust", "trod": "tread", "trodden": "tread", "understood": "understand",
    "undertook": "undertake", "undertaken": "undertake", "upheld": "uphold", "upset": "upset", "woke": "wake",
    "woken": "wake", "wore": "wear", "worn": "wear", "wove": "weave", "woven": "weave", "wept": "weep",
    "won": "win", "wound": "wind", "withdrew": "withdraw", "withdrawn": "withdraw", "withheld": "withhold",
    "withstood": "withstand", "wrote": "write", "written": "write", "overthrew": "overthrow",
    "overthrown": "overthrow", "overran": "overrun", "overtook": "overtake", "overtaken": "overtake",
    "undid": "undo", "undone": "undo", "foresaw": "foresee", "foreseen": "foresee", "forsook": "forsake",
    "forsaken": "forsake", "mislead": "mislead", "misled": "mislead", "rebuilt": "rebuild", "retook": "retake",
    "retaken": "retake", "resold": "resell", "sewn": "sew", "shorn": "shear", "smelt": "smell",
    "spelt": "spell", "spilt": "spill", "spoilt": "spoil", "dreamt": "dream", "learnt": "learn",
    "was": "be", "were": "be", "been": "be", "is": "be", "are": "be", "am": "be", "'s": "be", "'re": "be",
    "children": "child", "people": "person", "men": "man", "women": "woman", "media": "medium",
    "criteria": "criterion", "data": "datum", "analyses": "analysis", "crises": "crisis", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "alumni": "alumnus", "personnel": "personnel", "staff": "staff",
    "bases": "base", "theses": "thesis", "hypotheses": "hypothesis",
}


@lru_cache(maxsize=50_000)  # bounded: memory stays flat over any number of new words
def lemma_candidates(word: str) -> frozenset[str]:
    """Every lemma an inflected English word (lower case) could have: a superset, never a miss for
    regular inflection (plurals, -s, -ed, -ing with e-drop, doubling and y/ie changes) and the irregular
    forms above."""
    out = {word}
    if word in IRREGULAR:
        out.add(IRREGULAR[word])
    n = len(word)
    if n > 3 and word.endswith("s"):
        out.add(word[:-1])
        if word.endswith("es"):
            out.add(word[:-2])
        if word.endswith("ies"):
            out.add(word[:-3] + "y")
        if word.endswith("ves"):
            out.update((word[:-3] + "f", word[:-3] + "fe"))
    if n > 3 and word.endswith("men"):
        out.add(word[:-3] + "man")
    if n > 3 and word.endswith("ed"):
        stem = word[:-2]
        out.update((stem, word[:-1]))  # attacked -> attack, agreed/freed -> agree/free; used -> use
        if word.endswith("ied"):
            out.add(word[:-3] + "y")
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])  # stopped -> stop
    if n > 4 and word.endswith("ing"):
        stem = word[:-3]
        out.update((stem, stem + "e"))
        if stem.endswith("y"):
            out.add(stem[:-1] + "ie")  # dying -> die
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.add(stem[:-1])
    return frozenset(out)


@dataclass(frozen=True)
class Sentence:
    start: int  # token span in the piece
    end: int
    kind: str  # actor | reference | names | none
    keep: bool = False
    names: frozenset[str] = frozenset()  # its capitalised words that no dictionary knows
    event: bool = False  # the words of some event pattern all occur in it


def _requirements(patterns: PatternSet) -> tuple[frozenset[str], dict[str, tuple]]:
    """Per head lemma, what else its patterns need in the sentence, as (own words, complement words):
    each a tuple of word sets of which every one must meet the sentence's words. Heads with a pattern
    that needs nothing more are returned apart."""
    bare: set[str] = set()
    needs: dict[str, set] = {}
    for index in (patterns.verbs, patterns.nouns):
        for head, plist in index.items():
            for p in plist:
                own = tuple(t.words for t in p.terms) + tuple(t.prep_object for t in p.terms if t.prep_object)
                comp: tuple = ()
                if p.complement is not None:
                    comp = (p.complement_words,) + tuple(t.words for t in p.complement) + tuple(
                        t.prep_object for t in p.complement if t.prep_object)
                if not own and not comp:
                    bare.add(head)
                else:
                    needs.setdefault(head, set()).add((own, comp))
    return frozenset(bare), {h: tuple(v) for h, v in needs.items() if h not in bare}


class Triage:
    """Sorts sentences by what the actor and event stages could find in them (see the module doc)."""

    def __init__(self, kb: KnowledgeBase, patterns: PatternSet, lexicon: frozenset[str] = frozenset()) -> None:
        self.kb = kb
        self.heads = patterns.head_words()
        self.bare_heads, self.needs = _requirements(patterns)
        self.descriptions = frozenset(GROUP_DESCRIPTIONS)
        self.lexicon = lexicon  # common English words: a capitalised one opening a sentence is no name

    # -- sentences -------------------------------------------------------------------------------------
    @staticmethod
    def split(doc, texts: list[str] | None = None) -> list[tuple[int, int]]:
        """Sentence token spans: a break after sentence-final punctuation (and closing quotes) before a
        word that starts with a capital, a digit or an opening quote, and at line breaks. `texts`: the
        doc's token texts, when the caller has them."""
        if texts is None:
            texts = [t.text for t in doc]
        spaces = [t.whitespace_ == " " for t in doc] if texts else []
        spans: list[tuple[int, int]] = []
        start, n, i = 0, len(texts), 0
        while i < n:
            text = texts[i]
            if text.isspace():
                if "\n" in text:
                    spans.append((start, i + 1))
                    start = i + 1
                i += 1
                continue
            if text in ENDS:
                j = i + 1  # closing quotes follow without a space; a quote after a space opens the next one
                while j < n and (texts[j].isspace() or (texts[j] in CLOSERS and not spaces[j - 1]
                                                        and not texts[j - 1].isspace())):
                    j += 1
                if j >= n:
                    break
                first = texts[j][0]
                if first.isupper() or first.isdigit() or first in OPENERS:
                    spans.append((start, j))
                    start = i = j
                    continue
                i = j
                continue
            i += 1
        if start < n:
            spans.append((start, n))
        return spans

    # -- what a sentence holds --------------------------------------------------------------------------
    def _name_at(self, texts: list[str], i: int, end: int) -> int:
        """Length of the longest dictionary name starting at token i (exact case), or 0."""
        best = 0
        for words, _ in self.kb.names.get(texts[i], ()):
            k = len(words)
            if k > best and i + k <= end and all(texts[i + j] == words[j] for j in range(1, k)):
                best = k
        return best

    def _role_at(self, lows: list[str], i: int, end: int) -> int:
        """Length of the longest role phrase starting at token i (lower case, last word in any inflection)."""
        best = 0
        low = lows[i]
        for key in lemma_candidates(low):
            for words, _ in self.kb.roles.get(key, ()):
                k = len(words)
                if k <= best or i + k > end:
                    continue
                if k == 1:
                    best = 1
                    continue
                if words[0] != low:
                    continue
                if all(lows[i + j] == words[j] for j in range(1, k - 1)):
                    last = lows[i + k - 1]
                    if words[-1] == last or words[-1] in lemma_candidates(last):
                        best = k
        return best

    def _common_word(self, tok) -> bool:
        return tok.is_stop or tok.lower_ in REFERENCE_WORDS or not self.lexicon.isdisjoint(lemma_candidates(tok.lower_))

    def could_code(self, words: set[str]) -> bool:
        """Whether some event pattern could hold in a sentence with these words (every inflection's lemma
        candidates and the lower-case forms): its head and every literal word it requires occur. A
        sentence with "do so" waives complements, which the coder takes from an earlier event."""
        if not self.bare_heads.isdisjoint(words):
            return True
        do_so = "so" in words and "do" in words
        if do_so and not STOP_VERBS.isdisjoint(words):
            return True  # "stopped doing so": the coder recodes the previous event as its cessation
        for head in self.heads.intersection(words):
            for own, comp in self.needs.get(head, ()):
                if all(not w.isdisjoint(words) for w in own) and (
                        do_so or all(not w.isdisjoint(words) for w in comp)):
                    return True
        return False

    def classify(self, doc, start: int, end: int, inner_names: frozenset[str] | set[str] = frozenset(),
                 texts: list[str] | None = None, lows: list[str] | None = None) -> Sentence:
        """What the sentence doc[start:end] holds. `inner_names`: the capitalised words the document has
        inside sentences (so a sentence-initial one is a name, not just a capitalised common word);
        `texts`, `lows`: the doc's words and their lower case, when the caller has them already."""
        if texts is None or lows is None:
            texts = [t.text for t in doc]
            lows = [w.lower() for w in texts]  # what spaCy's `lower_` is, without a string-store lookup each
        actor = reference = False
        names: set[str] = set()
        words: set[str] = set()
        i = start
        while i < end:
            text = texts[i]
            low = lows[i]
            k = self._name_at(texts, i, end) or self._role_at(lows, i, end)
            if k:
                actor = True
                for j in range(i, i + k):
                    words.update(lemma_candidates(lows[j]))
                i += k
                continue
            cands = lemma_candidates(low)
            words.update(cands)
            if text[:1].isupper() and text[:1].isalpha():
                tok = doc[i]
                if self.kb.fuzzy_lookup(tok):
                    actor = True
                elif (i != start or text in inner_names or not self._common_word(tok)) and not (
                        tok.is_stop or low in CALENDAR_WORDS):
                    names.add(text)
            if low in REFERENCE_WORDS or low in HUMAN_PLURALS or not cands.isdisjoint(self.descriptions):
                reference = True
            i += 1
        event = self.could_code(words)
        kind = "actor" if actor else "reference" if reference else "names" if names else "none"
        return Sentence(start, end, kind, keep=kind == "reference" and event, names=frozenset(names), event=event)

    def select(self, docs: Sequence) -> list[list[Sentence]]:
        """The sentences of one document's pieces (tokenised spaCy Docs, in reading order), each with
        `keep` decided:

        - a sentence in which no event pattern can hold is kept only to introduce somebody: when it has a
          name the dictionaries do not know and either it is an `actor` sentence and the name comes back
          in another sentence (a surname resolved to the person introduced here by title), or a
          he/she/his/her or "both men" follows within the next two sentences (the pronoun must find this
          person, not an earlier one);
        - an `actor` sentence in which an event can hold is kept;
        - a `names` sentence in which an event can hold is kept when its names come back elsewhere or a
          later sentence has a back-reference (it may be the person an actor sentence introduced);
        - a `reference` sentence is kept when an event can hold in it;
        - nothing before the document's first `actor` sentence is kept."""
        texts = [[t.text for t in doc] for doc in docs]
        spans = [self.split(doc, tx) for doc, tx in zip(docs, texts)]
        lows = [[w.lower() for w in tx] for tx in texts]
        inner = {tx[i] for tx, sp in zip(texts, spans) for a, b in sp for i in range(a + 1, b) if tx[i][:1].isupper()}
        flat = [(p, self.classify(doc, a, b, inner, texts[p], lows[p]))
                for p, (doc, sp) in enumerate(zip(docs, spans)) for a, b in sp]
        shared: dict[str, int] = {}
        for tx, sp in zip(texts, spans):
            for a, b in sp:
                for w in {tx[i] for i in range(a, b) if tx[i][:1].isupper()}:
                    shared[w] = shared.get(w, 0) + 1
        back = [any(_back_reference(lows[p], i) for i in range(s.start, s.end)) for p, s in flat]
        first_actor = next((n for n, (_, s) in enumerate(flat) if s.kind == "actor"), len(flat))
        kept: list[Sentence] = []
        later_refs = False
        for n in range(len(flat) - 1, -1, -1):
            p, s = flat[n]
            recurring = any(shared.get(w, 0) > 1 for w in s.names)
            if n < first_actor:
                keep = False
            elif not s.event:
                keep = bool(s.names) and ((s.kind == "actor" and recurring) or any(back[n + 1 : n + 3]))
            elif s.kind == "names":
                keep = recurring or later_refs
            else:
                keep = s.kind in ("actor", "reference")
            kept.append(Sentence(s.start, s.end, s.kind, keep=keep, names=s.names, event=s.event))
            later_refs = later_refs or back[n]
        kept.reverse()
        out: list[list[Sentence]] = [[] for _ in docs]
        for (p, _), s in zip(flat, kept):
            out[p].append(s)
        return out


def _back_reference(lows: list[str], i: int) -> bool:
    """A word that may point back at a person named earlier: he/she/his/her, "both men", "the two leaders"."""
    low = lows[i]
    if low in PERSON_PRONOUNS:
        return True
    return low in HUMAN_PLURALS and i > 0 and lows[i - 1] in PAIR_WORDS


def _parse_runs(sents: list[Sentence]) -> list[tuple[int, int]]:
    """Token spans of the runs of consecutive kept sentences."""
    runs: list[tuple[int, int]] = []
    for s in sents:
        if not s.keep:
            continue
        if runs and runs[-1][1] == s.start:
            runs[-1] = (runs[-1][0], s.end)
        else:
            runs.append((s.start, s.end))
    return runs


def _merge(doc, parts: list[tuple[int, object]], sents: list[Sentence]) -> None:
    """Copy the annotations of parsed sub-documents (each with its first token index) into `doc`. Each
    sentence left unparsed becomes a flat tree of its own (every word hangs on its first, labelled `dep`,
    with no tag, lemma or entity), so sentence boundaries stay where they are and the words of a dropped
    sentence never join the parsed sentence before it."""
    values = numpy.zeros((len(doc), len(COPIED)), dtype="uint64")
    values[:, COPIED.index(ENT_IOB)] = 2  # "O": outside any entity
    head, dep = COPIED.index(HEAD), COPIED.index(DEP)
    root, flat = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    for s in sents:
        if s.keep or s.end <= s.start:
            continue
        offsets = numpy.arange(s.start, s.end, dtype="int64")
        values[s.start : s.end, head] = (s.start - offsets).astype("uint64")
        values[s.start : s.end, dep] = flat
        values[s.start, dep] = root
    for start, sub in parts:
        values[start : start + len(sub)] = sub.to_array(COPIED)
    doc.from_array(COPIED, values)


def parse(nlp, triage: Triage, pieces: Iterable[tuple[str, tuple]]) -> Iterator[tuple[object, tuple]]:
    """Like `nlp.pipe(pieces, as_tuples=True)`, parsing only the sentences triage keeps.

    `pieces` are (text, context) in reading order; `context[0]` names the document a piece belongs to
    (all pieces of a document must come together). Yields (spaCy Doc of the whole piece, context) in order.
    """
    tokenized: list[tuple[object, tuple]] = [(nlp_stage.paragraph_starts(nlp.make_doc(text), text), ctx) for text, ctx in pieces]
    jobs: list[tuple[object, tuple[int, int]]] = []  # (doc to parse, (piece number, first token))
    whole: set[int] = set()
    chosen: dict[int, list[Sentence]] = {}
    start = 0
    while start < len(tokenized):
        key = tokenized[start][1][0]
        stop = start
        while stop < len(tokenized) and tokenized[stop][1][0] == key:
            stop += 1
        selected = triage.select([d for d, _ in tokenized[start:stop]])
        for p, sents in zip(range(start, stop), selected):
            chosen[p] = sents
            doc = tokenized[p][0]
            runs = _parse_runs(sents)
            if runs == [(0, len(doc))] or not len(doc):
                whole.add(p)
                jobs.append((doc, (p, 0)))
            else:
                words, spaces = [t.text for t in doc], [bool(t.whitespace_) for t in doc]
                marks = doc.to_array([NORM, SENT_START])
                jobs.extend((nlp_stage.sub_doc(doc, a, b, words, spaces, marks), (p, a)) for a, b in runs)
        start = stop
    parts: dict[int, list] = {}
    for sub, (p, first) in nlp_stage.pipe(nlp, jobs, size=lambda job: nlp_stage.chars(job[0]), as_tuples=True):
        if p not in whole:
            parts.setdefault(p, []).append((first, sub))
    for p, (doc, ctx) in enumerate(tokenized):
        if p not in whole:
            _merge(doc, parts.get(p, []), chosen[p])
        yield doc, ctx


def lexicon(nlp) -> frozenset[str]:
    """Common English words, from the pipeline's own lemmatizer tables (empty if it has none)."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(w for words in index.values() for w in words)


_cache: dict[tuple[int, int, int], Triage] = {}


def triage_for(nlp, kb: KnowledgeBase, patterns: PatternSet) -> Triage:
    """The Triage for this pipeline and these dictionaries, built once per process."""
    key = (id(nlp), id(kb), id(patterns))
    if key not in _cache:
        _cache[key] = Triage(kb, patterns, lexicon(nlp))
    return _cache[key]


def selection_counts(nlp, triage: Triage, texts: Iterable[str]) -> dict[str, int]:
    """Sentences and tokens per kind and kept, over whole texts (each one document) - for the benchmark."""
    counts: dict[str, int] = {}
    for text in texts:
        doc = nlp.make_doc(text)
        for s in triage.select([doc])[0]:
            n = s.end - s.start
            for key in (s.kind, "kept" if s.keep else "dropped", "all"):
                counts[f"sentences.{key}"] = counts.get(f"sentences.{key}", 0) + 1
                counts[f"tokens.{key}"] = counts.get(f"tokens.{key}", 0) + n
    return counts


__all__ = ["KINDS", "Sentence", "Triage", "lemma_candidates", "lexicon", "parse", "selection_counts", "triage_for"]
