"""Plumbing every layer needs once: an atomic file writer, a bounded cache, a fork pool
(and the spool its workers hand output back through), JSON Lines at bulk speed.

Each was written several times over, in slightly different ways, by the modules that
needed it (issue 16); one copy here keeps them alike (permissions, clean-up, limits).

Must not import: any other part of ``mapapp`` (this is the bottom layer, beside
``paths``); only the standard library, and orjson in ``json_fast``.
"""
