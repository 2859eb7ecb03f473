"""Resolution: which of a name's candidate places the article means.

Owns the evidence of an article (its focus, nearby places, cues) and the scoring.
Must not import: ``geoparse.pipeline``, nor anything above geoparse.
"""
