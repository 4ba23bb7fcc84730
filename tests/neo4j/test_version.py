"""The Neo4j store's version counter: every write moves it, reads never do, other processes see it."""
from __future__ import annotations

from graph.queries import who_met
from graph.stores.neo4j_version import META_LABEL

from neo4j_helpers import fill


def test_every_write_moves_the_version_and_reads_do_not(bolt, gold_batches):
    writer, reader = bolt(), bolt()
    start = reader.version()
    fill(writer, gold_batches[:2])
    after_add = reader.version()
    assert after_add != start and after_add[0] > start[0]

    who_met(reader, None)                               # reads, and a reader opened and closed
    reader.query("MATCH (n) RETURN count(n)")
    bolt().close()
    assert reader.version() == after_add

    # Any write query, such as one a future write path runs, is versioned once the store flushes or closes.
    other = bolt()
    other._run("MATCH (d:Document) WITH d LIMIT 1 SET d.note = 'x'", write=True)
    other.close()
    after_raw = reader.version()
    assert after_raw != after_add

    writer.clear()
    assert reader.version() != after_raw
    assert reader.counts()["nodes"] == 0                # the counter is not an entity
    assert reader.query(f"MATCH (m:{META_LABEL}) RETURN m.version").rows == [[reader.version()[0]]]


def test_adding_a_document_already_present_leaves_the_version(bolt, gold_batches):
    writer = bolt()
    fill(writer, gold_batches[:1])
    version = writer.version()
    assert fill(writer, gold_batches[:1]) == [False]
    assert writer.version() == version
