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

from .events.coder import INTENT_CODES
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


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def resolve_expression(expr: str, ref: date | None, tense: str | None = None) -> tuple[date, str] | None:
    """Resolve one time expression against the report date: (date, precision) or None.

    Week precision gives the Monday of that week, month precision the first of the month, year the 1st of
    January.
    """
    text = " ".join(expr.lower().replace("-", " ").split())
    cal = find_calendar_date(expr, ref, tense)
    if cal:
        return cal[0], cal[1]
    m = re.search(r"\b(?:in\s+)?((?:19|20)\d\d)\b", text)
    month_m = re.search(r"\b" + _MONTH_RE + r"(?:\s+((?:19|20)\d\d))?\b", text, re.I)
    if month_m and not re.search(r"\bmay\b", text) or (month_m and month_m.group(2)):
        month = MONTHS[month_m.group("month").lower().rstrip(".")]
        if month_m.group(2):
            return date(int(month_m.group(2)), month, 1), "month"
        if ref:
            year = ref.year
            if tense == "past" and month > ref.month:
                year -= 1
            elif tense == "future" and month < ref.month:
                year += 1
            return date(year, month, 1), "month"
    if m and not month_m:
        return date(int(m.group(1)), 1, 1), "year"
    if ref is None:
        return None
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", text):
        return ref, "day"
    if re.search(r"\b(yesterday|last night)\b", text):
        return ref - timedelta(days=1), "day"
    if re.search(r"\btomorrow\b", text):
        return ref + timedelta(days=1), "day"
    ago = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|few|several)\s+(day|week|month|year)s?\s+(ago|earlier)\b", text)
    if ago:
        n = int(ago.group(1)) if ago.group(1).isdigit() else NUMBER_WORDS.get(ago.group(1), 1)
        unit = ago.group(2)
        if unit == "day":
            return ref - timedelta(days=n), "day"
        if unit == "week":
            return _monday(ref - timedelta(weeks=n)), "week"
        if unit == "month":
            y, mth = divmod(ref.year * 12 + ref.month - 1 - n, 12)
            return date(y, mth + 1, 1), "month"
        return date(ref.year - n, 1, 1), "year"
    rel = re.search(r"\b(last|past|previous|next|coming|this|earlier this|later this|early this|late this)\s+(week|month|year|weekend)\b", text)
    if rel:
        which, unit = rel.group(1), rel.group(2)
        step = -1 if which in ("last", "past", "previous") else 1 if which in ("next", "coming") else 0
        if unit in ("week", "weekend"):
            base = _monday(ref) + timedelta(weeks=step)
            if unit == "weekend":
                return base + timedelta(days=5), "week"
            return base, "week"
        if unit == "month":
            y, mth = divmod(ref.year * 12 + ref.month - 1 + step, 12)
            return date(y, mth + 1, 1), "month"
        return date(ref.year + step, 1, 1), "year"
    for name, wd in WEEKDAYS.items():
        if re.search(r"\b" + name + r"\b", text):
            nxt = re.search(r"\b(next|this coming|coming)\s+" + name, text)
            last = re.search(r"\b(last|past|previous)\s+" + name, text)
            if nxt or (tense == "future" and not last):
                delta = (wd - ref.weekday()) % 7 or 7
                return ref + timedelta(days=delta), "day"
            delta = (ref.weekday() - wd) % 7
            if delta == 0 and (last or tense == "past"):
                delta = 7 if last else 0
            return ref - timedelta(days=delta), "day"
    return None


TIME_WORDS = frozenset(
    list(WEEKDAYS) + list(MONTHS) + ["today", "tonight", "yesterday", "tomorrow", "week", "month", "year",
                                      "weekend", "ago", "morning", "afternoon", "evening", "night"]
)


def time_tokens(head) -> Iterable:
    """Tokens of time expressions attached to an event's head token in the parse."""
    for child in head.children:
        if child.dep_ in ("npadvmod", "tmod", "nummod", "compound", "nmod", "advmod", "obl") or child.ent_type_ in ("DATE", "TIME"):
            if child.ent_type_ in ("DATE", "TIME") or child.lower_ in TIME_WORDS:
                yield child
        elif child.dep_ == "prep" and child.lower_ in ("on", "in", "during", "at", "by", "until", "since", "last", "next"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in TIME_WORDS):
                    yield obj


def expression_text(token) -> str:
    """The whole time expression a token belongs to (its DATE entity, else its subtree)."""
    if token.ent_type_ in ("DATE", "TIME"):
        for ent in token.doc.ents:
            if ent.start <= token.i < ent.end:
                return ent.text
    return " ".join(t.text for t in token.subtree)


def date_mention(m, sdoc, report_date: date | None):
    """The event mention with its date, precision and the rule that dated it (modality may become planned)."""
    head = sdoc[m.head_index]
    heads = [head]
    # the complement of a control verb shares its time ("agreed on Monday to meet")
    expressions = []
    for h in heads:
        expressions.extend(time_tokens(h))
    resolved = None
    text = None
    rule = None
    for tok in expressions:
        text = expression_text(tok)
        resolved = resolve_expression(text, report_date, m.tense)
        if resolved:
            rule = "date:attached"
            break
    if resolved is None:
        # an event reported in a speech verb's complement takes the speech's time, unless it is an
        # ongoing activity (progressive) whose own time the text does not give
        t = head
        hops = 0
        while t.dep_ in ("ccomp", "xcomp", "conj") and hops < 3 and resolved is None:
            progressive = any(c.dep_ == "aux" and c.lower_ in ("been", "being") for c in t.children) and t.tag_ == "VBG"
            t = t.head
            hops += 1
            if progressive:
                break
            if t.lemma_.lower() in SPEECH_VERBS:
                for tok in time_tokens(t):
                    text = expression_text(tok)
                    resolved = resolve_expression(text, report_date, "past")
                    if resolved:
                        rule = "date:speech"
                        break
    if resolved is None and m.verbal and report_date is not None and m.tense == "past" and head.tag_ == "VBD":
        resolved, text, rule = (report_date, "day"), None, "date:report"
    if resolved is None:
        return m
    d, precision = resolved
    modality, code, rule_id = m.modality, m.code, m.rule
    if report_date is not None and d > report_date and modality == "asserted":
        modality = "planned"
        if code[:2] in INTENT_CODES and "#intent" not in rule_id:
            code, rule_id = INTENT_CODES[code[:2]], rule_id + "#intent"
    return replace(
        m, date=d, date_precision=precision, date_text=text, modality=modality, code=code, rule=rule_id,
        rule_detail=m.rule_detail + ((f"{rule}:{text}" if text else rule),),
    )
