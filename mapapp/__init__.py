"""Frontline map: geoparse war reporting and move through it in time on a map.

The packages are layers in the order the data flows, each importing only those below it
(``tests/test_import_graph.py`` holds it)::

    model, periods, paths   the shared vocabulary: articles, places, dates, folders
    plumbing                atomic writes, a bounded cache, a fork pool (standard library)
    text                    words, sentences, transliteration
    corpus                  article files and folders read into ``Article``s
    gazetteer               the place index, built from GeoNames and curated lists
    geoparse                recognise names in text, resolve them to places
    store                   a geoparsed corpus kept as GeoParquet
    ingest                  files → geoparse → store, serial, forked or on Dask
    timeline                windows of time over a corpus or a store; exports
    frontline               front-line snapshots, boundaries, where a town stood
    render                  folium layers, chart, map view (folium lives here)
    web                     the app's sources, overlays, URL state (Streamlit)
    cli                     ``python -m mapapp``
    app.py                  ``streamlit run mapapp/app.py``

Must not import: anything at import time (this file only documents the layers). The core
(everything below ``render``) imports neither Streamlit nor folium.
"""

__version__ = "0.1.0"
