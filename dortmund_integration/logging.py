"""Log lines without citizens' personal data: plain text in development, JSON lines in production."""

import logging
import re
from datetime import UTC, datetime

from pythonjsonlogger.core import merge_record_extra
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

# Every repetition is bounded (an address's local part has at most 64 characters, a domain label 63), so that
# scrubbing a 4 KB path without any "@" stays linear instead of trying every start position to the end.
EMAIL = re.compile(r"[\w.%+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
# Full IPv6 addresses and every form with "::"; a time of day ("12:30:45") has too few groups to match.
IPV6 = re.compile(
    r"(?<![\w:])(?:"
    r"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?"
    r")(?:%\w+)?(?![\w:])"
)
# A query string after a path or URL (search terms, form values sent by GET, tokens): a "?" right after a
# character and followed by more. No pattern that scans back to the path's start, which would be quadratic.
QUERY = re.compile(r"(?<=\S)\?[^\s'\"#]+")


def scrub(text):
    """``text`` without e-mail addresses, IP addresses and query strings."""
    text = EMAIL.sub("[E-Mail]", text)
    text = IPV4.sub("[IP]", text)
    text = IPV6.sub("[IP]", text)
    return QUERY.sub("", text)


# Attributes every LogRecord has; everything else on a record came in through ``extra``.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class PersonalDataFilter(logging.Filter):
    """Keeps personal data out of every log line.

    Django's request loggers attach the whole ``request`` (cookies, form body, client address, headers):
    only its method and its path without query string are kept. The message, the traceback and text
    fields lose e-mail and IP addresses and query strings; ``extra`` values that are not plain numbers or
    text (objects, dicts, lists) are dropped, so no form, session or cookie can be serialised.
    """

    def filter(self, record):
        request = record.__dict__.pop("request", None)
        if request is not None:
            method, path = getattr(request, "method", None), getattr(request, "path", None)
            if isinstance(method, str) and isinstance(path, str):
                record.method, record.path = method, path
        for name in set(vars(record)) - RECORD_ATTRIBUTES:
            value = getattr(record, name)
            if isinstance(value, str):
                setattr(record, name, scrub(value))
            elif not (value is None or isinstance(value, (bool, int, float))):
                delattr(record, name)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed log call must not break the request that made it
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[0] is not None:
            error_type = record.exc_info[0]
            record.exc_type = (
                error_type.__qualname__
                if error_type.__module__ == "builtins"
                else f"{error_type.__module__}.{error_type.__qualname__}"
            )
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, then the record's fields
    (method, path, status_code, exc_type, a purge's counts …) and the traceback."""

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds")
        log_data["time"] = log_data["time"].replace("+00:00", "Z")
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.message
        merge_record_extra(record, log_data, reserved=RECORD_ATTRIBUTES)
        if message_dict.get("exc_info"):
            log_data["traceback"] = message_dict["exc_info"]


def logging_settings(log_format="text", level="WARNING"):
    """Django's LOGGING: one handler on stderr, personal data filtered, as text or as JSON lines.

    Purges of the HTTP cache are logged from INFO on whatever ``level`` says: one line per purge.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"personal_data": {"()": PersonalDataFilter}},
        "formatters": {
            "text": {"format": "%(levelname)s %(name)s: %(message)s"},
            "json": {"()": JsonFormatter, "json_ensure_ascii": False},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["personal_data"],
                "formatter": "json" if log_format == "json" else "text",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"caching.purge": {"level": "INFO"}},
    }
