"""The names of the search index's fields, in one place.

Every module that writes or reads a Whoosh field names it through these
constants; the facet fields are also listed by the facet registry
(:mod:`index.facets`), which says what each holds.
"""

from __future__ import annotations

ID = "id"
#: "<id>:<revision>", compared with the catalog after an interrupted commit
KEY = "key"
TEXT = "text"
#: each very common word of the text with the word after it ("the unseen"), for phrase matching
PAIRS = "pairs"
TITLE = "title"
#: the board's name, analysed like text (the query language's ``lscb:``)
LSCB_TEXT = "lscb"
#: the facet fields
BOARD = "board"
AGE_BAND = "age_band"
YEAR = "year"
REVIEW_TYPE = "review_type"
NATION = "nation"
THEME = "theme"
#: the parts of a review a report has (the section facet: a match's own section is in the outline)
SECTION = "section"
#: every exact age of the subject children (the age range filters)
AGE = "age"
#: first and last day a printed publication date can mean (YYYYMMDD), for date ranges
PUB_START = "pub_start"
PUB_END = "pub_end"
#: sort keys by publication date, undated documents last either way
PUB_ASC = "pub_asc"
PUB_DESC = "pub_desc"
FORMAT = "format"
FLAG = "flag"
