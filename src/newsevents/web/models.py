"""The JSON API's shapes (pydantic models): they make /openapi.json and check every response."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from ..records import MODALITIES

def _iso_day(value: object) -> object:
    if isinstance(value, str) and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("give a date as YYYY-MM-DD")
    if not isinstance(value, (str, date)):
        raise ValueError("give a date as YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]  # only YYYY-MM-DD (pydantic alone also takes timestamps)
Modality = Literal[MODALITIES]  # type: ignore[valid-type]
Sort = Literal["-date", "date", "-goldstein", "goldstein"]
Interval = Literal["day", "week", "month"]


class ErrorBody(BaseModel):
    status: int = Field(description="the HTTP status")
    code: str = Field(description="a stable name: bad_request, not_found, validation_error, too_large, ...")
    message: str = Field(description="what went wrong and what to do")
    details: list[dict] | None = Field(None, description="per-field problems of a request that did not validate")


class ErrorResponse(BaseModel):
    """Every error of the API has this one shape."""

    error: ErrorBody


class ActorOut(BaseModel):
    text: str | None
    name: str | None
    code: str | None
    country: str | None
    role: str | None
    person: str | None
    org: str | None


class LocationOut(BaseModel):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    rule: str | None


class EventOut(BaseModel):
    event_id: str
    doc_key: str
    doc_id: str
    code: str
    code_name: str | None
    root_code: str | None
    quad_class: int | None
    goldstein: float | None
    plover: str | None
    source: ActorOut | None
    target: ActorOut | None
    date: str | None
    date_precision: str | None
    report_date: str | None
    modality: str | None
    attribution: str | None
    location: LocationOut | None
    sentence: str | None
    sentence_start: int | None
    sentence_end: int | None
    trigger: str | None
    rule: str | None
    rule_detail: list[str]
    confidence: float | None
    coder: str | None
    num_mentions: int | None
    num_sources: int | None
    num_articles: int | None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    items: list[EventOut]


class MentionOut(BaseModel):
    doc_key: str
    doc_id: str | None
    sentence: str | None
    start: int | None
    end: int | None
    trigger_start: int | None
    trigger_end: int | None
    trigger: str | None


class ActorSpan(BaseModel):
    event_id: str
    side: str
    text: str | None
    name: str | None
    code: str | None
    country: str | None
    role: str | None
    start: int | None
    end: int | None
    rules: list[str]


class EventDetail(EventOut):
    mentions: list[MentionOut]
    actors: list[ActorSpan]


class EventSpan(BaseModel):
    event_id: str
    code: str
    code_name: str | None
    root_code: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str | None
    date: str | None
    date_precision: str | None
    location_name: str | None
    location_country: str | None
    rule: str | None
    attribution: str | None
    confidence: float | None
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    sentence_start: int | None
    sentence_end: int | None
    trigger_start: int | None
    trigger_end: int | None
    trigger: str | None


class Passage(BaseModel):
    start: int
    end: int
    text: str


class DocumentOut(BaseModel):
    doc_key: str
    doc_id: str
    status: str
    stage: str | None
    reason: str | None
    title: str | None
    url: str | None
    report_date: str | None
    source_name: str | None
    lang: str | None
    n_chars: int | None
    n_events: int | None
    text: str | None = Field(description="the whole text, when the store keeps it")
    passages: list[Passage] = Field(description="the stored stretches of the text at their offsets (the whole "
                                                "text when kept, else the events' sentences and actor mentions)")
    events: list[EventSpan]
    actors: list[ActorSpan]


class QuadCount(BaseModel):
    quad_class: int | None
    count: int
    goldstein_mean: float | None


class Bucket(BaseModel):
    period: str = Field(description="first day of the day, week (Monday) or month")
    count: int
    goldstein_mean: float | None
    by_quad: list[QuadCount]


class Timeline(BaseModel):
    interval: Interval
    buckets: list[Bucket]
    undated: int = Field(description="matching events with neither an event date nor a report date")


class Dyad(BaseModel):
    source: str
    target: str
    source_name: str | None
    target_name: str | None
    count: int
    goldstein_mean: float | None
    conflict: int = Field(description="events of quad class 3 or 4 (verbal or material conflict)")


class Dyads(BaseModel):
    dyads: list[Dyad]


class Info(BaseModel):
    documents: int
    coded: int
    skipped: int
    events: int
    first_date: str | None
    last_date: str | None


class CodeRequest(BaseModel):
    text: str = Field(description="the article's text (the whole request at most 1 MB)")
    report_date: Day | None = Field(None, description="YYYY-MM-DD, to resolve relative dates")


class CodedActor(ActorOut):
    start: int
    end: int
    rules: list[str]


class CodedMention(BaseModel):
    doc_id: str
    sentence: str
    start: int
    end: int
    trigger_start: int
    trigger_end: int
    trigger: str


class CodedEvent(BaseModel):
    event_id: str
    doc_id: str
    code: str
    code_name: str | None
    root_code: str
    quad_class: int
    goldstein: float
    plover: str | None
    source: CodedActor | None
    target: CodedActor | None
    date: str | None
    date_precision: str | None
    report_date: str | None
    modality: str
    attribution: str | None
    location: LocationOut | None
    mentions: list[CodedMention]
    rule: str
    rule_detail: list[str]
    confidence: float
    coder: str


class CodeResult(BaseModel):
    text: str = Field(description="the text as coded (spans index it)")
    report_date: str | None = Field(description="the report date used (given, or found in the text)")
    events: list[CodedEvent]
