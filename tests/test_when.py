"""When: report dates, time expressions resolved against them, and time attached to events by the parse."""

from datetime import date, timedelta

import pytest

from newsevents.clean import clean
from newsevents.pipeline import find_report_date
from newsevents.records import Document
from newsevents.when import expression_text, find_calendar_date, page_date, resolve_expression, time_tokens

WED = date(2011, 7, 6)  # a Wednesday, the worked example's report date
MON = date(2011, 7, 4)
SUN = date(2011, 7, 10)
D = date


# (expression, report date, tense, expected (date, precision) or None)
CASES = [
    # weekdays: the nearest past one, the next one for future events or after "next"/"coming"
    ("Monday", WED, "past", (D(2011, 7, 4), "day")),
    ("Monday", WED, "future", (D(2011, 7, 11), "day")),
    ("Monday", WED, None, (D(2011, 7, 4), "day")),
    ("on Monday", WED, "past", (D(2011, 7, 4), "day")),
    ("next Monday", WED, None, (D(2011, 7, 11), "day")),
    ("last Monday", WED, None, (D(2011, 7, 4), "day")),
    ("this coming Monday", WED, "past", (D(2011, 7, 11), "day")),
    ("Wednesday", WED, "past", (WED, "day")),
    ("last Wednesday", WED, "past", (D(2011, 6, 29), "day")),
    ("Wednesday", WED, "future", (D(2011, 7, 13), "day")),
    ("Thursday", WED, "past", (D(2011, 6, 30), "day")),
    ("Thursday", WED, "future", (D(2011, 7, 7), "day")),
    ("Sunday", WED, "past", (D(2011, 7, 3), "day")),
    ("Friday night", WED, "past", (D(2011, 7, 1), "day")),
    ("Tuesday morning", WED, "past", (D(2011, 7, 5), "day")),
    ("Monday", MON, "past", (MON, "day")),
    ("Monday", MON, "future", (D(2011, 7, 11), "day")),
    ("Saturday", SUN, "past", (D(2011, 7, 9), "day")),
    ("Saturday", SUN, "present", (D(2011, 7, 9), "day")),
    # days
    ("yesterday", WED, "past", (D(2011, 7, 5), "day")),
    ("today", WED, None, (WED, "day")),
    ("tonight", WED, "future", (WED, "day")),
    ("tomorrow", WED, "future", (D(2011, 7, 7), "day")),
    ("last night", WED, "past", (D(2011, 7, 5), "day")),
    ("this morning", WED, "past", (WED, "day")),
    ("the day before yesterday", WED, "past", (D(2011, 7, 4), "day")),
    ("the day after tomorrow", WED, "future", (D(2011, 7, 8), "day")),
    ("two days ago", WED, "past", (D(2011, 7, 4), "day")),
    ("3 days ago", WED, "past", (D(2011, 7, 3), "day")),
    ("in three days", WED, "future", (D(2011, 7, 9), "day")),
    # weeks: the Monday of the week
    ("next week", WED, "future", (D(2011, 7, 11), "week")),
    ("this week", WED, "past", (D(2011, 7, 4), "week")),
    ("last week", WED, "past", (D(2011, 6, 27), "week")),
    ("earlier this week", WED, "past", (D(2011, 7, 4), "week")),
    ("later this week", WED, "future", (D(2011, 7, 4), "week")),
    ("early next week", WED, "future", (D(2011, 7, 11), "week")),
    ("the past week", WED, "past", (D(2011, 6, 27), "week")),
    ("last weekend", WED, "past", (D(2011, 6, 27), "week")),
    ("a week ago", WED, "past", (D(2011, 6, 27), "week")),
    ("two weeks ago", WED, "past", (D(2011, 6, 20), "week")),
    ("in two weeks", WED, "future", (D(2011, 7, 18), "week")),
    ("next week", SUN, "future", (D(2011, 7, 11), "week")),
    # months: the 1st
    ("earlier this month", WED, "past", (D(2011, 7, 1), "month")),
    ("later this month", WED, "future", (D(2011, 7, 1), "month")),
    ("last month", WED, "past", (D(2011, 6, 1), "month")),
    ("last month", D(2011, 1, 15), "past", (D(2010, 12, 1), "month")),
    ("next month", WED, "future", (D(2011, 8, 1), "month")),
    ("a month ago", WED, "past", (D(2011, 6, 1), "month")),
    ("in March", WED, "past", (D(2011, 3, 1), "month")),
    ("in September", WED, "past", (D(2010, 9, 1), "month")),
    ("in September", WED, "future", (D(2011, 9, 1), "month")),
    ("in January", D(2011, 12, 20), "future", (D(2012, 1, 1), "month")),
    ("March 2010", WED, "past", (D(2010, 3, 1), "month")),
    ("mid-July", WED, None, (D(2011, 7, 1), "month")),
    ("in May", WED, "past", (D(2011, 5, 1), "month")),
    # years: 1 January
    ("this year", WED, "past", (D(2011, 1, 1), "year")),
    ("last year", WED, "past", (D(2010, 1, 1), "year")),
    ("next year", WED, "future", (D(2012, 1, 1), "year")),
    ("two years ago", WED, "past", (D(2009, 1, 1), "year")),
    ("in 2009", WED, "past", (D(2009, 1, 1), "year")),
    ("in 2009", None, "past", (D(2009, 1, 1), "year")),
    # calendar dates with and without year
    ("July 13", WED, None, (D(2011, 7, 13), "day")),
    ("July 13", WED, "future", (D(2011, 7, 13), "day")),
    ("July 13, 2011", WED, "past", (D(2011, 7, 13), "day")),
    ("13 July 2011", WED, None, (D(2011, 7, 13), "day")),
    ("13 July 2011", None, None, (D(2011, 7, 13), "day")),
    ("the 13th of July", WED, None, (D(2011, 7, 13), "day")),
    ("Jul. 13", WED, None, (D(2011, 7, 13), "day")),
    ("Sept 2", WED, "past", (D(2010, 9, 2), "day")),
    ("on 4/7", WED, "past", (D(2011, 7, 4), "day")),
    ("4/7/2011", WED, None, (D(2011, 7, 4), "day")),
    ("2011-07-13", WED, None, (D(2011, 7, 13), "day")),
    ("December 30", D(2012, 1, 2), "past", (D(2011, 12, 30), "day")),
    ("January 3", D(2011, 12, 30), "future", (D(2012, 1, 3), "day")),
    # nothing to resolve
    ("may", WED, "future", None),
    ("no time here", WED, "past", None),
    ("Monday", None, "past", None),
    ("next week", None, "future", None),
    ("July 13", None, None, None),
    ("for two weeks", WED, "past", None),
]


