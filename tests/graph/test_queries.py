"""who-met, roll-up to countries, actor resolution and ego networks, on the gold graph."""
from __future__ import annotations

import dataclasses

import pytest

from graph.errors import QueryError
from graph.model import Entity, Evidence, Relation, Role
from graph.queries import Meeting, country_of, ego_network, resolve_actor, who_met, who_met_result
from graph.stores.base import DocumentInfo
from graph.stores.networkx_store import NetworkXStore


def triples(meetings):
    return [(m.a, m.b, m.date, m.first_reported) for m in meetings]


def test_who_met_diop_newest_first_with_sources(gold_store):
    meetings = who_met(gold_store, "ABDOULAYE_DIOP")
    assert triples(meetings) == [
        ("ABDOULAYE_DIOP", "NICK_CHECKER", "2026-02", "2026-03-09"),
        ("ABDOULAYE_DIOP", "CHRISTOPHER_LANDAU", "2025-11-04", None)]
    landau = meetings[1]     # the undated third report of the same talks joined it
    assert (landau.sources, landau.documents) == (3, ("000_78dd3b09c3dc0569", "001_7cda91046080cc81",
                                                      "002_5a6120847c90cc8d"))
    assert (landau.precision, meetings[0].precision) == ("day", "month")
    assert landau.b_name == "Christopher Landau"


def test_with_and_date_range_narrow_the_meetings(gold_store):
    assert triples(who_met(gold_store, "ABDOULAYE_DIOP", "NICK_CHECKER")) == [
        ("ABDOULAYE_DIOP", "NICK_CHECKER", "2026-02", "2026-03-09")]
    assert triples(who_met(gold_store, None, "ABDOULAYE_DIOP", date_to="2025-12")) == [
        ("CHRISTOPHER_LANDAU", "ABDOULAYE_DIOP", "2025-11-04", None)]
    # Undated meetings are placed by their first report when a range is asked for.
    assert triples(who_met(gold_store, "MLI", date_from="2025-07", date_to="2025-07")) == [
        ("MLI", "RUDOLPH_ATALLAH", None, "2025-07-15")]


def test_country_level_rolls_persons_up_through_their_roles(gold_store):
    assert triples(who_met(gold_store, "MLI", level="country")) == [
        ("MLI", "USA", "2026-02", "2026-03-09"),
        ("MLI", "USA", "2025-11-04", None),
        ("MLI", "USA", None, "2025-07-15")]
    assert triples(who_met(gold_store, "USA", level="country"))[2] == ("USA", "MLI", None, "2025-07-15")
    by_person = who_met(gold_store, "ABDOULAYE_DIOP", level="country")
    assert [m.documents for m in by_person][:2] == [("004_87cf282df6eeba7b",),
                                                    ("000_78dd3b09c3dc0569", "001_7cda91046080cc81",
                                                     "002_5a6120847c90cc8d")]
    assert {(m.a, m.b) for m in by_person} == {("MLI", "USA")}


def _store(relation_types, relations, entities):
    store = NetworkXStore(None, relation_types=relation_types)
    store.add_document(DocumentInfo("d", published="2025-01-10"),
                       [Relation("d", s, t, o, date, role=role,
                                 evidence=[Evidence("d", f"{s} {t} {o}", (i, i + 1), {}, "r", 1.0,
                                                    published="2025-01-10")])
                        for i, (s, t, o, date, role) in enumerate(relations)], entities)
    return store


