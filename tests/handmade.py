"""Hand-made parsed articles for the timeline, render and app tests.

The geoparser is someone else's module and slow to load; these tests are
about what happens *after* it, so they build ParsedArticles directly. Every
mention is found in the text by its surface, so ``text[start:end] ==
surface`` holds as it does for the real parser, and the expected counts in
the tests can be checked by reading the texts below.
"""

from __future__ import annotations

import re

from mapapp.model import Article, Mention, ParsedArticle, PartialDate, Place, Span

BAKHMUT = Place("713174", "Bakhmut", "city", 48.5953, 38.0003, "UA", "05", 73212, 713174)
SOLEDAR = Place("706757", "Soledar", "city", 48.6833, 38.0667, "UA", "05", 10490, 706757)
DONETSK_OBLAST = Place("709716", "Donetsk Oblast", "region", 48.0, 37.75, "UA", "05", 0, 709716)
DONBAS = Place("r:donbas", "Donbas", "region", 48.3, 38.3, "UA")
UKRAINE = Place("690791", "Ukraine", "country", 49.0, 32.0, "UA", "", 44622516, 690791)
RUSSIA = Place("2017370", "Russia", "country", 60.0, 100.0, "RU", "", 140702000, 2017370)

SURFACES = {
    "Bachmoet": BAKHMUT,
    "Soledar": SOLEDAR,
    "Donetsk": DONETSK_OBLAST,
    "Donbas": DONBAS,
    "Oekraïne": UKRAINE,
    "Rusland": RUSSIA,
}

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
CAPTION_PREFIX = "Foto:"


def _sentences(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group().strip()]


def _captions(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in re.finditer(r"(?m)^Foto:.*$", text)]


def parsed(article_id: str, date: str, text: str, title: str = "", source: str = "AD",
           places: dict[str, Place] | None = None, confidence: float = 0.9) -> ParsedArticle:
    """An article with a mention for every occurrence of a known surface.

    Lines starting with ``Foto:`` are captions: their mentions get no sentence.
    """
    article = Article(article_id, PartialDate.parse(date), text, title=title, source=source,
                      noise=tuple(_captions(text)))
    return parse_article(article, places, confidence)


def parse_article(article: Article, places: dict[str, Place] | None = None,
                  confidence: float = 0.9) -> ParsedArticle:
    """What a geoparser that knows only ``places`` (by surface) would make of ``article``."""
    places = SURFACES if places is None else places
    text, captions = article.text, _captions(article.text)
    mentions = []
    for surface, place in places.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            at = Span(m.start(), m.end())
            in_caption = any(c.contains(at) for c in captions)
            sentence = None if in_caption else next(s for s in _sentences(text) if s.contains(at))
            mentions.append(Mention(article.id, place.id, at.start, at.end, surface, confidence,
                                    (f"{surface} is a name of {place.name}",), sentence))
    mentions.sort(key=lambda m: m.start)
    used = {m.place_id for m in mentions}
    return ParsedArticle(article, tuple(mentions),
                         {p.id: p for p in places.values() if p.id in used})


class FakeGeoparser:
    """Stands in for mapapp.geoparse.pipeline.Geoparser: knows only SURFACES, needs no gazetteer."""

    def __init__(self, gazetteer: object = None) -> None:
        self.gazetteer = gazetteer

    def parse(self, article: Article) -> ParsedArticle:
        return parse_article(article)

    def parse_many(self, articles):
        return map(self.parse, articles)


def corpus() -> list[ParsedArticle]:
    """Five articles over December 2022 to May 2023 (no February, no April)."""
    return [
        parsed("a1", "2022-12", "Zware strijd in Bachmoet. Ook Soledar ligt onder vuur.",
               title="Strijd om Bachmoet"),
        parsed("a2", "2023-01", "Oekraïne houdt Bachmoet. Rusland valt aan in de Donbas.",
               title="Oekraïne houdt stand", source="NOS"),
        parsed("a3", "2023-03", "Bachmoet is bijna omsingeld. Bachmoet brandt.\n"
               "Foto: een tank bij Soledar", title="Omsingeld"),
        parsed("a4", "2023-03", "In de provincie Donetsk is het onrustig.",
               title="Onrust"),
        parsed("a5", "2023-05", "Rusland claimt Bachmoet. Soledar en Bachmoet liggen in puin.",
               title="Rusland claimt de stad", source="NOS"),
    ]


def captions_article() -> ParsedArticle:
    """Bakhmut named twice in one sentence and twice in photo captions: 4 mentions, 2 excerpts."""
    return parsed("c1", "2023-04", "Bachmoet, zei hij, Bachmoet valt. Soledar ook.\n"
                  "Foto: Bachmoet in brand\nFoto: Soledar en Bachmoet", title="Brand")


