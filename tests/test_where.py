"""Where: the offline gazetteer, places read from the parse, the dateline fallback and ambiguous names."""

from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc

from newsevents.clean import clean
from newsevents.gazetteer import build, gazetteer, key
from newsevents.records import Actor, Document, EventMention, Location, Mention
from newsevents.where import Context, document_place, find_place, place_mention, story_countries


@pytest.fixture(scope="module")
def g():
    return gazetteer()


# -- the gazetteer ------------------------------------------------------------------------------------------
# (name, story countries, expected country, feature)
NAMES = [
    ("Tripoli", [], "LBY", "city"),
    ("Tripoli", ["LBY"], "LBY", "city"),
    ("Tripoli", ["LBN"], "LBN", "city"),
    ("Paris", [], "FRA", "city"),
    ("Paris", ["USA"], "FRA", "city"),  # Paris, Texas is not thirty times smaller ... it is eighty
    ("Birmingham", ["USA"], "USA", "city"),
    ("Birmingham", ["GBR"], "GBR", "city"),
    ("Geneva", [], "CHE", "city"),
    ("Washington", [], "USA", "city"),
    ("New York", [], "USA", "city"),
    ("Kiev", [], "UKR", "city"),
    ("Misrata", [], "LBY", "city"),
    ("São Paulo", [], "BRA", "city"),
    ("Sao Paulo", [], "BRA", "city"),
    ("Quebec", [], "CAN", "city"),
    ("Georgia", [], "GEO", "country"),
    ("Lebanon", [], "LBN", "country"),
    ("Libya", [], "LBY", "country"),
    ("the United States", [], "USA", "country"),
    ("Britain", [], "GBR", "country"),
    ("Kosovo", [], "XKX", "country"),
    ("Punjab", [], "PAK", "admin"),
    ("Punjab", ["IND"], "IND", "admin"),
    ("Texas", [], "USA", "admin"),
    ("Crimea", [], "UKR", "admin"),
    ("Europe", [], None, "region"),
    ("Middle East", [], None, "region"),
]


@pytest.mark.parametrize("name,story,country,feature", NAMES)
def test_names_resolve_by_story_countries_then_population(g, name, story, country, feature):
    place = g.resolve(name, Counter({c: 2 for c in story}))
    assert place is not None and (place.country, place.feature) == (country, feature), place


def test_every_place_has_a_point_and_every_country_a_centroid(g):
    assert all(p.lat is not None and p.lon is not None for p in g.places)
    brussels = g.resolve("Brussels")
    assert (brussels.name, brussels.country) == ("Brussels", "BEL")
    assert abs(brussels.lat - 50.85) < 0.1 and abs(brussels.lon - 4.35) < 0.1
    libya = g.country("LBY")
    assert libya.feature == "country" and 20 < libya.lat < 30 and 10 < libya.lon < 25


def test_adjectives_and_capitals(g):
    assert g.adjective("European").name == "Europe"
    assert g.adjective("Libyan").country == "LBY"
    assert g.capital("LBY").name == "Tripoli"


def test_unknown_and_lowercase_words_are_not_places(g):
    assert g.resolve("Nowhereville-on-Sea") is None
    assert key("The Gaza Strip") == key("Gaza Strip") == "gaza strip"


def test_users_places_files_extend_the_gazetteer(tmp_path):
    extra = tmp_path / "my_places.tsv"
    extra.write_text("id\tname\taliases\tadjectives\tfeature\tcountry\tlat\tlon\tpopulation\n"
                     "camp:zaatari\tZaatari\tZa'atari|Zaatari camp\t\tcity\tJOR\t32.29\t36.32\t80000\n", encoding="utf-8")
    g2 = build(min_population=15000, extra_files=(str(extra),))
    place = g2.resolve("Za'atari")
    assert (place.name, place.country, place.feature) == ("Zaatari", "JOR", "city")


def test_the_gazetteer_is_loaded_once_per_process(g):
    assert gazetteer() is g
    assert g.size["city"] > 60000 and g.size["country"] >= 249 and g.load_seconds < 30


