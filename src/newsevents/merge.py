"""Merge: mentions of one real-world event become one event, inside a document and across documents.

    merge_document(events)  -> events     one document's events, its repeated mentions merged (pipeline)
    cluster(keys)           -> clusters   the same rule over any set of mention keys (the store, per batch)

Each coded event is reduced to a `Key`: its *block* (code family and modality class), a date *interval*
from its date and precision, its two actors (code, country, role, person, organisation), and the place
the sentence states. Two keys are *compatible* when nothing in them disagrees and something agrees:

- code family: the same CAMEO root, an intent code counting as the family it announces (036 "intend to
  meet" with 04 "consult", 033 "intend to give aid" with 07, ...; `INTENT_FAMILY`);
- modality: asserted, reported and planned merge with each other; negated, speculative and hypothetical
  only with their own kind (a denial is not a report of the event);
- date: the intervals overlap. A day is itself, a week its seven days, a month or year all of it; an
  undated mention stands for the week before its report date (the week after, when planned) and needs
  both actors to agree;
- actors, side by side: codes equal or one a prefix of the other ("LBY" and "LBYREB"), countries and
  roles equal where both are known, persons equal or one the other's surname, organisations equal where
  both are known; at least one side must agree positively (same code, person or organisation);
- place, where the sentence states one (`place:parse`, `place:governor`): the same name, or the same
  country when one of them is only a country or region. The dateline fallback is not evidence.

Clustering is complete linkage over a canonical order, so it is deterministic and independent of input
order: keys are grouped into buckets of identical keys; buckets are visited from the most specific
(most known attributes) down, ties broken by the key itself; a bucket joins the cluster whose every
bucket it is compatible with, and when it fits several clusters it stays alone (precision first: "NATO
met the rebels this week" does not choose between Monday's and Wednesday's meetings). A cluster's first
bucket, the most specific, is its *head*: the merged event takes its date and actors, the most specific
code among all members, and an id hashed from the head key (content, not order). `merge_reason` says
which attributes agreed and what each joining mention added or left open.

A bucket's candidates are only buckets whose intervals overlap its own, so the store can recompute the
clusters of a batch's neighbourhood (merge_store.py) and get what a full recomputation would give.
"""

from __future__ import annotations

from bisect import bisect_right
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Hashable, Iterable, Sequence

from .records import Actor, Event, Location, stable_id

MERGER_VERSION = "merge.v1"

# an intent code and the family of the event it announces; 030, 037-039 (intent to cooperate, settle,
# accept or offer mediation) announce nothing one family codes, so they merge only with themselves
INTENT_FAMILY = {"031": "06", "032": "05", "033": "07", "034": "08", "035": "08", "036": "04"}
# codes whose source and target can be told either way round ("A met B", "B held talks with A"): across
# documents, two reports of one meeting match either way round; inside a document they do not (see
# `merge_document`: the two directions of a reciprocal event are two events, as CAMEO codes them)
SYMMETRIC = frozenset({"036", "040", "041", "044", "046"})
# roles outlets use for one side interchangeably ("government forces", "Gadhafi's troops", "the regime")
ROLE_FAMILY = {"GOV": "state", "MIL": "state", "COP": "state", "SPY": "state",
               "REB": "armed-opposition", "INS": "armed-opposition", "SEP": "armed-opposition"}
CLAIMS = frozenset({"asserted", "reported", "planned"})
PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "year": 1}
STATED_PLACE_RULES = ("place:parse", "place:governor")
UNDATED_DAYS = 7  # an undated mention: the week before its report date (after it, when planned)

ActorKey = tuple  # (code, country, role, person, org); person and org casefolded


def family(code: str) -> str:
    """The code family that merges: the root, an intent code counting as the family it announces."""
    return INTENT_FAMILY.get(code[:3], code[:2]) if code.startswith("03") else code[:2]


def modality_class(modality: str) -> str:
    return "claim" if modality in CLAIMS else modality


