"""What the explorer refuses before a view runs, and how the API reports every error.

A page on another site can make a browser send requests to the explorer, and a
DNS-rebinding page can make them look same-site; so:

* the app answers only to the host names it serves (``localhost``,
  ``127.0.0.1``, ``::1``, the ``--host`` it listens on, and ``ALLOWED_HOSTS``):
  any other ``Host:`` gets 400;
* ``/api/cypher`` takes a POSTed JSON body only (a cross-site form cannot send
  one without a preflight the app never grants), and refuses a request whose
  ``Sec-Fetch-Site`` or ``Origin`` says it comes from another site;
* at most ``QUERY_CONCURRENCY`` user queries run at once; the others get 503
  with ``Retry-After`` at once, so queries never take every worker thread;
* under ``/api/`` every error, 404, 405, 413 and 500 included, is JSON.

>>> host_name("[::1]:5000"), host_name("LocalHost:80"), host_name("bad host")
('::1', 'localhost', None)
"""
from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from typing import Iterable
from urllib.parse import urlsplit

from flask import Flask, jsonify, request
from werkzeug.exceptions import Forbidden, HTTPException, ServiceUnavailable

__all__ = ["install", "QuerySlots", "host_name", "DEFAULT_HOSTS", "same_origin"]

DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")
_HOST_RE = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9_.-]+))(?::\d{1,5})?$")


def host_name(header: str | None) -> str | None:
    """The host name of a ``Host:`` header (lower case, without the port); None if malformed."""
    m = _HOST_RE.match(header or "")
    if not m:
        return None
    return (m.group("v6") or m.group("name")).lower().rstrip(".")


def allowed_hosts(config) -> frozenset[str]:
    """The host names the app answers to (see the module docstring)."""
    names = [*DEFAULT_HOSTS, config.get("HOST") or "", *(config.get("ALLOWED_HOSTS") or ())]
    return frozenset(n.strip().strip("[]").lower().rstrip(".") for n in names if n and n.strip())


def same_origin() -> str | None:
    """Why the current request is not from one of the app's own pages (None: it is, or it is not
    from a browser at all, e.g. curl, which sends neither header)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None and site not in ("same-origin", "none"):
        return f"Sec-Fetch-Site is {site!r}"
    origin = request.headers.get("Origin")
    if origin is not None:
        parts = urlsplit(origin)
        if origin == "null" or parts.netloc.lower() != (request.host or "").lower():
            return f"Origin {origin!r} is not this explorer ({request.host_url.rstrip('/')})"
    return None


def refuse_cross_site() -> None:
    """Abort with 403 unless the request comes from the app's own pages (or from no browser)."""
    why = same_origin()
    if why:
        raise Forbidden(f"cross-site request refused: {why}; run queries from the explorer's own Cypher "
                        "page, or from a script that sends no Origin")


class QuerySlots:
    """At most ``size`` user queries at once. One more waits up to ``wait`` seconds for a slot (a
    burst of small queries passes), but at most ``2 * size`` wait: any other gets 503 with
    Retry-After at once. So queries never hold more than ``3 * size`` worker threads, and never
    for long (the time limit stops the running ones).

    >>> slots = QuerySlots(1, wait=0)
    >>> with slots.hold():
    ...     with slots.hold():
    ...         pass
    Traceback (most recent call last):
    ...
    werkzeug.exceptions.ServiceUnavailable: 503 Service Unavailable: 1 query is already running and none can wait: try again in 2 s
    """

    def __init__(self, size: int | None = None, wait: float = 1.0, retry_after: int = 2):
        self.size = size or os.cpu_count() or 1
        self.wait, self.retry_after = wait, retry_after
        self._free = threading.BoundedSemaphore(self.size)
        self._lock = threading.Lock()
        self._waiting = 0

    def _acquire(self) -> bool:
        if self._free.acquire(blocking=False):
            return True
        with self._lock:
            if self.wait <= 0 or self._waiting >= 2 * self.size:
                return False
            self._waiting += 1
        try:
            return self._free.acquire(timeout=self.wait)
        finally:
            with self._lock:
                self._waiting -= 1

    @contextmanager
    def hold(self):
        if not self._acquire():
            running = f"{self.size} quer{'y is' if self.size == 1 else 'ies are'} already running"
            busy = ServiceUnavailable(f"{running} and none can wait: try again in {self.retry_after} s")
            busy.retry_after = self.retry_after
            raise busy
        try:
            yield
        finally:
            self._free.release()


def _api_error(err: HTTPException):
    response = jsonify(error=err.description or err.name)
    response.status_code = err.code or 500
    for name, value in err.get_headers():
        if name.lower() in ("allow", "retry-after"):
            response.headers[name] = value
    if getattr(err, "retry_after", None):
        response.headers["Retry-After"] = str(err.retry_after)
    return response


def install(app: Flask, extra_hosts: Iterable[str] = ()) -> None:
    """Add the host check and the API's JSON errors to ``app``."""
    hosts = allowed_hosts(app.config) | frozenset(h.lower() for h in extra_hosts)

    @app.before_request
    def _known_host():
        name = host_name(request.headers.get("Host"))
        if name not in hosts:
            shown = request.headers.get("Host", "")[:100]
            return jsonify(error=f"unknown host {shown!r}: this explorer answers to {', '.join(sorted(hosts))}; "
                                 "add a name with geograph serve --allow-host"), 400

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException):
        if request.path.startswith("/api/"):
            return _api_error(err)
        return err

    @app.errorhandler(Exception)
    def _crash(err: Exception):
        """A bug, not a user's mistake: logged with its traceback, answered 500 without it."""
        app.logger.exception("error on %s %s", request.method, request.path)
        message = "internal error: the explorer failed on this request (its log has the details)"
        if request.path.startswith("/api/"):
            return jsonify(error=message), 500
        return message, 500, {"Content-Type": "text/plain; charset=utf-8"}
