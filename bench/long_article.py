"""How the geoparser's time grows with the length of one article.

    python bench/long_article.py                      # 0.5, 2 and 8 MB of each kind of text
    python bench/long_article.py --texts synth --profile 2

One article is made by joining real texts end to end until it has the size
asked for: the Dutch seeds (``seeds/``), 300 synthetic Dutch articles
(:mod:`mapapp.ingest.synth`, which name many different Ukrainian towns), the
English TR-News texts (``../shared/benchmarks/trnews.jsonl``, skipped when
absent), or Ukraine's 3,481 towns of 1,000 or more listed three to a
sentence, over and over (the worst case found: nothing but names, and
thousands of different ones). Such an article
names the same places over and over, as a long live blog or a pasted archive
does, which is what once made tolerant matching and resolution compare every
name with every earlier one (quadratic: 2 MB took 9.5 s, 4 MB 38 s).

Prints seconds and seconds per MB for each size (one run each; the gazetteer
loaded and one short text parsed first, not timed), the machine's load
average (the two cores are shared) and the process's peak memory.
``--profile MB`` prints cProfile's top functions for one size instead.
Writes nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapapp.corpus.reader import ReadLimits, read_folder, read_upload  # noqa: E402
from mapapp.gazetteer.index import Gazetteer  # noqa: E402
from mapapp.geoparse.pipeline import Geoparser  # noqa: E402
from mapapp.ingest import synth  # noqa: E402

_MB = 1024 * 1024
# The texts joined, and their language.
SOURCES = {"seeds": "nl", "synth": "nl", "trnews": "en", "towns": "nl"}


def _texts(source: str, shared: Path, gazetteer: Gazetteer) -> list[str]:
    if source == "seeds":
        return [a.text for a in read_folder(ROOT / "seeds").articles]
    if source == "synth":
        return [d["text"] for d in synth.articles(gazetteer, 300)]
    if source == "towns":  # every town of Ukraine in turn, three a sentence
        towns = synth.town_pool(gazetteer).names
        return [f"Gevechten in {towns[i]}, {towns[i + 1]} en {towns[i + 2]}."
                for i in range(0, len(towns) - 2, 3)]
    path = shared / "benchmarks" / "trnews.jsonl"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f]


def long_text(texts: list[str], mb: float) -> str:
    """The texts joined by blank lines, repeated until the UTF-8 size reaches ``mb``."""
    parts, size, i = [], 0, 0
    while size < mb * _MB:
        text = texts[i % len(texts)]
        parts.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts)


def _parse(geoparser: Geoparser, text: str, lang: str) -> int:
    """Read as an uploaded seed-format file (captions found as for any file), then geoparse."""
    unbounded = ReadLimits(article_bytes=1 << 40)  # the app's and ingest's bounds are not measured
    read = read_upload("long.txt", f" date 2023-03 {text}".encode(), limits=unbounded)
    (article,) = read.articles
    return len(geoparser.parse(replace(article, lang=lang)).mentions)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="*", type=float, default=[0.5, 2, 8], help="MB")
    ap.add_argument("--texts", nargs="*", default=list(SOURCES), choices=list(SOURCES))
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--profile", type=float, metavar="MB", help="profile one size instead")
    args = ap.parse_args()
    gazetteer = Gazetteer.load(quiet=True)
    geoparser = Geoparser(gazetteer)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    for source in args.texts:
        texts, lang = _texts(source, args.shared, gazetteer), SOURCES[source]
        if not texts:
            print(f"{source}: no texts found, skipped")
            continue
        if args.profile:
            text = long_text(texts, args.profile)
            profile = cProfile.Profile()
            profile.runcall(_parse, geoparser, text, lang)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
            continue
        _parse(geoparser, texts[0], lang)  # lazy word lists loaded before the clock runs
        for mb in args.sizes:
            text = long_text(texts, mb)
            start = time.perf_counter()
            mentions = _parse(geoparser, text, lang)
            took = time.perf_counter() - start
            print(f"{source} {mb:g} MB ({len(text):,} chars, {mentions:,} mentions): "
                  f"{took:.1f} s, {took / mb:.2f} s per MB")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"peak memory (resident): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
