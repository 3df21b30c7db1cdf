"""Rules for Wagtail's content checker (axe): teasers and images without alt text, decided on the server.

Axe sees the rendered page, where a missing text alternative is an empty ``alt`` like a decorative
image's, and the teaser sits in the head, where axe does not look. So the server decides: each rule
selects the elements at fault (the h1 for a page-level teaser problem, as Wagtail's own meta-description
rule does; the renditions of images without alt text), and its one check fails wherever the rule applies.
The check is one of axe's own functions, since the site's Content-Security-Policy allows no evaluated code.

In the editor the preview frame runs the rules with its own configuration, built from the previewed,
unsaved page; the rule ids and messages come from the editor's configuration, so both always hold every rule.
"""

from wagtail.images import get_image_model

from pages.models.base import TEASER_MAX_LENGTH, ContentPage
from quality.findings import without_alt_text

# A tag no page contains: the selector of a rule that has nothing to flag on this page.
NO_ELEMENT = "quality-nothing"
FLAGGED = "quality-flagged"
TEASER_MISSING = "quality-teaser-missing"
TEASER_TOO_LONG = "quality-teaser-too-long"
IMAGE_ALT = "quality-image-alt"
RULE_IDS = [TEASER_MISSING, TEASER_TOO_LONG, IMAGE_ALT]

# has-descendant fails when the element has no descendant matching the selector, which is never there.
FLAGGED_CHECK = {"id": FLAGGED, "evaluate": "has-descendant-evaluate", "options": {"selector": NO_ELEMENT}}

# Characters of an image file's name that the names of its renditions keep: Wagtail cuts a rendition's name to
# 59 characters with its filter, and the filters this site renders (width-1200, width-800, height-80) leave 44.
RENDITION_NAME_PREFIX = 30
# The office box shows the office's logo as decoration beside the office's name (components/office_box.html).
DECORATIVE_USES = ":not(.office-box__logo)"

HEADING_ORDER_MESSAGE = {
    "error_name": "Überschriftenebene übersprungen",
    "help_text": "Die erste Zwischenüberschrift ist eine H2, auf eine H2 folgt höchstens eine H3. Wählen Sie die "
    "Ebene im Block „Zwischenüberschrift“.",
}
IMAGE_ALT_MESSAGE = {
    "error_name": "Bild ohne Alternativtext",
    "help_text": "Beschreiben Sie das Bild in der Bildverwaltung oder markieren Sie es dort als dekorativ.",
}


def _teaser_length(page):
    if not isinstance(page, ContentPage):
        return None
    return len((page.search_description or "").strip())


def _rule(rule_id, selector, impact="moderate", tags=("best-practice",)):
    return {
        "id": rule_id,
        "impact": impact,
        "selector": selector or NO_ELEMENT,
        "tags": list(tags),
        "any": [FLAGGED],
        "enabled": True,
    }


def rendition_selector(image):
    """Every ``img`` that shows a rendition of ``image``: rendition files are named after the original file."""
    stem = image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    prefix = stem if len(stem) > RENDITION_NAME_PREFIX else stem + "."
    prefix = prefix[: RENDITION_NAME_PREFIX].replace("\\", "\\\\").replace('"', '\\"')
    return f'img[src*="/images/{prefix}"]{DECORATIVE_USES}'


def axe_rules(page):
    """The rules for ``page`` (None outside pages): each selects what is at fault, or nothing."""
    length = _teaser_length(page)
    images = without_alt_text(get_image_model().objects.only("pk", "file"))
    return [
        _rule(TEASER_MISSING, "h1" if length == 0 else None, tags=["seo"]),
        _rule(TEASER_TOO_LONG, "h1" if length and length > TEASER_MAX_LENGTH else None, tags=["seo"]),
        _rule(IMAGE_ALT, ", ".join(rendition_selector(image) for image in images), "serious", ["wcag2a", "wcag111"]),
    ]


def axe_messages(page):
    """German names and help texts of the rules; a too long teaser says by how much, when the page knows it."""
    length = _teaser_length(page)
    too_long = f"{length} von höchstens" if length and length > TEASER_MAX_LENGTH else "höchstens"
    return {
        "heading-order": HEADING_ORDER_MESSAGE,
        TEASER_MISSING: {
            "error_name": "Teaser fehlt",
            "help_text": "Schreiben Sie einen Satz, der die Seite beschreibt. Er steht in „Mehr zum Thema“, in "
            "Übersichten und Suchergebnissen.",
        },
        TEASER_TOO_LONG: {
            "error_name": f"Teaser zu lang ({too_long} {TEASER_MAX_LENGTH} Zeichen)",
            "help_text": "Der Teaser ist ein einzelner Satz, der die Seite beschreibt; kürzen Sie ihn im Feld "
            "„Teaser“.",
        },
        IMAGE_ALT: IMAGE_ALT_MESSAGE,
    }
