"""The embedded store's engine cannot stop one call that builds a huge value (its time limit is checked
between chunks of rows, and ``interrupt()`` from another thread does not stop it either): ``range``,
``repeat``, ``lpad`` and ``rpad`` are checked before they build, through real queries on the store."""
from __future__ import annotations

import time

import pytest

from graph.errors import QueryError
from graph.stores.ladybug_bounds import MAX_BUILT
from graph.stores.networkx_store import NetworkXStore


@pytest.fixture(scope="module")
def store():
    return NetworkXStore(None)


@pytest.mark.parametrize("cypher, what", [
    ("UNWIND range(1, 30000000) AS x RETURN count(x)", "range()"),          # the probe of issue 11
    ("UNWIND [10, 30000000] AS n RETURN size(range(1, n))", "range()"),     # computed from a row, not a literal
    ("RETURN size(RANGE(1, 300000000, 10))", "range()"),
    ("RETURN size(lpad('', 300000000, 'x'))", "lpad()/rpad()"),             # 24 s unchecked
    ("RETURN size(rpad('', 3000000, 'x'))", "lpad()/rpad()"),
    ("RETURN size(repeat('ab', 600000))", "repeat()"),
])
def test_calls_that_would_build_too_much_are_refused_before_they_build(store, cypher, what):
    started = time.monotonic()
    with pytest.raises(QueryError) as err:
        store.query(cypher, timeout=0.5)
    print(f"{cypher}: refused in {time.monotonic() - started:.3f} s")
    message = str(err.value)
    assert f"{what} would make" in message and f"at most {MAX_BUILT:,} in one call" in message
    assert "Traceback" not in message and "At:" not in message


def test_checked_calls_give_the_engines_answers(store):
    cypher = ("RETURN range(1, 5), range(5, 1, -2), range(5, 1), range(1, NULL), repeat('ab', 3), repeat('ab', -1), "
              "lpad('a', 3, 'x'), rpad('hello', 3, 'x'), 'range(1, 99999999)', size(range(1, $n))")
    assert store.query(cypher, {"n": MAX_BUILT}).rows == [
        [[1, 2, 3, 4, 5], [5, 3, 1], [], None, "ababab", "", "xxa", "hel", "range(1, 99999999)", MAX_BUILT]]
    with pytest.raises(QueryError, match="the step of range\\(\\) cannot be 0"):
        store.query("RETURN range(1, 5, 0)")