@pytest.mark.parametrize("expr,ref,tense,expected", CASES)
def test_time_expressions_resolve_against_the_report_date(expr, ref, tense, expected):
    assert resolve_expression(expr, ref, tense) == expected


def test_the_table_is_large_enough():
    assert len(CASES) >= 60


def test_a_date_without_year_takes_the_nearest_year():
    found = find_calendar_date("on December 30", ref=date(2012, 1, 2))
    assert found[0] == date(2011, 12, 30)


def test_slash_dates_take_the_reading_nearest_the_report():
    assert find_calendar_date("on 4/7", ref=WED)[0] == date(2011, 7, 4)


# -- report date -------------------------------------------------------------------------------------------
def test_page_date_reads_html_publication_metadata():
    assert page_date('<meta property="article:published_time" content="2011-07-06T10:00:00Z">') == WED
    assert page_date("<meta name='pubdate' content='20110706'>") == WED
    assert page_date('<script type="application/ld+json">{"datePublished": "2011-07-06"}</script>') == WED
    assert page_date('<p>Posted <time datetime="2011-07-06">Wednesday</time></p>') == WED
    assert page_date("<p>no date</p>") is None
    assert page_date("2011-07-06") == WED


def _doc(text: str, **kw) -> Document:
    return clean(Document(id="d", text=text, **kw))


def test_report_date_order_metadata_first():
    doc = _doc("Caption of a photo of the minister at the podium in Brussels, July 6, 2011\n\nA body sentence "
               "on 2 June 2011 was written here.", report_date=date(2011, 7, 7), report_date_source="metadata")
    assert find_report_date(doc) == (date(2011, 7, 7), "metadata")


