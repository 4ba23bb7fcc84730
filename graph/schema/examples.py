"""Running every rule's examples (``geograph rules check`` and the test suite)."""
from __future__ import annotations

from ..documents import Document, parse_date
from .compiled import Schema

__all__ = ["run_examples"]


def run_examples(schema: Schema, extractor) -> list[str]:
    """Run every rule's examples; return one message per failure (file:line: ...)."""
    failures = []
    for rule in schema.rules:
        for ex in rule.examples:
            doc = Document.from_text(ex.text, id="example", published=parse_date(ex.published))
            got = [r for r in extractor.extract(doc)
                   if any(e.rule == rule.id for e in r.evidence)]
            where = f"{ex.file}:{ex.line}"
            if not ex.expect:
                facts = [r for r in got if r.modality == "fact"]
                if facts:
                    failures.append(f"{where}: rule {rule.id} must not match, but gave "
                                    + "; ".join(f"{r.source} {r.type} {r.target}" for r in facts))
                continue
            for want in ex.expect:
                if not any(_example_matches(want, r, schema) for r in got):
                    failures.append(
                        f"{where}: rule {rule.id} should give {want['source']} {want['type']} {want['target']}"
                        + (f" date={want['date']}" if "date" in want else "")
                        + (f" modality={want['modality']}" if "modality" in want else "")
                        + "; got " + ("; ".join(f"{r.source} {r.type} {r.target} date={r.date} "
                                               f"modality={r.modality}" for r in got) or "nothing"))
    return failures


def _example_matches(want: dict, rel, schema: Schema) -> bool:
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
    return rel.modality == want.get("modality", "fact")
