"""Getting articles into a store: files read, geoparsed (serially, forked or on Dask),
written; uploads from the app; synthetic corpora for benchmarks.

Must not import: timeline, frontline, render, web, cli.
"""
