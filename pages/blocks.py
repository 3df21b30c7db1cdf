"""StreamField blocks: few and semantic, so editors never type HTML.

Every block a chooser offers has a description and a German example value, which the block chooser
shows as a preview in the site's own style (templates/wagtailcore/shared/block_preview.html).
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from pages.block_previews import NOTICE_DATE, basismodul, example_document, example_page, library_image

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# The page types "Mehr zum Thema" may point to: pages about a subject. The home page and "Themen A–Z"
# are in every page's header already, and plain pages (Impressum, Datenschutz, Barrierefreiheit) in
# its footer; as a "related topic" they would only lead readers away from the subject.
RELATED_PAGE_TYPES = [
    "pages.TopicPage",
    "pages.CommitteePage",
    "pages.OfficePage",
    "programs.FundingProgramIndexPage",
    "programs.FundingProgramPage",
]


class HeadingBlock(blocks.StructBlock):
    """A sub-heading that structures the body; the page title is the only h1."""

    text = blocks.CharBlock(
        label="Überschrift",
        max_length=200,
        help_text="Kurz und aussagekräftig; erscheint als Zwischenüberschrift im Text und gliedert die Seite "
        "für Screenreader.",
    )
    level = blocks.ChoiceBlock(
        label="Ebene",
        choices=[("h2", "Zwischenüberschrift (H2)"), ("h3", "Unterüberschrift (H3)")],
        default="h2",
        help_text="H2 für einen neuen Abschnitt, H3 nur für einen Unterabschnitt unter einer H2.",
    )

    class Meta:
        icon = "title"
        label = "Zwischenüberschrift"
        template = "blocks/heading_block.html"
        form_classname = "heading-block"
        description = "Gliedert den Text; wählen Sie H3 nur unter einer H2."
        preview_value = {"text": "Arbeitsschwerpunkte im Rahmen des Masterplans", "level": "h2"}


class TextBlock(blocks.RichTextBlock):
    """Paragraphs and lists with links, no other formatting."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Absätze, Aufzählungen und Links. Kurze Sätze helfen allen, die Deutsch als Zweitsprache lesen.",
        )
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "blocks/text_block.html"
        description = "Absätze, Aufzählungen und Links."
        preview_value = (
            "<p>Das Kommunale Integrationszentrum Dortmund (MIA-DO-KI) berät Vereine, Schulen und "
            "Migrantenorganisationen. Es unterstützt vor allem bei:</p>"
            "<ul><li>der Sprachförderung in Kitas und Schulen</li>"
            "<li>der interkulturellen Öffnung der Verwaltung</li>"
            "<li>Anträgen auf Fördermittel für Integrationsprojekte</li></ul>"
        )


class ImageBlock(blocks.StructBlock):
    """A photo in the text, with the caption and credit stored on the image."""

    image = ImageChooserBlock(
        label="Bild",
        help_text="Ein Bild aus der Bildverwaltung; Alternativtext und Bildnachweis werden dort gepflegt.",
    )
    caption = blocks.CharBlock(
        label="Bildunterschrift",
        required=False,
        help_text="Erscheint unter dem Bild. Leer lassen, um die Bildunterschrift des Bildes zu verwenden.",
    )

    class Meta:
        icon = "image"
        label = "Bild"
        template = "blocks/image_block.html"
        description = "Ein Bild mit Bildunterschrift und Bildnachweis."

    def get_preview_value(self):
        return self.normalize({"image": library_image(), "caption": "Friedensplatz, Berswordthalle und altes Stadthaus"})

    def get_preview_template(self, value, context=None):
        if value["image"] is None:
            return "blocks/previews/image_block_without_image.html"
        return super().get_preview_template(value, context)


class DownloadBlock(blocks.StructBlock):
    """One file to download; size and type are read from the stored file."""

    document = DocumentChooserBlock(
        label="Dokument",
        help_text="Eine Datei aus der Dokumentenverwaltung, z. B. ein Antragsformular als PDF.",
    )
    title = blocks.CharBlock(
        label="Titel",
        required=False,
        help_text="Der Linktext in der Liste. Leer lassen, um den Titel des Dokuments zu verwenden.",
    )

    class Meta:
        icon = "doc-full"
        label = "Download"
        description = "Eine Datei zum Herunterladen; Größe und Dateityp werden automatisch angezeigt."
        preview_template = "blocks/previews/download_block.html"

    def get_preview_value(self):
        return self.normalize({"document": basismodul(), "title": ""})

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        context["downloads"] = [value]
        return context


