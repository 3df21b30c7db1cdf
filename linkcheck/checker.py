"""Ask external addresses whether they still answer: HEAD (GET where HEAD is refused), no redirects followed.

Standard library only. Requests run in a bounded pool of threads, each with a socket timeout, and the
whole run has a time limit; the database is only touched by the caller, in its own thread.
"""

import http.client
import ipaddress
import socket
import ssl
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

DEFAULT_USER_AGENT = (
    "Integrationsportal-Dortmund-Linkpruefung/1.0 "
    "(Verweispruefung des Kommunalen Integrationszentrums Dortmund MIA-DO-KI; +https://www.dortmund.de/)"
)
HEAD_REFUSED = {405, 501}


@dataclass(frozen=True)
class CheckResult:
    url: str
    status_code: int | None = None
    error: str = ""
    redirect_to: str = ""


def user_agent():
    return getattr(settings, "LINKCHECK_USER_AGENT", DEFAULT_USER_AGENT)


def _internal_address(host, port):
    """Whether ``host`` resolves to an address in a private or local network, which the checker does not ask."""
    if getattr(settings, "LINKCHECK_ALLOW_PRIVATE_ADDRESSES", False):
        return False
    addresses = {info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)}
    return any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses)


def _ask(method, parts, timeout):
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if parts.scheme == "https" else {}
    connection = connection_class(parts.hostname, parts.port, timeout=timeout, **kwargs)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        headers = {"User-Agent": user_agent(), "Accept": "*/*", "Accept-Language": "de"}
        connection.request(method, target, headers=headers)
        response = connection.getresponse()
        # The body is never read: status and Location are all the check needs.
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def check_url(url, timeout=10):
    """One address's answer: the status and where a redirect points, or why there was none."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return CheckResult(url, error="Ungültige Adresse")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return CheckResult(url, error="Keine http- oder https-Adresse")
    try:
        if _internal_address(parts.hostname, port or (443 if parts.scheme == "https" else 80)):
            return CheckResult(url, error="Adresse im internen Netz, von außen nicht erreichbar")
        status, location = _ask("HEAD", parts, timeout)
        if status in HEAD_REFUSED:
            status, location = _ask("GET", parts, timeout)
    except (TimeoutError, socket.timeout):
        seconds = f"{timeout:g}".replace(".", ",")
        return CheckResult(url, error=f"Keine Antwort innerhalb von {seconds} Sekunden")
    except ssl.SSLError as error:
        return CheckResult(url, error=f"Zertifikat oder Verschlüsselung fehlerhaft ({error.reason or error})")
    except socket.gaierror:
        return CheckResult(url, error="Der Servername ist unbekannt")
    except ConnectionRefusedError:
        return CheckResult(url, error="Verbindung abgelehnt")
    except (OSError, http.client.HTTPException) as error:
        return CheckResult(url, error=f"Verbindung fehlgeschlagen ({type(error).__name__})")
    redirect_to = urljoin(url, location) if 300 <= status < 400 and location else ""
    if redirect_to == url:
        redirect_to = ""
    return CheckResult(url, status_code=status, redirect_to=redirect_to)


def check_urls(urls, concurrency=8, timeout=10, time_limit=None):
    """Check ``urls`` with at most ``concurrency`` requests at a time; returns the results ready by ``time_limit``
    seconds (all of them without a limit), in the order of ``urls``."""
    executor = ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="linkcheck")
    try:
        futures = [executor.submit(check_url, url, timeout) for url in urls]
        wait(futures, timeout=time_limit)
    finally:
        # Unstarted checks are dropped; running ones end by their own timeout and are not waited for.
        executor.shutdown(wait=False, cancel_futures=True)
    return [future.result() for future in futures if future.done() and not future.cancelled()]