def interval(d: date | None, precision: str | None, report_date: date | None,
             modality: str) -> tuple[int, int, int] | None:
    """(first day, last day, precision rank) as ordinals; None when neither date nor report date is known."""
    if d is not None:
        p = precision or "day"
        if p == "week":
            return d.toordinal(), d.toordinal() + 6, 3
        if p == "month":
            return date(d.year, d.month, 1).toordinal(), date(d.year, d.month, monthrange(d.year, d.month)[1]).toordinal(), 2
        if p == "year":
            return date(d.year, 1, 1).toordinal(), date(d.year, 12, 31).toordinal(), 1
        return d.toordinal(), d.toordinal(), 4
    if report_date is not None:
        r = report_date.toordinal()
        return (r, r + UNDATED_DAYS, 0) if modality == "planned" else (r - UNDATED_DAYS, r, 0)
    return None


def _norm(text: str | None) -> str | None:
    return " ".join(text.casefold().split()) if text else None


def actor_key(code: str | None, country: str | None, role: str | None, person: str | None,
              org: str | None) -> ActorKey | None:
    if not any((code, country, role, person, org)):
        return None
    return (code or None, country or None, role or None, _norm(person), _norm(org))


@dataclass(frozen=True, order=True)
class Key:
    """What merging looks at in one coded event (hashable, orderable, JSON-able via `as_list`)."""

    block: tuple[str, str]  # (code family, modality class)
    lo: int | None  # date interval, ordinals
    hi: int | None
    rank: int  # date precision rank: 4 day .. 1 year, 0 undated
    source: ActorKey | None
    target: ActorKey | None
    place: tuple[str, str | None, str | None] | None  # (name, country, feature), stated places only
    sym: bool = False  # a symmetric code: the actors may be matched either way round
    # inside a document only: (sentence start, three-digit code) of the mention; two mentions of one sentence
    # with different codes are two events (see `document_key`)
    sent: tuple[int, str] | None = None

    def specificity(self) -> int:
        n = self.rank * 2
        for side in (self.source, self.target):
            if side:
                n += sum(1 for v in side if v) + (1 if side[3] and " " in side[3] else 0)
        return n + (2 if self.place else 0)

    def order(self) -> tuple:
        """Canonical visiting order: most specific first, then by content."""
        return (-self.specificity(), repr(self))

    def as_list(self) -> list:
        return [list(self.block), self.lo, self.hi, self.rank, list(self.source) if self.source else None,
                list(self.target) if self.target else None, list(self.place) if self.place else None, self.sym]

    @classmethod
    def from_list(cls, v: Sequence) -> "Key":
        return cls(tuple(v[0]), v[1], v[2], v[3], tuple(v[4]) if v[4] else None,  # type: ignore[arg-type]
                   tuple(v[5]) if v[5] else None, tuple(v[6]) if v[6] else None, bool(v[7]) if len(v) > 7 else False)


def key_of(code: str, modality: str, d: date | None, precision: str | None, report_date: date | None,
           source: Actor | None, target: Actor | None, location: Location | None) -> Key:
    iv = interval(d, precision, report_date, modality)
    place = None
    if location is not None and (location.rule or "") in STATED_PLACE_RULES:
        place = (_norm(location.name) or "", location.country, location.feature)

    def side(a: Actor | None) -> ActorKey | None:
        return actor_key(a.code, a.country, a.role, a.person, a.org) if a else None

    return Key((family(code), modality_class(modality)), iv[0] if iv else None, iv[1] if iv else None,
               iv[2] if iv else 0, side(source), side(target), place, code[:3] in SYMMETRIC)


def event_key(e: Event) -> Key:
    return key_of(e.code, e.modality, e.date, e.date_precision, e.report_date, e.source, e.target, e.location)


# -- compatibility ---------------------------------------------------------------------------------------
def _same_person(a: str, b: str) -> bool:
    return a == b or a.split()[-1] == b or b.split()[-1] == a


