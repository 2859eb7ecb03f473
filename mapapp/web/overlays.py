"""The page's front-line and region layers: loading the data, the layers per rerun, the notes.

Streamlit glue, split from app.py to keep that file readable: the work is
done by ``frontline`` (which snapshot holds on a date), ``place_status``
(where each town stood, remembered), ``region_shapes`` (regions matched to
outlines) and ``render_frontline`` (layers, legend, credits).

Where the data comes from: ``streamlit run mapapp/app.py -- --frontline
FILE… --boundaries FILE…`` reads those files; without the flags, whatever
``python -m mapapp frontline import``/``download`` and ``boundaries import``
put into the data directory is found. Without either the app works as
before and says how to add them. Loading is cached per file set and
modification times, so an import while the app runs shows on the next
rerun; a bad file is reported and the rest of the page still works.

A snapshot is shown only while it is current for the slider's date (within
the tolerance set in the sidebar, ``stale=`` in the link; see
``place_status.coverage``). Past that, or before the first snapshot, the page
says the front line is unknown and why: the caption under the map, each
town's tooltip and the panel. The occupied area, grey zone and front line
are then not drawn at all, not even faded: an outdated area under the
places would still read as the position on that date (a town that fell
months later inside "held" territory), and the caption says which snapshot
is the newest, how to add newer ones, and that raising the tolerance shows
it, dated, on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from mapapp.frontline import boundaries, storage
from mapapp.frontline.control import AREA_STATUSES
from mapapp.frontline.geostore import InputFileError
from mapapp.frontline.place_status import (
    MAX_NEAR_KM,
    MAX_STALE_DAYS,
    MIN_NEAR_KM,
    STALE_DAYS,
    STATUS_KINDS,
    Coverage,
    StatusMemo,
    coverage,
    near_km_token,
    parse_near_km,
    parse_stale_days,
    sentence,
    unknown_sentence,
    with_status,
)
from mapapp.frontline.region_shapes import RegionOutlines, points_inside, region_keys
from mapapp.frontline.snapshots import NEAR_KM, Frontline, Snapshot, as_date, display_geojson
from mapapp.paths import data_dir, geodata_dir
from mapapp.render import folium_map, frontline_layers

HOW_TO_ADD = (
    "No front-line data yet. Fetch DeepStateMap snapshots with `python -m mapapp frontline "
    "download --since 2022-12-01 --until 2023-06-01`, import files you have with `python -m "
    "mapapp frontline import FILE…`, or start the app with `-- --frontline FILE…`.")
HOW_TO_OUTLINE = ("Regions are drawn as points; for their outlines import admin-1 boundaries "
                  "with `python -m mapapp boundaries import FILE…` (or `-- --boundaries FILE…`).")

T = TypeVar("T")


@dataclass(frozen=True)
class Overlays:
    """What the page can draw besides the places; None where the data is missing."""

    frontline: Frontline | None = None
    memo: StatusMemo | None = None
    regions: RegionOutlines | None = None
    errors: tuple[str, ...] = ()


# ------------------------------------------------------------------ loading


def _cli_files() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``--frontline`` and ``--boundaries`` files given after ``--``, resolved."""
    parser = argparse.ArgumentParser(prog="streamlit run mapapp/app.py --", add_help=False)
    parser.add_argument("--frontline", nargs="+", default=[])
    parser.add_argument("--boundaries", nargs="+", default=[])
    args, _unknown = parser.parse_known_args(sys.argv[1:])
    return (tuple(str(Path(p).resolve()) for p in args.frontline),
            tuple(str(Path(p).resolve()) for p in args.boundaries))


def _stamp(paths: Iterable[str | Path]) -> str:
    """Names, sizes and mtimes of the inputs: a changed or new file gives a new cache key."""
    stats = []
    for path in map(Path, paths):
        s = path.stat() if path.is_file() else None
        stats.append((str(path), s.st_size if s else -1, s.st_mtime_ns if s else -1))
    return hashlib.sha1(repr(stats).encode()).hexdigest()


def _read_boundary_files(files: tuple[str, ...]) -> list[boundaries.Shape]:
    merged: dict[str, boundaries.Shape] = {}
    for path in files:
        merged.update((s.key, s) for s in boundaries.parse_boundary_file(path)[0])
    return list(merged.values())


