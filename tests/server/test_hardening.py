"""The probes of issue 11 against the real app (Flask's client, and waitress over loopback):
each gets a clear refusal, quickly, and the server stays responsive."""
from __future__ import annotations

import http.client
import json
import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from graph.stores.networkx_store import NetworkXStore
from server import create_app
from server.synthetic import fill_synthetic
from runaway_cases import RUNAWAY as GROWTH

from .conftest import serve

SLOW = "MATCH (a)-[*1..7]-(b) RETURN count(*)"     # runs for seconds on the graph below


@pytest.fixture(scope="module")
def busy_app(schema):
    """A graph where SLOW takes long, queries stopped after 0.3 s, two at once at most, no wait for a slot."""
    store = NetworkXStore(None, relation_types=schema.relation_types)
    fill_synthetic(store, schema, nodes=200, relations=800)
    return create_app({"STORE": store, "SCHEMA": schema, "TESTING": True, "QUERY_TIMEOUT": 0.3,
                       "QUERY_CONCURRENCY": 2, "QUERY_WAIT": 0})


def post(client, body, **kw):
    return client.post("/api/cypher", json=body, **kw)


def timed(fn):
    start = time.perf_counter()
    answer = fn()
    return answer, time.perf_counter() - start


def test_the_regex_killer_query_is_refused_at_once(client):
    for q in ["/*a" * 32000, "RETURN 1 " + "/*a" * 20000, "RETURN '" + "/*a'" * 15000, "(" * 60000]:
        answer, took = timed(lambda: post(client, {"q": q}))
        assert answer.status_code == 400 and answer.is_json, q[:20]
        assert took < 0.5, (q[:20], took)
    assert "longer than the limit of 65,536 bytes" in post(client, {"q": "/*a" * 32000}).json["error"]
    assert "never closes" in post(client, {"q": "RETURN 1 " + "/*a" * 20000}).json["error"]


def test_the_console_hints_read_the_regex_killer_query_at_once(client):
    """The console asks for hints after every run: they read the query with the guard's one-pass tokenizer
    (a regex of their own took 45 s on this query)."""
    for q in ["/*a" * 32000, "MATCH (a) RETURN a " + "/*a" * 20000, "RETURN '" + "/*a'" * 15000]:
        start = time.perf_counter()
        answer = client.post("/api/cypher/hints", json={"q": q})
        assert answer.status_code == 200 and answer.json["hints"] == [], q[:20]
        assert time.perf_counter() - start < 0.5, q[:20]


@pytest.mark.parametrize("q", ["CALL `db.idx.fulltext.createNodeIndex`('Entity', 'name')",
                               "CALL `db`.`idx`.fulltext.createNodeIndex('Entity', 'name')",
                               "CALL db./**/idx.fulltext.createNodeIndex('Entity', 'name')",
                               "CALL db.idx.fulltext.createNodeIndex('Entity', 'name')"])
def test_procedures_written_to_escape_the_check_are_refused(client, q):
    answer = post(client, {"q": q})
    assert answer.status_code == 400 and ("not written plainly" in answer.json["error"]
                                          or "may write" in answer.json["error"])


def test_answers_over_the_row_limit_are_refused(client, app):
    assert app.config["QUERY_MAX_ROWS"] == 10_000
    answer = post(client, {"q": "UNWIND range(1, 10001) AS i RETURN i"})
    assert answer.status_code == 400 and "more than 10,000 rows" in answer.json["error"]
    assert len(post(client, {"q": "UNWIND range(1, 10000) AS i RETURN i"}).json["rows"]) == 10_000


@pytest.mark.parametrize("body, status, message", [
    ("[1, 2]", 400, "must be a JSON object"),
    ('{"q": 5}', 400, '"q" must be a string'),
    ('{"q": ["MATCH (n) RETURN n"]}', 400, '"q" must be a string'),
    ('{"q": "RETURN 1", "params": 7}', 400, "parameters must be an object"),
    ("{not json", 400, "must be a JSON object"),
    ("\"MATCH (n) RETURN n\"", 400, "must be a JSON object"),
    ("null", 400, "must be a JSON object"),
])
def test_json_bodies_of_the_wrong_shape_are_400(client, body, status, message):
    answer = client.post("/api/cypher", data=body, content_type="application/json")
    assert answer.status_code == status and answer.is_json and message in answer.json["error"]


