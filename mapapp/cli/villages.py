"""``gazetteer offer --corpus DIR``: what a corpus is about, the villages it may lack.

Geoparses the folder, names its focus countries, and for each whose GeoNames
dump is not installed says the one command that adds its villages (with
``--accept``, runs it). It also lists the names the articles call villages or
towns that the gazetteer does not know (``unfound``), so that nothing the map
misses goes unsaid.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the command itself: ``geoparse`` starts without them
    from mapapp.geoparse.unfound import UnfoundName

LISTED = 40  # unfound names printed; the rest are counted


def _report_unfound(names: list[UnfoundName]) -> None:
    if not names:
        print("Every name the articles call a village or town is in the gazetteer.")
        return
    print(f"{len(names)} names the articles call a village or town are not in the gazetteer:")
    for item in names[:LISTED]:
        print(f"  {item.name}\t{item.mentions} mention(s)\t{', '.join(item.articles)}")
    if len(names) > LISTED:
        print(f"  … and {len(names) - LISTED} more")


def _offer(args: argparse.Namespace) -> int:
    from mapapp.corpus import reader
    from mapapp.gazetteer import offer as village_offer
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.geoparse import unfound
    from mapapp.geoparse.pipeline import Geoparser
    from mapapp.paths import data_dir

    folder = Path(args.corpus)
    if not folder.is_dir():
        print(f"error: {folder}: no such folder; give the folder of your articles",
              file=sys.stderr)
        return 2
    data = Path(args.data_dir) if args.data_dir else data_dir()
    gaz = Gazetteer.load(data=data)
    parsed = list(Geoparser(gaz).parse_many(reader.read_folder(folder).articles))
    mentions: Counter[str] = Counter()
    for doc in parsed:
        for m in doc.mentions:
            mentions[doc.places[m.place_id].country] += 1
    focus = village_offer.focus_countries(mentions.items())
    about = ", ".join(f"{village_offer.country_name(c)} ({share:.0%})" for c, share in focus)
    print(f"{len(parsed)} articles; about: {about or 'no country in particular'}")
    offers = village_offer.offers(mentions.items(), data)
    for offer in offers:
        print(f"{offer.text()}\n  {offer.command}")
    if not offers and focus:
        print("The villages of every focus country are in the gazetteer.")
    _report_unfound(unfound.unfound_names(parsed, lambda name: bool(gaz.search(name, 1))))
    for offer in offers if args.accept else ():
        try:
            path = village_offer.accept(offer, data)
        except village_offer.OfferError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        print(f"added {path}; GeoNames data, CC BY 4.0 (geonames.org); the index is rebuilt.")
    return 0


def register(gsub: argparse._SubParsersAction) -> None:
    """Add ``offer`` to the ``gazetteer`` subcommands."""
    o = gsub.add_parser("offer", help="the GeoNames villages a corpus needs, and names it lacks")
    o.add_argument("--corpus", required=True, help="the folder of articles")
    o.add_argument("--accept", action="store_true", help="download and add what is offered")
    o.add_argument("--data-dir", help="where imported data lives (default: user data folder)")
    o.set_defaults(func=_offer)
