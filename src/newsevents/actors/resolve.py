"""Actor resolution over a parsed document.

One pass in reading order over every noun phrase head. Each phrase is composed from the dictionary
matches inside it (a country or nationality word, a role or title, an organisation, a known person, a
person named by the NER with a title), then phrases without a name of their own are resolved against what
the document said before them:

- relative pronouns ("Medvedev, who has offered") take their antecedent;
- personal pronouns take the nearest compatible earlier actor (he/she: a person, the subject of a main
  clause when the pronoun is the subject of a speech verb; they/their: a group; it/its: a body or state);
- a surname alone ("Rasmussen") or a misspelt title before a known surname takes the person named in full
  earlier; a bare title ("the secretary general") takes the person last given that title;
- a description ("the alliance", "the court") takes the last organisation of that kind in the story;
- partitives ("members of X", "twelve of NATO's members") stand for X;
- a domestic role with no country ("the rebels", "Judge Alejandro Rivera") takes the country of a
  prepositional phrase ("in Libya", "operating in Macedonia"), else the story's main country;
- a title before a surname shared by known office holders who agree on the country ("President Bush")
  takes that country (and the office, when the report date picks one holder), unless the phrase names
  another country ("East German Foreign Minister Oskar Fischer" is not Germany's Joschka Fischer);
- a nationality word that names a patron or an adversary ("pro-Iranian", "Syrian-backed") is not the
  actor's country, nor is the origin of an ethnic group ("ethnic Albanians in Serbia": Serbian civilians);
- a place before "-based" ("a Damascus-based Palestinian group") is where the actor is: its country only
  when the phrase names no other;
- a generic head for someone acting for a group ("union officials", "student leaders") takes the group's role;
- a title with "former" is an elite (ELI), not the office;
- a leader's surname before a role noun ("the Bush administration") gives the body the country of the person
  named earlier, else of the known office holders with that surname when they agree on one;
- a role owned by a possessive pronoun ("NATO said its warplanes", "his government") takes the owner's
  country or organisation;
- a nationality word on "population", "minority", "community" placed in another country ("the Albanian
  population" of a clause "in Montenegro") is that country's civilians;
- a capital's name that is also a big city of the story's leading country, when the story never names the
  capital's own country ("Tripoli" in a story about Lebanon), is that city;
- a named association no dictionary knows and no country word places ("the Association of African
  Jurists") is a non-governmental organisation (NGO).

Every step is written into the actor's `rules`, so an event can say why its actors are who they are.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..records import Actor
from .kb import Entry, KnowledgeBase

PARTITIVES = frozenset(
    "member members representative representatives delegate delegates delegation envoy envoys part "
    "some many most several all majority minority one two three four five six seven eight nine ten eleven "
    "twelve dozen dozens hundreds thousands none each any few both half".split()
)
# a collective of people that is its members' actor: "a group of Iranian students" are Iranian students
COLLECTIVES = frozenset("group groups band team handful number contingent".split())
# a form of state before "of": "the republic of Slovenia", "the Kingdom of Morocco" are those countries
STATE_FORMS = frozenset("republic kingdom state principality emirate sultanate".split())
GROUP_DESCRIPTIONS = frozenset(
    "alliance bloc organization organisation body agency union league coalition court tribunal council "
    "movement group mission commission federation community".split()
)
SPEECH_VERBS = frozenset(
    "say add tell state insist explain note stress argue announce declare claim warn write reply "
    "continue conclude comment remark confirm acknowledge admit".split()
)
PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
GROUP_PRONOUNS = frozenset("they them their theirs themselves".split())
THING_PRONOUNS = frozenset("it its itself".split())
RELATIVE_PRONOUNS = frozenset("who whom whose which that".split())
HUMAN_PLURALS = frozenset("men women leaders officials sides".split())
# a head noun that a name before it describes: "the Hizbollah group", "the Hamas movement" are those bodies
ORG_HEADS = GROUP_DESCRIPTIONS | frozenset("party faction front network wing".split())
# "pro-Iranian", "anti-American"; "Syrian-backed", "Iranian-sponsored": a patron or an adversary
AFFILIATION_PREFIXES = frozenset("pro anti".split())
AFFILIATION_SUFFIXES = frozenset(
    "backed sponsored supported funded financed armed trained allied aligned inspired influenced installed".split()
)
BASED_SUFFIXES = frozenset("based headquartered".split())
# a head that names someone acting for a group: its role is the group's ("union officials" are labour)
GENERIC_ROLE_HEADS = frozenset("leader official spokesman spokeswoman spokesperson representative chief".split())
HYPHENS = frozenset("- ‐ –".split())
FORMER = frozenset("former ex onetime one-time erstwhile".split())
TRANSNATIONAL = frozenset("IGO INT NGO IMG MNC NGM UNO PKO AMN IRC GRP".split())
# the head word of a named association no dictionary knows: a non-governmental organisation
NGO_HEADS = frozenset("Association Society Foundation Institute Federation Network Watch".split())
# a people living among others: "the Albanian population in Montenegro", "the Serb minority"
ETHNIC_HEADS = frozenset("population minority minorities community communities".split())
KIN = frozenset("son daughter wife husband brother sister father mother nephew niece cousin uncle aunt".split())
# the words that can make an actor of a phrase no dictionary entry matches (see `_may_stand_alone`)
STANDALONE_WORDS = KIN | PARTITIVES | COLLECTIVES | STATE_FORMS | HUMAN_PLURALS | GROUP_DESCRIPTIONS
PHRASE_DEPS = frozenset("compound amod nmod flat poss det nummod quantmod case npadvmod".split())
NOT_HEADS = frozenset("compound amod det flat nummod case punct cc".split())


def _ethnic(doc, start: int) -> bool:
    """'ethnic Albanians': the nationality word names an ethnic group, not a state."""
    return start > 0 and doc[start - 1].lower_ == "ethnic"


def _affiliation(doc, start: int, end: int) -> bool:
    """'pro-Iranian', 'Syrian-backed': the nationality word names whom the actor is for, against or backed
    by, not the actor's own country."""
    if start >= 2 and doc[start - 1].text in HYPHENS and doc[start - 2].lower_ in AFFILIATION_PREFIXES:
        return True
    return end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].lower_ in AFFILIATION_SUFFIXES


