"""Merging: mentions of one event inside a document, and reports of one event across documents.

The corpus (tests/data/merge_corpus.jsonl) holds four clusters of three reports each of one event, in
different wording, order and detail, from different outlets, plus distractors: the same actors on another
day, and the same day with other actors. Each line's `gold` labels the events it reports with a cluster.
"""

from __future__ import annotations

import json
import random
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from newsevents.merge import Key, cluster, compatible, event_key, family, merge_document
from newsevents.records import Actor, Event, Location, Mention

CORPUS = Path(__file__).parent / "data" / "merge_corpus.jsonl"


# -- hand-built events ---------------------------------------------------------------------------------
def actor(code, country=None, role=None, person=None, org=None):
    return Actor(text=code or "", name=None, code=code, country=country, role=role, person=person, org=org)


NATO = actor("IGOWSTNAT", None, "IGO", org="NATO")
REBELS = actor("LBYREB", "LBY", "REB")
NTC = actor("LBYREB", "LBY", "REB", org="National Transitional Council")


def event(code, source, target, d=None, precision=None, *, doc="doc", start=0, modality="asserted",
          report=date(2011, 7, 6), place=None):
    m = Mention(doc, "s", start, start + 10, start, start + 4, "meet")
    loc = Location(place, rule="place:parse") if place else None
    return Event(f"{doc}-{start}", doc, code, code[:2], 1, 1.0, None, source, target, d, precision, report,
                 modality, None, loc, (m,), "r", ("pattern:r",), 0.5, "cameo.v1")


def test_intent_codes_join_the_family_they_announce():
    assert family("036") == family("043") == "04"
    assert family("033") == "07" and family("039") == "03" and family("190") == "19"


def test_worked_example_pair_becomes_one_event_with_the_specific_date():
    week = event("036", NATO, REBELS, date(2011, 7, 11), "week", start=389, modality="planned")
    day = event("036", NATO, NTC, date(2011, 7, 13), "day", start=612, modality="planned")
    [merged] = merge_document([week, day])
    assert merged.date == date(2011, 7, 13) and merged.date_precision == "day"
    assert [m.trigger_start for m in merged.mentions] == [389, 612]
    assert merged.target.org == "National Transitional Council"
    assert any(d.startswith("merge:within-document") for d in merged.rule_detail)
    assert merge_document([day, week])[0].event_id == merged.event_id  # order does not matter


def test_negated_and_asserted_statements_do_not_merge():
    a = event("040", NATO, REBELS, date(2011, 7, 13), "day")
    b = event("040", NATO, REBELS, date(2011, 7, 13), "day", start=50, modality="negated")
    assert len(merge_document([a, b])) == 2


def test_different_people_or_places_do_not_merge():
    clinton = actor("USAGOV", "USA", "GOV", person="Hillary Clinton")
    obama = actor("USAGOV", "USA", "GOV", person="Barack Obama")
    tur = actor("TURGOV", "TUR", "GOV")
    d = date(2011, 7, 15)
    assert not compatible(event_key(event("040", clinton, tur, d, "day")), event_key(event("040", obama, tur, d, "day")))
    assert compatible(event_key(event("040", clinton, tur, d, "day")),
                      event_key(event("040", actor("USAGOV", "USA", "GOV", person="Clinton"), tur, d, "day")))
    assert not compatible(event_key(event("040", clinton, tur, d, "day", place="Istanbul")),
                          event_key(event("040", clinton, tur, d, "day", place="Ankara")))


def test_symmetric_meetings_match_either_way_round():
    rus, zaf = actor("RUSGOV", "RUS", "GOV"), actor("ZAFGOV", "ZAF", "GOV")
    d = date(2011, 7, 4)
    assert compatible(event_key(event("046", rus, zaf, d, "day")), event_key(event("040", zaf, rus, d, "day")))
    assert not compatible(event_key(event("190", rus, zaf, d, "day")), event_key(event("190", zaf, rus, d, "day")))


def test_the_two_directions_of_a_reciprocal_event_stay_two_events_in_a_document():
    # CAMEO codes a reciprocal meeting or negotiation once per direction: merging inside a document drops neither
    rus, zaf = actor("RUSGOV", "RUS", "GOV"), actor("ZAFGOV", "ZAF", "GOV")
    d = date(2011, 7, 4)
    both = merge_document([event("046", rus, zaf, d, "day"), event("046", zaf, rus, d, "day", start=40)])
    assert sorted((e.source.code, e.target.code) for e in both) == [("RUSGOV", "ZAFGOV"), ("ZAFGOV", "RUSGOV")]
    # repeated mentions of one direction still merge, keeping the most specific code
    merged = merge_document([event("046", rus, zaf, d, "day"), event("040", rus, zaf, d, "day", start=80),
                             event("046", zaf, rus, d, "day", start=40)])
    assert sorted((e.source.code, e.target.code, e.code, len(e.mentions)) for e in merged) == [
        ("RUSGOV", "ZAFGOV", "046", 2), ("ZAFGOV", "RUSGOV", "046", 1)]


