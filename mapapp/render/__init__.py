"""Drawing: the folium map and its layers, the chart, the click handler, the map view
in a link. The only package besides ``web`` and the app that imports folium.

Must not import: web, cli, app, Streamlit.
"""
