from newsevents.evaluate import score_gold, score_reference

GOLD = [
    {"id": "a", "text": "x", "events": [{"source": "USAGOV", "target": "RUSGOV", "code": "042"}]},
    {"id": "b", "text": "y", "events": [{"source": "FRAGOV", "target": "DEUGOV", "code": "036"},
                                        {"source": None, "target": None, "code": "190"}]},
]


def ev(src, tgt, code, modality="asserted"):
    return {"source": {"code": src} if src else None, "target": {"code": tgt} if tgt else None,
            "code": code, "modality": modality}


def test_perfect_predictions_score_one():
    preds = {"a": [ev("USAGOV", "RUSGOV", "042")], "b": [ev("FRAGOV", "DEUGOV", "036"), ev("ISRMIL", None, "193")]}
    r = score_gold(GOLD, preds, "root")
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (3, 0, 0)
    assert r.overall.f1 == 1.0


def test_code_level_is_stricter_than_root_level():
    preds = {"a": [ev("USAGOV", "RUSGOV", "043")]}
    assert score_gold(GOLD[:1], preds, "root").overall.tp == 1
    assert score_gold(GOLD[:1], preds, "code").overall.tp == 0


def test_wrong_actor_is_a_miss_and_a_false_event():
    r = score_gold(GOLD[:1], {"a": [ev("CHNGOV", "RUSGOV", "042")]}, "root")
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (0, 1, 1)
    assert r.misses[0]["id"] == "a" and r.false_events[0]["predicted"]["source"] == "CHN"


def test_cameo_country_codes_in_the_gold_are_read_as_iso():
    gold = [{"id": "j", "text": "x", "events": [{"source": "JAPGOV", "target": "ITLGOV", "code": "036"}]}]
    r = score_gold(gold, {"j": [ev("JPNGOV", "ITAGOV", "036")]}, "code")
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (1, 0, 0)
    # only the gold side is read: a prediction in CAMEO's codes is no ISO code
    r = score_gold(gold, {"j": [ev("JAPGOV", "ITLGOV", "036")]}, "code")
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (0, 1, 1)


def test_negated_and_speculative_output_is_neither_found_nor_false():
    preds = {"a": [ev("USAGOV", "RUSGOV", "042", "negated"), ev("USAGOV", "RUSGOV", "042", "speculative")]}
    r = score_gold(GOLD[:1], preds, "root")
    assert (r.overall.tp, r.overall.fp, r.overall.fn) == (0, 0, 1)


def test_reference_scoring_accepts_listed_codes_and_igo_actors():
    ref = {
        "events": [
            {"id": "E1", "required": True, "codes": ["036", "040"],
             "source": {"country": None, "role": "IGO"}, "target": {"country": "LBY", "role": "REB"}},
            {"id": "E2", "required": True, "codes": ["054"], "source": {"country": "FRA", "role": "GOV"},
             "target": {"country": "LBY", "role": "OPP"}},
        ],
        "must_not_assert": [{"evidence": ["reports that the leader is exploring options to step down"]}],
    }
    mention = {"trigger": "step", "sentence": "They denied reports that the leader is exploring options to step down."}
    preds = [
        {"code": "040", "modality": "planned", "source": {"code": "IGOWSTNAT", "country": None, "role": "IGO"},
         "target": {"code": "LBYREB", "country": "LBY", "role": "REB"}, "mentions": [{"trigger": "meet", "sentence": "s"}]},
        {"code": "0861", "modality": "asserted", "source": {"code": "LBYGOV", "country": "LBY"}, "target": None,
         "mentions": [mention]},
    ]
    result = score_reference(preds, ref)
    assert result["found"] == ["E1"] and result["missed"] == ["E2"]
    assert len(result["violations"]) == 1
    preds[1]["modality"] = "speculative"
    assert score_reference(preds, ref)["violations"] == []
