"""who-met on the Bolt server gives the embedded store's answers, country level in one query."""
from __future__ import annotations

import pytest

from graph.model import Entity, Evidence, Relation, Role
from graph.queries import who_met
from graph.stores.base import DocumentInfo
from graph.stores.neo4j_store import Neo4jStore
from graph.stores.networkx_store import NetworkXStore

from neo4j_helpers import open_bolt_store

ENTITIES = {e.id: e for e in (
    Entity("ENVOY", "person", "Envoy", country="FRA"),
    Entity("MINISTER", "person", "Minister", roles=(Role("foreign minister", "MLI_MFA", start="2024-06"),
                                                    Role("ambassador", "SEN", start="2010", end="2020"))),
    Entity("AIDE", "person", "Aide"),
    Entity("LEADER", "person", "Leader"),
    Entity("MLI_MFA", "organization", "Malian ministry", country="MLI"),
    Entity("JNIM", "armed_group", "JNIM", country="MLI"),
    Entity("OLD", "country", "Oldland"), Entity("NEW", "country", "Newland"), Entity("FRA", "country", "France"),
    Entity("SEN", "country", "Senegal"), Entity("MLI", "country", "Mali"))}
RELATIONS = [
    ("d1", "ENVOY", "HOLDS_ROLE", "OLD", "2019", "envoy"), ("d2", "ENVOY", "HOLDS_ROLE", "NEW", "2024-03", "envoy"),
    ("d1", "ENVOY", "MET", "MINISTER", "2024-09-01", None), ("d2", "ENVOY", "MET", "MINISTER", "2020", None),
    ("d1", "ENVOY", "MET", "AIDE", "2024-10", None), ("d2", "MINISTER", "MET", "AIDE", "2015", None),
    ("d1", "MLI_MFA", "PRAISED", "SEN", "2024", None), ("d2", "LEADER", "HOLDS_ROLE", "JNIM", None, "leader"),
    ("d2", "LEADER", "MET", "ENVOY", "2024", None), ("d3", "AIDE", "MET", "MLI_MFA", None, None),
    ("d3", "MINISTER", "MET", "ENVOY", "2024-09-01", None), ("d1", "JNIM", "ATTACKED", "MLI", "2024", None),
]
QUESTIONS = [dict(actor=a) for a in (None, *sorted(ENTITIES))] + [
    dict(actor="MLI", with_="NEW"), dict(actor=None, with_="SEN"), dict(actor="NEW", date_from="2024-09"),
    dict(actor="AIDE", date_to="2024", date_from="2010")]


class CountingStore(Neo4jStore):
    """The real store, counting the queries it sends (round trips are what this is about)."""

    sent = 0

    def _run(self, cypher, params=None, **kw):
        self.sent += 1
        return super()._run(cypher, params, **kw)


def fill(store) -> None:
    for doc, published in (("d1", "2025-01-10"), ("d2", "2025-02-01"), ("d3", None)):
        rels = [Relation(doc, s, t, o, date, role=role, evidence=[Evidence(doc, f"{s} {t} {o}", (i, i + 1), {}, "r",
                                                                           1.0, published=published)])
                for i, (d, s, t, o, date, role) in enumerate(RELATIONS) if d == doc]
        store.add_document(DocumentInfo(doc, published=published), rels, ENTITIES)
    store.flush()


@pytest.fixture
def pair(falkordb, bolt, relation_types):
    embedded = NetworkXStore(None, relation_types=relation_types)
    fill(embedded)
    counting = open_bolt_store(falkordb, relation_types=relation_types, store_class=CountingStore)
    fill(counting)
    yield embedded, counting
    counting.close()


@pytest.mark.parametrize("level", ["person", "country"])
def test_every_question_gets_the_same_rows_and_edges_on_both_stores(pair, level):
    embedded, bolt = pair
    for question in QUESTIONS:
        here, there = who_met(embedded, level=level, **question), who_met(bolt, level=level, **question)
        assert [(m.row(), m.edges) for m in there] == [(m.row(), m.edges) for m in here], question
    assert who_met(embedded, "MLI", level="country"), "the country-level questions must have answers"


def test_a_country_level_question_does_not_query_once_per_person_on_the_bolt_server(pair):
    embedded, bolt = pair
    bolt.sent = 0
    rows = who_met(bolt, "MLI", level="country")
    # One query for the meetings, their ends, their role edges and the roles' targets; then one
    # lookup by ids of what those entities name (MLI_MFA, from MINISTER's gazetteer role), and one
    # of what that names in turn (MLI): never a query per person.
    assert bolt.sent == 3
    assert [m.row()[:5] for m in rows] == [m.row()[:5] for m in who_met(embedded, "MLI", level="country")]
    assert {m.b for m in rows} == {"NEW", "AIDE"}
