"""The action "Inhalt ist aktuell": confirm a page, optionally with a chosen next review date."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from reviews.content import is_content_page
from reviews.dates import german_date
from reviews.forms import ConfirmReviewForm
from reviews.intervals import interval_months, next_review_after
from reviews.models import PageReview


REFUSED = "Nur wer eine Seite bearbeiten darf, kann bestätigen, dass ihr Inhalt aktuell ist."


def _content_page(page_id):
    page = get_object_or_404(Page, pk=page_id)
    if not is_content_page(page):
        raise Http404("Diese Seite hat kein Überprüfungsdatum.")
    return page


def _next_url(request, page):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def confirm_review(request, page_id):
    page = _content_page(page_id)
    if not page.permissions_for_user(request.user).can_edit():
        # Like the portal's other refused page actions: a German 403, not Wagtail's redirect to the dashboard.
        return render(request, "403.html", {"reason": REFUSED}, status=403)
    page = page.specific
    form = ConfirmReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        review = PageReview.objects.confirm(page, request.user, form.cleaned_data["next_review"])
        messages.success(
            request,
            f"„{page.title}“ ist als aktuell bestätigt. Nächste Überprüfung: {german_date(review.next_review)}.",
        )
        return redirect(_next_url(request, page))
    review = PageReview.objects.for_page(page)
    return TemplateResponse(
        request,
        "reviews/confirm.html",
        {
            "page": page,
            "review": review,
            "form": form,
            "default_next_review": next_review_after(type(page), timezone.localdate()),
            "interval_months": interval_months(page),
            "next": _next_url(request, page),
            "media": form.media,
        },
    )