# -- places from the parse, in context (real model) ------------------------------------------------------------
# (sentence, event head, story countries, expected name, country, feature); None: no place in the parse
PLACES = [
    ("At a Brussels news conference, Rasmussen characterized the alliance's July 13 meeting as an opportunity.", "meeting", None, "Brussels", "BEL", "city"),
    ("Officials met at talks in Geneva on Tuesday.", "met", None, "Geneva", "CHE", "city"),
    ("Rebels attacked government forces in Benghazi.", "attacked", None, "Benghazi", "LBY", "city"),
    ("Rebels attacked government forces in Tripoli.", "attacked", ["LBY"], "Tripoli", "LBY", "city"),
    ("Gunmen attacked an army post in Tripoli.", "attacked", ["LBN"], "Tripoli", "LBN", "city"),
    ("Gunmen attacked an army post in Tripoli.", "attacked", None, "Tripoli", "LBY", "city"),
    ("Rebels attacked government forces in the Libyan capital.", "attacked", None, "Tripoli", "LBY", "city"),
    ("Troops fired on protesters in Syria's capital.", "fired", None, "Damascus", "SYR", "city"),
    ("The rebels are advancing militarily in Libya.", "advancing", None, "Libya", "LBY", "country"),
    ("Government officials have been meeting opposition members in various European cities.", "meeting", None, "Europe", None, "region"),
    ("Obama visited Kabul on Friday.", "visited", None, "Kabul", "AFG", "city"),
    ("The foreign minister travelled to Moscow for talks.", "travelled", None, "Moscow", "RUS", "city"),
    ("In Benghazi, rebel leaders rejected the offer.", "rejected", None, "Benghazi", "LBY", "city"),
    ("Police arrested dozens of protesters outside the parliament in Kiev.", "arrested", None, "Kyiv", "UKR", "city"),
    ("Police arrested dozens of protesters in Kyiv.", "arrested", None, "Kyiv", "UKR", "city"),
    ("Iranian boats harassed a tanker in the Gulf.", "harassed", None, "Persian Gulf", None, "region"),
    ("The two presidents met in Washington.", "met", None, "Washington", "USA", "city"),
    ("Protesters clashed with police in Paris.", "clashed", None, "Paris", "FRA", "city"),
    ("Protesters clashed with police in Paris.", "clashed", ["USA"], "Paris", "FRA", "city"),
    ("Police arrested the suspect in Birmingham.", "arrested", ["GBR"], "Birmingham", "GBR", "city"),
    ("Police arrested the suspect in Birmingham.", "arrested", ["USA"], "Birmingham", "USA", "city"),
    ("Militants attacked a checkpoint in Hyderabad.", "attacked", ["PAK"], "Hyderabad", "PAK", "city"),
    ("Militants attacked a checkpoint in Hyderabad.", "attacked", ["IND"], "Hyderabad", "IND", "city"),
    ("Protesters marched in Valencia.", "marched", ["VEN"], "Valencia", "VEN", "city"),
    ("Protesters marched in Valencia.", "marched", ["ESP"], "Valencia", "ESP", "city"),
    ("Talks were held in Alexandria.", "held", ["EGY"], "Alexandria", "EGY", "city"),
    ("Troops clashed with militants in Punjab.", "clashed", ["IND"], "Punjab", "IND", "admin"),
    ("Troops clashed with militants in Punjab.", "clashed", ["PAK"], "Punjab", "PAK", "admin"),
    ("Russia annexed territory in Crimea.", "annexed", None, "Crimea", "UKR", "admin"),
    ("Separatists fought government troops in Donbas.", "fought", None, "Donbas", "UKR", "admin"),
    ("Militias attacked villages in Darfur.", "attacked", None, "Darfur", "SDN", "admin"),
    ("Israel launched air strikes in the Gaza Strip.", "launched", None, "Gaza Strip", "PSE", "admin"),
    ("Soldiers raided homes in the West Bank.", "raided", None, "West Bank", "PSE", "admin"),
    ("Voters protested in Texas.", "protested", None, "Texas", "USA", "admin"),
    ("The governor met union leaders in California.", "met", None, "California", "USA", "admin"),
    ("Separatists rallied in Catalonia.", "rallied", None, "Catalonia", "ESP", "admin"),
    ("Government forces attacked rebels in Tigray.", "attacked", None, "Tigray", "ETH", "admin"),
    ("The army fought insurgents in Helmand.", "fought", None, "Helmand", "AFG", "admin"),
    ("Students demonstrated in Tehran.", "demonstrated", None, "Tehran", "IRN", "city"),
    ("Protesters gathered in Cairo.", "gathered", None, "Cairo", "EGY", "city"),
    ("The ministers met in Beijing.", "met", None, "Beijing", "CHN", "city"),
    ("The envoy arrived in Damascus.", "arrived", None, "Damascus", "SYR", "city"),
    ("The two sides signed a ceasefire in Minsk.", "signed", None, "Minsk", "BLR", "city"),
    ("Leaders signed the accord in Doha.", "signed", None, "Doha", "QAT", "city"),
    ("Police detained activists in Istanbul.", "detained", None, "Istanbul", "TUR", "city"),
    ("Troops opened fire on demonstrators in Homs.", "opened", ["SYR"], "Homs", "SYR", "city"),
    ("Security forces killed protesters in Misrata.", "killed", None, "Misratah", "LBY", "city"),
    ("The militia attacked a convoy near Sirte.", "attacked", None, "Sirte", "LBY", "city"),
    ("Thousands protested across Egypt.", "protested", None, "Egypt", "EGY", "country"),
    ("Pakistani forces shelled villages in Afghanistan.", "shelled", None, "Afghanistan", "AFG", "country"),
    ("The UN deployed peacekeepers in South Sudan.", "deployed", None, "South Sudan", "SSD", "country"),
    ("Opposition leaders met in Georgia.", "met", None, "Georgia", "GEO", "country"),
    ("Rebels seized a town in Mali.", "seized", None, "Mali", "MLI", "country"),
    ("The summit took place in Lisbon.", "took", None, "Lisbon", "PRT", "city"),
    ("The talks in Vienna collapsed.", "talks", None, "Vienna", "AUT", "city"),
    ("The Geneva talks collapsed.", "talks", None, "Geneva", "CHE", "city"),
    ("At a Moscow press conference, Lavrov criticized the sanctions.", "criticized", None, "Moscow", "RUS", "city"),
    ("Police used tear gas against protesters in Hong Kong.", "used", None, "Hong Kong", "HKG", "country"),
    ("The president spoke at a rally in New York.", "spoke", None, "New York City", "USA", "city"),
    ("The army deployed troops in Quebec.", "deployed", ["CAN"], "Québec", "CAN", "city"),
    ("Rebels attacked the embassy in Sanaa.", "attacked", None, "Sanaa", "YEM", "city"),
    ("NATO aircraft bombed targets near Brega.", "bombed", None, None, None, None),  # too small for the city list
    ("The minister criticized the decision in an interview.", "criticized", None, None, None, None),
    ("He demanded in power that the rebels leave.", "demanded", None, None, None, None),
    ("Officials met on Monday.", "met", None, None, None, None),
]


