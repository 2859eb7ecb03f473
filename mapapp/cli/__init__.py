"""``python -m mapapp``: geoparse, ingest, store, gazetteer and front-line commands.

Must not import: web, ``mapapp.app``, Streamlit or folium (a command runs without them).
"""
