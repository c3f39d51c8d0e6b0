"""When: calendar dates in text, and event dates resolved against the report date.

A time expression is attached to the event it modifies through the parse (a child of the event's verb or
noun, or a prepositional phrase on it), never just the nearest date in the sentence. Relative expressions
("Monday", "next week", "two days ago", "earlier this month") are resolved against the report date; the
tense of the event's verb decides whether a weekday is the last one or the next one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from dataclasses import replace
from typing import Iterable

from .events.recode import intent_code
from .events.modality import SPEECH_VERBS

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3}

_MONTH_RE = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_CALENDAR = [
    # 2011-07-06
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    # July 6, 2011 / July 6 2011 / July 6
    re.compile(_MONTH_RE + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I),
    # 6 July 2011 / 6 July
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?", re.I),
    # 4/7/2011 or 4/7 (read as day/month or month/day, whichever lies nearer the report date)
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<year>(?:19|20)?\d\d))?\b"),
]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: date | None, tense: str | None) -> date | None:
    """A month and day without a year: the year that puts it nearest the reference (or in the tense's direction)."""
    if ref is None:
        return None
    options = [d for d in (_safe_date(ref.year + k, month, day) for k in (-1, 0, 1)) if d]
    if tense == "past":
        past = [d for d in options if d <= ref]
        options = past or options
    elif tense == "future":
        future = [d for d in options if d >= ref]
        options = future or options
    return min(options, key=lambda d: abs((d - ref).days)) if options else None


def find_calendar_date(text: str, ref: date | None = None, tense: str | None = None):
    """The first calendar date in `text` as (date, precision, start, end), or None.

    A date without a year takes the year that puts it nearest `ref`; without `ref` it is not returned.
    """
    best = None
    for pattern in _CALENDAR:
        for m in pattern.finditer(text):
            g = m.groupdict()
            found: date | None = None
            if g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                year = g.get("year")
                if year and len(year) == 2:
                    year = "20" + year
                readings = [r for r in ((a, b), (b, a)) if 1 <= r[1] <= 12 and 1 <= r[0] <= 31]  # (day, month)
                candidates = []
                for day_, month_ in readings:
                    d = _safe_date(int(year), month_, day_) if year else _nearest_year(month_, day_, ref, tense)
                    if d:
                        candidates.append(d)
                if candidates:
                    found = min(candidates, key=lambda d: abs((d - ref).days)) if ref else candidates[0]
            else:
                month = int(g["mnum"]) if g.get("mnum") else MONTHS.get(g["month"].lower().rstrip("."))
                if month is None:
                    continue
                day = int(g["day"])
                if g.get("year"):
                    found = _safe_date(int(g["year"]), month, day)
                else:
                    found = _nearest_year(month, day, ref, tense)
            if found and (best is None or m.start() < best[2]):
                best = (found, "day", m.start(), m.end())
            break
    return best


_PAGE_DATE_KEYS = (
    "article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate", "publish-date",
    "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "originalpublicationdate", "datecreated",
)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.I)


def _iso_date(value: str) -> date | None:
    m = re.match(r"\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)", value or "")
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def page_date(page: str | date) -> date | None:
    """The publication date an HTML page declares: its `<meta>` publication tags (article:published_time,
    datePublished, pubdate, DC.date, ...), JSON-LD `datePublished`, then the first `<time datetime>`.
    An ISO date string (what an HTML reader stored) is read as such."""
    if isinstance(page, date):
        return page
    if not page:
        return None
    if "<" not in page:
        return _iso_date(page)
    found: dict[str, date] = {}
    for tag in _META_TAG.findall(page):
        attrs = {k.lower(): (a or b or c) for k, a, b, c in _ATTR.findall(tag)}
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        d = _iso_date(attrs.get("content", ""))
        if name in _PAGE_DATE_KEYS and d:
            found.setdefault(name, d)
    for name in _PAGE_DATE_KEYS:
        if name in found:
            return found[name]
    for pattern in (_JSON_LD_DATE, _TIME_TAG):
        m = pattern.search(page)
        if m and _iso_date(m.group(1)):
            return _iso_date(m.group(1))
    return None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, 1)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _weekday(text: str, ref: date, tense: str | None) -> tuple[date, str] | None:
    """A weekday: the next one for future events or after "next"/"coming", else the nearest past one
    (the report's own weekday is the report day unless "last" says a week earlier)."""
    for name, wd in WEEKDAYS.items():
        if not re.search(r"\b" + name + r"s?\b", text):
            continue
        if re.search(r"\b(next|coming|this coming)\s+" + name, text) or (tense == "future" and not re.search(r"\b(last|past|previous)\s+" + name, text)):
            return ref + timedelta(days=(wd - ref.weekday()) % 7 or 7), "day"
        delta = (ref.weekday() - wd) % 7
        if delta == 0 and re.search(r"\b(last|past|previous)\s+" + name, text):
            delta = 7
        return ref - timedelta(days=delta), "day"
    return None


