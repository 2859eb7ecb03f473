"""The page's download buttons: the mentions of the view, as GeoJSON or CSV.

The file is made when the button is clicked (never on every rerun), and a view too big
to download from the page says how to narrow it or export from the command line.
"""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from mapapp.timeline import views
from mapapp.timeline.views import View
from mapapp.web.sources import Source

EXPORT_LIMIT = 200_000  # mentions a download may hold (GeoJSON: ~500 bytes each)
EXPORTS = (("geojson", "GeoJSON", "application/geo+json"), ("csv", "CSV", "text/csv"))


def _export(view: View, lo: int, hi: int, place_id: str | None, fmt: str) -> bytes:
    from mapapp.timeline import export  # parquet and the store: imported when clicked

    return export.export_mentions(view.export_frame(lo, hi, place_id), fmt)


def downloads(src: Source, lo: int, hi: int, place_id: str | None, counts: pd.DataFrame) -> None:
    """Download buttons for the mentions of the view (window and selected place)."""
    n = views.mentions_shown(counts, place_id)
    if n > EXPORT_LIMIT:
        st.caption(f"{n:,} mentions in this view: too many to download from the page; narrow "
                   f"the window or pick a place{src.export_hint}.")
        return
    columns = st.columns([2, 1, 1])
    columns[0].caption(f"Download the {n:,} mention{'s' * (n != 1)} shown, with their "
                       "sentences and articles:")
    for column, (fmt, label, mime) in zip(columns[1:], EXPORTS, strict=True):
        column.download_button(
            label, data=functools.partial(_export, src.view, lo, hi, place_id, fmt),
            file_name=views.export_name(src.view.axis, lo, hi, place_id, fmt), mime=mime,
            key=f"export_{fmt}", on_click="ignore", disabled=n == 0, icon="⬇️")
