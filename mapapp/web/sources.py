"""Where the page's articles come from, the upload box and the download buttons (Streamlit glue).

The page shows one of two sources through the same ``views.View``:

* a folder (``-- --corpus DIR``, by default the seeds), read and geoparsed
  when the app starts (cached per folder fingerprint), plus the articles this
  session uploaded: they are kept in the session and merged into the Timeline
  the page shows, never written into the user's folder;
* a store (``-- --store PATH``) that ``python -m mapapp ingest`` wrote, however
  big: ``store_view.StoreView`` reads a summary once per store version (cached
  here, so an ingest or an upload shows on the next rerun) and then only the
  page of articles the panel shows. Uploads are written into the store; they add
  articles, and replace stored ones only with ``-- --allow-replace``.

The work is done by ``store_view``, ``uploads`` (read, check, geoparse, a note
per file) and ``export`` (the view's mentions as GeoJSON or CSV). Two
Streamlit habits shape this file. An upload is handled in the uploader's
callback, before the script runs, so the same run already shows the new
articles; the uploader then gets a new key, which empties it, so a file is
never added twice. A download's bytes are made only when its button is
clicked (a callable ``data``), so a slider move never pays for an export.

What a session uploaded is the session's: its articles, and the timeline
that merges them into the folder's, live in its ``session_state`` and go
with it, never in a cache all sessions share (which kept a closed tab's
upload, 1.66 GB, for good). One upload is bounded (``uploads.UploadLimits``),
and its geoparsing stops between articles once the tab is closed.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import sys
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st
from streamlit import config
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from mapapp import paths
from mapapp.corpus import reader
from mapapp.gazetteer import index
from mapapp.geoparse import cache, pipeline
from mapapp.model import ParsedArticle
from mapapp.render.frontline_layers import md_text
from mapapp.store.errors import DamagedFileError, StoreError
from mapapp.timeline import windows
from mapapp.timeline.views import TimelineView, View
from mapapp.timeline.windows import Timeline
from mapapp.web import guard

if TYPE_CHECKING:  # the first map needs neither the store, parquet nor uploads (0.1-0.2 s)
    from mapapp.ingest.uploads import FileNote, Upload, UploadLimits
    from mapapp.timeline.store_view import StoreView

WATCH_EVERY_S = 3  # how often an open page looks for new or changed articles
UPLOAD_TYPES = ["txt", "jsonl", "csv"]
Handler = Callable[[Sequence["Upload"]], tuple["FileNote", ...]]


@dataclass(frozen=True)
class Source:
    """The articles the page shows, where they came from, and where uploads go."""

    view: View
    name: str  # the folder's or the store's name, for the page
    errors: tuple[reader.ArticleFormatError, ...]  # what in the folder could not be read
    handle_upload: Handler
    into: str  # where uploads go, for the upload box's label
    export_hint: str = ""  # another way to export a view too big for the page
    version: Callable[[], str] | None = None  # the articles' version on disk now (``watch``)
    shown: str = ""  # the version this run shows


def _cli_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="streamlit run mapapp/app.py --", add_help=False)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--allow-replace", action="store_true")  # uploads may replace articles
    args, _unknown = parser.parse_known_args(sys.argv[1:])  # streamlit passes what follows --
    return args


# What a first build of the place index is doing, for every visitor who waits for it.
_BUILD_STATE: dict[str, object] = {"what": "starting", "done": 0.0}


def _report_build(what: str, done: float) -> None:
    _BUILD_STATE.update(what=what, done=done)


@st.cache_resource(show_spinner="Loading the place index…")
def _gazetteer() -> index.Gazetteer:
    return index.Gazetteer.load(quiet=True, progress=_report_build)


@st.cache_resource(show_spinner=False)
def _index_builder() -> threading.Thread:
    """One thread per server that loads (on a fresh machine: builds) the place index."""
    worker = threading.Thread(target=_gazetteer, name="place-index", daemon=True)
    worker.start()
    return worker


def build_note(what: str, done: float, elapsed: float) -> str:
    """What the first start is doing and how long it will take, in words.

    >>> build_note("indexing", 0.25, 10.0)
    'Building the place index, once on this machine: indexing… 25%, about 30 s left.'
    >>> build_note("starting", 0.0, 0.0)
    'Building the place index, once on this machine: starting… 0%, about a minute left.'
    """
    left = "about a minute" if done < 0.05 else f"about {elapsed * (1 - done) / done:.0f} s"
    return (f"Building the place index, once on this machine: {what}… {done:.0%}, "
            f"{left} left.")


def _ensure_index() -> None:
    """On a fresh machine, build the place index with a progress bar before anything needs it."""
    if index.index_path().exists():
        return
    worker, start = _index_builder(), time.monotonic()
    bar = st.progress(0.0, text=build_note("starting", 0.0, 0.0))
    while worker.is_alive():
        done = float(_BUILD_STATE["done"])  # type: ignore[arg-type]  # set by _report_build
        bar.progress(done, text=build_note(str(_BUILD_STATE["what"]), done,
                                           time.monotonic() - start))
        time.sleep(0.5)
    bar.empty()


def _geoparser() -> pipeline.Geoparser:
    return pipeline.Geoparser(_gazetteer())  # looked up at call time: tests put in a stand-in


# ------------------------------------------------------------------ the folder


@st.cache_data(ttl=3, show_spinner=False)
def _fingerprint(folder: str) -> str:
    """The article files' names, sizes and mtimes: a changed file gives a new key, a reload.

    Cached for all sessions for a few seconds: ``watch`` asks for it every
    WATCH_EVERY_S in every open page (0.2 s on a folder of 20,000 files).
    """
    return reader.folder_fingerprint(folder)


@st.cache_resource(show_spinner="Reading and geoparsing the articles…", max_entries=4)
def _parse(folder: str, fingerprint: str
           ) -> tuple[tuple[ParsedArticle, ...], tuple[reader.ArticleFormatError, ...]]:
    """The folder read and geoparsed: from the disk cache after a restart (``parse_cache``)."""

    def read_and_parse() -> tuple[tuple[ParsedArticle, ...], tuple[reader.ArticleFormatError, ...]]:
        result = reader.read_folder(Path(folder))
        return tuple(_geoparser().parse_many(result.articles)), result.errors

    parser = f"{pipeline.Geoparser.__module__}.{pipeline.Geoparser.__qualname__}"
    return cache.remembered(Path(folder), fingerprint, parser, read_and_parse)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(folder: str, fingerprint: str
          ) -> tuple[Timeline, tuple[reader.ArticleFormatError, ...]]:
    """The folder's articles as a timeline, for every session that uploaded nothing."""
    parsed, errors = _parse(folder, fingerprint)
    return windows.build_timeline(parsed, reader.display_title), errors


