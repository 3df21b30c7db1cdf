"""Hostile requests against every public address: the site answers with a German page, never a server error.

Hypothesis sends random and hostile paths, raw query strings (NUL bytes, huge values, hundreds of repeated keys,
broken percent-encoding, bytes that are no UTF-8), known parameters with absurd values and garbage form bodies to
every URL pattern of the site (the admin aside) and to every live seed page with each of its routable sub-URLs.

What counts as a correct answer:

- a status of 2xx, 3xx, 400 or 404, never 5xx;
- a POST without a valid CSRF token: 403 with the German page "Anfrage abgelehnt";
- a method a view does not take (a POST to the search, PUT anywhere): 405 with the German page "Anfrage nicht
  möglich" and an ``Allow`` header, or the CSRF 403 when it comes without a token, because Django
  checks the token before the view sees the method;
- every HTML error page with a body is German (``lang="de"``, its German sentence, none of Django's
  "Bad Request", "Not Found", "Forbidden"); the JSON API answers its errors in JSON;
- each answer comes within a generous sanity bound (``SLOW_SECONDS``); this is no performance test.

The examples are bounded and derandomised (the same requests on every run), so the module fits the CI budget; the
fixtures stay outside the ``@given`` functions, so no function-scoped fixture is shared between examples (the
examples run inside the test's transaction, which rolls back the feedback reports and search counts they create).
"""

import re
import time
from collections import Counter
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site

from feedback.models import BarrierReport
from pages.models import CommitteePage, OfficePage, TopicPage, TopicsAtoZPage
from programs.models import FundingProgramIndexPage, FundingProgramPage

