"""The app's side of Streamlit: where its articles come from (a folder, a store,
uploads), the front-line overlays and their URL state, the guard that keeps faults
from showing raw. Must not import: cli or ``mapapp.app``.
"""
