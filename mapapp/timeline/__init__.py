"""Time over a corpus: windows of periods, the views the page asks for, answered by a
geoparsed corpus in memory or by a store, and the exports of a view.

Must not import: frontline, render, web, cli (nor Streamlit or folium).
"""
