"""Event coding on real parses: codes, sources and targets through syntax, modality."""

import pytest

from newsevents import code_text
from newsevents.errors import DictionaryError
from newsevents.events.patterns import parse_pattern

DAY = "2014-03-05"


def coded(text):
    return [(e.code[:2], e.source and e.source.code, e.target and e.target.code, e.modality) for e in code_text(text, DAY)]


def first(text):
    events = code_text(text, DAY)
    assert events, f"no event in {text!r}"
    return events[0]


def test_active_sentence_source_and_target(coder):
    e = first("Russia accused Ukraine of provoking the crisis.")
    assert (e.code[:2], e.source.code[:3], e.target.code[:3]) == ("11", "RUS", "UKR")


def test_passive_voice_takes_the_agent_as_source(coder):
    e = first("The protesters were arrested by Egyptian police.")
    assert e.code[:2] == "17" and e.source.country == "EGY"


def test_coordinated_sources_give_one_event_each(coder):
    events = code_text("France and Germany condemned Russia.", DAY)
    sources = sorted(e.source.code[:3] for e in events if e.code.startswith("11") or e.code.startswith("12"))
    assert sources == ["DEU", "FRA"]


def test_negated_event_is_never_asserted(coder):
    events = code_text("Iran did not meet the European Union negotiators.", DAY)
    assert events and all(e.modality == "negated" for e in events if e.code.startswith("04"))


def test_future_is_planned_and_an_announced_coercion_is_a_threat(coder):
    e = first("The European Union will impose sanctions on Iran.")
    assert e.code == "1312" and e.modality == "planned" and e.target.country == "IRN" and e.rule.endswith("#intent")


def test_announced_cooperation_is_an_intent(coder):
    e = first("Finland will give Tanzania a grant of 580 million shillings.")
    assert e.code.startswith("033") and e.modality == "planned"


def test_what_another_must_do_is_a_demand(coder):
    events = code_text('"Gadhafi must leave power," the French foreign minister said.', DAY)
    demands = [e for e in events if e.code.startswith("10")]
    assert demands and demands[0].source.code == "FRAGOV" and demands[0].target.country == "LBY"


def test_will_not_is_a_refusal(coder):
    e = first("Syria said it will not accept any more refugees from Iraq.")
    assert e.code.startswith("12") and e.modality == "asserted" and e.source.country == "SYR"


def test_stopping_an_action_is_its_own_event(coder):
    events = code_text("The French government said it had stopped supplying arms to the rebels in Libya.", DAY)
    assert any(e.code == "1622" and e.source.code == "FRAGOV" for e in events)


def test_reportedly_is_reported(coder):
    e = first("Syrian rebels reportedly attacked an army base near Aleppo.")
    assert e.modality == "reported"


def test_speculation_is_speculative(coder):
    events = code_text("There is speculation that Turkey may attack Syria.", DAY)
    assert events and all(e.modality == "speculative" for e in events)


def test_no_actor_no_event(coder):
    assert code_text("The meeting was postponed because of the weather.", DAY) == []


def test_pattern_syntax_errors_are_reported_with_place():
    with pytest.raises(DictionaryError, match="x.tsv:3"):
        parse_pattern("036.bad", "036", "~meet", "", "x.tsv:3")
    with pytest.raises(DictionaryError, match="unknown target slot"):
        parse_pattern("036.bad", "036", "meet", "nowhere", "x.tsv:4")


def test_the_tone_of_a_statement_picks_its_code(coder):
    optimistic = code_text("Turkish President Turgut Ozal said he was confident that the talks with Greece would succeed.", DAY)
    assert any(e.code == "013" and e.source.code == "TURGOV" for e in optimistic)
    pessimistic = code_text("The Russian foreign minister said he was skeptical about the plan.", DAY)
    assert any(e.code == "012" and e.source.code == "RUSGOV" for e in pessimistic)


def test_failing_to_do_something_is_not_doing_it(coder):
    events = code_text("Israel and Syria failed to reach an agreement on the Golan Heights.", DAY)
    assert events and all(e.modality == "negated" for e in events if e.code.startswith(("03", "05")))


def test_a_protest_takes_its_aim(coder):
    e = first("Thousands of Kenyan students demonstrated in Nairobi on Monday demanding the resignation of the education minister.")
    assert e.code == "1411"
    e = first("The opposition party said it would boycott the elections unless the president resigns.")
    assert e.code == "1431"  # the elections are what is boycotted, the resignation what is wanted


def test_a_generic_rejection_takes_its_aim_modifier_first(coder):
    e = first("The Egyptian government rejected a call by the United States for democratic reforms.")
    assert e.code == "1234" and e.source.code == "EGYGOV"


def test_an_attack_takes_its_means(coder):
    e = first("A car bomb explosion killed three Iraqi policemen in Baghdad on Sunday.")
    assert e.code == "1832" and e.target.code == "IRQCOP"
    e = first("Israeli warplanes killed four Palestinian militants in Gaza.")
    assert e.code == "195" and e.source.country == "ISR"


def test_not_every_death_is_an_attack_by_its_means(coder):
    codes = [e.code for e in code_text("Rebels killed two Sudanese soldiers after a plane crash near Juba.", DAY)]
    assert "195" not in codes


def test_a_generic_rejection_takes_its_subcode_from_the_nominal_event(coder):
    e = first("Iran rejected an Iraqi proposal for a ceasefire.")
    assert e.code == "1246" and e.target.country == "IRQ"


def test_a_generic_appeal_takes_its_subcode_from_an_event_noun(coder):
    e = first("Egypt called on Tuesday for the withdrawal of Israeli forces from Lebanon.")
    assert e.code == "0256" and e.source.code[:3] == "EGY"


def test_a_document_says_what_its_issuer_says(coder):
    e = first("Hamas issued a statement demanding that Israel release Palestinian prisoners.")
    assert e.code.startswith("105") and e.source.code[:3] == "PSE"


def test_being_prepared_to_lift_a_ban_is_an_intent(coder):
    e = first("Algeria is prepared to lift the ban on the opposition party, the foreign ministry said.")
    assert e.code == "0351" and e.modality == "planned" and e.source.country == "DZA"