def test_a_vague_report_that_fits_two_events_stays_alone():
    mon = event("040", NATO, NTC, date(2011, 7, 11), "day", doc="a")
    wed = event("040", NATO, NTC, date(2011, 7, 13), "day", doc="b")
    week = event("040", NATO, REBELS, date(2011, 7, 11), "week", doc="c")
    clusters = cluster((e.doc_id, event_key(e)) for e in (mon, wed, week))
    assert sorted(len(c.refs) for c in clusters) == [1, 1, 1]
    only = cluster((e.doc_id, event_key(e)) for e in (mon, week))
    assert [sorted(c.refs) for c in only] == [["a", "c"]]


def test_clustering_is_the_same_in_any_order():
    rng = random.Random(7)
    actors = [NATO, REBELS, NTC, actor("LBYGOV", "LBY", "GOV"), actor("LBYMIL", "LBY", "MIL"), actor("LBY", "LBY"), None]
    items = []
    for n in range(300):
        d = date(2011, 7, 1 + rng.randrange(10))
        prec = rng.choice(["day", "day", "week", None])
        e = event(rng.choice(["036", "040", "046", "190", "195"]), rng.choice(actors[:-1]), rng.choice(actors),
                  d if prec else None, prec, doc=f"d{n}")
        items.append((e.doc_id, event_key(e)))
    expected = sorted(sorted(c.refs) for c in cluster(items))
    for _ in range(3):
        rng.shuffle(items)
        assert sorted(sorted(c.refs) for c in cluster(items)) == expected
    assert {c.event_id for c in cluster(items)} == {c.event_id for c in cluster(list(reversed(items)))}


def test_key_round_trips_through_json():
    k = event_key(event("036", NATO, NTC, date(2011, 7, 13), "day", place="Brussels"))
    assert Key.from_list(json.loads(json.dumps(k.as_list()))) == k


# -- the corpus, through the real pipeline and the store -----------------------------------------------
def _gold_matches(code: str, src: str | None, tgt: str | None, gold: dict) -> bool:
    if family(code) != gold["family"]:
        return False
    coded = [c[:3] for c in (src, tgt) if c]
    return bool(coded) and all(c in (gold["source"], gold["target"]) for c in coded)


def pairwise(store_path) -> dict:
    """Pairwise merge precision and recall over the coded events that report a gold event."""
    from newsevents.store import Store

    golds = {json.loads(line)["id"]: json.loads(line)["gold"] for line in CORPUS.read_text().splitlines()}
    _, rows = Store(store_path).execute(
        "SELECT e.doc_id, e.event_id, e.code, e.source_code, e.target_code, k.merged_id FROM events e "
        "JOIN merge_keys k USING (doc_key, event_id) ORDER BY e.doc_id, e.event_id")
    labelled = []
    for doc_id, event_id, code, src, tgt, merged in rows:
        hits = [g["cluster"] for g in golds[doc_id] if _gold_matches(code, src, tgt, g)]
        if hits:
            labelled.append((hits[0], merged))
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(labelled, 2):
        tp += g1 == g2 and p1 == p2
        fp += g1 != g2 and p1 == p2
        fn += g1 == g2 and p1 != p2
    gold_reports = sum(len(g) for g in golds.values())
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "pairs": tp + fp + fn, "labelled": len(labelled), "gold_reports": gold_reports}


def merged_events(store_path) -> list[tuple]:
    from newsevents.store import Store

    _, rows = Store(store_path).execute(
        "SELECT m.event_id, m.code, m.date, m.num_mentions, m.num_sources, m.num_articles, "
        "list(k.doc_key || '/' || k.event_id ORDER BY k.doc_key, k.event_id) FROM merged_events m "
        "JOIN merge_keys k ON k.merged_id = m.event_id GROUP BY ALL ORDER BY m.event_id")
    return rows


@pytest.fixture(scope="module")
def corpus_stores(tmp_path_factory, coder):
    from newsevents.ingest.run import IngestOptions, ingest

    lines = CORPUS.read_text().splitlines()
    base = tmp_path_factory.mktemp("merge")
    forward, backward = base / "forward.jsonl", base / "backward.jsonl"
    forward.write_text("\n".join(lines) + "\n")
    shuffled = list(reversed(lines))
    random.Random(3).shuffle(shuffled)
    backward.write_text("\n".join(shuffled) + "\n")
    a, b = base / "a.duckdb", base / "b.duckdb"
    ingest([str(forward)], str(a), IngestOptions(batch_size=64))
    ingest([str(backward)], str(b), IngestOptions(batch_size=3))  # small batches: merging is incremental
    return a, b


def test_corpus_pairwise_precision_and_recall(corpus_stores):
    score = pairwise(corpus_stores[0])
    print(f"\nmerge corpus: pairwise precision {score['precision']:.3f} recall {score['recall']:.3f} "
          f"({score['pairs']} pairs, {score['labelled']} of {score['gold_reports']} gold reports coded)")
    assert score["precision"] >= 0.9 and score["recall"] >= 0.9, score
    assert score["labelled"] >= 15, score


def test_reingesting_in_another_order_gives_the_same_events(corpus_stores):
    a, b = corpus_stores
    assert merged_events(a) == merged_events(b)
    assert pairwise(a) == pairwise(b)


def test_merged_events_count_mentions_outlets_and_articles(corpus_stores):
    rows = merged_events(corpus_stores[0])
    assert max(r[5] for r in rows) >= 3  # a cluster of three articles
    for event_id, code, d, mentions, sources, articles, members in rows:
        assert mentions >= articles >= 1 and sources <= articles and len(members) >= 1