def _side(a: ActorKey | None, b: ActorKey | None) -> str | None:
    """'agree', 'open' (one side unknown or nothing shared), or None when the actors conflict."""
    if a is None or b is None:
        return "open"
    (ca, na, ra, pa, oa), (cb, nb, rb, pb, ob) = a, b
    if ca and cb and not (ca.startswith(cb) or cb.startswith(ca)) and not _kin(a, b):
        return None
    if (na and nb and na != nb) or (oa and ob and oa != ob):
        return None
    if ra and rb and ra != rb and not _kin(a, b):
        return None
    if pa and pb and not _same_person(pa, pb):
        return None
    if (ca and ca == cb) or (pa and pb) or (oa and oa == ob) or _kin(a, b):
        return "agree"
    return "open"


def _kin(a: ActorKey, b: ActorKey) -> bool:
    """The same country and roles of one family (LBYGOV and LBYMIL: the state's side)."""
    return bool(a[1] and a[1] == b[1] and a[2] and b[2] and ROLE_FAMILY.get(a[2], a[2]) == ROLE_FAMILY.get(b[2], b[2]))


def _place(a, b) -> bool:
    if a is None or b is None or a[0] == b[0]:
        return True
    coarse = {"country", "region"}
    return a[1] is not None and a[1] == b[1] and (a[2] in coarse or b[2] in coarse)


def compatible(a: Key, b: Key) -> bool:
    if a.block != b.block:
        return False
    if a.sent is not None and b.sent is not None and a.sent[0] == b.sent[0] and a.sent[1] != b.sent[1]:
        return False  # one sentence, two kinds of act: "kidnapped advisers and exploded bombs"
    if a.lo is None or b.lo is None:
        if not (a.lo is None and b.lo is None):
            return False
    elif a.lo > b.hi or b.lo > a.hi:  # type: ignore[operator]
        return False
    if not _place(a.place, b.place):
        return False
    # an undated mention is only as good as its report date: it needs both sides to agree
    need = 2 if (a.rank == 0 or b.rank == 0) and a.lo is not None else 1
    if _sides(a.source, a.target, b.source, b.target, need):
        return True
    return (a.sym or b.sym) and _sides(a.source, a.target, b.target, b.source, need)


def _sides(s1: ActorKey | None, t1: ActorKey | None, s2: ActorKey | None, t2: ActorKey | None, need: int) -> bool:
    s, t = _side(s1, s2), _side(t1, t2)
    return s is not None and t is not None and (s, t).count("agree") >= need


# -- clustering ------------------------------------------------------------------------------------------
@dataclass
class Cluster:
    head: Key
    buckets: list[Key]
    refs: list[Hashable]  # the members, in bucket order then input-sorted

    @property
    def event_id(self) -> str:
        return stable_id("event", MERGER_VERSION, repr(self.head))


def _tokens(key: Key) -> set[str]:
    """What two compatible keys must share: a country, an organisation's code, or a person's surname."""
    out = set()
    for side in (key.source, key.target):
        if side:
            code, country, _, person, org = side
            if country or code:
                out.add(country or code[:3])  # type: ignore[index]
            if person:
                out.add("p:" + person.split()[-1])
            if org:
                out.add("o:" + org)
    return out