def synthetic_corpus(n_articles: int, n_places: int, seed: int = 7) -> list[ParsedArticle]:
    """A corpus at scale: day-dated articles naming places drawn from a Zipf-like law.

    Used to check that window queries and the app keep their speed; the
    texts are generated, so nothing here needs to be committed.
    """
    import datetime as dt
    import random

    rnd = random.Random(seed)
    places = [Place(str(100000 + i), f"Plaats {i:04d}", "region" if i % 25 == 0 else "city",
                    round(rnd.uniform(44.5, 52.0), 4), round(rnd.uniform(22.5, 40.0), 4), "UA")
              for i in range(n_places)]
    weights = [1 / (i + 1) for i in range(n_places)]
    day0 = dt.date(2022, 2, 24)
    out = []
    for a in range(n_articles):
        named = rnd.choices(places, weights, k=rnd.randint(3, 12))
        text, mentions = "", []
        for place in named:
            sentence = f"Er werd gevochten bij {place.name}. "
            start = len(text) + len("Er werd gevochten bij ")
            span = Span(len(text), len(text) + len(sentence) - 1)
            mentions.append(Mention(f"s{a}", place.id, start, start + len(place.name), place.name,
                                    0.8, ("synthetic",), span))
            text += sentence
        date = day0 + dt.timedelta(days=rnd.randrange(600))
        article = Article(f"s{a}", PartialDate(date.year, date.month, date.day), text,
                          title=f"Bericht {a}", source="Synthetisch")
        out.append(ParsedArticle(article, tuple(mentions), {p.id: p for p in named}))
    return out


def write_seed_files(folder, articles: list[ParsedArticle]) -> None:
    """Write articles in the seed format (`` date YYYY-MM text``) for the corpus reader."""
    from pathlib import Path

    Path(folder).mkdir(parents=True, exist_ok=True)
    for pa in articles:
        a = pa.article
        (Path(folder) / f"{a.id}.txt").write_text(f" date {a.date.iso} {a.text}", encoding="utf-8")


def with_event(item: ParsedArticle, surface: str, kind: str, word: str, side: str | None = None,
               claim: bool = False, when: str | None = None, nth: int = 0) -> ParsedArticle:
    """``item`` with an Event on the ``nth`` mention written ``surface``, ``word`` (its first
    occurrence in the text) as the evidence: what the event reader would have put there."""
    import dataclasses

    from mapapp.model import Event

    at = item.article.text.index(word)
    event = Event(kind, side, claim, when, (Span(at, at + len(word)),))  # type: ignore[arg-type]
    hits = [i for i, m in enumerate(item.mentions) if m.surface == surface]
    ms = list(item.mentions)
    ms[hits[nth]] = dataclasses.replace(ms[hits[nth]], event=event)
    return dataclasses.replace(item, mentions=tuple(ms))


def events_corpus() -> list[ParsedArticle]:
    """Four articles whose mentions carry events by EVENTS.md's rules (hand-labelled here):
    Soledar taken (a claim), retaken; Bakhmut fought over, shelled, taken (dated to the
    month before its article), then said to be held."""
    e1 = parsed("e1", "2023-01", "Wagner zegt Soledar te hebben veroverd. Zware strijd bij "
                "Bachmoet.", title="Soledar")
    e1 = with_event(e1, "Soledar", "control", "veroverd", "RU", claim=True)
    e1 = with_event(e1, "Bachmoet", "fighting", "strijd")
    e2 = parsed("e2", "2023-02", "Oekraïne heeft Soledar heroverd. Bachmoet ligt onder vuur. "
                "Bachmoet is een stad.", title="Heroverd")
    e2 = with_event(with_event(e2, "Soledar", "control", "heroverd", "UA"),
                    "Bachmoet", "strike", "onder vuur")
    e3 = parsed("e3", "2023-03", "Rusland veroverde Bachmoet in februari. Soledar is nog in "
                "Oekraïense handen.", title="Gevallen")
    e3 = with_event(e3, "Bachmoet", "control", "veroverde", "RU", when="2023-02")
    e3 = with_event(e3, "Soledar", "held", "Oekraïense handen", "UA")
    e4 = parsed("e4", "2023-03", "Bachmoet blijft in Oekraïense handen, zegt Kyiv.",
                title="Houdt stand")
    e4 = with_event(e4, "Bachmoet", "held", "Oekraïense handen", "UA")
    return [e1, e2, e3, e4]