def _based(doc, end: int) -> bool:
    """'Damascus-based', 'London-headquartered': the place names where the actor is, not its nationality."""
    return end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].lower_ in BASED_SUFFIXES


def actor_code(country: str | None, role: str | None, org_code: str | None) -> str | None:
    if org_code:
        return org_code
    if country and role:
        return country + role
    if role == "PKO" and not country:
        return "IGOPKO"  # peacekeepers of no named body: the codebook's generic intergovernmental peacekeepers
    # a bare role ("rebels" in a story that names no country) is still coded, as GDELT and ICEWS do
    return country or role


@dataclass
class _Seen:
    order: tuple[int, int]
    actor: Actor
    kind: str  # person | group | thing
    main_subject: bool
    titles: frozenset[str] = frozenset()


@dataclass
class ActorIndex:
    """Actors found in a document, by (segment number, token index) of their phrase head."""

    by_token: dict[tuple[int, int], Actor] = field(default_factory=dict)
    also: dict[tuple[int, int], list[Actor]] = field(default_factory=dict)  # coordinated actors in one phrase
    story_country: str | None = None

    def get_all(self, segment: int, token) -> list[Actor]:
        first = self.by_token.get((segment, token.i))
        return ([first] if first else []) + self.also.get((segment, token.i), [])

    def get(self, segment: int, token) -> Actor | None:
        return self.by_token.get((segment, token.i))

    def all(self) -> list[Actor]:
        return list(self.by_token.values())


