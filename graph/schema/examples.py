"""Running every rule's examples (``geograph rules check`` and the test suite).

Examples are closed-world: an example lists *every* relation its sentence
gives, whichever rule makes it, facts and (with ``modality``) negated, future
and attempted ones. The sentence must give each listed relation (with that
modality, that date when one is listed) and nothing else.

>>> want = {"source": "A", "type": "MET", "target": "B"}
>>> describe(want), describe({**want, "modality": "future", "date": "2025-11"})
('A MET B', 'A MET B date=2025-11 modality=future')
"""
from __future__ import annotations

from ..documents import Document, parse_date
from .compiled import Example, Rule, Schema

__all__ = ["run_examples", "states_fact_of", "describe"]

FACT = "fact"


def run_examples(schema: Schema, extractor) -> list[str]:
    """Run every rule's examples; return one message per failure (file:line: ...)."""
    failures = []
    for rule in schema.rules:
        for ex in rule.examples:
            failures += check_example(schema, extractor, rule, ex)
    return failures


def check_example(schema: Schema, extractor, rule: Rule, ex: Example) -> list[str]:
    """What is wrong with one example: listed relations that do not come, relations it does not list."""
    doc = Document.from_text(ex.text, id="example", published=parse_date(ex.published))
    got = extractor.extract(doc)
    where = f"{ex.file}:{ex.line}: rule {rule.id}"
    gives = "; ".join(f"{describe(_as_dict(r))} [{r.evidence[0].rule}]" for r in got) or "nothing"
    out = [f"{where}: should give {describe(want)}; gives {gives}"
           for want in ex.expect if not any(_matches(want, r, schema) for r in got)]
    out += [f"{where}: gives {describe(_as_dict(r))} [{r.evidence[0].rule}], which the example does not list "
            "(list every relation the sentence gives, non-facts with their modality)"
            for r in got if not any(_matches(want, r, schema) for want in ex.expect)]
    return out


def states_fact_of(ex: Example, relation_type: str) -> bool:
    """Does the example list a fact of this type? (A rule needs examples that do and examples that do not.)"""
    return any(want["type"] == relation_type and want.get("modality", FACT) == FACT for want in ex.expect)


def describe(want: dict) -> str:
    """'A MET B date=... modality=...' (date and modality only when given and not a fact)."""
    out = f"{want['source']} {want['type']} {want['target']}"
    if want.get("date") is not None:
        out += f" date={want['date']}"
    if want.get("modality", FACT) != FACT:
        out += f" modality={want['modality']}"
    return out


def _as_dict(rel) -> dict:
    return {"source": rel.source, "type": rel.type, "target": rel.target, "date": rel.date, "modality": rel.modality}


def _matches(want: dict, rel, schema: Schema) -> bool:
    if rel.type != want["type"]:
        return False
    pair = (rel.source, rel.target)
    ok = pair == (want["source"], want["target"])
    if not ok and schema.relation_types[rel.type].symmetric:
        ok = pair == (want["target"], want["source"])
    if not ok:
        return False
    if "date" in want and rel.date != want["date"]:
        return False
    return rel.modality == want.get("modality", FACT)