# Deterministic in CI and locally: the same examples every run, no example database written into the repository.
settings.register_profile(
    "fuzz",
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    # No shrinking: a failure is reported with the example as found, and a failing run stays within the budget.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("fuzz")

SLOW_SECONDS = 5
ALLOWED_STATUS = re.compile(r"^(2\d\d|3\d\d|400|404)$")
ENGLISH_ERRORS = ("Bad Request", "Not Found", "Forbidden", "Method Not Allowed", "Server Error", "CSRF verification")
# One German sentence per error page, so that a page that merely says lang="de" does not pass.
GERMAN_ERROR_TEXT = {
    400: "Anfrage nicht verständlich",
    403: "Anfrage abgelehnt",
    404: "Seite nicht gefunden",
    405: "Anfrage nicht möglich",
}

requests_sent = Counter()  # per fuzz test
statuses = Counter()


# ---------------------------------------------------------------- targets


def _sample_path(prefix, pattern):
    """A working address for a URL pattern, with real ids where the pattern takes one."""
    route = prefix + str(pattern.pattern)
    name = pattern.name
    if name == "wagtaildocs_serve":
        document = get_document_model().objects.order_by("pk").first()
        return f"/dokumente/{document.pk}/{document.filename}"
    if name == "wagtail_serve":
        return "/"
    if name == "media":
        image = get_image_model().objects.order_by("pk").first()
        return "/media/" + image.file.name
    if name == "wagtailcore_authenticate_with_password":
        restriction = PageViewRestriction.objects.order_by("pk").first()
        if restriction is None:
            return "/_util/authenticate_with_password/1/1/"
        return f"/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/"
    if name == "detail" and route.startswith("api/"):
        return f"/api/v2/pages/{Site.objects.get(is_default_site=True).root_page_id}/"
    # Route patterns with converters not covered above get a plain number; the answer is then a 404, still fuzzed.
    path = re.sub(r"<int:[^>]+>", "1", route).replace("^", "").replace("$", "")
    assert "<" not in path and "(" not in path, f"Add a sample address for the URL pattern {route!r} ({name})"
    return "/" + path


def _url_patterns(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix, pattern


def public_url_patterns():
    """Every URL pattern of the site except the editors' admin."""
    return [
        (prefix, pattern)
        for prefix, pattern in _url_patterns(get_resolver().url_patterns)
        if not (prefix + str(pattern.pattern)).startswith(django_settings.ADMIN_PATH + "/")
    ]


def page_targets():
    """Every live page of the site and each of its routable sub-URLs without parameters."""
    site = Site.objects.get(is_default_site=True)
    paths = []
    for page in Page.objects.live().descendant_of(site.root_page, inclusive=True).specific().order_by("path"):
        url = page.get_url(current_site=site)
        paths.append(url)
        if isinstance(page, RoutablePageMixin):
            for route in page.get_subpage_urls():
                if route.name and not route.pattern.regex.groups:
                    paths.append(url + page.reverse_subpage(route.name))
    return paths


def all_targets():
    pattern_paths = [_sample_path(prefix, pattern) for prefix, pattern in public_url_patterns()]
    return sorted(set(pattern_paths) | set(page_targets()))


@pytest.fixture(scope="module")
def targets(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return all_targets()


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    """The figures of the run, printed even when pytest captures output."""
    yield
    total = sum(requests_sent.values())
    server_errors = sum(n for code, n in statuses.items() if code.startswith("5"))
    line = (
        f"\nfuzzed {total} requests, {server_errors} server errors; "
        f"per test {dict(requests_sent)}; answers {dict(sorted(statuses.items()))}"
    )
    with request.config.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
        print(line)


# ---------------------------------------------------------------- checking one answer


def send(client, label, method, path, query=b"", body=None, content_type=None, **extra):
    """One request with a raw query string (bytes as a server receives them) and an optional raw body."""
    kwargs = {"QUERY_STRING": query.decode("iso-8859-1")} if query else {}
    kwargs.update(extra)
    if body is not None:
        kwargs.update(data=body, content_type=content_type or "application/octet-stream")
    started = time.monotonic()
    response = client.generic(method, path, **kwargs)
    elapsed = time.monotonic() - started
    requests_sent[label] += 1
    code = response.status_code
    statuses[str(code) if code in (400, 403, 404, 405) else f"{code // 100}xx"] += 1
    return response, elapsed


def check(response, elapsed, *, allowed=ALLOWED_STATUS):
    status = response.status_code
    assert status < 500, f"server error {status}"
    assert allowed.match(str(status)), f"unexpected status {status}"
    assert elapsed < SLOW_SECONDS, f"answer took {elapsed:.1f} s"
    if status == 405 and not response.get("Content-Type", "").startswith("application/json"):
        assert response.content and response.has_header("Allow"), "405 without a German page or Allow header"
    if status >= 400 and response.get("Content-Type", "").startswith("text/html") and response.content:
        html = response.content.decode()
        assert 'lang="de"' in html, f"{status} page without lang=de"
        assert GERMAN_ERROR_TEXT.get(status, "–") in html, f"{status} page without its German text"
        for english in ENGLISH_ERRORS:
            assert english not in html, f"English {english!r} in a {status} page"


# ---------------------------------------------------------------- strategies

HOSTILE_SEGMENTS = [
    "..",
    "%2e%2e",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%00",
    "a%00b",
    "%C3%28",
    "%FF",
    "%E2%82",
    "%C0%AF",
    "%",
    "%G1",
    "%25",
    "Stra%C3%9Fe",
    "Straße",
    "😀",
    "%F0%9F%98%80",
    "\u202e",
    "x" * 4000,
    "%0d%0aSet-Cookie:%20a=b",
    ";jsessionid=1",
    "index.html",
    "\\..\\",
    "%5c",
    "~",
    "-1",
    "99999999999999999999",
    ".env",
    "'%20OR%201=1--",
    "<script>",
]
hostile_segment = st.one_of(
    st.sampled_from(HOSTILE_SEGMENTS),
    st.text(max_size=30).map(lambda text: quote(text, safe="")),
    st.binary(min_size=1, max_size=20).map(lambda raw: quote(raw, safe="")),
)


def mutated_path(path, segment, how):
    base = path if path.endswith("/") else path + "/"
    if how == "append":
        return base + segment
    if how == "append_dir":
        return base + segment + "/"
    if how == "substitute":
        parts = path.rstrip("/").rsplit("/", 1)
        return parts[0] + "/" + segment + "/"
    if how == "double_slash":
        return "/" + path.replace("/", "//", 2)
    return path + segment  # trailing junk right after the address


PATH_MUTATIONS = ["append", "append_dir", "substitute", "double_slash", "trailing"]

# Parameter names the views read, and values that have broken such views elsewhere.
KNOWN_PARAMETERS = [
    "q", "seite", "art", "zielgruppe", "status", "foerdergeber", "gesendet", "p",
    "fields", "type", "search", "search_operator", "offset", "limit", "order", "child_of", "descendant_of",
    "ancestor_of", "locale", "translation_of", "html_path", "id", "slug", "title", "show_in_menus",
    "first_published_at", "utm_source", "format",
]  # fmt: skip
HOSTILE_VALUES = [
    b"-1", b"0", b"1e9", b"99999999999999999999", b"9" * 400, b"1.5", b"NaN", b"", b"%", b"%G1", b"%E2%82",
    b"%00", b"\x00", b"%FF", b"\xff\xfe", b"%C3%28", b"*", b"*,-id,__proto__", b"-title", b"random", b"unknown",
    b"doesnotexist.Model", b"pages.NichtDa", b"wagtailcore.Page", b"abc", b"/", b"true", b"[]", b"{}",
    b"gestern", b"2025-02-30", b"_", b"title,title", b"-", b"'", b"or", b"%20", b"+", b"&", b"=",
]  # fmt: skip

raw_key = st.one_of(st.sampled_from(KNOWN_PARAMETERS).map(str.encode), st.binary(max_size=12))
raw_value = st.one_of(st.sampled_from(HOSTILE_VALUES), st.binary(max_size=40))


@st.composite
def raw_query_strings(draw):
    """A query string as raw bytes: never built with urlencode, so it may be anything a client can send."""
    kind = draw(st.sampled_from(["pairs", "repeated", "huge", "keys_only", "garbage"]))
    if kind == "repeated":
        key = draw(raw_key)
        return b"&".join([key + b"=" + draw(raw_value)] * draw(st.integers(50, 500)))
    if kind == "huge":
        size = draw(st.sampled_from([10_000, 100_000]))
        return draw(raw_key) + b"=" + draw(st.sampled_from([b"a", b"%00", b"\xff", b"%E2%82%AC", b"1"])) * size
    if kind == "keys_only":
        return b"&".join(draw(st.lists(raw_key, min_size=1, max_size=20)))
    if kind == "garbage":
        return draw(st.binary(min_size=1, max_size=200))
    pairs = draw(st.lists(st.tuples(raw_key, raw_value), min_size=1, max_size=8))
    return b"&".join(key + b"=" + value for key, value in pairs)


# ---------------------------------------------------------------- the fuzz tests

# Host headers a client may send; one the site does not serve is Django's 400, which must be German too.
HOSTS = ["testserver", "testserver", "testserver", "evil.example", "localhost:99999", "[::1", "a" * 300, "ex ample"]
# A path thousands of levels deep once sent thousands of ever longer prefixes to the database (HomePage.route).
DEEP_PATH = "x/" * 2000


@pytest.mark.django_db
def test_hostile_paths_get_a_german_404_or_a_page(targets):
    client = Client()

    @settings(FUZZ, max_examples=90)
    @given(
        target=st.sampled_from(targets),
        segment=hostile_segment,
        how=st.sampled_from(PATH_MUTATIONS),
        method=st.sampled_from(["GET", "HEAD"]),
        host=st.sampled_from(HOSTS),
    )
    @example(target="/", segment=DEEP_PATH, how="append", method="GET", host="testserver")
    @example(target="/api/v2/pages/", segment="%00", how="append", method="GET", host="evil.example")
    def fuzz(target, segment, how, method, host):
        check(*send(client, "paths", method, mutated_path(target, segment, how), HTTP_HOST=host))

    fuzz()
    assert requests_sent["paths"] >= 90


@pytest.mark.django_db
def test_hostile_query_strings_never_break_a_page(targets):
    client = Client()

    @settings(FUZZ, max_examples=90)
    @given(target=st.sampled_from(targets), query=raw_query_strings(), method=st.sampled_from(["GET", "HEAD"]))
    @example(target="/api/v2/pages/find/", query=b"html_path=" + DEEP_PATH.encode(), method="GET")
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django's 400, with the German page.
    @example(target="/suche/", query=b"&".join([b"zielgruppe=1"] * 1500), method="GET")
    def fuzz(target, query, method):
        check(*send(client, "queries", method, target, query))

    fuzz()
    assert requests_sent["queries"] >= 90


@pytest.mark.django_db
def test_every_address_survives_hostile_requests_in_turn(targets):
    """Each target with each kind of attack, so that no address is left out by chance."""
    client = Client()
    attacks = [
        ("GET", "%00", b"seite=99999999999999999999&limit=-5&offset=" + b"9" * 30 + b"&fields=*,-id,__proto__"),
        ("GET", "%C3%28", b"zielgruppe=&" * 500 + b"q=" + b"\x00\xff" * 5000),
        ("HEAD", "", b"%=%G1&%E2%82=\xff&type=doesnotexist.Model&child_of=abc&order=random&p=-1&seite=1e9"),
    ]
    for target in targets:
        for method, segment, query in attacks:
            path = mutated_path(target, segment, "append") if segment else target
            check(*send(client, "every address", method, path, query))
    assert requests_sent["every address"] == len(targets) * len(attacks)


@pytest.mark.django_db
def test_feedback_form_takes_garbage_with_and_without_a_token():
    """POSTs to the form: with a valid token a 200 (form errors) or a redirect; without one the German 403 and
    nothing stored."""
    client = Client(enforce_csrf_checks=True)
    token = client.get("/barriere-melden/").cookies["csrftoken"].value
    field_names = [b"description", b"page_url", b"name", b"email", b"zusatzfeld", b"csrfmiddlewaretoken"]
    field = st.one_of(st.sampled_from(field_names), st.binary(max_size=10))

    @settings(FUZZ, max_examples=50)
    @given(
        with_token=st.booleans(),
        pairs=st.lists(st.tuples(field, raw_value), max_size=8),
        body_kind=st.sampled_from(["urlencoded", "multipart", "huge", "json", "binary"]),
        query=st.one_of(st.just(b""), raw_query_strings()),
    )
    # Django's English "CSRF verification failed" page before CSRF_FAILURE_VIEW.
    @example(with_token=False, pairs=[(b"description", b"Die Rampe fehlt.")], body_kind="urlencoded", query=b"")
    # A body beyond DATA_UPLOAD_MAX_MEMORY_SIZE: Django's 400, with the German page.
    @example(with_token=True, pairs=[(b"description", b"x" * 3_000_000)], body_kind="urlencoded", query=b"")
    def fuzz(with_token, pairs, body_kind, query):
        body, content_type = garbage_body(body_kind, pairs, token if with_token else None)
        reports_before = BarrierReport.objects.count()
        response, elapsed = send(client, "feedback form", "POST", "/barriere-melden/", query, body, content_type)
        if with_token:
            # A garbage field named like the token, or a body that carries no form, still ends in the German 403.
            check(response, elapsed, allowed=re.compile(r"^(2\d\d|3\d\d|400|403)$"))
        else:
            check(response, elapsed, allowed=re.compile(r"^403$"))
            assert BarrierReport.objects.count() == reports_before

    fuzz()
    assert requests_sent["feedback form"] >= 50


def garbage_body(kind, pairs, token):
    if token is not None:
        pairs = [(b"csrfmiddlewaretoken", token.encode()), *pairs]
    if kind == "multipart":
        boundary = b"grenze"
        parts = [
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + key + b'"\r\n\r\n' + value + b"\r\n"
            for key, value in pairs
        ]
        return b"".join(parts) + b"--" + boundary + b"--\r\n", "multipart/form-data; boundary=grenze"
    if kind == "huge":
        body = b"&".join(key + b"=" + value for key, value in pairs) + b"&description=" + b"x" * 200_000
        return body, "application/x-www-form-urlencoded"
    if kind == "json":
        return b'{"description": "\\u0000' + b"".join(value for _, value in pairs) + b'"}', "application/json"
    if kind == "binary":
        return b"".join(key + value for key, value in pairs) or b"\x00", "application/octet-stream"
    return b"&".join(key + b"=" + value for key, value in pairs), "application/x-www-form-urlencoded"


@pytest.mark.django_db
def test_other_methods_and_posts_elsewhere_are_refused_in_german(targets):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/barriere-melden/").cookies["csrftoken"].value

    @settings(FUZZ, max_examples=60)
    @given(
        target=st.sampled_from(targets),
        method=st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]),
        with_token=st.booleans(),
        pairs=st.lists(st.tuples(raw_key, raw_value), max_size=6),
        body_kind=st.sampled_from(["urlencoded", "multipart", "huge", "json", "binary"]),
    )
    @example(target="/healthz", method="POST", with_token=True, pairs=[], body_kind="urlencoded")
    @example(target="/suche/", method="POST", with_token=False, pairs=[(b"q", b"Kita")], body_kind="urlencoded")
    def fuzz(target, method, with_token, pairs, body_kind):
        body, content_type = garbage_body(body_kind, pairs, token if with_token else None)
        response, elapsed = send(client, "methods", method, target, b"", body, content_type)
        check(response, elapsed, allowed=re.compile(r"^(2\d\d|3\d\d|400|403|404|405)$"))

    fuzz()
    assert requests_sent["methods"] >= 60


@pytest.mark.django_db
def test_a_path_thousands_of_levels_deep_costs_no_more_than_a_short_one(client):
    """The page router looks up at most as many levels as the page tree can hold, whatever the path."""
    for path in ("/" + DEEP_PATH, "/api/v2/pages/find/?html_path=" + DEEP_PATH):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 404
        # Before the bound: 2,000 prefixes of up to 4,000 characters, about four million characters of SQL.
        assert sum(len(query["sql"]) for query in queries.captured_queries) < 100_000


# ---------------------------------------------------------------- the fuzz cannot shrink silently


@pytest.mark.django_db
def test_the_fuzzed_addresses_cover_every_kind_of_public_address(targets):
    expected = [
        "/suche/",
        "/barriere-melden/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/api/v2/pages/",
        "/api/v2/pages/find/",
        "/themen/integration/foerderprogramme/",
        "/themen/integration/foerderprogramme/kalender/",
        "/themen/integration/foerderprogramme/json/",
        "/_util/login/",
    ]
    for path in expected:
        assert path in targets
    assert any(path.startswith("/dokumente/") and path[len("/dokumente/") :][0].isdigit() for path in targets)
    assert any(re.fullmatch(r"/api/v2/pages/\d+/", path) for path in targets)
    for model in (TopicPage, TopicsAtoZPage, OfficePage, CommitteePage, FundingProgramIndexPage, FundingProgramPage):
        page = model.objects.live().first()
        assert page is not None, f"no live {model.__name__} in the seed"
        assert page.url in targets
    sub_urls = ((OfficePage, "visitenkarte/"), (CommitteePage, "kalender/"), (FundingProgramPage, "kalender/"))
    for model, sub_url in sub_urls:
        assert all(page.url + sub_url in targets for page in model.objects.live())
    # Every URL pattern is fuzzed through a sample address that reaches that very pattern.
    patterns = public_url_patterns()
    assert len(patterns) >= 12
    for prefix, pattern in patterns:
        sample = _sample_path(prefix, pattern)
        assert sample in targets
        assert resolve(sample).url_name == pattern.name, sample