def _session_load(folder: str, fingerprint: str
                  ) -> tuple[Timeline, tuple[reader.ArticleFormatError, ...]]:
    """The folder's articles and this session's uploads, kept in the session (and so
    freed with it), rebuilt when the folder or the uploads change."""
    ss, extra = st.session_state, st.session_state.get("_uploaded", ())
    if not extra:
        return _load(folder, fingerprint)
    key = (folder, fingerprint, ss.get("_uploaded_key", ""))
    kept = ss.get("_session_timeline")
    if kept is None or kept[0] != key:
        parsed, errors = _parse(folder, fingerprint)
        kept = ss["_session_timeline"] = (
            key, windows.build_timeline([*parsed, *extra], reader.display_title), errors)
    return kept[1], kept[2]


def _session_gone() -> bool:
    """Whether the visitor closed the tab: an upload then stops geoparsing (Streamlit can
    only stop a run at its own calls, and geoparsing makes none)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or not Runtime.exists():
        return False  # not served (AppTest): nobody can leave
    return not Runtime.instance().is_active_session(ctx.session_id)


def _session_handler(known_ids: Collection[str]) -> Handler:
    """Uploads join this session's corpus (``_uploaded``); the folder is left alone."""

    def handle(files: Sequence[Upload]) -> tuple[FileNote, ...]:
        from mapapp.ingest import uploads

        parser = uploads.LazyParser(_geoparser)
        parsed, notes = uploads.parse_uploads(files, parser, known_ids, upload_limits(),
                                              _session_gone)
        if parsed:
            ss = st.session_state
            ss["_uploaded"] = (*ss.get("_uploaded", ()), *parsed)
            ss["_uploaded_key"] = uploads.uploads_key(ss["_uploaded"])
        return notes

    return handle


