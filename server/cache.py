"""Values derived from the store (layout, filter metadata, recent views), kept until the store changes.

Once per request (:meth:`StoreCache.refresh`, before the view runs) the store
catches up with what other processes wrote (``geograph build``, ``add`` or
``remove`` beside a running ``geograph serve``) and says which version of the
graph it holds: the embedded store stats its file (one ``stat``) and reloads it
when another process replaced it; the Neo4j store reads the version counter
every writer bumps (one small query). No recount of the graph. When the version
moved, everything derived is dropped and recomputed on demand. One cache per
app (in ``app.extensions``), shared by waitress's threads under a lock.
"""
from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any, Callable, Hashable

from graph.stores.base import GraphStore

__all__ = ["StoreCache"]

_UNSEEN = object()


@contextmanager
def _collector_paused():
    """Derived values are built of tens of thousands of small acyclic objects (a view of 20,000
    relations): each allocation burst would start Python's cyclic collector, which walks the whole
    store every time (more than half of a cold view's time). Cyclic garbage made meanwhile waits
    for the next collection.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class StoreCache:
    """``get(key, compute)``: ``compute()`` once per version of ``store``; at most ``size`` values kept."""

    def __init__(self, store: GraphStore, size: int = 16):
        self.store = store
        self.size = size
        self._lock = threading.RLock()    # computing a value may ask for another (a view needs the layout)
        self._state: Any = _UNSEEN
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def refresh(self) -> None:
        """Bring the store up to date and drop what was derived from an older version.

        The check takes no lock (requests that use no cached value, who-met, never wait for a
        view being computed); clearing does, so a value computed from the old graph while the
        store was reloaded is stored before the clear, and dropped by it.
        """
        self.store.refresh()
        state = self.store.version()
        if state != self._state:
            with self._lock:
                if state != self._state:
                    self._values.clear()
                    self._state = state

    def before_request(self) -> None:
        """The app's per-request hook (static files skip it: they do not depend on the graph)."""
        from flask import request

        if request.endpoint != "static":
            self.refresh()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if self._state is _UNSEEN:      # used outside a request (warming up): look once
                self.refresh()
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            with _collector_paused():
                value = self._values[key] = compute()
            while len(self._values) > self.size:
                self._values.popitem(last=False)
            return value