def _month_or_year(expr: str, text: str, ref: date | None, tense: str | None) -> tuple[date, str] | None:
    """"March 2010", "in March" (this year's, or the year the tense points to), "mid-July", "in 2009"."""
    year_m = re.search(r"\b((?:19|20)\d\d)\b", text)
    month_m = re.search(r"\b" + _MONTH_RE + r"\b", text, re.I)
    if month_m and month_m.group("month").lower() == "may" and not re.search(r"\bMay\b", expr):
        month_m = None  # the modal verb, not the month
    if month_m:
        month = MONTHS[month_m.group("month").lower().rstrip(".")]
        if year_m:
            return date(int(year_m.group(1)), month, 1), "month"
        if ref is None:
            return None
        year = ref.year
        if tense in ("past", None) and month > ref.month:
            year -= 1
        elif tense == "future" and month < ref.month:
            year += 1
        return date(year, month, 1), "month"
    if year_m:
        return date(int(year_m.group(1)), 1, 1), "year"
    return None


def resolve_expression(expr: str, ref: date | None, tense: str | None = None) -> tuple[date, str] | None:
    """Resolve one time expression against the report date: (date, precision) or None.

    Precision is day, week (the date is that week's Monday), month (the 1st) or year (1 January). A
    weekday or a month without a year goes the way the tense points (`past`, `future`; else the past).
    Without a report date only absolute dates resolve.
    """
    text = " ".join(expr.lower().replace("-", " ").split())
    cal = find_calendar_date(expr, ref, tense)
    if cal:
        return cal[0], cal[1]
    if re.search(r"\b(last|next|this|past|previous|coming)\s+(week|month|year|weekend)\b|\bago\b", text) is None:
        absolute = _month_or_year(expr, text, ref, tense)
        if absolute:
            return absolute
    if ref is None:
        return None
    if re.search(r"\bday before yesterday\b", text):
        return ref - timedelta(days=2), "day"
    if re.search(r"\bday after tomorrow\b", text):
        return ref + timedelta(days=2), "day"
    if re.search(r"\b(today|tonight|overnight|this (morning|afternoon|evening))\b", text):
        return ref, "day"
    if re.search(r"\b(yesterday|last night)\b", text):
        return ref - timedelta(days=1), "day"
    if re.search(r"\btomorrow\b", text):
        return ref + timedelta(days=1), "day"
    num = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several)"
    ago = re.search(r"\b" + num + r"\s+(day|week|month|year)s?\s+(ago|earlier)\b", text)
    ahead = re.search(r"\b(?:in|within)\s+" + num + r"\s+(day|week|month|year)s?(?:'? time)?\b", text)
    if ago or (ahead and tense == "future"):
        m = ago or ahead
        n, unit = _count(m.group(1)), m.group(2)
        n = -n if ago else n
        if unit == "day":
            return ref + timedelta(days=n), "day"
        if unit == "week":
            return _monday(ref + timedelta(weeks=n)), "week"
        if unit == "month":
            return _add_months(ref, n), "month"
        return date(ref.year + n, 1, 1), "year"
    rel = re.search(r"\b(last|past|previous|next|coming|this)\s+(week|month|year|weekend)\b", text)
    if rel:
        which, unit = rel.group(1), rel.group(2)
        step = -1 if which in ("last", "past", "previous") else 1 if which in ("next", "coming") else 0
        if unit in ("week", "weekend"):
            return _monday(ref) + timedelta(weeks=step), "week"
        if unit == "month":
            return _add_months(ref, step), "month"
        return date(ref.year + step, 1, 1), "year"
    return _weekday(text, ref, tense)


TIME_WORDS = frozenset(
    list(WEEKDAYS) + list(MONTHS) + ["today", "tonight", "yesterday", "tomorrow", "week", "month", "year",
                                      "weekend", "ago", "morning", "afternoon", "evening", "night", "overnight"]
)
TIME_PREPS = frozenset("on in during at by until since last next for".split())
_DIRECT_DEPS = frozenset("npadvmod tmod nummod compound nmod advmod obl poss".split())
_CLAUSE_DEPS = frozenset("relcl ccomp xcomp advcl acl csubj conj parataxis appos punct".split())
_PARTICIPLES = frozenset("hold schedule plan set slate due expect".split())  # "the meeting, held on 13 July"


