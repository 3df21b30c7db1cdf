"""Stand-in images and documents for the photos and files the seeds name but do not contain."""

import io

from django.core.files.images import ImageFile
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.documents import get_document_model

from pages.models import PortalImage


def _font(size):
    return ImageFont.load_default(size=size)


def _gradient(size, colours):
    width, height = size
    start, end = (Image.new("RGB", (1, 1), colour).getpixel((0, 0)) for colour in colours)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        ratio = x / max(1, width - 1)
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(start, end))
        draw.line([(x, 0), (x, height)], fill=colour)
    return image, draw


def render_image(spec):
    """A JPEG (or PNG for logos) showing the image's title, so nobody mistakes it for the photo."""
    size = tuple(spec.get("size", (1600, 700)))
    image, draw = _gradient(size, spec.get("colours", ["#1f4e79", "#6f9fc8"]))
    if spec.get("text"):
        draw.rectangle([(4, 4), (size[0] - 5, size[1] - 5)], outline="#0b3d91", width=8)
        draw.text((size[0] / 2, size[1] / 2), spec["text"], fill="#0b3d91", font=_font(size[1] // 3), anchor="mm")
        buffer, name = io.BytesIO(), f"{spec['key']}.png"
        image.save(buffer, "PNG")
    else:
        draw.text((60, size[1] - 120), spec["caption"], fill="white", font=_font(56))
        draw.text((60, size[1] - 56), "Ersatzbild", fill="white", font=_font(32))
        buffer, name = io.BytesIO(), f"{spec['key']}.jpg"
        image.save(buffer, "JPEG", quality=82)
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


def render_pdf(spec):
    """A one-page PDF with the document's title lines."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    y = 160
    for index, line in enumerate(spec["lines"]):
        draw.text((120, y), line, fill="black", font=_font(56 if index == 1 else 32))
        y += 110
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=150)
    return ContentFile(buffer.getvalue(), name=spec["filename"])


def ensure_image(spec, update=False):
    """The image titled as in the fixture, created once; ``update`` resets its metadata to the fixture."""
    fields = {
        "description": spec.get("alt", ""),
        "caption": spec.get("caption", ""),
        "credit": spec.get("credit", ""),
        "licence": spec.get("licence", ""),
    }
    image = PortalImage.objects.filter(title=spec["title"]).first()
    if image is None:
        image = PortalImage(title=spec["title"], file=render_image(spec), **fields)
        image.save()
        return image, True
    if not update:
        return image, False
    changed = {name: value for name, value in fields.items() if getattr(image, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(image, name, value)
        image.save(update_fields=list(changed))
    return image, bool(changed)


def ensure_document(spec):
    Document = get_document_model()
    document = Document.objects.filter(title=spec["title"]).first()
    if document is not None:
        return document, False
    document = Document(title=spec["title"], file=render_pdf(spec))
    document._set_document_file_metadata()
    document.save()
    return document, True
