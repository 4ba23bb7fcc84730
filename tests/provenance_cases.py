"""Changing what is in the graph, the same checks on every store (tests/graph and tests/neo4j run them).

Each case builds a graph by some path (removal, replacement, a rule edit, another order) and a
clean build of the same articles with the same rules, and compares the two graphs whole.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from graph.documents import Document
from graph.extract import Extractor
from graph.ingest import build, ingest_documents, remove_documents
from graph.queries import who_met
from graph.provenance import schema_fingerprint
from graph.rules import load_schema

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DIOP_LANDAU = ("ABDOULAYE_DIOP", "CHRISTOPHER_LANDAU")


def early_constructions(below: int = 200) -> list[Path]:
    """The construction articles numbered below ``below``, as files in number order: a fixed corpus holding every
    kind of rule and anaphor, for checks that build or read articles several times (the constructions grow each
    round; all of them, read again and again, had come to take minutes of the suite)."""
    found = (ROOT / "tests" / "extraction" / "constructions").glob("c*.txt")
    return sorted((f for f in found if int(f.stem[1:]) < below), key=lambda f: int(f.stem[1:]))


def shipped_schema():
    """schema/ itself, compiled once for the run (cached). A copy of it elsewhere is compiled anew (the cache knows
    a folder by its path too); what an article read is named relative to its folder, so a graph built with this
    compares part by part with one built from an edited copy."""
    return load_schema(ROOT / "schema")


def snapshot(store) -> dict:
    """The whole graph, independent of how it was stored: documents, entities, and edges with
    their derived fields and evidence (sorted)."""
    edges = {}
    for e in store.edges(_every()):
        evidence = sorted((ev.doc, tuple(ev.sentence_span), ev.rule, ev.undated, ev.copy_of, ev.schema,
                           ev.published, ev.outlet) for ev in e.evidence)
        edges[e.id] = (e.source, e.type, e.target, e.date, e.modality, e.role, e.n_sources, e.documents,
                       e.first_reported, tuple(evidence))
    return {"documents": sorted((d.id, d.published, d.outlet, d.sha, d.schema, d.copy_of) for d in store.documents()),
            "entities": sorted(e.id for e in store.entities()), "edges": edges}


def _every():
    from graph.stores.base import EdgeFilter
    return EdgeFilter(modalities=None)


def seed_documents() -> list[Document]:
    from graph.inputs import read_documents
    return list(read_documents([SEEDS]))


def diop_landau(store, schema) -> list:
    return [m for m in who_met(store, "ABDOULAYE_DIOP", "CHRISTOPHER_LANDAU", schema=schema)]


def check_seeds_meet_once(store, schema) -> None:
    ingest_documents(store, seed_documents(), Extractor(schema))
    meetings = diop_landau(store, schema)
    assert [(m.date, m.sources) for m in meetings] == [("2025-11-04", 3)], meetings


def check_order_does_not_matter(open_store, schema) -> None:
    """Undated first, then the dated reports that draw it (and the reverse): one graph."""
    docs = seed_documents()
    first = open_store()
    ingest_documents(first, docs, Extractor(schema))
    forward = snapshot(first)
    second = open_store()
    ingest_documents(second, list(reversed(docs)), Extractor(schema))
    assert snapshot(second) == forward


def country_level(store, schema) -> list:
    """Mali's meetings at country level (the roll-up, and on the embedded store its cached index)."""
    return [(m.a, m.b, m.date, m.documents) for m in who_met(store, "MLI", level="country", schema=schema)]


def check_remove(open_store, schema) -> None:
    docs = seed_documents()
    store = open_store()
    ingest_documents(store, docs, Extractor(schema))
    gone = ["000_78dd3b09c3dc0569", "001_7cda91046080cc81"]
    assert ("MLI", "USA", "2025-11-04") in [m[:3] for m in country_level(store, schema)]
    assert remove_documents(store, gone + ["not-there"]) == ["not-there"]
    after = snapshot(store)
    after_country = country_level(store, schema)
    assert "2025-11-04" not in [m[2] for m in after_country]
    # the undated report of 002 goes back to undated once the dated edge's articles are gone
    assert [(m.date, m.documents) for m in diop_landau(store, schema)] == [(None, ("002_5a6120847c90cc8d",))]
    clean = open_store()
    ingest_documents(clean, [d for d in docs if d.id not in gone], Extractor(schema))
    assert snapshot(clean) == after and country_level(clean, schema) == after_country
    ingest_documents(clean, [d for d in docs if d.id in gone], Extractor(schema))
    readded = snapshot(clean)
    full = open_store()
    ingest_documents(full, docs, Extractor(schema))
    assert readded == snapshot(full)


def check_replace(open_store, schema) -> None:
    import datetime as dt
    import dataclasses

    docs = seed_documents()
    store = open_store()
    ingest_documents(store, docs, Extractor(schema))
    changed = [dataclasses.replace(d, published=dt.date(2025, 11, 20), outlet="Other") if d.id.startswith("002")
               else d for d in docs]
    report = ingest_documents(store, changed, Extractor(schema))
    assert report.replaced == ["002_5a6120847c90cc8d"] and len(report.skipped) == 4
    again = ingest_documents(store, changed, Extractor(schema))
    assert again.replaced == [] and len(again.skipped) == 5
    replaced = snapshot(store)
    clean = open_store()
    ingest_documents(clean, changed, Extractor(schema))
    assert replaced == snapshot(clean)


