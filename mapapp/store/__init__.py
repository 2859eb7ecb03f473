"""A geoparsed corpus kept as partitioned GeoParquet: layout, writing, reading, repair.

Owns the files of a store and their guarantees (atomic commits, nothing outside the store
touched). Must not import: ingest (which writes through it), timeline, or anything above.
"""
