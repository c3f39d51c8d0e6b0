"""The event coder (`cameo.v1`): patterns on the dependency parse to CAMEO event mentions.

For each sentence: every verb and noun whose lemma heads a pattern is tried against the patterns for it,
most specific first; the source comes from the subject (the agent of a passive, the subject of the
governing verb for control and coordination, the antecedent of a relative clause, the possessor or an
actor compound of a nominal event; the subject of an agentless passive only when it acts: "were engaged
in", forces "withdrawn"), the target from the pattern's slots, then from what the event is about (the
subject of its complement, the event it was refined from, a threat's condition, the nearest actor in its
complements, a place last). Coordinated sources or targets give one event each; coordinated sources
whose only target is one of themselves act on each other. An event needs a resolved actor on at least
one side.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor, EventMention, Mention
from . import modality as mod
from .patterns import Pattern, PatternSet, complements, match, objects
from .recode import (AIM_FAMILIES, MEANS_CODES, aim_class, appeal_code, aim_code, aim_of_inner, demand_code, intent_code, means_code,
                     refine, refusal_code)
from .taxonomy import lookup

VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
NEGATIVE_CODES = ("12", "11", "13", "16", "011", "016")  # refusals, rejections, denials: "refused to" is the event
DEONTIC = frozenset("must should ought".split())
# "needs to", "has to", "have to" oblige as "must" does (present tense only: "had to flee" says it happened)
DEONTIC_VERBS = frozenset("need have".split())
ASKING_ROOTS = ("02", "10")  # appeals and demands: what they ask for has not happened
APPEAL_MODALS = frozenset({"need"})
PLACE_TIME_RELATIVES = frozenset("where when whereby".split())
# "stopped supplying arms": stopping an event is its own CAMEO event (reduce relations, de-escalate)
STOP_VERBS = frozenset("stop halt cease suspend end discontinue quit freeze".split())
STOP_CODES = {
    "07": "162", "070": "162", "071": "1621", "072": "1622", "073": "1623", "074": "1661", "04": "164",
    "040": "164", "043": "164", "044": "164", "046": "164", "045": "165", "05": "161", "06": "160",
    "18": "087", "19": "087", "20": "087",
}


# measures a government announces ahead of taking them: "announced it would suspend aid to Serbia" codes the
# suspension (planned); only a warning or a condition makes a future measure a threat (13)
ANNOUNCED_ROOTS = ("16",)  # (the codebook codes an announced curfew extension, 17x, as a threat: 1323)
ANNOUNCING_VERBS = frozenset("announce declare decide".split())


CONDITIONAL_AUX = frozenset("will would may might could shall 'll 'd".split())


def _conditional_future(head) -> bool:
    """'may halt ... if ...', 'would strike ... unless ...': a future or possible act on a stated condition."""
    return any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX for c in head.children) and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        for c in head.children)


def _announced(head) -> bool:
    """The event is a future measure its actor announces (no condition, not a warning)."""
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
           for c in head.children):
        return False  # "would suspend aid unless the junta holds elections": a threat
    for a in mod._ancestors(mod._first_conjunct(head)):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in a.children):
            return False
        if a.pos_ == "VERB" and a.lemma_.lower() in mod.SPEECH_VERBS | ANNOUNCING_VERBS:
            return a.lemma_.lower() in ANNOUNCING_VERBS
    return False


def _stop_code(code: str) -> str | None:
    return STOP_CODES.get(code[:3]) or STOP_CODES.get(code[:2])


@dataclass
class _Found:
    head: object
    comp: object
    pattern: Pattern
    used: frozenset[int]  # tokens this match consumed (complement, object nouns)
    inner: "_Found | None" = None  # the event a generic appeal, demand or refusal was refined from


DOCUMENT_NOUNS = frozenset(
    "declaration statement letter petition resolution communique communiqué message memorandum manifesto".split()
)


def _under_object(tok) -> bool:
    """Whether `tok` hangs (through clauses) on the object of another verb ('prevented the demonstration staged
    by students to protest ...'): an event described as what another acts on."""
    t = tok
    while t.head != t:
        t = t.head
        if t.dep_ in ("dobj", "obj") and t.pos_ in ("NOUN", "PROPN"):
            return True
    return False


def _second_subject(n) -> bool:
    """'Palestinian youths resorted to ..., officials said': a misparse makes the sentence's subject a second
    subject of the attribution verb and its own verb a participle on it; the verb is the subject's."""
    return n.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i != n.i and abs(c.i - n.head.i) < abs(n.i - n.head.i)
                                     for c in n.head.children)


def _subject_tokens(h):
    """Source tokens of a verb: subject, passive agent, or inherited through control/coordination."""
    subj = [c for c in h.children if c.dep_ in ("nsubj", "csubj")]
    if len(subj) > 1:
        # "Palestinian youths resorted to ..., officials said": a misparse hangs two subjects on one verb;
        # the one nearest the verb is its own
        subj = [min(subj, key=lambda c: abs(c.i - h.i))]
    agent = [pc for p in h.children if p.dep_ == "agent" for pc in p.children if pc.dep_ == "pobj"]
    if agent:
        subj = agent
    t = h
    hops = 0
    while not subj and hops < 4:
        hops += 1
        if t.dep_ in ("conj", "advcl", "relcl", "acl") and any(c.dep_ == "nsubjpass" for c in t.children):
            break  # "until their demands are met", "Kosovo, where 24 were killed": the agent is not said
        if t.dep_ == "acl" and t.tag_ == "VBN" and not any(c.dep_ in ("dobj", "obj") for x in (t, *t.conjuncts)
                                                           for c in x.children) and not _second_subject(t.head):
            break  # "refugees killed in the raid": the noun a past participle describes is its object
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and t.head != t:
            active_conj = t.dep_ == "conj" and t.pos_ == "VERB" and not any(c.dep_ == "auxpass" for c in t.children) \
                and (t.tag_ != "VBN" or any(c.dep_ == "aux" for c in t.children))
            t = t.head if t.dep_ != "pcomp" else t.head.head
            subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
            if not subj and active_conj:
                # "the prime minister has been indicted by the court and will resign": the passive's subject
                # is the joined active verb's subject, not its agent
                subj = [c for c in t.children if c.dep_ == "nsubjpass"]
            if not subj:
                ag = [pc for p in t.children if p.dep_ == "agent" for pc in p.children if pc.dep_ == "pobj"]
                subj = ag
        elif t.dep_ in ("relcl", "acl"):
            if t.dep_ == "relcl" and any(c.dep_ == "advmod" and c.lower_ in PLACE_TIME_RELATIVES for c in t.children):
                break  # "in Kosovo, where ...", "the day when ...": the antecedent is a place or time, not an actor
            subj = [t.head]
            if t.head.lemma_.lower() in DOCUMENT_NOUNS and t.head.dep_ in ("dobj", "obj"):
                # "issued a declaration demanding ...": a document says what its issuer says
                t = t.head.head
                subj = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        else:
            break
    out = []
    for s in subj:
        out.append(s)
        out.extend(s.conjuncts)
    return out


