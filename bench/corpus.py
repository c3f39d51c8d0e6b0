"""A seeded generator of news-like political articles, for timing the pipeline (`bench/run.py`).

    python bench/corpus.py OUT.jsonl [--docs 5000] [--seed 8] [REAL.txt ...]

Each article is JSON Lines (`id`, `title`, `date`, `source`, `text`), 200 to 1,500 words (lengths drawn
from a log-normal around 600 words, like wire copy), paragraphs of one to four sentences after a dateline.
Seven in ten are political stories; the rest are other news (business, sport, weather, science), as a news
stream is. In the political ones, sentences mix in proportions close to political wire stories:

- events between actors (countries, nationality + role, organisations, invented officials with titles),
  with verbs from every CAMEO family, in active, passive, reported and planned forms, dated and placed;
- quotes and attributions ("he said", "X told reporters");
- context that names people and places but states no event ("X, 54, was appointed in 2019");
- background with no actor at all (economy, weather, history, figures).

Names of people, towns and numbers are drawn fresh for every document, so no two documents are alike and
the parser meets new words all the time (as it does on real news: memory must stay flat anyway). Real text
files given on the command line are appended as documents of their own.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from newsevents.dictionaries import data_path, read_tsv

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST = ["Ahmed", "Maria", "Sergei", "Li", "Fatima", "John", "Elena", "Omar", "Priya", "Carlos", "Amina", "Yusuf",
         "Ingrid", "Kofi", "Hassan", "Olga", "Dmitri", "Aisha", "Pedro", "Mei", "Ibrahim", "Sofia", "Tomas", "Leila",
         "Nikolai", "Grace", "Javier", "Nadia", "Viktor", "Hana", "Samuel", "Irina", "Mustafa", "Ana", "Kwame",
         "Lucia", "Rashid", "Anna", "Tariq", "Marta"]
SYLLABLES = ["ka", "lo", "vi", "ran", "set", "mu", "dor", "ba", "ne", "shi", "tal", "ko", "ri", "zan", "pel",
             "gor", "an", "ti", "mer", "os", "lu", "dez", "ha", "vo", "qui", "nak", "sa", "bel", "tor", "ein"]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defense Minister", "Interior Minister",
          "Finance Minister", "opposition leader", "rebel commander", "army chief", "government spokesman",
          "Justice Minister", "Trade Minister", "ambassador", "police chief", "senior official"]
GROUP_ROLES = ["troops", "police", "officials", "protesters", "lawmakers", "diplomats", "rebels", "security forces",
               "soldiers", "militants", "activists", "authorities", "prosecutors", "students", "farmers",
               "opposition supporters", "border guards", "judges", "doctors", "workers"]
ORGS = ["NATO", "the United Nations", "the European Union", "the African Union", "the World Bank",
        "the International Monetary Fund", "the UN Security Council", "Amnesty International",
        "Human Rights Watch", "the Red Cross", "the Arab League", "the World Health Organization",
        "the International Criminal Court", "the International Atomic Energy Agency", "ASEAN", "OPEC"]
TOWN_PARTS = ["Al", "Ban", "Kar", "Nor", "Tel", "San", "Mes", "Dur", "Ash", "Gol", "Ver", "Pol"]
TOWN_ENDS = ["abad", "ovo", "grad", "ville", "pur", "stan", "ia", "ek", "ara", "hem", "ona", "ul"]

# (template, kind); {s} source, {o} target, {c} place, {d} date phrase, {p} person, {n} number
EVENTS = [
    "{s} met {o} in {c} {d} to discuss the crisis.",
    "{s} held talks with {o} {d}, according to a statement.",
    "{s} accused {o} of violating the ceasefire agreement {d}.",
    "{s} condemned the attack on {o} as an act of terror.",
    "{s} attacked positions held by {o} near {c} {d}, killing at least {n} people.",
    "{s} called on {o} to release the detained journalists.",
    "{s} signed a trade agreement with {o} in {c} {d}.",
    "{s} will visit {c} next week for talks with {o}, officials said.",
    "{s} imposed new sanctions on {o} {d}.",
    "{s} rejected a proposal from {o} to hold early elections.",
    "{s} promised economic aid worth {n} million dollars to {o}.",
    "{s} arrested {n} supporters of {o} in {c} {d}.",
    "{s} threatened {o} with retaliation if the shelling continued.",
    "{s} praised {o} for its role in the negotiations.",
    "{s} expelled two diplomats of {o} {d}.",
    "{s} urged {o} to return to the negotiating table.",
    "{s} demanded that {o} withdraw its forces from {c}.",
    "{s} denied the accusations made by {o}.",
    "{s} warned {o} against any further escalation.",
    "{s} agreed with {o} to reopen the border crossing near {c}.",
    "{s} sent troops to {c} {d} after clashes with {o}.",
    "{s} was attacked by {o} near {c} {d}.",
    "{s} fired rockets at {o} {d}, the military said.",
    "{s} offered to mediate between {o} and the government.",
    "{s} welcomed the decision by {o} to lift the blockade.",
    "{s} criticized {o} for the crackdown on protesters in {c}.",
    "{s} pledged to cooperate with {o} on border security.",
    "{s} plans to meet {o} in {c} later this month.",
    "{s} hosted {o} in {c} {d} for a two-day summit.",
    "{s} apologized to {o} for the incident near {c}.",
    "{s} blamed {o} for the bombing in {c} that killed {n} people.",
    "{s} recalled its ambassador from {o} {d}.",
    "{s} refused to negotiate with {o} until the hostages are freed.",
    "{s} appealed to {o} for humanitarian assistance.",
    "{s} seized weapons from {o} during a raid in {c}.",
    "{s} deployed additional forces to {c} to counter {o}.",
    "{s} congratulated {o} on the election victory.",
    "{s} investigated allegations of corruption against {o}.",
    "{s} negotiated a prisoner exchange with {o} {d}.",
    "{s} and {o} announced a ceasefire {d} after weeks of fighting.",
    "Talks between {s} and {o} ended without agreement in {c} {d}.",
    "{s} suspended military cooperation with {o} {d}.",
]
QUOTES = [
    "\"We will not accept any interference in our internal affairs,\" {p} said.",
    "\"This is a dangerous moment for the region,\" {p} told reporters in {c}.",
    "{p} said the government would respond firmly.",
    "{p} told a news conference that the talks had been constructive.",
    "\"The door to dialogue remains open,\" {p} added.",
    "He said the decision was final.",
    "She added that further talks were planned.",
    "{p} said {n} people had been detained.",
    "\"We are ready to talk, but not under threat,\" {p} said in a televised address.",
    "{p} did not comment on the reports.",
]
CONTEXT = [  # people and places, but no event
    "{p}, {age}, took office in {year}.",
    "{c} lies about {n} kilometres from the border.",
    "{p} is a former professor of economics at a university in {c}.",
    "The meeting in {c} was the first of its kind since {year}.",
    "{c} is home to about {n} thousand people.",
    "{p} studied law in {c} before entering politics.",
    "Elections in {c} are scheduled for {month} {year}.",
    "The road between {c} and {c2} was reopened in {month}.",
]
BACKGROUND = [  # no actor at all
    "The economy shrank by {pct} percent last year, the worst performance in a decade.",
    "Inflation reached {pct} percent in {month}, driven by food and fuel prices.",
    "The talks lasted about {n} hours.",
    "Temperatures are expected to rise above {n} degrees later this week.",
    "The statement gave no further details.",
    "Prices of bread and cooking oil have doubled since the start of the year.",
    "Oil prices rose slightly on the news.",
    "Reporters were not allowed to attend the closed session.",
    "The region has been hit by severe drought for the third year in a row.",
    "Analysts said the move had been widely expected.",
    "Unemployment among young people remains above {pct} percent.",
    "The conflict has displaced more than {n} thousand people since {year}.",
    "Power cuts of up to {n} hours a day are common in the summer months.",
    "The agreement runs to {n} pages and covers trade, energy and transport.",
    "Turnout was estimated at {pct} percent, lower than at the last vote.",
    "Heavy rain has made many roads impassable.",
    "The currency has lost about a third of its value against the dollar.",
    "Details of the plan were not made public.",
    "Schools and shops remained closed for a second day.",
    "The vote is seen as a test of public support for the reforms.",
    "Shares in the country's largest bank fell {pct} percent in early trading.",
    "The dispute dates back to the end of the colonial era.",
    "Satellite images showed damage to several buildings.",
    "The budget deficit is forecast to widen to {pct} percent of output.",
    "Negotiations on the text are expected to continue into next month.",
    "Fuel shortages have led to long queues at petrol stations.",
    "The number of tourists visiting the coast fell sharply this season.",
    "It was not immediately clear how many people had been wounded.",
    "The harvest is expected to be below average for a second year.",
    "Local media reported long delays at the main crossing point.",
]


# Other news (a news stream is not all politics): business, sport, weather and science stories. They name
# companies, players and towns, and now and then a role the dictionaries know (investors, doctors,
# residents), but rarely a political actor.
OTHER = {
    "business": [
        "Shares in {co} rose {pct} percent on {day} after the company reported higher quarterly profit.",
        "{co} said revenue climbed to {n} million dollars in the three months to {month}.",
        "The company plans to open {n} new stores next year, chief executive {first} {last} said.",
        "Analysts had expected a smaller increase in sales.",
        "{co} will cut about {n} jobs as part of a restructuring plan.",
        "Investors welcomed the news, sending the stock to a record high.",
        "The deal values {co} at about {n} billion dollars including debt.",
        "Demand for electric cars has grown faster than expected this year.",
        "The merger still needs approval from regulators.",
        "Profit margins were squeezed by higher costs for energy and raw materials.",
    ],
    "sport": [
        "{last} scored twice as {club} beat {club2} {g1}-{g2} on {day}.",
        "The win lifts {club} to third place in the table, {n} points behind the leaders.",
        "Coach {first} {last} praised his players for their patience.",
        "The match was played in front of a crowd of {n} thousand.",
        "{last} was substituted after an hour with a knee injury.",
        "The two sides meet again in the cup final next month.",
        "It was the team's fifth victory in a row.",
        "Rain delayed the start of the second half by twenty minutes.",
        "{club2} have not won away from home since {month}.",
        "The season ends in {month} with a round of derbies.",
    ],
    "weather": [
        "Heavy snow closed roads across the north of the region on {day}.",
        "Forecasters expect temperatures to drop below minus {n} degrees overnight.",
        "Flooding in {town} forced dozens of families to leave their homes.",
        "The storm brought winds of up to {n} kilometres an hour.",
        "Power was restored to most homes by the evening.",
        "Schools in {town} will stay closed until the weekend.",
        "Farmers fear the frost could damage the fruit harvest.",
        "The rainfall was the heaviest recorded in {month} for half a century.",
        "Drivers were advised to avoid unnecessary journeys.",
        "More rain is forecast for the coming days.",
    ],
    "science": [
        "Researchers at the University of {town} have found a new way to store solar energy.",
        "The study, published in a scientific journal on {day}, followed {n} patients for five years.",
        "The new vaccine was found to be {pct} percent effective in trials.",
        "Scientists said more work was needed before the method could be used widely.",
        "The telescope will observe distant galaxies for at least ten years.",
        "The results surprised the team, lead author {first} {last} said.",
        "Doctors say the treatment could help millions of people with the disease.",
        "The probe is expected to reach its target in {month} next year.",
        "Funding for the project came from a mix of public and private sources.",
        "The findings could change how the illness is diagnosed.",
    ],
}
COMPANY_ENDS = ["Holdings", "Group", "Motors", "Energy", "Systems", "Foods", "Airlines", "Bank", "Telecom"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _town(rng: random.Random) -> str:
    return rng.choice(TOWN_PARTS) + rng.choice(TOWN_ENDS) + rng.choice(["", "i", "an", "o"])


class Generator:
    def __init__(self, seed: int = 8) -> None:
        self.rng = random.Random(seed)
        self.countries = []
        for row in read_tsv(data_path("countries.tsv"), ("iso3", "name")):
            adjective = (row.get("adjectives") or "").split("|")[0].strip()
            capital = (row.get("capital") or "").split("|")[0].strip()
            if adjective and capital and " " not in row["name"]:
                self.countries.append((row["name"], adjective, capital))

    def _actor(self, country, cast: dict) -> str:
        rng = self.rng
        name, adjective, capital = country
        roll = rng.random()
        if roll < 0.3 and cast["people"]:
            p = rng.choice(cast["people"])
            return p["short"] if p["introduced"] and rng.random() < 0.6 else p["full"]
        if roll < 0.55:
            return f"{adjective} {rng.choice(GROUP_ROLES)}" if rng.random() < 0.5 else f"the {adjective} {rng.choice(GROUP_ROLES)}"
        if roll < 0.7:
            return rng.choice([name, f"the government of {name}", f"{name}'s government", capital])
        if roll < 0.85:
            return rng.choice(ORGS)
        return f"{adjective} {rng.choice(['government', 'army', 'military', 'foreign ministry', 'opposition'])}"

    def _date(self, report: date) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.35:
            return "on " + DAYS[(report.weekday() - rng.randint(1, 6)) % 7]
        if roll < 0.6:
            d = report - timedelta(days=rng.randint(0, 40))
            return f"on {MONTHS[d.month - 1]} {d.day}"
        return rng.choice(["last week", "earlier this month", "this week", "on Friday night", "in recent days",
                           "late on Sunday", "yesterday"])

    def _fill(self, template: str, report: date, cast: dict, main: list, place: str) -> str:
        rng = self.rng
        s_country, o_country = rng.sample(main, 2) if rng.random() < 0.8 else rng.sample(self.countries, 2)
        person = rng.choice(cast["people"])
        text = template.format(
            s=self._actor(s_country, cast), o=self._actor(o_country, cast), c=place if rng.random() < 0.5 else rng.choice(
                [c[2] for c in main] + [_town(rng), f"the town of {_town(rng)}"]),
            c2=_town(rng), d=self._date(report), p=person["short"] if person["introduced"] else person["full"],
            n=rng.choice([rng.randint(2, 30), rng.randint(30, 900)]), pct=round(rng.uniform(0.5, 40), 1),
            age=rng.randint(38, 79), year=rng.randint(1990, report.year), month=rng.choice(MONTHS))
        if "{p}" in template:
            person["introduced"] = True
        return text[0].upper() + text[1:]

    def article(self, n: int) -> dict:
        rng = self.rng
        report = date(2005, 1, 1) + timedelta(days=rng.randint(0, 6500))
        main = rng.sample(self.countries, 3)
        place = rng.choice([main[0][2], _town(rng)])
        cast = {"people": []}
        for country in main:
            for _ in range(rng.randint(1, 2)):
                first, last = rng.choice(FIRST), _name(rng)
                title = rng.choice(TITLES)
                cast["people"].append({"full": f"{country[1]} {title} {first} {last}", "short": last,
                                       "introduced": False})
        target = int(min(1500, max(200, rng.lognormvariate(math.log(600), 0.55))))
        paragraphs: list[str] = []
        words = 0
        lede = self._fill(rng.choice(EVENTS), report, cast, main, place)
        paragraphs.append(f"{place.upper()} (Bench Wire) - {lede}")
        words += len(paragraphs[0].split())
        mix = [(EVENTS, 0.34), (QUOTES, 0.14), (CONTEXT, 0.12), (BACKGROUND, 0.40)]
        while words < target:
            sentences = []
            for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
                roll, acc = rng.random(), 0.0
                for pool, share in mix:
                    acc += share
                    if roll < acc:
                        break
                sentences.append(self._fill(rng.choice(pool), report, cast, main, place))
            paragraph = " ".join(sentences)
            if words + len(paragraph.split()) > 1500:
                break
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        title = f"{main[0][1]} and {main[1][1]} tensions: {paragraphs[0].split(' - ', 1)[1][:60].rstrip()}"
        return {"id": f"bench-{n:06d}", "title": title, "date": report.isoformat(), "source": "Bench Wire",
                "text": "\n\n".join(paragraphs)}

    def other(self, n: int) -> dict:
        """A business, sport, weather or science story."""
        rng = self.rng
        report = date(2005, 1, 1) + timedelta(days=rng.randint(0, 6500))
        topic = rng.choice(sorted(OTHER))
        pool = OTHER[topic]
        co = f"{_name(rng)} {rng.choice(COMPANY_ENDS)}"
        club, club2, town = f"{_town(rng)} United", f"{_town(rng)} City", _town(rng)
        first, last = rng.choice(FIRST), _name(rng)
        target = int(min(1500, max(200, rng.lognormvariate(math.log(450), 0.5))))
        paragraphs: list[str] = []
        words = 0
        while words < target:
            sentences = []
            for _ in range(rng.choice([1, 2, 2, 3])):
                sentences.append(rng.choice(pool).format(
                    co=co, club=club, club2=club2, town=town, first=first, last=last if rng.random() < 0.7 else _name(rng),
                    day=rng.choice(DAYS), month=rng.choice(MONTHS), n=rng.randint(2, 900),
                    pct=round(rng.uniform(0.5, 30), 1), g1=rng.randint(1, 5), g2=rng.randint(0, 1)))
            paragraph = " ".join(sentences)
            if words + len(paragraph.split()) > 1500:
                break
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        paragraphs[0] = f"{town.upper()} (Bench Wire) - {paragraphs[0]}"
        return {"id": f"bench-{n:06d}", "title": f"{topic}: {paragraphs[0][:60]}", "date": report.isoformat(),
                "source": "Bench Wire", "text": "\n\n".join(paragraphs)}

    def articles(self, count: int, political: float = 0.7) -> Iterator[dict]:
        for n in range(count):
            yield self.article(n) if self.rng.random() < political else self.other(n)


def write_corpus(out: str | Path, docs: int = 5000, seed: int = 8, real: list[str] = ()) -> dict:
    """Write the corpus; returns counts (documents, words, real documents)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    n_words = 0
    seen: set[int] = set()
    with open(out, "w", encoding="utf-8") as fh:
        for a in Generator(seed).articles(docs):
            key = hash(a["text"])
            if key in seen:  # never happens with these pools; checked so the claim stays true
                raise RuntimeError(f"duplicate document {a['id']}")
            seen.add(key)
            n_words += len(a["text"].split())
            fh.write(json.dumps(a) + "\n")
        for i, path in enumerate(real):
            text = Path(path).read_text(encoding="utf-8")
            n_words += len(text.split())
            fh.write(json.dumps({"id": f"real-{i}:{path}", "text": text}) + "\n")
    return {"documents": docs + len(real), "words": n_words, "real": len(real)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("real", nargs="*", help="real article text files to add")
    p.add_argument("--docs", type=int, default=5000)
    p.add_argument("--seed", type=int, default=8)
    args = p.parse_args(argv)
    counts = write_corpus(args.out, args.docs, args.seed, args.real)
    print(f"{counts['documents']} documents, {counts['words']:,} words in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
