"""CAMEO's parallel structure, used to recode an event by how it is stated.

- An actor announcing its own future action expresses an intent (03x) for cooperative actions and makes a
  threat (13x) for coercive ones: "will give Tanzania a grant" is 0331, "will extend the curfew" is 1323.
- An event somebody says another actor must or should do is a demand (10x): "must step down" is 1041,
  "must reach an agreement" 107.
- An actor saying it will not do something refuses (12x): "will not accept any more refugees" is 1223.
- Stopping an action reduces relations or de-escalates (16x, 087): handled in the coder with STOP_CODES.

Each table maps a code to its counterpart; lookups fall back from the full code to its three-digit parent
and its root.
"""

from __future__ import annotations

INTENT = {
    "04": "036", "05": "032", "051": "032", "057": "030",
    "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "033",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "0841": "0353", "0842": "0353", "085": "0354", "086": "0355", "087": "0356",
    # coercion announced is a threat
    "16": "131", "161": "1313", "162": "1311", "1621": "1311", "1622": "1311", "1623": "1311", "163": "1312",
    "164": "134", "165": "135", "166": "136", "1661": "136", "1662": "136", "1663": "136",
    "17": "137", "171": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "173": "137", "174": "137", "175": "137",
    "18": "1383", "19": "138", "190": "1384", "191": "1381", "192": "1382", "193": "1384", "194": "1384",
    "195": "1384", "20": "1385",
}

DEMAND = {
    "04": "106", "040": "106", "043": "106", "044": "106", "046": "106", "045": "108",
    "05": "102", "057": "107", "036": "106",
    "06": "101", "061": "1011", "062": "1012", "063": "1013", "064": "1014",
    "07": "103", "071": "1031", "072": "1032", "073": "1033", "074": "1034",
    "08": "105", "080": "105", "081": "1051", "082": "1052", "083": "104", "0831": "1041", "0832": "1042",
    "0833": "1043", "0834": "1044", "084": "1053", "0841": "1053", "0842": "1053", "085": "1054", "086": "1055",
    "087": "1056", "0871": "1056", "0872": "1056", "0873": "1056", "0874": "1056",
    "03": "100", "035": "105", "034": "104", "0341": "1041", "0342": "1042", "0343": "1043", "0344": "1044",
}


REFUSE = {
    "04": "125", "045": "126", "05": "120", "057": "127", "03": "120",
    "06": "121", "061": "1211", "062": "1212", "063": "1213", "064": "1214",
    "07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224", "075": "122",
    "08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232", "0833": "1233",
    "0834": "1234", "084": "1243", "0841": "1243", "0842": "1243", "085": "1244", "086": "1245", "087": "1246",
}


def _lookup(table: dict[str, str], code: str) -> str | None:
    return table.get(code) or table.get(code[:3]) or table.get(code[:2])


def intent_code(code: str) -> str | None:
    """The intent (03x) or threat (13x) code for announcing `code` as one's own future action, or None."""
    if code.startswith(("03", "13")):
        return None
    return _lookup(INTENT, code)


def demand_code(code: str) -> str | None:
    """The demand (10x) code for saying another actor must do `code`, or None."""
    return _lookup(DEMAND, code)


def refusal_code(code: str) -> str | None:
    """The refusal (12x) code for an actor saying it will not do `code`, or None."""
    return _lookup(REFUSE, code)


def appeal_code(code: str) -> str | None:
    """The appeal (02x) code for asking another actor to do `code`: the demands' mirror (106 -> 026)."""
    demand = demand_code(code)
    return "02" + demand[2:] if demand else None


# what a generic verbal act becomes when its complement clause names the action
REFINE = {"020": appeal_code, "100": demand_code, "030": intent_code, "130": intent_code, "120": refusal_code}


def refine(generic: str, inner: str) -> str | None:
    """The specific code for a generic appeal, demand, intent, threat or refusal whose content is `inner`."""
    f = REFINE.get(generic)
    if f is None:
        return None
    code = f(inner)
    if code is None:
        return None
    if generic == "130" and not code.startswith("13"):
        return None  # threatening a cooperative act is no threat code
    if generic == "030" and not code.startswith("03"):
        return None
    return code


# -- what a protest, demand or reform event is about --------------------------------------------------
# CAMEO splits political-reform events four ways by their aim, with the same last digit in every family:
# 1 a change in leadership, 2 a policy change, 3 rights, 4 a change in institutions or regime
# ("demonstrate for rights" 1413, "demand policy change" 1042, "hunger strike for leadership change" 1421).
AIM_FAMILIES = frozenset("024 034 083 104 123 141 142 143 144 145".split())
AIM_WORDS = {
    "1": frozenset(
        "resignation resign removal remove ouster oust reinstatement reinstate impeachment impeach abdication "
        "abdicate dismissal sacking leadership".split()
    ),
    "2": frozenset(
        "policy bill law legislation measure reform tax price budget subsidy privatization "
        "privatisation austerity".split()
    ),
    "3": frozenset(
        "right freedom liberty arrest detention imprisonment jailing violation abuse repression crackdown torture "
        "censorship discrimination persecution".split()
    ),
    "4": frozenset(
        "independence referendum autonomy democracy democratic constitution constitutional election electoral "
        "regime self-determination secession sovereignty federalism statehood judiciary institution".split()
    ),
}


def aim_class(lemma: str) -> str | None:
    """The CAMEO aim digit (1-4) that a word names, or None."""
    for digit, words in AIM_WORDS.items():
        if lemma in words:
            return digit
    return None


def aim_code(code: str, digit: str) -> str | None:
    """'141' with a rights aim is 1413; only the four-way reform families take an aim."""
    return code + digit if code in AIM_FAMILIES else None


def aim_of_inner(code: str) -> str | None:
    """The aim digit of an event asked or protested for: 'must resign' (0831) is a leadership change."""
    demand = demand_code(code)
    if demand and demand.startswith("104") and len(demand) == 4:
        return demand[3]
    return None


# -- how an attack was carried out -----------------------------------------------------------------------
# The generic assault and attack codes (190, 180) become the codebook's weapon codes when the sentence
# names the means: bombs are unconventional violence (183, car bombs 1832, roadside bombs 1833, suicide
# bombings 1831), aircraft are aerial weapons (195), artillery and tanks 194.
BOMB_WORDS = frozenset("bomb bombing bomber explosion blast explosive ied".split())
AIR_WORDS = frozenset("aircraft warplane airplane plane jet helicopter gunship drone airstrike air-strike".split())
ARTILLERY_WORDS = frozenset("artillery tank howitzer".split())
MEANS_CODES = frozenset({"190", "180"})


def means_code(words: set[str]) -> str | None:
    """The weapon code for the words that describe an attack's means (nouns and their modifiers)."""
    if words & BOMB_WORDS:
        if "suicide" in words:
            return "1831"
        if words & {"car", "vehicle", "truck", "lorry"}:
            return "1832"
        if words & {"roadside", "ied", "improvised"}:
            return "1833"
        return "183"
    if words & AIR_WORDS or ("air" in words and words & {"strike", "raid", "attack"}):
        return "195"
    if words & ARTILLERY_WORDS:
        return "194"
    return None
