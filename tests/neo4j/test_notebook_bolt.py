"""The notebook API on a Bolt server answers like it does on the embedded store."""
from __future__ import annotations

import geograph


def test_the_same_questions_get_the_same_answers_on_both_stores(falkordb, bolt_store, seeds_dir, tmp_path):
    with geograph.Graph.open(tmp_path / "home") as embedded, \
            geograph.Graph.open(falkordb.uri, username="geograph", password="", database="geograph",
                                batch_size=20, timeout=20) as shared:
        assert shared.store.name == "neo4j" and embedded.store.name == "networkx"
        for g in (embedded, shared):
            assert len(g.add(seeds_dir).added) == 5
        assert shared.who_met("ديوب") == embedded.who_met("ديوب") != []
        assert shared.who_met("Mali", level="country") == embedded.who_met("Mali", level="country")
        cypher = "MATCH (a {id: $id})-[r:MET]-(b) RETURN b.id, r.date ORDER BY b.id, r.date"
        assert shared.query(cypher, {"id": "ABDOULAYE_DIOP"}).rows == \
            embedded.query(cypher, {"id": "ABDOULAYE_DIOP"}).rows
        ours, theirs = embedded.to_networkx(), shared.to_networkx()
        assert sorted(ours.nodes) == sorted(theirs.nodes)
        assert sorted(ours.edges(keys=True)) == sorted(theirs.edges(keys=True))
        assert shared.stats() == embedded.stats()