def test_report_date_order_page_before_caption():
    doc = _doc("Caption of a photo of the minister at the podium in Brussels, July 6, 2011\n\nThe minister "
               "spoke to reporters at length.", meta={"page_date": "2011-07-05"})
    assert find_report_date(doc) == (date(2011, 7, 5), "page")


def test_report_date_order_dateline_then_caption_then_first_paragraph():
    dateline = _doc("WASHINGTON, July 8, 2011 (AP) - The minister spoke to reporters at length on the matter.")
    assert find_report_date(dateline) == (date(2011, 7, 8), "dateline")
    caption = _doc("Caption of a photo of the minister at the podium in Brussels, July 6, 2011\n\nThe minister "
                   "spoke on 2 June 2011 to reporters.")
    assert find_report_date(caption) == (WED, "caption")
    first = _doc("The minister spoke on 2 June 2011 to reporters at length.\n\nLater, on 3 June 2011, he left.")
    assert find_report_date(first) == (date(2011, 6, 2), "first-paragraph")
    assert find_report_date(_doc("The minister spoke to reporters at length on Monday.")) == (None, None)


# -- attachment through the parse (real model) -----------------------------------------------------------
ATTACHED = [
    ("The two leaders met on Monday in Geneva.", "met", "Monday"),
    ("He denounced the July 13 agreement on Friday.", "denounced", "Friday"),
    ("They signed the deal last Tuesday.", "signed", "last Tuesday"),
    ("Russian troops attacked the town two days ago.", "attacked", "two days ago"),
    ("Earlier this month, rebels seized the oil port.", "seized", "Earlier this month"),
    ("Medvedev held talks on the matter Monday with Zuma.", "held", "Monday"),
    ("Clashes broke out Tuesday night.", "broke", "Tuesday night"),
    ("The army shelled the city for the second day on Wednesday.", "shelled", "the second day on Wednesday"),
    ("The alliance's July 13 meeting was an opportunity.", "meeting", "July 13"),
    ("The meeting, held on 13 July 2011, ended without agreement.", "meeting", "13 July 2011"),
]


@pytest.mark.parametrize("sentence,head,expression", ATTACHED)
def test_time_expressions_attach_to_their_event(coder, sentence, head, expression):
    doc = coder.nlp(sentence)
    tok = next(t for t in doc if t.text == head)
    found = [expression_text(t) for t in time_tokens(tok)]
    assert found and found[0] == expression, found


def test_a_date_on_a_nominal_modifier_is_not_the_event_date(coder):
    doc = coder.nlp("He denounced the July 13 agreement.")
    assert list(time_tokens(doc[1])) == []


def _mention(head: int, *, tense="past", verbal=False, modality="asserted", code="190", source=None):
    from newsevents.records import EventMention, Mention

    return EventMention(doc_id="d", code=code, source=source, target=None, modality=modality,
                        mention=Mention("d", "s", 0, 1, 0, 1, "x"), rule="p", tense=tense, verbal=verbal, head_index=head)


# (sentence, event head, tense, verbal, modality, code) -> (date, precision, rule) or None
DATED = [
    ("The government said this week that it had stopped the shipments.", "stopped", "past", False, "asserted",
     "162", (D(2011, 7, 4), "week", "date:speech:this week")),
    ("Officials said on Tuesday that the army had withdrawn.", "withdrawn", "past", False, "asserted", "087",
     (D(2011, 7, 5), "day", "date:speech:Tuesday")),
    ("'He must leave power,' the minister said.", "leave", "past", True, "asserted", "1041", (WED, "day", "date:report")),
    ("The minister criticized the decision.", "criticized", "past", True, "asserted", "111", (WED, "day", "date:report")),
    ("The minister did not confirm the reports.", "confirm", "past", True, "negated", "010", (WED, "day", "date:report")),
    ("Rebels attacked the town.", "attacked", "past", False, "asserted", "190", None),
    ("The government announced last week it had been supplying arms to the rebels.", "supplying", "past", False,
     "asserted", "072", None),
    ("The alliance will meet the rebels next week.", "meet", "future", False, "planned", "036",
     (D(2011, 7, 11), "week", "date:attached:next week")),
    ("The minister said he had criticized the decision.", "criticized", "past", True, "asserted", "111", None),
    ("Rebel leaders said on Wednesday they would meet the mediator.", "meet", "future", False, "planned", "036", None),
]


