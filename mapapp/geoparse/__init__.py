"""Geoparsing: find the names of places in an article and choose which place each is.

``recognise`` finds the names, ``resolve`` chooses among their candidates, ``pipeline``
runs both over articles; ``cache`` remembers a geoparsed folder on disk.
Must not import: store, ingest, timeline, frontline, render, web, cli.
"""
