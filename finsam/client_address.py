"""The client's address, the same for the login lockout (django-axes) and the participant access log.

Behind N trusted reverse proxies (setting PROXY_COUNT, env DJANGO_PROXY_COUNT) each proxy appends
the address it received the request from to X-Forwarded-For, and the last one is REMOTE_ADDR. So
the client is the N-th address from the right of "X-Forwarded-For, REMOTE_ADDR"; whatever stands to
its left was written by the client itself and is not believed. With no proxy (0, the default)
X-Forwarded-For is ignored: anyone could send one.
"""

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    proxies = settings.PROXY_COUNT
    if proxies == 0:
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
        return address
    # ipware counts the proxies named inside X-Forwarded-For; the nearest proxy is only REMOTE_ADDR.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    if address is None:
        # No usable header: the request came straight to the app server (a health check, a
        # misconfigured proxy); its peer is the only address known.
        address, _routable = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return address