def test_roll_up_prefers_roles_valid_at_the_date_then_gazetteer_roles_then_country(relation_types):
    entities = {
        "ENVOY": Entity("ENVOY", "person", "Envoy", country="FRA"),
        "MINISTER": Entity("MINISTER", "person", "Minister",
                           roles=(Role("foreign minister", "MLI_MFA", start="2024-06", end=None),
                                  Role("ambassador", "SEN", start="2010", end="2020"))),
        "AIDE": Entity("AIDE", "person", "Aide"),
        "MLI_MFA": Entity("MLI_MFA", "organization", "Malian ministry", country="MLI"),
        "OLD": Entity("OLD", "country", "Oldland"), "NEW": Entity("NEW", "country", "Newland"),
        "FRA": Entity("FRA", "country", "France"), "SEN": Entity("SEN", "country", "Senegal"),
        "MLI": Entity("MLI", "country", "Mali"),
    }
    store = _store(relation_types, [
        ("ENVOY", "HOLDS_ROLE", "OLD", "2019", "envoy"), ("ENVOY", "HOLDS_ROLE", "NEW", "2024-03", "envoy"),
        ("ENVOY", "MET", "MINISTER", "2024-09-01", None), ("ENVOY", "MET", "MINISTER", "2020", None),
        ("ENVOY", "MET", "AIDE", "2024-10", None), ("MINISTER", "MET", "AIDE", "2015", None),
        # Roll-up reads entities from the store (or the schema, when given): put the ministry and SEN in.
        ("MLI_MFA", "PRAISED", "SEN", "2024", None),
    ], entities)
    assert country_of(store, "ENVOY", "2024-09-01") == "NEW"      # latest role edge started by then
    assert country_of(store, "ENVOY", "2020") == "OLD"            # the 2024 role had not started
    assert country_of(store, "MINISTER", "2024-09-01") == "MLI"   # gazetteer role -> ministry -> its country
    assert country_of(store, "MINISTER", "2015") == "SEN"
    assert country_of(store, "MINISTER", "2022") == "MINISTER"    # no role valid: stays itself
    assert country_of(store, "MLI_MFA") == "MLI" and country_of(store, "FRA") == "FRA"
    assert triples(who_met(store, level="country")) == [("AIDE", "NEW", "2024-10", "2025-01-10"),
                                                        ("MLI", "NEW", "2024-09-01", "2025-01-10"),
                                                        ("OLD", "SEN", "2020", "2025-01-10"),  # ambassador until 2020
                                                        ("AIDE", "SEN", "2015", "2025-01-10")]
    # The actor may be a state that persons stand for only through a gazetteer role (MINISTER -> MLI_MFA -> MLI).
    assert triples(who_met(store, "MLI", level="country")) == [("MLI", "NEW", "2024-09-01", "2025-01-10")]
    assert triples(who_met(store, "SEN", level="country")) == [("SEN", "OLD", "2020", "2025-01-10"),
                                                               ("SEN", "AIDE", "2015", "2025-01-10")]
    # ENVOY met AIDE: AIDE has no role, stays AIDE; ENVOY -> NEW.
    assert triples(who_met(store, "AIDE", level="country")) == [("AIDE", "NEW", "2024-10", "2025-01-10"),
                                                                ("AIDE", "SEN", "2015", "2025-01-10")]


def test_meetings_within_one_state_are_dropped_at_country_level(relation_types):
    entities = {"P": Entity("P", "person", "P", country="USA"), "Q": Entity("Q", "person", "Q", country="USA"),
                "USA": Entity("USA", "country", "United States")}
    store = _store(relation_types, [("P", "MET", "Q", "2025", None)], entities)
    assert len(who_met(store)) == 1
    assert who_met(store, level="country") == []


def test_json_shape_has_ids_and_names(gold_store):
    result = who_met_result(who_met(gold_store, "NICK_CHECKER")).to_json()
    assert result == {"columns": ["a", "a_name", "b", "b_name", "date", "precision", "first_reported",
                                  "sources", "documents"],
                      "rows": [["NICK_CHECKER", "Nick Checker", "ABDOULAYE_DIOP", "Abdoulaye Diop", "2026-02",
                                "month", "2026-03-09", 1, ["004_87cf282df6eeba7b"]]]}


@pytest.mark.parametrize("text", ["ABDOULAYE_DIOP", "abdoulaye_diop", "Abdoulaye Diop", "Diop", "عبد الله ديوب",
                                  "عبدالله  ديوب".replace("عبدالله", "عبد الله"), "ديوب"])
