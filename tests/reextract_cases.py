"""Rebuilding after a schema edit re-extracts only what the edit affects; the same checks on every store
(tests/graph/test_reextract.py and tests/neo4j/test_reextract_bolt.py run them).

Each case builds the seeds and the construction articles (real files) with a schema, edits one part
of it (a rule's trigger added, a rule removed, an alias added, a language file changed), builds
again, and compares the graph whole with a clean build of the same articles with the edited schema.
"""
from __future__ import annotations

import functools
import shutil
from pathlib import Path

import yaml

from graph.extract import Extractor
from graph.ingest import build
from graph.inputs import read_documents
from graph.rules import load_schema
from graph.schema.parts import parts_fingerprint
from provenance_cases import DIOP_LANDAU, ROOT, SEEDS, _drop_a_rule, _every, early_constructions, shipped_schema

#: the seeds and the early construction articles: a fixed corpus that holds every case below (three builds of every
#: construction article in each of them had come to take a third of the suite's time)
CORPUS = [SEEDS, *early_constructions()]
TRIGGER = ("met.verb.ar", "التقى")            # "met": a meeting rule's trigger word
ALIAS = ("JOHN_MAHAMA", "جون ماهاما")          # Ghana's president, in Arabic


def full_snapshot(store) -> dict:
    """The whole graph: documents with what is kept of them (parts too), entities with every field, and
    edges with their derived fields and every field of their evidence."""
    edges = {}
    for e in store.edges(_every()):
        edges[e.id] = (e.source, e.type, e.target, e.date, e.modality, e.role, e.n_sources, e.documents,
                       e.first_reported, sorted(repr(sorted(ev.to_json().items())) for ev in e.evidence))
    return {"documents": sorted((d.id, d.published, d.outlet, d.lang, d.url, d.sha, d.schema, d.copy_of, d.parts)
                                for d in store.documents()),
            "entities": sorted(repr(sorted(e.to_json().items())) for e in store.entities()), "edges": edges}


def schema_copy(tmp: Path, name: str) -> Path:
    dest = tmp / name
    shutil.copytree(ROOT / "schema", dest)
    return dest


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def trigger_case() -> tuple[str, str, str]:
    """(rule file, rule id, trigger word): :data:`TRIGGER` while the corpus holds the word in an article
    the rule's other words do not reach, else the first such word of any rule (the rules change)."""
    return _trigger_case()


@functools.lru_cache(maxsize=1)
def _trigger_case() -> tuple[str, str, str]:
    from graph.matcher import tokenize

    schema = shipped_schema()
    hits: dict[tuple[str, str], set[str]] = {}
    for doc in read_documents(CORPUS):
        for sentence in schema.sentence_rules.split(doc.text):
            for m in schema.lexicon.find(tokenize(sentence.norm.text), overlapping=True):
                if m.payload[0] == "trigger":
                    hits.setdefault((m.payload[1].id, m.pattern), set()).add(doc.id)
    rules = {r.id: r for r in schema.rules}
    for (rule_id, word), docs in sorted(hits.items(), key=lambda kv: (kv[0] != TRIGGER, kv[0])):
        others = set().union(*(d for (r, w), d in hits.items() if r == rule_id and w != word))
        raw = yaml.safe_load(Path(rules[rule_id].file).read_text(encoding="utf-8"))
        rule = next(r for r in raw["rules"] if r.get("id") == rule_id)
        listed = [w for ws in (rule["trigger"].values() if isinstance(rule["trigger"], dict) else [rule["trigger"]])
                  for w in ws]
        if docs - others and others and word in listed and listed.count(word) == 1:
            return Path(rules[rule_id].file).name, rule_id, word
    raise AssertionError("no rule has a trigger word that occurs only in articles its other words miss")