@pytest.mark.parametrize("sentence,head,tense,verbal,modality,code,expected", DATED)
def test_event_mentions_are_dated_by_the_rule_that_fits(coder, sentence, head, tense, verbal, modality, code, expected):
    from newsevents.when import date_mention

    doc = coder.nlp(sentence)
    i = next(t.i for t in doc if t.text == head)
    m = date_mention(_mention(i, tense=tense, verbal=verbal, modality=modality, code=code), doc, WED)
    got = (m.date, m.date_precision, m.rule_detail[-1]) if m.date else None
    assert got == expected


def test_a_future_date_makes_an_asserted_meeting_planned(coder):
    from newsevents.when import date_mention

    from newsevents.records import Actor

    doc = coder.nlp("The ministers meet on July 13.")
    ministers = Actor(text="The ministers", name=None, code="FRAGOV", country="FRA", role="GOV")
    m = date_mention(_mention(2, tense="present", code="040", source=ministers), doc, WED)
    assert (m.date, m.modality, m.code, m.rule) == (D(2011, 7, 13), "planned", "036", "p#intent")


def test_without_a_report_date_events_say_so(coder):
    [(doc, events)] = list(coder.code_documents([Document(id="x", text="Rebels attacked government forces in "
                                                          "Benghazi on Monday, officials said.")]))
    assert doc.report_date is None and events
    assert all(e.report_date is None and e.date is None and "report_date:none" in e.rule_detail for e in events)


def test_nothing_to_resolve_without_a_report_date():
    assert resolve_expression("Monday", None, "past") is None
    assert resolve_expression("no time here", WED) is None


# -- the worked example, end to end ---------------------------------------------------------------------------
def _side_ok(gold, pred) -> bool:
    if gold is None:
        return True
    if pred is None:
        return False
    if gold.get("role") == "IGO" and gold.get("country") is None:
        return pred.country is None and (pred.role == "IGO" or (pred.code or "").startswith("IGO"))
    return pred.country == gold.get("country")


def _matches(gold: dict, event) -> bool:
    """The reference event `gold` and a coded event agree on code root and on both actors' countries."""
    return (any(event.code[:2] == c[:2] for c in gold["codes"])
            and _side_ok(gold.get("source"), event.source) and _side_ok(gold.get("target"), event.target))


def test_worked_example_event_dates_and_place(coder, example_text):
    """Issue 5's "done when" on the worked example, with events found by code root and actors."""
    import json

    from conftest import EXAMPLES

    reference = json.loads((EXAMPLES / "nato-libya-2011.expected.json").read_text(encoding="utf-8"))
    [(doc, events)] = list(coder.code_documents([Document(id="nato", text=example_text)]))
    assert doc.report_date.isoformat() == reference["report_date"]
    gold = {g["id"]: g for g in reference["events"]}
    assert {"E1", "E3", "E6", "E8"} <= {g for g, ref in gold.items() if ref["date"]}
    for gid, ref in gold.items():
        found = [e for e in events if _matches(ref, e)]
        dates = {(e.date.isoformat() if e.date else None, e.date_precision) for e in found}
        if ref["date"] is None:
            assert dates <= {(None, None)}, (gid, dates)  # no time expression: no date
        elif gid in ("E1", "E3", "E6", "E8") or found:
            assert (ref["date"], ref["date_precision"]) in dates, (gid, dates)
    e1 = [e for e in events if _matches(gold["E1"], e) and e.date and e.date.isoformat() == gold["E1"]["date"]]
    assert all(e.modality == gold["E1"]["modality"] for e in e1)
    assert any((e.location.name, e.location.country) == ("Brussels", "BEL") for e in e1 if e.location)
    week_of_report = doc.report_date - timedelta(days=doc.report_date.weekday())
    assert any((e.date, e.date_precision) == (week_of_report, "week") for e in events if _matches(gold["E8"], e))
    assert all(e.location is None or e.location.lat is not None for e in events)
