"""Event codes chosen by the dictionary and the recoding rules: the root and subcode, guard patterns for
non-event senses, and the pattern mini-language itself. Sentences are written for these tests."""

from collections import Counter

import pytest

from newsevents.dictionaries import data_path, read_tsv
from newsevents.events.patterns import complements, pattern_set
from newsevents.events.recode import refusal_code
from newsevents.records import Document

CLAIMS = {"asserted", "reported", "planned"}


@pytest.fixture(scope="module")
def code(coder):
    def run(text: str) -> list:
        [(_, events)] = list(coder.code_documents([Document(id="t", text=text)]))
        return events

    return run


def claimed(events) -> set[str]:
    return {e.code for e in events if e.modality in CLAIMS}


# -- guards -------------------------------------------------------------------------------------------
def test_people_threatened_with_starvation_are_no_threat(code):
    events = code("The charity appealed to Canada to help thousands of Afghan villagers threatened with starvation.")
    assert not any(e.code.startswith("13") for e in events)


def test_a_real_threat_is_still_coded(code):
    assert any(c.startswith("13") for c in claimed(code("Iran threatened to attack Iraq on Monday.")))


# -- subcodes from the object, the complement and what hangs on them --------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Amnesty International accused Egypt of violating human rights.", "1122"),
    ("Sudan accused Chad of violating the ceasefire.", "1123"),
    ("Egypt demanded that Israel end restrictions on press freedom.", "1051"),
    ("Japan gave Kenya five million dollars of aid on Monday.", "071"),
    ("Thousands of Iraqis sought refuge in Jordan last month.", "1033"),
    ("Indonesia forced the UN refugee agency out of the country.", "1663"),
    ("The United States suspended a military aid program for Bosnia.", "1622"),
    ("The United States ended air strikes against Iraq on Monday.", "087"),
    ("North Korea agreed to dismantle its nuclear weapons program.", "035"),
])
def test_subcode(code, text, expected):
    assert expected in claimed(code(text))


def test_rejecting_a_demand_to_extradite_is_refusing_judicial_cooperation():
    assert refusal_code("063") == "1213"
    assert refusal_code("064") == "1214"


def test_democratic_reforms_change_institutions(code):
    codes = claimed(code("Thousands of Kenyans blocked roads in Nairobi to demand democratic reforms."))
    assert "1444" in codes


def test_a_protest_act_with_its_purpose_is_one_event(code):
    events = [e for e in code("Kenyan teachers started a hunger strike to protest the government's refusal to raise wages.")
              if e.modality in CLAIMS]
    assert [e.code[:3] for e in events] == ["142"]


def test_refusing_to_end_a_strike(code):
    assert "1242" in claimed(code("Serbian teachers said they would not end their strike."))


def test_would_not_in_reported_speech_is_a_refusal(code):
    assert any(c.startswith("12") for c in claimed(code("Britain said it would not meet the kidnappers' demands.")))


def test_failing_to_reach_agreement_is_not_an_agreement(code):
    events = code("Israel and Jordan failed to reach agreement on water rights on Sunday.")
    assert "057" not in claimed(events)
    assert any(e.rule.startswith("164.fail-reach-agreement") for e in events)


def test_halting_mediation(code):
    assert "165" in claimed(code("Egypt halted its mediation efforts between Israel and Syria on Monday."))


# -- modality -----------------------------------------------------------------------------------------
def test_ruled_as_in_governed_is_not_ruled_out(code):
    events = code("Taliban ruled Afghanistan has been sharing intelligence with Pakistan.")
    assert any(e.code.startswith("06") and e.modality == "asserted" for e in events)


# -- the mini-language ----------------------------------------------------------------------------------
def test_time_clauses_are_not_complements(coder):
    doc = coder.nlp("Syria agreed to talks before Israel withdraws its troops.")
    agree = next(t for t in doc if t.lemma_ == "agree")
    assert all(c.lemma_ != "withdraw" for c in complements(agree))


def test_an_infinitive_on_the_object_is_a_complement(coder):
    doc = coder.nlp("Israel and Jordan reached a consensus to exchange information.")
    reach = next(t for t in doc if t.lemma_ == "reach")
    assert any(c.lemma_ == "exchange" for c in complements(reach))


def test_pattern_constraints_are_not_repeated():
    """A pattern names each constraint once ('&mediation' three times is a slip)."""
    bad = []
    for row in read_tsv(data_path("patterns.tsv"), ("id", "code", "pattern")):
        terms = row["pattern"].split()[1:]
        if len(terms) != len(set(terms)):
            bad.append(row["id"])
        words = row["id"].split(".", 1)[1].split("-")
        if any(n > 2 for w, n in Counter(words).items() if len(w) > 3):
            bad.append(row["id"])
    assert not bad, bad[:10]


def test_patterns_load():
    ps = pattern_set()
    assert "165.halt-effort-mediation" in ps.by_id
    assert "164.fail-reach-agreement" in ps.by_id
