"""One writer at a time on the embedded store: concurrent `geograph add` runs lose nothing, a writer
waits for another (or fails clearly after GEOGRAPH_LOCK_TIMEOUT), temporary files of a killed writer
are cleaned up."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from concurrent_adds import add_all_at_once, article_id, write_articles
from graph.fileio import writer_lock
from graph.stores.networkx_store import NetworkXStore

GEOGRAPH = str(Path(sys.executable).with_name("geograph"))


def test_eight_concurrent_adds_keep_every_article(tmp_path):
    home = tmp_path / "home"
    paths = write_articles(tmp_path, 8)
    results = add_all_at_once(paths, {"GEOGRAPH_HOME": str(home), "GEOGRAPH_STORE": "networkx"}, cwd=tmp_path)
    for r in results:
        assert r.returncode == 0, r.stderr
        assert "added art" in r.stdout
    store = NetworkXStore(home / "graph.json")
    assert [d.id for d in store.documents()] == [article_id(p) for p in paths]
    met = sorted(e.date for e in store.edges() if e.type == "MET")
    assert met == [f"2025-11-{i:02d}" for i in range(1, 9)]
    assert not list(home.glob(".graph.json.*.tmp"))


def _add(tmp_path, home, path, timeout=None):
    env = {**os.environ, "GEOGRAPH_HOME": str(home), "GEOGRAPH_STORE": "networkx"}
    if timeout is not None:
        env["GEOGRAPH_LOCK_TIMEOUT"] = str(timeout)
    return subprocess.run([GEOGRAPH, "add", str(path), "--published", "2025-11-30"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=240)


def test_a_writer_waits_for_the_lock_and_says_so(tmp_path):
    """The lock is held until the writer says it waits (no race with the writer's start on a busy machine);
    a writer that ignored the lock would end without that line, one that waited silently would give up
    after GEOGRAPH_LOCK_TIMEOUT with no 'waiting' line: both fail."""
    home = tmp_path / "home"
    (path,) = write_articles(tmp_path, 1)
    env = {**os.environ, "GEOGRAPH_HOME": str(home), "GEOGRAPH_STORE": "networkx", "GEOGRAPH_LOCK_TIMEOUT": "120"}
    said = []
    with writer_lock(home / "graph.json"):
        proc = subprocess.Popen([GEOGRAPH, "add", str(path), "--published", "2025-11-30"], env=env, cwd=tmp_path,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for line in proc.stderr:
            said.append(line)
            if "waiting" in line:
                break
        held_while_waiting = proc.poll() is None
    out, err = proc.communicate(timeout=240)
    said.append(err)
    assert held_while_waiting and proc.returncode == 0, "".join(said)
    assert any("another command is writing" in line and "waiting" in line for line in said)
    assert [d.id for d in NetworkXStore(home / "graph.json").documents()] == [article_id(path)]


def test_a_writer_gives_up_after_the_timeout_with_one_line(tmp_path):
    home = tmp_path / "home"
    (path,) = write_articles(tmp_path, 1)
    with writer_lock(home / "graph.json"):
        started = time.monotonic()
        r = _add(tmp_path, home, path, timeout=0.5)
        assert time.monotonic() - started < 60
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert "still being written by another command after 0.5 s" in r.stderr
    assert not (home / "graph.json").exists()


def test_a_bad_lock_timeout_is_a_clear_error(tmp_path):
    (path,) = write_articles(tmp_path, 1)
    r = _add(tmp_path, tmp_path / "home", path, timeout="soon")
    assert r.returncode == 2 and "GEOGRAPH_LOCK_TIMEOUT='soon': give a number of seconds" in r.stderr


def test_temporary_files_of_a_killed_writer_are_removed(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    stale = home / ".graph.json.k1ll3d.tmp"
    stale.write_bytes(b'{"format": "geograph-netw')
    (path,) = write_articles(tmp_path, 1)
    r = _add(tmp_path, home, path)
    assert r.returncode == 0, r.stderr
    assert not stale.exists()
    assert [d.id for d in NetworkXStore(home / "graph.json").documents()] == [article_id(path)]


def test_a_store_opened_before_another_write_sees_it_when_it_writes(tmp_path):
    """Two stores on one file (two processes in real life): the second write keeps the first's article."""
    from graph.documents import Document
    from graph.extract import Extractor
    from graph.ingest import ingest_documents
    from graph.schema.load import load_schema

    extractor = Extractor(load_schema(None))
    path = tmp_path / "graph.json"
    a = NetworkXStore(path, relation_types=extractor.schema.relation_types)
    b = NetworkXStore(path, relation_types=extractor.schema.relation_types)
    doc = lambda i: Document.from_text(f"Abdoulaye Diop met Christopher Landau on {i} May 2025.", id=f"d{i}")
    ingest_documents(a, [doc(1)], extractor)
    ingest_documents(b, [doc(2)], extractor)
    assert [d.id for d in NetworkXStore(path).documents()] == ["d1", "d2"]
    assert sorted(e.date for e in NetworkXStore(path).edges() if e.type == "MET") == ["2025-05-01", "2025-05-02"]
