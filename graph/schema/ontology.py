"""``ontology.yaml``: the relation types (symmetric or not, CAMEO, PLOVER) and the entity kinds."""
from __future__ import annotations

from pathlib import Path

from .compiled import RelationType
from .yamlio import Reader, line_of

__all__ = ["load_ontology"]


def load_ontology(path: Path, reader: Reader) -> tuple[dict[str, RelationType], list[str]]:
    """Relation types by name, and the entity kinds in the order written."""
    data = reader.yaml(path)
    types: dict[str, RelationType] = {}
    kinds: list[str] = []
    if not isinstance(data, dict):
        if data is not None:
            reader.add(path, 1, "expected a mapping with relation_types and entity_kinds")
        return types, kinds
    kinds = list((data.get("entity_kinds") or {}).keys())
    if not kinds:
        reader.add(path, line_of(data), "entity_kinds is missing or empty")
    rts = data.get("relation_types")
    if not isinstance(rts, dict) or not rts:
        reader.add(path, line_of(data), "relation_types is missing or empty")
        return types, kinds
    for name, spec in rts.items():
        line = line_of(rts, name)
        if not isinstance(spec, dict):
            reader.add(path, line, f"relation type {name}: expected a mapping")
            continue
        reader.check_keys(spec, ("symmetric", "meaning", "cameo", "plover", "note", "multiparty", "source_kinds",
                                 "presupposes", "acts_for_body", "members_take_part", "two_sides",
                                 "leaves_own"),
                          ("symmetric", "meaning"), path, f"relation type {name}")
        if spec.get("multiparty") and not spec.get("symmetric"):
            reader.add(path, line, f"relation type {name}: multiparty needs symmetric")
        if spec.get("members_take_part") and not spec.get("multiparty"):
            reader.add(path, line, f"relation type {name}: members_take_part needs multiparty")
        if (spec.get("cameo") is None or spec.get("plover") is None) and not spec.get("note"):
            reader.add(path, line, f"relation type {name}: a null cameo/plover code needs a note saying why")
        source_kinds = spec.get("source_kinds")
        if source_kinds is not None:
            source_kinds = tuple(reader.str_list(source_kinds, path, line, f"relation type {name}"))
            for k in source_kinds:
                if k not in kinds:
                    reader.add(path, line_of(spec, "source_kinds", line), f"relation type {name}: unknown kind {k!r}")
        types[name] = RelationType(name, bool(spec.get("symmetric")), str(spec.get("meaning", "")),
                                   spec.get("cameo"), spec.get("plover"), spec.get("note"),
                                   bool(spec.get("multiparty")), source_kinds, spec.get("presupposes"),
                                   bool(spec.get("acts_for_body")), bool(spec.get("members_take_part")),
                                   bool(spec.get("two_sides")), bool(spec.get("leaves_own")))
    for name, rtype in types.items():
        if rtype.presupposes is not None and rtype.presupposes not in types:
            reader.add(path, line_of(rts, name), f"relation type {name}: presupposes unknown type {rtype.presupposes!r}")
    return types, kinds
