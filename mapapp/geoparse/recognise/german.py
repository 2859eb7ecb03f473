"""German recognition: a capital marks every noun, so a common noun needs evidence.

"Am Ende des Tages", "nach dem Essen", "in der Halle", "Mitte Oktober": in
German these capitals are nouns, and GeoNames has towns called Ende, Essen,
Halle and Mitte. A name the lexicon knows as a common German word
(``gazetteer_german``) is taken for a place only on evidence from the text:

* a preposition of place right before it ("in Essen", "nach Halle", "bei
  Lage", "nördlich von Ende" reads "von"); an article or a contraction
  with one ("der Halle", "im Essen", "am Ende") says noun, not town;
* a cue word that says town or region ("Stadt Halle", "Gebiet X").

Countries and regions are left alone: their names are no everyday nouns
("Polen", "Schweiz" have homographs in the lexicon, but a reader never
stumbles on them). German genitives of names ("Berlins", "Russlands",
"Kiews") lose their -s in ``recognise`` even when the form is frequent,
since German adjectives are written in lower case (russisch), unlike Dutch
ones (Nederlands), unless the form is itself a common word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapapp.gazetteer.german import NOUN_TABLE
from mapapp.geoparse.recognise.cues import cue_of
from mapapp.text.name_keys import words_before

if TYPE_CHECKING:
    from mapapp.gazetteer.index import Gazetteer
    from mapapp.geoparse.recognise.hits import Hit

# Prepositions (and adverbs of direction that take one) that put a town right after them.
PLACE_PREPOSITIONS = frozenset("""
in nach aus bei von vor nahe nähe um über durch bis gegen richtung zwischen ab hinter
unweit innerhalb außerhalb ausserhalb vorort vororten umgebung raum nördlich südlich östlich
westlich nordöstlich nordwestlich südöstlich südwestlich nordlich sudlich ostlich
""".split())


def is_common_noun(gaz: Gazetteer, key: str) -> bool:
    """Whether a one-word name is a common German word (see ``gazetteer_german``)."""
    nouns = gaz.common.get(NOUN_TABLE)
    return nouns is not None and key in nouns


def without_evidence(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """A common German word with nothing in the text that makes it a place: no place."""
    if " " in hit.key or not is_common_noun(gaz, hit.key):
        return False
    if gaz.summary(hit.candidates).kinds & {"country", "region"}:
        return False
    before = words_before(text, hit.start)
    if before and before[-1] in PLACE_PREPOSITIONS:
        return False
    return cue_of(text, hit) is None


def genitive(gaz: Gazetteer, key: str, lang: str) -> bool:
    """A frequent -s form that is still a name's genitive in German ("Russlands")."""
    return lang == "de" and not is_common_noun(gaz, key)
