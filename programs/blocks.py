"""Blocks of a funding program: what it funds and how to apply."""

from wagtail import blocks


class FundedItemBlock(blocks.CharBlock):
    """One kind of project or cost the program funds."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            "Eine Art von Projekt oder Kosten in einer Zeile, z. B. „Sprachkurse für Eltern“; erscheint als Punkt "
            "der Liste „Was gefördert wird“.",
        )
        super().__init__(max_length=200, **kwargs)

    class Meta:
        icon = "tick"
        label = "Gefördert wird"
        description = "Ein Punkt der Liste „Was gefördert wird“."
        preview_template = "blocks/previews/funded_item_block.html"
        preview_value = "Projekte, die Nachbarinnen und Nachbarn unterschiedlicher Herkunft zusammenbringen"


class FundedItemsStreamBlock(blocks.StreamBlock):
    """The list "Was gefördert wird", in the editor's order."""

    item = FundedItemBlock()


class ApplicationStepBlock(blocks.StructBlock):
    """One step of the application, e.g. "Antrag ausfüllen"."""

    title = blocks.CharBlock(
        label="Schritt",
        max_length=120,
        help_text="Was Antragstellende tun, kurz und mit Verb, z. B. „Beratungsgespräch vereinbaren“.",
    )
    text = blocks.TextBlock(
        label="Erläuterung", required=False, help_text="Einzelheiten zu diesem Schritt: Fristen, Unterlagen, Ansprechpersonen."
    )

    class Meta:
        icon = "list-ol"
        label = "Schritt"
        description = "Ein Schritt unter „So beantragen Sie die Förderung“, in der Reihenfolge der Antragstellung."
        preview_template = "blocks/previews/application_step_block.html"
        preview_value = {
            "title": "Beratungsgespräch vereinbaren",
            "text": "Vor dem Antrag besprechen Sie Ihre Projektidee mit dem Kommunalen Integrationszentrum.",
        }


class ApplicationStepsStreamBlock(blocks.StreamBlock):
    """The ordered steps of "So beantragen Sie die Förderung"."""

    step = ApplicationStepBlock()
