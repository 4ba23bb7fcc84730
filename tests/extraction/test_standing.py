"""Standing memberships, presuppositions and a type's own source kinds: what they add, and their schema errors."""
import pytest

import datetime as dt

from graph.documents import Document
from graph.errors import SchemaError
from graph.extract import Extractor
from graph.rules import load_schema


def _errors(schema_copy):
    with pytest.raises(SchemaError) as info:
        load_schema(schema_copy)
    return [str(p) for p in info.value.problems]


def _relations(extractor, text, lang="en"):
    doc = Document.from_text(text, id="t", published=dt.date(2025, 6, 10), lang=lang)
    return {(r.source, r.type, r.target): r for r in extractor.extract(doc)}


def test_an_alliance_named_beside_a_member_tells_its_membership(extractor):
    text = ("Officials in Niamey praised the Alliance of Sahel States on Monday.\n\n"
            "The weather was mild.\n\nTraffic was light.\n\nMarkets opened late.\n\n"
            "Farmers in Burkina Faso expect rain.")
    rels = _relations(extractor, text)
    membership = rels[("NER", "MEMBER_OF", "AES")]
    evidence = membership.evidence[0]
    assert evidence.rule == "standing.members" and membership.date is None
    assert text[slice(*evidence.spans["source"])] == "Niamey"
    assert text[slice(*evidence.spans["target"])].endswith("Alliance of Sahel States")
    # named four sentences after the alliance: too far to be told
    assert ("BFA", "MEMBER_OF", "AES") not in rels


def test_without_standing_members_in_discourse_yaml_nothing_is_added(schema_copy):
    path = schema_copy / "discourse.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("standing_members:")),
                    encoding="utf-8")
    rels = _relations(Extractor(load_schema(schema_copy)), "Officials in Niamey praised the Alliance of Sahel States.")
    assert ("NER", "MEMBER_OF", "AES") not in rels


def test_lifted_sanctions_presuppose_imposed_ones(extractor):
    rels = _relations(extractor, "The African Union readmitted Gabon in April.")
    assert rels[("AFRICAN_UNION", "LIFTED_SANCTIONS", "GAB")].date == "2025-04"
    imposed = rels[("AFRICAN_UNION", "SANCTIONED", "GAB")]
    assert imposed.date is None and imposed.modality == "fact"


def test_a_bloc_is_no_visitor(schema):
    visited = [r for r in schema.rules if r.type == "VISITED"]
    assert visited and all("alliance" not in r.source_kinds for r in visited)


def test_bad_standing_members_is_reported_with_its_line(schema_copy):
    path = schema_copy / "discourse.yaml"
    text = path.read_text(encoding="utf-8").replace("standing_members: {type: MEMBER_OF", "standing_members: {type: MEMBERS")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.startswith("standing_members:"))
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:{line}:") and "unknown relation type 'MEMBERS'" in e for e in errors), errors


def test_unknown_presupposed_type_and_source_kind_are_reported(schema_copy):
    path = schema_copy / "ontology.yaml"
    text = (path.read_text(encoding="utf-8").replace("presupposes: SANCTIONED", "presupposes: SANCTION")
            .replace("source_kinds: [person, country, organization, armed_group]", "source_kinds: [person, state]"))
    path.write_text(text, encoding="utf-8")
    errors = _errors(schema_copy)
    assert any(str(path) in e and "presupposes unknown type 'SANCTION'" in e for e in errors), errors
    assert any(str(path) in e and "unknown kind 'state'" in e for e in errors), errors


def test_a_part_named_beside_its_parent_tells_the_standing_tie(extractor):
    text = ("Instructors of the Africa Corps trained recruits near Gao, Moscow said.\n\n"
            "Fighters of JNIM were seen near Mopti.\n\nAl-Qaeda's leaders were silent.")
    rels = _relations(extractor, text)
    tie = rels[("AFRICA_CORPS", "AFFILIATED_WITH", "RUS")]
    assert tie.evidence[0].rule == "standing.parents" and tie.date is None and tie.modality == "fact"
    # al-Qaeda is named only in the next sentence (window 0 in discourse.yaml): JNIM's parent is not told
    assert not any(k[0] == "JNIM" and k[1] == "AFFILIATED_WITH" for k in rels)


def test_a_parent_named_far_from_its_part_tells_nothing(extractor):
    text = ("Russia signed a grain deal.\n\nThe weather was mild.\n\nTraffic was light.\n\n"
            "Markets opened late.\n\nWagner fighters left Bangui.")
    assert ("WAGNER", "AFFILIATED_WITH", "RUS") not in _relations(extractor, text)


def test_unknown_parent_is_reported_with_its_line(schema_copy):
    path = schema_copy / "gazetteer" / "armed_groups.yaml"
    text = path.read_text(encoding="utf-8").replace("parents: [RUS]", "parents: [RUSSIA_X]", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "parents: [RUSSIA_X]" in l)
    errors = _errors(schema_copy)
    assert any(e.startswith(f"{path}:{line}:") and "unknown parent 'RUSSIA_X'" in e for e in errors), errors


def test_a_force_named_beside_a_state_it_serves_in_tells_their_partnership(extractor):
    rels = _relations(extractor, "Convoys of the Africa Corps crossed northern Burkina Faso last week.\n\n"
                                 "The Africa Corps also trains troops in Mauritania, its spokesman said.")
    tie = rels.get(("AFRICA_CORPS", "COOPERATES_WITH", "BFA")) or rels[("BFA", "COOPERATES_WITH", "AFRICA_CORPS")]
    assert tie.evidence[0].rule == "standing.partners" and tie.date is None
    # Mauritania is no partner the gazetteer lists: only a rule could tell it
    assert not any("MRT" in k and "COOPERATES_WITH" in k for k in rels if rels[k].evidence[0].rule == "standing.partners")


_SIDES_LINE = "    sides: [organization, alliance, armed_group]"
_TWO_SIDES = ("Mauritania signed a fisheries accord with the European Union on Monday. "
              "The two sides also held talks on migration.")


def test_a_bloc_of_no_state_is_a_side_by_the_kinds_discourse_yaml_lists(schema_copy):
    """'the two sides' after an accord with the EU: the EU is a side because discourse.yaml says its kind is one."""
    def met(schema_dir):
        return ("MRT", "MET", "EU") in _relations(Extractor(load_schema(schema_dir)), _TWO_SIDES)
    assert met(schema_copy)
    path = schema_copy / "discourse.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(_SIDES_LINE) == 1
    path.write_text(text.replace(_SIDES_LINE, "    sides: []"), encoding="utf-8")
    assert not met(schema_copy)


def test_an_unknown_side_kind_is_reported_with_its_line(schema_copy):
    path = schema_copy / "discourse.yaml"
    text = path.read_text(encoding="utf-8").replace(_SIDES_LINE, "    sides: [organization, bloc]")
    path.write_text(text, encoding="utf-8")
    errors = _errors(schema_copy)
    assert any(str(path) in e and "unknown kind 'bloc'" in e for e in errors), errors
