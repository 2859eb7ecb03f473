"""Mentions out to other tools: GeoJSON, CSV or GeoParquet, from the app's view or a store.

An analyst who found something on the map wants the points and the
sentences behind them in QGIS, a spreadsheet or a notebook. Every export is
one row per mention with the columns of :data:`EXPORT_COLUMNS`; the app's
download button turns its current view into that frame with
:func:`timeline_frame` and calls :func:`export_mentions`, the command line
streams a store month by month with :func:`export_store` so a whole store
never has to fit in memory.

EXPORT_COLUMNS: article_id, date (the article's, YYYY-MM[-DD]), place_id,
place_name, place_kind, lat, lon, surface (the name as written), start, end
(offsets into the article text), sentence (the excerpt; "" for a caption),
confidence, title (as the app shows it: the article's, else its first
sentence), source, url, event_kind, event_side (str, empty/null without an
event), event_claim (bool), event_when (the event's own date, or empty),
event_words (the words that decided the event, joined by " … "). GeoJSON puts
lat/lon in the Point geometry and the rest in ``properties``; CSV and GeoParquet
keep lat and lon columns.
In CSV, a text cell that starts with = + - @, a tab or a carriage return gets a
leading single quote, so a spreadsheet shows an article's
``=HYPERLINK(…)`` title as text instead of running it (OWASP, CSV injection);
GeoJSON and GeoParquet carry the text as written.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from mapapp.corpus.reader import display_title, source_label
from mapapp.model import Article, PartialDate
from mapapp.plumbing.files import atomic_write
from mapapp.store.files import geo_metadata
from mapapp.store.reader import DayLike, Store, as_day
from mapapp.store.tables import points_wkb

if TYPE_CHECKING:
    from mapapp.timeline.windows import Timeline

FORMATS = ("geojson", "csv", "parquet")
EXPORT_COLUMNS = ("article_id", "date", "place_id", "place_name", "place_kind", "lat", "lon",
                  "surface", "start", "end", "sentence", "confidence", "title", "source", "url",
                  "event_kind", "event_side", "event_claim", "event_when", "event_words")
_TYPES = {"lat": float, "lon": float, "start": "int64", "end": "int64", "confidence": float,
          "event_claim": bool}
_SCHEMA = pa.schema([(c, pa.float64() if _TYPES.get(c) is float else
                      pa.bool_() if _TYPES.get(c) is bool else
                      pa.int64() if c in _TYPES else pa.string()) for c in EXPORT_COLUMNS])
_GEO_SCHEMA = _SCHEMA.append(pa.field("geometry", pa.binary()))
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what makes a spreadsheet cell a formula
_ARTICLE_COLUMNS = ["article_id", "date", "text", "title", "source", "url"]
_MENTION_COLUMNS = ["article_id", "date", "place_id", "place_name", "place_kind", "lat", "lon",
                    "surface", "start", "end", "sentence_start", "sentence_end", "confidence",
                    "event_kind", "event_side", "event_claim", "event_when",
                    "event_evidence_start", "event_evidence_end"]


def _words(text: str, spans) -> str:
    """The deciding words of an event, as written, joined by " … "."""
    return " … ".join(text[int(s):int(e)] for s, e in spans)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """EXPORT_COLUMNS typed alike from a store and a Timeline: absent event strings None."""
    out = df[list(EXPORT_COLUMNS)].astype(_TYPES)
    nullable = {c: out[c].astype(object).where(out[c].notna(), None)
                for c in ("event_kind", "event_side", "event_when")}
    return out.assign(**nullable).reset_index(drop=True)


def _sentences(texts: pd.Series, starts: pd.Series, ends: pd.Series) -> list[str]:
    return ["" if s < 0 else t[s:e].strip()
            for t, s, e in zip(texts.tolist(), starts.tolist(), ends.tolist(), strict=True)]


def _titles(articles: pd.DataFrame) -> list[str]:
    """The title the app shows: the article's own, else its first sentence."""
    return [title or display_title(Article(aid, PartialDate.parse(date), text))
            for aid, date, text, title in zip(articles["article_id"], articles["date"],
                                              articles["text"], articles["title"], strict=True)]


