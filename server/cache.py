"""Values derived from the store (layout, filter metadata, recent views), kept until the store changes.

The store's counts identify its state: adding a document changes them, and
everything derived is dropped and recomputed on the next request. One cache
per app (in ``app.extensions``), shared by waitress's threads under a lock.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from graph.stores.base import GraphStore

__all__ = ["StoreCache"]


class StoreCache:
    """``get(key, compute)``: ``compute()`` once per state of ``store``; at most ``size`` values kept."""

    def __init__(self, store: GraphStore, size: int = 16):
        self.store = store
        self.size = size
        self._lock = threading.RLock()    # computing a value may ask for another (a view needs the layout)
        self._state: tuple | None = None
        self._values: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        state = tuple(sorted(self.store.counts().items()))
        with self._lock:
            if state != self._state:
                self._values.clear()
                self._state = state
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            value = self._values[key] = compute()
            while len(self._values) > self.size:
                self._values.popitem(last=False)
            return value
