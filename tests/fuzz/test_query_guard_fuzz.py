"""Property tests of the query guard (graph.cypher): any text ends in acceptance or a QueryError,
quickly; the tokens give back the text; and what the guard accepts never changes the graph.

Hypothesis runs with a fixed seed (derandomize) and a small budget per run; raise
GEOGRAPH_FUZZ_EXAMPLES for a longer run (the README's figures come from one).
"""
from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from graph.cypher import MAX_DEPTH, MAX_QUERY_BYTES, ensure_read_only, return_items, tokenize
from graph.errors import QueryError
from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore
from server.synthetic import fill_synthetic

EXAMPLES = int(os.environ.get("GEOGRAPH_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# The hostile cases of issue 11 and their neighbours: every one must be answered, quickly.
HOSTILE = [
    "/*a" * 32000, "RETURN 1 " + "/*a" * 20000, "'/*a'" * 12000, "RETURN '" + "\\'" * 30000,
    "CALL `db.idx.fulltext.createNodeIndex`('Entity','name')", "CALL `db`.`idx`.fulltext.createNodeIndex('E','n')",
    "CALL db./**/idx.fulltext.createNodeIndex('E','n')", "CALL db.idx.fulltext.createNodeIndex//x\n('E','n')",
    "CALL db.labels() YIELD label RETURN label", "CALL `db.labels`()", "MATCH (n) RETURN n; MATCH (m) DELETE m",
    "MATCH (n) RETURN 'مالي', '\u202egnp.exe', '😀'", "RETURN `a``b`", "RETURN \"unclosed", "RETURN `unclosed",
    "(" * MAX_DEPTH + ")" * MAX_DEPTH, "(" * (MAX_DEPTH + 1) + ")" * (MAX_DEPTH + 1), "RETURN ]",
    "\x00MATCH (n) RETURN n", "CREATE/**/(n)", "cReAtE (n)", "MATCH (n) SET n.x=1",
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l", "COPY (MATCH (n) RETURN n) TO '/tmp/x.csv'",
    "MATCH (n) WHERE n.name = 'CREATE' RETURN {set: 1, delete: 2}", "RETURN $x", "-[" * 30000,
]
FRAGMENTS = ["MATCH ", "(a)", "(a:Person)", "-[r:MET]-", "-[*1..3]->", "(b {id: 'MLI'})", " WHERE ", "a.name",
             " = ", "'x'", '"y"', "`n m`", "'it\\'s'", " RETURN ", "a", ", ", "count(*)", " AS n", " LIMIT 5",
             " ORDER BY n DESC", "CALL ", "db.labels()", "db.idx.fulltext.createNodeIndex('E','n')", "`db.labels`",
             "{ ", " }", "CREATE ", "SET ", "DELETE ", "DETACH ", "MERGE ", "LOAD CSV ", "COPY ", "/* c */",
             "// c\n", ";", "$id", "'مالي'", "'\u202e'", "'😀'", "UNWIND [1,2] AS x", " WITH a", "EXISTS { ",
             "(", ")", "[", "]", "'", "`", "/*", "*/", "\\", "\n"]
cypher_like = st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=300), cypher_like, st.binary(max_size=200).map(lambda b: b.decode("latin-1")))


def _checked(q: str) -> bool:
    """True when accepted, False when refused with a QueryError; anything else fails the test."""
    start = time.perf_counter()
    try:
        ensure_read_only(q)
        accepted = True
    except QueryError as err:
        assert str(err) and len(str(err)) < 2000          # a one-line message, never the whole 64 KB query
        accepted = False
    # linear: a 64 KB query in under 0.5 s here, 4 s allowed for a machine loaded many times over
    # (the quadratic guard took 59 s at 96 KB)
    assert time.perf_counter() - start < 1.0 + len(q) * 50e-6, q[:80]
    return accepted


@FUZZ
@given(any_text)
def test_any_text_is_accepted_or_refused_quickly(q):
    _checked(q)


ACCEPTED = {"CALL db.labels() YIELD label RETURN label", "'/*a'" * 12000, "MATCH (n) RETURN 'مالي', '\u202egnp.exe', '😀'",
            "RETURN `a``b`", "(" * MAX_DEPTH + ")" * MAX_DEPTH, "RETURN $x",
            "MATCH (n) WHERE n.name = 'CREATE' RETURN {set: 1, delete: 2}"}


@pytest.mark.parametrize("q", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_cases_are_answered_quickly(q):
    assert _checked(q) == (q in ACCEPTED), q[:80]


@FUZZ
@given(cypher_like)
def test_tokens_give_back_the_text(q):
    try:
        tokens = tokenize(q)
    except QueryError:
        return
    assert "".join(t.text for t in tokens) == q


@settings(FUZZ, max_examples=max(10, EXAMPLES // 20))       # each case is up to 64 KB
@given(st.sampled_from(FRAGMENTS), st.integers(min_value=1000, max_value=20000))
def test_the_guard_is_linear_on_repeated_fragments(fragment, times):
    q = (fragment * times)[:MAX_QUERY_BYTES]
    _checked(q)
    try:
        return_items(q)       # the column parser shares the tokens
    except QueryError:
        pass


@pytest.fixture(scope="module")
def store():
    schema = load_schema()
    graph = NetworkXStore(None, relation_types=schema.relation_types)
    fill_synthetic(graph, schema, nodes=40, relations=120)
    return graph


@settings(FUZZ, max_examples=max(50, EXAMPLES // 3))
@given(q=cypher_like)
@example(q="MATCH (a)-[r:MET]-(b) RETURN a, r, b LIMIT 5")
@example(q="CALL db.labels()")
@example(q="MATCH (n) RETURN 'مالي' AS x, '\u202e' AS y, '😀' AS z")
def test_what_the_guard_accepts_runs_or_fails_clearly_and_never_writes(store, q):
    before = store.counts()
    if _checked(q):
        try:
            store.query(q, {"id": "X"}, timeout=1.0)
        except QueryError as err:
            assert str(err)
    assert store.counts() == before
