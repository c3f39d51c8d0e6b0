"""Language detection: documents not in a wanted language (English by default) become Skips.

The detector is py3langid (an offline model shipped inside the PyPI package, loaded once per process).
News text is full of proper names that fool a detector on short stretches ("Obama met Putin." reads as
Indonesian), so the decision is conservative: the first few thousand characters are split into
sentence-sized pieces, each classified, and a document is skipped only when at least two thirds of the
classified text is *confidently* in other languages (the top language sure and English unlikely: the
detector often puts English-based creoles such as Nigerian Pidgin first on English news). Mixed or
unclear text is kept (the coder's own precision rules then apply); the reason names the main language
found: `language:fr`.

Most documents are plainly in a wanted language, so the first half of the sample is classified whole
first: when that is confidently wanted, at most the other half could be foreign, short of the two thirds
that skip a document, and the piece-by-piece pass is not needed (a third of the cost).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..errors import ModelError
from ..records import Document, Skip

SAMPLE_CHARS = 4000  # only the start of a document is examined
PIECE_CHARS = 60  # short sentences are packed into pieces of at least this size before classifying
MIN_PIECE_LETTERS = 12  # shorter pieces are too unreliable to classify
CONFIDENT = 0.5  # a piece counts for a language only at this probability or more
UNLIKELY = 0.1  # ... and against the wanted languages only when each of them is less likely than this
SURE_HEAD = 0.999  # the first half of the sample is this sure of a wanted language: no piece-by-piece pass
FOREIGN_SHARE = 2 / 3  # skip when this share of the classified text is confidently foreign
MIN_FOREIGN_CHARS = 20  # ... and at least this many characters of it

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n+")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except OSError as exc:  # it unpacks its model through a temporary file: a full disk is not the input's fault
        raise ModelError(f"cannot load the language detector ({exc.strerror or exc}); free space in the temporary "
                         "folder ($TMPDIR), or give --languages any to code every language") from None


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(text[:SAMPLE_CHARS]):
        sentence = sentence.strip()
        if not sentence:
            continue
        current = f"{current} {sentence}" if current else sentence
        if len(current) >= PIECE_CHARS:
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def language_shares(text: str, wanted: tuple[str, ...] = ("en",)) -> tuple[Counter, Counter, int]:
    """Characters confidently in each language, characters confidently *not* in a wanted language (by
    language: the top one is sure and every wanted one unlikely), and all characters classified."""
    ident = _identifier()
    confident: Counter = Counter()
    foreign: Counter = Counter()
    classified = 0
    for piece in _pieces(text):
        if len(_LETTERS.findall(piece)) < MIN_PIECE_LETTERS:
            continue
        lang, prob = ident.classify(piece)
        classified += len(piece)
        if prob < CONFIDENT:
            continue
        confident[lang] += len(piece)
        if lang not in wanted:
            probs = dict(ident.rank(piece))
            if max(probs.get(w, 0.0) for w in wanted) < UNLIKELY:
                foreign[lang] += len(piece)
    return confident, foreign, classified


def detect(text: str, wanted: tuple[str, ...] = ("en",)) -> tuple[str | None, bool]:
    """(main language or None when unclear, whether the text should be skipped as not wanted)."""
    head = text[: SAMPLE_CHARS // 2]  # the whole sample when it is shorter
    if len(_LETTERS.findall(head)) >= MIN_PIECE_LETTERS:
        lang, prob = _identifier().classify(head)
        if lang in wanted and prob >= SURE_HEAD:
            return lang, False
    confident, foreign, classified = language_shares(text, wanted)
    if not classified:
        return None, False
    foreign_chars = sum(foreign.values())
    if foreign_chars >= MIN_FOREIGN_CHARS and foreign_chars >= FOREIGN_SHARE * classified:
        return foreign.most_common(1)[0][0], True
    return (confident.most_common(1)[0][0] if confident else None), False


def check_language(doc: Document, wanted: tuple[str, ...] = ("en",)) -> Document | Skip:
    """The document with `lang` set, or a Skip with reason `language:xx` when it is not in `wanted`."""
    if not wanted:
        return doc
    main, skip = detect(doc.text, wanted)
    if skip:
        return Skip(doc.id, "language", f"language:{main}")
    if main in wanted and doc.lang is None:  # mixed or unclear text keeps lang None
        return replace(doc, lang=main)
    return doc