def test_actors_resolve_from_ids_names_words_and_arabic(gold_store, text):
    assert resolve_actor(gold_store, text) == "ABDOULAYE_DIOP"


def test_unknown_and_ambiguous_actors_are_query_errors(gold_store, relation_types):
    with pytest.raises(QueryError, match="no actor matches 'Napoleon'"):
        resolve_actor(gold_store, "Napoleon")
    with pytest.raises(QueryError, match="empty actor"):
        resolve_actor(gold_store, " ")
    entities = {"AD": Entity("AD", "person", "Ahmed Diallo"), "MD": Entity("MD", "person", "Mamadou Diallo")}
    store = _store(relation_types, [("AD", "MET", "MD", None, None)], entities)
    with pytest.raises(QueryError, match=r"'Diallo' matches several actors: AD \(Ahmed Diallo\), "
                                         r"MD \(Mamadou Diallo\); give the id instead"):
        resolve_actor(store, "Diallo")
    assert resolve_actor(store, "mamadou diallo") == "MD"


def test_unknown_level_is_a_query_error(gold_store):
    with pytest.raises(QueryError, match="unknown level 'region'"):
        who_met(gold_store, level="region")


def test_ego_network_grows_by_hops(gold_store):
    one = ego_network(gold_store, "NICK_CHECKER")
    assert [e.id for e in one.entities] == ["ABDOULAYE_DIOP", "MLI", "NICK_CHECKER", "USA"]
    assert sorted(e.type for e in one.edges) == ["HOLDS_ROLE", "MET", "VISITED"]
    two = ego_network(gold_store, "NICK_CHECKER", depth=2)
    assert {"CHRISTOPHER_LANDAU", "AES", "RUS"} <= {e.id for e in two.entities}
    assert set(one.to_json()) == {"nodes", "edges"}
    with pytest.raises(QueryError, match="'NOBODY' is not in the graph"):
        ego_network(gold_store, "NOBODY")


def test_roles_in_armed_groups_do_not_make_a_person_stand_for_a_state(relation_types):
    entities = {"LEADER": Entity("LEADER", "person", "Leader"), "ENVOY": Entity("ENVOY", "person", "Envoy"),
                "JNIM": Entity("JNIM", "armed_group", "JNIM", country="MLI"),
                "MLI": Entity("MLI", "country", "Mali"), "DZA": Entity("DZA", "country", "Algeria")}
    store = _store(relation_types, [("LEADER", "HOLDS_ROLE", "JNIM", None, "leader"),
                                    ("ENVOY", "HOLDS_ROLE", "DZA", None, "envoy"),
                                    ("LEADER", "MET", "ENVOY", "2024", None), ("JNIM", "ATTACKED", "MLI", "2024", None)],
                   entities)
    assert country_of(store, "LEADER", "2024") == "LEADER"
    assert country_of(store, "JNIM") == "JNIM"
    assert triples(who_met(store, "MLI", level="country")) == []
    assert triples(who_met(store, "DZA", level="country")) == [("DZA", "LEADER", "2024", "2025-01-10")]


def test_country_rows_are_whole_meetings_as_the_constructor_builds_them(gold_store):
    """Country rows are built without Meeting.__init__ (for speed): each must hold every field, compare,
    hash and print as one built the ordinary way, and match the rows asked the slow way (both sides)."""
    fields = [f.name for f in dataclasses.fields(Meeting)]
    meetings = who_met(gold_store, "MLI", level="country")
    assert meetings
    for m in meetings:
        built = Meeting(**{f: getattr(m, f) for f in fields})
        assert vars(m) == vars(built) and m == built and hash(m) == hash(built) and repr(m) == repr(built)
    by_pair = [m for other in sorted({m.b for m in meetings}) for m in who_met(gold_store, "MLI", other,
                                                                               level="country")]
    assert sorted(map(repr, by_pair)) == sorted(map(repr, meetings))