COMPLEMENT_WALK = frozenset("dobj pobj prep dative xcomp ccomp advcl poss compound amod nmod".split())
# "according to a senator" says who reports, "despite tensions with Pakistan" the background: neither names
# whom an event is aimed at
ATTRIBUTION_PREPS = frozenset("according despite amid".split())
# material violence with no perpetrator named: unidentified armed forces of the country it happens in
UNIDENTIFIED_ROOTS = frozenset({"18", "19"})
REFLEXIVES = frozenset("itself themselves himself herself themself ourselves".split())
JOIN_VERBS = frozenset("join accompany".split())
LOCATIVE_PREPS = frozenset("in at near inside across throughout around".split())
OPTIMISTIC = frozenset("confident optimistic hopeful upbeat sure certain encouraged positive".split())
PESSIMISTIC = frozenset("skeptical sceptical pessimistic doubtful gloomy worried concerned uncertain dubious".split())


def _tone(speech):
    """'said he was confident that ...' is an optimistic comment (013), 'skeptical' a pessimistic one (012)."""
    for c in speech.children:
        if c.dep_ != "ccomp":
            continue
        for a in c.children:
            if a.dep_ == "acomp" and a.lemma_.lower() in OPTIMISTIC:
                return "013", a.lemma_.lower()
            if a.dep_ == "acomp" and a.lemma_.lower() in PESSIMISTIC:
                return "012", a.lemma_.lower()
    return None


EMBEDDED_DEPS = frozenset("advcl acl relcl pcomp amod npadvmod csubj".split())


def _embedded(head, noun: bool) -> bool:
    """Whether an event is stated in a subordinate clause or as a noun (not the sentence's main claim)."""
    return noun or head.dep_ in EMBEDDED_DEPS


def _background(head) -> bool:
    """An event in a relative clause that describes one of the sentence's nouns by what it does or has done
    ("Sharon, who has vowed not to return the Golan", "whom they had taken hostage", "whom authorities blame",
    "Hamas, which advocates ..."): background to the report, not an event it reports. A relative clause in the
    simple past ("guerrillas who overran it late last month") or an infinitival one ("forces to be deployed")
    still reports an event. So is a present participle on the object of another event."""
    v = head
    while v.dep_ == "conj" and v.head != v:
        v = v.head
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.dep_ in ("dobj", "obj", "pobj") \
            and v.head.lemma_.lower() not in DOCUMENT_NOUNS | mod.SPEECH_NOUNS:  # "a statement demanding": its content
        # "dispersed demonstrators protesting election results", "apologized for its gunboats intercepting a
        # ship": a present participle says what the noun another event acts on was doing
        return True
    t = head
    while t.head != t:
        if t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX"):
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"had", "'d", "has", "have", "'s", "'ve"} and t.tag_ == "VBN":
                if not aux & {"had", "'d"} and t.head.dep_ in ("nsubj", "nsubjpass") and \
                        any(c.dep_ == "punct" and c.i < t.i for c in t.head.children):
                    # "Medvedev, who has offered to mediate, held talks": a present perfect aside on the
                    # sentence's subject reports recent news about it
                    t = t.head
                    continue
                return True  # perfect: what the actor had done or has done before
            if t.tag_ in ("VBZ", "VBP") and not aux:
                return True  # simple present: what the actor is or habitually does
        t = t.head
    return False


TOPIC_PREPS = frozenset("on about over regarding concerning".split())
TOPIC_HOLDERS = frozenset(
    "negotiation talk discussion dialogue consultation meeting conference summit debate agreement deal accord "
    "plan proposal negotiate discuss debate".split()
)


def _topic(n) -> bool:
    """A nominal event that is the topic of talks, an agreement or a plan ('negotiations on a pullback')."""
    p = n.head
    if n.dep_ != "pobj" or p.lower_ not in TOPIC_PREPS:
        return False
    g = p.head  # "negotiations on a pullback"; "renewed negotiations today on a pullback" hangs it on the verb
    return g.lemma_.lower() in TOPIC_HOLDERS or g.pos_ == "VERB" and any(
        o.dep_ in ("dobj", "obj") and o.lemma_.lower() in TOPIC_HOLDERS for o in g.children)


def _noun_source_tokens(n):
    out = [c for c in n.children if c.dep_ == "poss"]
    for c in n.children:
        if c.dep_ in ("compound", "nmod"):
            out += [c] if c.pos_ == "PROPN" else [g for g in c.children if g.dep_ in ("compound", "nmod") and g.pos_ == "PROPN"]
    out += [pc for p in n.children if p.dep_ == "prep" and p.lower_ == "by" for pc in p.children if pc.dep_ == "pobj"]
    return out


def _pobj(holders, prep: str):
    for h in holders:
        for p in h.children:
            if p.dep_ not in ("prep", "dative", "agent") or p.lower_ in ATTRIBUTION_PREPS:
                continue
            # a two-word preposition hangs its second word on the first: "shipped out of", "away from"
            bare = not any(c.dep_ == "pobj" for c in p.children)
            inner = [q for q in p.children if bare and q.dep_ == "prep" and q.lower_ == prep]
            for q in ([p] if p.lower_ == prep else []) + inner:
                for c in q.children:
                    if c.dep_ == "pobj":
                        yield c
                        yield from c.conjuncts
                if bare and q is p and not inner:
                    stranded = _stranded_object(p)
                    if stranded is not None:
                        yield stranded


MODIFIER_PREPS = ("to", "of", "for", "in", "with", "against", "on", "by")


def _prep_objects(tok, preps):
    """(preposition, object) of each of tok's prepositional phrases headed by one of `preps`."""
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for c in p.children:
                if c.dep_ == "pobj":
                    yield p, c


def _stranded_object(p):
    """'granted asylum to five officers holed up in ...': the parser may make the noun after a preposition
    the subject of the participle that follows it, leaving the preposition with no object."""
    doc = p.doc
    for j in range(p.i + 1, min(p.i + 7, len(doc))):
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN"):
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.i > t.i and t.head.tag_ in ("VBD", "VBN", "VBG"):
                return t
            if t.dep_ not in ("compound", "nmod"):
                return None
        elif t.pos_ not in ("DET", "NUM", "ADJ", "PROPN", "NOUN"):
            return None
    return None


# A generic appeal, demand, intent, threat or refusal takes its subcode from what it is about; a
# three-digit one ("reject +plan" 127) only moves to a four-digit code ("a proposal for a ceasefire" 1246).
REFINE_ROOT = {"02": "020", "10": "100", "12": "120", "13": "130", "03": "030"}
# where an event's content is stated: complements, objects and their complements, prepositional phrases
CONTENT_DEPS = frozenset("dobj obj attr xcomp ccomp advcl acl prep pobj pcomp dative oprd".split())
# a generic appeal, demand, intent or rejection whose object is a reform aim: "called for democracy" 0244
AIM_OF_GENERIC = {"020": "024", "100": "104", "120": "123", "030": "034", "080": "083"}
TEMPORAL_MARKS = frozenset("after before when while as since until once".split())
NOT_ATTACKS = frozenset("crash accident collision".split())
DISASTERS = frozenset("flood earthquake storm cyclone hurricane typhoon landslide avalanche fire blaze stampede disease "
                      "epidemic outbreak drown derail sink capsize".split())