def test_the_place_table_is_large_enough():
    assert len([p for p in PLACES if p[3]]) >= 60
    assert len({p[0].split(" in ")[-1] for p in PLACES if p[2]}) >= 6  # ambiguous names in context


@pytest.mark.parametrize("sentence,head,story,name,country,feature", PLACES)
def test_places_from_the_parse_in_context(coder, g, sentence, head, story, name, country, feature):
    doc = coder.nlp(sentence)
    tok = next(t for t in doc if t.text == head)
    found = find_place(tok, g, Counter({c: 2 for c in story or []}))
    got = (found[1].name, found[1].country, found[1].feature) if found else (None, None, None)
    assert got == (name, country, feature), found


def test_a_hand_built_parse_needs_no_model(g):
    words = ["Rebels", "attacked", "forces", "in", "Tripoli", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 1, 3, 1], deps=["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
              pos=["NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"], ents=["O", "O", "O", "O", "B-GPE", "O"])
    text, place, rule = find_place(doc[1], g, Counter({"LBN": 3}))
    assert (text, place.country, rule) == ("Tripoli", "LBN", "place:parse")
    text, place, rule = find_place(doc[1], g, Counter())
    assert place.country == "LBY"


# -- the document's own place and the pipeline step -----------------------------------------------------------
def test_document_place_from_dateline_then_caption(g):
    dated = clean(Document(id="a", text="TRIPOLI, Libya (Reuters) - Rebels said on Monday they had taken the town."))
    assert dated.dateline_place == "Tripoli"
    loc = document_place(dated, Counter({"LBY": 1}), g)
    assert (loc.name, loc.country, loc.rule) == ("Tripoli", "LBY", "place:dateline")
    caption = clean(Document(id="b", text="The secretary-general listens to a question at the Residence Palace in "
                             "Brussels, July 6, 2011\n\nNATO will meet the rebels next week, the official said today."))
    loc = document_place(caption, Counter(), g)
    assert (loc.name, loc.country, loc.feature, loc.rule) == ("Brussels", "BEL", "city", "place:caption")
    assert document_place(clean(Document(id="c", text="Nothing here tells a place at all, it says.")), Counter(), g) is None


