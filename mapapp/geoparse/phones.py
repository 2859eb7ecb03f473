"""Telephone numbers as evidence of where a local article is.

A local paper prints the numbers of its police, schools and town halls, and
a North American number says where it rings: 806 is the Texas Panhandle,
"519-661-…" London, Ontario. That is what tells the Turkey of a Texas paper
from the country, London's police from the Met, Huntington, West Virginia
from Huntington, New York, when the article never names the state.

Only numbers in the North American plan are read (ten digits with their
separators, "806-423-1253", "(519) 661-5670", "304.399.6500"): elsewhere a
number's digits say little about a town, and unseparated digit runs are
more often sums and codes than telephones. The area is what Google's
libphonenumber (the ``phonenumbers`` package, Apache 2.0) says of the
number: a state or province ("Texas"), or a town in one ("London, ON").
Toll-free and invalid numbers say nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from mapapp.model import PlaceKind
from mapapp.text.name_keys import name_key

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Gazetteer

# Area code, exchange, line, with their separators ("806-423-1253", "(519) 661-5670").
_NANP = re.compile(r"(?<![\d-])(?:1[-. ])?(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}(?![\d-])")
# What every such number ends with: a fast test that most articles fail (the full pattern,
# with its look-behind, tried at every character cost 7 % of the English geoparser's time).
_LINE = re.compile(r"[-.]\d{4}")

# GeoNames' admin-1 codes of Canada's provinces and territories, by postal abbreviation
# (GeoNames numbers them; for the United States it uses the postal abbreviation itself).
CANADA_ADMIN1 = {
    "AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
    "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14",
}


@dataclass(frozen=True, slots=True)
class PhoneArea:
    """Where a telephone number in the text rings.

    ``admin1`` is GeoNames' code of the state or province ("" where the
    number covers a whole country, Puerto Rico); ``town`` the name key of
    the town libphonenumber names, if any; ``label`` its own words, for the
    explanation ("London, ON").
    """

    start: int
    end: int
    country: str
    admin1: str
    town: str
    label: str


@dataclass(frozen=True)
class PhoneEvidence:
    """What an article's numbers say of a candidate, asked of every candidate of a name."""

    areas: frozenset[tuple[str, str]] = frozenset()  # (country, admin-1) rung
    towns: frozenset[tuple[str, str, str]] = frozenset()  # (town key, country, admin-1)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # libphonenumber's words

    @classmethod
    def of(cls, phones: Sequence[PhoneArea]) -> PhoneEvidence:
        if not phones:  # most articles print no number: one shared, empty evidence
            return _NO_PHONES
        return cls(frozenset((p.country, p.admin1) for p in phones),
                   frozenset((p.town, p.country, p.admin1) for p in phones if p.town),
                   {(p.country, p.admin1): p.label for p in phones})

    def rings_in(self, gaz: Gazetteer, key: str, row: int) -> tuple[bool, bool]:
        """(whether a number rings in the place's state, whether it names the place)."""
        if not gaz.inside(row, self.areas):
            return False, False
        return True, (key, gaz.countries[row], gaz.admin1s[row]) in self.towns

    def label(self, gaz: Gazetteer, row: int) -> str:
        """libphonenumber's words for where the number that favours ``row`` rings."""
        country = gaz.countries[row]
        return self.labels.get((country, gaz.admin1s[row])) or self.labels.get((country, ""), "")


_NO_PHONES = PhoneEvidence()


def phone_areas(gaz: Gazetteer, text: str) -> list[PhoneArea]:
    """The areas of the North American telephone numbers in ``text``, in text order."""
    out: list[PhoneArea] = []
    if not _LINE.search(text):
        return out
    for m in _NANP.finditer(text):
        out.extend(PhoneArea(m.start(), m.end(), country, admin1, town, label)
                   for country, admin1, town, label in _areas(gaz, _digits(m.group())))
    return out


def _digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return digits[-10:]


@lru_cache(maxsize=4096)
def _areas(gaz: Gazetteer, digits: str) -> tuple[tuple[str, str, str, str], ...]:
    """(country, admin-1 code, town key, label) of a ten-digit number, per area it names.

    Cached per number: a paper prints its newsroom's number in every article.
    """
    import phonenumbers
    from phonenumbers import geocoder

    number = phonenumbers.parse("+1" + digits)
    if not phonenumbers.is_valid_number(number):
        return ()
    country = phonenumbers.region_code_for_number(number) or ""
    label = geocoder.description_for_number(number, "en")
    if not label or not country:
        return ()
    if ", " in label:  # "London, ON": a town in a state or province
        town, code = label.rsplit(", ", 1)
        admin1 = CANADA_ADMIN1.get(code, "") if country == "CA" else code
        return ((country, admin1, name_key(town), label),) if admin1 else ()
    out = []
    for name in label.split("/"):  # "Northwest Territories/Nunavut/Yukon"
        for cand in gaz.candidates(name_key(name)):
            row = cand.row
            if gaz.countries[row] == country and gaz.sources[row] == "admin1":
                out.append((country, gaz.admin1s[row], "", label))
            elif gaz.kinds[row] == PlaceKind.COUNTRY and gaz.countries[row] == country:
                out.append((country, "", "", label))  # Puerto Rico
    return tuple(dict.fromkeys(out))
