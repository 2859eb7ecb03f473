"""The plain data that crosses module boundaries.

Every arrow of DESIGN.md's data flow passes one of these frozen dataclasses, so
a module can be tested, cached or swapped without knowing who made its input.
They hold no behaviour beyond cheap derived properties.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, get_args


class PlaceKind(StrEnum):
    """What kind of place a gazetteer entry is: the toponym ``type`` of DESIGN.md.

    A ``StrEnum``: a member equals its string and is written as it, so the
    benchmark output, the store's Parquet files and the map's GeoJSON hold
    "city", "region", "country", "other" exactly as before there was an enum.
    The gazetteer's tables hold the plain strings (they are cached with ``marshal``).

    >>> PlaceKind.CITY == "city", f"{PlaceKind.REGION}"
    (True, 'region')
    """

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    OTHER = "other"
    FACILITY = "facility"  # a building named like a town: matched, then dropped, never a Place


# The kinds a Place, a toponym's ``type`` and the map can have.
PLACE_KINDS = tuple(k for k in PlaceKind if k is not PlaceKind.FACILITY)

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the month or to the day.

    Articles in the seed format carry only a month; JSON Lines and CSV may
    carry a day. Keeping the precision lets the slider step in months where
    the corpus only knows months, instead of inventing a first-of-month day.

    >>> PartialDate.parse("2023-03").iso
    '2023-03'
    >>> PartialDate.parse("2023-03-16").last_day
    datetime.date(2023, 3, 16)
    """

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Parse YYYY-MM or YYYY-MM-DD; raise ValueError saying what is expected."""
        m = _DATE_RE.match(value.strip())
        if not m:
            raise ValueError(f"expected a date as YYYY-MM or YYYY-MM-DD, got {value!r}")
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
        if not 1 <= month <= 12:
            raise ValueError(f"impossible month {month:02d} in {value!r}")
        if day is not None:
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"impossible day {day:02d} in {value!r}") from None
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """'day' or 'month'."""
        return "month" if self.day is None else "day"

    @property
    def iso(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return self.iso


_set = object.__setattr__  # how a frozen dataclass's own __init__ sets its fields


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) into an article's text."""

    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # Written out: the generated __init__ and a __post_init__ check cost a third more,
        # and every sentence, excerpt and piece of evidence is a Span.
        if not 0 <= start <= end:
            raise ValueError(f"bad span [{start}, {end})")
        _set(self, "start", start)
        _set(self, "end", end)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Article:
    """One news article as read from a file.

    ``text`` is kept byte for byte as in the source (after the seed header),
    so every offset a later stage computes points into what the reader sees.
    ``noise`` lists the caption and player spans (photo credits, "Afspelen
    knop") that may hold toponyms but must never be shown as an excerpt.
    """

    id: str
    date: PartialDate
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    lang: str = ""
    noise: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Place:
    """An entry of the gazetteer.

    ``id`` is the stable string the app puts in URLs: the GeoNames id for
    GeoNames features, ``"r:<slug>"`` for curated regions that GeoNames lacks
    (Donbas, Oost-Oekraïne). ``geonameid`` is None for the latter.
    """

    id: str
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    country: str = ""  # ISO 3166-1 alpha-2, "" for supranational regions
    admin1: str = ""  # GeoNames admin1 code within the country ("05"), "" if none
    population: int = 0
    geonameid: int | None = None


# What an article reports happening at a place (../shared/gold/EVENTS.md): read by
# geoparse.events, stored with each mention, drawn by render, weighed by timeline.
Kind = Literal["control", "fighting", "strike", "held"]
Side = Literal["RU", "UA"]
KINDS: tuple[Kind, ...] = get_args(Kind)  # also the precedence: the first that applies wins
SIDES: tuple[Side, ...] = get_args(Side)


@dataclass(frozen=True)
class Event:
    """What a sentence reports at one toponym; ``evidence`` spans index the article text."""

    kind: Kind
    side: Side | None
    claim: bool
    when: str | None
    evidence: tuple[Span, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The contract shape of EVENTS.md (evidence apart)."""
        return {"kind": self.kind, "side": self.side, "claim": self.claim, "when": self.when}


@dataclass(frozen=True)
class Mention:
    """One occurrence of a place in an article, as the geoparser resolved it.

    ``text[start:end] == surface`` always holds for the article's text.
    ``sentence`` is the excerpt to show (None when the mention stands in a
    caption or player line, which are never excerpts); ``context`` is an
    optional neighbouring sentence that helps the excerpt make sense.
    ``evidence`` says in plain words why this place was chosen.
    """

    article_id: str
    place_id: str
    start: int
    end: int
    surface: str
    confidence: float
    evidence: tuple[str, ...] = ()
    sentence: Span | None = None
    context: Span | None = None
    metonymy: bool = False
    event: Event | None = None  # what the article reports happening here, if anything


@dataclass(frozen=True)
class ParsedArticle:
    """An article with the mentions found in it and the places they point to."""

    article: Article
    mentions: tuple[Mention, ...]
    places: dict[str, Place] = field(default_factory=dict, compare=False, hash=False)