class DownloadsBlock(blocks.StructBlock):
    """A titled list of downloads inside the text."""

    heading = blocks.CharBlock(
        label="Überschrift",
        required=False,
        default="Downloads",
        help_text="Steht über der Liste, z. B. „Ausgewählte Unterlagen zur Kooperation“.",
    )
    documents = blocks.ListBlock(
        DownloadBlock(),
        label="Dokumente",
        min_num=1,
        help_text="Die Dateien in der Reihenfolge, in der sie in der Liste stehen sollen.",
    )

    class Meta:
        icon = "download"
        label = "Downloads"
        template = "blocks/downloads_block.html"
        description = "Dateien zum Herunterladen; Größe und Dateityp werden automatisch angezeigt."

    def get_preview_value(self):
        application = example_document(
            "Antrag auf Fördermittel für Integrationsprojekte", "antrag-foerdermittel.docx", 48_128
        )
        return self.normalize(
            {
                "heading": "Ausgewählte Downloads",
                "documents": [{"document": basismodul(), "title": ""}, {"document": application, "title": ""}],
            }
        )


class PeriodBlock(blocks.StructBlock):
    """One period of a timeline, e.g. "Erste Periode, 2006–2010"."""

    label = blocks.CharBlock(label="Bezeichnung", help_text="Name des Abschnitts, z. B. „Erste Periode“.")
    years = blocks.CharBlock(
        label="Zeitraum", max_length=40, help_text="Steht neben der Bezeichnung, z. B. „2006–2010“ oder „ab 2013“."
    )
    text = blocks.TextBlock(label="Beschreibung", help_text="Was in diesem Zeitraum geschah, in wenigen Sätzen.")

    class Meta:
        icon = "date"
        label = "Zeitabschnitt"
        help_text = "Ein Abschnitt der Zeitleiste."


class TimelineBlock(blocks.ListBlock):
    """Periods in their order, rendered as an ordered list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Die Zeitabschnitte in zeitlicher Reihenfolge, der früheste zuerst.")
        super().__init__(PeriodBlock(), **kwargs)

    class Meta:
        icon = "history"
        label = "Zeitleiste"
        template = "blocks/timeline_block.html"
        description = "Zeitabschnitte mit Bezeichnung, Zeitraum und Beschreibung."
        preview_value = [
            {
                "label": "Erste Periode",
                "years": "2006–2010",
                "text": "Der Rat beschließt den Masterplan Migration/Integration; Fachbereiche und Verbände "
                "erarbeiten gemeinsame Ziele.",
            },
            {
                "label": "Zweite Periode",
                "years": "2011–2015",
                "text": "Das Kommunale Integrationszentrum nimmt seine Arbeit auf und bündelt die Angebote der Stadt.",
            },
        ]


class NoticeBlock(blocks.StructBlock):
    """A highlighted notice such as "Zum Thema", optionally dated."""

    heading = blocks.CharBlock(
        label="Überschrift",
        default="Zum Thema",
        max_length=100,
        help_text="Steht fett über dem Hinweis, meist „Zum Thema“.",
    )
    date = blocks.DateBlock(
        label="Datum", required=False, help_text="Für Neuigkeiten: erscheint neben der Überschrift, z. B. „30. Januar 2025“."
    )
    text = TextBlock(label="Text", help_text="Der Hinweis selbst, in wenigen Sätzen.")

    class Meta:
        icon = "info-circle"
        label = "Hinweis „Zum Thema“"
        template = "blocks/notice_block.html"
        description = "Ein hervorgehobener Hinweis, auf Wunsch mit Datum."
        preview_value = {
            "heading": "Zum Thema",
            "date": NOTICE_DATE,
            "text": "<p>Am 30. Januar eröffnete das Kommunale Integrationszentrum seine neue Beratungsstelle "
            "in der Innenstadt.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label="Zitat", help_text="Der Wortlaut ohne Anführungszeichen; sie werden ergänzt.")
    source = blocks.CharBlock(
        label="Quelle",
        required=False,
        help_text="Wer hat es gesagt oder geschrieben? Steht unter dem Zitat.",
    )

    class Meta:
        icon = "openquote"
        label = "Zitat"
        template = "blocks/quote_block.html"
        description = "Ein Zitat mit Quellenangabe."
        preview_value = {
            "text": "Vielfalt ist für Dortmund keine Herausforderung, sondern eine Stärke.",
            "source": "Aus dem Masterplan Migration/Integration",
        }


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in Deutscher Gebärdensprache with its transcript and a download link that names the size."""

    title = blocks.CharBlock(
        label="Titel", max_length=200, help_text="Erscheint unter dem Video und im Link zum Herunterladen."
    )
    video = DocumentChooserBlock(
        label="Videodatei (MP4 oder WebM)",
        help_text="Das Video aus der Dokumentenverwaltung; andere Dateiformate werden abgelehnt.",
    )
    transcript = blocks.TextBlock(
        label="Abschrift", help_text="Der Inhalt des Videos als Text; steht aufgeklappt unter dem Video."
    )

    class Meta:
        icon = "media"
        label = "Video in Gebärdensprache"
        template = "blocks/sign_language_video_block.html"
        description = "Ein Video in Deutscher Gebärdensprache mit Abschrift und Download."

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if video is not None and video.file_extension.lower() not in ("mp4", "webm"):
            raise blocks.StructBlockValidationError(
                block_errors={"video": ValidationError("Bitte wählen Sie eine Videodatei im Format MP4 oder WebM.")}
            )
        return value

    def get_preview_value(self):
        return self.normalize(
            {
                "title": "Das Kommunale Integrationszentrum in Gebärdensprache",
                "video": example_document("Vorstellung in Gebärdensprache", "mia-do-ki-dgs.mp4", 18_874_368),
                "transcript": "Willkommen beim Kommunalen Integrationszentrum Dortmund. Wir beraten Sie zu Sprache, "
                "Bildung und Teilhabe.",
            }
        )


