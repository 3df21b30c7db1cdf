"""Problems found in the imported files, each naming the file and the line."""

from dataclasses import dataclass

from pages.models import TopicPage

# Model fields -> the keys of the file that set them.
FIELD_KEYS = {
    "title": "titel",
    "search_description": "teaser",
    "intro": "einleitung",
    "short_title": "kurztitel",
    "slug": "kuerzel",
    "responsible_office": "zustaendige_stelle",
    "related_links": "mehr_zum_thema",
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.file}, Zeile {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """Raised with every problem of every file; nothing has been saved."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def problems_of(spec, error, related_indices=None):
    """A model ValidationError as problems on the lines of the keys (and "Mehr zum Thema" entries) concerned."""
    problems = []
    for name, errors in error.error_dict.items() if hasattr(error, "error_dict") else [(None, [error])]:
        key = FIELD_KEYS.get(name)
        for item in errors:
            for index, block_error in (getattr(item, "block_errors", None) or {}).items():
                entry = related_indices[index] if related_indices else index
                line = spec.related[entry].line if entry < len(spec.related) else spec.source.line_of(key)
                problems += [Problem(spec.source.file, line, message) for message in block_error.messages]
            if not getattr(item, "block_errors", None):
                unnamed = key or name in (None, "__all__")
                label = "" if unnamed else f"{TopicPage._meta.get_field(name).verbose_name}: "
                problems += [spec.problem(label + message, key) for message in item.messages]
    return problems
