"""The pipeline: documents in, events out, one stage after another over typed records.

    clean -> nlp (batched nlp.pipe) -> actors -> events -> when -> where -> events as records

Models and dictionaries load once per process (`Coder`), documents stream through in batches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Iterator

from . import nlp as nlp_stage
from . import triage as triage_stage
from . import when, where
from .actors.kb import knowledge_base
from .actors.resolve import resolve_actors
from .clean import clean
from .errors import InputError
from .events.coder import SentenceCoder
from .events.patterns import pattern_set
from .events.taxonomy import lookup
from .merge import merge_document
from .records import Document, Event, EventMention, stable_id

CODER_VERSION = "cameo.v1"
_SURROGATE = re.compile("[\ud800-\udfff]")
# Report dates a calendar sum can move from: "yesterday" of 0001-01-01 or "next year" of 9999 overflows.
REPORT_DATES = (date(1000, 1, 1), date(9000, 12, 31))


def plausible_report_date(d: date | None) -> bool:
    return d is None or REPORT_DATES[0] <= d <= REPORT_DATES[1]


@dataclass(frozen=True)
class Options:
    """Everything that changes what a run codes (stored with results so a dataset can be reproduced)."""

    model: str | None = None
    report_date: date | None = None  # overrides documents' own report dates when given
    actors: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    batch_size: int = 64  # documents per batch at most (see Coder.code_documents)
    triage: bool = True  # parse only the sentences that can hold an event (triage.py); same F1 either way

    def fingerprint(self) -> str:
        extra = () if self.triage else ("no-triage",)
        return stable_id(CODER_VERSION, self.model, self.actors, self.patterns, *extra, length=12)


def _chunks(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Split a long stretch of text at sentence ends (or spaces) into pieces of at most `limit` chars."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 4:
            cut = window.rfind(" ")
        if cut <= 0:
            cut = limit - 1
        yield start, start + cut + 1
        start = start + cut + 1
    if end > start:
        yield start, end


def body_stretches(doc: Document) -> list[tuple[int, int]]:
    """The character spans the parser reads: body segments, joined where only white space separates them
    (paragraphs of one story parse as one piece; spaCy's cost per piece would otherwise add a tenth)."""
    out: list[tuple[int, int]] = []
    for seg in doc.segments:
        if seg.kind != "body":
            continue
        if out and not doc.text[out[-1][1] : seg.start].strip():
            out[-1] = (out[-1][0], seg.end)
        else:
            out.append((seg.start, seg.end))
    return out


def find_report_date(doc: Document) -> tuple[date | None, str | None]:
    """The report date and where it came from, the first found of (in this order):

    1. the input's metadata: `date` of a JSON Lines record, or `--report-date` (source `metadata`/`option`);
    2. the HTML page's metadata (`article:published_time`, `datePublished`, ...), which the HTML reader
       leaves in `doc.meta["page_date"]` (an ISO date), or the page itself in `doc.meta["html"]`
       (source `page`);
    3. a dateline with a full date ("WASHINGTON, July 6, 2011 (AP) -"), source `dateline`;
    4. a dated photo caption, source `caption`;
    5. a full date in the first paragraph, source `first-paragraph`.
    Else (None, None): the events then carry `report_date: null` and `report_date:none` in rule_detail.
    """
    if doc.report_date is not None:
        return doc.report_date, doc.report_date_source or "metadata"
    page = when.page_date(doc.meta.get("page_date") or doc.meta.get("html") or "")
    if page is not None:
        return page, "page"
    order = [("dateline", "dateline"), ("caption", "caption")]
    for kind, label in order:
        for s in doc.segments:
            if s.kind == kind:
                found = when.find_calendar_date(doc.text[s.start : s.end])
                if found and found[0]:
                    return found[0], label
    body = doc.body()
    if body:
        first = doc.text[body[0].start : body[0].end]
        found = when.find_calendar_date(first)
        if found and found[0]:
            return found[0], "first-paragraph"
    return None, None


class Coder:
    """Codes documents to events; holds the model and dictionaries for the life of the process."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.nlp = nlp_stage.load(self.options.model)
        self.kb = knowledge_base(self.nlp, self.options.actors)
        self.patterns = pattern_set(tuple(self.options.patterns))
        self.triage = triage_stage.triage_for(self.nlp, self.kb, self.patterns) if self.options.triage else None

    def prepare(self, doc: Document) -> Document:
        if not doc.text.isascii() and _SURROGATE.search(doc.text):  # "\ud800" from JSON: spaCy cannot encode it
            doc = replace(doc, text=_SURROGATE.sub("\ufffd", doc.text))  # one for one: offsets hold
        doc = clean(doc)
        if self.options.report_date is not None:
            doc = replace(doc, report_date=self.options.report_date, report_date_source="option")
        rd, source = find_report_date(doc)
        if not plausible_report_date(rd):
            rd, source = None, None  # a date no news was written on: relative dates stay unresolved
        return replace(doc, report_date=rd, report_date_source=source)

    def code_documents(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events per document, in order. Documents are coded in batches of at most `batch_size`
        documents and about `nlp.BATCH_CHARS` characters of text (one `nlp.pipe` batch)."""
        batch: list[Document] = []
        chars = 0
        for doc in docs:
            batch.append(self.prepare(doc))
            chars += len(doc.text)
            if len(batch) >= self.options.batch_size or chars >= nlp_stage.BATCH_CHARS:
                yield from self._code_batch(batch)
                batch, chars = [], 0
        if batch:
            yield from self._code_batch(batch)

    def _code_batch(self, docs: list[Document]):
        pieces = []
        for n, doc in enumerate(docs):
            for start, end in body_stretches(doc):
                for a, b in _chunks(doc.text, start, end, nlp_stage.MAX_SEGMENT_CHARS):
                    pieces.append((doc.text[a:b], (n, len(pieces), a)))
        parsed: dict[int, list] = {n: [] for n in range(len(docs))}
        # Everything spaCy allocates for the batch (new words' strings and lexemes) is freed after it, so
        # memory stays flat over any number of documents; events hold plain Python values only.
        with self.nlp.memory_zone():
            if self.triage is not None:
                stream = triage_stage.parse(self.nlp, self.triage, pieces)
            else:
                docs_in = ((nlp_stage.paragraph_starts(self.nlp.make_doc(text), text), ctx) for text, ctx in pieces)
                stream = nlp_stage.pipe(self.nlp, docs_in, size=lambda piece: nlp_stage.chars(piece[0]), as_tuples=True)
            for spacy_doc, (n, piece_no, offset) in stream:
                parsed[n].append((piece_no, offset, spacy_doc))
            results = [(doc, self.code_parsed(doc, parsed[n])) for n, doc in enumerate(docs)]
        yield from results

    def code_parsed(self, doc: Document, parsed: list) -> list[Event]:
        index = resolve_actors(parsed, self.kb, doc.report_date)
        dated: list[tuple[EventMention, object]] = []
        report = (f"report_date:{doc.report_date_source or 'none'}",)
        for seg, offset, sdoc in parsed:
            coder = SentenceCoder(self.patterns, lambda t, seg=seg: index.get(seg, t), doc.id, offset, seg,
                                  also_of=lambda t, seg=seg: index.also.get((seg, t.i), []))
            if not (sdoc.has_annotation("SENT_START") or sdoc.has_annotation("DEP")):
                continue  # a piece triage left unparsed has no sentences to code
            for sent in sdoc.sents:
                for m in coder.code(sent):
                    m = replace(m, rule_detail=m.rule_detail + report)
                    dated.append((when.date_mention(m, sdoc, doc.report_date), sdoc))
        if not dated:
            return []  # and the gazetteer is not even loaded
        places = where.context(doc, parsed)
        mentions = [where.place_mention(m, sdoc, places) for m, sdoc in dated]
        return merge_document([self._event(doc, m) for m in mentions])  # mentions of one event: one event

    # -- records --------------------------------------------------------------------------------------
    def _event(self, doc: Document, m: EventMention) -> Event:
        info = lookup(m.code)
        return Event(
            event_id=stable_id(doc.id, m.mention.trigger_start, m.mention.trigger_end, m.code,
                               m.source.code if m.source else "", m.target.code if m.target else ""),
            doc_id=doc.id, code=m.code, root_code=m.code[:2], quad_class=info.quad_class, goldstein=info.goldstein,
            plover=info.plover_event, source=m.source, target=m.target, date=m.date, date_precision=m.date_precision,
            report_date=doc.report_date, modality=m.modality, attribution=m.attribution, location=m.location,
            mentions=(m.mention,), rule=m.rule, rule_detail=m.rule_detail, confidence=m.confidence,
            coder=CODER_VERSION,
        )


_coders: dict[Options, Coder] = {}


def coder(options: Options | None = None) -> Coder:
    """The process-wide Coder for these options (the model is loaded once)."""
    options = options or Options()
    if options not in _coders:
        _coders[options] = Coder(options)
    return _coders[options]


def code_text(text: str, report_date: date | str | None = None, *, doc_id: str = "text", options: Options | None = None) -> list[Event]:
    """Code one article's text; `report_date` resolves relative dates ("Monday", "next week")."""
    if isinstance(report_date, str):
        report_date = date.fromisoformat(report_date)
    if not plausible_report_date(report_date):
        raise InputError(f"report date {report_date} is out of range; give one between {REPORT_DATES[0]} and "
                         f"{REPORT_DATES[1]}")
    doc = Document(id=doc_id, text=text, report_date=report_date, report_date_source="option" if report_date else None)
    [(_, events)] = list(coder(options).code_documents([doc]))
    return events