BODY_HELP_TEXT = (
    "Der Haupttext der Seite, aus Blöcken zusammengesetzt: Text, Zwischenüberschriften, Bilder, Downloads und mehr. "
    "Über das Plus wählen Sie einen Block; die Vorschau zeigt, wie er aussieht."
)


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    heading = HeadingBlock()
    text = TextBlock()
    image = ImageBlock()
    downloads = DownloadsBlock()
    timeline = TimelineBlock()
    notice = NoticeBlock()
    quote = QuoteBlock()
    sign_language_video = SignLanguageVideoBlock()


class DownloadStreamBlock(blocks.StreamBlock):
    """The downloads section below the body."""

    document = DownloadBlock()


class InternalLinkBlock(blocks.StructBlock):
    """A page of this site; title and teaser come from the page unless overridden."""

    page = blocks.PageChooserBlock(
        label="Seite",
        page_type=RELATED_PAGE_TYPES,
        help_text="Eine Themenseite, ein Gremium, eine Dienststelle oder ein Förderprogramm dieser Website. "
        "Ihr Titel wird als Link angezeigt.",
    )
    teaser = blocks.CharBlock(
        label="Teaser",
        required=False,
        max_length=300,
        help_text="Der Satz unter dem Link. Leer lassen, um den Teaser der Seite zu verwenden.",
    )

    class Meta:
        icon = "doc-empty-inverse"
        label = "Seite dieser Website"
        description = "Ein Link auf eine Seite dieses Portals; Titel und Teaser kommen von der Seite."
        preview_template = "blocks/previews/related_link_block.html"

    def clean(self, value):
        value = super().clean(value)
        page = value.get("page")
        page_class = (page.specific_class or type(page)) if page is not None else None
        if page_class is not None and not issubclass(page_class, tuple(self.child_blocks["page"].target_models)):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        f"„{page.title}“ ist eine Seite vom Typ „{page_class._meta.verbose_name}“. Unter „Mehr zum "
                        "Thema“ stehen nur Themenseiten, Gremien, Dienststellen und Förderprogramme."
                    )
                }
            )
        return value

    def get_preview_value(self):
        page = example_page(
            "Schwerpunkte der Arbeit",
            "Bildung, Sprache und Teilhabe: die Arbeitsschwerpunkte des Kommunalen Integrationszentrums.",
        )
        return self.normalize({"page": page, "teaser": ""})

    def get_preview_context(self, value, parent_context=None):
        from pages.models.base import RelatedLink

        context = super().get_preview_context(value, parent_context)
        page = value["page"]
        context["links"] = [RelatedLink(page.title, value["teaser"] or page.search_description, "#")]
        return context


class ExternalLinkBlock(blocks.StructBlock):
    """A page on another website, with its own title and teaser."""

    title = blocks.CharBlock(label="Titel", max_length=200, help_text="Der Linktext, z. B. der Titel der Zielseite.")
    teaser = blocks.CharBlock(
        label="Teaser", max_length=300, help_text="Ein Satz, der das Ziel beschreibt; er steht unter dem Link."
    )
    url = blocks.URLBlock(
        label="Adresse (URL)", help_text="Die vollständige Adresse, beginnend mit https://, z. B. https://www.dortmund.de/."
    )

    class Meta:
        icon = "link-external"
        label = "Externer Link"
        description = "Ein Link auf eine andere Website, mit eigenem Titel und Teaser."
        preview_template = "blocks/previews/related_link_block.html"
        preview_value = {
            "title": "Kommunales Integrationsmanagement (KIM)",
            "teaser": "Strukturierte Hilfen für eine gelingende Integration neu zugewanderter Menschen.",
            "url": "https://www.dortmund.de/themen/integration/kommunales-integrationsmanagement-kim/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].startswith(("https://", "http://")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Bitte geben Sie eine Adresse beginnend mit https:// ein.")}
            )
        return value

    def get_preview_context(self, value, parent_context=None):
        from pages.models.base import RelatedLink

        context = super().get_preview_context(value, parent_context)
        context["links"] = [RelatedLink(value["title"], value["teaser"], value["url"], is_external=True)]
        return context


class RelatedLinkStreamBlock(blocks.StreamBlock):
    """The ordered entries of "Mehr zum Thema"."""

    page = InternalLinkBlock()
    external = ExternalLinkBlock()
