"""Where: an event mention's place, read from the parse, else the story's dateline; geocoded offline.

Where the place comes from, in order (the first that names a place the gazetteer knows wins; the Location's
`rule` says which):

1. `place:parse` -- a locative phrase attached to the event inside its own clause: "met in Benghazi",
   "at talks in Geneva", "a Brussels news conference" (a place compound of a noun there), "in the Libyan
   capital" (a country's capital), "in various European cities" (a place adjective on a place noun),
   "visited Kabul" (the object of a verb of travel). Subordinate clauses are not entered.
2. `place:governor` -- the same on the verb that governs a nominal event or a controlled verb ("at a
   Brussels news conference, he characterized the July 13 meeting ..."), and a locative fronted before
   the sentence's subject, which scopes over the whole sentence.
3. `place:dateline` -- the document's dateline place ("BRUSSELS (Reuters) -"), else `place:caption`, the
   place a dated photo caption names ("... in Brussels, July 6, 2011"); but not for an event whose actors
   all belong to other countries than that place's (a Brussels story's "Medvedev held talks with Zuma"
   did not happen in Brussels): precision first, such an event keeps no location.

Ambiguous names are resolved by the countries the story names (`story_countries`), then population
(gazetteer.py). An event with none of these has no location.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from spacy.tokens import Span

from .gazetteer import Gazetteer, Place, gazetteer
from .records import Document, EventMention, Location

LOCATIVE_PREPS = frozenset("in at near outside inside across throughout around within".split())
MOTION_PREPS = frozenset("to into".split())
MOTION_VERBS = frozenset("visit travel arrive fly go return come tour head land".split())
PLACE_NOUNS = frozenset(
    "city cities town towns village villages capital capitals country countries region regions province "
    "provinces state states area areas part parts district districts border borders outskirts suburb "
    "suburbs port ports".split()
)
CAPITAL_NOUNS = frozenset({"capital"})
CLAUSE_DEPS = frozenset("relcl ccomp xcomp advcl acl csubj conj parataxis appos".split())
PLACE_ENTS = frozenset({"GPE", "LOC"})
MAX_DEPTH = 4
_CAPTION_PLACE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][\w'’.\-]+)(?:\s+[A-Z][\w'’.\-]+){0,3})")


@dataclass(frozen=True)
class Context:
    """What a document tells every one of its mentions about places: its countries and a fallback place."""

    story: Counter
    fallback: Location | None


def _span_text(tokens) -> str:
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _entity(tok):
    """The named entity `tok` is in, or None (from the token's tags: `doc.ents` would build every span)."""
    if not tok.ent_type_:
        return None
    doc, lo, hi = tok.doc, tok.i, tok.i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return Span(doc, lo, hi, label=tok.ent_type_)


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text)


def _compound_span(tok) -> str:
    """A proper name with its compound parts ("New York", "Sidi Bouzid")."""
    parts = [tok]
    for c in tok.children:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i:
            parts.append(c)
    return _span_text(parts)