def test_cypher_takes_a_posted_json_body_only(client):
    answer = client.get("/api/cypher", query_string={"q": "MATCH (n) RETURN n LIMIT 1"})
    assert answer.status_code == 405 and answer.is_json and set(answer.headers["Allow"].split(", ")) == {"OPTIONS", "POST"}
    form = client.post("/api/cypher", data={"q": "MATCH (n) RETURN n LIMIT 1"})
    assert form.status_code == 415 and "JSON body" in form.json["error"]
    text = client.post("/api/cypher", data='{"q": "RETURN 1"}', content_type="text/plain")
    assert text.status_code == 415 and text.is_json


@pytest.mark.parametrize("headers", [{"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"},
                                     {"Origin": "null"}, {"Origin": "http://localhost:9999"},
                                     {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"}])
def test_cross_site_queries_are_refused(client, headers):
    answer = post(client, {"q": "MATCH (n) RETURN n.id LIMIT 1"}, headers=headers)
    assert answer.status_code == 403 and "cross-site request refused" in answer.json["error"]


def test_same_origin_and_plain_clients_may_query(client):
    q = {"q": "MATCH (n) RETURN n.id LIMIT 1"}
    for headers in [{}, {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}]:
        assert post(client, q, headers=headers).status_code == 200, headers


@pytest.mark.parametrize("host", ["evil.example", "evil.example:5000", "127.0.0.1.evil.example", "", "a b"])
def test_unknown_hosts_get_400(client, host):
    for path in ["/", "/api/graph", "/static/app.css"]:
        answer = client.get(path, headers={"Host": host})
        assert answer.status_code == 400 and answer.is_json and "unknown host" in answer.json["error"], path


def test_known_hosts_are_served(client, seed_store, schema):
    for host in ["localhost", "localhost:5000", "127.0.0.1:8080", "[::1]:5000", "LOCALHOST"]:
        assert client.get("/api/meta", headers={"Host": host}).status_code == 200, host
    app = create_app({"STORE": seed_store, "SCHEMA": schema, "TESTING": True, "HOST": "10.0.0.5",
                      "ALLOWED_HOSTS": ["geograph.lan"]})
    for host in ["10.0.0.5:5000", "geograph.lan", "localhost"]:
        assert app.test_client().get("/api/meta", headers={"Host": host}).status_code == 200, host
    assert app.test_client().get("/api/meta", headers={"Host": "other.lan"}).status_code == 400


def test_every_api_error_is_json(seed_store, schema):
    app = create_app({"STORE": seed_store, "SCHEMA": schema})     # not TESTING: errors are answered, not raised

    @app.get("/api/boom")
    def boom():
        return {"x": 1 / 0}

    client = app.test_client()
    for method, path, status in [("GET", "/api/nothing-here", 404), ("DELETE", "/api/graph", 405),
                                 ("GET", "/api/entities/NOBODY", 404), ("GET", "/api/boom", 500),
                                 ("POST", "/api/meta", 405)]:
        answer = client.open(path, method=method)
        assert answer.status_code == status and answer.is_json and answer.json["error"], path
        assert "Traceback" not in answer.get_data(as_text=True)
    big = client.post("/api/cypher", data="x" * (2 * 1024 * 1024), content_type="application/json")
    assert big.status_code == 413 and big.is_json


def test_too_many_queries_at_once_get_503_with_retry_after(busy_app):
    with serve(busy_app) as url:
        answers = _concurrent_posts(url, [{"q": SLOW}] * 6)
    statuses = sorted(status for status, _, _ in answers)
    assert set(statuses) <= {400, 503} and statuses.count(503) >= 1, statuses
    for status, headers, body in answers:
        if status == 503:
            assert headers["Retry-After"] == "2" and "already running and none can wait" in body["error"]
        else:
            assert "ran longer than 0.3 s" in body["error"]


def test_a_burst_of_small_queries_waits_for_a_slot(seed_store, schema):
    """Two run, four wait for them: six at once all answered."""
    app = create_app({"STORE": seed_store, "SCHEMA": schema, "QUERY_CONCURRENCY": 2, "QUERY_WAIT": 5})
    with serve(app) as url:
        answers = _concurrent_posts(url, [{"q": "MATCH (n) RETURN n.id LIMIT 3"}] * 6)
    assert [status for status, _, _ in answers] == [200] * 6


def test_timed_out_queries_leave_the_server_responsive(busy_app):
    """20 queries stopped by the time limit, then who-met answers in well under 100 ms."""
    with serve(busy_app) as url:
        first = _get(url, "/api/who-met?actor=Actor%201")[0]
        answers = []
        for _ in range(4):
            answers += _concurrent_posts(url, [{"q": SLOW}] * 5)
        assert len(answers) == 20 and {s for s, _, _ in answers} <= {400, 503}
        took = []
        for _ in range(7):
            status, seconds = _get(url, "/api/who-met?actor=Actor%201")
            assert status == 200
            took.append(seconds)
    assert first == 200 and statistics.median(took) < 0.1, took


def _get(url, path):
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def _concurrent_posts(url, bodies):
    parts = urlsplit(url)
    answers = []

    def one(body):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("POST", "/api/cypher", json.dumps(body), {"Content-Type": "application/json"})
        response = conn.getresponse()
        answers.append((response.status, dict(response.headers), json.loads(response.read())))
        conn.close()

    threads = [threading.Thread(target=one, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return answers


def test_bidi_controls_in_shown_text_reorder_only_themselves(page, live_url):
    """A value holding U+202E (right-to-left override) in the console's table: every element is a
    bidi isolate, so the override stays inside its cell's text and the console runs through POST."""
    page.goto(f"{live_url}/cypher")
    page.fill("#query", "RETURN 'abc\u202edef' AS evil, 'after' AS next, 'مالي 😀' AS arabic")
    page.click("#run")
    page.wait_for_selector("#cypher-table td")
    cells = page.eval_on_selector_all("#cypher-table td", "tds => tds.map(td => [td.textContent, "
                                      "getComputedStyle(td).unicodeBidi, td.getBoundingClientRect().left])")
    assert [c[0] for c in cells] == ["abc\u202edef", "after", "مالي 😀"]
    assert {c[1] for c in cells} == {"isolate"} and cells[0][2] < cells[1][2] < cells[2][2]
    for selector in ["main", "#cypher-summary", "nav a"]:
        assert page.eval_on_selector(selector, "e => getComputedStyle(e).unicodeBidi") == "isolate", selector
    Path("/tmp/shots-hweb").mkdir(exist_ok=True)
    page.screenshot(path="/tmp/shots-hweb/cypher-bidi.png")


@pytest.mark.parametrize("path", ["/api/graph?from=2025-13-45", "/api/graph?to=2025-02-30", "/api/who-met?from=2025-02-30",
                                  "/api/graph?from=%D9%A2%D9%A0%D9%A2%D9%A5", "/api/export/json?scope=view&from=2025-13"])
def test_impossible_dates_are_refused_by_the_api(client, path):
    """A window bound must be a real date in ASCII digits (issue 11 probe: these gave an empty answer)."""
    answer = client.get(path)
    assert answer.status_code == 400 and answer.is_json, (path, answer.status_code)
    assert answer.json["error"].startswith("bad date"), answer.json


# (GROWTH: one row the embedded engine's own time limit never stops, tests/runaway_cases.py; its query
# process is killed instead)


def test_a_runaway_single_row_query_is_stopped_and_the_server_stays_responsive(seed_store, schema):
    app = create_app({"STORE": seed_store, "SCHEMA": schema, "QUERY_TIMEOUT": 1.0, "WARM": True})
    with serve(app) as url:
        answers = []
        runaway = threading.Thread(target=lambda: answers.append(timed(lambda: _concurrent_posts(url, [{"q": GROWTH}]))))
        runaway.start()
        took = []
        while runaway.is_alive():
            status, seconds = _get(url, "/api/who-met?actor=Diop")
            assert status == 200
            took.append(seconds)
            time.sleep(0.05)
        runaway.join()
        [([(status, _, body)], seconds)] = answers
        print(f"runaway query answered after {seconds:.2f} s (limit 1 s); who-met meanwhile: median "
              f"{statistics.median(took) * 1000:.1f} ms over {len(took)} requests")
        assert status == 400 and "ran longer than 1 s and was stopped" in body["error"]
        # stopped (1 s + 0.5 s of grace; unstopped it runs about 11 s quiet) and never in who-met's way (a
        # server frozen behind it answered in seconds): loose bounds, the figures above are the measure
        assert seconds < 5.0 and len(took) >= 3 and statistics.median(took) < 1.0, (seconds, took)
        [(status, _, body)] = _concurrent_posts(url, [{"q": "MATCH (n {id: 'MLI'}) RETURN n.name"}])
        assert status == 200 and body["rows"] == [["Mali"]]
