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
    # the failure itself is the codebook's event (164, negotiations break down), and it happened
    assert {(e.code, e.modality) for e in events if e.code.startswith("16")} == {("164", "asserted")}


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


# -- choosing sources and targets -------------------------------------------------------------------------
def _dyads(text, root):
    return sorted((e.source and e.source.code[:3], e.target and e.target.code[:3])
                  for e in code_text(text, DAY) if e.code.startswith(root))


def test_joined_targets_give_one_event_each(coder):
    targets = {t for _, t in _dyads("A militant group claims to be building chemical weapons to use against Israel "
                                    "and Egypt.", "13")}
    assert targets == {"ISR", "EGY"}
    targets = {t for _, t in _dyads("Guinean soldiers have tortured scores of Sudanese and Nigerian refugees.", "18")}
    assert targets == {"SDN", "NGA"}


def test_joined_actors_whose_only_target_is_one_of_them_act_on_each_other(coder):
    assert _dyads("Ethiopia and Eritrea signed an agreement on the withdrawal of troops from Eritrea.", "05") \
        == [("ERI", "ETH"), ("ETH", "ERI")]


def test_a_weapon_the_pattern_names_is_not_the_target(coder):
    dyads = _dyads("Turkish troops launched artillery, mortar and rocket fire against Syrian rebel camps.", "19")
    assert dyads == [("TUR", "SYR")]


def test_a_refined_refusal_takes_the_target_of_what_it_refuses(coder):
    e = first("The Italian government refused to commit to any military assistance to the French-led mission, "
              "citing domestic opposition.")
    assert e.code.startswith("12") and e.target.country == "FRA"


def test_a_threat_is_aimed_at_whom_its_condition_is_about(coder):
    e = first("Iran has threatened to halt the talks if the United States imposes new sanctions.")
    assert e.code.startswith("13") and e.target.country == "USA"


def test_a_demand_noun_says_its_target_in_its_that_clause(coder):
    e = first("The rebels insisted on their demand that the Sudanese government release all prisoners.")
    assert e.code.startswith("10") and e.target.code == "SDNGOV"


def test_rejecting_a_demand_targets_who_made_it(coder):
    e = first("Japan rejected China's demand to withdraw its ships.")
    assert e.code.startswith("12") and e.target.country == "CHN"


def test_acting_on_an_event_targets_its_agent(coder):
    e = first("Egyptian police prevented the demonstration organised by Coptic students.")
    assert e.code == "170" and e.target.role == "EDU"


def test_a_stative_passive_subject_is_the_source(coder):
    e = first("Serbian forces were engaged in ethnic cleansing against the Albanian population.")
    assert e.source.code == "SRBMIL" and e.target.country == "ALB"


def test_forces_withdrawn_in_a_passive_are_their_own_side_withdrawing(coder):
    e = first("About 500 Ugandan troops were withdrawn from Congo on Monday.")
    assert e.code.startswith("087") and e.source.country == "UGA" and e.target.country == "COG"
    e = first("Peacekeepers were pulled out of the Bosnian enclave on Friday.")  # "out of": a two-word preposition
    assert e.target.country == "BIH"


def test_a_partitive_object_carries_its_prepositional_phrases(coder):
    e = first("The United States suspended part of its military aid program for Pakistan.")
    assert e.code.startswith("16") and e.target.country == "PAK"


def test_attributions_and_background_are_not_targets(coder):
    e = first("Russia offered concessions last week, according to a Chinese diplomat.")
    assert e.target is None
    e = first("Indian business leaders called for free trade despite mounting tensions between India and Pakistan.")
    assert e.target is None


def test_a_clause_with_its_own_passive_subject_does_not_inherit_a_source(coder):
    events = code_text("Up to 100 Albanians demonstrated on Tuesday in Kosovo, where 24 people were killed last March.",
                       DAY)
    assert not [e for e in events if e.code.startswith(("18", "19"))]
    events = code_text("The rebels opposed the deployment of the force until their demands are met.", DAY)
    assert not [e for e in events if e.code.startswith("08")]


def test_a_participle_describing_a_noun_is_no_reciprocal_event(coder):
    events = code_text("Brazil intercepted a ship in the channel, disputed by Argentina and Chile.", DAY)
    assert not [e for e in events if e.code.startswith("11")]


