"""Property tests of every API endpoint: any arguments, bodies and headers end in an answer or a
clear JSON error, never a 500, a traceback or a hang; through Flask's client and through the
real server (waitress over loopback).

Hypothesis runs with a fixed seed (derandomize) and a small budget per run; raise
GEOGRAPH_FUZZ_EXAMPLES for a longer run.
"""
from __future__ import annotations

import http.client
import json
import os
import time
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from graph.rules import load_schema
from graph.stores.networkx_store import NetworkXStore
from server import create_app
from server.synthetic import fill_synthetic
from tests.server.conftest import serve

EXAMPLES = int(os.environ.get("GEOGRAPH_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=max(20, EXAMPLES // 3), derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

ARGS = ["types", "modality", "from", "to", "undated", "q", "ego", "hops", "limit", "scope", "actor", "with",
        "level"]
nasty = st.sampled_from(["", " ", "0", "-1", "1e9", "99999999999999999999", "2025-13-45", "2025-02-30", "٢٠٢٥",
                         "MET", "MET,,VISITED", "all", "any", "person", "country", "Actor 1", "ACTOR_1", "مالي",
                         "\u202eevil", "😀", "\x00", "%00", "../../etc/passwd", "<script>alert(1)</script>",
                         "' OR 1=1 --", "a" * 5000])
value = st.one_of(nasty, st.text(max_size=40))
arguments = st.dictionaries(st.sampled_from(ARGS), value, max_size=5)
ENDPOINTS = ["/api/meta", "/api/graph", "/api/who-met", "/api/export/json", "/api/export/csv",
             "/api/export/graphml", "/api/export/gexf", "/api/export/pdf", "/api/suggest"]
json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                                    st.text(max_size=30)),
                          lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                  st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                          max_leaves=12)
QUERIES = ["MATCH (a)-[r:MET]-(b) RETURN a, r, b LIMIT 5", "MATCH (n) RETURN n.id LIMIT 3", "CALL db.labels()",
           "RETURN $id", "MATCH (n {id: $id}) RETURN n", "MATCH (n) DETACH DELETE n",
           "CALL `db.idx.fulltext.createNodeIndex`('Entity','name')", "/*a" * 32000, "RETURN 'مالي\u202e😀'",
           "UNWIND range(1, 20000) AS i RETURN i", "MATCH (a RETURN a", ""]
cypher_body = st.one_of(json_value, st.fixed_dictionaries({"q": st.one_of(st.sampled_from(QUERIES), st.text(max_size=80))},
                                                          optional={"params": json_value}))


@pytest.fixture(scope="module")
def app():
    schema = load_schema()
    store = NetworkXStore(None, relation_types=schema.relation_types)
    fill_synthetic(store, schema, nodes=40, relations=120)
    return create_app({"STORE": store, "SCHEMA": schema, "QUERY_TIMEOUT": 2.0})  # not TESTING: errors answered


def _plain(answer_status: int, content_type: str, body: bytes, path: str) -> None:
    assert answer_status < 500 or answer_status == 503, (answer_status, path, body[:300])
    assert b"Traceback" not in body, path
    if path.startswith("/api/") and answer_status >= 400:
        assert content_type.startswith("application/json") and json.loads(body)["error"], (path, body[:300])


@FUZZ
@given(endpoint=st.sampled_from(ENDPOINTS), args=arguments)
@example(endpoint="/api/graph", args={"from": "2025-13-45", "to": "٢٠٢٥"})
@example(endpoint="/api/who-met", args={"actor": "\u202eevil", "level": "planet"})
@example(endpoint="/api/export/csv", args={"scope": "all", "limit": "0"})
def test_get_endpoints_never_fail(app, endpoint, args):
    start = time.perf_counter()
    answer = app.test_client().get(endpoint, query_string=args)
    _plain(answer.status_code, answer.content_type, answer.get_data(), endpoint)
    assert time.perf_counter() - start < 10


@FUZZ
@given(kind=st.sampled_from(["entities", "relations", "articles", "entities/{}/story"]),
       ident=st.one_of(nasty, st.text(min_size=1, max_size=60)))
def test_item_endpoints_never_fail(app, kind, ident):
    path = f"/api/{kind}/{quote(ident, safe='')}" if "{}" not in kind else "/api/" + kind.format(quote(ident, safe=''))
    answer = app.test_client().get(path)
    _plain(answer.status_code, answer.content_type, answer.get_data(), path)
    assert answer.status_code in (200, 404, 308)      # 308: "//" in the path, merged by the router


@FUZZ
@given(body=cypher_body)
@example(body=[1, 2])
@example(body={"q": 5})
@example(body={"q": "RETURN $id", "params": {"id": {"deep": [1]}}})
def test_cypher_never_fails(app, body):
    for path in ("/api/cypher", "/api/cypher/hints"):
        start = time.perf_counter()
        answer = app.test_client().post(path, json=body)
        _plain(answer.status_code, answer.content_type, answer.get_data(), path)
        assert time.perf_counter() - start < 10


@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(["application/json", "text/plain",
                                                                    "application/x-www-form-urlencoded", ""]),
       method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"]),
       headers=st.dictionaries(st.sampled_from(["Origin", "Sec-Fetch-Site", "Host", "Accept", "Referer"]),
                               st.one_of(nasty, st.sampled_from(["localhost", "evil.example", "null",
                                                                 "cross-site", "same-origin"])), max_size=3))
def test_raw_requests_never_fail(app, raw, content_type, method, headers):
    answer = app.test_client().open("/api/cypher", method=method, data=raw, content_type=content_type or None,
                                    headers=headers)
    if method != "HEAD":
        _plain(answer.status_code, answer.content_type, answer.get_data(), "/api/cypher")


def test_the_real_server_answers_every_hostile_request(app):
    """The corpus of issue 11 through waitress: each answered clearly, and who-met stays fast."""
    corpus = [("POST", "/api/cypher", json.dumps({"q": "/*a" * 32000}), {}),
              ("POST", "/api/cypher", "[1,2]", {}), ("POST", "/api/cypher", '{"q": 5}', {}),
              ("POST", "/api/cypher", json.dumps({"q": "CALL `db.idx.fulltext.createNodeIndex`('E','n')"}), {}),
              ("GET", "/api/cypher?" + urlencode({"q": "MATCH (n) RETURN n"}), None, {}),
              ("POST", "/api/cypher", json.dumps({"q": "RETURN 1"}), {"Origin": "http://evil.example"}),
              ("GET", "/api/graph", None, {"Host": "evil.example"}), ("GET", "/api/nothing", None, {}),
              ("GET", "/api/graph?from=2025-13-45", None, {}), ("DELETE", "/api/meta", None, {}),
              ("POST", "/api/cypher", json.dumps({"q": "RETURN 'مالي\u202e😀' AS x"}), {})]
    with serve(app) as url:
        parts = urlsplit(url)
        for method, path, body, headers in corpus:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            conn.request(method, path, body, {"Content-Type": "application/json", **headers})
            response = conn.getresponse()
            data = response.read()
            conn.close()
            _plain(response.status, response.getheader("Content-Type", ""), data, path)
            assert response.status in (200, 400, 403, 404, 405), (method, path, response.status)
        start = time.perf_counter()
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", "/api/who-met?actor=Actor%201")
        assert conn.getresponse().status == 200
        conn.close()
        assert time.perf_counter() - start < 1.0
