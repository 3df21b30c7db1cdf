"""The pages that are measured and the targets they have to meet."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchPage:
    key: str
    label: str
    path: str
    # Targets of the issue apply to the topic page, the finder and the search; the office is measured only.
    has_targets: bool = True
    # Varnish passes searches to the application by design (VCL: "^/suche/\?(.*&)?q="): no cache ceiling.
    cacheable: bool = True


PAGES = (
    BenchPage("thema", "Themenseite MIA-DO-KI", "/themen/integration/masterplan-migration-integration/"),
    BenchPage(
        "amt",
        "Amtsseite",
        "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
        "kommunales-integrationszentrum-dortmund-mia-do-ki/",
        has_targets=False,
    ),
    BenchPage("finder", "Förderfinder", "/themen/integration/foerderprogramme/"),
    BenchPage("suche", "Suche „Integration“", "/suche/?q=Integration", cacheable=False),
)

# Pages of the --large comparison (the office adds nothing there: its queries do not grow with the tree).
LARGE_PAGES = tuple(page for page in PAGES if page.key != "amt")

MAX_QUERIES = 15
MIN_GUNICORN_RPS = 190.0
MIN_VARNISH_SHARE = 0.50
MAX_MEMORY_GROWTH = 0.10
MAX_LARGE_SLOWDOWN = 1.5
