"""Loa's outgoing HTTP requests (feeds) go to public hosts only (ADR 0020, issue #11).

A feed address is typed by an officer: pointed at ``127.0.0.1:5432``, ``169.254.169.254`` or a
host of the agency's own network, Loa would probe it for them. So:

- at registration, a literal internal address (in any of the spellings a resolver accepts, such as
  ``2130706433`` or ``0x7f.1``) or a ``localhost`` name is refused without any network lookup;
- at fetch time, the address the socket actually connected to is checked before a byte of the
  request is sent, on every connection, redirects included (so DNS answers, rebinding and
  redirects cannot lead inside); redirects only to http(s); no proxy from the environment.

Hosts named in ``LOA_FEEDS_PRIVATE_HOSTS`` (an intranet portal) are allowed by the administrator.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

INTERNAL = "Địa chỉ nguồn tin trỏ tới máy chủ nội bộ (mạng riêng, máy cục bộ) nên Loa không đọc."


class InternalAddress(OSError):
    """The connection would reach a non-public address."""


def _allowed(host: str) -> bool:
    allowed = {h.strip().lower().rstrip(".") for h in getattr(settings, "LOA_FEEDS_PRIVATE_HOSTS", [])}
    return host.lower().rstrip(".") in allowed


def internal_ip(ip: str) -> bool:
    """Whether ``ip`` is anything but a public unicast address."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour
        if mapped is not None:
            addr = mapped
    return not addr.is_global or addr.is_multicast


def _literal_ip(host: str) -> str | None:
    """The address a host written as an IP stands for (dotted, bracketed IPv6, or the decimal, octal
    and hexadecimal forms resolvers accept), without any lookup; None for a name."""
    host = host.strip("[]")
    try:
        return str(ipaddress.ip_address(host.split("%", 1)[0]))
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fA-FxX.]+", host) and re.fullmatch(
        r"(0[xX][0-9a-fA-F]+|\d+)(\.(0[xX][0-9a-fA-F]+|\d+)){0,3}", host
    ):
        try:
            return socket.inet_ntoa(socket.inet_aton(host))
        except OSError:
            return None
    return None


def internal_host(url: str) -> bool:
    """Whether ``url`` names an internal host on its face (no DNS lookup): for registration."""
    try:
        host = urllib.parse.urlsplit(url).hostname or ""
    except ValueError:
        return True
    if not host or _allowed(host):
        return False
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    ip = _literal_ip(name)
    return ip is not None and internal_ip(ip)


def _checked_connection(host: str):
    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(address, *args, **kwargs)
        peer = sock.getpeername()[0]
        if internal_ip(peer) and not _allowed(host):
            sock.close()
            raise InternalAddress(INTERNAL)
        return sock

    return create_connection


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection(self.host)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection(self.host)


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InternalAddress(INTERNAL)
        if internal_host(newurl):
            raise InternalAddress(INTERNAL)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def opener() -> urllib.request.OpenerDirector:
    """An opener that reaches public http(s) hosts only (no proxy, no file:, no ftp:)."""
    built = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler({}),
        urllib.request.UnknownHandler(),
        _HTTPHandler(),
        _HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        built.add_handler(handler)
    return built
