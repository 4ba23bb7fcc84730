"""Which parts of a schema an article's extraction reads: what ``geograph build`` re-extracts after an edit.

A compiled schema is cut into parts, each with a hash of what extraction reads of it:

* ``rule:<id>``: a relation rule as compiled (type, argument strategies, kinds, confidence) and its
  trigger patterns, shared lexicons expanded. Its examples and note do not count.
* ``entity:<id>``: a gazetteer entry as compiled (kind, names, country, roles, members) and every
  pattern that finds it (its aliases, demonyms and spellings, and those of entries that stand for it).
* ``file:<path>``: every other file extraction reads (languages, ontology, morphology, dates,
  discourse, titles, gazetteer/spelling.yaml), as parsed (comments and layout do not count), and
  ``lexicon``: the lengths of the lexicon's prefix patterns, in the order it tries them.
  Every article reads these.

An article reads the global parts, the rules and entities whose patterns occur in its text (found by
the lexicon scan extraction starts with, over every sentence) and the entities those name (country,
roles, members), transitively. :func:`article_parts` lists them in schema order with their hashes;
the list is stored with the article. Extraction reads nothing else of the schema, and matches keep
the order of the patterns found, so an article whose list is the same under a new schema gives the
same relations: it is not re-extracted. A part it read that changed, or a part now found in its
text, changes the list (:func:`changes` says how).

``candidates.yaml`` is not a part: only the curators' candidates report reads it.
"""
from __future__ import annotations

import hashlib
import json
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..extraction.standing import TIES

__all__ = ["SchemaParts", "schema_parts", "article_parts", "parts_fingerprint", "stale", "changes", "GLOBAL_NOTE"]

#: schema files (relative paths) no extraction reads: editing them re-extracts nothing
NOT_READ = ("candidates.yaml",)
#: folders whose files are cut into rules and entities (all their other files are global parts)
_SPLIT = {"rules": None, "gazetteer": "spelling.yaml"}
#: what a change report adds to a global part's line
GLOBAL_NOTE = ", which every article reads"


@dataclass(frozen=True)
class SchemaParts:
    """The parts of one compiled schema: name -> hash, their order, and each entity's closure."""

    fingerprint: str                          # the whole folder's (graph.provenance.schema_fingerprint)
    hashes: Mapping[str, str]                 # part name -> hash
    order: Mapping[str, int]                  # part name -> place in schema order (global parts first)
    global_names: tuple[str, ...]
    closure: Mapping[str, tuple[str, ...]]    # entity id -> the entities it names, transitively (itself too)

    def label(self, name: str) -> str:
        """How a part is named in reports: 'rule met.verb.ar', 'entity MLI', 'file languages/ar.yaml'.

        >>> SchemaParts("", {}, {}, (), {}).label("rule:met.verb.ar")
        'rule met.verb.ar'
        """
        kind, _, rest = name.partition(":")
        return f"{kind} {rest}" if rest else "lexicon prefix lengths"


def _digest(value: Any) -> str:
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=5).hexdigest()


_cache: dict[int, tuple[weakref.ref, SchemaParts]] = {}


def schema_parts(schema: Any) -> SchemaParts:
    """The parts of a compiled schema (computed once per schema object: tens of milliseconds).

    The memo holds its schemas weakly: a schema is hundreds of megabytes, and one a long-lived process
    (the tests, a server, a library user) has dropped must be freed with its parts.

    >>> import gc
    >>> from graph.schema.load import load_schema
    >>> schema = load_schema()
    >>> schema_parts(schema) is schema_parts(schema)
    True
    >>> key = id(schema); del schema; _ = gc.collect(); key in _cache
    False
    """
    key = id(schema)
    held = _cache.get(key)
    if held is not None and held[0]() is schema:
        return held[1]
    parts = _compute(schema)
    _cache[key] = (weakref.ref(schema, lambda _, key=key: _cache.pop(key, None)), parts)
    return parts


def _compute(schema: Any) -> SchemaParts:
    from ..provenance import schema_fingerprint

    root = Path(schema.path)
    hashes: dict[str, str] = {name: h for name, h in _global_files(root)}
    hashes["lexicon"] = _digest(tuple(schema.lexicon._prefix_lengths))   # the order _candidates tries them in
    global_names = tuple(hashes)
    triggers: dict[str, list[str]] = {}
    mentions: dict[str, list[tuple]] = {}
    for _toks, (category, payload), pattern in schema.lexicon._entries:
        if category == "trigger":
            triggers.setdefault(payload.id, []).append(pattern)
        elif category == "mention":
            # an entity's own patterns were added in the order of a set: sorted, so the hash is the same every run
            mentions.setdefault(payload.entity, []).append((pattern, payload.form, sorted(payload.exclude_before),
                                                            sorted(payload.exclude_after)))
    for eid, entity in schema.entities.items():
        ties = [sorted(w for w, parts in getattr(schema, key).items() if eid in parts) for key in TIES]
        hashes[f"entity:{eid}"] = _digest((entity, schema.members.get(eid, ()), sorted(mentions.get(eid, ())), ties))
    for rule in schema.rules:
        hashes[f"rule:{rule.id}"] = _digest((rule.id, rule.type, rule.source, rule.target, rule.source_kinds,
                                             rule.target_kinds, rule.confidence, triggers.get(rule.id, []),
                                             # (how it pairs and dates what it finds: extraction reads these too)
                                             rule.visit, rule.claims, rule.each_way, rule.joint, rule.respective,
                                             rule.outranks, rule.sides, rule.each_with, rule.parties))
    return SchemaParts(fingerprint=schema_fingerprint(root), hashes=hashes,
                       order={name: i for i, name in enumerate(hashes)}, global_names=global_names,
                       closure=_closures(schema.entities, schema.members))


