"""The worked example, scored with the same general scorer `evaluate` uses for article references."""

import json

from conftest import EXAMPLES

from newsevents.evaluate import score_reference
from newsevents.events.patterns import pattern_set


def test_worked_example_required_events_and_no_forbidden_assertions(coder, example_text):
    events = [e for _, evs in coder.code_documents([__import__("newsevents").Document(id="nato", text=example_text)]) for e in evs]
    reference = json.loads((EXAMPLES / "nato-libya-2011.expected.json").read_text(encoding="utf-8"))
    result = score_reference(events, reference)
    assert len(result["found"]) >= 8, result  # issue 4: at least 8 of the 9 required events
    assert result["violations"] == [], result


def test_every_event_is_explained(coder, example_text):
    from newsevents import Document

    [(doc, events)] = list(coder.code_documents([Document(id="nato", text=example_text)]))
    assert doc.report_date.isoformat() == "2011-07-06" and doc.report_date_source == "caption"
    ids = pattern_set().by_id
    for e in events:
        assert e.rule.split("#")[0] in ids
        assert any(d.startswith("pattern:") for d in e.rule_detail)
        for actor in (e.source, e.target):
            if actor is not None:
                assert actor.rules, actor  # which dictionary entries or resolution steps
                assert example_text[actor.start:actor.end] == actor.text
        m = e.mentions[0]
        assert example_text[m.trigger_start:m.trigger_end] == m.trigger