def place_names(tok, g: Gazetteer, depth: int = 0) -> Iterator[tuple[str, Place | None]]:
    """Names a noun phrase gives for a place, nearest first: (text, place when it is not a plain name).

    The noun itself when it is a place name; a place compound of it ("a Brussels news conference"); a
    capital of a country ("the Libyan capital", "Libya's capital"); a place adjective on a place noun
    ("European cities"); then places in the phrase's own prepositions ("talks in Geneva").
    """
    if depth > 2:
        return
    ent = _entity(tok)
    if ent is not None and ent.label_ in PLACE_ENTS:
        yield _strip_the(ent.text), None
    elif tok.pos_ == "PROPN" and (ent is None or ent.label_ not in ("DATE", "TIME")):
        yield _compound_span(tok), None  # the small model often calls a place in a locative a PERSON or ORG
    lower = tok.lemma_.lower()
    for c in tok.subtree:
        if c == tok or c.dep_ not in ("compound", "nmod") or c.i > tok.i:
            continue
        ce = _entity(c)
        if c.pos_ == "PROPN" and ce is not None and ce.label_ in PLACE_ENTS:
            yield _strip_the(ce.text), None
    if lower in PLACE_NOUNS:
        for c in tok.children:
            country = None
            if c.dep_ == "amod" or (c.dep_ == "compound" and c.pos_ != "PROPN"):
                country = g.adjective(c.text)
            elif c.dep_ in ("poss", "compound", "nmod"):
                country = g.resolve(c.text)
                country = country if country and country.feature in ("country", "region") else None
            if country is None:
                continue
            if lower in CAPITAL_NOUNS and country.feature == "country" and country.country:
                cap = g.capital(country.country)
                if cap is not None:
                    yield cap.name, cap
                    continue
            yield country.name, country
    for p in tok.children:
        if p.dep_ == "prep" and (p.lower_ in LOCATIVE_PREPS or (p.lower_ == "of" and lower in PLACE_NOUNS)):
            for obj in p.children:
                if obj.dep_ == "pobj":
                    yield from place_names(obj, g, depth + 1)


def _locatives(head, deep: bool) -> Iterator:
    """Objects of locative prepositions attached to `head` (and, when `deep`, inside its clause)."""
    frontier = [(head, 0)]
    while frontier:
        node, depth = frontier.pop(0)
        for c in node.children:
            if c.dep_ in CLAUSE_DEPS or c.dep_ == "punct":
                continue
            if c.dep_ == "prep" and (c.lower_ in LOCATIVE_PREPS or (c.lower_ in MOTION_PREPS and head.lemma_.lower() in MOTION_VERBS)):
                yield from (o for o in c.children if o.dep_ == "pobj")
            if node is head and c.dep_ == "dobj" and head.lemma_.lower() in MOTION_VERBS:
                yield c
            if deep and depth < MAX_DEPTH:
                frontier.append((c, depth + 1))


def _resolved(objs: Iterable, g: Gazetteer, story: Counter) -> tuple[str, Place] | None:
    for obj in objs:
        for text, place in place_names(obj, g):
            if not text[:1].isupper():
                continue
            place = place or g.resolve(text, story)
            if place is not None:
                return text, place
    return None


def _governors(head) -> Iterator:
    """Words whose locatives also hold for the event: the verb over a nominal event or a controlled verb."""
    t = head
    for _ in range(3):
        if t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "xcomp") and t.head != t:
            t = t.head
        elif t.dep_ == "pobj" and t.head.head != t.head:
            t = t.head.head
        else:
            return
        yield t


def _fronted(sent) -> Iterator:
    """Locatives placed before the main verb's subject: they scope over the whole sentence."""
    root = sent.root
    subjects = [c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    limit = min(subjects) if subjects else root.i
    for c in root.children:
        if c.dep_ == "prep" and c.i < limit and c.lower_ in LOCATIVE_PREPS:
            yield from (o for o in c.children if o.dep_ == "pobj")


def find_place(head, g: Gazetteer, story: Counter) -> tuple[str, Place, str] | None:
    """The place of the event whose head token is `head`, from the parse: (text, place, rule) or None."""
    found = _resolved(_locatives(head, deep=False), g, story) or _resolved(_locatives(head, deep=True), g, story)
    if found is None and head.pos_ in ("NOUN", "PROPN"):
        found = _resolved((c for c in head.children if c.dep_ in ("compound", "nmod")), g, story)
        found = found if found and found[1].feature != "region" else None
    if found:
        return found[0], found[1], "place:parse"
    for gov in _governors(head):
        found = _resolved(_locatives(gov, deep=False), g, story)
        if found:
            return found[0], found[1], "place:governor"
    found = _resolved(_fronted(head.sent), g, story)
    if found:
        return found[0], found[1], "place:governor"
    return None


def location(place: Place, rule: str) -> Location:
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon, feature=place.feature, rule=rule)