def _is_time(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in TIME_WORDS


def _prep_objects(tok) -> Iterable:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in TIME_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and _is_time(obj):
                    yield obj


def time_tokens(head) -> Iterable:
    """Tokens of time expressions attached to an event's head token in the parse, nearest first.

    The head's own time modifiers ("met Monday", "met on Monday", "the July 13 meeting", "Monday's
    meeting", "two days ago"); then, inside the head's clause but not in subordinate clauses, adverbial
    time phrases the parser hung lower ("held talks on the matter Monday"), times in a prepositional
    phrase on the head's object ("held talks on Monday"), and for a nominal event the participle that
    describes it ("the meeting, held on 13 July"). A date that only names a nominal modifier lower down
    ("denounced the July 13 agreement") is not the event's time.
    """
    for child in head.children:
        if child.dep_ in _DIRECT_DEPS and _is_time(child):
            if child.dep_ in ("compound", "nmod", "poss", "nummod") and head.pos_ not in ("NOUN", "PROPN"):
                continue
            yield child
    yield from _prep_objects(head)
    frontier = [c for c in head.children if c.dep_ not in _CLAUSE_DEPS]
    if head.pos_ in ("NOUN", "PROPN"):
        for c in head.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _PARTICIPLES:
                yield from (t for t in c.children if t.dep_ in ("npadvmod", "tmod") and _is_time(t))
                yield from _prep_objects(c)
    for c in head.children:
        if c.dep_ == "dobj":
            yield from _prep_objects(c)
    depth = 0
    while frontier and depth < 4:
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.dep_ in _CLAUSE_DEPS:
                    continue
                if c.dep_ in ("npadvmod", "tmod") and _is_time(c):
                    yield c
                nxt.append(c)
        frontier, depth = nxt, depth + 1


def expression_text(token) -> str:
    """The whole time expression a token belongs to: its DATE/TIME entity joined with the token's own
    modifiers ("Tuesday night", "two days ago", "earlier this month")."""
    lo = hi = token.i
    if token.ent_type_ in ("DATE", "TIME"):  # the entity's bounds from the tags (doc.ents builds every span)
        doc = token.doc
        while doc[lo].ent_iob_ == "I":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
    sub, stack = [token.i], [token]
    while stack:
        for c in stack.pop().children:
            if c.dep_ not in _CLAUSE_DEPS:
                sub.append(c.i)
                stack.append(c)
    if max(sub) - min(sub) <= 6:
        lo, hi = min(lo, min(sub)), max(hi, max(sub))
    return token.doc[lo : hi + 1].text


def _speech_verb(head):
    """The speech verb that reports the event (up through complement clauses, at most three steps), and
    whether an ongoing activity (progressive) lies on the way: its own time is then not the speech's."""
    t, hops = head, 0
    while t.dep_ in ("ccomp", "xcomp", "conj") and hops < 3:
        progressive = t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("been", "being") for c in t.children)
        if progressive:
            return None
        t, hops = t.head, hops + 1
        if t.lemma_.lower() in SPEECH_VERBS:
            return t
    return None


def _own_and_leading(head) -> tuple[list, list]:
    """The head's time tokens, split off those of a reported clause that stand between the speech verb and
    the clause's subject ("said on Wednesday they would meet"): the parser hangs them on the clause, but
    they date the saying."""
    own = list(time_tokens(head))
    subjects = [c.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if head.dep_ != "ccomp" or not subjects or head.head.i > head.i:
        return own, []
    lead = [t for t in own if head.head.i < t.i < min(subjects)]
    return [t for t in own if t not in lead], lead


def date_mention(m, sdoc, report_date: date | None):
    """The event mention with its date, precision and the rule that dated it (modality may become planned).

    In order: a time expression attached to the event (`date:attached`); for an event reported in a speech
    verb's complement, the speech's own time expression (`date:speech`: "said this week it had stopped"),
    unless the event lies ahead ("said on Wednesday they would meet");
    for a verbal act (statement, demand, appeal ...) in the simple past, or stated in the present inside
    a simple-past speech verb ("'he must leave,' he said"), with no time expression, the report date
    (`date:report`: news reports such statements on the day they are made). Otherwise the date stays null.
    """
    head = sdoc[m.head_index]
    tense = "future" if m.modality == "planned" else m.tense
    resolved, text, rule = None, None, None
    own, lead = _own_and_leading(head)
    for tok in own:
        text = expression_text(tok)
        resolved = resolve_expression(text, report_date, tense)
        if resolved:
            rule = "date:attached"
            break
    speech = _speech_verb(head) if resolved is None else None
    if speech is not None and tense != "future":  # "said Wednesday they would meet": not Wednesday
        for tok in lead + list(time_tokens(speech)):
            text = expression_text(tok)
            resolved = resolve_expression(text, report_date, "past")
            if resolved:
                rule = "date:speech"
                break
    if resolved is None and m.verbal and report_date is not None:
        did = head.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "did" for c in head.children)
        said_now = (head.tag_ == "VBD" or did) and m.tense == "past"  # simple past: "said", "did not confirm"
        quoted_now = (speech is not None and speech.tag_ == "VBD" and head.tag_ not in ("VBD", "VBN")
                      and m.modality == "asserted")
        if said_now or quoted_now:
            resolved, text, rule = (report_date, "day"), None, "date:report"
    if resolved is None:
        return m
    d, precision = resolved
    modality, code, rule_id = m.modality, m.code, m.rule
    if report_date is not None and d > report_date and modality == "asserted":
        modality = "planned"
        if intent_code(code) and "#intent" not in rule_id and m.source is not None:
            code, rule_id = intent_code(code), rule_id + "#intent"
    return replace(
        m, date=d, date_precision=precision, date_text=text, modality=modality, code=code, rule=rule_id,
        rule_detail=m.rule_detail + ((f"{rule}:{text}" if text else rule),),
    )
