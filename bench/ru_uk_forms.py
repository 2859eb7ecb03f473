#!/usr/bin/env python3
"""How well ``mapapp.text.ru_uk`` finds a Ukrainian place from its Russian name.

Usage (from the project's root, in its environment):
  python bench/ru_uk_forms.py ../shared/geodata-sources/geonames/UA.zip

GeoNames gives many Ukrainian places both names among their alternates: a
Ukrainian one (with і, ї, є or ґ) and a Russian one (without them, e.g.
Васюківка and Васюковка). For each Russian name the script asks which places'
Ukrainian names the Russian name's forms meet, as the recogniser asks the
gazetteer, and counts:

* found: the place itself is among them (the Russian name became findable);
* only others: some other place matched and not the place (a false match the
  resolver cannot undo);
* none: no form is any place's Ukrainian name.

Old or Soviet names filed beside the current one (Жовтневе for Лиман) count
as misses, so "found" is a floor. The pairs come from a data source, not a
gold file; nothing of it is kept in the project.
"""

from __future__ import annotations

import argparse
import io
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from mapapp.text.name_keys import name_key
from mapapp.text.ru_uk import ukrainian_forms

_CYRILLIC = re.compile("[а-яёіїєґ]", re.IGNORECASE)
_UKRAINIAN = re.compile("[іїєґ]", re.IGNORECASE)


def _places(dump: Path) -> list[tuple[str, list[str], list[str]]]:
    """(geonameid, Ukrainian names, Russian names) of the dump's populated places."""
    out = []
    with zipfile.ZipFile(dump) as z, z.open(f"{dump.stem}.txt") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if f[6] != "P":
                continue
            names = [a for a in f[3].split(",") if _CYRILLIC.search(a)]
            out.append((f[0], [a for a in names if _UKRAINIAN.search(a)],
                        [a for a in names if not _UKRAINIAN.search(a)]))
    return out


def measure(dump: Path, examples: dict[str, list[str]]) -> Counter[str]:
    places = _places(dump)
    by_name: dict[str, set[str]] = defaultdict(set)
    for gid, uk, _ in places:
        for name in uk:
            by_name[name_key(name)].add(gid)
    ukrainian_keys = set(by_name)
    counts = Counter[str]()
    for gid, uk, ru in places:
        own = {name_key(n) for n in uk}
        for name in ru:
            key = name_key(name)
            if not own or key in own:
                continue
            counts["pairs"] += 1
            hits: set[str] = set()
            for form in ukrainian_forms(key):
                k = name_key(form)
                if k in ukrainian_keys:
                    hits |= by_name[k]
            if gid in hits:
                counts["found"] += 1
                counts["other places met too"] += len(hits) - 1
            elif hits:
                counts["only others"] += 1
                examples["only others"].append(f"{name} {uk} -> {sorted(hits)[:3]}")
            else:
                counts["none"] += 1
                examples["none"].append(f"{name} {uk}")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--examples", type=int, default=0, help="print N misses of each kind")
    args = ap.parse_args()
    examples: dict[str, list[str]] = defaultdict(list)
    counts = measure(args.dump, examples)
    for what, lines in examples.items():
        for line in lines[:: max(1, len(lines) // max(args.examples, 1))][: args.examples]:
            print(what, line)
    for what, n in counts.items():
        print(f"{what:<28} {n:>6}  {n / counts['pairs']:.3f}")


if __name__ == "__main__":
    main()
