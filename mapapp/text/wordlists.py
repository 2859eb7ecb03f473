"""Closed word lists for recognition, in the languages articles are read in.

Not lists of places, nor of the seeds' false hits: function words of a kind
(titles, organisation nouns, surname particles, months) that tell, next to a
name, that the name is a person, an organisation or no name at all. Kept
apart from the rules in ``recognise`` so a new language adds words here, not
code there.
"""

from __future__ import annotations

from mapapp.model import PlaceKind

# Words before a name that make it a person's name (Dutch, English, German, French).
TITLES = frozenset("""
president premier minister generaal gen kolonel luitenant majoor kapitein commandant
woordvoerder woordvoerster chef leider baas oprichter burgemeester gouverneur koning
koningin paus prins prinses heer mevrouw meneer dhr mw mr mrs ms dr prof senator kanselier
ambassadeur analist journalist correspondent topman directeur voorzitter secretaris-generaal
minister-president oud-president vicepresident vice-president presidentskandidaat
general colonel lieutenant major captain spokesman spokeswoman chief leader founder mayor
governor king queen pope prince princess sir lord lady madam mister senator chancellor
ambassador analyst reporter director chairman secretary admiral sergeant commander herr
frau bundeskanzler monsieur madame
gov rep sen rev fr hon det const supt insp sgt lt capt col cpl maj adm gen pres atty
reverend pastor bishop cardinal rabbi imam father judge justice sheriff deputy detective
constable inspector officer coach pediatrician councillor councilman councilwoman
""".split())

# Short words written with a full stop that does not end the sentence ("Gov. Hugh Carey",
# "St. Paul", "Lt. Col."): titles above, plus these. Single capital initials count too.
DOT_ABBREVIATIONS = frozenset("""
st mt ft jr sr vs approx dept univ assn
""".split()) | TITLES

# Nouns after a name that make it an organisation or a unit named after a place.
ORG_NOUNS = frozenset("""
group groep groupe gruppe bataljon battalion bataillon brigade brigades regiment regiments
legioen legion divisie division korps corps huurlingen huurlingengroep huurlingenleger
militie militia mercenaries mercenary partij party fc club times post independent herald
tribune airlines airways bank university universiteit infantry cavalry artillery volunteers
rifles guards fusiliers infanterie cavalerie artillerie
""".split())
# Capitalised, these make the name of an armed service out of a country's ("U.S. Army",
# "U. S. Forces", "Russian Navy" → an organisation); lower-case "U.S. forces" stays the country.
SERVICE_NOUNS = frozenset("army navy forces marines engineers air".split())
# An ordinal before a place names a unit ("Third Pennsylvania", "Eleventh Missouri Cavalry",
# "1st Minnesota"; Dutch "Derde Oekraïense"): an organisation.
ORDINALS = frozenset("""
first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth
fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth
fiftieth eerste tweede derde vierde vijfde zesde zevende achtste negende tiende
""".split())
# English nouns that end the name of an institution ("Trillium Health Centre"): after another
# capitalised word they are never the town or region GeoNames has by that name.
INSTITUTION_NOUNS = frozenset("""
centre center college hospital hall police union university school church court station
institute academy council
""".split())

# Nouns after a name for the people at the head of something named after it: "Wagner-baas"
# makes Wagner an organisation, "Kremlin-chef" leaves the Kremlin a place.
HEAD_NOUNS = frozenset("baas chef leider oprichter strijders fighters woordvoerder".split())

# Capitalised surname particles: "Marc Van Diepenbeek", "aldus De Wever".
PARTICLES = frozenset("""
Van Vander Vanden De Den Der Ter Ten Von Vom Zu Le La Les Di Da Del Della Dos Das Du Mac
Mc Al El Ben Bin Abu
""".split())

# Lower-case words before a name that make it a unit or group named after a place.
ORG_ENDINGS = ("groep", "bataljon", "brigade", "regiment", "leger", "organisatie", "militie",
                "group", "battalion")
ORG_OF = frozenset({("huurlingen", "van"), ("mercenaries", "of"), ("strijders", "van")})
# Prepositions that put a place after them ("in Georgia", "to Jordan"): what a name that was a
# person's in the article needs before it to be a place again.
PLACE_PREPOSITIONS = frozenset("""
in at to from near into across through throughout outside inside around toward towards via
within
""".split())
ARTICLES = frozenset("de het the der die das le la les".split())

# Closed word classes that are never a place on their own, whatever GeoNames says
# (March in Cambridgeshire, Southern in Sierra Leone): months, weekdays, compass words.
CLOSED_CLASS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday januari februari maart mei juni juli augustus oktober maandag dinsdag
woensdag donderdag vrijdag zaterdag zondag north south east west northern southern eastern
western central noord zuid oost midden centraal nord sud süd ost
januar februar marz mai dezember montag dienstag mittwoch donnerstag freitag samstag
sonnabend sonntag
""".split())

# English names of features written around a place's name ("Missouri River", "Plymouth County",
# "Lake Geneva", "Fort Worth" is a town of its own): the span takes the feature word, the
# point stays the place's. Value: the toponym type the feature has.
FEATURE_AFTER = {
    **dict.fromkeys(("county", "parish", "township", "valley", "peninsula"), PlaceKind.REGION),
    **dict.fromkeys(("river", "creek", "lake", "bay", "island", "islands", "harbor", "harbour",
                     "mountains", "canyon", "falls", "strait"), PlaceKind.OTHER),
}
FEATURE_BEFORE = {**dict.fromkeys(("lake", "mount", "cape"), PlaceKind.OTHER),
                  **dict.fromkeys(("fort", "camp"), PlaceKind.CITY)}