def test_a_place_is_a_target_only_when_no_actor_is(coder):
    e = first("Thousands of students blocked streets in Nairobi in defiance of American diplomats.")
    assert e.target.country == "USA"
    e = first("The government is prepared to impose martial law as riots raged in Nairobi.")
    assert e.target.code == "KEN"  # a time clause gives only its place


def test_a_possessive_of_the_sources_own_country_is_not_the_target(coder):
    e = first("Demonstrators in Nairobi blocked a road to show their anger at the American embassy.")
    assert e.source.country == "KEN" and e.target.country == "USA"
    e = first("Protesters in Kenya blocked a road to show their anger.")
    assert e.target.code == "KENGOV"  # their own government, not "their"


def test_up_to_a_number_is_still_the_object(coder):
    events = code_text("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town bazaar.", DAY)
    assert [(e.code, e.target and e.target.country) for e in events] == [("181", "RUS")]


def _claims(text):
    return [e for e in code_text(text, DAY) if e.modality in ("asserted", "reported", "planned")]


def test_has_to_and_needs_to_oblige_as_must_does(coder):
    events = _claims("The German chancellor said that Turkey has to withdraw its troops from Iraq.")
    assert [(e.code[:2], e.source.code, e.target.code) for e in events if e.code.startswith("10")] == [("10", "DEUGOV", "TUR")]
    assert not any(e.code.startswith("08") for e in events)  # what Turkey has to do has not happened
    # "needs to" is advice: an appeal
    events = _claims("Russia said Ukraine needs to hold talks with the rebels.")
    assert any(e.code.startswith("02") and e.source.code == "RUS" and e.target.code == "UKR" for e in events)
    assert not any(e.code.startswith("04") for e in events)
    # "had to" says what was done
    assert any(e.code.startswith("19") for e in _claims("Egypt said it had to close the border with Gaza."))


def test_must_be_ready_to_is_a_demand_not_an_intent(coder):
    events = _claims("The Egyptian president said the United States must be ready to mediate between Israel and Syria.")
    assert [(e.code, e.source.code, e.target.code) for e in events if e.code[:2] != "01"] == [("108", "EGYGOV", "USA")]


def test_an_announced_measure_is_taken_by_who_announces_it(coder):
    events = _claims("France announced a suspension of air links with Libya.")
    assert [(e.code[:2], e.source.code, e.target.code) for e in events] == [("16", "FRA", "LBY")]


def test_a_place_in_a_where_clause_is_not_the_source(coder):
    events = _claims("Serbian police raided villages in Kosovo, where dozens of people were killed on Monday.")
    assert not any(e.source is not None and e.source.code.startswith("XKX") for e in events)


def test_an_event_only_urged_is_not_asserted(coder):
    events = _claims("Britain urged NATO to attack Serbian forces.")
    assert events and all(e.code.startswith("02") for e in events)


def test_what_an_actor_had_done_in_a_relative_clause_is_background(coder):
    events = _claims("The rebels said they will release Prime Minister Chaudhry, whom they had taken hostage two weeks ago.")
    assert events and not any(e.code.startswith("18") for e in events)
    events = _claims("Turkey shelled rebels who control the border town, officials said.")
    assert any(e.code.startswith("19") for e in events) and not any(e.code[:2] in ("15", "19") and e.source
                                                                    and e.source.code.endswith("REB") for e in events)


def test_a_target_that_is_the_source_again_gives_way_to_the_threats_condition(coder):
    e = next(e for e in _claims("Israel threatened to ban voting in East Jerusalem if Hamas ran in the election.")
             if e.code.startswith("13"))
    assert e.source.code == "ISR" and e.target is not None and e.target.code.startswith("PSE")


def test_a_participle_on_the_object_of_an_event_is_background(coder):
    events = _claims("Kenyan police used tear gas to disperse students protesting the election results in Nairobi.")
    assert not any(e.code.startswith("14") for e in events)


def test_a_verb_joined_to_a_passive_takes_the_passives_subject(coder):
    events = code_text("The Iraqi minister was received by the Iranian president and signed an agreement on trade.", DAY)
    sign = next(e for e in events if e.code.startswith("05"))
    assert sign.source.code == "IRQGOV"


