"""English demonyms ("Russian", "Syrians") and the country each stands for.

Recognition leaves demonyms out: the guidelines annotate names of places,
not the adjectives made from them. But somebody who hands the geoparser
"Russian" as a toponym (the gold-mentions protocol, or an annotator who
marks adjectives) means Russia, and a spelling look-up would find a
Serbian village called Rušanj instead.

Source: the ``countryinfo`` package (porimol, MIT), one JSON file per
country with its demonym, read at build time without importing the
package. A demonym shared by several countries ("French": France and five
territories; "Chinese") goes to the most populous of them.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

from mapapp.gazetteer.build import Tables
from mapapp.model import PlaceKind
from mapapp.text.name_keys import name_key

_SEPARATORS = re.compile(r",|/| and ")


def _countryinfo_dir() -> Path | None:
    spec = importlib.util.find_spec("countryinfo")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_demonyms(data: Path | None = None) -> dict[str, list[str]]:
    """Demonym → ISO 3166-1 alpha-2 codes of the countries it may stand for.

    "Antiguan,Barbudan" and "Kittian and Nevisian" give one entry per
    form; plurals of forms ending in -an or -i ("Syrians", "Iraqis") too.
    Empty when the package is missing.
    """
    data = data or _countryinfo_dir()
    out: dict[str, list[str]] = {}
    if data is None:
        return out
    for path in sorted(data.glob("*.json")):
        with open(path, encoding="utf-8") as f:
            country = json.load(f)
        iso = (country.get("ISO") or {}).get("alpha2")
        for form in _SEPARATORS.split(country.get("demonym") or ""):
            form = form.strip()
            if not iso or len(form) < 3:
                continue
            forms = [form, form + "s"] if form.endswith(("an", "i")) else [form]
            for word in forms:
                if iso not in out.setdefault(word, []):
                    out[word].append(iso)
    return out


def add_demonyms(t: Tables, data: Path | None = None) -> None:
    """Index each demonym's key to the row of its most populous country."""
    country_rows = {t.countries[r]: r for r, kind in enumerate(t.kinds)
                    if kind == PlaceKind.COUNTRY}
    for word, isos in read_demonyms(data).items():
        rows = [country_rows[iso] for iso in isos if iso in country_rows]
        if rows:
            best = max(rows, key=lambda r: t.populations[r])
            t.demonyms[name_key(word)] = [best]