def edited_schema(tmp: Path) -> Path:
    """A copy of the shipped schema, to edit (:func:`_drop_a_rule`)."""
    dest = tmp / "schema-edited"
    shutil.copytree(ROOT / "schema", dest)
    return dest


def check_rule_edit(open_store, tmp: Path) -> None:
    folder = edited_schema(tmp)
    before = shipped_schema()                      # the copy's bytes, as yet
    store = open_store()
    build(store, [SEEDS], Extractor(before), progress=False)
    rule = _drop_a_rule(folder)
    after = load_schema(folder, cache=False)
    report = build(store, [SEEDS], Extractor(after), progress=False)
    assert report.replaced and rule in report.rules and report.rules[rule][1] > 0, report.rules
    rebuilt = snapshot(store)
    clean = open_store()
    build(clean, [SEEDS], Extractor(after), progress=False)
    assert rebuilt == snapshot(clean)
    # every article was checked against the edited schema; its evidence carries the fingerprint of the
    # schema parts it read (graph.schema.parts)
    assert {d[4] for d in rebuilt["documents"]} == {schema_fingerprint(folder)}
    fingerprints = {ev[5] for e in rebuilt["edges"].values() for ev in e[-1]}
    assert None not in fingerprints and 1 < len(fingerprints) <= len(rebuilt["documents"])


def _drop_a_rule(folder: Path) -> str:
    """Delete the rule that made the seeds' Diop-Landau meeting from its YAML file; its id."""
    import yaml

    from graph.extract import Extractor as _E

    assert schema_fingerprint(folder) == schema_fingerprint(ROOT / "schema"), "drop a rule from an unedited copy"
    schema = shipped_schema()
    docs = seed_documents()
    rules = {ev.rule for d in docs for r in _E(schema).extract(d) for ev in r.evidence
             if r.type == "MET" and {r.source, r.target} == set(DIOP_LANDAU)}
    for path in sorted((folder / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = data.get("rules") if isinstance(data, dict) else data
        if not isinstance(items, list):
            continue
        kept = [r for r in items if not (isinstance(r, dict) and r.get("id") in rules)]
        if len(kept) != len(items):
            dropped = next(r["id"] for r in items if isinstance(r, dict) and r.get("id") in rules)
            kept = [r for r in items if not (isinstance(r, dict) and r.get("id") == dropped)]
            if isinstance(data, dict):
                data["rules"] = kept
            else:
                data = kept
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            return dropped
    raise AssertionError(f"no rule file holds {rules}")


def check_republished_copy(open_store, schema) -> None:
    """The same story in two outlets (one with other spacing and punctuation): one source, both outlets."""
    import datetime as dt

    text = (SEEDS / "000_78dd3b09c3dc0569.txt").read_text(encoding="utf-8")
    copy = text.replace("،", " ، ").replace("\n\n", "\n\n\n")
    day = dt.date(2025, 11, 5)
    docs = [Document.from_text(text, id="b-original", published=day, outlet="Outlet A"),
            Document.from_text(copy, id="a-copy", published=day, outlet="Outlet B"),
            Document.from_text((SEEDS / "002_5a6120847c90cc8d.txt").read_text(encoding="utf-8"), id="c-other",
                               published=dt.date(2025, 11, 6), outlet="Outlet C")]
    store = open_store()
    for doc in docs:      # one at a time: the copy (a smaller id) comes after its original is stored
        ingest_documents(store, [doc], Extractor(schema))
    met = [e for e in store.edges() if e.type == "MET" and {e.source, e.target} == set(DIOP_LANDAU)]
    assert [(e.date, e.documents, e.n_sources, e.outlets) for e in met] == [
        ("2025-11-04", ["a-copy", "b-original", "c-other"], 2, ["Outlet A", "Outlet B", "Outlet C"])]
    summary = [s for s in store.summaries() if s.id == met[0].id]
    assert summary[0].n_sources == 2
    assert {d.id: d.copy_of for d in store.documents()} == {"a-copy": None, "b-original": "a-copy", "c-other": None}
    # who-met counts the copy once too, at person and at country level
    assert [(m.date, m.sources, len(m.documents)) for m in diop_landau(store, schema)] == [("2025-11-04", 2, 3)]
    assert [(m.sources, len(m.documents)) for m in who_met(store, "MLI", level="country", schema=schema)
            if m.date == "2025-11-04"] == [(2, 3)]
    together = snapshot(store)
    remove_documents(store, ["a-copy"])
    assert [e.n_sources for e in store.edges() if e.id == met[0].id] == [2]
    assert all(ev.copy_of is None for e in store.edges() for ev in e.evidence)
    other = open_store()
    ingest_documents(other, list(reversed(docs)), Extractor(schema))
    assert snapshot(other) == together