def _refinable(code: str) -> bool:
    return code[:2] in REFINE_ROOT and (code == REFINE_ROOT[code[:2]] or (len(code) == 3 and code[:2] in ("02", "10", "12")))


# codes whose coordinated sources act with each other: intent to cooperate, meet or negotiate; sign an
# agreement; cooperate materially. Not yet consultations (04): "The United States and Turkey discussed Syria"
# would be both directions, which the cross-document merge keeps apart from a one-way report of the same
# talks (merge.py keeps a document's A->B and B->A as two events), splitting the story's cluster.
MUTUAL_CODES = ("030", "031", "032", "036", "057", "06")


def _refined(code: str, inner: str) -> str | None:
    generic = REFINE_ROOT[code[:2]]
    new = refine(generic, inner)
    if new is None or not new.startswith(code[:2]) or new == code:
        return None
    if code != generic and len(new) <= len(code):
        return None
    return new


def _with_code(f: "_Found", code: str, why: str) -> "_Found":
    p = f.pattern
    return _Found(f.head, f.comp, Pattern(
        id=f"{p.id}#{why}", code=code, noun=p.noun, heads=p.heads, terms=p.terms, complement=p.complement,
        complement_words=p.complement_words, targets=p.targets, source_file=p.source_file), f.used, f.inner)


def _infinitival(tok) -> bool:
    """'a rally to protest ...', 'a call for its forces to be deployed': an infinitive on a noun says its content."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _content(head, skip_object: bool = False, depth: int = 5):
    """Tokens that state what an event is about, nearest first: its complement clauses, its object and what
    hangs on it, its prepositional phrases (not its subject, relative clauses or time clauses)."""
    frontier = [(c, 1) for c in head.children if c.dep_ in CONTENT_DEPS]
    seen = {head.i}
    while frontier:
        tok, d = frontier.pop(0)
        if tok.i in seen:
            continue
        seen.add(tok.i)
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in tok.children):
            continue
        if tok.lemma_.lower() in mod.RUMOUR_NOUNS or tok.lower_ in mod.REPORT_NOUNS:
            continue  # "dismissed the possibility of Gadhafi stepping down": a rumour, not a request
        if not (skip_object and d == 1 and tok.dep_ in ("dobj", "obj")):
            yield tok
        if d < depth:
            nxt = [c for c in tok.children if c.dep_ in CONTENT_DEPS or (c.dep_ == "relcl" and _infinitival(c))]
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("xcomp", "ccomp", "advcl"):
                nxt += list(tok.conjuncts)  # "urged Iran to stop and withdraw"
            frontier.extend((c, d + 1) for c in nxt)


def _unique(actors: list[Actor]) -> list[Actor]:
    """Actors in order, each once (a joined phrase reaches the same actor by several paths)."""
    seen: set[tuple] = set()
    out = []
    for a in actors:
        key = (a.code, a.text, a.person)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _that_clause(v) -> bool:
    """'its demand that the government grant ...': a clause that says what a noun says, not a relative."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in v.children)


# a passive with no agent whose subject is the actor: "were engaged in", "were involved in"
STATIVE_PASSIVES = frozenset("engage involve".split())
# forces withdrawn, pulled out or demobilised: their own side withdraws them (087x, 166x)
OWN_FORCE_CODES = ("087", "166")
OWN_FORCE_VERBS = frozenset("withdraw pull ship demobilize demobilise redeploy".split())


def _up_to_object(v) -> list:
    """'kidnapped up to 16 Russian advisers': the parser may take "up" for a particle and the counted noun
    for the object of "to"; that noun is the verb's object."""
    out = []
    for prt in v.children:
        if prt.dep_ == "prt" and prt.lower_ == "up":
            for p in [*prt.children, *v.children]:
                if p.dep_ == "prep" and p.lower_ == "to" and p.i == prt.i + 1:
                    out += [c for c in p.children if c.dep_ == "pobj" and any(n.dep_ == "nummod" for n in c.children)]
    return out


_NO_PATTERN = Pattern(id="-", code="010", noun=False, heads=frozenset(), terms=(), complement=None,
                      complement_words=frozenset(), targets=("-",), source_file="-")


