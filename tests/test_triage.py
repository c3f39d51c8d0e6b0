"""Sentence triage (triage.py): which sentences reach the parser, and that coding loses nothing by it."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Coder, Options
from newsevents.records import Document
from newsevents.nlp import paragraph_starts
from newsevents.triage import lemma_candidates, parse


@pytest.fixture(scope="module")
def triage(coder):
    return coder.triage


def _kinds(coder, triage, text: str) -> list[tuple[str, bool, str]]:
    doc = coder.nlp.make_doc(text)
    [sents] = triage.select([doc])
    return [(s.kind, s.keep, doc[s.start : s.end].text.strip()) for s in sents]


def test_sentences_without_actors_are_not_parsed(coder, triage):
    kinds = _kinds(coder, triage, "NATO accused Russia of violating the treaty. The economy shrank by 2 percent "
                                   "last year. Russian officials rejected the claim.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", True), ("none", False), ("actor", True)]


def test_references_are_parsed_only_with_an_event_word(coder, triage):
    kinds = _kinds(coder, triage, "Israeli troops entered the town. They attacked the convoy. "
                                   "It was unusually dry.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", True), ("reference", True), ("reference", False)]


def test_unknown_names_are_parsed_when_something_may_refer_to_them(coder, triage):
    # "Kelbaran" comes back later (a surname resolved to the person named in full): parsed
    kinds = _kinds(coder, triage, "Syrian Foreign Minister Omar Kelbaran arrived. Kelbaran met the envoy.")
    assert all(keep for _, keep, _ in kinds)
    # a name nothing refers back to, after the first actor: not parsed
    kinds = _kinds(coder, triage, "NATO met Russia. Temperatures in Zarabad reached 40 degrees.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", True), ("names", False)]
    # before any dictionary actor nobody can be coded: not parsed
    kinds = _kinds(coder, triage, "Omar Kelbaran arrived. He said so. Zarabad is hot.")
    assert not any(keep for _, keep, _ in kinds)


def test_quotes_stay_with_their_sentence(coder, triage):
    text = '"We will fight," he said. "NATO must leave." Prices rose.'
    sents = [t for _, _, t in _kinds(coder, triage, text)]
    assert sents == ['"We will fight," he said.', '"NATO must leave."', "Prices rose."]


def test_a_quote_opening_a_paragraph_starts_its_sentence(coder, triage):
    text = 'NATO accused Russia of lying.\n\n"We will stay," the Russian envoy said.'
    sents = [t for _, _, t in _kinds(coder, triage, text)]
    assert sents == ["NATO accused Russia of lying.", '"We will stay," the Russian envoy said.']


def test_paragraphs_parsed_together_never_share_a_sentence(coder):
    text = 'Rasmussen said: "We will stay."\n\n"This is a dangerous moment," Medvedev told reporters.'
    doc = coder.nlp(paragraph_starts(coder.nlp.make_doc(text)))
    assert [s.text.strip() for s in doc.sents] == ['Rasmussen said: "We will stay."',
                                                   '"This is a dangerous moment," Medvedev told reporters.']


def test_parsed_pieces_keep_their_text_and_offsets(coder, triage):
    texts = ["Prices rose sharply.  NATO accused Russia of violating the treaty.", "The weather was dry."]
    out = list(parse(coder.nlp, triage, [(t, (0, i, 0)) for i, t in enumerate(texts)]))
    assert [d.text for d, _ in out] == texts
    first = out[0][0]
    assert [t.pos_ for t in first[:3]] == ["", "", ""]  # not parsed
    nato = next(t for t in first if t.text == "NATO")
    assert nato.pos_ == "PROPN" and nato.idx == texts[0].index("NATO")
    assert {t.head.text for t in first if t.text == "Russia"} == {"accused"}
    # a dropped sentence is a sentence of its own, so a parsed one never runs on into it
    assert [sent.text.strip() for sent in first.sents] == ["Prices rose sharply.", "NATO accused Russia of violating the treaty."]
    assert len(list(out[1][0].sents)) == 1 and all(not t.pos_ and not t.lemma_ for t in out[1][0])


def test_dropped_sentences_never_join_an_event_sentence(coder):
    text = ("NATO accused Russia of violating the treaty. Prices rose sharply. The weather was dry.")
    [(_, events)] = list(coder.code_documents([Document(id="t", text=text)]))
    assert events and {m.sentence for e in events for m in e.mentions} == {"NATO accused Russia of violating the treaty."}


def test_an_event_needs_every_word_of_some_pattern(coder, triage):
    # "end" codes only with what is ended (a curfew, talks, aid...): ending a season holds no event
    kinds = _kinds(coder, triage, "Russian officials ended the curfew in the capital. "
                                   "Russian officials ended the season with a win.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", True), ("actor", False)]
    assert triage.could_code({"end", "curfew"}) and not triage.could_code({"end", "season"})
    # "stopped doing so" stands for an earlier event, whatever its words
    assert triage.could_code({"stop", "do", "so"})


def test_actor_sentences_without_an_event_are_parsed_only_to_introduce_somebody(coder, triage):
    intro = "Russian Defence Minister Ivan Petrovsky, 54, studied law in Moscow."
    # the surname comes back: the title must be parsed so that "Petrovsky" resolves to the minister
    kinds = _kinds(coder, triage, intro + " Petrovsky accused Tolkanov of lying.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", True), ("names", True)]
    # a pronoun follows: it must find this person, not somebody earlier
    kinds = _kinds(coder, triage, "NATO met Russia. " + intro + " He met the envoy.")
    assert [keep for _, keep, _ in kinds] == [True, True, True]
    # nobody refers back to him: nothing to parse
    kinds = _kinds(coder, triage, intro + " NATO officials met in Brussels.")
    assert [(k, keep) for k, keep, _ in kinds] == [("actor", False), ("actor", True)]


def test_lemma_candidates_cover_inflections():
    assert {"attack"} <= lemma_candidates("attacked")
    assert {"stop"} <= lemma_candidates("stopped")
    assert {"meet"} <= lemma_candidates("met")
    assert {"die"} <= lemma_candidates("dying")
    assert {"militia"} <= lemma_candidates("militias")
    assert {"policeman"} <= lemma_candidates("policemen")
    assert {"party"} <= lemma_candidates("parties")


def test_worked_example_codes_the_same_with_and_without_triage(coder, example_text):
    doc = Document(id="nato", text=example_text)
    [(_, with_triage)] = list(coder.code_documents([doc]))
    [(_, without)] = list(Coder(Options(triage=False)).code_documents([doc]))
    key = lambda e: (e.code, e.source and e.source.code, e.target and e.target.code, e.modality, e.date)  # noqa: E731
    assert sorted(map(key, with_triage), key=str) == sorted(map(key, without), key=str)
    assert coder.options.triage
