"""Blocks of a funding program: what it funds and how to apply."""

from wagtail import blocks


class FundedItemBlock(blocks.CharBlock):
    """One kind of project or cost the program funds."""

    def __init__(self, **kwargs):
        super().__init__(max_length=200, **kwargs)

    class Meta:
        icon = "tick"
        label = "Gefördert wird"


class FundedItemsStreamBlock(blocks.StreamBlock):
    """The list "Was gefördert wird", in the editor's order."""

    item = FundedItemBlock()


class ApplicationStepBlock(blocks.StructBlock):
    """One step of the application, e.g. "Antrag ausfüllen"."""

    title = blocks.CharBlock(label="Schritt", max_length=120, help_text="z. B. „Beratungsgespräch vereinbaren“")
    text = blocks.TextBlock(label="Erläuterung", required=False)

    class Meta:
        icon = "list-ol"
        label = "Schritt"


class ApplicationStepsStreamBlock(blocks.StreamBlock):
    """The ordered steps of "So beantragen Sie die Förderung"."""

    step = ApplicationStepBlock()