@st.cache_resource(show_spinner="Reading the region outlines…", max_entries=2)
def _boundaries(files: tuple[str, ...], data: str,
                stamp: str) -> tuple[RegionOutlines | None, BaseGeometry | None, str]:
    del stamp  # only part of the cache key
    try:
        if files:
            shapes = _read_boundary_files(files)
            index, outline = boundaries.index_shapes(shapes), boundaries.outline_of(shapes)
        else:
            index, outline = boundaries.load_boundaries(Path(data)), None
            outline = boundaries.ukraine_outline(Path(data)) if index else None
    except InputFileError as err:
        return None, None, f"Region outlines left out: {err}"
    if not index:
        return None, outline, ""
    return RegionOutlines(index, region_keys(geodata_dir())), outline, ""


@st.cache_resource(show_spinner="Reading the front line…", max_entries=2)
def _frontline(files: tuple[str, ...], data: str, stamp: str,
               _outline: BaseGeometry | None) -> tuple[Frontline | None, str]:
    del stamp  # only part of the cache key (it covers the outline's source too)
    try:
        if files:
            front = Frontline.from_files(files, _outline)
        elif storage.has_store(Path(data)):
            front = Frontline.from_store(Path(data), _outline)
        else:
            return None, ""
    except InputFileError as err:
        return None, f"Front line left out: {err}"
    if not len(front):
        return None, "Front line left out: the files hold no occupied areas."
    return front, ""


@st.cache_resource(max_entries=2)
def _memo(files: tuple[str, ...], data: str, stamp: str) -> StatusMemo:
    del files, data, stamp  # one memo per loaded front line, under the same key
    return StatusMemo()


def load() -> Overlays:
    """The front line and region outlines this page shows (cached; cheap on a rerun)."""
    front_files, boundary_files = _cli_files()
    data = data_dir()
    b_stamp = _stamp([*boundary_files, boundaries.store_path(data),
                      boundaries.outline_path(data)])
    regions, outline, b_error = _boundaries(boundary_files, str(data), b_stamp)
    f_stamp = _stamp([*front_files, *(storage.store_path(data, s) for s in AREA_STATUSES)
                      ]) + b_stamp
    front, f_error = _frontline(front_files, str(data), f_stamp, outline)
    memo = _memo(front_files, str(data), f_stamp) if front is not None else None
    return Overlays(front, memo, regions, tuple(e for e in (f_error, b_error) if e))


# -------------------------------------------------------- widgets and URL


def _from_url(value: str | None, parse: Callable[[str], T], default: T, why: str) -> tuple[T, str]:
    """A link's value parsed, or the default and why the value was refused ("" if it was not)."""
    if value is None:
        return default, ""
    try:
        return parse(value), ""
    except ValueError:
        return default, why


def near_from_url(value: str | None) -> tuple[float, str]:
    """The near-front distance a link asks for, and why it was refused ("" if it was not)."""
    return _from_url(value, parse_near_km, NEAR_KM,
                     f"is not a distance from {MIN_NEAR_KM:g} to {MAX_NEAR_KM:g} km")


def stale_from_url(value: str | None) -> tuple[int, str]:
    """The snapshot tolerance a link asks for, and why it was refused ("" if it was not)."""
    return _from_url(value, parse_stale_days, STALE_DAYS,
                     f"is not a number of days from 0 to {MAX_STALE_DAYS}")


def url_state(ov: Overlays) -> dict[str, str]:
    """``near=`` and ``stale=`` for the link, each only when not the default."""
    if ov.frontline is None:
        return {}
    near, stale = _near_km(), _stale_days()
    return ({"near": near_km_token(near)} if near != NEAR_KM else {}) | \
        ({"stale": str(stale)} if stale != STALE_DAYS else {})


def sidebar(ov: Overlays) -> None:
    """The near-front distance and snapshot tolerance (inside ``st.sidebar``), with a front line."""
    if ov.frontline is not None:
        st.number_input("Near the front: within N km", min_value=MIN_NEAR_KM,
                        max_value=MAX_NEAR_KM, step=1.0, format="%g", key="near_km",
                        help="A town held by Ukraine this close to the front line is "
                             "outlined as near the front.")
        st.number_input("Front line at most N days old", min_value=0,
                        max_value=MAX_STALE_DAYS, step=1, key="stale_days",
                        help="Days counted back from the slider's date (a month: from its "
                             "last day; a snapshot inside the month always counts). An older "
                             "snapshot is not shown: the map says the front line is unknown.")


