"""Who may see and do what, as one table: every row is tried as anonymous visitor, office staff, editor, leadership
and superuser.

An outcome is "ok" (200, or a redirect that is the success path), "login" (302 to the login page with ``?next=``),
"denied" (403, or Wagtail's redirect to the dashboard that shows its German no-permission message) or "404".
A row that changes something also says how to see the change: a refused request must leave the database as it
was, an allowed one must change it.

Editors do not publish pages under /themen/: they submit them to the workflow "Freigabe MIA-DO-KI", which the
leadership approves. Unpublishing, deleting and moving a live page go with publishing (Wagtail ties them to the
same permission), so they are the leadership's too.
"""

import datetime
import io
from dataclasses import dataclass
from functools import cached_property
from typing import Callable
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, Site, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from feedback.models import BarrierReport
from pages.models import OfficePage, SiteNotice, SiteSettings
from pages.roles import EDITORS, LEADERSHIP, OFFICE_STAFF
from pages.snippets import Location
from programs.models import TargetGroup
from tests.conftest import page_at
from tests.factories import LocationFactory, OfficePageFactory, PortalImageFactory, TopicPageFactory, make_document
from tests.test_roles import office_form

OK, LOGIN, DENIED, NOT_FOUND = "ok", "login", "denied", "404"
ROLES = ["anonym", OFFICE_STAFF, EDITORS, LEADERSHIP, "Superuser"]
NO_PERMISSION = "Sie haben leider keinen Zugang zu diesem Bereich."

AMT = "/rathaus/verwaltung/amt-fuer-angelegenheiten-des-oberbuergermeisters-und-des-rates/"
TOPIC = "/themen/integration/masterplan-migration-integration/masterplanprozess-ab-2005/"
PASSWORD = "Sicheres-Passwort-2027"


def png(name="stadtplan.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), "#1f4e79").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name="merkblatt.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n% Merkblatt Sprachkurse\n%%EOF\n", content_type="application/pdf")


class World:
    """The objects a row acts on, made when a row first needs them (inside the test's transaction)."""

    def __init__(self):
        self.snippets = {}

    def snippet(self, model):
        if model not in self.snippets:
            self.snippets[model] = SNIPPETS[model][0]()
        return self.snippets[model]

    @cached_property
    def topic(self):
        return page_at(TOPIC)

    @cached_property
    def office(self):
        return OfficePage.objects.get(url_path__endswith="/kommunales-integrationszentrum-dortmund-mia-do-ki/")

    @cached_property
    def sibling_office(self):
        return OfficePageFactory(parent=page_at(AMT), title="Bürgerdienste International")

    @cached_property
    def draft(self):
        page = TopicPageFactory(parent=page_at("/themen/integration/"), title="Entwurf Sprachcafé", live=False)
        page.save_revision()
        return page

    @cached_property
    def submitted(self):
        """The topic page with a change an editor submitted, waiting for the leadership."""
        author = get_user_model().objects.create_user(username="einreichende-redakteurin", password=PASSWORD)
        author.groups.add(Group.objects.get(name=EDITORS))
        page = self.topic
        page.title = "Masterplanprozess ab 2005 (überarbeitet)"
        page.save_revision(user=author)
        page.get_workflow().start(page, author)
        return page

    @cached_property
    def image(self):
        return PortalImageFactory(title="Westfalenpark mit Florianturm", collection=Collection.get_first_root_node())

    @cached_property
    def document(self):
        return make_document("Antrag auf Förderung")

    @cached_property
    def private_document(self):
        root = Collection.get_first_root_node()
        collection = root.add_child(name="Interne Unterlagen")
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        document = make_document("Protokoll der Dienstbesprechung")
        document.collection = collection
        document.save()
        return document

    @cached_property
    def report(self):
        return BarrierReport.objects.create(page_url="/themen/", description="Ein Bild hat keine Beschreibung.")

    @cached_property
    def site(self):
        return Site.objects.get(is_default_site=True)


def is_the_file(response, world):
    assert len(b"".join(response.streaming_content)) == world.private_document.file_size


def lists_live_pages_without_the_draft(response, world):
    ids = [item["id"] for item in response.json()["items"]]
    assert world.draft.pk not in ids
    assert ids and Page.objects.filter(pk__in=ids, live=True).count() == len(ids)


def fresh(obj):
    return type(obj).objects.filter(pk=obj.pk).first()


def page_state(page):
    page = Page.objects.filter(pk=page.pk).first()
    return page and (page.title, page.live, page.path, page.has_unpublished_changes)


def review_date(page):
    """The page's next review date; one a year ago, so that confirming it visibly moves it."""
    from reviews.models import PageReview

    review, _ = PageReview.objects.get_or_create(page=page, defaults={"next_review": timezone.localdate()})
    if not getattr(page, "_review_backdated", False):
        PageReview.objects.filter(pk=review.pk).update(next_review=timezone.localdate() - datetime.timedelta(days=365))
        page._review_backdated = True
    return PageReview.objects.get(pk=review.pk).next_review


def publication(page):
    page = Page.objects.get(pk=page.pk)
    return page.live_revision_id, page.last_published_at


def review(page):
    """Where the page's current submission stands, and which revision is live."""
    state = WorkflowState.objects.for_instance(page).order_by("-created_at").first()
    return state and state.status, publication(page)


def topic_form(page, action="action-publish", **changes):
    data = {
        "title": page.title, "slug": page.slug, "search_description": page.search_description,
        "short_title": page.short_title, "intro": page.intro,
        "body": streamfield([("text", rich_text("<p>Überarbeitet.</p>"))]),
        "downloads": streamfield([]), "related_links": streamfield([]),
    }
    data.update(changes)
    return {**nested_form_data(data), action: action}


def copy_form(page, parent):
    return {"new_title": f"{page.title} (Kopie)", "new_slug": f"{page.slug}-kopie", "new_parent_page": parent.pk}


def image_form(image, **changes):
    data = {
        "title": image.title, "collection": image.collection_id, "description": image.description,
        "caption": image.caption, "credit": image.credit, "licence": image.licence, "tags": "",
        "focal_point_x": "", "focal_point_y": "", "focal_point_width": "", "focal_point_height": "",
    }
    data.update(changes)
    return data


def document_form(document, **changes):
    data = {"title": document.title, "collection": document.collection_id, "tags": ""}
    data.update(changes)
    return data


@dataclass
class Row:
    what: str
    act: Callable
    expect: tuple  # (anonym, Standortpflege, Redaktion MIA-DO-KI, Leitung MIA-DO-KI, Superuser)
    # For requests that change something: a value that differs after the change (compared before and after).
    state: Callable | None = None
    # What an allowed answer must (not) contain, given the response and the world.
    check: Callable | None = None


def url(name, world, args):
    """The URL named ``name``; arguments that are functions are called with the world."""
    return reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])


