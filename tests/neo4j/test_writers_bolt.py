"""Concurrent `geograph add` runs on the Neo4j store (the FalkorDB Bolt server) lose no article."""
from __future__ import annotations

from concurrent_adds import add_all_at_once, article_id, write_articles
from neo4j_helpers import TEST_BATCH_SIZE


def test_eight_concurrent_adds_keep_every_article(tmp_path, falkordb, bolt):
    store = bolt()
    paths = write_articles(tmp_path, 8)
    env = {"GEOGRAPH_STORE": "neo4j", "NEO4J_URI": falkordb.uri, "NEO4J_USERNAME": "geograph",
           "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "geograph"}
    results = add_all_at_once(paths, env, "--batch-size", str(TEST_BATCH_SIZE), cwd=tmp_path)
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "added art" in r.stdout
    ids = [article_id(p) for p in paths]
    assert [d.id for d in store.documents()] == ids
    met = [e for e in store.edges() if e.type == "MET"]
    assert sorted(e.date for e in met) == [f"2025-11-{i:02d}" for i in range(1, 9)]
    assert all(len(e.evidence) == 1 for e in met)
    # the HOLDS_ROLE edges are shared by all eight: each holds every article's evidence
    roles = [e for e in store.edges() if e.type == "HOLDS_ROLE"]
    assert roles and all(sorted({ev.doc for ev in e.evidence}) == ids for e in roles)
    # and the edge's own summary (documents, source count) was not overwritten by a stale writer
    summaries = [s for s in store.summaries() if s.type == "HOLDS_ROLE"]
    assert summaries and all(s.n_sources == 8 for s in summaries), [(s.id, s.documents) for s in summaries]


def test_articles_of_the_same_name_on_neo4j(tmp_path, falkordb, bolt):
    """Added alone, two files of one name are two articles; built in their folders (where an id is the
    file name), the second is an error, never a silent skip."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    store = bolt()
    env = {**os.environ, "GEOGRAPH_STORE": "neo4j", "NEO4J_URI": falkordb.uri, "NEO4J_USERNAME": "geograph",
           "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "geograph"}
    geograph = str(Path(sys.executable).with_name("geograph"))
    first, second = write_articles(tmp_path, 2)
    second = second.rename(second.with_name("art0.txt"))   # batch1/art0.txt: the same name, another article

    def run(*args):
        return subprocess.run([geograph, *map(str, args), "--batch-size", str(TEST_BATCH_SIZE)], env=env,
                              cwd=tmp_path, capture_output=True, text=True, timeout=240)

    for path in (first, second):
        r = run("add", path, "--published", "2025-11-30")
        assert r.returncode == 0 and f"added {article_id(path)}" in r.stdout, r.stderr
    assert [d.id for d in store.documents()] == sorted([article_id(first), article_id(second)])
    store.clear()
    assert run("build", first.parent, "--no-progress").returncode == 0
    r = run("build", second.parent, "--no-progress")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{second}: article id 'art0' is already in the graph for another article, {first}" in r.stderr
    assert [d.id for d in store.documents()] == ["art0"]


def test_a_writer_waits_for_the_lease_then_gives_up_clearly(tmp_path, falkordb, bolt):
    """While one session writes, another `geograph add` waits (one line on stderr), then fails with a clear
    error after GEOGRAPH_LOCK_TIMEOUT; once the first session ends, the same add goes through."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    holder = bolt()
    (path,) = write_articles(tmp_path, 1)
    env = {**os.environ, "GEOGRAPH_STORE": "neo4j", "NEO4J_URI": falkordb.uri, "NEO4J_USERNAME": "geograph",
           "NEO4J_PASSWORD": "", "NEO4J_DATABASE": "geograph", "GEOGRAPH_LOCK_TIMEOUT": "1.5"}
    add = [str(Path(sys.executable).with_name("geograph")), "add", str(path), "--published", "2025-11-30"]
    with holder.writing():
        r = subprocess.run(add, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
        assert "waiting for another geograph process writing to this Neo4j graph" in r.stderr
        assert "gave up waiting after 1.5 s (GEOGRAPH_LOCK_TIMEOUT)" in r.stderr
        assert holder.documents() == []
    r = subprocess.run(add, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and f"added {article_id(path)}" in r.stdout, r.stderr
    assert [d.id for d in holder.documents()] == [article_id(path)]
