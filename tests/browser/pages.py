"""The one list of pages the browser suite visits: every page type of the portal.

Append new page types here; every check in this package (axe, reflow, zoom, no JavaScript,
screenshots) runs on each entry. The feedback form's error state has its own test
(test_axe.py::test_feedback_form_errors_have_no_violations).
"""

URLS = [
    "/",
    # The seed pages of dortmund.de
    "/themen/integration/masterplan-migration-integration/",
    "/themen/integration/masterplan-migration-integration/arbeitsschwerpunkte/",
    "/themen/integration/masterplan-migration-integration/masterplanprozess-ab-2005/",
    "/themen/integration/schwerpunkte-der-arbeit/",
    "/themen/integration/staedtekooperation-integration-interkommunal/",
    "/themen/integration/",
    "/themen/integration/gremien/",
    # Committee, office, program, the finder with active (and one unknown) filters
    "/themen/integration/gremien/rat-der-muslimischen-gemeinden/",
    "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
    "kommunales-integrationszentrum-dortmund-mia-do-ki/",
    "/themen/integration/foerderprogramme/integrationspreis/",
    "/themen/integration/foerderprogramme/?zielgruppe=vereine&status=moeglich&zielgruppe=999999",
    "/themen-a-z/",
    # Search with hits and without, the 404 page
    "/suche/?q=Integration",
    "/suche/?q=Xylophon",
    "/gibt-es-nicht/",
    # Legal pages
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    # The feedback form (its error state: test_axe.py) and the entry pages in other forms of language
    "/barriere-melden/",
    "/leichte-sprache/",
    "/gebaerdensprache/",
]

# Pages whose keyboard order is walked element by element (slower than the other checks).
KEYBOARD_URLS = [
    "/",
    "/themen/integration/masterplan-migration-integration/",
    "/themen/integration/foerderprogramme/?zielgruppe=vereine&status=moeglich&zielgruppe=999999",
    "/suche/?q=Integration",
]

NOT_FOUND_URL = "/gibt-es-nicht/"  # the only entry that answers 404
FEEDBACK_URL = "/barriere-melden/"
FEEDBACK_SUBMIT_LABEL = "Meldung absenden"

# Where screenshots go; var/ is ignored by git.
SCREENSHOT_WIDTHS = (360, 1280)
