import pytest
from bs4 import BeautifulSoup

from pages.files import file_type_label, format_file_size
from tests.factories import TopicPageFactory, make_document


@pytest.mark.parametrize(
    "size, label",
    [
        (87 * 1024, "87 KB"),
        (300, "1 KB"),
        (int(1.4 * 1024 * 1024), "1,4 MB"),
        (2 * 1024 * 1024, "2 MB"),
        (2 * 1024 * 1024 + 10, "2 MB"),
        (1024 * 1024 - 1, "1 MB"),
        (1024 * 1024 - 600, "1023 KB"),
        (None, None),
    ],
)
def test_file_sizes_read_as_in_german(size, label):
    assert format_file_size(size) == label


@pytest.mark.parametrize(
    "filename, label",
    [("richtlinie.pdf", "PDF"), ("antrag.DOCX", "Word"), ("liste.xlsx", "Excel"), ("daten.csv", "CSV"), ("ohne", "")],
)
def test_file_types_are_named_from_the_stored_file(filename, label):
    assert file_type_label(filename) == label


@pytest.mark.django_db
def test_downloads_show_title_size_and_type(client, integration_page):
    guide = make_document("Förderrichtlinie 2027", size=int(1.4 * 1024 * 1024), extension="pdf")
    form = make_document("Antragsformular", size=87 * 1024, extension="docx")
    page = TopicPageFactory(
        parent=integration_page,
        downloads=[
            ("document", {"document": guide, "title": ""}),
            ("document", {"document": form, "title": "Antrag (zum Ausfüllen)"}),
        ],
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": "downloads"})
    assert section.find("h2").get_text() == "Downloads"
    assert [a.get_text() for a in section.find_all("a")] == [
        "Förderrichtlinie 2027, 1,4 MB, PDF",
        "Antrag (zum Ausfüllen), 87 KB, Word",
    ]
