import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from dortmund_integration.client_address import client_address
from feedback.forms import BarrierReportForm
from feedback.models import BarrierReport
from feedback.recipients import recipient_for

logger = logging.getLogger(__name__)

# Per address and hour: generous enough for a family or an office behind one address, too few for a flood.
RATE_LIMIT = 10
RATE_WINDOW_SECONDS = 60 * 60
# The same report sent twice within this time (a double click, a reload) is stored once.
DUPLICATE_WINDOW = timezone.timedelta(minutes=10)


def _rate_key(request):
    # The visitor's address behind Varnish and the TLS proxy (as for the admin login), not the proxy's, which
    # every visitor shares. It is only hashed for the counter and never stored.
    address = client_address(request) or ""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"feedback:rate:{digest}"


def _count_report(key):
    if cache.add(key, 1, RATE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.set(key, 1, RATE_WINDOW_SECONDS)


def _initial_page(request):
    """The page the reader came from (``?seite=/themen/…/``), if it is an address of this kind at all."""
    value = request.GET.get("seite", "")[:500]
    return value if value.startswith(("/", "http://", "https://")) and "\x00" not in value else ""


def _notify(report):
    if not report.recipient:
        return
    lines = [
        "Über das Formular „Barriere melden“ ist eine Meldung eingegangen.",
        "",
        f"Seite: {report.page_url or '(nicht angegeben)'}",
        f"Name: {report.name or '(nicht angegeben)'}",
        f"E-Mail: {report.email or '(nicht angegeben)'}",
        "",
        report.description,
    ]
    try:
        send_mail("Barriere gemeldet", "\n".join(lines), None, [report.recipient])
    except Exception:  # noqa: BLE001 - the report is stored; a mail server problem must not lose it
        logger.exception("Barriere-Meldung %s konnte nicht per E-Mail weitergeleitet werden.", report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def report_barrier(request):
    if request.method != "POST":
        form = BarrierReportForm(initial={"page_url": _initial_page(request)})
        context = {"form": form.describe_fields(), "sent": "gesendet" in request.GET}
        return render(request, "feedback/report_barrier.html", context)
    form = BarrierReportForm(request.POST)
    if form.is_valid():
        if form.is_spam:
            return redirect(f"{request.path}?gesendet=1")
        key = _rate_key(request)
        if cache.get(key, 0) >= RATE_LIMIT:
            form.add_error(
                None,
                "Von Ihrem Anschluss kamen in der letzten Stunde viele Meldungen. Bitte versuchen Sie es später noch "
                "einmal oder schreiben Sie uns eine E-Mail. Ihr Text ist unten noch vorhanden.",
            )
        else:
            data = form.cleaned_data
            duplicate = BarrierReport.objects.filter(
                description=data["description"],
                page_url=data["page_url"],
                name=data["name"],
                email=data["email"],
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
            ).exists()
            if not duplicate:
                report = form.save(commit=False)
                report.recipient = recipient_for(report.page_url, request)
                report.save()
                _notify(report)
                _count_report(key)
            return redirect(f"{request.path}?gesendet=1")
    return render(request, "feedback/report_barrier.html", {"form": form.describe_fields(), "sent": False})