def _open_folder(folder: Path) -> Source:
    if not folder.is_dir():
        st.error(f"No folder of articles at {md_text(str(folder))}. Give one with "
                 "`-- --corpus DIR`.")
        st.stop()
    fingerprint = _fingerprint(str(folder))
    _ensure_index()
    tl, errors = _session_load(str(folder), fingerprint)
    return Source(TimelineView(tl), folder.name, errors,
                  _session_handler(frozenset(tl.articles["article_id"])), "for this session",
                  version=functools.partial(_fingerprint, str(folder)), shown=fingerprint)


# Hooks for ``app_villages`` (issue 17): the folder shown, its parse, and a rebuilt index.
def folder_shown() -> Path | None:
    """The folder the page shows, or None for a store."""
    args = _cli_args()
    return None if args.store is not None else (args.corpus or paths.seed_dir()).resolve()


def folder_fingerprint(folder: Path) -> str:
    return _fingerprint(str(folder))


def parsed_folder(folder: str, fingerprint: str
                  ) -> tuple[tuple[ParsedArticle, ...], tuple[reader.ArticleFormatError, ...]]:
    return _parse(folder, fingerprint)


def reload_index() -> None:
    """A dump was added and the index rebuilt: everything made with the old one goes."""
    for cached in (_gazetteer, _index_builder, _parse, _load):
        cached.clear()
    st.session_state.pop("_session_timeline", None)


# ------------------------------------------------------------------- the store


@st.cache_resource(show_spinner="Reading the store (once per version)…", max_entries=2)
def _store_view(path: str, version: str) -> StoreView:
    del version  # only part of the cache key: an ingest or upload gives a new one
    from mapapp.store.reader import Store
    from mapapp.timeline.store_view import StoreView

    return StoreView(Store.open(path), reader.display_title)


def _version_now(path: Path) -> str:
    """The store's version for ``watch``: "" once it is gone (the rerun then says so)."""
    from mapapp.timeline.store_view import store_version

    try:
        return store_version(path)
    except StoreError:
        return ""


def _open_store(path: Path, allow_replace: bool = False) -> Source:
    from mapapp.timeline.store_view import store_version

    try:
        version = store_version(path)
        view = _store_view(str(path), version)
    except StoreError as err:
        # a damaged file is named within the store: a visitor sees no server path
        st.error(md_text(err.visitor() if isinstance(err, DamagedFileError) else str(err)))
        st.stop()
        raise  # st.stop() does not return; this keeps mypy sure of it

    def handle(files: Sequence[Upload]) -> tuple[FileNote, ...]:
        from mapapp.ingest import uploads

        return uploads.store_uploads(path, files, uploads.LazyParser(_geoparser),
                                     upload_limits(), _session_gone,
                                     allow_replace=allow_replace)

    shown = str(path).replace("`", "'")  # in a code span Markdown escapes show as typed
    hint = f", or use `python -m mapapp export --store {shown}`"
    return Source(view, path.name, (), handle, "into the store", hint,
                  version=functools.partial(_version_now, path), shown=version)


def open_articles() -> Source:
    """The store given with ``--store``, else the folder of ``--corpus`` (default: the seeds)."""
    args = _cli_args()
    if args.store is not None:
        return _open_store(args.store.resolve(), args.allow_replace)
    return _open_folder((args.corpus or paths.seed_dir()).resolve())


# ------------------------------------------------------------ watching the disk


@st.fragment(run_every=WATCH_EVERY_S)
def _watch(version: Callable[[], str], shown: str) -> None:
    # A fragment run redraws only this (empty) fragment: the page, the slider and the URL
    # stay as they are unless the articles changed, and then the whole page runs again.
    try:
        changed = version() != shown
    except Exception:  # logged; the page's next run tells the visitor if it persists
        guard.incident("looking for new articles")
        return
    if changed:
        st.rerun()