def _sources(articles: pd.DataFrame) -> pd.Series:
    """The sources as the app shows them: a seed file's path (an older store's) by its name."""
    return pd.Series([source_label(source, aid) for aid, source in
                      zip(articles["article_id"], articles["source"], strict=True)],
                     index=articles.index, dtype=articles["source"].dtype)


def export_frame(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """EXPORT_COLUMNS from store-shaped mentions and their articles (``_ARTICLE_COLUMNS``)."""
    texts = dict(zip(articles["article_id"].tolist(), articles["text"].tolist(), strict=True))
    meta = articles[["article_id", "url"]].assign(title=_titles(articles),
                                                  source=_sources(articles))
    df = mentions.merge(meta, on="article_id", how="left")  # a text per mention would not fit
    df["sentence"] = ["" if s < 0 else texts.get(a, "")[s:e].strip() for a, s, e in zip(
        df["article_id"].tolist(), df["sentence_start"].tolist(), df["sentence_end"].tolist(),
        strict=True)]
    df["event_claim"] = df["event_claim"].fillna(False).astype(bool)
    df["event_words"] = [_words(texts.get(a, ""), zip(s, e, strict=True)) if s is not None
                         and len(s) else "" for a, s, e in zip(
        df["article_id"].tolist(), df["event_evidence_start"].tolist(),
        df["event_evidence_end"].tolist(), strict=True)]
    return _typed(df)


def store_frame(store: Store, first_day: DayLike, last_day: DayLike,
                place_id: str | None = None) -> pd.DataFrame:
    """The export frame of a store window, optionally of one place."""
    ids = None if place_id is None else [place_id]
    mentions = store.mentions_between(first_day, last_day, columns=_MENTION_COLUMNS,
                                      place_ids=ids)
    articles = store.articles_between(first_day, last_day, columns=_ARTICLE_COLUMNS)
    return export_frame(mentions, articles)


def timeline_frame(tl: Timeline, lo: int, hi: int, place_id: str | None = None) -> pd.DataFrame:
    """The export frame of the app's view: periods [lo, hi] of a Timeline, optionally one place."""
    m = tl.mentions.iloc[tl.rows(lo, hi)]
    if place_id is not None:
        m = m[m["place_id"] == place_id]
    places = tl.places.iloc[m["place_code"].to_numpy()].reset_index(drop=True)
    arts = tl.articles.iloc[m["article_rank"].to_numpy()].reset_index(drop=True)
    m = m.reset_index(drop=True)
    texts = pd.Series([tl.texts[a] for a in m["article_id"]], dtype=object)
    df = pd.DataFrame({
        "article_id": m["article_id"], "date": m["date"], "place_id": m["place_id"],
        "place_name": places["name"], "place_kind": places["kind"], "lat": places["lat"],
        "lon": places["lon"], "surface": m["surface"], "start": m["start"], "end": m["end"],
        "sentence": _sentences(texts, m["sentence_start"], m["sentence_end"]),
        "confidence": m["confidence"], "title": arts["title"], "source": _sources(arts),
        "url": arts["url"], "event_kind": m["event_kind"], "event_side": m["event_side"],
        "event_claim": m["event_claim"], "event_when": m["event_when"],
        "event_words": [_words(t, ev) for t, ev in zip(texts, m["event_evidence"], strict=True)]})
    return _typed(df)


# ------------------------------------------------------------------ encoders


def _check(df: pd.DataFrame) -> None:
    missing = [c for c in EXPORT_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"export needs the columns {', '.join(missing)}; build the frame "
                         "with export.store_frame or export.timeline_frame")


def _features(df: pd.DataFrame) -> Iterator[str]:
    props = [c for c in EXPORT_COLUMNS if c not in ("lat", "lon")]
    values = [df[c].tolist() for c in props]
    for lon, lat, *row in zip(df["lon"].tolist(), df["lat"].tolist(), *values, strict=True):
        yield json.dumps({"type": "Feature",
                          "geometry": {"type": "Point", "coordinates": [lon, lat]},
                          "properties": dict(zip(props, row, strict=True))}, ensure_ascii=False)


def _defused(df: pd.DataFrame) -> pd.DataFrame:
    """EXPORT_COLUMNS with every text cell a spreadsheet would run as a formula (it starts
    with = + - @, a tab or a carriage return) behind a single quote, as OWASP recommends
    against CSV injection; numbers stay numbers."""
    out = df[list(EXPORT_COLUMNS)]
    texts = {}
    for column in (c for c in EXPORT_COLUMNS if c not in _TYPES):
        cells = out[column]
        if not pd.api.types.is_string_dtype(cells):  # no text at all (an empty frame's NaN)
            continue
        risky = cells.str.startswith(_FORMULA_STARTS, na=False)  # False for a missing cell
        if risky.any():
            texts[column] = cells.where(~risky, "'" + cells[risky])
    return out.assign(**texts) if texts else out


def _arrow(df: pd.DataFrame) -> pa.Table:
    table = pa.Table.from_pandas(df[list(EXPORT_COLUMNS)], schema=_SCHEMA, preserve_index=False)
    table = table.append_column("geometry", points_wkb(df["lon"].tolist(), df["lat"].tolist()))
    return table.replace_schema_metadata(geo_metadata(table))


def export_mentions(df: pd.DataFrame, fmt: str) -> bytes:
    """The export frame ``df`` as a file's bytes: ``geojson``, ``csv`` or ``parquet``.

    >>> json.loads(export_mentions(pd.DataFrame(columns=EXPORT_COLUMNS), "geojson"))
    {'type': 'FeatureCollection', 'features': []}
    """
    _check(df)
    out = io.BytesIO()
    _write_chunks(out, iter([df]), fmt)
    return out.getvalue()


def _write_chunks(out: BinaryIO, chunks: Iterator[pd.DataFrame],
                  fmt: str) -> int:
    """Write frames as one file of ``fmt``; return the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows, writer, first = 0, None, True
    if fmt == "geojson":
        out.write(b'{"type": "FeatureCollection", "features": [\n')
    for df in chunks:
        if fmt == "geojson":
            for feature in _features(df):
                out.write((("" if first else ",\n") + feature).encode())
                first = False
        elif fmt == "csv":
            out.write(_defused(df).to_csv(index=False, header=first).encode())
            first = False
        elif len(df):
            table = _arrow(df)
            writer = writer or pq.ParquetWriter(out, table.schema)
            writer.write_table(table)
        rows += len(df)
    if fmt == "geojson":
        out.write(b"\n]}\n")
    elif fmt == "csv" and first:
        out.write((",".join(EXPORT_COLUMNS) + "\n").encode())
    elif fmt == "parquet":
        writer = writer or pq.ParquetWriter(out, _GEO_SCHEMA.with_metadata(geo_metadata(
            _GEO_SCHEMA.empty_table())))
        writer.close()
    return rows


def export_store(store: Store, out: str | Path, fmt: str, since: DayLike | None = None,
                 until: DayLike | None = None, place_id: str | None = None) -> int:
    """Write a store's mentions in [since, until] (default: all) to ``out``; return the rows.

    Reads and writes one month at a time; ``out`` appears only when complete.
    """
    months = store.months()
    windows: list[tuple[dt.date, dt.date]] = []
    if months:
        first = as_day(since if since is not None else months[0])
        last = as_day(until if until is not None else months[-1], last=True)
        windows = [(max(first, as_day(m)), min(last, as_day(m, last=True))) for m in months]
    chunks = (store_frame(store, a, b, place_id) for a, b in windows if a <= b)
    with atomic_write(out) as f:
        rows = _write_chunks(f, chunks, fmt)
    return rows
