"""Words of articles: name keys, sentences, transliteration, closed word lists.

Owns how text is cut and compared, in every language the articles come in, with no
knowledge of places. Must not import: any other package of mapapp (only ``model``).
"""
