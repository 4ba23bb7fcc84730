"""A running `geograph serve` shows what other processes wrote on its next request, no restart, on
both stores: a real server process, a real `geograph add` process, a real browser."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "neo4j"))
from falkordb_server import FalkorServer  # noqa: E402
from graph.inputs import single_id  # noqa: E402

SHOTS = Path("/tmp/shots-live")
# An article about an actor the seeds never mention (Macron), meeting one they do (Diop).
ARTICLE = "Emmanuel Macron met Abdoulaye Diop on 3 December 2025.\n"   # no place: the meeting alone
NEW_ACTOR = "EMMANUEL_MACRON"


def geograph(root: Path, home: Path, *args: str) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("geograph")
    env = {**os.environ, "GEOGRAPH_HOME": str(home)}
    env.pop("GEOGRAPH_STORE", None)
    return subprocess.Popen([str(exe), *args], cwd=root, env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.load(answer)


@pytest.fixture(params=["networkx", "neo4j"])
def store_args(request):
    """The store options for `geograph`: a data folder (always given), or a Bolt server started for the test."""
    if request.param == "networkx":
        yield []
        return
    with FalkorServer() as server:
        yield ["--store", "neo4j", "--neo4j-uri", server.uri, "--neo4j-username", "geograph",
               "--neo4j-database", "geograph"]


def node_ids(page) -> set[str]:
    return set(page.evaluate("() => window.geographView.nodes.map(n => n.id)"))


def test_the_viewer_shows_what_another_process_added_and_rebuilt_without_restart(root, tmp_path, store_args, page,
                                                                               ready):
    kind = "neo4j" if store_args else "networkx"
    home = tmp_path / "home"
    server = geograph(root, home, "serve", "--port", "0", *store_args)
    try:
        line = server.stdout.readline()
        found = re.match(r"Geograph explorer on (http://127\.0\.0\.1:\d+/) \(graph: (\d+) nodes", line)
        assert found, line + (server.stderr.read() if server.poll() is not None else "")
        url = found.group(1)
        page.goto(url)
        ready(page)
        before = node_ids(page)
        assert "ABDOULAYE_DIOP" in before and NEW_ACTOR not in before
        assert get_json(url + "api/who-met?actor=ABDOULAYE_DIOP&with=EMMANUEL_MACRON")["meetings"] == []
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"live-{kind}-before.png"))

        article = tmp_path / "macron-diop.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        add = geograph(root, home, "add", str(article), "--published", "2025-12-04", *store_args)
        out, err = add.communicate(timeout=120)
        doc_id = single_id("macron-diop", ARTICLE)    # a file added alone: its name and its text's hash
        assert add.returncode == 0 and f"added {doc_id} (1 relations)" in out, out + err

        page.reload()
        ready(page)
        after = node_ids(page)
        assert after == before | {NEW_ACTOR}
        edges = page.evaluate("() => window.geographView.edges.map(e => [e.from, e.to, e.type])")
        assert any({a, b} == {NEW_ACTOR, "ABDOULAYE_DIOP"} and t == "MET" for a, b, t in edges), edges
        page.screenshot(path=str(SHOTS / f"live-{kind}-after.png"))
        meetings = get_json(url + "api/who-met?actor=ABDOULAYE_DIOP&with=EMMANUEL_MACRON")["meetings"]
        assert [(m["b"], m["date"], m["documents"]) for m in meetings] == \
            [(NEW_ACTOR, "2025-12-03", [doc_id])]
        assert get_json(url + "api/meta")["counts"]["documents"] == 6

        # A write that takes away (as `remove` does): the graph rebuilt from the seeds alone.
        rebuild = geograph(root, home, "build", "seeds", "--rebuild", "--no-progress", *store_args)
        out, err = rebuild.communicate(timeout=300)
        assert rebuild.returncode == 0 and "5 document(s) added" in out, out + err
        page.reload()
        ready(page)
        assert node_ids(page) == before
        assert get_json(url + "api/meta")["counts"]["documents"] == 5
    finally:
        server.terminate()
        server.communicate(timeout=30)