def set_trigger(folder: Path, present: bool) -> None:
    """Put the trigger word of :func:`trigger_case` in its rule (last), or take it out."""
    file, rule_id, word = trigger_case()

    def change(data):
        rule = next(r for r in data["rules"] if r.get("id") == rule_id)
        lists = rule["trigger"] if isinstance(rule["trigger"], dict) else {None: rule["trigger"]}
        for lang, words in lists.items():
            if word in words or (present and lang == next(iter(lists))):
                kept = [w for w in words if w != word] + ([word] if present else [])
                if lang is None:
                    rule["trigger"] = kept
                else:
                    rule["trigger"][lang] = kept
    _edit_yaml(folder / "rules" / file, change)


def set_alias(folder: Path, present: bool) -> None:
    """Give :data:`ALIAS`'s entity its Arabic alias (the only one), or none in Arabic."""
    entity_id, alias = ALIAS

    def change(data):
        entry = next(e for e in data["entities"] if e.get("id") == entity_id)
        entry["aliases"] = {**({"ar": [alias]} if present else {}),
                            **{k: v for k, v in entry["aliases"].items() if k != "ar"}}
    _edit_yaml(folder / "gazetteer" / "people.yaml", change)


def add_abbreviation(folder: Path) -> None:
    """A language-file edit: one more English abbreviation (every article reads the language files)."""
    _edit_yaml(folder / "languages" / "en.yaml", lambda data: data["abbreviations"].append("Hon"))


def check_edit(open_store, tmp: Path, name: str, prepare, edit) -> tuple:
    """Build the corpus with the schema as ``prepare`` leaves it, ``edit`` it, build again: the graph
    equals a clean build's. (the report, the articles, and the parts each article read before the edit)."""
    folder = schema_copy(tmp, name)
    store = open_store()
    if prepare is None:
        first = shipped_schema()   # as shipped
    else:
        prepare(folder)
        first = load_schema(folder)
    assert build(store, CORPUS, Extractor(first), progress=False).added
    before = {d.id: d.parts for d in store.documents()}
    edited = edit(folder)
    after = load_schema(folder, cache=False)
    report = build(store, CORPUS, Extractor(after), progress=False)
    selective = full_snapshot(store)
    clean = open_store()
    build(clean, CORPUS, Extractor(after), progress=False)
    assert selective == full_snapshot(clean)
    # evidence carries the fingerprint of the parts its article read
    parts = {d[0]: d[-1] for d in selective["documents"]}
    for e in store.edges(_every()):
        assert {ev.schema for ev in e.evidence} == {parts_fingerprint(parts[ev.doc]) for ev in e.evidence}
    assert report.checked == len(before) and set(report.reextracted_ids) == set(report.replaced)
    return report, before, edited


def _reading(before: dict, name: str) -> set[str]:
    return {doc for doc, parts in before.items() if any(p.startswith(name + "@") for p in parts)}


def _containing(word: str) -> set[str]:
    return {d.id for d in read_documents(CORPUS) if word in d.text}


def check_trigger_added(open_store, tmp: Path) -> None:
    """The articles that used the rule, and those with the new trigger word; not the others."""
    report, before, _ = check_edit(open_store, tmp, "trigger", lambda f: set_trigger(f, False),
                                   lambda f: set_trigger(f, True))
    _file, rule_id, word = trigger_case()
    users, newly = _reading(before, f"rule:{rule_id}"), _containing(word) - _reading(before, f"rule:{rule_id}")
    assert users and newly, "the corpus should use the rule and hold the word elsewhere"
    assert set(report.reextracted_ids) == users | newly and len(report.reextracted_ids) < len(before) / 3
    assert report.reextracted == {f"rule {rule_id} changed": len(users), f"rule {rule_id} now matches": len(newly)}
    assert report.rules[rule_id][0] > 0, report.rules          # the word finds meetings it did not before
    assert report.schema_line().startswith(f"{len(users | newly)} of {len(before)} article(s) re-extracted")


