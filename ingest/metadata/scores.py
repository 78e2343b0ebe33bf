"""How strongly each source supports a value: one table per field (0–100), and each field's floor.

A candidate's score is its source's entry here; the rule modules look them up
by the same names they record in provenance, so a score is tuned in one place
and the ranking of sources can be read at a glance. Where a source counts for
less on a later page, the later-page entry says so in its name. A value below
its field's ``MIN`` is not kept; below :data:`WEAK` it is kept but the review
queue lists it for a librarian.
"""

from __future__ import annotations

#: Below this, a value is kept but a librarian should check it (the review queue): a board named
#: only in a commissioning sentence of the body, a bare date on the cover, an age said in the body.
WEAK = 70

BOARD_SCORES = {
    "library-cover-sheet": 100,  # "LSCB: Bexley" on a national library cover sheet, in the gazetteer
    "library-cover-sheet, unknown board": 95,  # a board or partnership the gazetteer does not know
    # "LSCB: Gwent": the area alone, its kind inferred; under the cover, which names the board itself
    "library-cover-sheet, area only": 85,
    "cover-page": 90,
    "running-header": 75,  # printed at the top or foot of a third of the pages
    "introduction": 70,  # "commissioned by X" on an introduction page
    "html-description": 70,  # "published by X" in an HTML page's description
    "html-site-name": 65,
    "copyright": 65,  # "© Fife Child Protection Committee 2019" on the last page or a website's footer
    "web-address": 60,  # "www.perthandkinrosschildprotection.org.uk": the area and kind in the board's site
    "redaction-note": 60,  # the report says it withholds its board
    "unnamed-board": 60,  # "the Safeguarding Children Board" with no area
    "introduction, later page": 55,  # "commissioned by X" in the body
    "body-mention, introduction page": 20,
    "body-mention": 10,
    "other-board": 0,  # "records held by X": someone else's board, dropped
}
MIN_BOARD = 55

DATE_SCORES = {
    "library-cover-sheet": 100,
    "cover-page": 95,  # "Published: 14 March 2016" on the cover
    "running-header": 85,  # a publication date in the header or footer of a third of the pages
    "html-meta": 85,  # <meta name="DC.date.issued"> and the like
    "publication-statement": 80,  # "This report was published on …" in the introduction
    "html-heading-date": 75,
    "closing-note": 75,  # "Published …" on one of the last pages
    "cover-date": 70,  # a labelled date line on the cover
    "cover-date, bare month": 60,  # "June 2015" alone on the cover
    "publication-statement, later page": 60,
    "cover-date, bare year": 55,  # "2015" alone on the cover
    # "© Bexley LSCB 2016" on the cover or a last page: the year, weak (queued); under a bare month
    # on the cover, which says more ("June 2015" and "© 2015" must not tie and leave it unknown)
    "copyright": 58,
}
MIN_DATE = 55

AGE_SCORES = {
    "cover": 90,  # an age phrase ("aged 5 months") on the cover
    "intro": 80,  # … in the introduction
    "body": 60,  # … in the body
    "age-label, cover": 88,  # "Age: 7" on the cover
    "age-label": 80,  # … on an introduction page
    "birth-and-death-dates, cover": 88,
    "birth-and-death-dates": 75,
    "subject-list": 85,  # "the children, aged 9, 6 and 2," before the body
    "subject-list, body": 65,
    "subject-named-age": 75,  # "Child R (14)", "Child R, who was 14"
    "subject-table": 65,  # a details-table row: "Child R  14"
    "family-table": 80,  # the subject rows of a family-composition table with an age column, before the body
    "family-table, body": 65,
    "harm-statement, unnamed": -5,  # added to the page's score when the name is not a known subject
}
MIN_AGE = 60

REVIEW_TYPE_SCORES = {
    "title": 100,
    "cover-page": 90,
    "details-row": 90,  # "Review type: Child Practice Review"
    "title-acronym": 80,  # "SCR Child F"
    "this-review": 75,  # "this serious case review" in the introduction
    "this-review, later page": 55,
    "file-name": 40,
}
MIN_REVIEW_TYPE = 60

TITLE_SCORES = {
    "library-cover-sheet": 100,
    "html-heading": 90,
    "cover-page": 80,  # the cover's largest lines
    "pdf-info": 50,
    "cover-page, no larger type": 40,  # the first lines, when nothing on the cover is set larger
    "file-name": 10,
}
