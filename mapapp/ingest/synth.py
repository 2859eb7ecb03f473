"""Synthetic Dutch war reporting: a corpus of any size for benchmarks and tests.

The real articles are few and not ours to multiply, and a store's speed only
shows at a hundred thousand articles. These read like the seeds to the
geoparser: Dutch sentences of war reporting, about 4 KB an article, naming
Ukrainian towns drawn from the gazetteer (weighted by population, one town
the article is about and others around it), countries and regions by their
Dutch names, and people, dated over several years. The same seed always
gives the same corpus, article by article (article ``i`` depends only on
``seed`` and ``i``), so a test can regenerate one article and change it.

Output is JSON Lines in the corpus format (``id``, ``date``, ``title``,
``source``, ``url``, ``lang``, ``text``), or one seed-format ``.txt`` file an
article (`` date YYYY-MM-DD <title>\n\n<text>``; the file name is the id), the
folder of files a user most often brings. Never commit it: write it to a
temporary folder (the benchmark does)::

    python -m mapapp.ingest.synth 20000 /tmp/synth --seed 1
    python -m mapapp.ingest.synth 20000 /tmp/synth20k --format txt
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from mapapp.gazetteer.index import Gazetteer
from mapapp.model import PlaceKind

TOWN = [
    "Het Oekraïense leger meldt zware gevechten rond {town}.",
    "Bij een raketaanval op {town} kwamen volgens de lokale autoriteiten {n} mensen om het leven.",
    "De Russische troepen proberen al weken {town} te omsingelen, maar de verdedigers houden "
    "stand.",
    "Vanuit {town} trekken colonnes vluchtelingen richting {town2}.",
    "Volgens {person} is de situatie bij {town} 'uiterst moeilijk'.",
    "{person} bezocht {town} en sprak daar met militairen die net van het front kwamen.",
    "De brug tussen {town} en {town2} werd in de nacht van {day} op {day2} opgeblazen.",
    "Drones troffen een energiecentrale bij {town}, waardoor {n}.000 huishoudens zonder stroom "
    "zitten.",
    "Analisten zien tekenen van een nieuw offensief richting {town}.",
    "Het front ligt inmiddels zo'n {n} kilometer ten oosten van {town}.",
    "Inwoners van {town} schuilen al dagen in kelders, vertelt een vrijwilliger aan de telefoon.",
    "Een woordvoerder van het leger zei dat de aanval op {town} werd afgeslagen.",
    "De gevechten om {town} duren nu al {n} maanden en hebben de stad vrijwel verwoest.",
    "In het ziekenhuis van {town} liggen de gangen vol gewonden uit {town2}.",
    "De weg van {town} naar {town2} ligt onder vuur van de Russische artillerie.",
    "Na de bevrijding van {town} keerden de eerste bewoners terug naar hun huizen.",
]
WIDE = [
    "In {country} wordt met zorg gekeken naar de ontwikkelingen in {region}.",
    "{country} kondigde nieuwe sancties aan tegen {country2}.",
    "De minister van Defensie van {country} beloofde extra luchtverdediging voor {town}.",
    "Er is hevige artilleriebeschieting gemeld in {region}.",
    "{person} zei in een toespraak dat de steun van {country} onmisbaar blijft.",
    "Volgens de inlichtingendienst van {country} verplaatst {country2} troepen naar {region}.",
]
FILLER = [
    "De situatie blijft onoverzichtelijk.",
    "Onafhankelijke bevestiging van deze berichten is niet mogelijk.",
    "Het Kremlin reageerde niet op vragen van journalisten.",
    "Hulporganisaties waarschuwen voor een humanitaire crisis nu de winter nadert.",
    "Volgens militaire experts kan het weer de komende weken een beslissende rol spelen.",
    "De munitievoorraden raken aan beide kanten op, zeggen waarnemers.",
    "Op sociale media verschenen beelden van uitgebrande tanks langs de weg.",
    "Niemand weet hoe lang de soldaten het nog volhouden, zegt een commandant.",
    "Het is de zoveelste keer deze maand dat de luchtalarmsirenes urenlang blijven loeien.",
    "Een medewerker van het Rode Kruis beschrijft hoe oudere mensen weigeren hun huis te verlaten.",
    "De onderhandelingen over een staakt-het-vuren zitten volgens diplomaten volledig vast.",
    "Westerse wapenleveranties komen trager aan dan beloofd, klagen officieren aan het front.",
    "Wie nog kan, vertrekt met de laatste bus, met niet meer bagage dan een tas.",
]
HEADLINES = ["Zware gevechten rond {town}", "Raketaanval op {town}", "Strijd om {town} duurt voort",
             "Vluchtelingen verlaten {town}", "Nieuw offensief bij {town}"]
COUNTRIES = ["Oekraïne", "Rusland", "Wit-Rusland", "Polen", "Duitsland", "Nederland",
             "de Verenigde Staten", "Frankrijk", "Moldavië", "Georgië", "Turkije", "Iran"]
REGIONS = ["de Donbas", "de Krim", "Oost-Oekraïne", "de oblast Donetsk", "Zuid-Oekraïne",
           "de oblast Charkiv", "de regio Zaporizja", "de oblast Cherson"]
PERSONS = ["president Zelensky", "president Poetin", "NAVO-chef Stoltenberg", "premier Rutte",
           "minister Koeleba", "generaal Zaloezjny", "bondskanselier Scholz",
           "commandant Oleksandr Kovalenko", "burgemeester Iryna Bondarenko",
           "soldaat Dmytro Sjevtsjenko", "vrijwilliger Natalja Melnyk"]
SOURCES = ["NOS", "de Volkskrant", "NRC", "Trouw", "AD", "RTL Nieuws", "Het Parool"]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
CAPTION = "Foto: ANP / Reuters"


@dataclass(frozen=True)
class TownPool:
    """Town names to draw from, with cumulative weights (population)."""

    names: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        x = rng.random() * self.cum_weights[-1]
        return self.names[bisect.bisect_right(self.cum_weights, x)]


def town_pool(gazetteer: Gazetteer, country: str = "UA", min_population: int = 1000) -> TownPool:
    """The gazetteer's towns of ``country`` above ``min_population``, weighted by population."""
    g = gazetteer
    rows = [r for r in range(len(g)) if g.countries[r] == country and g.kinds[r] == PlaceKind.CITY
            and g.populations[r] >= min_population]
    rows.sort(key=lambda r: (g.names[r], r))
    weights = itertools.accumulate(float(g.populations[r]) for r in rows)
    return TownPool(tuple(g.names[r] for r in rows), tuple(weights))