def _unambiguous_country(name: str, g: Gazetteer) -> str | None:
    """The country a place name points to without any context: a country's own name, or a name all of
    whose places lie in one country ("Benghazi"; not "Tripoli", which would vote for itself)."""
    found = g.candidates(name)
    for place, primary in found:
        if place.feature == "country" and primary:
            return place.country
    countries = {p.country for p, _ in found}
    return countries.pop() if len(countries) == 1 else None


def story_countries(parsed: Iterable, g: Gazetteer | None = None) -> Counter:
    """The countries a story is about, counted from its words: nationality adjectives ("Lebanese") and
    place names that are not ambiguous themselves ("Benghazi", "Libya"; not "Tripoli", which would vote
    for itself). Actors are not counted: their countries may come from the very names to be resolved."""
    g = g or gazetteer()
    counts: Counter = Counter()
    for _, _, sdoc in parsed:
        for ent in sdoc.ents:
            if ent.label_ in PLACE_ENTS:
                country = _unambiguous_country(_strip_the(ent.text), g)
                if country:
                    counts[country] += 1
        for tok in sdoc:
            if tok.pos_ in ("ADJ", "PROPN") and tok.text[:1].isupper():
                place = g.adjective(tok.text)
                if place is not None and place.country:
                    counts[place.country] += 1
    return counts


def document_place(doc: Document, story: Counter, g: Gazetteer | None = None) -> Location | None:
    """The story's own place: its dateline place, else the place its dated photo caption names."""
    g = g or gazetteer()
    if doc.dateline_place:
        place = g.resolve(doc.dateline_place, story)
        if place is not None:
            return location(place, "place:dateline")
    for seg in doc.segments:
        if seg.kind != "caption":
            continue
        for m in reversed(list(_CAPTION_PLACE.finditer(doc.text[seg.start : seg.end]))):
            place = g.resolve(m.group(1), story)
            if place is not None:
                return location(place, "place:caption")
    return None


def context(doc: Document, parsed: list) -> Context:
    """The document's countries and fallback place, computed once for all its mentions."""
    g = gazetteer()
    story = story_countries(parsed, g)
    return Context(story=story, fallback=document_place(doc, story, g))


def _fits(m: EventMention, loc: Location) -> bool:
    """The document's place can stand for the event's: some actor has no country (an international body,
    an unresolved side) or belongs to the place's country, or the place is no country's (a region)."""
    countries = [a.country for a in (m.source, m.target) if a is not None]
    return loc.country is None or not countries or None in countries or loc.country in countries


def place_mention(m: EventMention, sdoc, ctx: Context) -> EventMention:
    """The event mention with its location (from the parse, else the document's place) and the rule used."""
    if m.location is not None:
        return m
    g = gazetteer()
    found = find_place(sdoc[m.head_index], g, ctx.story) if m.head_index >= 0 else None
    if found is not None:
        text, place, rule = found
        loc = location(place, rule)
        detail = f"{rule}:{text}->{place.id}"
    elif ctx.fallback is not None and _fits(m, ctx.fallback):
        loc = ctx.fallback
        detail = f"{loc.rule}:{loc.name}"
    else:
        return m
    m = replace(m, location=loc, rule_detail=m.rule_detail + (detail,))
    return _local_victims(m) if found is not None else m


VIOLENT_ROOTS = ("18", "19", "20")


def _local_victims(m: EventMention) -> EventMention:
    """Unnamed civilians hurt by violence ("killed 23 people in Tel Aviv") are civilians of the country it
    happens in, stated in the sentence itself, rather than of the country the story is mostly about (the
    resolver's fallback for people no word places)."""
    t = m.target
    loc = m.location
    if not (m.code[:2] in VIOLENT_ROOTS and t is not None and t.role == "CVL" and "country:story" in t.rules
            and loc is not None and loc.country and loc.country != t.country):
        return m
    rules = tuple(r for r in t.rules if r != "country:story") + ("country:event-place",)
    target = replace(t, country=loc.country, code=loc.country + "CVL", rules=rules)
    return replace(m, target=target, rule_detail=m.rule_detail + ("target:country:event-place",))