def get(name, *args):
    return lambda client, world: client.get(url(name, world, args))


def post(name, *args, data=lambda world: {}):
    return lambda client, world: client.post(url(name, world, args), data(world))


def bulk(action, pk, data=lambda world: {}):
    """The explorer's bulk action on one page, confirmed."""

    def act(client, world):
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        return client.post(f"{url}?id={pk(world)}", data(world))

    return act


def api_action(action, pk, data=lambda world: {}):
    def act(client, world):
        url = reverse("wagtailadmin_api:pages:action", args=[pk(world), action])
        return client.post(url, data(world), content_type="application/json")

    return act


TOPIC_PK = lambda world: world.topic.pk  # noqa: E731
OFFICE_PK = lambda world: world.office.pk  # noqa: E731


def page_rows(kind, pk, form, child_type, move_to, copy_to, expect, other_ways):
    """The page actions tried on one page; ``expect`` maps each action to its four outcomes.

    ``other_ways`` names the bulk actions and admin API actions that reach the same operations.
    """

    def page(world):
        return world.topic if kind == "topic" else world.office

    def latest_revision(world):
        return page(world).latest_revision_id

    def state(world):
        return page_state(page(world))

    def published(world):
        return state(world) + publication(page(world))

    to_destination = {
        "bulk": lambda world: {"chooser": move_to(world).pk},
        "api": lambda world: {"destination_page_id": move_to(world).pk, "position": "last-child"},
    }
    ways = {
        f"bulk-{action}": Row(
            f"bulk-{action} {kind} page",
            bulk(action, pk, to_destination["bulk"] if action == "move" else lambda world: {}), expect[action],
            published if action == "publish" else state,
        )
        for action in ("unpublish", "delete", "move", "publish")
    } | {
        f"{action} via admin API": Row(
            f"{action} {kind} page via admin API",
            api_action(action, pk, to_destination["api"] if action == "move" else lambda world: {}), expect[action],
            published if action == "publish" else state,
        )
        for action in ("unpublish", "delete", "move", "publish")
    }
    return [
        Row(f"edit {kind} page", get("wagtailadmin_pages:edit", pk), expect["edit"]),
        Row(
            f"publish {kind} page", post("wagtailadmin_pages:edit", pk, data=lambda world: form(page(world))),
            expect["publish"], lambda world: state(world) + (fresh(page(world)).latest_revision_id,),
        ),
        Row(f"add child to {kind} page", get("wagtailadmin_pages:add", "pages", child_type, pk), expect["add"]),
        Row(f"unpublish {kind} page", post("wagtailadmin_pages:unpublish", pk), expect["unpublish"], state),
        Row(f"delete {kind} page", post("wagtailadmin_pages:delete", pk), expect["delete"], state),
        Row(
            f"move {kind} page", post("wagtailadmin_pages:move_confirm", pk, lambda world: move_to(world).pk),
            expect["move"], state,
        ),
        Row(
            f"copy {kind} page",
            post("wagtailadmin_pages:copy", pk, data=lambda world: copy_form(page(world), page_at(copy_to))),
            expect["copy"], lambda world: Page.objects.filter(slug=f"{page(world).slug}-kopie").count(),
        ),
        Row(f"history of {kind} page", get("wagtailadmin_pages:history", pk), expect["edit"]),
        Row(
            f"view a revision of {kind} page", get("wagtailadmin_pages:revisions_view", pk, latest_revision),
            expect["edit"],
        ),
        Row(f"view draft of {kind} page", get("wagtailadmin_pages:view_draft", pk), expect["edit"]),
        Row(f"preview {kind} page", get("wagtailadmin_pages:preview_on_edit", pk), expect["edit"]),
        *(ways[name] for name in other_ways),
    ]


