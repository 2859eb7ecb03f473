"""Recognition: which stretches of an article name a place (``Hit``s).

Owns the language rules (shared, English, capitals, people and organisations).
Must not import: ``geoparse.resolve`` or ``geoparse.pipeline`` (they read its hits), nor
anything above geoparse.
"""