class _Resolver:
    def __init__(self, kb: KnowledgeBase, report_date: date | None) -> None:
        self.kb = kb
        self.report_date = report_date
        self.index = ActorIndex()
        self.history: list[_Seen] = []
        self.persons: dict[str, Actor] = {}  # surname or full name -> person actor
        self.person_titles: dict[str, Actor] = {}  # title phrase -> person last given it
        self.hits: dict[int, dict[int, tuple[int, int, list[Entry]]]] = {}
        self.hit_tokens: dict[int, list[int]] = {}  # per segment, the indices of tokens inside matches, sorted
        self.offsets: dict[int, int] = {}
        self.early: dict[tuple[int, int], tuple[str, frozenset[str]]] = {}  # resolved ahead of reading order

    # -- helpers ------------------------------------------------------------------------------------
    def _hit(self, seg: int, i: int):
        return self.hits[seg].get(i)

    def _span(self, seg: int, tokens) -> tuple[int, int, str]:
        first = last = tokens[0]
        for t in tokens:
            if t.i < first.i:
                first = t
            elif t.i > last.i:
                last = t
        off = self.offsets[seg]
        return off + first.idx, off + last.idx + len(last.text), first.doc[first.i : last.i + 1].text

    def _phrase(self, tok) -> list:
        """The head and its pre-modifiers, appositions and name parts (not relative clauses)."""
        out = [tok]
        stack = [tok]
        while stack:
            t = stack.pop()
            for child in t.children:
                hyphen = child.dep_ == "punct" and child.text in ("-", "‐") and t.pos_ == "PROPN"
                if child.dep_ in PHRASE_DEPS or hyphen or (child.dep_ == "appos" and t == tok):
                    if child.dep_ == "poss" and child != tok and child.tag_ in ("PRP$", "WP$"):
                        continue  # possessive pronouns are resolved as phrases of their own
                    out.append(child)
                    if child.dep_ != "poss":
                        stack.append(child)
        return out

    def _entries(self, seg: int, tokens) -> list[tuple[int, Entry]]:
        """Dictionary entries whose match lies inside the phrase, with the match's first token index."""
        ids = {t.i for t in tokens}
        head = tokens[0].i if tokens else -1
        seen: set[int] = set()
        out: list[tuple[int, Entry]] = []
        for t in sorted(tokens, key=lambda t: t.i):
            hit = self._hit(seg, t.i)
            # a match inside the phrase, or one that starts in it and runs through its head past the phrase:
            # "the Liberation Tigers of Tamil Eelam" (head "Tigers", the name goes on into "of ...")
            if hit and hit[0] not in seen and (all(k in ids for k in range(hit[0], hit[1])) or (hit[0] in ids and hit[0] <= head < hit[1])):
                seen.add(hit[0])
                valid = [e for e in hit[2] if e.valid_on(self.report_date)]
                if not valid:  # known, but not in that role on the report date: keep who, not the office
                    valid = [replace(e, role=None, code=None if e.kind != "org" or e.role else e.code,
                                     id=e.id + "~out-of-term", start=None, end=None) for e in hit[2]]
                out.extend((hit[0], e) for e in valid[:1])
        return out

    def _remember(self, seg: int, tok, actor: Actor, kind: str, titles=frozenset()) -> None:
        main = tok.dep_ in ("nsubj", "nsubjpass") and (tok.head.dep_ in ("ROOT", "conj") or tok.head.head == tok.head)
        self.history.append(_Seen((seg, tok.i), actor, kind, main, frozenset(titles)))

    # -- pronouns and descriptions -----------------------------------------------------------------
    def _pronoun(self, seg: int, tok) -> Actor | None:
        word = tok.lower_
        if word in RELATIVE_PRONOUNS and tok.tag_ in ("WP", "WDT", "WP$") and tok.head.dep_ == "relcl":
            found = self.index.get(seg, tok.head.head)
            return replace(found, rules=found.rules + ("coref:relative",)) if found else None
        own_subject = None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child != tok:
                own_subject = self.index.get(seg, child)
        if word in PERSON_PRONOUNS:
            speech_subject = tok.dep_ == "nsubj" and tok.head.lemma_ in SPEECH_VERBS
            candidates = [s for s in reversed(self.history) if s.kind == "person"]
            if speech_subject:
                mains = [s for s in candidates if s.main_subject]
                candidates = mains + [s for s in candidates if not s.main_subject]
            for s in candidates[:8]:
                if own_subject is not None and s.actor.person == own_subject.person and tok.dep_ != "poss":
                    continue
                return replace(s.actor, rules=s.actor.rules + ("coref:pronoun",))
            return None
        if word in GROUP_PRONOUNS or word in THING_PRONOUNS:
            want = "group" if word in GROUP_PRONOUNS else "thing"
            # the owner of a role ("the UN rejected a call for its peacekeepers") may be the clause's own subject
            head_hit = self._hit(seg, tok.head.i) if tok.dep_ == "poss" else None
            owns_role = bool(head_hit and any(e.kind == "role" for e in head_hit[2]))
            governing = self._governing_subject(seg, tok, want)
            if governing is not None:
                return replace(governing, rules=governing.rules + ("coref:pronoun", "coref:governing-subject"))
            for s in reversed(self.history[-30:]):
                if s.kind == "person":
                    continue
                if want == "thing" and s.kind != "thing" and not s.actor.org:  # "the United Nations ... its"
                    continue
                if own_subject is not None and s.actor.code == own_subject.code and not owns_role:
                    continue
                if s.order[0] < seg - 3:
                    break
                return replace(s.actor, rules=s.actor.rules + ("coref:pronoun",))
        return None

    def _governing_subject(self, seg: int, tok, want: str) -> Actor | None:
        """'Two bombers killed 23 people when they blew themselves up', 'the rebels rejected the plan and said
        they opposed ...': the subject pronoun of a subordinate, reported or coordinated clause is the subject of
        the clause that governs it, when that subject is an actor of the pronoun's number."""
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = tok.head
        for _ in range(3):
            if clause.dep_ not in ("advcl", "ccomp", "conj", "xcomp") or clause.head == clause:
                return None
            clause = clause.head
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            if subj.tag_ in ("PRP", "PRP$"):
                return None  # a pronoun there: the history decides
            actor = self.index.get(seg, subj)
            if actor is None or actor.person:
                return None
            plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
            if (want == "group") == plural or (want == "group" and (actor.org or actor.role in (None, "GOV"))):
                return actor
            return None
        return None

    def _description(self, seg: int, tok) -> Actor | None:
        """'the alliance', 'the court': the last organisation in the story that such a word describes."""
        if tok.lemma_.lower() not in GROUP_DESCRIPTIONS:
            return None
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return None
        if any(c.dep_ in ("amod", "compound") for c in tok.children):
            return None
        noun = tok.lemma_.lower()
        generic = noun in ("alliance", "bloc", "organization", "organisation", "body", "union", "league", "coalition")
        for s in reversed(self.history):
            a = s.actor
            if not a.org or a.code is None:
                continue
            words = self.kb.org_words.get(a.code, set())
            if noun in words or (generic and (a.role or "").startswith("IGO")) or (generic and a.code.startswith("IGO")):
                org_rules = tuple(r for r in a.rules if r.startswith("org:"))
                return replace(a, name=a.org, person=None, rules=org_rules + (f"coref:description:{noun}",))
        return None

    # -- composition --------------------------------------------------------------------------------
    def _may_stand_alone(self, tok) -> bool:
        """Whether a phrase no dictionary entry matches can still be an actor: a person's name, a kinship
        word, a partitive, collective or state form ("some of the rebels", "the republic of Chad"), a
        description ("the alliance"), "both men", a number ("two of the soldiers"), or the head of a named
        association ("the Association of African Jurists")."""
        if tok.pos_ == "PROPN" and (tok.ent_type_ == "PERSON" or tok.text in self.persons or tok.text in NGO_HEADS):
            return True
        return tok.like_num or tok.lower_ in STANDALONE_WORDS or tok.lemma_.lower() in STANDALONE_WORDS

    def compose(self, seg: int, tok) -> tuple[Actor | None, str, frozenset[str]]:
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$", "WP", "WDT", "WP$"):
            return self._pronoun(seg, tok), "pronoun", frozenset()
        alone = self._may_stand_alone(tok)
        if not alone:
            # most nouns of a story: no match anywhere under them (their phrase is part of their subtree)
            # and no rule below could make an actor of them
            marks = self.hit_tokens[seg]
            at = bisect_left(marks, tok.left_edge.i)
            if at == len(marks) or marks[at] > tok.right_edge.i:
                return None, "", frozenset()
        phrase = self._phrase(tok)
        entries = self._entries(seg, phrase)
        if not entries and not alone:
            return None, "", frozenset()  # no match in the phrase itself
        start, end, text = self._span(seg, phrase)
        rules: list[str] = []
        country = role = org_code = org_name = person = None
        role_entry: Entry | None = None
        titles: set[str] = set()
        person_entry = next((e for _, e in entries if e.kind == "person"), None)
        org_entry = next((e for _, e in entries if e.kind == "org"), None)
        doc = tok.doc
        ethnic = False
        based: Entry | None = None
        for at, e in entries:
            if e.kind in ("adjective", "people") and country is None and not ethnic \
                    and tok.lemma_.lower() in ETHNIC_HEADS:
                place = self._in_country(seg, tok) or self._clause_place(seg, tok)
                if place is not None and place.country != e.country:
                    # "the Albanian population in Montenegro", "the Serb minority in Croatia": civilians of
                    # the country they live in, the nationality word their origin
                    rules += [f"ethnic:{e.country}", "ethnic-group", f"country:place:{place.country}"]
                    country, role, ethnic = place.country, "CVL", True
                    continue
            if e.kind in ("adjective", "people") and _ethnic(doc, at):
                rules.append(f"ethnic:{e.country}")  # "ethnic Albanians in Serbia" are not Albania
                ethnic = True
                continue
            if e.kind in ("country", "adjective", "people", "capital") and _based(doc, self._hit(seg, at)[1]):
                based = based or e  # "a Damascus-based Palestinian group": where it is, unless nothing else says
                continue
            if e.kind in ("country", "adjective", "people", "capital") and _affiliation(doc, at, self._hit(seg, at)[1]):
                rules.append(f"affiliation:{e.country}")  # "pro-Iranian", "Syrian-backed"
                continue
            if e.kind in ("country", "adjective", "people", "capital") and country is None:
                country = e.country
                rules.append(e.id)
                if e.kind == "capital" and tok.dep_ in ("nsubj", "nsubjpass", "agent", "poss"):
                    role = role or "GOV"
            elif e.kind == "role":
                titles.add(e.name)
                if role_entry is None or self._is_head_role(seg, tok, e):
                    role_entry = e
        if country is None and based is not None:
            country = based.country
            rules.append(based.id + "~based")
        head_hit = self._hit(seg, tok.i)
        ent_person = tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN"
        if person_entry is None and role_entry is not None and role_entry.title_kind == "title" and head_hit is None \
                and tok.pos_ == "PROPN" and tok.text not in self.persons:
            person_entry = self._office_holder(seg, tok)
            if person_entry is not None and country is not None and person_entry.country != country:
                # "East German Foreign Minister Oskar Fischer" is not Germany's Joschka Fischer: a surname
                # alone does not outweigh the country the phrase names
                person_entry = None
        if person_entry is not None:
            person = person_entry.name
            rules.append(person_entry.id)
            if person_entry.valid_on(self.report_date):
                country = person_entry.country or country
                if person_entry.role and person_entry.role in self.kb.orgs:
                    # the head of an international body ("role" names the body's code)
                    body = self.kb.orgs[person_entry.role]
                    org_entry = org_entry or body
                else:
                    role = person_entry.role or role
            else:
                country = country or person_entry.country
        elif (ent_person or (tok.pos_ == "PROPN" and tok.text in self.persons)) and (head_hit is None or head_hit[2][0].kind == "person"):
            name = self._name(seg, tok)
            known = self.persons.get(name) or self.persons.get(tok.text)
            if known is not None and not entries:
                return replace(known, text=text, start=start, end=end, rules=known.rules + ("coref:surname",)), "person", frozenset()
            person = name
            if known is not None:
                country = country or known.country
                role = role or known.role
                org_code = org_code or (known.code if known.org else None)
                org_name = org_name or known.org
                rules.append("coref:surname")
        if person is None and country is None and role_entry is not None and self._covers_head(seg, tok, role_entry):
            leader = self._leader_modifier(seg, tok, phrase)
            if leader is not None:
                country = leader.country
                rules.append(f"country:leader:{leader.id}")
        if person is None and country is None and org_entry is None and role_entry is not None \
                and self._covers_head(seg, tok, role_entry):
            # "NATO said its warplanes ...", "Putin said his government ...": the role belongs to the pronoun's actor
            poss = next((c for c in tok.children if c.dep_ == "poss" and c.tag_ == "PRP$"), None)
            owner = self.index.get(seg, poss) if poss is not None else None
            if owner is not None and owner.country:
                country = owner.country
                rules.append("country:possessor")
            elif owner is not None and owner.org and owner.code in self.kb.orgs:
                org_entry = self.kb.orgs[owner.code]
                rules.append("org:possessor")
        partitive = tok.lemma_.lower() in PARTITIVES or tok.lower_ in PARTITIVES or tok.like_num
        if role_entry is not None and person is None and not partitive and not self._covers_head(seg, tok, role_entry) \
                and not ent_person and tok.pos_ != "PROPN":
            role_entry = None  # "a police station" is a place, "army base" a thing: the role names a modifier
            if org_entry is None and country is None:
                return None, "", frozenset()
        if org_entry is not None and person is None and role_entry is None and not partitive \
                and not self._covers_head(seg, tok, org_entry) and tok.lemma_.lower() not in ORG_HEADS:
            org_entry = None  # "an International Criminal Court arrest warrant" is a warrant, not the court
            if country is None:
                return None, "", frozenset()
        if person is None and tok.lemma_.lower() in KIN:
            kin = self._kin(seg, tok, text, start, end)
            if kin is not None:
                return kin, "person", frozenset()
        if org_entry is not None:
            org_code, org_name = org_entry.code, org_entry.name
            rules.append(org_entry.id)
            if org_entry.country:
                country = country or org_entry.country
                if person is None and org_entry.role and not org_entry.code:
                    role = org_entry.role
        if role_entry is not None:
            rules.append(role_entry.id)
            if person is None or role is None:
                role = role if (person is not None and role) else (role_entry.role or role)
            if role_entry.name in GENERIC_ROLE_HEADS and role == role_entry.role and person_entry is None:
                # "union officials", "student leaders", "army spokesman": the officials of a group take its role
                group = next((e for _, e in entries if e.kind == "role" and e.title_kind == "group"
                              and e.role and not self._is_head_role(seg, tok, e)), None)
                if group is not None:
                    role = group.role
                    rules.append(group.id + "~group")
        if person is None and org_entry is None and role_entry is None:
            # no name and no role of its own: a partitive, a description, or a country word
            of_actor = self._of_phrase(seg, tok)
            if of_actor is not None and (tok.lemma_.lower() in PARTITIVES or tok.lower_ in PARTITIVES or tok.like_num
                                         or (tok.lower_ in COLLECTIVES and of_actor.person is None)):
                return replace(of_actor, text=text, start=start, end=end, rules=of_actor.rules + ("partitive",)), "group", frozenset()
            if of_actor is not None and tok.lower_ in STATE_FORMS and of_actor.person is None and of_actor.org is None \
                    and of_actor.role is None and of_actor.country:
                return replace(of_actor, text=text, start=start, end=end, rules=of_actor.rules + ("state-form",)), "thing", frozenset()
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None and (tok.lemma_.lower() in PARTITIVES):
                found = self.index.get(seg, poss)
                if found is not None:
                    return replace(found, text=text, start=start, end=end, rules=found.rules + ("partitive",)), "group", frozenset()
            desc = self._description(seg, tok)
            if desc is not None:
                return replace(desc, text=text, start=start, end=end), "thing", frozenset()
            if tok.lower_ in HUMAN_PLURALS and any(c.lower_ in ("both", "two") for c in tok.children):
                for s in reversed(self.history):
                    if s.kind == "person" and s.actor.code:
                        return replace(s.actor, text=text, start=start, end=end, rules=s.actor.rules + ("coref:plural",)), "person", frozenset()
            if country is None and not ethnic and head_hit is None:
                body = self._unknown_body(tok, text, start, end)
                if body is not None:
                    return body, "thing", frozenset()
            if country is None and not (ethnic and head_hit is not None):
                return None, "", frozenset()
            if head_hit is None:
                rules.append("country-modifier")
            elif ethnic and country is None:
                role = "CVL"  # an ethnic group: civilians of the country they live in
                rules.append("ethnic-group")
        # a bare title with a determiner ("the secretary general") is the person last given that title
        if person is None and role_entry is not None and role_entry.title_kind == "title" and country is None and org_entry is None:
            if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                known = self.person_titles.get(role_entry.name)
                if known is not None:
                    return replace(known, text=text, start=start, end=end, rules=known.rules + ("coref:title",)), "person", frozenset()
        if role_entry is not None and role_entry.title_kind == "title" and role is not None and self._former(tok, phrase):
            role = "ELI"  # "former President Ben Bella": the codebook's elites, not the office
            rules.append("former")
        if country is None and org_code is None:
            of_actor = self._of_phrase(seg, tok) or self._in_country(seg, tok)
            if of_actor is not None and (of_actor.country or of_actor.org):
                if of_actor.org and not of_actor.country and of_actor.code:
                    org_code, org_name = of_actor.code, of_actor.org
                    rules.append("of-phrase")
                else:
                    country = of_actor.country
                    rules.append("country:of-phrase")
            elif (person is None or role_entry is not None) and role is not None and role not in TRANSNATIONAL \
                    and self.index.story_country:
                # "the rebels", "Judge Alejandro Rivera": a domestic role or a titled person nobody placed
                country = self.index.story_country
                rules.append("country:story")
        org_role = None
        if org_code:
            org_entry_ = self.kb.orgs.get(org_code)
            org_role = org_entry_.role if org_entry_ else None
            if org_entry_ is not None and org_entry_.country and not org_code.startswith(("IGO", "NGO", "IMG", "MNC", "NGM")):
                # a domestic body (a party, an armed group) is coded by its country and role
                country = org_entry_.country
                role = org_entry_.role
                org_code_final = None
            else:
                org_code_final = org_code
                role = org_role or "IGO"
                country = None if org_code.startswith(("IGO", "NGO", "IMG", "MNC", "NGM", "INT")) else country
        else:
            org_code_final = None
        name = person or org_name or (self.kb.countries[country].name if country in self.kb.countries else None)
        actor = Actor(
            text=text, name=name, code=actor_code(country, role, org_code_final), country=country, role=role,
            start=start, end=end, person=person, org=org_name, rules=tuple(rules),
        )
        if person is None and org_code_final is None and country is not None:
            self._coordinated_countries(seg, tok, phrase, actor)
        if person:
            self.persons[person] = actor
            self.persons[person.split()[-1]] = actor
            for title in titles:
                self.person_titles[title] = actor
            return actor, "person", frozenset(titles)
        kind = "group" if (tok.tag_ in ("NNS", "NNPS") or org_code or role) else "thing"
        if org_code or (role and tok.tag_ not in ("NNS", "NNPS")) or (country and role is None):
            kind = "thing" if tok.tag_ not in ("NNS", "NNPS") else "group"
        return actor, kind, frozenset()

    def _name(self, seg: int, tok) -> str:
        """A person's name: the run of proper nouns ending at the head, stopping at titles and other matches."""
        doc = tok.doc
        i = tok.i
        while i - 1 >= 0 and (doc[i - 1].pos_ == "PROPN" or doc[i - 1].lower_ in ("al", "bin", "ben", "de", "van", "von", "-")) \
                and not self._hit(seg, i - 1) and doc[i - 1].head.i in range(i - 1, tok.i + 1) or \
                (i - 1 >= 0 and doc[i - 1].text == "-" and i - 2 >= 0 and doc[i - 2].pos_ == "PROPN"):
            i -= 1
        while i < tok.i and not doc[i].text[:1].isalpha():
            i += 1
        return doc[i : tok.i + 1].text

    def _coordinated_countries(self, seg: int, tok, phrase, actor: Actor) -> None:
        """'Hungarian and Romanian officials': one more actor for each coordinated nationality word."""
        more = []
        for t in phrase:
            if t.dep_ != "amod":
                continue
            for c in t.conjuncts:
                hit = self._hit(seg, c.i)
                if hit and hit[2][0].kind in ("adjective", "country") and hit[2][0].country != actor.country:
                    e = hit[2][0]
                    more.append(replace(actor, country=e.country, code=actor_code(e.country, actor.role, None),
                                        name=e.name, rules=(e.id, *[r for r in actor.rules if not r.startswith(("adjective:", "country:"))], "coordinated")))
        if more:
            self.index.also[(seg, tok.i)] = more

    def _office_holder(self, seg: int, tok) -> Entry | None:
        """'President Bush': the known office holders with this surname, when they agree on the country; the
        office only when the report date leaves one of them in it."""
        holders = self.kb.surnames.get(tok.text)
        if not holders or len({e.country for e in holders}) != 1 or holders[0].country is None:
            return None
        valid = [e for e in holders if e.valid_on(self.report_date)]
        pool = valid or holders
        e = pool[0]
        name = e.name if len({h.name for h in pool}) == 1 else self._name(seg, tok)
        rule = e.id + "~surname" if name == e.name else f"person:{tok.text}~surname"
        if valid and len({(h.country, h.role) for h in valid}) == 1:
            return replace(e, name=name, id=rule)
        return replace(e, name=name, id=rule + "~out-of-term", role=None, start=None, end=None)

    def _leader_modifier(self, seg: int, tok, phrase) -> Entry | None:
        """'the Bush administration', 'the Sharif government': a surname before a role noun names the leader
        whose body it is, so the body takes the country of the person named earlier in the story, else of
        the known office holders with that surname when they agree on one."""
        for t in sorted(phrase, key=lambda t: t.i):
            if t.i >= tok.i or t.pos_ != "PROPN" or t.dep_ != "compound" or self._hit(seg, t.i):
                continue
            known = self.persons.get(t.text)
            if known is not None and known.country:
                return Entry(id=f"coref:{t.text}", kind="person", name=known.person or t.text, country=known.country)
            holder = self._office_holder(seg, t)
            if holder is not None and holder.country:
                return holder
        return None

    @staticmethod
    def _former(tok, phrase) -> bool:
        """'former President X', 'ex-minister X': "former" before the head, not inside an apposition
        ("President Putin, a former KGB officer" is still the president)."""
        for t in phrase:
            if t.lower_ not in FORMER or t.dep_ not in ("amod", "compound", "advmod") or t.i > tok.i:
                continue
            a, inside_appos = t, False
            while a != tok and a.head != a:
                inside_appos = inside_appos or a.dep_ == "appos"
                a = a.head
            if not inside_appos:
                return True
        return False

    def _covers_head(self, seg: int, tok, entry: Entry) -> bool:
        hit = self._hit(seg, tok.i)
        return bool(hit and any(e.name == entry.name and e.kind == entry.kind for e in hit[2]))

    def _kin(self, seg: int, tok, text: str, start: int, end: int) -> Actor | None:
        """'his son, Seif al-Islam': a relative of a known person shares the person's country and role."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        relative = self.index.get(seg, poss) if poss is not None else None
        if relative is None or not relative.person:
            return None
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        name = self._name(seg, appos) if appos is not None and appos.pos_ == "PROPN" else None
        actor = replace(relative, text=text, start=start, end=end, person=name or f"{tok.lemma_} of {relative.person}",
                        name=name or relative.name, rules=relative.rules + (f"kin:{tok.lemma_.lower()}",))
        if name:
            self.persons[name] = actor
            self.persons[name.split()[-1]] = actor
        return actor

    def _is_head_role(self, seg: int, tok, entry: Entry) -> bool:
        hit = self._hit(seg, tok.i)
        return bool(hit and entry in hit[2])

    def _of_phrase(self, seg: int, tok) -> Actor | None:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return self.index.get(seg, obj) or self._resolve_now(seg, obj)
        return None

    def _in_country(self, seg: int, tok) -> Actor | None:
        """The country of 'in X' / 'from X' on the phrase, or on a participle describing it ("guerrillas
        operating in Macedonia", "a group based in Trinidad")."""
        preps = [c for c in tok.children if c.dep_ == "prep"]
        preps += [p for c in tok.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for p in c.children if p.dep_ == "prep"]
        for child in preps:
            if child.lower_ in ("in", "from"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        a = self.index.get(seg, obj) or self._resolve_now(seg, obj)
                        if a is not None and a.country and a.role is None:
                            return a
        return None

    def _unknown_body(self, tok, text: str, start: int, end: int) -> Actor | None:
        """'the Association of African Jurists', 'the Society for Threatened Peoples': a named association that
        no dictionary knows and no country word places is a non-governmental organisation (CAMEO NGO)."""
        if tok.pos_ != "PROPN" or tok.text not in NGO_HEADS or tok.ent_type_ != "ORG":
            return None
        doc = tok.doc
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        name = ent.text.removeprefix("the ").removeprefix("The ")
        return Actor(text=text, name=name, code="NGO", country=None, role="NGO", start=start, end=end,
                     person=None, org=name, rules=("unknown-body:NGO",))

    def _clause_place(self, seg: int, tok) -> Actor | None:
        """The country of an 'in X' on the clause a phrase belongs to: on the words that govern the phrase up
        to its verb, or on the verb's prepositional objects ("ethnic cleansing in Montenegro against the
        Albanian population", "a campaign in Georgia against the Armenian population")."""
        holders = []
        for anc in tok.ancestors:
            holders.append(anc)
            if anc.pos_ in ("VERB", "AUX") or len(holders) >= 5:
                break
        verb = holders[-1] if holders and holders[-1].pos_ in ("VERB", "AUX") else None
        if verb is None:
            return None
        holders += [o for c in verb.children if c.dep_ == "prep"
                    for o in c.children if o.dep_ == "pobj" and o.i != tok.i]
        for holder in holders:
            for child in holder.children:
                if child.dep_ != "prep" or child.lower_ != "in" or tok in child.subtree:
                    continue
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        a = self.index.get(seg, obj) or self._resolve_now(seg, obj)
                        if a is not None and a.country and a.role is None and not a.person and not a.org:
                            return a
        return None

    def _resolve_now(self, seg: int, tok) -> Actor | None:
        """Resolve a phrase that comes later in reading order (the object of 'of' after its head)."""
        actor, kind, titles = self.compose(seg, tok)
        if actor is not None:
            self.index.by_token[(seg, tok.i)] = actor
            self.early[(seg, tok.i)] = (kind, titles)
        return actor


def _candidate(tok) -> bool:
    if tok.dep_ in NOT_HEADS:
        return False
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.tag_ in ("WP", "WDT")


def _name_modifier(tok, hits) -> bool:
    """The last word of an organisation or country name that modifies a noun ("an ICC arrest warrant",
    "a NATO summit"): resolved as a phrase of its own so nominal events can find their source in it."""
    if tok.dep_ != "compound" or tok.head.pos_ != "NOUN":
        return False
    hit = hits.get(tok.i)
    return bool(hit and hit[1] == tok.i + 1 and hit[2][0].kind in ("org", "country"))


def _namesake_country(kb: KnowledgeBase, text: str, capital: Entry, counts: Counter[str]) -> str | None:
    """'rival militias in Tripoli ... the north Lebanese port': a capital's name that is also a city of
    another country stands for that city when the story never names the capital's country otherwise and
    the other country is (one of) the story's most named; else it is the capital."""
    if counts.get(capital.country or "") or not counts:
        return None
    top = max(counts.values())
    leaders = {c for c, n in counts.items() if n == top}
    if not leaders - {capital.country}:
        return None
    found = sorted(kb.namesakes(text, capital.country or "") & leaders)
    return found[0] if len(found) == 1 else None


def resolve_actors(parsed, kb: KnowledgeBase, report_date: date | None) -> ActorIndex:
    """Resolve the actors of a parsed document.

    `parsed` is a list of (segment number, character offset of the segment, spaCy Doc) in reading order.
    """
    r = _Resolver(kb, report_date)
    counts: Counter[str] = Counter()
    capitals: list[tuple[int, str, Entry, tuple[int, int, list[Entry]]]] = []
    for seg, offset, doc in parsed:
        r.offsets[seg] = offset
        hits = {}
        for start, end, entries in kb.match(doc):
            hit = (start, end, entries)
            for i in range(start, end):
                hits[i] = hit
            e = entries[0]
            if e.kind in ("adjective", "people", "country", "capital") and (_ethnic(doc, start) or _affiliation(doc, start, end)):
                continue  # "ethnic Albanians", "pro-Iranian" do not make the story Albanian or Iranian
            if e.kind == "capital":
                capitals.append((seg, doc[start:end].text, e, hit))
            elif e.country and e.kind != "org" or (e.kind == "org" and e.country):
                counts[e.country] += 1
        r.hits[seg] = hits
        r.hit_tokens[seg] = sorted(hits)
    for seg, text, e, (start, end, entries) in capitals:
        other = _namesake_country(kb, text, e, counts)
        if other is not None:
            city = Entry(id=f"city:{text}:{other}~story", kind="country",
                         name=kb.countries[other].name if other in kb.countries else other, country=other)
            for i in range(start, end):
                r.hits[seg][i] = (start, end, [city])
            e = city
        counts[e.country] += 1
    if counts:
        r.index.story_country = counts.most_common(1)[0][0]
    for seg, offset, doc in parsed:
        for tok in doc:
            if not _candidate(tok) and not _name_modifier(tok, r.hits[seg]):
                continue
            if (seg, tok.i) in r.index.by_token:
                if (seg, tok.i) not in r.early:
                    continue
                actor = r.index.by_token[(seg, tok.i)]
                kind, titles = r.early.pop((seg, tok.i))
            else:
                actor, kind, titles = r.compose(seg, tok)
            if actor is None:
                continue
            r.index.by_token[(seg, tok.i)] = actor
            if kind != "pronoun":
                r._remember(seg, tok, actor, kind, titles)
            else:
                r._remember(seg, tok, actor, "person" if actor.person else ("group" if tok.lower_ in GROUP_PRONOUNS else "thing"))
    return r.index
