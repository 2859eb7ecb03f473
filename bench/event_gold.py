"""Build an event gold JSONL (the format of ../shared/gold/seeds_events.jsonl) from marked articles.

The hand-written development articles of tests/data/events/articles_*.txt are
kept marked, so a reader can check each label beside its sentence:

    === id: en-dev-01 | lang: en | date: 2023-05
    Russian forces captured [[Soledar|control RU]] in [[January|...]] ...

A toponym is ``[[Name]]`` (no event) or ``[[Name|kind [RU|UA] [claim] [date]]]``
(date YYYY, YYYY-MM or YYYY-MM-DD);
``[[Name@ID]]`` (a GeoNames id or the gazetteer's "r:slug")
pins the place where the geoparser would resolve it elsewhere.
Coordinates and GeoNames ids come from the project's geoparser (run on the plain
text) and its gazetteer; every toponym the geoparser did not find, or placed outside
the war's area, is printed so the writer checks it. Labels are the writer's, never
the reader's.

Usage (from the project's root):
  python bench/event_gold.py tests/data/events/articles_en.txt OUT.jsonl
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_HEAD = re.compile(r"^=== id: (\S+) \| lang: (\w+) \| date: ([\d-]+)\s*$", re.M)
_MARK = re.compile(r"\[\[([^\]|@]+)(?:@([\w:-]+))?(?:\|([^\]]*))?\]\]")
_KINDS = ("control", "fighting", "strike", "held")
_AREA = (43.0, 57.0, 21.0, 41.0)  # lat, lat, lon, lon: Ukraine, its neighbours, western Russia


def _event(label: str | None) -> dict | None:
    if not label:
        return None
    words = label.split()
    if words[0] not in _KINDS:
        raise ValueError(f"unknown kind in {label!r}")
    side = next((w for w in words[1:] if w in ("RU", "UA")), None)
    when = next((w for w in words[1:] if re.fullmatch(r"\d{4}(-\d\d){0,2}", w)), None)
    unknown = [w for w in words[1:] if w not in ("RU", "UA", "claim", when)]
    if unknown:
        raise ValueError(f"unknown words {unknown} in {label!r}")
    return {"kind": words[0], "side": side, "claim": "claim" in words, "when": when}


def parse(marked: str) -> list[dict]:
    """The documents of a marked file: id, lang, date, plain text, toponyms without places."""
    heads = list(_HEAD.finditer(marked))
    docs = []
    for h, nxt in zip(heads, [*heads[1:], None], strict=True):
        body = marked[h.end():nxt.start() if nxt else len(marked)].strip("\n")
        text, tops, pos = "", [], 0
        for m in _MARK.finditer(body):
            text += body[pos:m.start()]
            tops.append({"start": len(text), "end": len(text) + len(m.group(1)),
                         "name": m.group(1), "pin": m.group(2),
                         "event": _event(m.group(3))})
            text += m.group(1)
            pos = m.end()
        text += body[pos:]
        docs.append({"id": h.group(1), "lang": h.group(2), "date": h.group(3),
                     "text": text.rstrip() + "\n", "toponyms": tops})
    return docs


def _geoparse(docs: list[dict]) -> dict[str, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = Path(tmp, "in.jsonl"), Path(tmp, "out.jsonl")
        inp.write_text("".join(json.dumps({k: d[k] for k in ("id", "lang", "date", "text")},
                                          ensure_ascii=False) + "\n" for d in docs),
                       encoding="utf-8")
        subprocess.run([sys.executable, "-m", "mapapp", "geoparse", str(inp), str(out)],
                       check=True)
        docs_out = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        return {d["id"]: d["toponyms"] for d in docs_out}


def _place_of(place_id: str) -> dict:
    from mapapp.gazetteer.index import Gazetteer  # loads the index only here

    place = Gazetteer.load(quiet=True).place(place_id)
    if place is None:
        raise ValueError(f"no place {place_id} in the gazetteer")
    return {"geonameid": place.geonameid, "lat": place.lat, "lon": place.lon,
            "type": str(place.kind), "canonical": place.name}


def place(docs: list[dict]) -> list[str]:
    """Fill each toponym's place from the geoparser (or its pin); the warnings to check."""
    found, warnings = _geoparse(docs), []
    for doc in docs:
        for t in doc["toponyms"]:
            pin = t.pop("pin")
            hit = next((p for p in found[doc["id"]]
                        if p["start"] < t["end"] and t["start"] < p["end"]), None)
            if pin:
                t.update(_place_of(pin))
            elif hit and hit.get("geonameid"):
                keys = ("canonical", "type", "geonameid", "lat", "lon")
                t.update({k: hit[k] for k in keys})
            else:
                warnings.append(f"{doc['id']} {t['name']!r}: not found, pin it with @GEONAMEID")
                continue
            lat_lo, lat_hi, lon_lo, lon_hi = _AREA
            if t["type"] != "country" and not (lat_lo <= t["lat"] <= lat_hi
                                                and lon_lo <= t["lon"] <= lon_hi):
                warnings.append(f"{doc['id']} {t['name']!r}: placed at {t['canonical']} "
                                f"({t['lat']:.2f}, {t['lon']:.2f}); pin it if wrong")
    return warnings


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    docs = parse(Path(argv[1]).read_text(encoding="utf-8"))
    for w in place(docs):
        print("check:", w, file=sys.stderr)
    with open(argv[2], "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    n = sum(1 for d in docs for t in d["toponyms"] if t["event"])
    print(f"{len(docs)} articles, {sum(len(d['toponyms']) for d in docs)} toponyms, {n} events",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
