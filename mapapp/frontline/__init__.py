"""Where the front ran: snapshots read and stored, geometry, downloads, oblast
boundaries and region shapes, and where a town stood on a date. The words for control
(``control.ControlStatus``) live here, below readers and render.

Must not import: render, web, cli (nor Streamlit or folium).
"""
