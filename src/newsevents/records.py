"""Typed records passed between the pipeline's stages.

Every stage reads and writes these frozen dataclasses only, so stages stay independent and the records
pickle (Dask and process pools ship them between workers).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, asdict
from datetime import date
from typing import Any

MODALITIES = ("asserted", "reported", "planned", "speculative", "negated", "hypothetical")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short, stable hexadecimal id from the given parts (content-derived ids: re-runs never duplicate)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Segment:
    """A stretch of a document's text with its kind; offsets index `Document.text`."""

    start: int
    end: int
    kind: str  # body | title | caption | dateline | boilerplate


@dataclass(frozen=True)
class Document:
    """One news article as read from the input, plus what cleaning found in it."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    report_date: date | None = None
    report_date_source: str | None = None  # metadata | option | dateline | caption | first-paragraph
    source_name: str | None = None
    lang: str | None = None
    segments: tuple[Segment, ...] = ()
    dateline_place: str | None = None
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def content_hash(self) -> str:
        return stable_id(self.text, length=32)

    def body(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "body"]


@dataclass(frozen=True)
class Actor:
    """A resolved actor: who a stretch of text stands for, with the dictionary entries that said so."""

    text: str
    name: str | None
    code: str | None  # CAMEO-style: country + role ("LBYREB") or an organisation code ("IGOWSTNAT")
    country: str | None  # ISO 3166-1 alpha-3
    role: str | None  # CAMEO role (GOV, MIL, REB, OPP, IGO, ...)
    start: int = -1  # character span in the document
    end: int = -1
    person: str | None = None
    org: str | None = None
    rules: tuple[str, ...] = ()  # dictionary entry ids and resolution steps ("country:LBY", "coref:pronoun")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "role": self.role,
            "person": self.person,
            "org": self.org,
            "start": self.start,
            "end": self.end,
            "rules": list(self.rules),
        }


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city | admin | country | region
    rule: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """Where an event is stated: the sentence and the character spans in the document."""

    doc_id: str
    sentence: str
    start: int  # sentence span
    end: int
    trigger_start: int  # the words that fired the rule
    trigger_end: int
    trigger: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EventMention:
    """One statement of an event in one sentence, as the coder found it."""

    doc_id: str
    code: str
    source: Actor | None
    target: Actor | None
    modality: str
    mention: Mention
    rule: str  # pattern id (+ "#intent" and other adjustments)
    rule_detail: tuple[str, ...] = ()  # every dictionary entry and resolution step used
    attribution: str | None = None
    date: date | None = None
    date_precision: str | None = None  # day | week | month | year
    date_text: str | None = None
    location: Location | None = None
    confidence: float = 0.5
    tense: str | None = None  # past | present | future (from the verb group)
    verbal: bool = False  # a verbal act (statement, appeal, demand, ...) rather than a material one
    head_index: int = -1  # token index of the trigger inside its parsed segment (for the when/where stages)
    segment: int = -1


@dataclass(frozen=True)
class Event:
    """The output record: one event with its mentions (DESIGN.md, "Event record")."""

    event_id: str
    doc_id: str
    code: str
    root_code: str
    quad_class: int
    goldstein: float
    plover: str | None
    source: Actor | None
    target: Actor | None
    date: date | None
    date_precision: str | None
    report_date: date | None
    modality: str
    attribution: str | None
    location: Location | None
    mentions: tuple[Mention, ...]
    rule: str
    rule_detail: tuple[str, ...]
    confidence: float
    coder: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "code": self.code,
            "root_code": self.root_code,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "report_date": self.report_date.isoformat() if self.report_date else None,
            "modality": self.modality,
            "attribution": self.attribution,
            "location": self.location.to_dict() if self.location else None,
            "mentions": [m.to_dict() for m in self.mentions],
            "rule": self.rule,
            "rule_detail": list(self.rule_detail),
            "confidence": round(self.confidence, 3),
            "coder": self.coder,
        }


@dataclass(frozen=True)
class Skip:
    """A document that was not coded, with the stage that stopped it and why (rejections are data)."""

    doc_id: str
    stage: str  # read | decode | clean | language | nlp
    reason: str
