"""Modality and attribution of an event mention, read off the parse around its head.

Order of precedence: `negated` (the event's own verb is negated: "did not meet"), `hypothetical`
(a condition: "if they attack"), `speculative` (under a rumour, a possibility, a negated confirmation, or a
weak modal: "may meet", "speculation that", "did not confirm reports that"), `planned` (future or
intended: "will meet", "plans to", "is expected to"), `reported` ("reportedly", unnamed sources,
"reports that"), else `asserted`.
"""

from __future__ import annotations

NEGATORS = frozenset("not n't never no neither nor".split())
FUTURE_AUX = frozenset("will shall 'll wo".split())
READY_WORDS = frozenset("ready prepared willing poised determined eager set".split())
WEAK_MODALS = frozenset("may might could".split())
PLAN_VERBS = frozenset("plan intend expect schedule aim prepare set due hope seek want propose vow pledge promise agree".split())
# ("decide" is no plan verb: "decided to expel", like "voted to approve", is the decision taken, an act CAMEO codes
# as done, not an intent)
RUMOUR_NOUNS = frozenset("speculation rumour rumor possibility prospect option idea chance likelihood hypothesis".split())
REPORT_NOUNS = frozenset("report reports claim claims allegation allegations".split())
HEDGES = frozenset("reportedly allegedly purportedly apparently supposedly".split())
CONFIRM_VERBS = frozenset("confirm verify corroborate substantiate".split())
SPEECH_VERBS = frozenset(
    "say add tell state insist explain note stress argue announce declare claim warn write reply report "
    "confirm acknowledge admit disclose reveal indicate suggest reiterate remind conclude assert maintain "
    "repeat emphasize emphasise underline".split()
)
SPEECH_NOUNS = frozenset("statement reminder declaration warning message call appeal letter speech remark".split())
UNNAMED = frozenset("source sources official officials witness witnesses diplomat diplomats observer observers insider insiders".split())
UP_DEPS = frozenset("ccomp xcomp acl pcomp pobj prep dobj attr csubj".split())  # adverbial clauses and relative clauses keep their own modality


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children)


def _aux_words(tok) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def tense(tok) -> str:
    aux = _aux_words(tok)
    if aux & FUTURE_AUX or ("going" in aux and "to" in aux):
        return "future"
    if "would" in aux and any(a.pos_ == "VERB" and a.lemma_.lower() in SPEECH_VERBS for a in _ancestors(_first_conjunct(tok))):
        return "future"  # "said it would not meet their demands": a reported future
    if tok.tag_ in ("VBD",) or aux & {"had", "did", "was", "were"}:
        return "past"
    if tok.tag_ == "VBN" and aux & {"has", "have"}:
        return "past"
    if tok.pos_ == "VERB" and tok.dep_ in ("xcomp",) and tok.head.pos_ in ("VERB", "AUX"):
        return tense(tok.head)
    return "present"


def _first_conjunct(tok):
    """'said it would prohibit aid and would deny entry': a joined verb is reported as its first conjunct is."""
    while tok.dep_ == "conj" and tok.head != tok and tok.head.pos_ in ("VERB", "AUX"):
        tok = tok.head
    return tok


def _ancestors(tok):
    """The chain of governing words up to the clause that holds the event (relative clauses stop it)."""
    t = tok
    while t.dep_ in UP_DEPS and t.head != t:
        t = t.head
        yield t


def _purpose_chain(tok):
    """From a purpose clause ('to help defend') up through the clauses it serves, the control chain above it:
    each link an infinitival purpose clause or a complement of one."""
    t, seen_purpose = tok, False
    while t.head != t and (t.dep_ == "xcomp" or t.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in t.children)):
        seen_purpose = seen_purpose or t.dep_ == "advcl"
        if seen_purpose and t is not tok or t.dep_ == "advcl":
            yield t
        t = t.head