ADMIN_ONLY = (LOGIN, DENIED, DENIED, DENIED, OK)
# The editors' tools beyond pages and media: redirects, search, reports, target groups.
EDITORS_ONLY = (LOGIN, DENIED, OK, DENIED, OK)
# Writing pages under /themen/ and looking after images and documents: editors and leadership.
EDITORIAL = (LOGIN, DENIED, OK, OK, OK)
# Publishing under /themen/, and what Wagtail ties to it (unpublishing, deleting or moving a live page).
PUBLISHERS = (LOGIN, DENIED, DENIED, OK, OK)
STAFF_ONLY = (LOGIN, OK, DENIED, DENIED, OK)
ANY_ADMIN_USER = (LOGIN, OK, OK, OK, OK)


def workflow_action(action, comment=""):
    """The leadership's decision on the submitted topic page, as the buttons in the admin post it."""

    def act(client, world):
        page = world.submitted
        task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
        return client.post(url, {"comment": comment})

    return act


ROWS = [
    Row("admin dashboard", get("wagtailadmin_home"), ANY_ADMIN_USER),
    Row("page explorer of the site root", get("wagtailadmin_explore", lambda world: world.site.root_page_id),
        ANY_ADMIN_USER),
    *page_rows(
        "topic", TOPIC_PK, topic_form, "topicpage", lambda world: page_at("/themen/"), "/themen/integration/",
        {"edit": EDITORIAL, "add": EDITORIAL, "publish": PUBLISHERS, "unpublish": PUBLISHERS, "delete": PUBLISHERS,
         "move": PUBLISHERS, "copy": EDITORIAL},
        ["bulk-delete", "unpublish via admin API", "bulk-publish", "publish via admin API"],
    ),
    # The workflow "Freigabe MIA-DO-KI": editors (and whoever may edit) submit, the leadership decides.
    Row(
        "submit topic page for approval",
        post("wagtailadmin_pages:edit", TOPIC_PK, data=lambda world: topic_form(world.topic, "action-submit")),
        EDITORIAL, lambda world: review(world.topic),
    ),
    Row("approve submitted topic page", workflow_action("approve"), PUBLISHERS,
        lambda world: review(world.submitted)),
    Row("request changes on submitted topic page", workflow_action("reject", "Bitte die Quellen ergänzen."),
        PUBLISHERS, lambda world: review(world.submitted)),
    Row("workflow history of topic page", get("wagtailadmin_pages:workflow_history", TOPIC_PK), EDITORIAL),
    *page_rows(
        "office", OFFICE_PK, lambda page: office_form(page, phone="0231 50-29999"), "officepage",
        # Below another office of the same department: a place where office staff may add pages.
        lambda world: world.sibling_office, AMT,
        {"edit": STAFF_ONLY, "add": STAFF_ONLY, "publish": STAFF_ONLY, "unpublish": ADMIN_ONLY, "delete": ADMIN_ONLY,
         "move": ADMIN_ONLY, "copy": STAFF_ONLY},
        # Office staff may not delete, unpublish or move an office, whichever way they try; they publish in one step.
        ["bulk-unpublish", "bulk-delete", "bulk-move", "unpublish via admin API", "delete via admin API",
         "move via admin API", "bulk-publish"],
    ),
    # Images and documents
    Row("images index", get("wagtailimages:index"), EDITORIAL),
    Row(
        "upload an image", lambda client, world: client.post(
            reverse("wagtailimages:add"),
            {"title": "Stadtplan Innenstadt", "file": png(), "collection": Collection.get_first_root_node().pk,
             "description": "Stadtplan der Dortmunder Innenstadt", "caption": "", "credit": "", "licence": "",
             "tags": ""},
        ), EDITORIAL, lambda world: get_image_model().objects.filter(title="Stadtplan Innenstadt").count(),
    ),
    Row(
        "edit an image", post("wagtailimages:edit", lambda world: world.image.pk,
                              data=lambda world: image_form(world.image, description="Der Florianturm bei Nacht")),
        EDITORIAL, lambda world: fresh(world.image).description,
    ),
    Row("delete an image", post("wagtailimages:delete", lambda world: world.image.pk), EDITORIAL,
        lambda world: fresh(world.image) is not None),
    Row("documents index", get("wagtaildocs:index"), EDITORIAL),
    Row(
        "upload a document", lambda client, world: client.post(
            reverse("wagtaildocs:add"),
            {"title": "Merkblatt Sprachkurse", "file": pdf(), "collection": Collection.get_first_root_node().pk,
             "tags": ""},
        ), EDITORIAL, lambda world: get_document_model().objects.filter(title="Merkblatt Sprachkurse").count(),
    ),
    Row(
        "edit a document", post("wagtaildocs:edit", lambda world: world.document.pk,
                                data=lambda world: document_form(world.document, title="Antrag auf Zuschuss")),
        EDITORIAL, lambda world: fresh(world.document).title,
    ),
    Row("delete a document", post("wagtaildocs:delete", lambda world: world.document.pk), EDITORIAL,
        lambda world: fresh(world.document) is not None),
    Row(
        "download a document of a private collection",
        lambda client, world: client.get(world.private_document.url), ANY_ADMIN_USER, check=is_the_file,
    ),
    # Settings, users, redirects, search, workflows, reports
    Row("site settings", get("wagtailsettings:edit", "pages", "sitesettings", lambda world: world.site.pk), ADMIN_ONLY),
    Row(
        "change site settings",
        post("wagtailsettings:edit", "pages", "sitesettings", lambda world: world.site.pk,
             data=lambda world: {"site_name": "Stadt Dortmund", "slogan": "Übernommen"}),
        ADMIN_ONLY, lambda world: SiteSettings.for_site(world.site).slogan,
    ),
    Row("users admin", get("wagtailusers_users:index"), ADMIN_ONLY),
    Row("groups admin", get("wagtailusers_groups:index"), ADMIN_ONLY),
    Row("sites admin", get("wagtailsites:index"), ADMIN_ONLY),
    Row("collections admin", get("wagtailadmin_collections:index"), ADMIN_ONLY),
    Row("redirects", get("wagtailredirects:index"), EDITORS_ONLY),
    Row(
        "add a redirect",
        post("wagtailredirects:add", data=lambda world: {
            "old_path": "/alte-adresse/sprachkurse", "site": "", "is_permanent": "on", "redirect_page": "",
            "redirect_link": "https://www.dortmund.de/", "redirect_page_route_path": "",
        }),
        EDITORS_ONLY, lambda world: Redirect.objects.filter(old_path="/alte-adresse/sprachkurse").count(),
    ),
    Row("search promotions", get("wagtailsearchpromotions:index"), EDITORS_ONLY),
    Row("workflows", get("wagtailadmin_workflows:index"), ADMIN_ONLY),
    Row("report: locked pages", get("wagtailadmin_reports:locked_pages"), ANY_ADMIN_USER),
    Row("report: site history", get("wagtailadmin_reports:site_history"), ANY_ADMIN_USER),
    Row("report: aging pages", get("wagtailadmin_reports:aging_pages"), ANY_ADMIN_USER),
    Row("report: searches without results", get("unanswered_queries"), EDITORS_ONLY),
    # The editorial reports list only what the user may edit; confirming a review needs the right to edit the page.
    Row("report: pages to review", get("reviews_report"), ANY_ADMIN_USER),
    Row("report: check links", get("linkcheck_report"), ANY_ADMIN_USER),
    Row("report: check contents", get("quality_report"), ANY_ADMIN_USER),
    Row("confirm a topic page is current", post("reviews_confirm", lambda world: world.topic.pk), EDITORIAL,
        lambda world: review_date(world.topic)),
    Row("confirm an office is current", post("reviews_confirm", lambda world: world.office.pk), STAFF_ONLY,
        lambda world: review_date(world.office)),
    # Barrier reports
    Row("barrier reports list", get("barriere_meldungen:index"), EDITORS_ONLY),
    Row(
        "close a barrier report",
        post("barriere_meldungen:edit", lambda world: world.report.pk,
             data=lambda world: {"handled": "on", "note": "Alternativtext ergänzt."}),
        EDITORS_ONLY, lambda world: fresh(world.report).handled,
    ),
    Row("delete a barrier report", post("barriere_meldungen:delete", lambda world: world.report.pk), ADMIN_ONLY,
        lambda world: fresh(world.report) is not None),
    Row(
        "report a barrier (public form)",
        post("report_barrier", data=lambda world: {
            "page_url": "/themen/", "description": "Der Kontrast der Überschriften ist zu schwach.", "name": "",
            "email": "", "zusatzfeld": "",
        }),
        (OK,) * 5,
        lambda world: BarrierReport.objects.filter(description__startswith="Der Kontrast").count(),
    ),
    # APIs
    Row(
        "public API lists live pages only",
        lambda client, world: client.get(f"/api/v2/pages/?child_of={world.draft.get_parent().pk}&limit=20"),
        (OK,) * 5, check=lists_live_pages_without_the_draft,
    ),
    Row("public API detail of a draft", lambda client, world: client.get(f"/api/v2/pages/{world.draft.pk}/"),
        (NOT_FOUND,) * 5),
    Row("admin API pages", get("wagtailadmin_api:pages:listing"), ANY_ADMIN_USER),
    # Office staff cannot see pages outside their offices at all, not even that they exist.
    Row("admin API detail of a draft", lambda client, world: client.get(
        reverse("wagtailadmin_api:pages:detail", args=[world.draft.pk])), (LOGIN, NOT_FOUND, OK, OK, OK)),
]