def watch(src: Source) -> None:
    """Show new and changed articles within seconds, without waiting for the user to click.

    A timed fragment compares the folder's fingerprint (or the store's
    version) with the one this run shows and reruns the page when they
    differ; the page then reloads the articles as on any rerun.
    """
    if src.version is not None:
        with st.sidebar:
            _watch(src.version, src.shown)


# --------------------------------------------------------------------- uploads


def _handle(handle: Handler, files: Sequence[Upload]) -> tuple[FileNote, ...]:
    """``handle(files)``; a fault is logged on the server and becomes a note per file
    (a callback's exception would show the visitor a traceback)."""
    try:
        return handle(files)
    except Exception:  # any fault: logged with its traceback, told in words
        code = guard.incident("an upload")
        todo = "Upload the files again: articles already added are skipped."
        from mapapp.ingest.uploads import FileNote

        return tuple(FileNote(name, errors=(guard.visitor_message(
            f"adding {name}", code, todo),)) for name, _data in files)


def upload_limits() -> UploadLimits:
    """What one upload may hold: Streamlit's ``server.maxUploadSize`` when the operator set
    it (``.streamlit/config.toml``, ``--server.maxUploadSize``, an environment variable),
    else the app's own bound, not Streamlit's default of 200 MB."""
    from mapapp.ingest.uploads import UploadLimits

    if config.get_where_defined("server.maxUploadSize") == "<default>":
        return UploadLimits()
    return UploadLimits(upload_bytes=config.get_option("server.maxUploadSize") << 20)


# The browser refuses a file over the bound itself where Streamlit can be told (1.53 on).
_SIZED_UPLOADER = "max_upload_size" in inspect.signature(st.file_uploader).parameters


def _release_uploaded_files() -> None:
    """Drop this session's uploaded bytes from Streamlit's file store once they are read:
    the session keeps the parsed articles only (Streamlit would keep the bytes until the
    session ends; the emptied uploader never asks for them again)."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None and Runtime.exists():
        Runtime.instance().uploaded_file_mgr.remove_session_files(ctx.session_id)


def _on_upload(key: str, handle: Handler) -> None:
    files = st.session_state.get(key) or []
    if not files:
        return
    ss = st.session_state
    try:
        ss["_upload_notes"] = _handle(handle, [(f.name, f.getvalue()) for f in files])
    finally:
        _release_uploaded_files()
    ss["_upload_round"] = ss.get("_upload_round", 0) + 1  # a new, empty uploader


def _note(note: FileNote) -> None:
    text = "  \n".join([md_text(note.headline()), *map(md_text, note.errors)])  # line breaks
    if note.ok:
        st.success(text, icon="✅")
    else:
        st.error(text, icon="⚠️")


def uploader(src: Source) -> None:
    """The upload box (in the sidebar) and what became of the last upload's files."""
    key = f"upload_{st.session_state.get('_upload_round', 0)}"
    with st.sidebar:
        limits = upload_limits()
        sized: dict[str, Any] = ({"max_upload_size": max(1, limits.upload_bytes >> 20)}
                                 if _SIZED_UPLOADER else {})
        st.file_uploader(f"Add articles ({src.into})", type=UPLOAD_TYPES,
                         accept_multiple_files=True, key=key, on_change=_on_upload,
                         args=(key, src.handle_upload),
                         help="Seed-style .txt (first line \" date YYYY-MM\"), or JSON Lines / "
                              "CSV with id, date and text (optional title, source, url, lang); "
                              f"up to {reader.human_size(limits.upload_bytes)} an upload and "
                              f"{reader.human_size(limits.article_bytes)} an article.",
                         **sized)
        for note in st.session_state.get("_upload_notes", ()):
            _note(note)
        if st.session_state.get("_upload_notes"):
            st.button("Hide the upload report", key="upload_dismiss",
                      on_click=st.session_state.update, kwargs={"_upload_notes": ()})
