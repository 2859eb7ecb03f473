"""When an event happened, where the sentence dates it explicitly (EVENTS.md "when").

A news sentence dates an event to another time than the article's own with a
month ("in juli 2022", "in januari"), a day ("am 8. August", "on 20 May",
"Dec. 27, 2022") or a year ("in 2014"). A part of a month ("midden december",
"early May") and anything "since" a date are no date; relative times
("yesterday", "vorige week") are not matched at all. A month without a year
is the latest such month up to the article's date, so "in december" in an
article of March 2023 is 2022-12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapapp.geoparse.events.lexicon import Lexicon
from mapapp.model import PartialDate


@dataclass(frozen=True)
class Dating:
    """A date expression of a sentence: its span (local to the sentence) and its value.

    ``value`` is None where the expression is no usable date (vague, "since",
    a month with no article year to place it in).
    """

    start: int
    end: int
    value: str | None


def parse_article_date(date: object) -> PartialDate | None:
    """The article's date as a PartialDate, or None when missing or unreadable."""
    if isinstance(date, PartialDate):
        return date
    if isinstance(date, str) and date:
        try:
            return PartialDate.parse(date[:10])
        except ValueError:
            return None
    return None


def _month_of(match: re.Match[str]) -> int:
    for name, value in match.groupdict().items():
        if value is not None and name[0] == "m" and name[1:].isdigit():
            return int(name[1:])
    raise ValueError("a date match without a month")  # the pattern always holds one


def _value(match: re.Match[str], article: PartialDate | None) -> str | None:
    if match.group("vague") or match.group("since"):
        return None
    month = _month_of(match)
    day_text = match.group("day") or match.group("day2")
    day = int(day_text) if day_text else None
    if day is not None and not 1 <= day <= 31:
        day = None
    if match.group("year"):
        year = int(match.group("year"))
    elif article is not None:
        year = article.year - (1 if month > article.month else 0)
    else:
        return None
    value = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    if article is not None and value == article.iso:
        return None  # the article's own date is no other time
    return value


def datings(sentence: str, lex: Lexicon, article: PartialDate | None) -> tuple[Dating, ...]:
    """Every date expression of ``sentence`` in order, with its value (see module doc)."""
    out = [Dating(m.start(), m.end(), _value(m, article)) for m in lex.date.finditer(sentence)]
    taken = [(d.start, d.end) for d in out]
    for m in lex.year_only.finditer(sentence):
        if any(s <= m.start("year") < e for s, e in taken):
            continue
        out.append(Dating(m.start(), m.end(), None if m.group("since") else m.group("year")))
    out.sort(key=lambda d: d.start)
    return tuple(out)


def nearest(dates: tuple[Dating, ...], start: int, end: int) -> Dating | None:
    """The date expression closest to the trigger at [start, end), if the sentence has one."""
    best, gap = None, 10**9
    for d in dates:
        dist = start - d.end if d.end <= start else d.start - end if d.start >= end else 0
        if dist < gap:
            best, gap = d, dist
    return best
