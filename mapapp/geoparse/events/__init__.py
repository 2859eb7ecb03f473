"""Events: what an article reports happening at each place it names (EVENTS.md).

For each toponym, from the sentence around it: the kind (control, fighting, strike, held),
the side, whether it is a claim, the event's own date, and the words that decided it.
``reader`` is the entry point; ``lexicon`` the shape of a language's rules and ``rules_XX``
each language's words; ``sentence`` reads side and claim, ``when`` event dates.
Must not import: recognise, resolve, the pipeline, or anything above geoparse (events are
read from text and spans only, so any geoparser's output can be annotated).
"""
