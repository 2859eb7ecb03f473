"""Rivers by the names they bear after a river cue: a build step of the place index.

A river shares its name with towns: "the Dnipro river" is no city of a
million, "the Oskil river" no village of 3,000, 60 km from the stretch
the news is about. The ordinary index must keep answering a bare "Dnipro"
with the city, so rivers are indexed a second time under ``river_key``
(a key recognition never makes: it starts with "~"), read only where the
text says river ("Fluss", "rivier", "річка"; see ``resolve_rivers``):

* the project's curated rivers of war news (``geodata/regions.csv``) under
  the names ``geodata/river_names.csv`` gives them, some of which only a cue
  may give them (Dnipro for the Dnieper); not its seas and landmarks, so
  "het Kremlin" stays the Kremlin with its metonymy;
* the streams (feature class H, code STM) of the GeoNames country dumps the
  user installed (``geonames_dump``), under their names and alternate names,
  Cyrillic ones romanised as for towns. GeoNames puts a long river at one
  or a few points (the Oskil at its mouth and again near Kupiansk); each is
  a place of its own, and resolution picks the one nearest the article's
  other places.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from mapapp.gazetteer import dumps as geonames_dump
from mapapp.gazetteer.name_kinds import NameKind, pack, row_of
from mapapp.model import PlaceKind
from mapapp.text import translit
from mapapp.text.name_keys import is_cyrillic, is_latin, name_key

if TYPE_CHECKING:
    from mapapp.gazetteer.build import Tables

RIVER_PREFIX = "~"
STREAM_CODES = frozenset({"STM"})


def river_key(key: str) -> str:
    """The index key under which a river is found by a name key (see module docstring)."""
    return RIVER_PREFIX + key


def _add(t: Tables, row: int, names: Iterable[str], how: NameKind) -> None:
    for name in names:
        if not 2 <= len(name) <= 60 or not (is_latin(name) or is_cyrillic(name)):
            continue
        spellings = {name} | (translit.variants(name) if is_cyrillic(name) else set())
        for spelling in spellings:
            key = name_key(spelling)
            if len(key) < 2:
                continue
            codes = t.index.setdefault(river_key(key), [])
            if all(row_of(code) != row for code in codes):
                codes.append(pack(row, how))


def _read_csv(path: Path) -> list[dict[str, str]]:
    from mapapp.gazetteer.build import _read_csv as read

    return read(path) if path.exists() else []


def add_rivers(t: Tables, geodata: Path, dumps: list[Path]) -> None:
    """Index the curated waters and the dumps' streams under their river keys."""
    for r in _read_csv(geodata / "river_names.csv"):
        row = t.row_of.get(r["id"])
        if row is not None:
            _add(t, row, [t.names[row]], NameKind.PRIMARY)
            _add(t, row, r["names"].split("|"), NameKind.EXONYM)
    for dump in dumps:
        for c in geonames_dump.rows(dump):
            if c[6] != "H" or c[7] not in STREAM_CODES or c[0] in t.row_of:
                continue
            row = t.add_place(c[0], c[1], PlaceKind.OTHER, f"stream:{dump.stem}", float(c[4]),
                              float(c[5]), c[8], c[10], 0, int(c[0]))
            _add(t, row, [c[1]], NameKind.PRIMARY)
            _add(t, row, [n for n in c[3].split(",") if n], NameKind.ALTERNATE)