def _global_files(root: Path) -> Iterable[tuple[str, str]]:
    """(``file:<path>``, hash of the parsed YAML) for every global file, in path order."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        folder, _, name = rel.partition("/")
        if rel in NOT_READ or (folder in _SPLIT and name != _SPLIT[folder]):
            continue
        data = yaml.load(path.read_bytes(), Loader=loader)     # noqa: S506 - a safe loader
        yield f"file:{rel}", _digest(json.dumps(data, sort_keys=True, ensure_ascii=False, default=str))


def _closures(entities: Mapping[str, Any], members: Mapping[str, tuple]) -> dict[str, tuple[str, ...]]:
    """Each entity and every entity its entry names (country, roles, members), transitively: what
    extraction may read when it finds the entity (``country_of``, a role's body, 'the member states')."""
    refs = {eid: {x for x in (e.country, *(r.of for r in e.roles), *members.get(eid, ())) if x in entities}
            for eid, e in entities.items()}
    out = {}
    for eid in entities:
        seen, todo = {eid}, [eid]
        while todo:
            for x in refs[todo.pop()] - seen:
                seen.add(x)
                todo.append(x)
        out[eid] = tuple(sorted(seen))
    return out


def article_parts(schema: Any, parts: SchemaParts, text: str) -> tuple[str, ...]:
    """The parts an article with this text reads, as ``name@hash`` in schema order.

    >>> from graph.rules import load_schema
    >>> schema = load_schema()
    >>> found = article_parts(schema, schema_parts(schema), "Lavrov met Diop in Moscow.")
    >>> found[0].startswith("file:"), [p.split("@")[0] for p in found if not p.startswith(("file:", "lexicon"))]
    (True, ['entity:ABDOULAYE_DIOP', 'entity:SERGEY_LAVROV', 'entity:MLI', 'entity:RUS', 'rule:met.en'])
    """
    from ..matcher import tokenize

    found: set[str] = set()
    scanner = schema.scanner   # (the lexicon's matches, from the automaton extraction scans with)
    for sentence in schema.sentence_rules.split(text):
        tokens = tokenize(sentence.norm.text)
        if tokens:
            for match in scanner.scan(tokens).first:
                category, payload = match.payload
                if category == "mention":
                    found.update(f"entity:{x}" for x in parts.closure[payload.entity])
                elif category == "trigger":
                    found.add(f"rule:{payload.id}")
    hashes, order = parts.hashes, parts.order
    names = [*parts.global_names, *sorted(found, key=order.__getitem__)]
    return tuple(f"{name}@{hashes[name]}" for name in names)


def parts_fingerprint(article: Iterable[str]) -> str:
    """A short hash of an article's parts: the ``schema`` of its evidence (the same parts, the same value).

    >>> parts_fingerprint(["rule:a@1"]) == parts_fingerprint(("rule:a@1",)) != parts_fingerprint(["rule:a@2"])
    True
    """
    return hashlib.sha256("\n".join(article).encode("utf-8")).hexdigest()[:16]


def stale(old: Iterable[str], parts: SchemaParts) -> list[str]:
    """Why an article must be extracted again, known without reading its text: the parts it read that
    changed or are gone ([] when none did; a part may still have come to match it: :func:`changes`).

    >>> stale(["rule:a@0", "rule:b@2", "rule:c@3"], SchemaParts("", {"rule:a": "1", "rule:c": "3"}, {}, (), {}))
    ['rule a changed', 'rule b removed']
    """
    old = list(old)
    if not old:
        return [_NOT_RECORDED]
    out = []
    for part in old:
        name, was = part.rsplit("@", 1)
        now = parts.hashes.get(name)
        if now != was:
            out.append(_line(name, "changed" if now is not None else "removed", parts))
    return out


def _line(name: str, what: str, parts: SchemaParts) -> str:
    note = GLOBAL_NOTE if name in parts.global_names or name.startswith("file:") else ""
    return f"{parts.label(name)} {what}{note}"


_NOT_RECORDED = "no schema parts recorded (stored before they were kept)"


def changes(old: Iterable[str], new: Iterable[str], parts: SchemaParts) -> list[str]:
    """Why an article's parts differ: one line per part ('rule met.verb.ar changed', '... now matches',
    '... no longer matches', '... removed'); global parts say that every article reads them.

    >>> p = SchemaParts("", {"rule:a": "1", "rule:c": "3"}, {}, (), {})
    >>> changes(["rule:a@0", "rule:b@2"], ["rule:a@1", "rule:c@3"], p)
    ['rule a changed', 'rule b removed', 'rule c now matches']
    >>> changes([], ["rule:a@1"], p)
    ['no schema parts recorded (stored before they were kept)']
    """
    old, new = list(old), list(new)
    if not old:
        return [_NOT_RECORDED]
    before = dict(p.rsplit("@", 1) for p in old)
    after = dict(p.rsplit("@", 1) for p in new)
    out = []
    for name in sorted(before.keys() | after.keys(), key=lambda n: (parts.order.get(n, len(parts.order)), n)):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        out.append(_line(name, "changed" if was and now else "now matches" if now
                         else "no longer matches" if name in parts.hashes else "removed", parts))
    if not out and old != new:
        out.append("the order of the rules or entries it reads changed")
    return out
