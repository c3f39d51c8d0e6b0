"""Cleaning: split a document into segments and say what each one is.

The text itself is never changed (spans in events index the original text); cleaning only labels stretches
of it: `body` (article text, the only part that is coded), `title`, `caption` (a photo caption: a source of
the report date and place, not of events), `dateline` (the "BRUSSELS (Reuters) -" opening) and
`boilerplate` (navigation, share and cookie lines). A line that reads like a sentence is never boilerplate.
A stretch of more than MAX_SENTENCE_CHARS characters without a sentence end is `overlong` (a table, a
list of links, junk): it is not prose, and parsing it would take minutes and gigabytes, so it is not coded.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .records import Document, Segment
from .when import find_calendar_date

# Lines a scraper brings along from the page around an article. Matched against a whole short line.
_BOILERPLATE = re.compile(
    r"""^(?:
        accessibility\ links|skip\ to\ (?:main\ )?content|skip\ navigation|breaking\ news|live|
        menu|main\ menu|navigation|home|search|sign\ in|log\ ?in|sign\ up|subscribe(?:\ now)?|register|
        share(?:\ this)?(?:\ (?:article|story|page))?|share\ on\ \w+|tweet|email|print|comments?|
        advertisement|sponsored(?:\ content)?|related(?:\ (?:articles|stories|content|topics))?|
        read\ more|more\ stories|most\ (?:read|popular|viewed)|trending|top\ stories|latest(?:\ news)?|
        follow\ us(?:\ on\ \w+)?|newsletter|sign\ up\ for\ our\ newsletter|
        (?:we\ use\ )?cookies?(?:\ policy|\ settings)?|accept(?:\ all)?(?:\ cookies)?|privacy(?:\ policy)?|
        terms(?:\ of\ (?:use|service))?|contact(?:\ us)?|about(?:\ us)?|back\ to\ top|
        all\ rights\ reserved|copyright.*|©.*|click\ here.*|watch(?:\ video)?|listen|video|audio|photos?
    )[.:!]?$""",
    re.IGNORECASE | re.VERBOSE,
)
_COOKIE_LINE = re.compile(r"\b(cookies?|javascript is disabled|enable javascript|your browser)\b", re.I)
_NAV_SEPARATORS = re.compile(r"\s[|•·»›]\s")
_PHOTO_WORDS = re.compile(
    r"(\b(photo|file photo|photograph|picture|image)\b\s*[:(/]|\((?:AP|Reuters|AFP|Getty)\b|"
    r"\b(AP|AFP|Reuters|Getty Images|EPA)\s*(Photo|/)|\bcredit:)",
    re.I,
)
# "BRUSSELS (Reuters) -", "TRIPOLI, Libya -", "WASHINGTON, July 6 (AP) --"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]{2,40}?)(?:,\s*(?P<region>[A-Z][A-Za-z.\- ]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,30})\))?\s*(?:-{1,2}|—|–|:)\s+"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
MAX_SENTENCE_CHARS = 5_000  # no news sentence is this long; the parser's time and memory grow with it
_STOP = re.compile(r"[.!?。！？][\"'”’)\]]*(?=\s|$)")


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) offsets, surrounding spaces trimmed."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        left = len(raw) - len(raw.lstrip())
        right = len(raw.rstrip())
        if right > left:
            spans.append((m.start() + left, m.start() + right))
    return spans


def is_sentence(line: str) -> bool:
    """Reads like article prose: several words and a closing full stop, question or exclamation mark."""
    return len(line.split()) >= 6 and bool(_SENTENCE_END.search(line))


def classify_line(line: str) -> str:
    """The kind of a single line: boilerplate, caption or body (title is decided by position)."""
    if is_sentence(line):
        return "body"
    words = line.split()
    if _BOILERPLATE.match(line.strip()):
        return "boilerplate"
    if len(words) <= 12 and _COOKIE_LINE.search(line):
        return "boilerplate"
    if _NAV_SEPARATORS.search(line) and len(words) <= 30:
        return "boilerplate"
    if _PHOTO_WORDS.search(line):
        return "caption"
    # A photo caption: a descriptive line with no closing stop that ends in a date or agency credit.
    if len(words) >= 6 and find_calendar_date(line[-40:]) is not None and not _SENTENCE_END.search(line):
        return "caption"
    return "body"


def clean(doc: Document) -> Document:
    """Label the document's lines; find the title, captions, a dateline and the boilerplate."""
    segments: list[Segment] = []
    text = doc.text
    seen_body = False
    title_taken = doc.title is not None
    dateline_place = doc.dateline_place
    for start, end in _lines(text):
        line = text[start:end]
        kind = classify_line(line)
        if kind == "body" and not is_sentence(line) and not seen_body:
            # A short line before any prose: the headline (the first one) or a stray label.
            words = line.split()
            if not title_taken and 2 <= len(words) <= 25 and not (len(words) >= 3 and _SENTENCE_END.search(line)):
                kind = "title"
                title_taken = True
                doc = replace(doc, title=line)
        if kind == "body" and dateline_place is None and not seen_body:
            m = _DATELINE.match(line)
            if m and not m.group("place").strip().isdigit():
                place = m.group("place").strip().title()
                dateline_place = place
                segments.append(Segment(start, start + m.end(), "dateline"))
                start = start + m.end()
        if kind == "body" and is_sentence(line):
            seen_body = True
        segments.append(Segment(start, end, kind))
    if not any(seg.kind == "body" for seg in segments):
        # nothing but a headline-like line: it is the text to code (a one-line input, a bare headline)
        segments = [Segment(seg.start, seg.end, "body") if seg.kind == "title" else seg for seg in segments]
    segments = [part for seg in segments for part in _cut_overlong(text, seg)]
    return replace(doc, segments=tuple(segments), dateline_place=dateline_place)


def _cut_overlong(text: str, seg: Segment) -> list[Segment]:
    """A body segment split into body and `overlong` parts (stretches without a sentence end over the limit)."""
    if seg.kind != "body" or seg.end - seg.start <= MAX_SENTENCE_CHARS:
        return [seg]
    parts: list[Segment] = []
    start = prev = seg.start
    ends = [m.end() for m in _STOP.finditer(text, seg.start, seg.end)] + [seg.end]
    for end in ends:
        if end - prev > MAX_SENTENCE_CHARS:
            if prev > start:
                parts.append(Segment(start, prev, "body"))
            parts.append(Segment(prev, end, "overlong"))
            start = end
        prev = end
    if seg.end > start:
        parts.append(Segment(start, seg.end, "body"))
    return parts


def overlong(doc: Document) -> list[Segment]:
    """The stretches of a cleaned document that were too long to be sentences (not coded)."""
    return [s for s in doc.segments if s.kind == "overlong"]
