"""StreamField blocks: few and semantic, so editors never type HTML."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A sub-heading that structures the body; the page title is the only h1."""

    text = blocks.CharBlock(label="Überschrift", max_length=200)
    level = blocks.ChoiceBlock(
        label="Ebene",
        choices=[("h2", "Zwischenüberschrift (H2)"), ("h3", "Unterüberschrift (H3)")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Zwischenüberschrift"
        template = "blocks/heading_block.html"
        form_classname = "heading-block"
        description = "Gliedert den Text; wählen Sie H3 nur unter einer H2."


class TextBlock(blocks.RichTextBlock):
    """Paragraphs and lists with links, no other formatting."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "blocks/text_block.html"
        description = "Absätze, Aufzählungen und Links."


class ImageBlock(blocks.StructBlock):
    """A photo in the text, with the caption and credit stored on the image."""

    image = ImageChooserBlock(label="Bild")
    caption = blocks.CharBlock(
        label="Bildunterschrift",
        required=False,
        help_text="Leer lassen, um die Bildunterschrift des Bildes zu verwenden.",
    )

    class Meta:
        icon = "image"
        label = "Bild"
        template = "blocks/image_block.html"
        description = "Ein Bild mit Bildunterschrift und Bildnachweis."


class DownloadBlock(blocks.StructBlock):
    """One file to download; size and type are read from the stored file."""

    document = DocumentChooserBlock(label="Dokument")
    title = blocks.CharBlock(
        label="Titel",
        required=False,
        help_text="Leer lassen, um den Titel des Dokuments zu verwenden.",
    )

    class Meta:
        icon = "doc-full"
        label = "Download"


class DownloadsBlock(blocks.StructBlock):
    """A titled list of downloads inside the text."""

    heading = blocks.CharBlock(label="Überschrift", required=False, default="Downloads")
    documents = blocks.ListBlock(DownloadBlock(), label="Dokumente", min_num=1)

    class Meta:
        icon = "download"
        label = "Downloads"
        template = "blocks/downloads_block.html"
        description = "Dateien zum Herunterladen; Größe und Dateityp werden automatisch angezeigt."


class PeriodBlock(blocks.StructBlock):
    """One period of a timeline, e.g. "Erste Periode, 2006–2010"."""

    label = blocks.CharBlock(label="Bezeichnung", help_text="z. B. „Erste Periode“")
    years = blocks.CharBlock(label="Zeitraum", max_length=40, help_text="z. B. „2006–2010“ oder „ab 2013“")
    text = blocks.TextBlock(label="Beschreibung")

    class Meta:
        icon = "date"
        label = "Zeitabschnitt"


class TimelineBlock(blocks.ListBlock):
    """Periods in their order, rendered as an ordered list."""

    def __init__(self, **kwargs):
        super().__init__(PeriodBlock(), **kwargs)

    class Meta:
        icon = "history"
        label = "Zeitleiste"
        template = "blocks/timeline_block.html"
        description = "Zeitabschnitte mit Bezeichnung, Zeitraum und Beschreibung."


class NoticeBlock(blocks.StructBlock):
    """A highlighted notice such as "Zum Thema", optionally dated."""

    heading = blocks.CharBlock(label="Überschrift", default="Zum Thema", max_length=100)
    date = blocks.DateBlock(label="Datum", required=False)
    text = TextBlock(label="Text")

    class Meta:
        icon = "info-circle"
        label = "Hinweis „Zum Thema“"
        template = "blocks/notice_block.html"
        description = "Ein hervorgehobener Hinweis, auf Wunsch mit Datum."


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label="Zitat")
    source = blocks.CharBlock(label="Quelle", required=False, help_text="Wer hat es gesagt oder geschrieben?")

    class Meta:
        icon = "openquote"
        label = "Zitat"
        template = "blocks/quote_block.html"
        description = "Ein Zitat mit Quellenangabe."


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in Deutscher Gebärdensprache with its transcript and a download link that names the size."""

    title = blocks.CharBlock(label="Titel", max_length=200)
    video = DocumentChooserBlock(label="Videodatei (MP4 oder WebM)")
    transcript = blocks.TextBlock(label="Abschrift", help_text="Der Inhalt des Videos als Text.")

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

    page = blocks.PageChooserBlock(label="Seite")
    teaser = blocks.CharBlock(
        label="Teaser",
        required=False,
        max_length=300,
        help_text="Leer lassen, um den Teaser der Seite zu verwenden.",
    )

    class Meta:
        icon = "doc-empty-inverse"
        label = "Seite dieser Website"


class ExternalLinkBlock(blocks.StructBlock):
    """A page on another website, with its own title and teaser."""

    title = blocks.CharBlock(label="Titel", max_length=200)
    teaser = blocks.CharBlock(label="Teaser", max_length=300, help_text="Ein Satz, der das Ziel beschreibt.")
    url = blocks.URLBlock(label="Adresse (URL)")

    class Meta:
        icon = "link-external"
        label = "Externer Link"

    def clean(self, value):
        value = super().clean(value)
        if not value["url"].startswith(("https://", "http://")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Bitte geben Sie eine Adresse beginnend mit https:// ein.")}
            )
        return value


class RelatedLinkStreamBlock(blocks.StreamBlock):
    """The ordered entries of "Mehr zum Thema"."""

    page = InternalLinkBlock()
    external = ExternalLinkBlock()
