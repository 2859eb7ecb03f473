"""The place index: GeoNames and curated lists built into one searchable table.

Owns building (``build``, ``admin2``, ``compass``, ``demonyms``, ``dumps``), the cached
index and its queries (``index``), how a name is attached to a place and the one packed
encoding of it (``name_kinds``), and distances between places (``distance``).
Must not import: geoparse, store, ingest, timeline or anything above them.
"""