def cluster(items: Iterable[tuple[Hashable, Key]]) -> list[Cluster]:
    """Clusters of (ref, key) pairs: a pure function of the set (any input order gives the same result)."""
    buckets: dict[Key, list[Hashable]] = {}
    for ref, key in items:
        buckets.setdefault(key, []).append(ref)
    order = sorted(buckets, key=Key.order)
    clusters: list[Cluster] = []
    # candidates: clusters in the same block sharing a token, by interval start (bisect on the date range)
    index: dict[tuple, list[tuple[int, int, int, Cluster]]] = {}
    widest: dict[tuple, int] = {}
    undated: dict[tuple, list[Cluster]] = {}
    for n, key in enumerate(order):
        tokens = sorted(_tokens(key))
        seen: set[int] = set()
        cands: list[Cluster] = []
        if key.lo is None:
            pool = [(id(c), c) for c in undated.get(key.block, [])]
        else:
            pool = []
            for tok in tokens:
                entries = index.get((key.block, tok), [])
                span = widest.get((key.block, tok), 0)
                lo_pos = bisect_right(entries, (key.lo - span - 1, 1 << 62))
                hi_pos = bisect_right(entries, (key.hi, 1 << 62))
                pool += [(e[2], e[3]) for e in entries[lo_pos:hi_pos]]
        for cid, c in pool:
            if cid in seen:
                continue
            seen.add(cid)
            if all(compatible(key, b) for b in c.buckets):
                cands.append(c)
        refs = sorted(buckets[key], key=repr)
        if len(cands) == 1:
            c = cands[0]
            c.buckets.append(key)
            c.refs.extend(refs)
            cid = next(i for i, x in pool if x is c)
        else:
            c = Cluster(key, [key], refs)
            clusters.append(c)
            cid = n
        # every bucket of a cluster is indexed, so a later bucket meets the cluster wherever it overlaps
        if key.lo is None:
            if len(c.buckets) == 1:
                undated.setdefault(key.block, []).append(c)
            continue
        for tok in tokens:
            entries = index.setdefault((key.block, tok), [])
            entries.insert(bisect_right(entries, (key.lo, key.hi, cid)), (key.lo, key.hi, cid, c))  # type: ignore[misc]
            widest[(key.block, tok)] = max(widest.get((key.block, tok), 0), key.hi - key.lo)  # type: ignore[operator]
    return clusters


# -- explaining and building merged events ---------------------------------------------------------------
def _day(o: int | None) -> str:
    return date.fromordinal(o).isoformat() if o is not None else "?"


_RANK = {4: "day", 3: "week", 2: "month", 1: "year", 0: "undated"}


def _actor_text(a: ActorKey | None) -> str:
    if a is None:
        return "-"
    return "/".join(str(v) for v in (a[0] or a[1] or "?", a[3], a[4]) if v)


def explain(c: Cluster) -> str:
    """Why these mentions are one event, in one line."""
    h = c.head
    parts = [f"{MERGER_VERSION}: {len(c.buckets)} key(s), family {h.block[0]} ({h.block[1]}), "
             f"{_actor_text(h.source)} -> {_actor_text(h.target)}, {_RANK[h.rank]} {_day(h.lo)}"
             + (f"..{_day(h.hi)}" if h.hi != h.lo else "") + (f", at {h.place[0]}" if h.place else "")]
    for b in c.buckets[1:]:
        notes = []
        if (b.lo, b.hi) != (h.lo, h.hi):
            notes.append(f"{_RANK[b.rank]} {_day(b.lo)}..{_day(b.hi)} contains the date" if b.rank < h.rank
                         else f"date {_RANK[b.rank]} {_day(b.lo)} overlaps")
        for name, x, y in (("source", b.source, h.source), ("target", b.target, h.target)):
            if x != y:
                notes.append(f"{name} {_actor_text(x)} fits {_actor_text(y)}")
        if b.place != h.place:
            notes.append("place " + (b.place[0] if b.place else "unstated"))
        parts.append("; ".join(notes) or "same key")
    return " | ".join(parts)


def code_specificity(code: str, modality: str) -> tuple:
    """Higher is more specific: more digits, not a generic x0 code, a stated event over an intent."""
    return (len(code), not code.endswith("0"), not code.startswith("03"), modality == "asserted")


def document_key(e: Event) -> Key:
    """The key merging uses inside a document: actors matched in their stated order, also for symmetric codes.

    CAMEO codes a reciprocal meeting or negotiation once per direction ("Israel and Lebanon renewed
    negotiations" is ISR->LBN and LBN->ISR; the coder emits both), so inside one document A->B and B->A are
    two events: merging one into the other would drop a direction. Across documents (`event_key`, the
    store) a report of "A met B" and another of "B met A" still match either way round.

    Two mentions of one sentence that code different acts (three-digit codes) are two events: "said it would
    close the border and would expel the diplomats" threatens twice (1381, 1313); "used tear gas to disperse
    demonstrators" (175, 175) still states one.
    """
    m = e.mentions[0] if e.mentions else None
    return replace(event_key(e), sym=False,
                   sent=(m.start, e.code[:3]) if m is not None and len(e.mentions) == 1 else None)


