"""Article files and folders (txt, jsonl, csv; the seed format) read into ``Article``s.

Owns the formats, their errors (file, line, what to do) and the dates a corpus accepts.
Must not import: gazetteer, geoparse, store, or anything above them.
"""