def test_a_decision_to_act_is_the_act_not_an_intent(coder):
    events = code_text("The Kenyan government decided to expel the Somali ambassador.", DAY)
    assert any(e.code.startswith("16") and e.modality == "asserted" for e in events), events
    assert not any(e.code.startswith(("03", "13")) for e in events)


def test_an_announced_measure_is_the_measure_but_a_conditional_one_a_threat(coder):
    announced = code_text("Germany announced it would suspend aid to Mali.", DAY)
    assert any(e.code.startswith("16") and e.modality == "planned" and e.target.code[:3] == "MLI" for e in announced)
    conditional = code_text("Germany announced it would suspend aid to Mali unless the junta holds elections.", DAY)
    assert any(e.code.startswith("13") for e in conditional) and not any(e.code.startswith("16") for e in conditional)


def test_a_protest_is_aimed_at_whom_its_purpose_clause_names(coder):
    events = code_text("Students in Cairo blocked a road to show their anger at the United States' policies.", DAY)
    protests = [e for e in events if e.code.startswith("14")]
    assert protests and protests[0].target is not None and protests[0].target.code[:3] == "USA", events


def test_a_participle_continuing_an_event_of_the_same_root_is_part_of_it(coder):
    events = code_text("Nigerian inmates rioted on Sunday at a prison in northern Ghana, setting fire to mattresses and "
                       "smashing furniture, police said.", DAY)
    assert len([e for e in events if e.code.startswith("14")]) == 1, events
    # it still names the victims the main event left as a bare country
    [attack] = [e for e in code_text("Ugandan troops attacked a Kenyan village, killing 20 Kenyan civilians.", DAY)
                if e.code.startswith(("18", "19"))]
    assert attack.target.code == "KENCVL", attack


def test_a_consultation_needs_a_second_side(coder):
    assert not [e for e in code_text("The Kenyan cabinet met on Monday.", DAY) if e.code.startswith("04")]
    met = [e for e in code_text("The Kenyan cabinet met Ugandan envoys on Monday.", DAY) if e.code.startswith("04")]
    assert met and met[0].target.code[:3] == "UGA"
    # two sides named as joined subjects still consult each other
    assert len([e for e in code_text("Kenya and Uganda held talks on Monday.", DAY) if e.code.startswith("04")]) == 2


def test_a_subject_that_parts_out_an_actor_takes_the_actor_of_its_of_phrase(coder):
    [e] = [e for e in code_text("Units of the Ethiopian army attacked Somali rebels.", DAY) if e.code.startswith(("18", "19"))]
    assert e.source is not None and e.source.code[:3] == "ETH", e
    # a right to do something is not an actor doing it
    assert not [e for e in code_text("Kenya defended the right of Ugandan troops to fire on militants.", DAY)
                if e.code.startswith("19") and e.modality == "asserted"]


def test_peacekeepers_arriving_keep_the_peace_rather_than_visit(coder):
    events = code_text("Ghanaian peacekeepers arrived in Liberia on Monday.", DAY)
    assert any(e.code == "074" and e.target.code[:3] == "LBR" for e in events), events
    assert any(e.code.startswith("042") for e in code_text("The Ghanaian president arrived in Liberia on Monday.", DAY))


def test_a_conditional_future_act_is_a_threat_made_now(coder):
    events = code_text("The African Union may halt its mediation efforts in Sudan if the fighting resumes.", DAY)
    assert any(e.code.startswith("13") and e.modality in ("asserted", "planned") for e in events), events
    assert not any(e.code.startswith("16") for e in events)


def test_a_reflexive_pronoun_is_never_another_side(coder):
    from newsevents.events.coder import SentenceCoder
    from newsevents.events.patterns import pattern_set
    from newsevents.nlp import load
    from newsevents.records import Actor

    # whatever a pronoun resolver makes of "themselves", it is the source again, not a target
    everyone = Actor(text="x", name=None, code="PSE", country="PSE", role=None)
    sc = SentenceCoder(pattern_set(), lambda tok: everyone, "d", 0, 0)
    doc = load()("Two bombers killed nine people as well as themselves.")
    assert sc._actor(next(t for t in doc if t.lower_ == "themselves")) is None
    assert sc._actor(next(t for t in doc if t.lower_ == "people")) is everyone