# Per registered snippet model: how to make one, valid form data, the field that shows a change, the outcomes.
SNIPPETS = {
    Location: (
        lambda: LocationFactory(street="Hansastraße 3"),
        lambda: {"name": "", "street": "Kampstraße 45", "postcode": "44137", "city": "Dortmund", "note": "",
                 "step_free": "ja", "lift": "ja", "accessible_wc": "unbekannt", "transit_stop": "",
                 "transit_lines": ""},
        "street",
        {"list": STAFF_ONLY, "add": STAFF_ONLY, "edit": STAFF_ONLY, "delete": ADMIN_ONLY},
    ),
    SiteNotice: (
        lambda: SiteNotice.objects.create(title="Geschlossen am 24. Dezember", text="Heiligabend geschlossen.",
                                          ends=timezone.now() + timezone.timedelta(days=3)),
        lambda: {"title": "Umzug am 3. März", "text": "Wir ziehen um.", "level": "hinweis",
                 "starts": "2030-03-01 08:00", "ends": "2030-03-03 18:00", "section": ""},
        "title",
        {"list": ADMIN_ONLY, "add": ADMIN_ONLY, "edit": ADMIN_ONLY, "delete": ADMIN_ONLY},
    ),
    TargetGroup: (
        lambda: TargetGroup.objects.create(name="Migrantenselbstorganisationen", slug="migrantenselbstorganisationen"),
        lambda: {"name": "Jugendverbände", "slug": "jugendverbaende"},
        "name",
        {"list": EDITORS_ONLY, "add": EDITORS_ONLY, "edit": EDITORS_ONLY, "delete": ADMIN_ONLY},
    ),
}


