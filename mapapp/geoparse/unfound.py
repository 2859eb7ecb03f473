"""Names the articles call places that the gazetteer does not know: listed, never dropped.

"The village of Robotyne", "в селі Роботине", "het dorp Robotyne", "das Dorf
Robotyne": the text says outright that a name is a settlement. When the
gazetteer lacks it (a village under 500 inhabitants before the country's
GeoNames dump is added, a new spelling), recognition cannot map it, and
without this list nobody would know what the map misses. The cue phrases
here only *list* names for the user; they never make a toponym (recognition
stays with ``recognise*``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mapapp.model import ParsedArticle

# A capitalised word (Latin or Cyrillic), with inner apostrophes and hyphens (Kam'ianka,
# Novo-Oleksandrivka); a name is one to three of them.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐЎ"
_WORD = rf"[{_UPPER}][^\W\d_]*(?:['’ʼ-][^\W\d_]+)*"
_NAME = rf"(?P<name>{_WORD}(?:[ -]{_WORD}){{0,2}})"

# The cue words before a settlement's name, per language; the name follows at once.
CUES: dict[str, str] = {
    "en": r"\b(?:villages?|towns?|settlements?|hamlets?|township)\s+of\s+",
    "nl": r"\b(?:dorp|dorpje|dorpen|gehucht|plaats|plaatsje|stadje)\s+",
    "de": r"\b(?:Dorf|Dorfes|Dörfer|Ort|Ortes|Ortschaft|Siedlung|Kleinstadt)\s+",
    "uk": r"(?<![^\W\d_])(?:село|села|селі|селом|селища|селище|селищі|селищем|містечк[оаіу]|"
          r"смт|с\.)\s*",
    "ru": r"(?<![^\W\d_])(?:село|села|селе|селом|сёл|посёл(?:ок|ка|ке|ком)|посел(?:ок|ка|ке|ком)|"
          r"деревн[яеиюй]|пгт|с\.)\s*",
}
_PATTERNS = {lang: re.compile(cue + _NAME) for lang, cue in CUES.items()}
# A second name joined to the first: "the villages of Robotyne and Verbove".
_MORE = re.compile(rf"(?:,\s*|\s+(?:and|en|und|і|й|та|и)\s+){_NAME}")


@dataclass(frozen=True)
class Unfound:
    """One name a cue calls a settlement that no place of the gazetteer bears."""

    name: str
    article_id: str
    start: int
    end: int
    cue: str  # the words that say it is a settlement ("village of")


@dataclass(frozen=True)
class UnfoundName:
    """A name over the whole corpus: how often, and in which articles (a few)."""

    name: str
    mentions: int
    articles: tuple[str, ...]


def cued_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, cue) of every name after a settlement cue, in any language."""
    out: list[tuple[int, int, str]] = []
    for pattern in _PATTERNS.values():
        for m in pattern.finditer(text):
            cue = text[m.start():m.start("name")].strip()
            out.append((m.start("name"), m.end("name"), cue))
            out.extend((s, e, cue) for s, e in _listed_after(text, m.end("name")))
    return sorted(set(out))


def _listed_after(text: str, end: int) -> list[tuple[int, int]]:
    """The names listed after a cued one: ", Y and Z" (a comma alone ends no list: in
    "the villages of X and Y, Ukrainian units …" the sentence goes on)."""
    chain: list[tuple[int, int, bool]] = []  # start, end, joined by a conjunction
    while (more := _MORE.match(text, end)) is not None:
        chain.append((more.start("name"), more.end("name"), not more.group(0).startswith(",")))
        end = more.end("name")
    while chain and not chain[-1][2]:
        chain.pop()
    return [(s, e) for s, e, _ in chain]


def unfound_in(parsed: ParsedArticle, known: Callable[[str], bool] | None = None
               ) -> list[Unfound]:
    """Cued names of one article that no mention covers and ``known`` (the gazetteer's
    look-up, when given) does not know."""
    taken = [(m.start, m.end) for m in parsed.mentions]
    text = parsed.article.text
    out = []
    for start, end, cue in cued_names(text):
        if any(s < end and start < e for s, e in taken):
            continue
        name = text[start:end]
        if known is None or not known(name):
            out.append(Unfound(name, parsed.article.id, start, end, cue))
    return out


def unfound_names(parsed: Iterable[ParsedArticle], known: Callable[[str], bool] | None = None,
                  examples: int = 3) -> list[UnfoundName]:
    """Every unfound name of a corpus, most mentioned first."""
    mentions: dict[str, int] = defaultdict(int)
    articles: dict[str, list[str]] = defaultdict(list)
    for doc in parsed:
        for u in unfound_in(doc, known):
            mentions[u.name] += 1
            if u.article_id not in articles[u.name]:
                articles[u.name].append(u.article_id)
    return [UnfoundName(name, n, tuple(articles[name][:examples]))
            for name, n in sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))]