def check_rule_removed(open_store, tmp: Path) -> None:
    """Only the articles the rule matched; its relations go (the Diop-Landau talks' rule)."""
    report, before, rule = check_edit(open_store, tmp, "removed", None, _drop_a_rule)
    users = _reading(before, f"rule:{rule}")
    assert users and set(report.reextracted_ids) == users and len(users) < len(before) / 2
    assert report.reextracted == {f"rule {rule} removed": len(users)}
    assert report.rules[rule][1] > 0 and report.rules[rule][0] == 0


def check_alias_added(open_store, tmp: Path) -> None:
    """The articles that named the entity already, and those where the new alias occurs."""
    report, before, _ = check_edit(open_store, tmp, "alias", lambda f: set_alias(f, False),
                                   lambda f: set_alias(f, True))
    entity_id, alias = ALIAS
    users, newly = _reading(before, f"entity:{entity_id}"), _containing(alias) - _reading(before, f"entity:{entity_id}")
    assert newly, "the corpus should hold the alias in an article that does not name the entity otherwise"
    assert set(report.reextracted_ids) == users | newly and len(users | newly) < len(before) / 3
    assert report.reextracted == {f"entity {entity_id} changed": len(users),
                                  f"entity {entity_id} now matches": len(newly)}


def check_language_file_changed(open_store, tmp: Path) -> None:
    """Every article reads the language files: all are re-extracted, and the report says why."""
    report, before, _ = check_edit(open_store, tmp, "language", None, add_abbreviation)
    assert set(report.reextracted_ids) == set(before)
    assert report.reextracted == {"file languages/en.yaml changed, which every article reads": len(before)}


def rename(folder: Path, entity_id: str, name: str) -> None:
    """A gazetteer edit that finds nothing new: an entry's English name (what the graph shows of it)."""
    def change(data):
        next(e for e in data["entities"] if e.get("id") == entity_id)["name"] = name
    _edit_yaml(next(p for p in sorted((folder / "gazetteer").glob("*.yaml"))
                    if f"id: {entity_id}\n" in p.read_text(encoding="utf-8")), change)


def check_country_renamed(open_store, tmp: Path) -> None:
    """A state's entry changed: the articles naming it, or naming anyone whose entry names it (its
    president), are re-extracted, and its node in the graph has the new name as in a clean build."""
    report, before, _ = check_edit(open_store, tmp, "country", None,
                                   lambda f: rename(f, "GHA", "Republic of Ghana"))
    users = _reading(before, "entity:GHA")
    assert users >= _reading(before, f"entity:{ALIAS[0]}") and set(report.reextracted_ids) == users
    assert report.reextracted == {"entity GHA changed": len(users)}


def check_no_change_rereads_nothing(open_store, tmp: Path) -> None:
    """A comment or an example edited: the folder's fingerprint changes, no article's parts do."""
    folder = schema_copy(tmp, "comment")
    store = open_store()
    build(store, [SEEDS], Extractor(shipped_schema()), progress=False)   # the same bytes
    ontology = folder / "ontology.yaml"
    ontology.write_text("# a curator's note\n" + ontology.read_text(encoding="utf-8"), encoding="utf-8")
    after = load_schema(folder, cache=False)
    report = build(store, [SEEDS], Extractor(after), progress=False)
    assert (report.checked, report.reextracted_ids, report.replaced) == (5, [], [])
    assert report.schema_line() == "0 of 5 article(s) re-extracted after the schema change: none reads a changed part"
    assert {d.schema for d in store.documents()} == {_fingerprint(folder)}
    again = build(store, [SEEDS], Extractor(after), progress=False)
    assert again.checked == 0 and len(again.skipped) == 5
    assert {tuple(sorted(DIOP_LANDAU))} <= {tuple(sorted((e.source, e.target))) for e in store.edges()}


def _fingerprint(folder: Path) -> str:
    from graph.provenance import schema_fingerprint
    return schema_fingerprint(folder)
