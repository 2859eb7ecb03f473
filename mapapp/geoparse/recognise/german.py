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
"Kiews") are read as the name even when the form is frequent, since German
adjectives are written in lower case (russisch), unlike Dutch ones
(Nederlands), unless the form is itself a common word; the span is the word
as written, ending included, as GUIDELINES.md has it for inflected names.

A capitalised word before a name is no first name when an article, a
preposition or an inflected adjective comes before it: "in Richtung
Tokmak", "die Kleinstadt Sudscha", "das umkämpfte Dorf Robotyne" (German
nouns are capitalised; "Präsident Wladimir Putin" has no article there). A
coordinated name shares the preposition of the first: "in Essen und Halle".
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


# Articles, determiners and contractions: the capitalised word after one is a noun.
_DETERMINERS = frozenset("""
der die das dem den des ein eine einem einen einer eines im am zum zur vom beim ins ans
diese dieser diesem diesen dieses jene jener jenem jenen jenes kein keine keinem keinen
keiner keines unser unsere unserem unseren seine seinem seinen seiner ihre ihrem ihren ihrer
""".split())
_ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
# Titles before a person's name, as German writes them (the Dutch and English ones are in
# ``wordlists.TITLES``): the name after one is a person's, whatever GeoNames says.
TITLES = frozenset("""
präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin bundespräsident
minister ministerin außenminister außenministerin aussenminister verteidigungsminister
verteidigungsministerin ministerpräsident ministerpräsidentin regierungschef
regierungschefin staatschef kremlchef bürgermeister bürgermeisterin gouverneur gouverneurin
general generalin generaloberst generalleutnant generalmajor oberst oberbefehlshaber
sprecher sprecherin kremlsprecher botschafter botschafterin papst patriarch könig königin
oppositionsführer söldnerchef wagner-chef militärgouverneur statthalter armeechef
generalstabschef geheimdienstchef frau herr
""".split())


def noun_before(text: str, word_start: int) -> bool:
    """Whether the capitalised word starting at ``word_start`` is a German noun by its
    company: an article, a preposition or an inflected adjective right before it."""
    before = words_before(text, word_start)
    for word in reversed(before[-3:]):
        if word in _DETERMINERS or word in PLACE_PREPOSITIONS:
            return True
        if not (word.isalpha() and word.islower() and word.endswith(_ADJECTIVE_ENDINGS)):
            return False  # no adjective: nothing more to skip
    return False


def _coordinated_after_preposition(before: list[str]) -> bool:
    """"in Essen und Halle": the name after "und" shares the preposition of the first."""
    return (len(before) >= 3 and before[-1] in ("und", "oder", "sowie")
            and before[-3] in PLACE_PREPOSITIONS)


def is_common_noun(gaz: Gazetteer, key: str) -> bool:
    """Whether a one-word name is a common German word (see ``gazetteer_german``)."""
    nouns = gaz.common.get(NOUN_TABLE)
    return nouns is not None and key in nouns


def without_evidence(gaz: Gazetteer, text: str, hit: Hit) -> bool:
    """A common German word with nothing in the text that makes it a place: no place."""
    if " " in hit.key or not is_common_noun(gaz, hit.key):
        return False
    if gaz.summary(hit.candidates).kinds & {"country", "region", "other"}:
        return False  # "other": the Kremlin (Kreml), rivers and seas are no everyday nouns
    before = words_before(text, hit.start)
    if before and (before[-1] in PLACE_PREPOSITIONS or _coordinated_after_preposition(before)):
        return False
    return cue_of(text, hit) is None


def genitive(gaz: Gazetteer, key: str, lang: str) -> bool:
    """A frequent -s form that is still a name's genitive in German ("Russlands")."""
    return lang == "de" and not is_common_noun(gaz, key)
