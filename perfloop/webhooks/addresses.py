"""Where a webhook may post: an https address on the public internet, or a host the deployment
names (PERFLOOP_WEBHOOK_HOSTS, http allowed there). A webhook must not become a way to reach the
server's own network, so the host is resolved when each delivery is sent, every address it
resolves to must be public, and the connection goes to the address checked (a name that resolves
elsewhere a moment later is not followed)."""

import http.client
import ipaddress
import socket
import ssl
import urllib.parse
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with its query
    ip: str  # the address checked, the one connected to


class NotAllowed(Exception):
    pass


def _named(host: str) -> bool:
    return host in settings.PERFLOOP_WEBHOOK_HOSTS


def _public(ip: str) -> bool:
    address = ipaddress.ip_address(ip.split("%")[0])
    return address.is_global and not address.is_multicast


def problem(url: str) -> str:
    """Why the address cannot receive webhooks, in the reader's language ("" when it can); the
    host's addresses are checked again at each delivery."""
    if not url.isascii() or any(c.isspace() or ord(c) < 32 for c in url):
        return _("Give the address in plain ASCII, without spaces.")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        return _("This is not a web address.")
    host = parts.hostname or ""
    if not host or parts.username or parts.password:
        return _("This is not a web address.")
    if _named(host):
        return "" if parts.scheme in ("http", "https") else _("Use an http or https address.")
    if parts.scheme != "https":
        return _(
            "Use an https address (http only for hosts the administrator names in PERFLOOP_WEBHOOK_HOSTS)."
        )
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if host == "localhost" or host.endswith(".localhost") or (literal and not _public(str(literal))):
        return _(
            "This address is on the server's own network; name the host in PERFLOOP_WEBHOOK_HOSTS to allow it."
        )
    return ""


def target(url: str) -> Target:
    """The address resolved and checked now (raises NotAllowed with the reason)."""
    reason = problem(url)
    if reason:
        raise NotAllowed(reason)
    parts = urllib.parse.urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise NotAllowed(f"no such host: {error}") from None
    ips = [info[4][0] for info in found]
    if not _named(parts.hostname) and not all(_public(ip) for ip in ips):
        raise NotAllowed("the host resolves to the server's own network")
    path = parts.path or "/"
    return Target(
        parts.scheme, parts.hostname, port, f"{path}?{parts.query}" if parts.query else path, ips[0]
    )


class _Pinned(http.client.HTTPSConnection):
    """https to the address checked, with the certificate checked against the host's name."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._ip = target.ip

    def connect(self):
        sock = socket.create_connection((self._ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _PinnedPlain(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._ip = target.ip

    def connect(self):
        self.sock = socket.create_connection((self._ip, self.port), self.timeout)


def post(target: Target, body: bytes, headers: dict, timeout: float) -> tuple[int, bytes]:
    """(HTTP status, the answer's first bytes); a redirect is an answer, not followed."""
    kind = _Pinned if target.scheme == "https" else _PinnedPlain
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(2000)
    finally:
        connection.close()
