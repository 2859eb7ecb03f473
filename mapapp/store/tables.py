"""The store's three tables as Arrow schemas, and the exact round trip to ParsedArticles.

Geoparsing runs in worker processes (a fork pool or a Dask cluster) and the
driver only writes files, so a worker hands back its batch as Arrow tables:
they cross a process boundary cheaply and are what Parquet stores anyway.
The conversion is lossless (every field of Article, Mention and Place has a
column), so an app reading the store builds exactly the Timeline it would
have built from the geoparser's output.

Tables (one row per item; ``month`` is YYYY-MM of the article's date, the
hive partition key, present in a :class:`BatchTables` but never inside a file):

articles
    article_id, hash (str: :func:`article_hash`), date (str: PartialDate iso),
    first_day, last_day (date32: the days the date covers), title, source,
    url, lang, text (str), noise_start, noise_end (list<int32>: caption spans).
mentions
    article_id (str), seq (int32: position in the article's mentions),
    place_id, place_name, place_kind (str), lat, lon (float64), date,
    first_day, last_day (the article's), start, end (int32: offsets into the
    article text), surface (str), confidence (float64), evidence
    (list<str>), sentence_start, sentence_end, context_start, context_end
    (int32, -1 when absent), metonymy (bool), event_kind, event_side (str,
    null without an event), event_claim (bool, null read as false),
    event_when (str, null), event_evidence_start, event_evidence_end
    (list<int32>: the deciding words' spans; ``model.Event``), geometry (WKB
    point lon/lat).
places
    place_id, name, kind (str), lat, lon (float64), country, admin1 (str),
    population (int64), geonameid (int64, null for curated regions),
    geometry (WKB point lon/lat).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyarrow as pa
import shapely

from mapapp.model import (
    Article,
    Event,
    Mention,
    ParsedArticle,
    PartialDate,
    Place,
    PlaceKind,
    Span,
)

_STR, _I32, _F64 = pa.string(), pa.int32(), pa.float64()

ARTICLES = pa.schema([
    ("article_id", _STR), ("hash", _STR), ("date", _STR), ("first_day", pa.date32()),
    ("last_day", pa.date32()), ("title", _STR), ("source", _STR), ("url", _STR),
    ("lang", _STR), ("text", _STR), ("noise_start", pa.list_(_I32)),
    ("noise_end", pa.list_(_I32)),
])
MENTIONS = pa.schema([
    ("article_id", _STR), ("seq", _I32), ("place_id", _STR), ("place_name", _STR),
    ("place_kind", _STR), ("lat", _F64), ("lon", _F64), ("date", _STR),
    ("first_day", pa.date32()), ("last_day", pa.date32()), ("start", _I32), ("end", _I32),
    ("surface", _STR), ("confidence", _F64), ("evidence", pa.list_(_STR)),
    ("sentence_start", _I32), ("sentence_end", _I32), ("context_start", _I32),
    ("context_end", _I32), ("metonymy", pa.bool_()), ("event_kind", _STR),
    ("event_side", _STR), ("event_claim", pa.bool_()), ("event_when", _STR),
    ("event_evidence_start", pa.list_(_I32)), ("event_evidence_end", pa.list_(_I32)),
    ("geometry", pa.binary()),
])
PLACES = pa.schema([
    ("place_id", _STR), ("name", _STR), ("kind", _STR), ("lat", _F64), ("lon", _F64),
    ("country", _STR), ("admin1", _STR), ("population", pa.int64()),
    ("geonameid", pa.int64()), ("geometry", pa.binary()),
])
SCHEMAS = {"articles": ARTICLES, "mentions": MENTIONS, "places": PLACES}
MONTH = "month"


@dataclass(frozen=True)
class BatchTables:
    """One batch of parsed articles as the three tables (articles and mentions with ``month``)."""

    articles: pa.Table
    mentions: pa.Table
    places: pa.Table

    def __len__(self) -> int:
        return self.articles.num_rows


def article_hash(article: Article) -> str:
    """A fingerprint of everything the reader took from the file (noise is derived from text).

    Same id and same hash: the stored version is current and is skipped.
    """
    a = article
    key = json.dumps([a.id, a.date.iso, a.title, a.source, a.url, a.lang, a.text],
                     ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def month_of(date: PartialDate) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def points_wkb(lons: Sequence[float], lats: Sequence[float]) -> pa.Array:
    """WKB points for the GeoParquet ``geometry`` column."""
    return pa.array(shapely.to_wkb(shapely.points(list(lons), list(lats))), type=pa.binary())


def _pair(span: Span | None) -> tuple[int, int]:
    return (-1, -1) if span is None else (span.start, span.end)


def _articles_table(parsed: Sequence[ParsedArticle]) -> pa.Table:
    arts = [pa_.article for pa_ in parsed]
    columns = {
        "article_id": [a.id for a in arts], "hash": [article_hash(a) for a in arts],
        "date": [a.date.iso for a in arts], "first_day": [a.date.first_day for a in arts],
        "last_day": [a.date.last_day for a in arts], "title": [a.title for a in arts],
        "source": [a.source for a in arts], "url": [a.url for a in arts],
        "lang": [a.lang for a in arts], "text": [a.text for a in arts],
        "noise_start": [[s.start for s in a.noise] for a in arts],
        "noise_end": [[s.end for s in a.noise] for a in arts],
    }
    table = pa.table(columns, schema=ARTICLES)
    return table.append_column(MONTH, pa.array([month_of(a.date) for a in arts], _STR))


def _event_cells(event: Event | None) -> tuple:
    if event is None:
        return (None, None, None, None, None, None)
    return (event.kind, event.side, event.claim, event.when,
            [s.start for s in event.evidence], [s.end for s in event.evidence])


def _mention_rows(parsed: Sequence[ParsedArticle]) -> tuple[list[tuple], list[str]]:
    rows, months = [], []
    for item in parsed:
        art = item.article
        first, last, month = art.date.first_day, art.date.last_day, month_of(art.date)
        for seq, m in enumerate(item.mentions):
            p = item.places[m.place_id]
            rows.append((m.article_id, seq, m.place_id, p.name, p.kind, p.lat, p.lon,
                         art.date.iso, first, last, m.start, m.end, m.surface, m.confidence,
                         list(m.evidence), *_pair(m.sentence), *_pair(m.context), m.metonymy,
                         *_event_cells(m.event)))
            months.append(month)
    return rows, months


def _mentions_table(parsed: Sequence[ParsedArticle]) -> pa.Table:
    rows, months = _mention_rows(parsed)
    names = MENTIONS.names[:-1]  # all but geometry
    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    columns["geometry"] = points_wkb(columns["lon"], columns["lat"])
    table = pa.table(columns, schema=MENTIONS)
    return table.append_column(MONTH, pa.array(months, _STR))


def places_table(places: Iterable[Place]) -> pa.Table:
    """Places as the ``places`` table, in the order given."""
    ps = list(places)
    lats, lons = [p.lat for p in ps], [p.lon for p in ps]
    columns = {
        "place_id": [p.id for p in ps], "name": [p.name for p in ps],
        "kind": [p.kind for p in ps], "lat": lats, "lon": lons,
        "country": [p.country for p in ps], "admin1": [p.admin1 for p in ps],
        "population": [p.population for p in ps], "geonameid": [p.geonameid for p in ps],
        "geometry": points_wkb(lons, lats),
    }
    return pa.table(columns, schema=PLACES)


def batch_tables(parsed: Sequence[ParsedArticle]) -> BatchTables:
    """The tables of a batch; every mention's place must be in its ParsedArticle's places."""
    places: dict[str, Place] = {}
    for item in parsed:
        for m in item.mentions:
            places.setdefault(m.place_id, item.places[m.place_id])
    return BatchTables(_articles_table(parsed), _mentions_table(parsed),
                       places_table(sorted(places.values(), key=lambda p: p.id)))


# ------------------------------------------------------------------ read back


def _spans(starts: Sequence[int] | None, ends: Sequence[int] | None) -> tuple[Span, ...]:
    return tuple(Span(s, e) for s, e in zip(starts or (), ends or (), strict=True))


def _span(start: int, end: int) -> Span | None:
    return None if start < 0 else Span(start, end)


def articles_of(table: pa.Table) -> list[Article]:
    """Articles from rows of the ``articles`` table (all its columns), in row order."""
    c = {name: table.column(name).to_pylist() for name in ARTICLES.names
         if name not in ("hash", "first_day", "last_day")}
    return [Article(id=c["article_id"][i], date=PartialDate.parse(c["date"][i]),
                    text=c["text"][i], title=c["title"][i], source=c["source"][i],
                    url=c["url"][i], lang=c["lang"][i],
                    noise=_spans(c["noise_start"][i], c["noise_end"][i]))
            for i in range(table.num_rows)]


def places_of(table: pa.Table) -> dict[str, Place]:
    """Places by id from rows of the ``places`` table."""
    c = {name: table.column(name).to_pylist() for name in PLACES.names if name != "geometry"}
    return {c["place_id"][i]: Place(c["place_id"][i], c["name"][i], PlaceKind(c["kind"][i]),
                                    c["lat"][i], c["lon"][i], c["country"][i], c["admin1"][i],
                                    c["population"][i], c["geonameid"][i])
            for i in range(table.num_rows)}


_MENTION_FIELDS = ("article_id", "seq", "place_id", "start", "end", "surface", "confidence",
                   "evidence", "sentence_start", "sentence_end", "context_start",
                   "context_end", "metonymy", "event_kind", "event_side", "event_claim",
                   "event_when", "event_evidence_start", "event_evidence_end")


def _event(c: dict[str, list], i: int) -> Event | None:
    """The event of mention row ``i`` (None without one, and in stores written before events)."""
    kind = c["event_kind"][i]
    if kind is None:
        return None
    return Event(kind, c["event_side"][i], bool(c["event_claim"][i]), c["event_when"][i],
                 _spans(c["event_evidence_start"][i], c["event_evidence_end"][i]))


def mentions_of(table: pa.Table) -> dict[str, list[Mention]]:
    """Mentions grouped by article id, each list in the article's order (by ``seq``)."""
    c = {name: table.column(name).to_pylist() for name in _MENTION_FIELDS}
    spans: dict[tuple[int, int], Span | None] = {}  # mentions share sentences: one Span each

    def span(start: int, end: int) -> Span | None:
        key = (start, end)
        if key not in spans:
            spans[key] = _span(start, end)
        return spans[key]

    out: dict[str, list[tuple[int, Mention]]] = {}
    for i in range(table.num_rows):
        m = Mention(c["article_id"][i], c["place_id"][i], c["start"][i], c["end"][i],
                    c["surface"][i], c["confidence"][i], tuple(c["evidence"][i] or ()),
                    span(c["sentence_start"][i], c["sentence_end"][i]),
                    span(c["context_start"][i], c["context_end"][i]), c["metonymy"][i],
                    _event(c, i))
        out.setdefault(m.article_id, []).append((c["seq"][i], m))
    return {aid: [m for _, m in sorted(ms, key=lambda sm: sm[0])] for aid, ms in out.items()}


def parsed_of(articles: pa.Table, mentions: pa.Table, places: pa.Table) -> list[ParsedArticle]:
    """ParsedArticles equal to the geoparser's, in the order of ``articles``' rows."""
    by_article = mentions_of(mentions)
    known = places_of(places)
    out = []
    for article in articles_of(articles):
        ms = tuple(by_article.get(article.id, ()))
        out.append(ParsedArticle(article, ms, {m.place_id: known[m.place_id] for m in ms}))
    return out
