from hypothesis import given, settings, strategies as st

from newsevents.clean import classify_line, clean, is_sentence
from newsevents.records import Document


def kinds(text):
    doc = clean(Document(id="t", text=text))
    return [(s.kind, text[s.start:s.end]) for s in doc.segments]


def test_boilerplate_title_caption_and_body_are_told_apart():
    text = (
        "Accessibility links\n\nBreaking News\n\nShare this article\n\nWe use cookies to improve your experience\n\n"
        "Talks Resume in Geneva\n\n"
        "Delegates arrive at the Palais des Nations in Geneva, March 3, 2014\n\n"
        "Negotiators from both sides met again on Monday after a week of delays.\n"
    )
    got = kinds(text)
    assert [k for k, _ in got] == ["boilerplate", "boilerplate", "boilerplate", "boilerplate", "title", "caption", "body"]


def test_dateline_is_split_from_the_body_and_gives_the_place():
    text = "BRUSSELS (Reuters) - NATO foreign ministers agreed on Tuesday to extend the mission by a year."
    doc = clean(Document(id="t", text=text))
    assert doc.dateline_place == "Brussels"
    body = doc.body()[0]
    assert text[body.start:body.end].startswith("NATO foreign ministers")


def test_navigation_line_with_separators_is_boilerplate():
    assert classify_line("Home | World | Politics | Business | Sport") == "boilerplate"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["The", "minister", "said", "that", "talks", "would", "resume", "in", "Cairo", "soon",
                                 "cookies", "share", "news", "breaking"]), min_size=6, max_size=30))
def test_a_line_that_reads_like_a_sentence_is_never_dropped(words):
    line = " ".join(words) + "."
    assert is_sentence(line)
    assert classify_line(line) == "body"
    doc = clean(Document(id="t", text="Breaking News\n\n" + line))
    assert any(s.kind == "body" and doc.text[s.start:s.end] == line for s in doc.segments)


def test_spans_index_the_original_text():
    text = "  Menu  \n\n  The army shelled the town on Friday, residents said.  \n"
    doc = clean(Document(id="t", text=text))
    body = doc.body()[0]
    assert text[body.start:body.end] == "The army shelled the town on Friday, residents said."