def _mention(head_index: int, source=None, target=None) -> EventMention:
    span = Mention("d", "s", 0, 1, 0, 1, "x")
    return EventMention(doc_id="d", code="190", source=source, target=target, modality="asserted", mention=span,
                        rule="p", head_index=head_index)


def _actor(country):
    return Actor(text="x", name="x", code=(country or "IGO") + "GOV", country=country, role="GOV")


def test_place_mention_falls_back_to_the_document_place(coder):
    doc = coder.nlp("Rebels attacked government forces on Monday.")
    fallback = Location("Brussels", "BEL", 50.85, 4.35, "city", "place:dateline")
    m = place_mention(_mention(1), doc, Context(Counter(), fallback))
    assert m.location == fallback and m.rule_detail[-1] == "place:dateline:Brussels"
    assert place_mention(_mention(1), doc, Context(Counter(), None)).location is None
    doc2 = coder.nlp("Rebels attacked government forces in Benghazi.")
    m2 = place_mention(_mention(1), doc2, Context(Counter(), fallback))
    assert (m2.location.name, m2.location.country, m2.location.rule) == ("Benghazi", "LBY", "place:parse")
    assert m2.rule_detail[-1].startswith("place:parse:Benghazi->geonames:")


def test_story_countries_count_nationalities_and_unambiguous_places(coder):
    parsed = [(0, 0, coder.nlp("Libyan rebels met in Benghazi while Lebanese officials watched from Tripoli."))]
    story = story_countries(parsed)
    assert story["LBY"] == 2 and story["LBN"] == 1  # Tripoli, ambiguous, casts no vote


@pytest.mark.parametrize("story,country", [
    ("Libyan rebels said government troops had shelled the port city.", "LBY"),
    ("Lebanese officials said Syrian-backed gunmen had shelled the northern port city.", "LBN"),
])
def test_tripoli_is_resolved_by_the_story_it_is_in(coder, story, country):
    from newsevents.pipeline import code_text

    events = code_text(story + " Militias clashed with the army in Tripoli on Monday.", "2011-07-06")
    placed = [e.location for e in events if e.location and e.location.name == "Tripoli"]
    assert placed and all(loc.country == country and loc.rule == "place:parse" for loc in placed), events


def test_the_document_place_is_not_given_to_events_between_other_countries(coder):
    doc = coder.nlp("The two presidents held talks on Monday.")
    fallback = Location("Brussels", "BEL", 50.85, 4.35, "city", "place:caption")
    ctx = Context(Counter(), fallback)
    assert place_mention(_mention(3, _actor("RUS"), _actor("ZAF")), doc, ctx).location is None
    assert place_mention(_mention(3, _actor("BEL"), _actor("ZAF")), doc, ctx).location == fallback
    assert place_mention(_mention(3, _actor(None), _actor("LBY")), doc, ctx).location == fallback


def test_unnamed_victims_are_civilians_of_the_country_the_violence_happens_in(coder):
    from newsevents.pipeline import code_text

    story = ("Syrian officials met in Damascus on Monday. Syria's government said the talks went well. "
             "Gunmen killed nine people on Tuesday in Beirut, police said.")
    [kill] = [e for e in code_text(story, "2012-03-07") if e.root_code in ("18", "19", "20")]
    assert kill.location is not None and kill.location.country == "LBN"
    assert kill.target is not None and kill.target.code == "LBNCVL"
    assert "country:event-place" in kill.target.rules and "country:story" not in kill.target.rules
    # where the sentence names the victims' country, that stays
    [named] = [e for e in code_text(story.replace("nine people", "nine Syrian workers"), "2012-03-07")
               if e.root_code in ("18", "19", "20")]
    assert named.target is not None and named.target.country == "SYR"