class SentenceCoder:
    def __init__(self, patterns: PatternSet, actor_of, doc_id: str, offset: int, segment: int, also_of=None) -> None:
        self.patterns = patterns
        self.actor_of = actor_of  # token -> Actor | None
        self.also_of = also_of or (lambda t: [])  # token -> further coordinated actors of its phrase
        self.doc_id = doc_id
        self.offset = offset
        self.segment = segment
        self.previous: _Found | None = None  # the last material event, for "doing so"
        self.refused: set[int] = set()  # heads of events inside a clause an actor refused (not done)
        self.asked: set[int] = set()  # heads of events only asked or demanded, that no appeal code says

    # -- actors --------------------------------------------------------------------------------------
    def _actor(self, tok) -> Actor | None:
        if tok.tag_ == "PRP" and tok.lower_ in REFLEXIVES:
            return None  # "killed 23 people as well as themselves": the source again, never another side
        a = self.actor_of(tok)
        if a is not None and a.code:
            return a
        return None

    def _coordinated(self, tok) -> list[Actor]:
        """The actor of `tok` and those coordinated with it ("the United States and Britain", "Sierra
        Leonean and Liberian refugees"): a joined target gives one event each, as a joined source does."""
        out: list[Actor] = []
        for t in [tok, *tok.conjuncts]:
            a = self._actor(t)
            if a is not None:
                out.append(a)
                out.extend(x for x in self.also_of(t) if x.code)
        return _unique(out)

    def _deep_actors(self, tok, depth: int = 2) -> list[Actor]:
        """An object that is not an actor itself may name one in its modifiers ('a solution to the crisis',
        'scores of Liberian refugees', 'part of an aid program for Bosnia') or its agent ('the
        demonstration staged by students')."""
        a = self._actor(tok)
        if a is not None:
            return _unique([a, *(x for x in self.also_of(tok) if x.code)])
        for p, c in _prep_objects(tok, MODIFIER_PREPS):
            found = self._coordinated(c)
            if not found and depth > 1 and p.lower_ == "of":
                found = self._deep_actors(c, depth - 1)
            if found:
                return found
        # a participle on the object names who does what the event acts on: "prevented the rally
        # organised by the opposition"
        for v in tok.children:
            if v.dep_ == "acl" and v.tag_ == "VBN":
                for ag in v.children:
                    if ag.dep_ == "agent":
                        for c in ag.children:
                            if c.dep_ == "pobj":
                                found = self._coordinated(c)
                                if found:
                                    return found
        return []

    def _targets(self, f: _Found) -> list[Actor]:
        """The event's targets (see `_slot_targets`); a slot that only finds the source itself ("Israel
        threatened to ban voting in East Jerusalem if Hamas ...") gives way to the other ways of finding one."""
        found = self._slot_targets(f)
        sources = self._sources(f)
        if found and len(sources) == 1 and all(a.code == sources[0].code and a.person == sources[0].person
                                               for a in found):
            return self._slot_targets(f, skip_slots=True) or found
        return found

    def _slot_targets(self, f: _Found, skip_slots: bool = False) -> list[Actor]:
        """The target: the pattern's slots in order; an event noun's own modifiers ("rejected a U.S.
        request", "North Korea's demand"); else the subject of a clausal complement ("demanded that
        Hamas renounce"), the target of the event a generic one was refined from ("refused to commit any
        assistance to the U.S.-led war"), the subject of a threat's condition ("threatened to walk out if
        Israel ..."), the nearest actor in the event's complements. Joined actors give one target each."""
        h, comp, p = f.head, f.comp, f.pattern
        holders = [h] + ([comp] if comp != h else [])
        subject_acts = self._passive_subject_acts(f)
        for slot in () if skip_slots else p.targets:
            found: list[Actor] = []
            if slot == "-":
                return []
            if slot == "dobj":
                for o in objects(comp if comp != h else h) or _up_to_object(comp if comp != h else h):
                    if o.dep_ == "nsubjpass" and (p.noun or subject_acts):
                        continue
                    found.extend(self._deep_actors(o))
            elif slot == "xobj":
                for o in objects(comp):
                    found.extend(self._deep_actors(o))
            elif slot == "iobj":
                for c in h.children:
                    if c.dep_ in ("dative", "iobj"):
                        a = self._actor(c) or next((self._actor(x) for x in c.children if x.dep_ == "pobj"), None)
                        if a is not None:
                            found.append(a)
            elif slot.startswith("pobj:"):
                prep = slot.split(":", 1)[1]
                extra = [o for hh in holders for o in objects(hh) if o.dep_ != "nsubjpass"]
                if p.noun and prep != "of":  # "a suspension of air links with Serbia": the measured noun's phrases
                    extra += [c for q in h.children if q.dep_ == "prep" and q.lower_ == "of"
                              for c in q.children if c.dep_ == "pobj"]
                if prep != "of":  # "suspended part of an aid program for Bosnia": the measured noun's phrases
                    extra += [c for o in extra for q in o.children if q.dep_ == "prep" and q.lower_ == "of"
                              for c in q.children if c.dep_ == "pobj"]
                for o in _pobj(holders + extra, prep):
                    found.extend(self._deep_actors(o))
            if found:
                return _unique(found)
        # objects the pattern itself named ("+request") may carry their owner: "a U.S. request"; a thing
        # the story only gives a country ("launched artillery fire") is what is used, not whom it is used on
        for hh in holders:
            for o in objects(hh):
                if o.i in f.used:
                    a = self._actor(o)
                    if a is not None and "country:story" not in a.rules:
                        return [a]
                    # "rejected North Korea's demand": whoever made the demand
                    found = [x for t in _noun_source_tokens(o) for x in self._coordinated(t)]
                    if found:
                        return found
        if "-" in p.targets or p.noun:
            return []
        # "demanded that Hamas renounce ...", "urged Iran to stop": the complement's subject; "insisted
        # on its demand that the government grant ...": the subject of what a named demand says
        sources = {a.code for a in self._sources(f)}
        for c in [*h.children, *(x for pp in h.children if pp.dep_ == "prep" for pc in pp.children
                                 if pc.dep_ == "pobj" for x in pc.children)]:
            # (the pattern's own complement clause counts when it has a subject: "demanding that the
            # government provide information")
            if c.dep_ in ("ccomp", "xcomp") and (c.i != comp.i or c.dep_ == "ccomp") \
                    or c.dep_ == "acl" and _that_clause(c):
                subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                found = [a for x in subj for a in self._coordinated(x) if a.code not in sources]
                if found:
                    return found
        if len(sources) >= 2 and p.code.startswith(MUTUAL_CODES):
            # "Hungarian and Romanian officials agreed to cooperate to encourage Romanian refugees ...":
            # actors who agree, meet or cooperate together do it with each other (see `_emit`), not with
            # whoever their purpose names
            return []
        if f.inner is not None:
            found = [a for a in self._targets(f.inner) if a.code not in sources]
            if found:
                return found
        if p.code[:2] == "13":
            # "threatened to halt the talks if the United States deploys ...": the threat is aimed at
            # whoever the condition is about
            for hh in holders:
                for c in hh.children:
                    if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
                        found = [a for x in subj for a in self._coordinated(x) if a.code not in sources]
                        if found:
                            return found
        # "threatened to impose restrictions against German goods", "struck to protest against
        # Sweden's decision": the nearest actor inside the event's own complements
        return self._nearest_in_complements(h, f.used)

    def _nearest_in_complements(self, h, used: frozenset[int] = frozenset()) -> list[Actor]:
        """The nearest actor in the event's complements that is not its source. A possessive pronoun of the
        source's country ("to show their disapproval") is the source again; a place the event happens in
        ("blocked streets in Hong Kong in defiance of Chinese authorities") and a time clause ("as battles
        raged in Baghdad") only stand in when nothing else does, the time clause only with its places."""
        own = self._sources(_Found(h, h, _NO_PATTERN, frozenset()))
        sources = {a.code for a in own}
        countries = {a.country for a in own if a.country}
        frontier = [(c, 1, False) for c in h.children
                    if c.dep_ in COMPLEMENT_WALK and c.lower_ not in ATTRIBUTION_PREPS]
        place: list[Actor] = []
        while frontier:
            tok, depth, when = frontier.pop(0)
            # "as street battles raged between ...": a time clause says when, not whom (though where)
            when = when or tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS
                                                      for c in tok.children)
            if tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in JOIN_VERBS:
                continue  # "joining thousands of demonstrators in demanding ...": whom an actor joins acts with it
            a = self._actor(tok)
            if (a is not None and a.code not in sources and not (tok.i in used and "country:story" in a.rules)
                    and not (tok.pos_ == "PRON" and tok.dep_ == "poss" and a.country in countries)):
                found = [x for x in self._coordinated(tok) if x.code not in sources]
                is_place = a.role is None and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS
                if not is_place and not when:
                    return found
                if is_place:
                    place = place or found
            if tok.pos_ in ("NOUN", "PROPN"):  # "artillery and rocket fire against ...": a joined noun is as near
                frontier.extend((c, depth, when) for c in tok.children if c.dep_ == "conj")
            if depth < 4:
                frontier.extend((c, depth + 1, when) for c in tok.children if c.dep_ in COMPLEMENT_WALK
                                and c.lower_ not in ATTRIBUTION_PREPS)
        return place

    def _places_only(self, sent, actors: list[Actor]) -> bool:
        """Whether every actor was found as a place an event happens in ('at a jail in Dili')."""
        doc = sent.doc
        for a in actors:
            span = doc.char_span(a.start - self.offset, a.end - self.offset) if a.start >= 0 else None
            if span is None:
                return False
            r = span.root
            if not (a.role is None and r.dep_ == "pobj" and r.head.lower_ in LOCATIVE_PREPS):
                return False
        return True

    def _unidentified_attackers(self, head, targets: list[Actor]) -> list[Actor]:
        """The source of an attack stated without its agent: the nationality of the attack it happened in
        ('killed in an American air strike'), else, as CAMEO codes attacks nobody is named for, unidentified
        armed forces (UAF) of the country it happens in ('killed in a car bomb explosion in eastern Beirut');
        nobody for accidents and disasters ('killed in Kenya when a bus crashed')."""
        target_tokens = {t for c in head.children if c.dep_ in ("nsubjpass", "dobj", "obj") for t in c.subtree}
        # ("a car bomb exploded in Baghdad, killing ten policemen": the clause a participle continues)
        holders = [head, head.head] if head.dep_ == "advcl" and head.tag_ == "VBG" else [head]
        where = LOCATIVE_PREPS | {"near"}
        frontier = [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in where]
        frontier += [c for n in head.children if n.dep_ in ("nsubj", "nsubjpass") and n.i not in target_tokens
                     for c in n.children if c.dep_ == "prep" and c.lower_ in where]
        if any(t.lemma_.lower() in NOT_ATTACKS | DISASTERS
               for h in holders for t in h.subtree if t.i not in target_tokens):
            return []  # "ten people were killed in Kenya when a bus crashed": nobody attacked
        while frontier:
            p = frontier.pop(0)
            for o in p.children:
                if o.dep_ != "pobj" or o.i in target_tokens:
                    continue
                a = self._actor(o)
                if a is not None and "country-modifier" in a.rules and o.lemma_.lower() in self.patterns.nouns:
                    return [a]  # "killed in an American air strike": whose strike it was
                if a is not None and a.country and any(r.startswith(("country:", "capital:", "city:", "place:"))
                                                      for r in a.rules):
                    if any(t.country == a.country and t.role in (None, "UAF") and t.text == a.text for t in targets):
                        continue
                    return [Actor(text="", name=None, code=a.country + "UAF", country=a.country, role="UAF",
                                  rules=("implicit:unidentified-attackers", *a.rules))]
                frontier += [c for c in o.children if c.dep_ == "prep" and c.lower_ in where | {"of"}]
        return []

    def _grievance(self, head, sources: list[Actor]) -> list[Actor]:
        """The first actor named in what a protest is about (its purpose clause, its object and their
        phrases, nearest first) that is not its source, its source's own country through a pronoun, or a
        place it happens in."""
        codes = {a.code for a in sources}
        countries = {a.country for a in sources if a.country}
        for tok in _content(head, depth=8):
            if tok.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ"):
                continue
            for cand in [tok, *(c for c in tok.children if c.dep_ in ("poss", "amod", "compound"))]:
                if cand.pos_ == "PRON" and cand.dep_ == "poss":
                    continue
                a = self._actor(cand)
                if a is None or a.code in codes or a.country in countries or "country:story" in a.rules:
                    continue
                if a.role is None and cand.dep_ == "pobj" and cand.head.lower_ in LOCATIVE_PREPS:
                    continue
                if cand.dep_ in ("dobj", "obj") and cand.head.lemma_.lower() in JOIN_VERBS:
                    continue
                return [x for x in self._coordinated(cand) if x.code not in codes] or [a]
        return []

    def _passive_subject_acts(self, f: _Found) -> bool:
        """'were engaged in ethnic cleansing', 'guerrillas have been demobilized', 'peacekeepers were
        shipped out': a passive with no agent whose subject does the event (a stative participle, or a
        force withdrawn or demobilised, which is its own side's act)."""
        h = f.head
        if f.pattern.noun or f.comp != h or not any(c.dep_ == "nsubjpass" for c in h.children):
            return False
        if any(c.dep_ == "agent" for c in h.children):
            return False
        lemma = h.lemma_.lower()
        return lemma in STATIVE_PASSIVES or (f.pattern.code.startswith(OWN_FORCE_CODES) and lemma in OWN_FORCE_VERBS)

    def _sources(self, f: _Found) -> list[Actor]:
        if f.pattern.noun:
            toks = _noun_source_tokens(f.head)
            h = f.head
            if not toks and h.dep_ in ("dobj", "obj") and h.head.pos_ == "VERB" and \
                    h.head.lemma_.lower() in mod.SPEECH_VERBS:
                # "Italy announced a suspension of air links": who announces the measure takes it
                toks = _subject_tokens(h.head)
            if not toks:
                # "Palestinian riots", "Israeli air raids": the event noun's nationality adjective names who
                # does it ("anti-Israeli riots" name whom they are against)
                a = self._actor(h)
                if a is not None and "country-modifier" in a.rules and not any(
                        c.dep_ == "amod" and c.lower_.startswith(("anti", "pro-")) for c in h.children):
                    return [a]
        elif self._passive_subject_acts(f):
            toks = [x for c in f.head.children if c.dep_ == "nsubjpass" for x in (c, *c.conjuncts)]
        else:
            toks = _subject_tokens(f.head)
        out = []
        for t in toks:
            a = self._actor(t)
            if a is not None:
                out.append(a)
                out.extend(x for x in self.also_of(t) if x.code)
            elif t.pos_ == "NOUN" and t.lemma_.lower() not in self.patterns.nouns and \
                    (t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "conj" and t.head.dep_ in ("nsubj", "nsubjpass")):
                # "members of the association", "a first patch of Bangladeshi troops", "units of the army":
                # a subject that only counts or parts out the actor named in its of-phrase
                out.extend(self._of_actors(t))
        return out

    def _of_actors(self, tok, depth: int = 2) -> list[Actor]:
        for _, c in _prep_objects(tok, ("of",)):
            found = self._coordinated(c)
            if not found and depth > 1 and c.pos_ == "NOUN":
                found = self._of_actors(c, depth - 1)
            if found:
                return found
        return []

    # -- matching ------------------------------------------------------------------------------------
    def _try(self, tok, candidates: list[Pattern]) -> _Found | None:
        for p in candidates:
            comp = match(p, tok)
            by_reference = False
            if comp is None and p.complement is not None and self.previous is not None:
                comp = self._do_so(p, tok)
                by_reference = comp is not None
            if comp is not None:
                used = {comp.i} if comp != tok and not by_reference else set()
                for term in p.terms + (p.complement or ()):
                    if term.op == "+":
                        holder = comp if term in (p.complement or ()) else tok
                        used.update(o.i for o in objects(holder) if o.lemma_.lower() in term.words)
                return _Found(tok, comp, p, frozenset(used))
        return None

    def _do_so(self, p: Pattern, tok):
        """'stopped doing so': the complement 'do so' stands for the previous event's verb."""
        prev = self.previous
        for comp in complements(tok):
            if comp.lemma_.lower() == "do" and any(c.lower_ == "so" for c in comp.children):
                prev_head = prev.comp if prev.comp != prev.head else prev.head
                if prev_head.lemma_.lower() in p.complement_words:
                    from .patterns import _term_holds

                    if all(_term_holds(t, prev_head) for t in p.complement):
                        return prev_head
        return None

    def code(self, sent) -> list[EventMention]:
        found: list[_Found] = []
        verbs, nouns = self.patterns.verbs, self.patterns.nouns
        for tok in sent:
            pos = tok.pos_
            if pos in ("VERB", "AUX"):
                lemma = tok.lemma_.lower()
                if lemma not in verbs:
                    continue
                f = self._try(tok, verbs[lemma])
            elif pos in ("NOUN", "PROPN"):
                lemma = tok.lemma_.lower()
                if lemma not in nouns:
                    continue
                f = self._try(tok, nouns[lemma])
            else:
                continue
            if f is not None:
                found.append(f)
                if f.pattern.code[:2] not in VERBAL_ROOTS:
                    self.previous = f
        found = self._stops(sent, found)
        found = self._refine_generic(found)
        found = self._refine_content(found)
        used = set().union(*(f.used for f in found)) if found else set()
        found = [f for f in found if f.head.i not in used]
        # a nominal event that only modifies another ("an arrest warrant") is part of it
        heads = {f.head.i for f in found}
        found = [f for f in found if not (f.pattern.noun and f.head.dep_ == "compound" and f.head.head.i in heads)]
        elaborations = self._elaborations(found)
        purposes = self._purposes(found)
        mentions: list[EventMention] = []
        for f in found:
            mentions.extend(self._emit(sent, f))
        mentions = self._fold(mentions, elaborations)
        mentions = self._drop_purposes(mentions, purposes)
        # A bare statement (010) is dropped when the sentence codes what was said.
        said = [m for m in mentions if m.code == "010"]
        if said and len(said) < len(mentions):
            mentions = [m for m in mentions if m.code != "010"]
        return mentions

    @staticmethod
    def _elaborations(found: list[_Found]) -> dict[int, int]:
        """'was attacked by militiamen, killing at least 156 people', 'rioted, setting fire to mattresses and
        smashing furniture': a participle clause with no subject of its own that continues an event of the
        same root says how that event went on, not another event. {participle head: main event head}."""
        by_head = {}
        for f in found:
            by_head.setdefault(f.head.i, f)
            by_head.setdefault(f.comp.i, f)
        out = {}
        for f in found:
            t = f.head
            while t.dep_ == "conj" and t.head != t:
                t = t.head
            main = by_head.get(t.head.i) if t.dep_ == "advcl" and t.tag_ == "VBG" and t.head != t else None
            if main is not None and main is not f and main.pattern.code[:2] == f.pattern.code[:2] and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in f.head.children):
                out[f.head.i] = main.head.i
        return out

    @staticmethod
    def _purposes(found: list[_Found]) -> dict[int, int]:
        """'is willing to send material to help defend Saudi Arabia': an infinitival purpose clause on a coded
        event says what that event is for. {purpose event head: main event head}."""
        by_head = {}
        for f in found:
            by_head.setdefault(f.head.i, f)
            by_head.setdefault(f.comp.i, f)
        out = {}
        for f in found:
            t = f.head
            while t.dep_ in ("xcomp", "conj") and t.head != t:
                t = t.head
            if t.dep_ == "advcl" and _infinitival(t) and t.head != t:
                main = by_head.get(t.head.i)
                if main is not None and main is not f and f.head.i not in (main.head.i, main.comp.i):
                    out[f.head.i] = main.head.i
        return out

    @staticmethod
    def _drop_purposes(mentions: list[EventMention], purposes: dict[int, int]) -> list[EventMention]:
        """A purpose clause's event between the same actors as the act it is the purpose of is that act's aim,
        not another event ("sent material to help defend Saudi Arabia" is the aid)."""
        out = []
        for m in mentions:
            main_head = purposes.get(m.head_index)
            code = lambda a: a.code if a is not None else None  # noqa: E731
            if main_head is not None and any(
                    x.head_index == main_head and code(x.source) == code(m.source)
                    and (m.target is None or code(x.target) == code(m.target)) for x in mentions):
                continue
            out.append(m)
        return out

    @staticmethod
    def _fold(mentions: list[EventMention], elaborations: dict[int, int]) -> list[EventMention]:
        """Fold each participle's mentions into its main event's: the main event keeps its own target, or takes
        the participle's when it has none or only a bare country the participle's names a role of ("attacked
        a Congolese village, killing 20 Congolese civilians")."""
        from dataclasses import replace

        out = list(mentions)
        for m in mentions:
            main_head = elaborations.get(m.head_index)
            if main_head is None:
                continue
            mains = [x for x in out if x.head_index == main_head and
                     (x.source and x.source.code) == (m.source and m.source.code)]
            if not mains:
                continue
            out.remove(m)
            for x in mains:
                t, e = x.target, m.target
                if e is None or any(r.startswith("implicit:") for r in e.rules):
                    continue
                if t is None or (t.role is None and e.role and t.country == e.country
                                 and not any(y.target == e for y in out)):
                    out[out.index(x)] = replace(x, target=e, rule_detail=x.rule_detail + (
                        f"target:from-participle:{m.rule}", *(f"target:{r}" for r in e.rules)))
        return out

    def _refine_generic(self, found: list[_Found]) -> list[_Found]:
        """'called on Israel to move forward', 'demanded that Hamas renounce': a generic appeal, demand,
        offer, threat or refusal takes its subcode from the coded event in its complement clause, and that
        event (asked for, not done) is not coded on its own."""
        by_head = {f.head.i: f for f in found}
        drop: set[int] = set()
        out = []
        for f in found:
            code = f.pattern.code
            if code == "010" and not f.pattern.noun:
                tone = _tone(f.head)
                if tone is not None:
                    p = f.pattern
                    out.append(_Found(f.head, f.comp, Pattern(
                        id=f"{p.id}#tone:{tone[1]}", code=tone[0], noun=False, heads=p.heads, terms=p.terms,
                        complement=p.complement, complement_words=p.complement_words, targets=p.targets,
                        source_file=p.source_file), f.used))
                    continue
            if f.pattern.noun or not _refinable(code):
                out.append(f)
                continue
            inner, new = None, None
            for cand in self._content_events(f.head, by_head):
                new = _refined(code, cand.pattern.code)
                if new is not None:
                    inner = cand
                    break
            if inner is None or new is None:
                if code[:2] in ASKING_ROOTS:
                    self.asked.update(self._asked_for(f.head, by_head))
                out.append(f)
                continue
            p = f.pattern
            refined = Pattern(id=f"{p.id}#{inner.pattern.id}", code=new, noun=False, heads=p.heads, terms=p.terms,
                              complement=p.complement, complement_words=p.complement_words, targets=p.targets,
                              source_file=p.source_file)
            out.append(_Found(f.head, f.comp, refined, f.used | {inner.head.i}, inner))
            drop.add(inner.head.i)
            if code[:2] in ASKING_ROOTS + ("12",):
                # "refused to allow UN planes to land and evacuate observers": the other events of the clause
                # refused or asked for have not happened either
                rest = self._in_clause(f.head, by_head) - {inner.head.i}
                (self.refused if code[:2] == "12" else self.asked).update(rest)
        return [f for f in out if f.head.i not in drop]

    @staticmethod
    def _in_clause(head, by_head) -> set[int]:
        """Events anywhere inside the complement clauses of `head`."""
        out = set()
        for c in head.children:
            if (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and _infinitival(c)) and c.pos_ in ("VERB", "AUX"):
                out.update(x.i for x in c.subtree if x.i in by_head and x.i != head.i)
        return out

    @staticmethod
    def _asked_for(head, by_head) -> set[int]:
        """Events in the clause an appeal or demand asks for ('called on Arabs to unite and mobilize')."""
        out = set()
        for c in head.children:
            if (c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and _infinitival(c)) and c.pos_ in ("VERB", "AUX"):
                out.update(x.i for x in (c, *c.conjuncts) if x.i in by_head and x.i != head.i)
        # "demanded an admission by Moscow that its forces murdered ...": what the asked-for statement says
        for o in objects(head):
            for c in o.children:
                if c.dep_ in ("acl", "ccomp") and _that_clause(c):
                    out.update(x.i for x in c.subtree if x.i in by_head)
        return out

    def _content_events(self, head, by_head):
        """Coded events in what `head` is about, nearest first ('rejected a call for a ceasefire')."""
        for tok in _content(head):
            f = by_head.get(tok.i)
            if f is not None and f.head.i != head.i:
                yield f

    def _refine_content(self, found: list[_Found]) -> list[_Found]:
        """A protest, demand or reform event takes its aim ('rallies ... saying he must resign' 1411, 'a
        hunger strike for greater freedom' 1423); an attack takes its means ('killed in a car bomb explosion'
        1832, 'aircraft killed' 195)."""
        by_head = {f.head.i: f for f in found}
        out = []
        for f in found:
            code = f.pattern.code
            family = AIM_OF_GENERIC.get(code, code)
            if family in AIM_FAMILIES and "#" not in f.pattern.id:
                # (an event refined from the event it asks for already says what it is about)
                aim = self._aim(f.head, by_head, skip_object=code in ("143", "144"))
                if aim is not None:
                    f = _with_code(f, aim_code(family, aim[0]) or code, f"aim:{aim[1]}")
            elif code in MEANS_CODES and not f.pattern.noun:
                means = self._means(f.head)
                if means is not None:
                    f = _with_code(f, means[0], f"means:{means[1]}")
            out.append(f)
        return out

    def _aim(self, head, by_head, skip_object: bool = False):
        """(aim digit, the word or event that names it), or None."""
        for tok in _content(head, skip_object=skip_object, depth=5):
            inner = by_head.get(tok.i)
            if inner is not None and inner.head.i != head.i:
                digit = aim_of_inner(inner.pattern.code)
                if digit is not None:
                    return digit, inner.pattern.id
            if tok.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"):
                # the modifier first: "democratic reforms" change institutions, bare "reforms" a policy
                for word in [c for c in tok.children if c.dep_ in ("amod", "compound")] + [tok]:
                    digit = aim_class(word.lemma_.lower())
                    if digit is not None:
                        return digit, word.lemma_.lower()
        return None

    def _means(self, head):
        """(weapon code, the word that names it) when the attack's subject or instrument names its means."""
        nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        nouns += [pc for p in head.children if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "with", "by", "using")
                  for pc in p.children if pc.dep_ == "pobj"]
        for o in objects(head):
            nouns += [pc for p in o.children if p.dep_ == "prep" and p.lower_ in ("in", "with", "by")
                      for pc in p.children if pc.dep_ == "pobj"]
        for n in nouns:
            if n.lemma_.lower() in NOT_ATTACKS:
                continue
            words = {n.lemma_.lower()} | {t.lemma_.lower() for t in n.subtree if t.i < n.i and t.dep_ in ("compound", "amod", "nmod")}
            words |= {t.lower_ for t in n.subtree if t.i < n.i and t.dep_ in ("compound", "amod", "nmod")}
            code = means_code(words)
            if code is not None:
                return code, n.lemma_.lower()
        return None

    def _stops(self, sent, found: list[_Found]) -> list[_Found]:
        """'stopped supplying arms' / 'stopped doing so': the stopped event, recoded as its cessation."""
        by_head = {f.head.i: f for f in found}
        out = list(found)
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in STOP_VERBS:
                continue
            if tok.i in by_head and by_head[tok.i].pattern.complement is not None:
                continue  # a dictionary pattern already says what stopping this means
            for comp in complements(tok):
                inner = by_head.get(comp.i)
                by_reference = False
                if inner is None and comp.lemma_.lower() == "do" and any(c.lower_ == "so" for c in comp.children):
                    inner, by_reference = self.previous, True
                if inner is None or inner.head == tok:
                    continue
                code = _stop_code(inner.pattern.code)
                if code is None:
                    continue
                p = inner.pattern
                synthetic = Pattern(id=f"{p.id}#stop", code=code, noun=False, heads=frozenset({tok.lemma_.lower()}),
                                    terms=(), complement=None, complement_words=frozenset(), targets=p.targets,
                                    source_file=p.source_file)
                out = [f for f in out if f.head != tok]
                used = frozenset() if by_reference else frozenset({comp.i})
                out.append(_Found(tok, inner.comp if inner.comp != inner.head else inner.head, synthetic, used))
                break
        return out

    def _emit(self, sent, f: _Found) -> list[EventMention]:
        p = f.pattern
        if _background(f.head):
            return []
        if p.noun and _topic(f.head):
            return []  # "renewed negotiations on an Israeli troop pullback": what talks are about is not done
        sources = self._sources(f)
        targets = self._targets(f)
        if not sources and targets and p.code[:2] in UNIDENTIFIED_ROOTS and not p.noun:
            sources = self._unidentified_attackers(f.head, targets)
        if p.code[:2] == "14" and sources and (not targets and not _under_object(f.head)
                                               or targets and self._places_only(sent, targets)):
            # "blocked a road to show their disapproval of the United States' policies", "rioted at a jail in
            # Dili ... demanding independence from Indonesian rule": whom the protest's grievance names,
            # however deep in its purpose clause, before the place it happens in
            targets = self._grievance(f.head, sources) or targets
        if not sources and not targets:
            return []
        if (not sources or not targets) and (len(sources) < 2 or f.head.dep_ == "acl") and _embedded(f.head, p.noun):
            # a subordinate or nominal event is coded only with both of its actors; a participle that
            # describes a noun ("the channel disputed by Argentina and Chile") is no reciprocal event
            return []
        code = p.code
        negative = code.startswith(NEGATIVE_CODES)
        trigger = f.comp if f.comp != f.head and not negative else f.head
        mood, cue = mod.modality(f.head, own_code_negative=negative)
        if mood == "asserted" and f.comp != f.head:
            mood2, cue2 = mod.modality(f.comp, own_code_negative=negative)
            if mood2 not in ("asserted", "planned") or (mood2 == "planned" and not negative and f.head.lemma_.lower() in mod.PLAN_VERBS):
                mood, cue = mood2, cue2
        attribution, unnamed = mod.attribution(f.head, self.actor_of)
        if unnamed and mood == "asserted":
            mood, cue = "reported", "attribution:unnamed"
        if mood in ("speculative", "planned", "asserted") and sources and intent_code(code) \
                and _conditional_future(f.head):
            # "may halt mediation if cooperation founders", "will cut gas supplies if Kiev does not pay": what
            # an actor says it will do on a condition is a threat or a conditional promise it makes now
            mood, cue = "planned", "conditional:if"
        if mood == "negated" and sources and refusal_code(code) and (mod.tense(f.head) == "future" or
                                                                     f.head.lemma_.lower() in ("accept", "allow")):
            # "Syria says it will not accept any more refugees": a refusal, asserted
            code, mood, cue = refusal_code(code), "asserted", "refusal:" + cue
            rule_suffix = "#refuse"
        else:
            rule_suffix = ""
        rule = p.id + rule_suffix
        deontic = self._deontic(f.head) if demand_code(code) and not negative else None
        if mood == "planned" and intent_code(code) and sources and deontic is None:
            if code.startswith(ANNOUNCED_ROOTS) and _announced(f.head):
                rule += "#announced"  # "announced it would suspend aid": the measure, decided, not a threat
            else:
                code = intent_code(code)
                rule += "#intent"
        if p.code[:2] in VERBAL_ROOTS and not sources:
            return []
        if code.startswith("042") and sources and (all(a.role == "PKO" for a in sources) or any(
                t.lemma_.lower().startswith("peacekeep")
                for c in f.head.children if c.dep_ == "nsubj" for t in c.subtree)):
            # "peacekeeping troops arrived in Sierra Leone": peacekeepers come to keep the peace, not to visit
            code, rule = "074", rule + "#peacekeepers"
        if code[:2] == "04" and not targets and len(sources) < 2 and mood != "negated":
            # "the cabinet met on Sunday", "a team trying to broker a pact": a consultation is between two
            # sides; with one actor alone it is a session of that body, or nobody is named to consult
            return []
        if code == "010" and all("country:story" in a.rules for a in sources):
            return []  # "officials said": an attribution, not a statement event of a known actor
        demand = None
        if deontic is not None:
            modal, speaker = deontic
            mood, cue = "hypothetical", f"deontic:{modal.lower_}"
            if speaker is not None and sources:
                # "must", "has to" demand; "needs to" is advice, an appeal ("Japan needs to enact reforms" 0242)
                asked = appeal_code(code) if modal.lemma_.lower() in APPEAL_MODALS else demand_code(code)
                demand = (asked or demand_code(code), speaker, sources, modal)
        elif f.head.i in self.refused and mood in ("asserted", "reported", "planned"):
            mood, cue = "negated", "refused"
        elif f.head.i in self.asked and mood in ("asserted", "reported", "planned"):
            # "called on Arabs to mobilize": asked for, with no appeal code of its own; not something done
            mood, cue = "hypothetical", "requested"
        info = lookup(code)
        tense = mod.tense(f.head) if f.head.pos_ in ("VERB", "AUX") else ("future" if mood == "planned" else None)
        start = self.offset + sent.start_char
        end = self.offset + sent.end_char
        trig_tokens = sorted({f.head.i, trigger.i})
        doc = sent.doc
        t0, t1 = doc[trig_tokens[0]], doc[trig_tokens[-1]]
        mention = Mention(
            doc_id=self.doc_id, sentence=sent.text.strip(), start=start, end=end,
            trigger_start=self.offset + t0.idx, trigger_end=self.offset + t1.idx + len(t1.text),
            trigger=doc[t0.i : t1.i + 1].text,
        )
        out = []
        if not targets and code[:2] == "14" and sources and all(a.country and a.role not in ("GOV", "IGO") for a in sources):
            # a domestic protest or strike with no named target is aimed at its own government
            gov = Actor(text="", name=None, code=sources[0].country + "GOV", country=sources[0].country, role="GOV",
                        rules=("implicit:own-government",))
            targets = [gov]
        codes = {a.code for a in sources}
        if len(sources) >= 2 and (not targets or len(codes) >= 2 and all(t.code in codes for t in targets)):
            # "Israel and Lebanon renewed negotiations (on a pullback from Lebanon)": coordinated actors
            # act on each other, also when the only target found is one of themselves
            pairs = [(a, b) for a in sources for b in sources if a.code != b.code]
            detail_extra = ("reciprocal",)
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
            detail_extra = ()
        for s, t in pairs:
            if s is not None and t is not None and s.code == t.code and s.person == t.person:
                t = None
            if s is None and t is None:
                continue
            detail = [f"pattern:{p.id}@{p.source_file}", *detail_extra]
            if cue:
                detail.append(f"modality:{cue}")
            for role, a in (("source", s), ("target", t)):
                if a is not None:
                    detail.extend(f"{role}:{r}" for r in a.rules)
            confidence = 0.4 + 0.2 * (s is not None) + 0.2 * (t is not None) + min(0.2, 0.05 * p.specificity)
            out.append(
                EventMention(  # the event as stated
                    doc_id=self.doc_id, code=info.code if info.code == code else code, source=s, target=t,
                    modality=mood, mention=mention, rule=rule, rule_detail=tuple(detail), attribution=attribution,
                    confidence=confidence, tense=tense, verbal=code[:2] in VERBAL_ROOTS,
                    head_index=f.head.i, segment=self.segment,
                )
            )
        if demand is not None:
            dcode, speaker, yielders, modal = demand
            for y in yielders:
                if y.code == speaker.code and y.person == speaker.person:
                    continue
                out.append(
                    EventMention(
                        doc_id=self.doc_id, code=dcode, source=speaker, target=y, modality="asserted", mention=mention,
                        rule=p.id + "#demand",
                        rule_detail=(f"pattern:{p.id}@{p.source_file}", f"demand:{modal.lower_}",
                                     *(f"source:{r}" for r in speaker.rules), *(f"target:{r}" for r in y.rules)),
                        attribution=speaker.person or speaker.name, confidence=0.6, tense="past", verbal=True,
                        head_index=f.head.i, segment=self.segment,
                    )
                )
        return out

    def _deontic(self, h):
        """(modal, speaker or None) when the event is something that must or should happen, as somebody said."""
        t, modal = h, None
        for _ in range(6):
            aux = next((c for c in t.children if c.dep_ == "aux" and c.lower_ in DEONTIC), None)
            if aux is None and t.dep_ == "xcomp" and t.head.lemma_.lower() in DEONTIC_VERBS and \
                    t.head.tag_ in ("VBZ", "VBP", "VB") and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
                    and not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "did", "will", "would", "'d")
                                for c in t.head.children):
                aux = t.head  # "needs to withdraw", "has to step down"
            modal = modal or aux
            if modal is not None and t.pos_ == "VERB" and t.lemma_.lower() in mod.SPEECH_VERBS:
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                return modal, (self._actor(subj) if subj is not None else None)
            if modal is not None and t.pos_ == "NOUN" and t.lemma_.lower() in mod.SPEECH_NOUNS:
                # "issued a stern reminder to Iraq that it must cooperate"
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
                return modal, (self._actor(subj) if subj is not None else None)
            if t.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "acl", "dobj", "acomp") or t.head == t:
                break
            t = t.head
        return (modal, None) if modal is not None else None