def test_of_two_subjects_a_misparse_hangs_on_a_verb_the_nearest_is_its_own(coder):
    events = code_text("Afghan youths resorted to throwing stones during demonstrations against the American troops, "
                       "witnesses said on Friday.", DAY)
    assert not any(e.code.startswith("01") and e.source and e.source.code[:3] == "AFG" for e in events), events


def test_the_object_of_an_object_control_verb_parsed_as_the_infinitives_subject(coder):
    events = code_text("The Kenyan electoral commission allowed opposition candidates to participate in the vote.", DAY)
    assert any(e.code.startswith("081") for e in events), events


def test_the_other_events_of_a_refused_clause_are_not_done(coder):
    events = code_text("Sudanese rebels refused to allow United Nations planes to land and evacuate the wounded.", DAY)
    assert any(e.code.startswith("124") for e in events), events  # refusing to admit them (1245)
    assert not any(e.code.startswith("07") and e.modality in ("asserted", "reported", "planned") for e in events), events


def test_a_nominal_events_nationality_adjective_is_its_source(coder):
    events = code_text("Kenyan riots against Ugandan border policies continued for a third day.", DAY)
    riots = [e for e in events if e.code.startswith("14")]
    assert riots and riots[0].source.code[:3] == "KEN" and riots[0].target.code[:3] == "UGA", events


def test_what_talks_are_about_is_not_done(coder):
    events = code_text("Ethiopia and Eritrea resumed negotiations on Monday on an Ethiopian troop withdrawal from Badme.", DAY)
    assert not any(e.code.startswith("08") and e.modality in ("asserted", "reported") for e in events), events
    assert any(e.code.startswith("04") for e in events)


def test_a_preposition_left_without_object_takes_the_noun_after_it(coder):
    events = code_text("Ecuador has granted diplomatic asylum to four Peruvian army officers holed up in a diplomatic "
                       "residence since last week's Chilean raid.", DAY)
    asylum = [e for e in events if e.code.startswith("07")]
    assert asylum and all(e.target.code[:3] == "PER" for e in asylum), events


def test_a_demand_whose_pattern_names_the_clause_is_aimed_at_the_clauses_subject(coder):
    events = code_text("Somali rebels issued a statement demanding that the Kenyan government disclose information on "
                       "the detainees.", DAY)
    demands = [e for e in events if e.code.startswith("10")]
    assert demands and demands[0].target is not None and demands[0].target.code == "KENGOV", events


def test_a_present_perfect_aside_on_the_subject_reports_news_about_it(coder):
    events = code_text("Turkish President Abdullah Gul, who has offered to mediate a solution to the Syrian crisis, met "
                       "Iranian President Mahmoud Ahmadinejad on Monday.", DAY)
    assert any(e.code == "039" and e.source.code[:3] == "TUR" for e in events), events
    # on an object it describes the object: background
    events = code_text("Syria condemned Israeli Prime Minister Ariel Sharon, who has vowed to attack Hezbollah.", DAY)
    assert not any(e.code.startswith(("13", "03")) and e.source and e.source.code[:3] == "ISR" for e in events), events


def test_financial_resources_given_are_economic_aid(coder):
    events = code_text("Norway provided financial resources to Tanzania for its health programme.", DAY)
    assert any(e.code == "071" and e.target.code[:3] == "TZA" for e in events), events


def test_an_attack_nobody_is_named_for_is_coded_to_unidentified_forces_of_its_country(coder):
    [e] = [e for e in code_text("Three Afghan soldiers were killed in Kabul on Monday.", DAY) if e.code.startswith(("18", "19"))]
    assert e.source is not None and e.source.code == "AFGUAF" and e.target.code == "AFGMIL", e
    # a named attacker stays the source
    events = code_text("Taliban fighters killed three Afghan soldiers in Kabul on Monday.", DAY)
    assert not any(e.source and e.source.code.endswith("UAF") for e in events), events


def test_what_a_demanded_statement_would_say_is_not_asserted(coder):
    events = code_text("Armenia's parliament demanded a formal admission by Ankara that Ottoman troops killed thousands "
                       "of Armenian civilians.", DAY)
    assert any(e.code.startswith("10") for e in events), events
    assert not any(e.code[:2] in ("18", "19", "20") and e.modality in ("asserted", "reported") for e in events), events