def snippet_rows(model, form, label_field, expect):
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
    plural = model._meta.verbose_name_plural

    def instance(world):
        return world.snippet(model)

    def count_new(world):
        return model.objects.filter(**{label_field: form()[label_field]}).count()

    return [
        Row(f"snippets {plural}: list", get(f"{name}:list"), expect["list"]),
        Row(f"snippets {plural}: add", post(f"{name}:add", data=lambda world: form()), expect["add"], count_new),
        Row(
            f"snippets {plural}: edit", post(f"{name}:edit", lambda world: instance(world).pk,
                                             data=lambda world: form()),
            expect["edit"], lambda world: getattr(fresh(instance(world)), label_field),
        ),
        Row(f"snippets {plural}: delete", post(f"{name}:delete", lambda world: instance(world).pk), expect["delete"],
            lambda world: fresh(instance(world)) is not None),
    ]


for _model, (_make, _form, _label, _expect) in SNIPPETS.items():
    ROWS.extend(snippet_rows(_model, _form, _label, _expect))


USERNAMES = {
    OFFICE_STAFF: "standortpflege-matrix", EDITORS: "redaktion-matrix", LEADERSHIP: "leitung-matrix",
    "Superuser": "superuser-matrix",
}


def make_user(role):
    username = USERNAMES[role]
    if role == "Superuser":
        return get_user_model().objects.create_superuser(username, f"{username}@dortmund.de", PASSWORD)
    user = get_user_model().objects.create_user(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(scope="module")
def people(django_db_setup, django_db_blocker):
    """One user per role for the whole table.

    Every test runs in a transaction that is rolled back, so these are committed here and deleted at the end.
    """
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username__in=USERNAMES.values()).delete()  # left by an interrupted run
        users = {role: make_user(role) for role in USERNAMES}
    yield users
    with django_db_blocker.unblock():
        get_user_model().objects.filter(pk__in=[user.pk for user in users.values()]).delete()


