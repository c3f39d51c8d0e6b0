"""Actor accuracy on a gold file (issue 3's figure).

Of the gold events the coder finds (a prediction claiming the event, with the gold root code, in the same
document), the share whose prediction has the right country part (first three letters of the actor code)
on both source and target. A second figure scores as `newsevents evaluate` does, where a gold side left
empty (an actor the gold does not code) accepts any prediction.

The gold's country parts are read through CAMEO_TO_ISO first: CAMEO-coded gold (the PLOVER GSR records)
keeps a few country codes of the CAMEO/KEDS tradition (JAP, ITL, VTN), and ISO 3166-1 codes since
withdrawn, where ISO 3166-1 alpha-3 (which the coder outputs, as issue 3 requires) has another code for the
same country; such a pair counts as the same country. Only the gold side is mapped, never our output.

    .venv/bin/python bench/actor_countries.py ../shared/eval/dev/plover_gsr_cameo.jsonl [--show]
"""

import argparse

from newsevents.evaluate import CAMEO_TO_ISO, CLAIMS, load_gold
from newsevents.pipeline import coder
from newsevents.records import Document

def gold_country(code: str | None) -> str:
    """The first three letters of a gold actor code, CAMEO country codes read as their ISO equivalent."""
    part = (code or "")[:3]
    return CAMEO_TO_ISO.get(part, part)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--show", action="store_true", help="print the events whose countries are wrong")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    c = coder()
    preds = {d.id: evs for d, evs in c.code_documents(Document(id=str(g["id"]), text=g["text"]) for g in gold)}
    found = right = right_any = 0
    for g in gold:
        claims = [e for e in preds[str(g["id"])] if e.modality in CLAIMS]
        for ge in g["events"]:
            candidates = [e for e in claims if e.code[:2] == str(ge["code"])[:2]]
            if not candidates:
                continue
            found += 1
            want = (gold_country(ge.get("source")), gold_country(ge.get("target")))
            got = [((e.source.code if e.source else "") or "")[:3] + "/" + ((e.target.code if e.target else "") or "")[:3]
                   for e in candidates]
            if any(all(w in ("", p) for w, p in zip(want, pair.split("/"))) for pair in got):
                right_any += 1
            if "/".join(want) in got:
                right += 1
            elif args.show:
                print(f"{'/'.join(want):9} predicted {got[:3]} | {g['text'][:100]}")
    print(f"gold events found (root code): {found}; right country part on both sides: {right} ({right / max(found, 1):.3f})")
    print(f"  with an empty gold side matching any prediction (as evaluate scores): {right_any} ({right_any / max(found, 1):.3f})")


if __name__ == "__main__":
    main()