def _months(first: str, last: str) -> list[tuple[int, int]]:
    (y0, m0), (y1, m1) = (tuple(map(int, s.split("-"))) for s in (first, last))
    return [(y0 + (m0 - 1 + i) // 12, (m0 - 1 + i) % 12 + 1)
            for i in range((y1 - y0) * 12 + m1 - m0 + 1)]


def _sentence(rng: random.Random, pool: TownPool, focus: str) -> str:
    roll = rng.random()
    template = rng.choice(TOWN if roll < 0.4 else WIDE if roll < 0.5 else FILLER)
    town = focus if rng.random() < 0.4 else pool.draw(rng)
    sentence = template.format(
        town=town, town2=pool.draw(rng), person=rng.choice(PERSONS), n=rng.randint(2, 40),
        country=rng.choice(COUNTRIES), country2=rng.choice(COUNTRIES),
        region=rng.choice(REGIONS), day=rng.choice(DAYS), day2=rng.choice(DAYS))
    return sentence[0].upper() + sentence[1:]


def _text(rng: random.Random, pool: TownPool, focus: str, size: int) -> str:
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(_sentence(rng, pool, focus) for _ in range(rng.randint(3, 6)))
        if rng.random() < 0.1:
            paragraph += "\n" + CAPTION
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def article(i: int, seed: int, pool: TownPool, months: Sequence[tuple[int, int]]) -> dict:
    """Article ``i`` of the corpus ``seed``, as a JSON Lines record."""
    rng = random.Random(f"{seed}:{i}")
    focus = pool.draw(rng)
    year, month = months[rng.randrange(len(months))]
    date = f"{year:04d}-{month:02d}"
    if rng.random() < 0.95:
        date += f"-{rng.randint(1, 28):02d}"
    title = rng.choice(HEADLINES).format(town=focus)
    source = rng.choice(SOURCES)
    text = title + "\n\n" + _text(rng, pool, focus, rng.randint(3000, 5000))
    aid = f"s{seed}-{i:07d}"
    return {"id": aid, "date": date, "title": title, "source": source,
            "url": f"https://example.org/{aid}", "lang": "nl", "text": text}


def articles(gazetteer: Gazetteer, n: int, seed: int = 0, first: str = "2022-02",
             last: str = "2025-12", start: int = 0) -> Iterator[dict]:
    """Articles ``start`` to ``start + n - 1`` of the corpus ``seed``, dated first..last."""
    pool, months = town_pool(gazetteer), _months(first, last)
    for i in range(start, start + n):
        yield article(i, seed, pool, months)


def write_jsonl(out_dir: str | Path, gazetteer: Gazetteer, n: int, seed: int = 0,
                per_file: int = 1000, first: str = "2022-02", last: str = "2025-12"
                ) -> list[Path]:
    """Write ``n`` articles as ``synth-NNNN.jsonl`` files of ``per_file`` articles each."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths, docs = [], articles(gazetteer, n, seed, first, last)
    for k in range(0, n, per_file):
        path = out / f"synth-{k // per_file:04d}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for doc in itertools.islice(docs, per_file):
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def write_txt(out_dir: str | Path, gazetteer: Gazetteer, n: int, seed: int = 0,
              first: str = "2022-02", last: str = "2025-12") -> list[Path]:
    """Write ``n`` articles as seed-format files ``<id>.txt`` (the text starts with the title)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in articles(gazetteer, n, seed, first, last):
        path = out / f"{doc['id']}.txt"
        path.write_text(f" date {doc['date']} {doc['text']}", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapapp.ingest.synth",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("out_dir", help="where to write the files (never in the repo)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", choices=("jsonl", "txt"), default="jsonl",
                        help="jsonl: synth-NNNN.jsonl of --per-file articles; txt: one "
                             "seed-format <id>.txt an article")
    parser.add_argument("--per-file", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.format == "txt":
        paths = write_txt(args.out_dir, Gazetteer.load(), args.n, args.seed)
    else:
        paths = write_jsonl(args.out_dir, Gazetteer.load(), args.n, args.seed, args.per_file)
    print(f"{args.n:,} articles in {len(paths)} files under {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
