"""Frontline map: geoparse war reporting and move through it in time on a map.

The core (corpus, gazetteer, translit, geoparse, timeline, frontline, store)
imports neither Streamlit nor folium; only ``render`` and ``app`` do.
"""

__version__ = "0.1.0"