def merge_document(events: list[Event]) -> list[Event]:
    """One document's events with the mentions of one event merged (order of first mention kept)."""
    if len(events) < 2:
        return events
    by_ref = {n: e for n, e in enumerate(events)}
    clusters = cluster((n, document_key(e)) for n, e in by_ref.items())
    out: list[tuple[int, Event]] = []
    for c in clusters:
        members = [by_ref[r] for r in c.refs]  # type: ignore[index]
        first = min(c.refs)  # type: ignore[type-var]
        if len(members) == 1:
            out.append((first, members[0]))  # type: ignore[arg-type]
            continue
        out.append((first, _merged_event(c, members)))  # type: ignore[arg-type]
    return [e for _, e in sorted(out, key=lambda x: x[0])]


def _merged_event(c: Cluster, members: list[Event]) -> Event:
    from .events.taxonomy import lookup

    head = [e for e in members if document_key(e) == c.head]
    base = min(head, key=lambda e: (e.mentions[0].trigger_start, e.event_id))
    coded = max(members, key=lambda e: (code_specificity(e.code, e.modality), -e.mentions[0].trigger_start))
    mentions = tuple(sorted({m for e in members for m in e.mentions}, key=lambda m: (m.trigger_start, m.trigger_end)))
    info = lookup(coded.code)
    source = _fill(base.source, [e.source for e in members])
    target = _fill(base.target, [e.target for e in members])
    location = base.location or next((e.location for e in members if e.location), None)
    reason = "merge:within-document: " + explain(c) + f"; code {coded.code} from '{coded.mentions[0].trigger}'"
    detail = tuple(dict.fromkeys(d for e in members for d in e.rule_detail)) + (reason,)
    return replace(
        base,
        event_id=stable_id(base.doc_id, "merged", *[(m.trigger_start, m.trigger_end) for m in mentions],
                           coded.code, source.code if source else "", target.code if target else ""),
        code=coded.code, root_code=coded.code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
        plover=info.plover_event, source=source, target=target, location=location,
        modality=coded.modality if coded.modality in CLAIMS and base.modality in CLAIMS else base.modality,
        mentions=mentions, rule=coded.rule, rule_detail=detail,
        confidence=max(e.confidence for e in members),
    )


def _fill(base: Actor | None, others: list[Actor | None]) -> Actor | None:
    """The head's actor, with a person or organisation that another mention names and it lacks."""
    if base is None:
        return next((a for a in others if a is not None), None)
    person = base.person or next((a.person for a in others if a and a.person and
                                  (a.code or "").startswith(base.code or "")), None)
    org = base.org or next((a.org for a in others if a and a.org and (a.code or "") == (base.code or "")), None)
    return replace(base, person=person, org=org) if (person, org) != (base.person, base.org) else base


def merge_reason_of(rule_detail: Iterable[str]) -> str | None:
    """The within-document merge reason an event carries in its rule_detail, if it was merged."""
    for d in rule_detail:
        if d.startswith("merge:"):
            return d[len("merge:"):]
    return None


def row_key(row: dict[str, Any]) -> Key:
    """The Key of a stored events row (columns of store.EVENT_COLUMNS)."""
    def actor(side: str) -> Actor | None:
        vals = [row.get(f"{side}_{c}") for c in ("code", "country", "role", "person", "org")]
        if not any(vals):
            return None
        return Actor(text=row.get(f"{side}_text") or "", name=row.get(f"{side}_name"), code=vals[0],
                     country=vals[1], role=vals[2], person=vals[3], org=vals[4])

    loc = None
    if row.get("location_name"):
        loc = Location(name=row["location_name"], country=row.get("location_country"),
                       feature=row.get("location_feature"), rule=row.get("location_rule"))
    return key_of(row["code"], row["modality"], row.get("date"), row.get("date_precision"), row.get("report_date"),
                  actor("source"), actor("target"), loc)
