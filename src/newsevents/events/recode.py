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
    "06": "121", "061": "1211", "062": "1212", "063": "121", "064": "121",
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
