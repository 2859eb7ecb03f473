"""The villages offer and the names the map misses, on the page (Streamlit glue).

When the articles are about a country whose GeoNames dump is not installed,
a notice says so with one button ("This corpus is about Ukraine; add its
33,681 populated places, 2.2 MB from GeoNames"). The button downloads the
dump, rebuilds the place index with a progress bar, and reloads the
articles with it. When the download fails, the notice says how to import a
file instead. Under it, an expander lists the names the articles call
villages or towns that the gazetteer does not know (``unfound``). The logic
lives in ``village_offer`` and ``unfound``.
"""

from __future__ import annotations

import streamlit as st

from mapapp import paths
from mapapp.gazetteer import offer as village_offer
from mapapp.geoparse import unfound
from mapapp.render.frontline_layers import md_text
from mapapp.timeline.views import View
from mapapp.web import sources

_ERROR = "_village_offer_error"  # the offline help after a failed download, for the session


@st.cache_data(ttl=3600, show_spinner=False, max_entries=16)
def _offers(mentions: tuple[tuple[str, int], ...], installed: tuple[str, ...]
            ) -> list[village_offer.Offer]:
    """The offers for these mentions (asks the dump server for a size once an hour)."""
    del installed  # part of the key: an added dump withdraws its offer
    return village_offer.offers(mentions)


def _country_mentions(view: View) -> tuple[tuple[str, int], ...]:
    """Mentions per country over every date, once per version of the articles (a slider
    move on a big store must not count them all again)."""
    if not len(view.axis):
        return ()
    key = (view.n_articles, len(view.places), view.axis.labels[0], view.axis.labels[-1])
    kept = st.session_state.get("_country_mentions")
    if kept is None or kept[0] != key:
        counts = view.counts(0, len(view.axis) - 1)
        by_country = counts.groupby("country")["mentions"].sum()
        kept = st.session_state["_country_mentions"] = (
            key, tuple((str(c), int(n)) for c, n in by_country.items()))
    return kept[1]


def _accept(offer: village_offer.Offer) -> None:
    bar = st.progress(0.0, text=f"Adding the villages of {offer.country_name}…")

    def progress(what: str, done: float) -> None:
        bar.progress(done, text=f"Adding the villages of {offer.country_name}: {what}… "
                                f"{done:.0%}")

    try:
        village_offer.accept(offer, progress=progress)
    except village_offer.OfferError as err:
        st.session_state[_ERROR] = str(err)
        bar.empty()
        return
    st.session_state.pop(_ERROR, None)
    sources.reload_index()
    _unfound.clear()
    st.rerun()


def offer(view: View) -> None:
    """The notice and its button, for each country the articles are about and lack."""
    installed = tuple(sorted(village_offer.installed_countries(paths.data_dir())))
    for item in _offers(_country_mentions(view), installed):
        with st.container(border=True):
            st.info(item.text(), icon="🏘️")
            if st.button(f"Add the villages of {item.country_name}",
                         key=f"add_villages_{item.country}"):
                _accept(item)
            if st.session_state.get(_ERROR):
                st.warning(md_text(st.session_state[_ERROR]), icon="📴")
    _unfound_expander()


@st.cache_data(show_spinner=False, max_entries=4)
def _unfound(folder: str, fingerprint: str) -> list[unfound.UnfoundName]:
    """The cued names no mention covers. Not asked of the gazetteer: a restart reads the
    parsed articles from the disk cache and need not load the index (a second) for this;
    a cued name the index knew would have been found (``gazetteer offer`` asks it)."""
    parsed, _errors = sources.parsed_folder(folder, fingerprint)
    return unfound.unfound_names(parsed)


def _unfound_expander() -> None:
    folder = sources.folder_shown()
    if folder is None:  # a store: its articles are not read again here
        return
    names = _unfound(str(folder), sources.folder_fingerprint(folder))
    if not names:
        return
    with st.expander(f"{len(names)} names the articles call villages or towns are not on "
                     "the map"):
        st.text("\n".join(f"{n.name} · {n.mentions} mention(s) · {', '.join(n.articles)}"
                          for n in names))