def licences(ov: Overlays) -> str:
    """Markdown lines for "Data & licences" about the layers this page can show."""
    front = ov.frontline.credits if ov.frontline is not None else ()
    outlines = ov.regions.credits if ov.regions is not None else ()
    text = frontline_layers.licence_markdown(front, outlines)
    return f"\n{text}\n" if text else ""


# -------------------------------------------------------------- per rerun


def _near_km() -> float:
    return float(st.session_state.get("near_km", NEAR_KM))


def _stale_days() -> int:
    return int(st.session_state.get("stale_days", STALE_DAYS))


def _coverage(ov: Overlays, date: str) -> Coverage | None:
    """Which snapshot may stand for ``date`` (None without front-line data)."""
    return coverage(ov.frontline, date, _stale_days()) if ov.frontline is not None else None


def current_snapshot(ov: Overlays, date: str) -> Snapshot | None:
    """The snapshot that stands for ``date`` (None without data or a current one)."""
    cover = _coverage(ov, date)
    return cover.snapshot if cover is not None else None


def near_km() -> float:
    """The near-front distance the page uses now."""
    return _near_km()


def map_layers(ov: Overlays, drawn: pd.DataFrame, date: str, selected: str | None,
               ) -> tuple[list, pd.DataFrame, list, Snapshot | None]:
    """The layers for ``feature_group_to_add``, the places drawn (with status), the legend.

    The snapshot returned is the one drawn: None when the front line is unknown on ``date``.
    """
    cover = _coverage(ov, date)
    snapshot = cover.snapshot if cover is not None else None
    unknown = cover.note() if cover is not None else ""
    if ov.memo is not None:
        drawn = with_status(drawn, snapshot, _near_km(), ov.memo, unknown=bool(unknown))
    outlines = ov.regions.for_points(drawn) if ov.regions is not None else {}
    drawn = points_inside(drawn, outlines)  # hook (issue 17): a region's circle inside it
    layers = []
    if snapshot is not None:
        layers.append(frontline_layers.frontline_layer(display_geojson(snapshot),
                                                       snapshot.credit))
    regions = frontline_layers.regions_layer(drawn, outlines, selected)
    layers += [regions] if regions is not None else []
    # every place as a point, outlined regions too: the outlines take no clicks
    layers.append(folium_map.places_layer(drawn, selected=selected, unknown_note=unknown))
    legend = frontline_layers.legend_items(
        set(drawn["kind"]), outlined=bool(outlines), front=snapshot is not None,
        statuses=set(drawn["status"]) if "status" in drawn else (), near_km=_near_km())
    return layers, drawn, legend, snapshot


def map_notes(ov: Overlays, snapshot: Snapshot | None, date: str) -> None:
    """Under the map: which snapshot is shown, or how to add the data."""
    for error in ov.errors:
        st.error(error)
    cover = _coverage(ov, date)
    if cover is None:
        note = HOW_TO_ADD
    elif snapshot is None:
        note = _unknown_note(cover)
    else:
        note = (f"Territorial control on {snapshot.date} (the latest snapshot on or before "
                f"{as_date(date)}) · {frontline_layers.md_text(snapshot.credit)}.")
    st.caption(note if ov.regions is not None else f"{note} {HOW_TO_OUTLINE}")


def _unknown_note(cover: Coverage) -> str:
    """The caption when no snapshot is current: why, and the two ways out."""
    since, until = cover.gap()
    older = (" or allow older snapshots under *Front line at most N days old* "
             "in the sidebar" if cover.latest is not None else "")
    return (f"{cover.describe()} The map shows no occupied area, front line or town status "
            f"for this date. Add snapshots with `python -m mapapp frontline download --since "
            f"{since} --until {until}`{older}.")


def place_status_html(ov: Overlays, place: pd.Series, date: str) -> None:
    """The selected town's position on the date, as a sentence in the panel (or why not)."""
    cover = _coverage(ov, date)
    if cover is None or ov.memo is None or place["kind"] not in STATUS_KINDS:
        return
    snapshot = cover.snapshot
    if snapshot is None:
        st.html(f'<p class="fm-status"><b>{html.escape(unknown_sentence(cover, place["name"]))}'
                "</b></p>")
        return
    key = (str(place["place_id"]), float(place["lat"]), float(place["lon"]))
    (found,) = ov.memo.statuses(snapshot, [key], _near_km())
    st.html(f'<p class="fm-status"><b>{html.escape(sentence(found, place["name"]))}</b> '
            f'<span class="fm-meta">({html.escape(snapshot.credit)})</span></p>')
