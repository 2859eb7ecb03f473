"""What reading events costs beside geoparsing, in one process (issue 18: at most 20 %).

``../shared/bench/speed.py`` times the whole ``geoparse`` command against a
baseline; this script splits the project's own time between finding and
resolving the toponyms (``Geoparser.analyse``) and reading their events
(``Geoparser._events``, the step ``parse`` and ``toponyms`` run after it, on
the sentence spans they split anyway), on the seed documents repeated, best
of N runs, in CPU seconds (the machine is shared).

Usage (from the worktree, PYTHONPATH=$PWD, the place index built)::

    python bench/event_speed.py [--copies 20] [--runs 3] [--profile] [--corpus FILE.jsonl]

``--corpus`` reads other documents (``id``, ``text``, ``lang``, ``date``) instead of the
seeds, e.g. ``../shared/benchmarks/geowebnews.jsonl`` (news that is mostly not about war).

Prints one JSON object: seconds for each step and ``ratio`` = events / geoparse.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from mapapp.gazetteer.index import Gazetteer
from mapapp.geoparse.events import reader
from mapapp.geoparse.pipeline import Geoparser
from mapapp.text import sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seeds_gold.jsonl"


def _docs(copies: int, corpus: Path = SEEDS) -> list[dict]:
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    # a unique suffix per copy, so no per-text cache can serve a copy
    return [{**d, "text": d["text"] + f"\n{i}"} for i in range(copies) for d in docs]


def _geoparse(parser: Geoparser, docs: list[dict]) -> list[list]:
    return [parser.analyse(d["text"], d["lang"]) for d in docs]


def _inputs(docs: list[dict], found: list[list]) -> list[tuple]:
    """What the pipeline hands the reader: the toponyms and the sentence spans it has."""
    return [(d["text"], d["lang"], d["date"], f, sentences.split_sentences(d["text"]))
            for d, f in zip(docs, found, strict=True)]


def _events(parser: Geoparser, inputs: list[tuple]) -> None:
    for text, lang, date, found, spans in inputs:
        parser._events(text, lang, date, found, spans)


def _best(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="print where event reading spends")
    ap.add_argument("--corpus", type=Path, default=SEEDS, help="documents instead of the seeds")
    a = ap.parse_args()
    parser, docs = Geoparser(Gazetteer.load()), _docs(a.copies, a.corpus)
    reader.warm()
    found = _geoparse(parser, docs)  # warm the geoparser's caches as a long run would
    geo = _best(lambda: _geoparse(parser, docs), a.runs)
    inputs = _inputs(docs, found)
    ev = _best(lambda: _events(parser, inputs), a.runs)
    if a.profile:
        prof = cProfile.Profile()
        prof.runcall(_events, parser, inputs)
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    print(json.dumps({"documents": len(docs), "toponyms": sum(map(len, found)),
                      "geoparse_s": round(geo, 3), "events_s": round(ev, 3),
                      "ratio": round(ev / geo, 3)}))


if __name__ == "__main__":
    main()