def test_a_purpose_clause_between_the_same_actors_is_the_acts_aim(coder):
    events = code_text("Egypt is ready to send military aid to help defend Sudan, the Egyptian foreign minister said.", DAY)
    assert [e.code for e in events] == ["0332"], events


def test_the_purpose_of_an_intended_act_is_intended(coder):
    from newsevents.events import modality as mod
    from newsevents.nlp import load

    doc = load()("Norway is willing to send equipment to help protect the border.")
    protect = next(t for t in doc if t.lemma_ == "protect")
    assert mod.modality(protect)[0] == "planned"
    doc = load()("Norway sent equipment to help protect the border.")
    assert mod.modality(next(t for t in doc if t.lemma_ == "protect"))[0] == "asserted"


def test_letting_a_rally_be_held_eases_restrictions_on_political_freedoms(coder):
    events = code_text("The Kenyan interior minister allowed opposition leader Raila Odinga to hold a rally in Nairobi.", DAY)
    assert any(e.code == "0811" and e.source.code[:3] == "KEN" for e in events), events


def test_a_protests_grievance_outranks_the_place_it_happens_in(coder):
    events = code_text("Inmates rioted at a jail in the Kenyan capital Nairobi on Monday joining hundreds of demonstrators "
                       "in demanding a referendum on independence from Ugandan rule.", DAY)
    riots = [e for e in events if e.code.startswith("14")]
    assert riots and riots[0].target.code[:3] == "UGA", events


def test_a_misparsed_second_subject_keeps_its_own_verb(coder):
    events = code_text("Afghan youths resorted to throwing stones during demonstrations against the American troops, "
                       "witnesses said on Friday.", DAY)
    protests = [e for e in events if e.code.startswith("14")]
    assert protests and protests[0].source.code[:3] == "AFG" and protests[0].target.code[:3] == "USA", events


def test_a_protest_described_as_what_another_act_stopped_takes_no_grievance(coder):
    events = code_text("Kenyan police prevented the demonstration staged by students to protest the sending of troops "
                       "to Somalia.", DAY)
    assert not any(e.code.startswith("14") and e.target and e.target.code[:3] == "SOM" for e in events), events


def test_an_agentless_attack_takes_the_nationality_of_the_strike_and_accidents_no_attacker(coder):
    [e] = [e for e in code_text("Three Iraqi policemen were killed in an American air strike in Falluja.", DAY)
           if e.code.startswith(("18", "19"))]
    assert e.source is not None and e.source.code[:3] == "USA", e
    events = code_text("Ten Kenyan villagers were killed in Kenya when a bus crashed.", DAY)
    assert not any(e.source and e.source.code.endswith("UAF") for e in events), events


def test_a_joined_verb_in_reported_speech_is_reported_future_as_its_first_conjunct(coder):
    from newsevents.events import modality as mod
    from newsevents.nlp import load

    doc = load()("Kenya said it would close the border and would expel the diplomats.")
    expel = next(t for t in doc if t.lemma_ == "expel")
    assert mod.modality(expel)[0] == "planned"


def test_two_different_acts_of_one_sentence_stay_two_events(coder):
    events = code_text("Kenya said it would close the border and would expel Somali diplomats.", DAY)
    assert len({e.code[:3] for e in events if e.code.startswith("13")}) == 2, events
    # the same act stated twice in one sentence is still one event
    events = code_text("Liberian riot police used tear gas to disperse demonstrators in Monrovia.", DAY)
    assert len([e for e in events if e.code.startswith("17")]) <= 1, events


def test_coordinated_actors_who_agree_to_cooperate_do_it_with_each_other(coder):
    from newsevents.pipeline import code_text

    text = ("Kenyan and Ugandan officials agreed that their countries would cooperate to help Somali refugees in "
            "Ethiopia return.")
    pairs = {(e.source.code, e.target.code) for e in code_text(text, "2012-03-07") if e.source and e.target}
    assert pairs == {("KENGOV", "UGAGOV"), ("UGAGOV", "KENGOV")}  # not with the refugees their purpose names
    # a partner named with "with" is the target
    text = "France and Germany agreed to cooperate with the United Nations."
    assert {e.target.code for e in code_text(text, "2012-03-07") if e.target} == {"IGOUNO"}