def outcome_of(response, client):
    """What the person in front of the browser gets: ok, login, denied or the status code."""
    status = response.status_code
    if status == 403:
        # The portal's own German page, not Django's or Wagtail's English one.
        return DENIED if "Keine Berechtigung" in response.content.decode() else "403 without the German page"
    if status == 404:
        return NOT_FOUND
    if status in (301, 302):
        location = urlsplit(response["Location"])
        if location.path in (reverse("wagtailadmin_login"), reverse("wagtailcore_login")) and "next=" in location.query:
            return LOGIN
        if location.path == reverse("wagtailadmin_home"):
            follow = client.get(response["Location"])
            return DENIED if NO_PERMISSION in follow.content.decode() else "redirect to the dashboard without a message"
        return OK
    if status in (200, 204):
        return OK
    return f"HTTP {status}"


CASES = [
    pytest.param(role, row, row.expect[column], id=f"{role}-{row.what}-{row.expect[column]}")
    for row in ROWS
    for column, role in enumerate(ROLES)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "row", "expected"), CASES)
def test_roles_matrix(client, people, role, row, expected):
    world = World()
    if role in people:
        client.force_login(people[role])
    before = row.state(world) if row.state else None
    response = row.act(client, world)
    assert outcome_of(response, client) == expected
    if row.check and expected == OK:
        row.check(response, world)
    if row.state:
        after = row.state(world)
        assert (after != before) == (expected == OK), f"state before {before!r}, after {after!r}"


def test_every_registered_snippet_type_is_in_the_table():
    from wagtail import hooks

    hooks.search_for_hooks()
    assert set(get_snippet_models()) == set(SNIPPETS)


@pytest.mark.django_db
def test_office_staff_cannot_unpublish_their_offices_by_selecting_all(client, people, mia_do_ki):
    client.force_login(people[OFFICE_STAFF])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"])
    response = client.post(f"{url}?id=all&childOf={mia_do_ki.get_parent().pk}")
    assert response.status_code == 403
    mia_do_ki.refresh_from_db()
    assert mia_do_ki.live


@pytest.mark.django_db
@pytest.mark.parametrize("role", [EDITORS, "Superuser"])
@pytest.mark.parametrize("query", ["id=abc", "id=all&childOf=999999999", "id=all&childOf=x"])
def test_bulk_actions_on_pages_that_cannot_exist_answer_404(client, people, role, query):
    client.force_login(people[role])
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    assert client.post(f"{url}?{query}").status_code == 404