def _via_content(tok, governor) -> bool:
    """Whether `tok` lies in what `governor` is about (its object or complement), not in an adjunct."""
    t = tok
    while t.head != governor and t.head != t:
        t = t.head
    return t.dep_ in ("dobj", "ccomp", "xcomp", "attr", "prep")


def _ruled_out(tok) -> bool:
    """'ruled out' dismisses what follows; 'ruled' alone ('Taliban-ruled Afghanistan') does not."""
    return any(c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep") for c in tok.children)


def modality(tok, own_code_negative: bool = False) -> tuple[str, str]:
    """(modality, the cue that decided it) for an event whose trigger is `tok`."""
    if _negated(tok) and not own_code_negative:
        return "negated", "neg:" + tok.lemma_
    aux = _aux_words(tok)
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "fail" and not own_code_negative:
        # "failed to attack" did not attack; a pattern that codes the failure itself ("failed to reach
        # agreement": talks failed, 164) is a negative code and the failure is asserted
        return "negated", "failed:" + tok.lemma_
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
        return "hypothetical", "mark:if"
    if aux & WEAK_MODALS:
        return "speculative", "modal:" + next(iter(aux & WEAK_MODALS))
    chain = list(_ancestors(tok))
    for a in chain:
        lemma = a.lemma_.lower()
        if a.pos_ in ("VERB", "AUX") and _negated(a) and lemma in (CONFIRM_VERBS | SPEECH_VERBS | {"know", "believe"}):
            return "speculative", f"unconfirmed:{lemma}"
        if lemma in RUMOUR_NOUNS or lemma in ("speculate", "rumour", "rumor"):
            return "speculative", f"under:{lemma}"
        if (lemma in ("dismiss", "deny", "reject", "doubt") or (lemma == "rule" and _ruled_out(a))) and a.pos_ == "VERB" \
                and _via_content(tok, a):
            return "speculative", f"dismissed:{lemma}"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in a.children):
            return "hypothetical", "mark:if"
    if aux & FUTURE_AUX or ("going" in aux):
        return "planned", "aux:will"
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in PLAN_VERBS | READY_WORDS:
        return "planned", "intent:" + tok.head.lemma_.lower()
    for t in _purpose_chain(tok):
        # "is willing to send material to help defend Saudi Arabia": the purpose of an intended act is
        # intended too
        g = t.head
        if t.dep_ == "xcomp" and g.lemma_.lower() in PLAN_VERBS | READY_WORDS:
            return "planned", "intent:" + g.lemma_.lower()
        if _aux_words(g) & FUTURE_AUX:
            return "planned", "aux:will"
    if "would" in aux and any(a.lemma_.lower() in SPEECH_VERBS for a in _ancestors(_first_conjunct(tok))):
        return "planned", "aux:would-in-reported-speech"  # "said they would meet": a reported future
    if tok.head.lemma_.lower() in ("be",) and tok.dep_ == "xcomp":
        pass
    if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in tok.children):
        return "reported", "hedge:" + next(c.lower_ for c in tok.children if c.lower_ in HEDGES)
    for a in chain:
        lemma = a.lemma_.lower()
        if a.lower_ in REPORT_NOUNS and a.pos_ == "NOUN":
            governor = a.head
            if a.dep_ in ("dobj",) and governor.lemma_.lower() in CONFIRM_VERBS and not _negated(governor):
                continue  # confirmed reports
            return "reported", "under:reports"
        if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in a.children):
            return "reported", "hedge"
    return "asserted", ""


def attribution(tok, actor_of) -> tuple[str | None, bool]:
    """Who the event is attributed to: (name or 'unnamed sources' or None, whether unnamed)."""
    for a in _ancestors(tok):
        if a.pos_ in ("VERB",) and a.lemma_.lower() in SPEECH_VERBS:
            subj = next((c for c in a.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            actor = actor_of(subj)
            if actor is not None and (actor.person or actor.org or actor.country):
                return actor.person or actor.name or actor.code, False
            if subj.lemma_.lower() in UNNAMED:
                return "unnamed sources", True
            return None, False
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ == "according":
            return "unnamed sources", True
    return None, False
